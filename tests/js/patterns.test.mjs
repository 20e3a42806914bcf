// Every rule given to forms as a regex agrees with `validate`, in the real ECMAScript engine:
// for each provider, each field of constraints() with a `pattern` (a charset) and each field
// whose JSON Schema carries a pattern (a charset, or "not blank"), `new RegExp(pattern, "u")`
// (the flag the types name) accepts exactly the strings validateField does not report with the
// rule's code. Not-blank is tried on every BMP code point (alone, and between spaces); charsets
// on every code point of planes 0 to 3 (where all Han characters are), then on seeded random
// strings biased toward the characters near each set's edges.
//
// GROUP_PAYLOADS_PKG=/path/to/group_payloads.js points the tests at another build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const PKG =
  process.env.GROUP_PAYLOADS_PKG ??
  fileURLToPath(new URL("../../pkg/node/group_payloads.js", import.meta.url));
const gp = require(PKG);

const RANDOM_STRINGS = 5000;

/** Each `pattern` in a JSON Schema, by the constraints() path of its field (`list[].name`). */
function schemaPatterns(schema, path = "", out = new Map()) {
  if (schema === null || typeof schema !== "object") return out;
  if (typeof schema.pattern === "string") out.set(path, schema.pattern);
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    schemaPatterns(sub, path === "" ? key : `${path}.${key}`, out);
  }
  if (schema.items) schemaPatterns(schema.items, `${path}[]`, out);
  return out;
}

/** Every rule with a regex form: provider, field path, pattern, and the code validate uses. */
function rules() {
  const out = [];
  for (const { id } of gp.providers()) {
    const fromSchema = schemaPatterns(gp.jsonSchema(id));
    const constraints = gp.constraints(id);
    for (const c of constraints) {
      if (c.pattern !== undefined) {
        assert.equal(fromSchema.get(c.path), c.pattern, `${id} ${c.path}: schema and constraints differ`);
        out.push({ provider: id, path: c.path, pattern: c.pattern, code: "invalid_chars" });
      } else if (c.notBlank) {
        assert.ok(fromSchema.has(c.path), `${id} ${c.path}: notBlank without a schema pattern`);
        out.push({ provider: id, path: c.path, pattern: fromSchema.get(c.path), code: "blank" });
      }
    }
    // No schema pattern stands for a rule constraints() does not name.
    for (const path of fromSchema.keys()) {
      assert.ok(out.some((r) => r.provider === id && r.path === path), `${id} ${path}: unexplained schema pattern`);
    }
  }
  return out;
}

/**
 * The strings on which `pattern` and validateField disagree about `rule` (at most `limit`).
 * Strings with a lone surrogate are reported as `invalid_encoding` instead, whatever the set:
 * the caller leaves them out of charset checks.
 */
function disagreements(rule, pattern, strings, limit = 10) {
  const regex = new RegExp(pattern, "u");
  const out = [];
  for (const s of strings) {
    const accepted = regex.test(s);
    const reported = gp.validateField(rule.provider, rule.path, s).some((i) => i.code === rule.code);
    if (accepted === reported) {
      out.push({ s, codePoints: [...s].map((c) => c.codePointAt(0).toString(16)), accepted, reported });
      if (out.length >= limit) break;
    }
  }
  return out;
}

function* codePoints(from, to, { surrogates }) {
  for (let cp = from; cp <= to; cp++) {
    if (!surrogates && cp >= 0xd800 && cp <= 0xdfff) continue;
    yield String.fromCodePoint(cp);
  }
}

