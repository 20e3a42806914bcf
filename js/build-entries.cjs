// Turns wasm-bindgen's output in pkg/ into the package's entry points:
//   node/group_payloads.js     CommonJS, self-contained: the .wasm is embedded (base64) and the
//                              JS snippets (src/wasm/read.js, front.js) inlined, so the file
//                              has no require() and no __dirname. Bundlers (Next.js, esbuild
//                              --platform=node, webpack target node) follow it with no config.
//   web/group_payloads.js      ES module: wasm-bindgen's glue (group_payloads_glue.js) with
//                              the hot calls of src/wasm/front.js in place of its internals
//   node/group_payloads.mjs    the ES module entry for Node, re-exporting that one instance, with
//                              no-op `init`/`initSync` so browser-style code runs unchanged
//   */*.d.ts, node/*.d.mts     the hand-written types (js/types/), per entry
// and fails the build when the runtime's exports and the declared functions differ.
// Run by scripts/build.sh: node js/build-entries.cjs pkg, and node js/build-entries.cjs pkg/forms
// --subset for the forms build, whose exports are a subset of the declared API: its types
// declare exactly those.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const pkg = path.resolve(process.argv[2] || "pkg");
const subset = process.argv.includes("--subset");
const NAME = "group_payloads";
const node = path.join(pkg, "node");
const web = path.join(pkg, "web");
const types = path.join(__dirname, "types");
const fail = (message) => {
  throw new Error(`[build-entries] ${message}`);
};

// Exports named in snake_case are the internals of the hot calls (src/wasm/hot.rs), for
// src/wasm/front.js only; the public API is camelCase.
const isInternal = (name) => name.includes("_");
const FRONT = path.join(__dirname, "..", "src", "wasm", "front.js");

// --- The snippets as one in-file module each --------------------------------------------------
// wasm-bindgen emits `require(String.raw\`./snippets/<crate>/<file>\`)` (and plain-string requires)
// for them: bundlers cannot follow the template form. The snippets are written as top-level
// `export function`s with no imports (see src/wasm/read.js), so each becomes a function scope.
function snippetModule(file) {
  const source = fs.readFileSync(file, "utf8");
  const names = [];
  const body = source.replace(/^export function (\w+)/gm, (_, name) => {
    names.push(name);
    return `function ${name}`;
  });
  if (/^\s*(export|import)\b/m.test(body) || names.length === 0) {
    fail(`${file}: only top-level \`export function\` declarations can be inlined`);
  }
  return `(function () {\n${body}\nreturn { ${names.join(", ")} };\n})()`;
}

let js = fs.readFileSync(path.join(node, `${NAME}.js`), "utf8");
const readSnippet = /require\((?:String\.raw`|")(\.\/snippets\/[^`"]+\/src\/wasm\/read\.js)(?:`|")\)/.exec(js);
if (!readSnippet) fail("the Node glue does not load src/wasm/read.js");
const snippets = new Map(); // relative path -> variable name
js = js.replace(/require\((?:String\.raw`|")(\.\/snippets\/[^`"]+)(?:`|")\)/g, (_, rel) => {
  if (!snippets.has(rel)) snippets.set(rel, `__snippet${snippets.size}`);
  return snippets.get(rel);
});
const inlined = [...snippets].map(
  ([rel, variable]) => `// ${rel.replace(/^\.\/snippets\/[^/]+\//, "")}, inlined by the build\nconst ${variable} = ${snippetModule(path.join(node, rel))};\n`,
);

