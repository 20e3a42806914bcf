// The benchmark: this package against ajv, zod, valibot and plain JS, in one run.
//
//   npm ci --prefix bench && node bench/run.mjs [--reps 9] [--sample-ms 100] [--quick]
//                         [--clock cpu|wall] [--pkg DIR] [--startup-runs 11] [--no-size]
//
// One Node process, the same rules (the geelark and tencent-iai declarations) in ajv, zod, valibot and
// plain JS, the same deterministic data (bench/data.mjs). First every contender must reach the
// package's verdict and error paths on every payload (exit 1 otherwise); then median ns/op
// after warm-up over several interleaved samples, each contender's ratio to the package,
// bundle sizes (bench/size.mjs) and the package's start-up time in fresh processes.
// DIR is a built package root (node/, web/); default ../pkg, copied to a temp dir first so a
// rebuild during the run cannot change what is measured.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as data from "./data.mjs";
import http from "node:http";
import { FORMS_SIZE_TARGET_BYTES, SIZE_TARGET_BYTES, measureSizes, sizeTable } from "./size.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const quick = flag("quick");
const REPS = Number(option("reps", quick ? 5 : 9));
const SAMPLE_MS = Number(option("sample-ms", quick ? 40 : 100));
const WARMUP_MS = quick ? 100 : 300;
const STARTUP_RUNS = Number(option("startup-runs", quick ? 5 : 11));
const log = (...a) => console.error(...a); // progress on stderr, the report on stdout

// ------------------------------------------------------------------ the package, copied
const pkgRoot = path.resolve(option("pkg", path.join(here, "..", "pkg")));
const copyRoot = fs.mkdtempSync(path.join(os.tmpdir(), "group-payloads-bench-"));
for (const sub of ["node", "web", "forms"]) {
  if (fs.existsSync(path.join(pkgRoot, sub))) fs.cpSync(path.join(pkgRoot, sub), path.join(copyRoot, sub), { recursive: true });
}
process.on("exit", () => fs.rmSync(copyRoot, { recursive: true, force: true }));
const gluePath = path.join(copyRoot, "node", "group_payloads.js");
if (!fs.existsSync(gluePath)) {
  console.error(`no built package at ${pkgRoot}/node: run SKIP_SETUP=1 bash scripts/build.sh`);
  process.exit(2);
}
const gp = createRequire(import.meta.url)(gluePath);

const pkgSummary = (r) => ({ ok: r.ok, paths: r.errors.map((e) => e.path) });
const PROVIDER_FN = { geelark: "geelark", "tencent-iai": "tencent" };

const contenders = [
  {
    name: "group-payloads",
    key: "package",
    geelark: (p) => gp.validate("geelark", p),
    tencent: (p) => gp.validate("tencent-iai", p),
    // JSON text straight into wasm: no JS objects built.
    geelarkJson: (text) => gp.validateJson("geelark", text),
    tencentJson: (text) => gp.validateJson("tencent-iai", text),
    // A form's keystroke: the issues of one field (none for these, all of them errors).
    groupName: (value) => gp.validateField("tencent-iai", "GroupName", value).length === 0,
    summarize: pkgSummary,
  },
];
for (const file of ["plain", "ajv", "zod", "valibot"]) {
  const m = await import(`./contenders/${file}.mjs`);
  contenders.push({
    name: m.name,
    key: file,
    geelark: m.geelark,
    tencent: m.tencent,
    // From JSON text, a JS validator needs JSON.parse first.
    geelarkJson: (text) => m.geelark(JSON.parse(text)),
    tencentJson: (text) => m.tencent(JSON.parse(text)),
    groupName: m.groupName,
    summarize: m.summarize,
  });
}
/** The contender's function for a case: one field, or by provider from objects or JSON text. */
const fnFor = (c, cs) => c[cs.field ?? PROVIDER_FN[cs.provider] + (cs.json ? "Json" : "")];

