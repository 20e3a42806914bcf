// Adversarial tests of the Node package (pkg/node, built by scripts/build.sh): every JS type in
// every position, prototype-pollution keys, huge and deep inputs, lone surrogates, Proxies and
// throwing getters. The contract: bad data comes back as issues, misuse throws an
// Error (TypeError), nothing crashes, nothing leaks secrets, and the module keeps working.
//
// GROUP_PAYLOADS_PKG=/path/to/group_payloads.js points the tests at another build. Tests marked
// `todo` pin open bugs: they run and report, without failing the suite, until fixed (then drop
// the marker). Anything that could hang or corrupt the module runs in a child process.
import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const PKG =
  process.env.GROUP_PAYLOADS_PKG ??
  fileURLToPath(new URL("../../pkg/node/group_payloads.js", import.meta.url));
const gp = require(PKG);

// ---------------------------------------------------------------------------------------------
// Fixtures: one valid payload and fake build options per provider.
// ---------------------------------------------------------------------------------------------

const SECRET = "Sx7-SECRET-MARKER-9qZ"; // never to appear in a report, an error or a request
const TOKEN = "tok-TOKEN-MARKER-4k2"; // may appear only in its own header

const VALID = {
  geelark: () => ({ list: [{ name: "group", remark: "remark" }] }),
  "tencent-iai": () => ({ GroupName: "group", GroupId: "group-1", Tag: "tag" }),
  selfcommunity: () => ({ name: "group", privacy: "public" }),
  capillary: () => ({ name: "group", rank: 1 }),
  gochat: () => ({ name: "group", admin_id: 1 }),
};

/** Build options with fake credentials; each variant must build VALID[id](). */
const BUILD_OPTIONS = {
  geelark: () => [
    { auth: { type: "key", appId: "app-1", apiKey: SECRET, traceId: "trace-123456", ts: 1700000000000 } },
    { auth: { type: "token", token: TOKEN, traceId: "trace-123456" } },
  ],
  "tencent-iai": () => [
    { secretId: "AKIDfake", secretKey: SECRET, timestamp: 1700000000 },
    { secretId: "AKIDfake", secretKey: SECRET, timestamp: 1700000000, style: "get", token: TOKEN, region: "ap-guangzhou" },
  ],
  selfcommunity: () => [{ baseUrl: "https://community.example.com", token: TOKEN }],
  capillary: () => [
    { cluster: "eu", auth: { type: "basic", username: "store.server", password: SECRET } },
    { baseUrl: "https://crm.example.com", auth: { type: "oauth", token: TOKEN } },
  ],
  gochat: () => [{}, { baseUrl: "https://chat.example.com", token: TOKEN }],
};

/** Secrets that must never leave the library in clear (tokens go into their header only). */
const NEVER_SENT = [SECRET];

const PROVIDER_IDS = gp.providers().map((p) => p.id);
const hasExport = (name) => typeof gp[name] === "function";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const ARRAY_PROTO_NAMES = Object.getOwnPropertyNames(Array.prototype).sort();

function assertPrototypesUntouched() {
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTO_NAMES);
  assert.deepEqual(Object.getOwnPropertyNames(Array.prototype).sort(), ARRAY_PROTO_NAMES);
  assert.equal({}.polluted, undefined, "Object.prototype was polluted");
  assert.equal([].polluted, undefined, "Array.prototype was polluted");
}

/** Every object reachable from `v` is a plain object or array with the standard prototype. */
function assertPlainTree(v, where = "result", depth = 0) {
  if (v === null || typeof v !== "object") return;
  assert.ok(depth < 200, `${where}: nested too deep`);
  const proto = Object.getPrototypeOf(v);
  assert.ok(
    proto === Object.prototype || proto === Array.prototype,
    `${where}: unexpected prototype ${proto && Object.keys(proto)}`,
  );
  assert.ok(!("polluted" in v) || Object.hasOwn(v, "polluted"), `${where}: inherits a polluted property`);
  for (const k of Object.keys(v)) assertPlainTree(v[k], `${where}.${k}`, depth + 1);
}

function assertIssue(issue, where) {
  assert.equal(typeof issue.path, "string", `${where}: path`);
  assert.match(issue.code, /^[a-z][a-z_]*$/, `${where}: code`);
  assert.equal(typeof issue.message, "string", `${where}: message`);
  assert.ok(issue.message.length > 0, `${where}: empty message`);
  if (issue.providerCode !== undefined) {
    assert.ok(["string", "number"].includes(typeof issue.providerCode), `${where}: providerCode`);
  }
  if (issue.params !== undefined) {
    for (const [k, v] of Object.entries(issue.params)) {
      assert.ok(["string", "number"].includes(typeof v), `${where}: params.${k} is ${typeof v}`);
    }
  }
  if (issue.code === "too_long" || issue.code === "too_short") {
    assert.ok(["chars", "bytes"].includes(issue.params?.unit), `${where}: length issue without unit`);
  }
}

function assertReport(r, where) {
  assert.equal(typeof r, "object", `${where}: report is ${typeof r}`);
  assert.equal(typeof r.ok, "boolean", `${where}: ok`);
  assert.ok(Array.isArray(r.errors) && Array.isArray(r.warnings), `${where}: errors/warnings`);
  assert.equal(r.ok, r.errors.length === 0, `${where}: ok must mean no errors`);
  r.errors.forEach((i, n) => assertIssue(i, `${where} errors[${n}]`));
  r.warnings.forEach((i, n) => assertIssue(i, `${where} warnings[${n}]`));
  assertPlainTree(r, where);
}

/** No secret in anything the caller sees except the request itself. */
function assertNoEcho(thing, where, secrets = [SECRET, TOKEN]) {
  if (thing === undefined) return;
  let text;
  if (thing instanceof Error) {
    text = `${thing.name}: ${thing.message}`;
  } else {
    const { request, ...rest } = thing;
    text = JSON.stringify(rest);
  }
  for (const s of secrets) assert.ok(!text.includes(s), `${where}: echoes a secret`);
}

/** Runs `f`; a thrown value must be an Error. Returns {value} or {error}. */
function call(f, where) {
  try {
    return { value: f() };
  } catch (error) {
    assert.ok(error instanceof Error, `${where}: threw a non-Error ${String(error)}`);
    return { error };
  }
}

