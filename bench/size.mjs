// Bytes shipped for the same job: this package's .wasm + JS glue, gzipped, beside each JS
// contender bundled with esbuild (bundle + minify, browser, ESM) and gzipped.
// Usage: node bench/size.mjs [--pkg DIR]   (DIR holds web/ and forms/web/; default: pkg/)
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
export const FORMS_SIZE_TARGET_BYTES = 45 * 1024;

/** The .wasm and the web glue as an app ships them: bundled and minified, `init` and `validate` used. */
async function packageRow(name, webDir, what) {
  const wasm = fs.readFileSync(path.join(webDir, "group_payloads_bg.wasm"));
  const glue = await bundle(null, `export { default, validate } from ${JSON.stringify(path.join(webDir, "group_payloads.js"))};`);
  return {
    name,
    raw: wasm.length + glue.length,
    gzip: gz(wasm) + gz(glue),
    note: `.wasm ${(wasm.length / 1024).toFixed(1)} KiB raw / ${(gz(wasm) / 1024).toFixed(1)} KiB gz; web glue min ${(glue.length / 1024).toFixed(1)} KiB / ${(gz(glue) / 1024).toFixed(1)} KiB gz; ${what}`,
  };
}

/** [{name, raw, gzip, note}]: the package, its forms build, and each contender. */
export async function measureSizes(pkgRoot = path.join(here, "..", "pkg")) {
  const rows = [
    await packageRow("group-payloads (wasm + glue)", path.join(pkgRoot, "web"), "the whole API (validate, build + sign, parse)"),
    await packageRow("group-payloads/forms (wasm + glue)", path.join(pkgRoot, "forms", "web"), "validation, constraints, schemas, measure/truncate; no building, signing or response parsing"),
  ];
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
  const [full, forms] = rows;
  console.log(`\nTarget wasm + glue <= 100 KiB gzipped: ${(full.gzip / 1024).toFixed(1)} KiB -> ${full.gzip <= SIZE_TARGET_BYTES ? "met" : "MISSED"}`);
  console.log(`Target forms wasm + glue <= 45 KiB gzipped: ${(forms.gzip / 1024).toFixed(1)} KiB -> ${forms.gzip <= FORMS_SIZE_TARGET_BYTES ? "met" : "MISSED"}`);
}