// Characters near the edges of the sets the patterns name.
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const around = (...points) => points.flatMap((p) => range(Math.max(0, p - 2), p + 2));
const POOLS = {
  han: [
    ...range(0x4e00, 0x4e10), ...range(0x9fe0, 0x9fff), ...range(0x3400, 0x3410), ...range(0xf900, 0xf910),
    ...range(0x20000, 0x20010), ...range(0x2a6d0, 0x2a6df), ...range(0x30000, 0x30010), ...range(0x31350, 0x31360),
    0x3005, 0x3007, 0x3021, 0x3029, 0x3038, 0x303b, 0x2e80, 0x2f00, 0x2fd5, 0x16fe2, 0x16fe3, 0x16ff0, 0x1f250,
    ...around(0x2e99, 0x2ef3, 0x4dbf, 0x9fff, 0xfa6d, 0xfad9, 0x2a6df, 0x2b739, 0x2ebe0, 0x3134a, 0x323af, 0x2fa1d),
  ],
  asciiPunctuation: [...range(0x20, 0x2f), ...range(0x3a, 0x40), ...range(0x5b, 0x60), ...range(0x7b, 0x7e)],
  whitespace: [
    ...range(0x09, 0x0d), 0x20, 0x85, 0xa0, 0x1680, 0x180e, ...range(0x2000, 0x200b), 0x2028, 0x2029, 0x202f,
    0x205f, 0x3000, 0xfeff, 0x00, 0x1f, 0x7f, 0x9f,
  ],
  digits: [...range(0x30, 0x39), ...range(0x660, 0x669), ...range(0xff10, 0xff19), 0xb2, 0x2460, 0x1d7ce],
  letters: [
    ...range(0x41, 0x5a), ...range(0x61, 0x7a), ...range(0xc0, 0xff), ...range(0x100, 0x17f), ...range(0x300, 0x36f),
    ...range(0xff21, 0xff3a), 0x212a, 0x17f, 0x131, 0x3b1, 0x430, 0x5d0, 0x627, 0x3042, 0x30a2, 0xac00,
  ],
  symbols: [0x2d, 0x5f, 0x25, 0x40, 0x23, 0x26, 0xff0d, 0xff3f, 0x2010, 0x2014, 0x3001, 0x3002, 0xff0c, 0x1f602, 0x1f600],
};

/** mulberry32: a small seeded generator, so a failure names a string that reproduces. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomStrings(count, seed) {
  const next = random(seed);
  const pools = Object.values(POOLS);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const out = [];
  for (let n = 0; n < count; n++) {
    const length = Math.floor(next() * 9);
    // Half the strings draw from one pool (many of them pass), half from all pools.
    const only = next() < 0.5 ? pick(pools) : null;
    let s = "";
    for (let i = 0; i < length; i++) s += String.fromCodePoint(pick(only ?? pick(pools)));
    out.push(s);
  }
  return out;
}

const RULES = rules();

test("every pattern is one constraints() and jsonSchema() both give, with a rule behind it", () => {
  assert.ok(RULES.some((r) => r.code === "blank"), "no not-blank pattern found");
  assert.ok(RULES.some((r) => r.code === "invalid_chars"), "no charset pattern found");
});

for (const rule of RULES.filter((r) => r.code === "blank")) {
  test(`${rule.provider} ${rule.path}: the not-blank pattern agrees with validate on every BMP code point`, () => {
    const singles = [...codePoints(0, 0xffff, { surrogates: true })];
    const strings = ["", ...singles, ...singles.map((c) => ` ${c} `), ...singles.map((c) => `\u3000${c}\t`)];
    assert.deepEqual(disagreements(rule, rule.pattern, strings), []);
    // The same set as JS `trim`, which is how a form judges an empty field.
    const regex = new RegExp(rule.pattern, "u");
    assert.deepEqual(strings.filter((s) => regex.test(s) !== (s.trim() !== "")).slice(0, 10), []);
  });
}

for (const rule of RULES.filter((r) => r.code === "invalid_chars")) {
  test(`${rule.provider} ${rule.path}: the charset pattern agrees with validate`, () => {
    // Planes 0 to 3 hold every Han character (Unicode 17: up to U+323AF).
    const singles = codePoints(0, 0x3ffff, { surrogates: false });
    const strings = [...singles, ...randomStrings(RANDOM_STRINGS, 0x13)];
    assert.deepEqual(disagreements(rule, rule.pattern, strings), []);
    // Both verdicts occur among the random strings, so the comparison is not vacuous.
    const regex = new RegExp(rule.pattern, "u");
    const passed = randomStrings(RANDOM_STRINGS, 0x13).filter((s) => regex.test(s)).length;
    assert.ok(passed > RANDOM_STRINGS / 10 && passed < RANDOM_STRINGS - RANDOM_STRINGS / 10, `${passed} passed`);
  });
}

test("the comparison finds a pattern that differs from validate", () => {
  const han = RULES.find((r) => r.code === "invalid_chars" && r.pattern.includes("Script=Han"));
  assert.ok(han, "no Han charset rule");
  // The common "Chinese" shortcut: only the main CJK block, so Extension A and the astral
  // blocks would disagree.
  const narrowed = han.pattern.replace("\\p{Script=Han}", "\\u4E00-\\u9FFF");
  assert.notEqual(narrowed, han.pattern);
  assert.ok(disagreements(han, narrowed, randomStrings(RANDOM_STRINGS, 0x13)).length > 0);
  const blank = RULES.find((r) => r.code === "blank");
  // Without U+FEFF, which `trim` removes.
  const loosened = blank.pattern.replace("\\uFEFF", "");
  assert.notEqual(loosened, blank.pattern);
  assert.ok(disagreements(blank, loosened, ["\uFEFF", " \uFEFF "]).length > 0);
});