// ------------------------------------------------------------------ cases
log("generating data…");
const geelarkBatch = data.geelarkBatch(10_000, 0.05);
const tencent10k = data.tencentPayloads(10_000, 0.2);
const cases = [
  { id: "geelark-small", provider: "geelark", title: "GeeLark, 1 small valid payload (keystroke)", payloads: [data.geelarkSmall] },
  { id: "tencent-small", provider: "tencent-iai", title: "Tencent, 1 small valid payload (keystroke)", payloads: [data.tencentSmall] },
  { id: "geelark-invalid", provider: "geelark", title: "GeeLark, 1 payload with 6 errors", payloads: [data.geelarkInvalid] },
  { id: "tencent-invalid", provider: "tencent-iai", title: "Tencent, 1 payload with 9 errors", payloads: [data.tencentInvalid] },
  { id: "geelark-batch", provider: "geelark", title: "GeeLark, batch of 10,000 groups (~5% invalid)", payloads: [geelarkBatch] },
  { id: "tencent-10k", provider: "tencent-iai", title: "Tencent, 10,000 payloads (~20% invalid), one call each", payloads: tencent10k },
  {
    id: "tencent-field",
    provider: "tencent-iai",
    field: "groupName",
    title: "Tencent GroupName, one field (keystroke: validateField; others the field's schema)",
    payloads: [data.tencentSmall.GroupName],
  },
  {
    id: "geelark-batch-json",
    provider: "geelark",
    json: true,
    title: "GeeLark, the same batch from JSON text (validateJson; others JSON.parse first)",
    payloads: [JSON.stringify(geelarkBatch)],
  },
  {
    id: "tencent-10k-json",
    provider: "tencent-iai",
    json: true,
    title: "Tencent, the same 10,000 from JSON text",
    payloads: tencent10k.map((p) => JSON.stringify(p)),
  },
];

// ------------------------------------------------------------------ 1. same verdicts
function sameVerdicts() {
  const sorted = (a) => [...a].sort();
  let checked = 0;
  const fail = (what, provider, payload, c, got, want) => {
    console.error(`\nMISMATCH (${what}) ${provider} / ${c.name}`);
    console.error("payload :", JSON.stringify(payload)?.slice(0, 400));
    const missing = want.paths.filter((x) => !got.paths.includes(x));
    const extra = got.paths.filter((x) => !want.paths.includes(x));
    console.error(`package : ok=${want.ok}, ${want.paths.length} errors`);
    console.error(`${c.name}: ok=${got.ok}, ${got.paths.length} errors`);
    console.error("only in package :", JSON.stringify(missing.slice(0, 20)));
    console.error(`only in ${c.name}:`, JSON.stringify(extra.slice(0, 20)));
    for (const x of [...missing, ...extra].slice(0, 5)) {
      const m = x.match(/^list\[(\d+)\]/);
      if (m) console.error(`  list[${m[1]}] =`, JSON.stringify(payload.list[m[1]])?.slice(0, 200));
    }
    process.exit(1);
  };
  const groups = [
    ...cases.filter((cs) => !cs.field),
    { id: "edge cases", provider: "geelark", payloads: data.geelarkEdge },
    { id: "edge cases", provider: "tencent-iai", payloads: data.tencentEdge },
  ];
  for (const g of groups) {
    for (const payload of g.payloads) {
      const want = contenders[0].summarize(fnFor(contenders[0], g)(payload));
      const wantPaths = sorted(want.paths);
      for (const c of contenders.slice(1)) {
        const got = c.summarize(fnFor(c, g)(payload));
        const gotPaths = sorted(got.paths);
        if (got.ok !== want.ok || gotPaths.length !== wantPaths.length || gotPaths.some((p, i) => p !== wantPaths[i]))
          fail(g.id, g.provider, g.json ? JSON.parse(payload) : payload, c, { ok: got.ok, paths: gotPaths }, { ok: want.ok, paths: wantPaths });
        checked++;
      }
    }
  }
  // One field: the same verdict on every GroupName of the Tencent data and the edge cases.
  for (const cs of cases.filter((cs) => cs.field)) {
    const values = [...tencent10k, ...data.tencentEdge].map((p) => p?.GroupName);
    for (const value of values) {
      const want = fnFor(contenders[0], cs)(value);
      for (const c of contenders.slice(1)) {
        if (fnFor(c, cs)(value) !== want) {
          console.error(`\nMISMATCH (${cs.id}) ${c.name} on ${JSON.stringify(value)?.slice(0, 200)}: package says ${want}`);
          process.exit(1);
        }
        checked++;
      }
    }
  }
  return checked;
}