/** The module still works: a valid payload validates and builds for every provider. */
function assertStillWorks(where) {
  for (const id of PROVIDER_IDS) {
    const r = gp.validate(id, VALID[id]());
    assert.equal(r.ok, true, `${where}: follow-up validate(${id}) not ok: ${JSON.stringify(r.errors)}`);
  }
  const b = gp.buildRequest("geelark", VALID.geelark(), BUILD_OPTIONS.geelark()[0]);
  assert.equal(b.ok, true, `${where}: follow-up buildRequest not ok`);
}

/** Checks a built request: it must be something fetch would send as is. */
function assertSendable(req, where) {
  assert.ok(["POST", "GET"].includes(req.method), `${where}: method`);
  const url = new URL(req.url); // throws on a malformed URL
  assert.ok(["http:", "https:"].includes(url.protocol), `${where}: protocol`);
  assert.equal(url.hash, "", `${where}: fragment in URL`);
  assert.equal(url.username + url.password, "", `${where}: credentials in URL`);
  assert.doesNotMatch(req.url, /[\s\x00-\x1f\x7f]/, `${where}: whitespace/control in URL`);
  for (const [name, value] of Object.entries(req.headers)) {
    assert.match(name, /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, `${where}: header name`);
    assert.match(value, /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/, `${where}: header ${name} value`);
  }
  // undici validates names and values exactly as fetch does.
  new Headers(req.headers);
  new Request(req.url, { method: req.method, headers: req.headers, body: req.body });
  const everything = JSON.stringify(req);
  for (const s of NEVER_SENT) assert.ok(!everything.includes(s), `${where}: request carries a secret in clear`);
}

// ---------------------------------------------------------------------------------------------
// The adversarial values. Factories, so each use gets a fresh object.
// ---------------------------------------------------------------------------------------------

function throwingProxy(target = {}) {
  const boom = () => {
    throw new Error("trap");
  };
  return new Proxy(target, {
    get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom,
    getPrototypeOf: boom, defineProperty: boom, set: boom, deleteProperty: boom,
    apply: boom, construct: boom, isExtensible: boom, preventExtensions: boom, setPrototypeOf: boom,
  });
}
function revoked(target = {}) {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}
class Group {
  constructor() {
    this.name = "group";
  }
}
function nullProto() {
  const o = Object.create(null);
  o.name = "group";
  return o;
}
function throwingGetter() {
  return Object.defineProperty({}, "name", { enumerable: true, get() { throw new Error("getter"); } });
}
function throwingArrayItem() {
  return Object.defineProperty(["a"], 0, { get() { throw new Error("getter"); } });
}

const ADVERSARIAL = {
  undefined: () => undefined,
  null: () => null,
  NaN: () => NaN,
  Infinity: () => Infinity,
  "-Infinity": () => -Infinity,
  "-0": () => -0,
  "huge number": () => 1e308,
  "unsafe integer": () => 2 ** 53 + 2,
  "2^31": () => 2 ** 31,
  "fraction": () => 1.5,
  true: () => true,
  BigInt: () => 12345678901234567890n,
  Symbol: () => Symbol("s"),
  function: () => function f() {},
  "arrow function": () => () => 1,
  "async function": () => async () => 1,
  "class": () => Group,
  "class instance": () => new Group(),
  Date: () => new Date(0),
  "invalid Date": () => new Date(NaN),
  Map: () => new Map([["name", "group"]]),
  Set: () => new Set(["group"]),
  WeakMap: () => new WeakMap(),
  Uint8Array: () => new Uint8Array([1, 2, 3]),
  Float64Array: () => new Float64Array(2),
  ArrayBuffer: () => new ArrayBuffer(8),
  DataView: () => new DataView(new ArrayBuffer(2)),
  RegExp: () => /group/g,
  Error: () => new Error("group"),
  Promise: () => Promise.resolve(1),
  "boxed String": () => new String("group"),
  "boxed Number": () => new Number(1),
  "boxed Boolean": () => new Boolean(false),
  "null-prototype object": nullProto,
  "frozen object": () => Object.freeze({ name: "group" }),
  "sealed array": () => Object.seal(["group"]),
  "Proxy with throwing traps": () => throwingProxy(),
  "array Proxy with throwing traps": () => throwingProxy([]),
  "revoked Proxy": () => revoked(),
  "revoked array Proxy": () => revoked([]),
  "throwing getter": throwingGetter,
  "array with throwing index getter": throwingArrayItem,
  "toJSON object": () => ({ toJSON() { throw new Error("toJSON"); } }),
  "throwing Symbol.toStringTag": () =>
    Object.defineProperty({}, Symbol.toStringTag, { get() { throw new Error("tag"); } }),
  "fake Array toStringTag": () => ({ [Symbol.toStringTag]: "Array", length: 3 }),
  "self-referencing object (one level)": () => {
    const o = { name: "group" };
    o.self = { ...o };
    return o;
  },
  "sparse array": () => [, , "x"],
  "empty object": () => ({}),
  "empty array": () => [],
  "empty string": () => "",
  "whitespace string": () => " \t\u3000",
  "lone high surrogate": () => "\uD800",
  "lone low surrogate": () => "a\uDC00b",
  "reversed pair": () => "\uDC00\uD800",
  "real U+FFFD": () => "\uFFFD",
  "NUL and CRLF": () => "a\u0000\r\nb",
  "astral": () => "😂𠀀",
  "__proto__ own key": () => JSON.parse('{"__proto__": {"polluted": true}, "name": "group"}'),
  "constructor.prototype": () => ({ constructor: { prototype: { polluted: true } }, name: "group" }),
  globalThis: () => globalThis,
  "Object.prototype": () => Object.prototype,
};