// --- The .wasm, embedded --------------------------------------------------------------------------
const loader = /const wasmPath = `\$\{__dirname\}\/group_payloads_bg\.wasm`;\nconst wasmBytes = require\('fs'\)\.readFileSync\(wasmPath\);\n/;
if (!loader.test(js)) fail("wasm-bindgen's Node loader changed: update js/build-entries.cjs");
const wasm = fs.readFileSync(path.join(node, `${NAME}_bg.wasm`));
js = js.replace(
  loader,
  // Buffer where Node has it; atob elsewhere (Jest's jsdom environment loads this file too).
  () => `const wasmBase64 = "${wasm.toString("base64")}";
const wasmBytes = typeof Buffer === "function"
    ? Buffer.from(wasmBase64, "base64")
    : Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
`,
);
// Jest's jsdom environment (which resolves the package's "browser" + "require" condition to
// this file) has no TextEncoder/TextDecoder: take Node's then. Not a require(), so browser
// bundlers that pick this file see nothing to resolve.
const textCoding = `const { TextEncoder, TextDecoder } = typeof globalThis.TextEncoder === "function"
    ? globalThis
    : process.getBuiltinModule("node:util");
`;
const firstNewline = js.startsWith('"use strict"') ? js.indexOf("\n") + 1 : 0;
js = js.slice(0, firstNewline) + textCoding + inlined.join("") + js.slice(firstNewline);
// The hot calls in place of the internal exports they use (after the instance exists).
js += `
// src/wasm/front.js, inlined by the build
{
    const hotPath = ${snippetModule(FRONT)}.hotPath;
    const front = hotPath(exports, ${snippets.get(readSnippet[1])});
    for (const name of Object.keys(exports)) if (name.includes("_")) delete exports[name];
    Object.assign(exports, front);
}
`;
if (/\brequire\(|__dirname|__filename|import\.meta/.test(js)) {
  fail(`node/${NAME}.js still loads something at run time: bundlers may not follow it`);
}
fs.writeFileSync(path.join(node, `${NAME}.js`), js);
fs.rmSync(path.join(node, "snippets"), { recursive: true, force: true });
fs.rmSync(path.join(node, `${NAME}_bg.wasm`));
// The raw wasm exports' types: internal, and the hand-written types replace them.
for (const dir of [node, web]) fs.rmSync(path.join(dir, `${NAME}_bg.wasm.d.ts`), { force: true });

// --- The runtime's exports against the declared ones ----------------------------------------
const api = require(path.join(node, `${NAME}.js`));
const runtime = Object.keys(api).filter((k) => typeof api[k] === "function").sort();
const declaredIn = (text) => [...text.matchAll(/^export (?:default )?function (\w+)/gm)].map((m) => m[1]).sort();
let apiTypes = fs.readFileSync(path.join(types, `${NAME}.d.ts`), "utf8");
if (subset) {
  // The declarations (and their doc comments) of the functions this build leaves out.
  for (const name of declaredIn(apiTypes).filter((n) => !runtime.includes(n))) {
    apiTypes = apiTypes.replace(new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/\\n)?export function ${name}\\b[^\\n]*\\n\\n?`), "");
  }
}
const declared = declaredIn(apiTypes);
if (runtime.join() !== declared.join()) {
  const missing = runtime.filter((n) => !declared.includes(n));
  const extra = declared.filter((n) => !runtime.includes(n));
  fail(`js/types/${NAME}.d.ts and the wasm exports differ: untyped ${missing.join(", ") || "-"}; ` +
    `declared but absent ${extra.join(", ") || "-"}. Declare each export there (\`export function\`), and only those.`);
}
if (runtime.includes("default") || runtime.includes("initSync")) fail("the API itself exports init");
const webJs = fs.readFileSync(path.join(web, `${NAME}.js`), "utf8");

// --- Web entry: the glue's public exports and the hot calls -----------------------------------------
fs.renameSync(path.join(web, `${NAME}.js`), path.join(web, `${NAME}_glue.js`));
fs.rmSync(path.join(web, `${NAME}.d.ts`), { force: true });
fs.copyFileSync(FRONT, path.join(web, "front.js"));
const glueNames = [...webJs.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
const webRead = /from '(\.\/snippets\/[^']+\/src\/wasm\/read\.js)'/.exec(webJs);
if (!webRead) fail("the web glue does not import src/wasm/read.js");
const hot = glueNames.filter(isInternal);
const publicGlue = glueNames.filter((n) => !isInternal(n));
const frontNames = runtime.filter((n) => !publicGlue.includes(n));
fs.writeFileSync(path.join(web, `${NAME}.js`), `// The package's web entry: wasm-bindgen's glue, with the hot calls of front.js in place
// of its internal exports. \`await init()\` (the default export) first.
import { ${hot.join(", ")} } from "./${NAME}_glue.js";
import * as read from "${webRead[1]}";
import { hotPath } from "./front.js";

export { default, initSync, ${publicGlue.join(", ")} } from "./${NAME}_glue.js";
export const { ${frontNames.join(", ")} } = hotPath({ ${hot.join(", ")} }, read);
`);
const webNames = ["default", "initSync", ...publicGlue, ...frontNames].sort();
const webDeclared = [...declared, "default", "initSync"].sort();
if (webNames.join() !== webDeclared.join()) {
  fail(`web/${NAME}.js exports ${webNames.join(", ")}; the types declare ${webDeclared.join(", ")}`);
}

// --- Node ES module entry ---------------------------------------------------------------------------
fs.writeFileSync(path.join(node, `${NAME}.mjs`), `// The ES module entry for Node: the CommonJS build's one instance (it loads the .wasm when
// imported), plus no-op init/initSync so code written for the web build runs unchanged.
import api from "./${NAME}.js";

export const { ${runtime.join(", ")} } = api;

export default function init() {
  return Promise.resolve();
}

export function initSync() {}
`);

// --- Types ----------------------------------------------------------------------------------------
const nodeInit = fs.readFileSync(path.join(types, "node-init.d.ts"), "utf8");
const webInit = fs.readFileSync(path.join(types, "web-init.d.ts"), "utf8");
fs.writeFileSync(path.join(node, `${NAME}.d.ts`), apiTypes);
fs.writeFileSync(path.join(node, `${NAME}.d.mts`), apiTypes + nodeInit);
fs.writeFileSync(path.join(web, `${NAME}.d.ts`), apiTypes + webInit);

console.log(`[build] node/${NAME}.js: .wasm embedded (${wasm.length} bytes as ${Math.ceil(wasm.length / 3) * 4} base64), ` +
  `${snippets.size} snippet(s) inlined; ${runtime.length} functions typed in every entry`);
