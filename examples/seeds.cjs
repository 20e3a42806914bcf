// The main job's demo: validate the seed documents' sample payloads for every provider, print
// the reports, and build the signed requests (with obviously fake credentials).
// Run after the build: `node examples/seeds.cjs` (pkg/ must exist: `bash scripts/build.sh`).
"use strict";
const path = require("node:path");
const gp = require(path.join(__dirname, "..", "pkg"));
const seeds = require(path.join(__dirname, "..", "tests", "fixtures", "seeds.json"));

const known = new Set(gp.providers().map((p) => p.id));
const line = (issue, mark) =>
  `    ${mark} ${issue.path || "(payload)"}: ${issue.code}` +
  (issue.providerCode !== undefined ? ` [${issue.providerCode}]` : "") +
  ` - ${issue.message}`;

for (const [provider, { samples, buildOptions }] of Object.entries(seeds)) {
  if (!known.has(provider)) {
    console.log(`\n## ${provider}: not in this build`);
    continue;
  }
  console.log(`\n## ${provider}`);
  for (const sample of samples) {
    const options = { ...(sample.options || {}) };
    const report = gp.validate(provider, sample.payload, options);
    console.log(`\n  ${sample.label}: ${report.ok ? "ok" : "REJECTED"}`);
    report.errors.forEach((i) => console.log(line(i, "✗")));
    report.warnings.forEach((i) => console.log(line(i, "!")));
    if (!report.ok) continue;
    const built = gp.buildRequest(provider, sample.payload, { ...buildOptions, ...options });
    if (!built.request) continue;
    const { method, url, headers, body } = built.request;
    console.log(`    → ${method} ${url}`);
    for (const [name, value] of Object.entries(headers)) console.log(`      ${name}: ${value}`);
    if (body !== undefined) console.log(`      ${body}`);
  }
}

// The same check from JSON text (a file, a request body): validateJson reads it in wasm, and
// also catches a key the text repeats, which JSON.parse would silently drop.
console.log("\n## JSON text");
const text = '{"list": [{"name": "市场部"}], "list": [{"name": " "}]}';
const fromText = gp.validateJson("geelark", text);
console.log(`\n  ${text}: ${fromText.ok ? "ok" : "REJECTED"}`);
fromText.errors.forEach((i) => console.log(line(i, "✗")));
const broken = gp.validateJson("tencent-iai", '{"GroupName": "人脸库", "GroupId": "a",}');
broken.errors.forEach((i) => console.log(line(i, "✗")));
