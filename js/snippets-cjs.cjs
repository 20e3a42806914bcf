// Turns the JS snippets wasm-bindgen copied into the Node build (<dir>/snippets/**/*.js, ES
// modules such as src/wasm/read.js) into CommonJS, so `require("group-payloads")` works on
// every Node the package supports, not only on those that can require an ES module (20.19+).
// The snippets are written for this: top-level `export function` declarations and nothing
// else exported. Any other `export` fails the build rather than ship a broken package.
// Run by scripts/build.sh: node js/snippets-cjs.cjs pkg/node
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const dir = path.resolve(process.argv[2] || "pkg/node", "snippets");
const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".js")) : [];
for (const file of files) {
  const full = path.join(dir, file);
  const source = fs.readFileSync(full, "utf8");
  const names = [];
  const body = source.replace(/^export function (\w+)/gm, (_, name) => {
    names.push(name);
    return `function ${name}`;
  });
  if (/^\s*(export|import)\b/m.test(body)) {
    throw new Error(`${file}: only top-level \`export function\` declarations can be converted`);
  }
  fs.writeFileSync(full, `"use strict";\n${body}\nmodule.exports = { ${names.join(", ")} };\n`);
  console.log(`[build] ${path.relative(process.cwd(), full)} -> CommonJS (${names.join(", ")})`);
}
