// Bytes shipped for the same job: this package's .wasm + JS glue, gzipped, beside each JS
// contender bundled with esbuild (bundle + minify, browser, ESM) and gzipped.
// Usage: node bench/size.mjs [--pkg DIR]   (DIR holds node/ and web/; default: pkg/)
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

async function bundle(entry, contents) {
  const result = await build({
    ...(contents ? { stdin: { contents, resolveDir: here, loader: "js" } } : { entryPoints: [entry] }),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    absWorkingDir: here,
  });
  return Buffer.from(result.outputFiles[0].contents);
}

export const SIZE_TARGET_BYTES = 100 * 1024;

/** [{name, raw, gzip, note}] for the package and each contender. */
export async function measureSizes(pkgRoot = path.join(here, "..", "pkg")) {
  const rows = [];
  const webDir = path.join(pkgRoot, "web");
  const nodeDir = path.join(pkgRoot, "node");
  const wasmPath = fs.existsSync(path.join(webDir, "group_payloads_bg.wasm"))
    ? path.join(webDir, "group_payloads_bg.wasm")
    : path.join(nodeDir, "group_payloads_bg.wasm");
  const wasm = fs.readFileSync(wasmPath);
  const glueDir = fs.existsSync(path.join(webDir, "group_payloads.js")) ? webDir : nodeDir;
  // The glue as an app ships it: bundled and minified (only `validate` and `init` used).
  const glue = glueDir === webDir
    ? await bundle(null, `export { default, validate } from ${JSON.stringify(path.join(webDir, "group_payloads.js"))};`)
    : fs.readFileSync(path.join(nodeDir, "group_payloads.js"));
  rows.push({
    name: "group-payloads (wasm + glue)",
    raw: wasm.length + glue.length,
    gzip: gz(wasm) + gz(glue),
    note: `.wasm ${(wasm.length / 1024).toFixed(1)} KiB raw / ${(gz(wasm) / 1024).toFixed(1)} KiB gz; ${glueDir === webDir ? "web" : "node"} glue min ${(glue.length / 1024).toFixed(1)} KiB / ${(gz(glue) / 1024).toFixed(1)} KiB gz; the whole API (validate, build + sign, parse), not tree-shakeable`,
  });
  for (const file of ["plain", "ajv", "zod", "valibot"]) {
    const out = await bundle(path.join(here, "contenders", `${file}.mjs`));
    const mod = await import(`./contenders/${file}.mjs`);
    rows.push({ name: mod.name, raw: out.length, gzip: gz(out), note: "both providers' rules, bundled + minified" });
  }
  return rows;
}

export function sizeTable(rows) {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const lines = ["| bundle | minified | gzip -9 | notes |", "| --- | ---: | ---: | --- |"];
  for (const r of rows) lines.push(`| ${r.name} | ${kib(r.raw)} | ${kib(r.gzip)} | ${r.note} |`);
  return lines.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--pkg");
  const rows = await measureSizes(i > 0 ? path.resolve(process.argv[i + 1]) : undefined);
  console.log(sizeTable(rows));
  const pkg = rows[0];
  console.log(`\nTarget wasm + glue <= 100 KiB gzipped: ${(pkg.gzip / 1024).toFixed(1)} KiB -> ${pkg.gzip <= SIZE_TARGET_BYTES ? "met" : "MISSED"}`);
}