/** Puts `value` at `path` ("list[].name" → list[0].name) inside a copy of `base`. */
function placeAt(base, path, value) {
  const steps = path
    .replace(/\[\]/g, "[0]")
    .split(/\.|(?=\[)/)
    .map((s) => (s.startsWith("[") ? Number(s.slice(1, -1)) : s));
  if (steps.length === 0 || steps[0] === "") return value;
  const root = structuredClone(base);
  let cur = root;
  for (let i = 0; i < steps.length - 1; i++) {
    const s = steps[i];
    if (cur[s] === null || typeof cur[s] !== "object") cur[s] = typeof steps[i + 1] === "number" ? [] : {};
    cur = cur[s];
  }
  cur[steps.at(-1)] = value;
  return root;
}

/** Payload paths to attack: the root, every declared field, an unknown key, `__proto__`. */
function positions(id) {
  const paths = new Set([""]);
  if (hasExport("constraints")) {
    for (const c of gp.constraints(id)) paths.add(c.path);
  } else {
    for (const k of Object.keys(VALID[id]())) paths.add(k);
  }
  paths.add("extra_field");
  return [...paths];
}

after(() => assertPrototypesUntouched());

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

test("every provider has a valid payload and build options here", () => {
  for (const id of PROVIDER_IDS) {
    assert.ok(VALID[id], `add VALID["${id}"] to tests/js/adversarial.test.mjs`);
    assert.ok(BUILD_OPTIONS[id], `add BUILD_OPTIONS["${id}"] to tests/js/adversarial.test.mjs`);
    const r = gp.validate(id, VALID[id]());
    assert.equal(r.ok, true, `${id}: VALID payload does not validate: ${JSON.stringify(r.errors)}`);
    for (const o of BUILD_OPTIONS[id]()) {
      const b = gp.buildRequest(id, VALID[id](), o);
      assert.equal(b.ok, true, `${id}: does not build: ${JSON.stringify(b.errors)}`);
      assertSendable(b.request, id);
    }
  }
});

describe("every JS type in every payload position", () => {
  for (const id of PROVIDER_IDS) {
    test(`${id}: validate and buildRequest return reports`, () => {
      for (const path of positions(id)) {
        for (const [name, make] of Object.entries(ADVERSARIAL)) {
          const where = `${id} ${path || "(root)"} = ${name}`;
          const payload = placeAt(VALID[id](), path, make());
          const v = call(() => gp.validate(id, payload), `validate ${where}`);
          assert.equal(v.error, undefined, `validate ${where} threw: ${v.error}`);
          assertReport(v.value, `validate ${where}`);
          for (const o of BUILD_OPTIONS[id]()) {
            const b = call(() => gp.buildRequest(id, payload, o), `build ${where}`);
            assert.equal(b.error, undefined, `buildRequest ${where} threw: ${b.error}`);
            assertReport(b.value, `build ${where}`);
            assertNoEcho(b.value, `build ${where}`);
            assert.equal(b.value.request !== undefined, b.value.ok, `${where}: request iff ok`);
            if (b.value.request) assertSendable(b.value.request, `build ${where}`);
          }
          if (path !== "" && path !== "extra_field") {
            const f = call(() => gp.validateField(id, path, make()), `validateField ${where}`);
            if (f.error) assert.ok(f.error instanceof TypeError, `validateField ${where}: ${f.error}`);
            else f.value.forEach((i, n) => assertIssue(i, `validateField ${where} [${n}]`));
          }
        }
      }
      assertPrototypesUntouched();
      assertStillWorks(id);
    });
  }
});

describe("lone surrogates", () => {
  test("validateJson: a raw lone surrogate does not hide a key the text repeats", () => {
    // JSON.parse keeps only the last GroupName; the text, read in wasm, shows the repeat.
    const text = '{"GroupName":"x\uD800","GroupName":"y","GroupId":"a","GroupId":"b\uDC00"}';
    const report = gp.validateJson("tencent-iai", text);
    assert.deepEqual(
      report.errors.map((i) => [i.path, i.code, i.params?.of ?? null]),
      [["GroupId", "invalid_encoding", null], ["GroupName", "duplicate", "key"], ["GroupId", "duplicate", "key"]],
    );
  });

  test("a lone surrogate in any string field is invalid_encoding on that path, never U+FFFD", () => {
    for (const id of PROVIDER_IDS) {
      if (!hasExport("constraints")) break;
      for (const c of gp.constraints(id)) {
        if (c.type !== "string") continue;
        const path = c.path.replace(/\[\]/g, "[0]");
        for (const bad of ["\uD800", "ok\uDBFF", "\uDC00ok", "a\uDFFF\uD800b"]) {
          const r = gp.validate(id, placeAt(VALID[id](), c.path, bad));
          assert.ok(
            r.errors.some((i) => i.path === path && i.code === "invalid_encoding"),
            `${id} ${path}: ${JSON.stringify(r.errors)}`,
          );
        }
        // A real U+FFFD and a proper surrogate pair are well-formed text.
        for (const good of ["\uFFFD", "😂"]) {
          const r = gp.validate(id, placeAt(VALID[id](), c.path, good));
          assert.ok(!r.errors.some((i) => i.code === "invalid_encoding"), `${id} ${path}: ${good}`);
        }
      }
    }
  });

  test("lone surrogates in keys, build options and response bodies do not crash", () => {
    for (const id of PROVIDER_IDS) {
      assertReport(gp.validate(id, { ...VALID[id](), ["k\uD800"]: 1 }), id);
      for (const o of BUILD_OPTIONS[id]()) {
        const text = JSON.stringify(o);
        if (!text.includes(SECRET) && !text.includes(TOKEN)) continue;
        const bad = JSON.parse(
          text.replaceAll(SECRET, `${SECRET}\\ud800`).replaceAll(TOKEN, `${TOKEN}\\udc00`),
        );
        const b = call(() => gp.buildRequest(id, VALID[id](), bad), id);
        if (b.error) assert.ok(b.error instanceof TypeError, `${id}: ${b.error}`);
        else assert.equal(b.value.ok, false, `${id}: built with a lone surrogate in a credential`);
        assertNoEcho(b.error ?? b.value, id);
      }
      // A raw lone surrogate in a body (no UTF-8 decoder gives one): an issue, not a throw.
      const p = gp.parseResponse(id, { status: 200, body: '{"x":"\uD800"}' });
      assert.equal(p.ok, false, id);
      assert.deepEqual(p.errors[0], {
        path: "",
        code: "invalid_encoding",
        message: "contains a lone UTF-16 surrogate and cannot be sent as UTF-8",
      });
    }
    assertStillWorks("surrogates");
  });
});

describe("misuse throws a TypeError, and the module keeps working", () => {
  test("provider ids", () => {
    for (const [name, make] of Object.entries(ADVERSARIAL)) {
      for (const f of [
        (p) => gp.validate(p, {}),
        (p) => gp.buildRequest(p, {}, {}),
        (p) => gp.parseResponse(p, { status: 200, body: "{}" }),
      ]) {
        const r = call(() => f(make()), `provider = ${name}`);
        assert.ok(r.error instanceof TypeError, `provider = ${name}: expected TypeError`);
      }
    }
    assertStillWorks("provider ids");
  });

  test("options arguments", () => {
    for (const id of PROVIDER_IDS) {
      for (const [name, make] of Object.entries(ADVERSARIAL)) {
        // Revoked proxies: see the separate, isolated test below.
        if (name.startsWith("revoked")) continue;
        const where = `${id} options = ${name}`;
        const v = call(() => gp.validate(id, VALID[id](), make()), where);
        if (v.value) assertReport(v.value, where);
        const b = call(() => gp.buildRequest(id, VALID[id](), make()), where);
        if (b.value) assertReport(b.value, where);
        assertNoEcho(b.error ?? b.value, where);
      }
    }
    assertStillWorks("options");
  });

  test("every build option leaf replaced by every JS type", () => {
    for (const id of PROVIDER_IDS) {
      for (const o of BUILD_OPTIONS[id]()) {
        for (const leaf of leaves(o)) {
          for (const [name, make] of Object.entries(ADVERSARIAL)) {
            if (name.startsWith("revoked")) continue;
            const where = `${id} options.${leaf} = ${name}`;
            const b = call(() => gp.buildRequest(id, VALID[id](), placeAt(o, leaf, make())), where);
            if (b.error) {
              assert.ok(b.error instanceof TypeError, `${where}: ${b.error}`);
            } else {
              assertReport(b.value, where);
              if (b.value.request) assertSendable(b.value.request, where);
            }
            assertNoEcho(b.error ?? b.value, where);
          }
        }
      }
    }
    assertStillWorks("build option leaves");
  });

  test("signers and helpers", () => {
    const inputs = Object.entries(ADVERSARIAL);
    for (const [name, make] of inputs) {
      for (const f of [
        () => gp.signTc3(make()),
        () => gp.geelarkSign(make()),
        () => gp.capillaryBasicAuth(make(), "p"),
        () => gp.capillaryBasicAuth("u", make()),
        () => gp.geelarkSign({ appId: make(), traceId: "t", ts: 1, apiKey: SECRET }),
        () =>
          gp.signTc3({
            secretId: "AKID", secretKey: SECRET, timestamp: make(), service: "iai",
            host: "iai.tencentcloudapi.com", method: "POST", contentType: "application/json",
          }),
        () =>
          gp.signTc3({
            secretId: "AKID", secretKey: SECRET, timestamp: 1, service: "iai",
            host: "iai.tencentcloudapi.com", method: "POST", contentType: "application/json",
            extraHeaders: { "X-TC-Action": make() },
          }),
        ...(hasExport("measure") ? [() => gp.measure(make())] : []),
        ...(hasExport("truncate") ? [() => gp.truncate(make(), 3), () => gp.truncate("abc", make())] : []),
        ...(hasExport("constraints") ? [() => gp.constraints(make())] : []),
        ...(hasExport("jsonSchema") ? [() => gp.jsonSchema(make())] : []),
        ...(hasExport("schema") ? [() => gp.schema("geelark")["~standard"].validate(make())] : []),
      ]) {
        const r = call(f, `helper(${name})`);
        assertNoEcho(r.error ?? (typeof r.value === "object" ? r.value : undefined), `helper(${name})`);
      }
    }
    assertStillWorks("helpers");
  });
});

function leaves(o, prefix = "") {
  const out = [];
  for (const [k, v] of Object.entries(o)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object") out.push(...leaves(v, p));
    else out.push(p);
  }
  return out;
}

describe("prototype pollution", () => {
  const POISON = [
    '{"__proto__": {"polluted": true}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "prototype": {"polluted": true}}',
  ];

  test("__proto__ and constructor keys in payloads", () => {
    for (const id of PROVIDER_IDS) {
      for (const poison of POISON) {
        const extra = JSON.parse(poison);
        const payloads = [
          Object.assign(JSON.parse(poison), VALID[id]()),
          placeAt(VALID[id](), Object.keys(VALID[id]())[0], extra),
        ];
        if (id === "geelark") payloads.push({ list: [Object.assign(JSON.parse(poison), { name: "g" })] });
        for (const payload of payloads) {
          const r = gp.validate(id, payload);
          assertReport(r, id);
          for (const o of BUILD_OPTIONS[id]()) {
            const b = gp.buildRequest(id, payload, o);
            assertReport(b, id);
            if (b.request) assertSendable(b.request, id);
          }
        }
      }
    }
    assertPrototypesUntouched();
    assertStillWorks("pollution payloads");
  });

  test("__proto__ and constructor keys in response bodies: data keeps them as own keys", () => {
    const bodies = {
      geelark: (p) => `{"traceId":"t","code":0,"msg":"ok","data":${p}}`,
      "tencent-iai": (p) => `{"Response":${p.replace(/^\{/, '{"RequestId":"r",')}}`,
      selfcommunity: (p) => p,
      capillary: (p) => p,
      gochat: (p) => p,
    };
    for (const id of PROVIDER_IDS) {
      const wrap = bodies[id] ?? ((p) => p);
      for (const poison of POISON) {
        for (const status of [200, 201, 400, 500]) {
          for (const body of [poison, wrap(poison), `{"errors":[${poison}],"error":${poison}}`]) {
            const r = gp.parseResponse(id, { status, body, payload: JSON.parse(poison) });
            assert.equal(typeof r.ok, "boolean");
            r.errors.forEach((i, n) => assertIssue(i, `${id} errors[${n}]`));
            assertPlainTree(r, `${id} ${status} ${body}`);
            assertPrototypesUntouched();
          }
        }
      }
    }
    // Nothing lost: the key is data, and it comes back as data.
    const g = gp.parseResponse("geelark", { status: 200, body: bodies.geelark(POISON[0]) });
    assert.ok(Object.hasOwn(g.data, "__proto__"), "geelark data lost its __proto__ key");
    assert.equal(Object.getPrototypeOf(g.data), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyNames(g.data.__proto__), ["polluted"]);
    const t = gp.parseResponse("tencent-iai", { status: 200, body: bodies["tencent-iai"](POISON[0]) });
    assert.ok(Object.hasOwn(t.data, "__proto__"), "tencent data lost its __proto__ key");
    assert.equal(Object.getPrototypeOf(t.data), Object.prototype);
    assertStillWorks("pollution responses");
  });

  test("inherited properties are never read as payload fields", () => {
    const keys = ["list", "name", "GroupName", "GroupId", "privacy", "admin_id"];
    try {
      for (const k of keys) Object.prototype[k] = "inherited";
      for (const id of PROVIDER_IDS) {
        const r = gp.validate(id, {});
        assert.equal(r.ok, false, `${id}: an inherited property satisfied a required field`);
        assert.ok(r.errors.some((i) => i.code === "required"), id);
      }
    } finally {
      for (const k of keys) delete Object.prototype[k];
    }
    assertPrototypesUntouched();
  });

  test("holes stay holes: indexes on the prototypes are never read, their getters never run", () => {
    const calls = [];
    let report;
    let built;
    try {
      Array.prototype[1] = { name: "from Array.prototype" };
      Object.defineProperty(Object.prototype, "2", {
        configurable: true,
        get() {
          calls.push(this);
          return { name: "from a getter" };
        },
        // Assignment elsewhere (Node's own code) keeps working: an own property, as usual.
        set(value) {
          Object.defineProperty(this, "2", { value, writable: true, enumerable: true, configurable: true });
        },
      });
      const list = [{ name: "a" }, , , { name: "b" }]; // eslint-disable-line no-sparse-arrays
      report = gp.validate("geelark", { list });
      built = gp.buildRequest("geelark", { list }, { auth: { type: "token", token: "t", traceId: "x" } });
    } finally {
      delete Array.prototype[1];
      delete Object.prototype[2];
    }
    // Assertions once the prototypes are clean again.
    assert.deepEqual(
      report.errors.map((i) => [i.path, i.code, i.params?.actual]),
      [["list[1]", "invalid_type", "undefined"], ["list[2]", "invalid_type", "undefined"]],
    );
    assert.equal(built.ok, false);
    assert.equal(calls.length, 0, "a getter on Object.prototype ran inside the reader");
    assertPrototypesUntouched();
  });

  test("setters on Object.prototype are not triggered by results", () => {
    const hits = [];
    const outcomes = [];
    let thrown;
    const keys = ["ok", "errors", "warnings", "path", "code", "message", "params", "request", "headers", "data"];
    try {
      for (const k of keys) {
        Object.defineProperty(Object.prototype, k, {
          configurable: true,
          get() { return undefined; },
          set() { hits.push(k); throw new Error(`setter ${k}`); },
        });
      }
      // Assertions wait until the setters are gone (AssertionError itself sets `code`).
      for (const id of PROVIDER_IDS) {
        const r = gp.validate(id, { ...VALID[id](), extra: 1, GroupName: 5 });
        outcomes.push([id, "validate", Object.hasOwn(r, "ok") && Object.hasOwn(r, "errors")]);
        const b = gp.buildRequest(id, VALID[id](), BUILD_OPTIONS[id]()[0]);
        outcomes.push([id, "buildRequest", Object.hasOwn(b, "request") && Object.hasOwn(b.request, "headers")]);
        const p = gp.parseResponse(id, { status: 200, body: '{"data":{"ok":1}}' });
        outcomes.push([id, "parseResponse", Object.hasOwn(p, "errors")]);
      }
    } catch (e) {
      thrown = e;
    } finally {
      for (const k of keys) delete Object.prototype[k];
    }
    assert.equal(thrown, undefined, `threw: ${thrown}`);
    for (const [id, fn, ok] of outcomes) assert.ok(ok, `${id} ${fn}: result lacks own keys`);
    assert.deepEqual(hits, []);
    assertPrototypesUntouched();
    assertStillWorks("setters");
  });
});

test(
  "schema() objects do not depend on setters inherited from Object.prototype",
  {
    skip: !hasExport("schema") && "no schema export",
    // Regression: `standard_schema` built its object with Reflect.set, which runs setters
    // inherited from Object.prototype; the schema came back without `~standard`.
  },
  () => {
    const keys = ["issues", "vendor", "version", "validate", "~standard"];
    const hits = [];
    let schema;
    try {
      for (const k of keys) {
        Object.defineProperty(Object.prototype, k, {
          configurable: true,
          get() { return undefined; },
          set() { hits.push(k); },
        });
      }
      schema = gp.schema("geelark");
    } finally {
      for (const k of keys) delete Object.prototype[k];
    }
    assertPrototypesUntouched();
    assert.deepEqual(hits, []);
    assert.equal(typeof schema["~standard"].validate, "function");
  },
);

describe("huge and deep inputs", () => {
  const MB10 = 10 * 1024 * 1024;

  test("arrays of 1,000,000 items", () => {
    const million = (f) => Array.from({ length: 1_000_000 }, (_, i) => f(i));
    const g = gp.validate("geelark", { list: million((i) => ({ name: `g${i}` })) });
    assert.equal(g.ok, true, JSON.stringify(g.errors.slice(0, 3)));
    const t = gp.validate("tencent-iai", { GroupName: "g", GroupId: "g", GroupExDescriptions: million((i) => `d${i}`) });
    assert.ok(t.errors.some((i) => i.path === "GroupExDescriptions" && i.code === "too_many"));
    for (const id of PROVIDER_IDS) {
      const first = Object.keys(VALID[id]())[0];
      const r = gp.validate(id, { ...VALID[id](), [first]: million((i) => i), extra: million(() => null) });
      assertReport(r, id);
      assert.equal(r.ok, false, id);
    }
    assertStillWorks("1M arrays");
  });

  test("a sparse array claiming 2^32 - 1 items returns promptly", () => {
    const sparse = [];
    sparse.length = 2 ** 32 - 1;
    const t0 = Date.now();
    const r = gp.validate("geelark", { list: sparse });
    assert.equal(r.ok, false);
    assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
    // A Proxy that lies about its length: reading stops long before 2^32 items.
    let reads = 0;
    const liar = new Proxy([], {
      get(target, key) {
        if (key === "length") return 2 ** 32 - 1;
        if (++reads > 3_000_000) throw new Error("read too many items");
        return { name: `g${reads}` };
      },
    });
    const r2 = gp.validate("geelark", { list: liar });
    assert.equal(r2.ok, false);
    assert.ok(reads <= 2_000_000, `read ${reads} items of a 2^32 - 1 item array`);
    assertStillWorks("sparse");
  });

  test("10 MB strings in every string position, in options and in response bodies", () => {
    const big = "x".repeat(MB10);
    const bigAstral = "😂".repeat(MB10 / 4);
    const bigLone = "x".repeat(MB10) + "\uD800";
    for (const id of PROVIDER_IDS) {
      for (const [n, path] of positions(id).entries()) {
        // Every position gets the ASCII giant; the costlier variants go where strings belong.
        for (const s of n <= 2 ? [big, bigAstral, bigLone] : [big]) {
          const r = gp.validate(id, placeAt(VALID[id](), path, s));
          assertReport(r, `${id} ${path}`);
          const text = JSON.stringify(r);
          assert.ok(text.length < 100_000, `${id} ${path}: report of ${text.length} chars echoes the value`);
        }
      }
      for (const o of BUILD_OPTIONS[id]()) {
        for (const leaf of leaves(o)) {
          const b = call(() => gp.buildRequest(id, VALID[id](), placeAt(o, leaf, big)), `${id} ${leaf}`);
          if (b.value) {
            assertReport(b.value, `${id} ${leaf}`);
            assert.ok(JSON.stringify({ ...b.value, request: undefined }).length < 100_000, `${id} ${leaf}: echo`);
          }
        }
      }
      for (const body of [big, `{"data":"${big}"}`, `"${big}`]) {
        const p = gp.parseResponse(id, { status: 200, body });
        assert.equal(typeof p.ok, "boolean");
      }
    }
    assertStillWorks("10 MB strings");
  });

  test("nesting 10,000 deep, in payloads, options, sent payloads and response bodies", () => {
    let deepArray = "x";
    let deepObject = "x";
    for (let i = 0; i < 10_000; i++) {
      deepArray = [deepArray];
      deepObject = { name: deepObject, list: deepObject === "x" ? [] : [deepObject.list] };
    }
    const deepText = "[".repeat(10_000) + "]".repeat(10_000);
    const deepJsonObject = '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000);
    for (const id of PROVIDER_IDS) {
      for (const path of positions(id)) {
        for (const deep of [deepArray, deepObject]) {
          assertReport(gp.validate(id, placeAt(VALID[id](), path, deep)), `${id} ${path}`);
        }
      }
      const b = call(() => gp.buildRequest(id, VALID[id](), { ...BUILD_OPTIONS[id]()[0], deep: deepObject }), id);
      if (b.value) assertReport(b.value, id);
      for (const body of [deepText, deepJsonObject]) {
        const p = gp.parseResponse(id, { status: 200, body, payload: deepObject });
        assert.equal(typeof p.ok, "boolean");
      }
    }
    assertStillWorks("deep");
  });
});

// One test per class of hostile input: costs that must stay near-linear on crafted input (the
// ratios are timed by scripts/scaling.mjs; here only that the worst cases return promptly),
// responses read as JSON.parse reads them, bounded reports and provider texts.
describe("hostile input, round two", () => {
  /** The i-th of keys built to collide in a common string hash (as in scripts/scaling.mjs). */
  const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const colliding = (i) => {
    let tail = "";
    for (let k = 0; k < 4; k++, i = Math.floor(i / 62)) tail += ALNUM[i % 62];
    return `abc\u00C8j?$${tail}zzzz`;
  };
  const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
  /** Runs `f`, which must finish within `ms`; returns its result. */
  const within = (ms, where, f) => {
    const t0 = performance.now();
    const out = f();
    const took = performance.now() - t0;
    assert.ok(took < ms, `${where}: ${took.toFixed(0)} ms (limit ${ms} ms)`);
    return out;
  };

  test("hash-flood keys: 100,000 colliding names, unknown keys and repeated JSON keys", () => {
    const names = { list: range(100_000, (i) => ({ name: colliding(i) })) };
    assert.equal(within(5_000, "names", () => gp.validate("geelark", names)).ok, true);
    const dup = { list: range(100_000, (i) => ({ name: colliding(i % 1000) })) };
    const r = within(5_000, "duplicates", () => gp.validate("geelark", dup));
    assert.ok(r.errors.some((i) => i.code === "duplicate" && i.path === "list[1000].name"));
    const keys = Object.fromEntries(range(100_000, (i) => [colliding(i), 1]));
    assertReport(within(5_000, "keys", () => gp.validate("gochat", keys)), "keys");
    const text = `{${range(100_000, (i) => `"${colliding(i % 500)}":1`).join(",")}}`;
    const j = within(5_000, "repeated keys", () => gp.validateJson("gochat", text));
    assert.ok(j.errors.some((i) => i.code === "duplicate" && i.params?.of === "key"));
  });

  test("measure and truncate on a 1,000,000-mark grapheme and a ZWJ chain", () => {
    for (const s of ["e" + "\u0301".repeat(1_000_000), "👨" + "\u200D👩".repeat(300_000)]) {
      const m = within(5_000, "measure", () => gp.measure(s));
      assert.equal(m.graphemes, 1);
      for (const unit of ["chars", "bytes", "utf16", "graphemes"]) {
        const cut = within(5_000, `truncate ${unit}`, () => gp.truncate(s, 1000, unit));
        assert.equal(cut, unit === "graphemes" ? s : "", unit);
      }
    }
  });

  test("geelark failDetails: one issue per failed item, matched by name, in a bounded report", () => {
    const n = 50_000;
    const payload = { list: range(n, (i) => ({ name: colliding(i) })) };
    const failDetails = range(n, (i) => ({ code: 43031, name: colliding(n - 1 - i), msg: "dup" }));
    const body = JSON.stringify({ traceId: "t", code: 40006, msg: "partial", data: { failDetails } });
    const p = within(5_000, "failDetails", () => gp.parseResponse("geelark", { status: 200, body, payload }));
    assert.equal(p.ok, false);
    assert.equal(p.errors.length, 1001);
    assert.equal(p.errors[0].path, `list[${n - 1}].name`);
    assert.equal(p.errors[0].providerCode, 43031);
    assert.deepEqual(p.errors.at(-1).params, { count: n - 1000, max: 1000 });
    // Success envelope, one failed item: still not ok.
    const one = JSON.stringify({ traceId: "t", code: 0, msg: "ok", data: { failDetails: failDetails.slice(0, 1) } });
    assert.equal(gp.parseResponse("geelark", { status: 200, body: one, payload }).ok, false);
  });

  test("repeated keys in responses: the last one holds, for the verdict and data, with a warning", () => {
    const body = '{"traceId":"t","code":0,"msg":"ok","code":40000,"data":{"id":"1","id":"2"}}';
    const p = gp.parseResponse("geelark", { status: 200, body });
    assert.equal(p.ok, false, "JSON.parse reads code 40000");
    assert.deepEqual(p.data, JSON.parse(body).data);
    assert.deepEqual(p.warnings.map((i) => [i.path, i.code, i.params.first]), [["code", "duplicate", 1], ["data.id", "duplicate", 0]]);
  });

  test("data is JSON.parse(body): lone-surrogate escapes, -0, 1e400, nesting to the limit", () => {
    const deep = "[".repeat(60) + "-0" + "]".repeat(60);
    const inner = `{"s":"a\\ud800b","t":"\\udc00","z":-0,"big":1e400,"small":-1e400,"tiny":1e-400,"deep":${deep},"__proto__":{"x":1}}`;
    const bodies = {
      geelark: `{"traceId":"t","code":0,"msg":"ok","data":${inner}}`,
      "tencent-iai": `{"Response":${inner.replace("{", '{"RequestId":"r",')}}`,
      selfcommunity: inner,
      capillary: inner,
      gochat: inner,
    };
    const pick = { geelark: (v) => v.data, "tencent-iai": (v) => v.Response };
    for (const id of PROVIDER_IDS) {
      const body = bodies[id];
      for (const status of [200, 201]) {
        const p = gp.parseResponse(id, { status, body });
        if (p.data === undefined) continue;
        const expected = (pick[id] ?? ((v) => v))(JSON.parse(body));
        assert.deepStrictEqual(p.data, expected, `${id} ${status}`);
        assert.ok(Object.is(p.data.z, -0) && p.data.big === Infinity && p.data.small === -Infinity);
        assert.equal(p.data.s, "a\ud800b");
        assertPlainTree(p, id);
      }
    }
    // Past the bounds data cannot be whole: a not_read warning says where, never a silent null.
    const tooDeep = `{"a":${"[".repeat(100)}1${"]".repeat(100)}}`;
    const p = gp.parseResponse("gochat", { status: 201, body: tooDeep });
    const notRead = p.warnings.filter((i) => i.code === "not_read");
    assert.equal(notRead.length, 1, JSON.stringify(p.warnings));
    assert.deepEqual(notRead[0].params, { reason: "depth", max: 64 });
    assert.equal(notRead[0].path, `a${"[0]".repeat(63)}`);
  });

  test("fetch-refused URLs and headers are errors, not built requests", () => {
    const cases = [
      ["selfcommunity", { baseUrl: "https://xn--a.example", token: "t" }, "options.baseUrl"],
      ["selfcommunity", { baseUrl: "https://example.com:65536", token: "t" }, "options.baseUrl"],
      ["gochat", { baseUrl: "http://[::1" }, "options.baseUrl"],
      ["gochat", { baseUrl: "http://127.1" }, "options.baseUrl"],
      ["selfcommunity", { baseUrl: "https://c.example", token: "t " }, "options.token"],
      ["geelark", { auth: { type: "key", appId: "a", apiKey: "k", traceId: "abcde xyz", ts: 1 } }, "options.auth.traceId"],
    ];
    for (const [id, options, path] of cases) {
      const b = gp.buildRequest(id, VALID[id](), options);
      assert.equal(b.ok, false, `${id} ${JSON.stringify(options)}`);
      assert.equal(b.request, undefined);
      assert.ok(b.errors.some((i) => i.path === path), `${id}: ${JSON.stringify(b.errors)}`);
    }
    for (const header of ["Host", "Connection", "Transfer-Encoding", "Sec-X", "Proxy-X"]) {
      const options = { baseUrl: "https://crm.example.com", auth: { type: "oauth", token: "t", header } };
      const b = call(() => gp.buildRequest("capillary", VALID.capillary(), options), header);
      assert.ok(b.error instanceof TypeError || b.value.ok === false, `${header} accepted`);
    }
  });

  test("reports list at most 1,000 issues, then one more_issues with the count", () => {
    const r = gp.validate("geelark", { list: range(5_000, () => ({ name: "" })) });
    assert.equal(r.errors.length, 1001);
    assert.deepEqual(r.errors.at(-1), {
      path: "",
      code: "more_issues",
      message: "4000 more issues found and not listed (a report lists at most 1000)",
      params: { count: 4000, max: 1000 },
    });
    const w = gp.validate("gochat", { name: "g", admin_id: 1, ...Object.fromEntries(range(3_000, (i) => [`k${i}`, 1])) });
    assert.equal(w.ok, true, "unlisted warnings leave ok true");
    assert.equal(w.warnings.at(-1).code, "more_issues");
    assert.equal(w.warnings.length, 1001);
  });

  test("provider text only in params.providerMessage, capped at 1,000 characters", () => {
    const text = "<script>" + "é".repeat(2_000_000);
    for (const [id, body] of [
      ["geelark", JSON.stringify({ traceId: "t", code: 40000, msg: text })],
      ["tencent-iai", JSON.stringify({ Response: { RequestId: "r", Error: { Code: "InternalError", Message: text } } })],
      ["selfcommunity", JSON.stringify({ errors: [{ message: text }] })],
      ["capillary", JSON.stringify({ status: { success: false, code: 500, message: text } })],
      ["gochat", JSON.stringify({ error: text })],
    ]) {
      const p = gp.parseResponse(id, { status: 400, body });
      const issue = p.errors.find((i) => i.params?.providerMessage !== undefined);
      assert.ok(issue, `${id}: ${JSON.stringify(p.errors).slice(0, 300)}`);
      assert.ok(!issue.message.includes("<script>"), `${id}: provider text in message`);
      assert.equal([...issue.params.providerMessage].length, 1001, id);
      assert.ok(issue.params.providerMessage.startsWith("<script>") && issue.params.providerMessage.endsWith("…"));
      assert.equal(issue.params.providerMessageChars, text.length, id);
      assert.ok(JSON.stringify(p.errors).length < 20_000, `${id}: report echoes the text`);
    }
  });

  test("unknown keys of 1 MB are cut in paths", () => {
    const key = "k".repeat(1_000_000);
    const r = gp.validate("gochat", { name: "g", admin_id: 1, [key]: 1 });
    const w = r.warnings.find((i) => i.code === "unknown_field");
    assert.equal(w.path, "k".repeat(100) + "…");
  });
});

describe("isolated processes (a failure here could corrupt the module)", () => {
  /** Runs `code` in a fresh Node with `gp` loaded; returns {status, stdout, stderr}. */
  function isolated(code, timeout = 120_000) {
    const script = `const gp = require(${JSON.stringify(PKG)});\n${code}`;
    return spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout, killSignal: "SIGKILL" });
  }
  const followUp = `
    const followUpReport = gp.validate("geelark", { list: [{ name: "group" }] });
    if (!followUpReport.ok) throw new Error("follow-up not ok");
    console.log("FOLLOW-UP OK");`;

  test("3,000 payloads holding a revoked Proxy, then a valid call", () => {
    const run = isolated(`
      const { proxy, revoke } = Proxy.revocable([], {}); revoke();
      const big = { list: [{ name: "x".repeat(100000) }, proxy] };
      for (let i = 0; i < 3000; i++) {
        const r = gp.validate("geelark", big);
        if (r.ok) throw new Error("a revoked proxy validated");
      }
      ${followUp}`);
    assert.match(run.stdout, /FOLLOW-UP OK/, run.stderr.slice(0, 2000));
  });

  test(
    "10,000 calls whose options are a revoked Proxy, then a valid call",
    // Regression: options_arg used `js_sys::Array::is_array`, which throws on a revoked Proxy;
    // the exception unwound through wasm frames without restoring the shadow-stack pointer and,
    // after about 3,000 calls, every call failed with "memory access out of bounds".
    {},
    () => {
      const run = isolated(`
        const { proxy, revoke } = Proxy.revocable({}, {}); revoke();
        for (let i = 0; i < 10000; i++) {
          try { gp.validate("geelark", { list: [{ name: "x" }] }, proxy); } catch (e) {
            if (!(e instanceof TypeError)) throw e;
          }
        }
        ${followUp}`);
      assert.match(run.stdout, /FOLLOW-UP OK/, run.stderr.slice(0, 2000));
    },
  );

  // Conversion bounded only in depth (MAX_DEPTH) walked a value that reaches itself twice per
  // level 2^64 times: a cycle with two edges, or 64 levels of shared references, never returned.
  // A budget of values read bounds both; an ancestor stack finds the cycle at once, while the
  // DAG is cut by the budget (about 10 s at 4M values).
  for (const [name, make, limit] of [
    ["a cyclic object with two self-references", "const o = { name: 'g' }; o.self = o; o.list = [o]; return o;", 5_000],
    ["64 levels of shared references (a DAG, no cycle)", "let x = {}; for (let i = 0; i < 64; i++) x = { a: x, b: x }; return x;", 45_000],
  ]) {
    test(
      `${name} returns a report (bounded work)`,
      {},
      () => {
        const run = isolated(`
          const make = () => { ${make} };
          const t0 = Date.now();
          const r = gp.validate("geelark", { list: [make()] });
          if (typeof r.ok !== "boolean") throw new Error("no report");
          if (Date.now() - t0 > ${limit}) throw new Error("too slow");
          ${followUp}`, limit + 5_000);
        assert.match(run.stdout, /FOLLOW-UP OK/, `status ${run.status} signal ${run.signal} ${run.stderr.slice(0, 500)}`);
      },
    );
  }

  test(
    "100,000 payloads whose getters throw: no externref slot or wasm memory is leaked",
    // Regression: in wasm-bindgen 0.2.130 a `catch` import that throws allocates its return
    // slot in the externref table and never frees it (one slot and ~14 bytes of wasm memory
    // per exception). Payloads are now read by src/wasm/read.js, whose try/catch is plain JS.
    {},
    () => {
      const script = `
        const Real = WebAssembly.Instance; let instance;
        WebAssembly.Instance = function (m, i) { instance = new Real(m, i); return instance; };
        const gp = require(${JSON.stringify(PKG)});
        WebAssembly.Instance = Real;
        const payload = { list: [{ get name() { throw new Error("getter"); } }] };
        for (let i = 0; i < 10000; i++) gp.validate("geelark", payload);
        const table = () => instance.exports.__wbindgen_externrefs?.length ?? 0;
        const t0 = table(), m0 = instance.exports.memory.buffer.byteLength;
        for (let i = 0; i < 100000; i++) gp.validate("geelark", payload);
        console.log(JSON.stringify({ table: table() - t0, memory: instance.exports.memory.buffer.byteLength - m0 }));`;
      const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 60_000 });
      const growth = JSON.parse(run.stdout || "{}");
      assert.deepEqual(growth, { table: 0, memory: 0 }, run.stderr.slice(0, 500));
    },
  );

  test(
    "a user getter throwing a non-Error in options surfaces as an Error",
    {}, // Regression: options_arg rethrew whatever the getter threw (here the number 42).
    () => {
      const run = isolated(`
        try { gp.validate("geelark", { list: [] }, { get lenient() { throw 42; } }); }
        catch (e) { console.log(e instanceof Error ? "ERROR" : "NOT-AN-ERROR"); }
        ${followUp}`);
      assert.match(run.stdout, /^ERROR$/m, run.stdout + run.stderr.slice(0, 2000));
    },
  );
});
