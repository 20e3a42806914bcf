// README code blocks cannot drift: every JavaScript/TypeScript block names the file it shows on
// its first line (`// tests/ecosystem/...`), and must equal that file, which the ecosystem stage
// (scripts/ecosystem.sh) builds, runs and type-checks against the packed tarball.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const CODE = new Set(["js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx"]);

/** Fenced blocks (also indented ones, inside list items) as { lang, lines, line }. */
function blocks(markdown) {
  const out = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, lang] = open;
    const start = i;
    const body = [];
    for (i++; i < lines.length && !/^ *```\s*$/.test(lines[i]); i++) body.push(lines[i].slice(indent.length));
    out.push({ lang, lines: body, line: start + 1 });
  }
  return out;
}

test("every JS/TS block in the README is a file of tests/ecosystem/, verbatim", () => {
  const code = blocks(README).filter((b) => CODE.has(b.lang));
  assert.ok(code.length >= 12, `only ${code.length} code blocks found`);
  const shown = new Set();
  for (const { lines, line } of code) {
    const named = /^\/\/ (tests\/ecosystem\/\S+)$/.exec(lines[0] ?? "");
    assert.ok(named, `README.md:${line}: a code block must start with "// tests/ecosystem/<file>"`);
    const file = path.join(ROOT, named[1]);
    assert.ok(fs.existsSync(file), `README.md:${line}: ${named[1]} does not exist`);
    assert.equal(lines.slice(1).join("\n"), fs.readFileSync(file, "utf8").trimEnd(), `README.md:${line} differs from ${named[1]}`);
    shown.add(named[1]);
  }
  // The "Using it with…" list covers each tool chain the issue names.
  for (const tool of ["Vite", "webpack", "Next.js", "esbuild", "Jest", "Vitest", "react-hook-form", "TanStack Form", "Hono", "Web Worker"]) {
    assert.ok(README.includes(`**${tool}`) || README.includes(`**A ${tool}`), `no "Using it with" entry for ${tool}`);
  }
  assert.ok(shown.size >= 12, [...shown].join(", "));
});

test("the block reader sees indented and top-level fences", () => {
  const sample = "a\n```js\n// x\n```\n- item\n  ```ts\n  // y\n  z\n  ```\n";
  assert.deepEqual(blocks(sample).map((b) => [b.lang, b.lines]), [["js", ["// x"]], ["ts", ["// y", "z"]]]);
});