log("checking that every contender agrees with the package…");
const checked = sameVerdicts();
const batchReport = gp.validate("geelark", geelarkBatch);
const badItems = new Set(batchReport.errors.map((e) => e.path.match(/^list\[(\d+)\]/)?.[1]));
const tencentBad = tencent10k.filter((p) => !gp.validate("tencent-iai", p).ok).length;
const caseFacts = {
  "geelark-invalid": `${gp.validate("geelark", data.geelarkInvalid).errors.length} errors`,
  "tencent-invalid": `${gp.validate("tencent-iai", data.tencentInvalid).errors.length} errors`,
  "geelark-batch": `${badItems.size} invalid items, ${batchReport.errors.length} errors`,
  "tencent-10k": `${tencentBad} invalid payloads`,
};
log(`ok: ${checked} (payload, contender) verdicts and error paths identical to the package`);

// ------------------------------------------------------------------ 2. timing
// CPU time by default: on a shared 2-core machine where others compile, wall time mostly
// measures the scheduler. (process.cpuUsage counts the whole process, V8's GC and compiler
// helper threads included: work the contender causes.) --clock wall for wall time.
const CLOCK = option("clock", "cpu");
const now =
  CLOCK === "wall"
    ? () => Number(process.hrtime.bigint())
    : () => {
        const u = process.cpuUsage();
        return (u.user + u.system) * 1000;
      };
let sink = 0;
function runOnce(fn, payloads, iters) {
  const t0 = now();
  for (let k = 0; k < iters; k++) {
    for (let j = 0; j < payloads.length; j++) {
      const r = fn(payloads[j]);
      if (r) sink++;
    }
  }
  return (now() - t0) / iters; // ns per op (op = one pass over payloads)
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = {}; // case id -> contender key -> {median, samples}
for (const cs of cases) {
  log(`timing: ${cs.title}`);
  const entries = contenders.map((c) => {
    const fn = fnFor(c, cs);
    // Warm-up (JIT tiers, wasm tier-up) and calibration: one sample lasts about SAMPLE_MS.
    let iters = 1;
    const end = Date.now() + WARMUP_MS;
    let ns = runOnce(fn, cs.payloads, 1);
    while (Date.now() < end) {
      const t0 = process.hrtime.bigint();
      runOnce(fn, cs.payloads, iters);
      ns = Number(process.hrtime.bigint() - t0) / iters;
      iters = Math.min(iters * 2, 1 << 20);
    }
    // Calibrated on wall time, which is never below CPU time: samples are at most SAMPLE_MS long.
    return { c, fn, iters: Math.max(1, Math.round((SAMPLE_MS * 1e6) / ns)), samples: [] };
  });
  // Interleaved: each repetition samples every contender, starting with a different one, so
  // load from other processes on this shared machine hits all of them alike.
  for (let rep = 0; rep < REPS; rep++) {
    for (let k = 0; k < entries.length; k++) {
      const e = entries[(k + rep) % entries.length];
      e.samples.push(runOnce(e.fn, cs.payloads, e.iters));
    }
  }
  results[cs.id] = Object.fromEntries(entries.map((e) => [e.c.key, { median: median(e.samples), samples: e.samples }]));
}

// ------------------------------------------------------------------ 3. start-up
log("start-up: require + first validate, fresh processes…");
const startupScript = (glue) => `
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const c0 = cpu(), t0 = performance.now();
const gp = require(${JSON.stringify(glue)});
const c1 = cpu(), t1 = performance.now();
gp.validate("geelark", ${JSON.stringify(data.geelarkSmall)});
const c2 = cpu(), t2 = performance.now();
process.stdout.write(JSON.stringify({ require: t1 - t0, first: t2 - t1, cpu: c2 - c0 }));`;
function nodeStartup(glue) {
  const runs = [];
  for (let i = 0; i < STARTUP_RUNS; i++) runs.push(JSON.parse(execFileSync(process.execPath, ["-e", startupScript(glue)], { encoding: "utf8" })));
  return {
    require: median(runs.map((s) => s.require)),
    first: median(runs.map((s) => s.first)),
    total: median(runs.map((s) => s.require + s.first)),
    cpu: median(runs.map((s) => s.cpu)),
  };
}
const startup = nodeStartup(gluePath);
const formsStartup = nodeStartup(path.join(copyRoot, "forms", "node", "group_payloads.js"));

// The forms build in headless Chromium: `await init()` (fetch + compile + instantiate the .wasm)
// and the first validate, once its JS modules are loaded, in a fresh page each run, served from
// localhost. Skipped without Chromium.
async function chromiumStartup(webDir) {
  const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
  let chromium;
  try {
    ({ chromium } = createRequire(path.join(here, "..", "package.json"))("playwright-core"));
  } catch {
    return null;
  }
  if (!fs.existsSync(chromiumPath)) return null;
  const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
  const server = http.createServer((req, res) => {
    const file = path.join(webDir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(webDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "text/html", "cache-control": "no-store" });
    res.end(fs.readFileSync(file));
  });
  fs.writeFileSync(path.join(webDir, "bench.html"), "<!doctype html><meta charset=utf-8><title>bench</title>");
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  const times = [];
  try {
    for (let i = 0; i < STARTUP_RUNS; i++) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${server.address().port}/bench.html`);
      times.push(
        await page.evaluate(async (payload) => {
          // The modules are loaded first: what is timed is `await init()` (fetching,
          // compiling and instantiating the .wasm) and the first validate.
          const gp = await import("/group_payloads.js");
          const t0 = performance.now();
          await gp.default();
          gp.validate("geelark", payload);
          return performance.now() - t0;
        }, data.geelarkSmall),
      );
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return median(times);
}
log("start-up: the forms build in headless Chromium…");
const formsChromium = await chromiumStartup(path.join(copyRoot, "forms", "web"));

// ------------------------------------------------------------------ 4. sizes
const sizes = flag("no-size") ? null : await measureSizes(copyRoot);

// ------------------------------------------------------------------ report
const fmt = (ns) =>
  ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
const spread = (r) => {
  const s = [...r.samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))];
  return (q(0.75) - q(0.25)) / r.median;
};
const versions = Object.fromEntries(
  ["ajv", "zod", "valibot", "esbuild"].map((n) => [n, JSON.parse(fs.readFileSync(path.join(here, "node_modules", n, "package.json"), "utf8")).version]),
);
const pkgVersion = (() => {
  try {
    return JSON.parse(fs.readFileSync(path.join(pkgRoot, "package.json"), "utf8")).version;
  } catch {
    return "?";
  }
})();

const out = [];
out.push(`### Performance (\`npm ci --prefix bench && node bench/run.mjs\`)`);
out.push("");
out.push(
  `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}; group-payloads ${pkgVersion}, ajv ${versions.ajv}, zod ${versions.zod}, valibot ${versions.valibot}. ` +
    `Median ${CLOCK === "wall" ? "wall" : "CPU"} time of ${REPS} interleaved samples of ≤${SAMPLE_MS} ms each, after warm-up. ` +
    `Each cell: time per op · ratio to group-payloads (below 1× = faster than the package). ` +
    `All contenders reached the package's verdict and error paths on all ${checked} checks first.`,
);
out.push("");
out.push(`| case | ${contenders.map((c) => c.name).join(" | ")} |`);
out.push(`| --- | ${contenders.map(() => "---:").join(" | ")} |`);
for (const cs of cases) {
  const base = results[cs.id].package.median;
  const cells = contenders.map((c) => {
    const r = results[cs.id][c.key];
    return c.key === "package" ? `**${fmt(r.median)}**` : `${fmt(r.median)} · ${(r.median / base).toFixed(2)}×`;
  });
  out.push(`| ${cs.title}${caseFacts[cs.id] ? ` (${caseFacts[cs.id]})` : ""} | ${cells.join(" | ")} |`);
}
out.push("");
const maxSpread = Math.max(...cases.flatMap((cs) => Object.values(results[cs.id]).map(spread)));
out.push(`Largest interquartile spread of any cell: ${(maxSpread * 100).toFixed(1)}% of its median (shared machine: compare ratios).`);

out.push("");
out.push("#### Targets");
out.push("");
out.push("| target | measured | verdict |");
out.push("| --- | --- | --- |");
const r = (id, k) => results[id][k].median;
const verdict = (okay) => (okay ? "met" : "**missed**");
for (const cs of cases) {
  const [rival, rule] = cs.field
    ? ["zod", "at or below zod"]
    : cs.json
      ? [contenders.slice(1).reduce((a, c) => (r(cs.id, c.key) < r(cs.id, a) ? c.key : a), "ajv"), "ahead of every contender"]
      : ["ajv", "at or below ajv"];
  const ratio = r(cs.id, "package") / r(cs.id, rival);
  out.push(`| ${cs.title}: ${rule} | ${fmt(r(cs.id, "package"))} vs ${rival} ${fmt(r(cs.id, rival))} (${ratio.toFixed(2)}×) | ${verdict(cs.json ? ratio < 1 : ratio <= 1)} |`);
}
if (sizes) {
  out.push(`| wasm + glue ≤ 100 KiB gzipped | ${(sizes[0].gzip / 1024).toFixed(1)} KiB | ${verdict(sizes[0].gzip <= SIZE_TARGET_BYTES)} |`);
  out.push(`| forms build: wasm + glue ≤ 45 KiB gzipped | ${(sizes[1].gzip / 1024).toFixed(1)} KiB | ${verdict(sizes[1].gzip <= FORMS_SIZE_TARGET_BYTES)} |`);
}
const startupCell = (s) => `${s.total.toFixed(2)} ms wall (require ${s.require.toFixed(2)} ms + first validate ${s.first.toFixed(2)} ms); ${s.cpu.toFixed(2)} ms CPU`;
out.push(`| instantiate ≤ 10 ms in Node (require + first call, fresh process, median of ${STARTUP_RUNS}) | ${startupCell(startup)} | ${verdict(startup.total <= 10)} |`);
out.push(`| forms build: instantiate ≤ 5 ms in Node | ${startupCell(formsStartup)} | ${verdict(formsStartup.total <= 5)} |`);
out.push(
  formsChromium === null
    ? "| forms build: instantiate ≤ 5 ms in Chromium | not measured (no Chromium or playwright-core) | - |"
    : `| forms build: instantiate ≤ 5 ms in Chromium (init + first validate, fresh page, median of ${STARTUP_RUNS}) | ${formsChromium.toFixed(2)} ms | ${verdict(formsChromium <= 5)} |`,
);
if (sizes) {
  out.push("");
  out.push("#### Size (bench/size.mjs: esbuild bundle + minify, gzip -9)");
  out.push("");
  out.push(sizeTable(sizes));
}
console.log(out.join("\n"));
if (sink < 0) console.log(sink);
