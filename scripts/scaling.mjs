#!/usr/bin/env node
// Cost grows no faster than n log n (SPEC §2, "untrusted input, bounded cost"): times each
// entry point of the built package on crafted worst cases at n and 4n, and fails when
// t(4n) / t(n) exceeds MAX_RATIO for any of them. Linear cost gives a ratio of about 4,
// n log n a little more; quadratic gives 16. A stage of scripts/test.sh (under a minute).
//
// The cases: keys that collide under a common string hash ("abc\u00C8j?$" + 4 ASCII
// characters + "zzzz"), many duplicates, long runs of combining marks and of emoji joined by
// ZWJ (one grapheme each), nesting to the depth limit and past it, objects with many keys,
// JSON of 2 MiB, provider texts and failDetails lists of n entries.
// jsonSchema and constraints take no input but the provider id, so they are not timed.
//
//   node scripts/scaling.mjs
//   ONLY=parseResponse node scripts/scaling.mjs     # the rows whose entry point matches
//   GROUP_PAYLOADS_PKG=/path/to/group_payloads.js node scripts/scaling.mjs
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";

const require = createRequire(import.meta.url);
const PKG =
  process.env.GROUP_PAYLOADS_PKG ??
  fileURLToPath(new URL("../pkg/node/group_payloads.js", import.meta.url));
const gp = require(PKG);

/** Above this, a case grows faster than n log n allows (quadratic shows as about 16). */
const MAX_RATIO = 6;
/** Runs of each size; the minimum is kept (the machine is shared: noise only adds time). */
const RUNS = 4;
/** Below this a time is mostly noise: such a case is grown until its t(n) reaches it. */
const MIN_MS = 6;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** The i-th of keys built to collide in a common string hash; distinct for i < 62^4. */
function colliding(i) {
  let tail = "";
  for (let k = 0; k < 4; k++, i = Math.floor(i / ALNUM.length)) tail += ALNUM[i % ALNUM.length];
  return `abc\u00C8j?$${tail}zzzz`;
}
const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
/** A value nested `depth` arrays deep around `inner`. */
function nested(depth, inner = "x") {
  let v = inner;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
/** One grapheme cluster: a letter and n - 1 combining acute accents. */
const combining = (n) => "e" + "\u0301".repeat(n - 1);
/** One grapheme cluster of about n UTF-16 units: emoji joined by ZWJ. */
const zwj = (n) => "👨" + "\u200D👩".repeat(Math.max(1, Math.floor(n / 3)));
/** Many ordinary clusters of family emoji (each a ZWJ sequence of 11 units). */
const families = (n) => "👨‍👩‍👧‍👦".repeat(Math.max(1, Math.floor(n / 11)));
const objectOf = (n, key, value) => Object.fromEntries(range(n, (i) => [key(i), value(i)]));
/** JSON text of an object with `n` pairs, keys from `key` (repeats allowed). */
const objectText = (n, key, value = () => "1") =>
  `{${range(n, (i) => `${JSON.stringify(key(i))}:${value(i)}`).join(",")}}`;

const GEELARK_KEY = {
  auth: { type: "key", appId: "app-1", apiKey: "k", traceId: "trace-123456", ts: 1700000000000 },
};
const TENCENT = { secretId: "AKIDfake", secretKey: "k", timestamp: 1700000000 };

// ---------------------------------------------------------------------------------------------
// Cases: [entry point, case, n, make] where make(n) returns the call to time.
// ---------------------------------------------------------------------------------------------

const CASES = [];
const add = (entry, name, n, make) => CASES.push({ entry, name, n, make });

const GEELARK_LISTS = {
  "colliding names": (n) => ({ list: range(n, (i) => ({ name: colliding(i) })) }),
  // Names that tie on their first 40 bytes: the duplicate sort must not compare them whole.
  "names sharing a long prefix": (n) => ({ list: range(n, (i) => ({ name: "p".repeat(40) + colliding(i) })) }),
  "one name repeated": (n) => ({ list: range(n, () => ({ name: "same" })) }),
  "names nested to the limit": (n) => ({ list: range(n, () => ({ name: nested(62) })) }),
  "combining-mark name": (n) => ({ list: [{ name: combining(n), remark: zwj(n) }] }),
};
for (const [name, payload] of Object.entries(GEELARK_LISTS)) {
  const n = name === "combining-mark name" ? 200_000 : name.startsWith("names nested") ? 2_000 : 20_000;
  add("validate", `geelark ${name}`, n, (n) => {
    const p = payload(n);
    return () => gp.validate("geelark", p);
  });
  add("validateJson", `geelark ${name}`, n, (n) => {
    const text = JSON.stringify(payload(n));
    return () => gp.validateJson("geelark", text);
  });
  add("schema.validate", `geelark ${name}`, n, (n) => {
    const p = payload(n);
    const s = gp.schema("geelark")["~standard"];
    return () => s.validate(p);
  });
}
add("validate", "tencent-iai colliding GroupExDescriptions", 20_000, (n) => {
  const p = { GroupName: "g", GroupId: "g", GroupExDescriptions: range(n, colliding) };
  return () => gp.validate("tencent-iai", p);
});
add("validate", "selfcommunity invite_users repeated", 50_000, (n) => {
  const p = { name: "g", privacy: "public", invite_users: range(n, (i) => (i % 7) + 1) };
  return () => gp.validate("selfcommunity", p);
});
for (const id of ["tencent-iai", "capillary", "gochat"]) {
  add("validate", `${id} many colliding unknown keys`, 20_000, (n) => {
    const p = objectOf(n, colliding, () => 1);
    return () => gp.validate(id, p);
  });
}
add("validateJson", "tencent-iai repeated colliding keys", 20_000, (n) => {
  const text = objectText(n, (i) => colliding(i % 97));
  return () => gp.validateJson("tencent-iai", text);
});
add("validateJson", "2 MiB {\"list\":[0,0,…]}", 256 * 1024, (n) => {
  const text = `{"list":[${"0,".repeat(n / 2 - 1)}0]}`;
  return () => gp.validateJson("geelark", text);
});
add("validateJson", "nesting past the limit", 50_000, (n) => {
  const text = `{"list":${"[".repeat(n)}${"]".repeat(n)}}`;
  return () => gp.validateJson("geelark", text);
});

add("validateField", "geelark list[].name combining marks", 200_000, (n) => {
  const s = combining(n);
  return () => gp.validateField("geelark", "list[].name", s);
});
add("validateField", "tencent-iai GroupExDescriptions colliding", 20_000, (n) => {
  const v = range(n, colliding);
  return () => gp.validateField("tencent-iai", "GroupExDescriptions", v);
});
add("validateField", "tencent-iai GroupName ZWJ", 200_000, (n) => {
  const s = zwj(n);
  return () => gp.validateField("tencent-iai", "GroupName", s);
});

// Responses: each provider with a body of n repeated colliding keys, a provider text of n
// characters, and nesting past the limit.
const WRAP = {
  geelark: (inner, msg = '"ok"') => `{"traceId":"t","code":40000,"msg":${msg},"data":${inner}}`,
  "tencent-iai": (inner, msg = '"m"') =>
    `{"Response":{"RequestId":"r","Error":{"Code":"InternalError","Message":${msg}},"x":${inner}}}`,
  selfcommunity: (inner, msg = '"m"') => `{"errors":[{"message":${msg}}],"x":${inner}}`,
  capillary: (inner, msg = '"m"') => `{"status":{"success":false,"code":500,"message":${msg}},"x":${inner}}`,
  gochat: (inner, msg = '"m"') => `{"error":${msg},"x":${inner}}`,
};
for (const [id, wrap] of Object.entries(WRAP)) {
  add("parseResponse", `${id} repeated colliding keys`, 20_000, (n) => {
    const body = wrap(objectText(n, (i) => colliding(i % 97)));
    return () => gp.parseResponse(id, { status: 400, body });
  });
  add("parseResponse", `${id} many distinct colliding keys`, 20_000, (n) => {
    const body = wrap(objectText(n, colliding));
    return () => gp.parseResponse(id, { status: 400, body });
  });
  add("parseResponse", `${id} provider text of n chars`, 500_000, (n) => {
    const body = wrap("1", JSON.stringify(combining(n)));
    return () => gp.parseResponse(id, { status: 400, body });
  });
  add("parseResponse", `${id} nesting past the limit`, 50_000, (n) => {
    const body = wrap(`${"[".repeat(n)}${"]".repeat(n)}`);
    return () => gp.parseResponse(id, { status: 400, body });
  });
}
add("parseResponse", "geelark data of n values nested to the limit", 2_000, (n) => {
  const body = WRAP.geelark(JSON.stringify(range(n, () => nested(60, -0))));
  return () => gp.parseResponse("geelark", { status: 200, body });
});
add("parseResponse", "gochat 2 MiB {\"list\":[0,0,…]}", 512 * 1024, (n) => {
  const body = `{"list":[${"0,".repeat(n / 2 - 1)}0]}`;
  return () => gp.parseResponse("gochat", { status: 201, body });
});
add("parseResponse", "selfcommunity n errors", 10_000, (n) => {
  const body = JSON.stringify({ errors: range(n, (i) => ({ field: colliding(i), messages: ["m"] })) });
  return () => gp.parseResponse("selfcommunity", { status: 400, body });
});
add("parseResponse", "geelark failDetails of n colliding names", 10_000, (n) => {
  const payload = { list: range(n, (i) => ({ name: colliding(i) })) };
  const failDetails = range(n, (i) => ({ code: 43031, name: colliding(n - 1 - i), msg: "dup" }));
  const body = JSON.stringify({ traceId: "t", code: 40006, msg: "partial", data: { failDetails } });
  return () => gp.parseResponse("geelark", { status: 200, body, payload });
});
add("parseResponse", "geelark failDetails of one repeated name", 10_000, (n) => {
  const payload = { list: range(n, () => ({ name: "same" })) };
  const failDetails = range(n, () => ({ code: 43031, name: "same", msg: "dup" }));
  const body = JSON.stringify({ traceId: "t", code: 40006, msg: "partial", data: { failDetails } });
  return () => gp.parseResponse("geelark", { status: 200, body, payload });
});

for (const [name, text] of Object.entries({ "combining marks": combining, "ZWJ chain": zwj, "family emoji": families })) {
  add("measure", name, 200_000, (n) => {
    const s = text(n);
    return () => gp.measure(s);
  });
  for (const unit of ["chars", "bytes", "utf16", "graphemes"]) {
    add("truncate", `${name}, ${unit}`, 200_000, (n) => {
      const s = text(n);
      const max = Math.floor(n / 2);
      return () => gp.truncate(s, max, unit);
    });
  }
}

add("buildRequest", "geelark colliding names", 20_000, (n) => {
  const p = { list: range(n, (i) => ({ name: colliding(i) })) };
  return () => gp.buildRequest("geelark", p, GEELARK_KEY);
});
add("buildRequest", "tencent-iai get, long invalid GroupName", 200_000, (n) => {
  const p = { GroupName: zwj(n), GroupId: "g" };
  return () => gp.buildRequest("tencent-iai", p, { ...TENCENT, style: "get" });
});
add("buildRequest", "selfcommunity long description", 500_000, (n) => {
  const p = { name: "g", privacy: "public", description: combining(n) };
  return () => gp.buildRequest("selfcommunity", p, { baseUrl: "https://c.example.com", token: "t" });
});
add("buildRequest", "capillary long name", 500_000, (n) => {
  const p = { name: combining(n) };
  return () => gp.buildRequest("capillary", p, { cluster: "eu", auth: { type: "basic", username: "u", password: "p" } });
});
add("buildRequest", "gochat long name", 500_000, (n) => {
  const p = { name: combining(n), admin_id: 1 };
  return () => gp.buildRequest("gochat", p, {});
});
add("buildRequest", "long base URL", 200_000, (n) => {
  const baseUrl = `https://${"a.".repeat(n / 2)}example.com`;
  return () => gp.buildRequest("gochat", { name: "g", admin_id: 1 }, { baseUrl });
});
add("signTc3", "payload of n bytes", 1_000_000, (n) => {
  const input = {
    secretId: "AKID", secretKey: "k", timestamp: 1, service: "iai", host: "iai.tencentcloudapi.com",
    method: "POST", contentType: "application/json", payload: "x".repeat(n),
  };
  return () => gp.signTc3(input);
});
add("capillaryBasicAuth", "password of n characters", 1_000_000, (n) => {
  const password = "é".repeat(n);
  return () => gp.capillaryBasicAuth("u", password);
});

// ---------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------

// A collection before each timed call, so that no call pays for the garbage of the one before.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");

/** One call's time in milliseconds, after a collection. */
function once(f) {
  gc();
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/**
 * The fastest of `runs` calls of `small` and of `large`, in milliseconds, taken in turns so
 * that load from elsewhere on the machine falls on both alike (after one call each to warm up).
 */
function pair(small, large, runs = RUNS) {
  small();
  large();
  const best = [Infinity, Infinity];
  for (let r = 0; r < runs; r++) {
    best[0] = Math.min(best[0], once(small));
    best[1] = Math.min(best[1], once(large));
  }
  return best;
}

const only = process.env.ONLY;
console.log(
  `${"entry point".padEnd(18)} ${"case".padEnd(44)} ${"n".padStart(9)} ` +
    `${"t(n)".padStart(11)} ${"t(4n)".padStart(11)} ${"ratio".padStart(6)}`,
);
const rows = [];
const started = performance.now();
for (const c of CASES) {
  if (only && !c.entry.includes(only)) continue;
  let n = c.n;
  let small = c.make(n);
  // Too fast to time well: grow n (at most 16 times, and bounded by the case's own memory).
  // Timed warm: the first call also pays for compiling and growing memory.
  small();
  for (let grown = 0; once(small) < MIN_MS && grown < 2; grown++) {
    n *= 4;
    small = c.make(n);
    small();
  }
  const large = c.make(4 * n);
  let [ts, tl] = pair(small, large);
  // More looks before failing: the machine is shared, and a slow run only adds time (a
  // quadratic cost stays near 16 however often it is measured).
  for (let look = 0; tl / ts > MAX_RATIO && look < 2; look++) {
    const [ts2, tl2] = pair(small, large, 3 * RUNS);
    ts = Math.min(ts, ts2);
    tl = Math.min(tl, tl2);
  }
  const ratio = tl / Math.max(ts, 1e-3);
  rows.push({ entry: c.entry, name: c.name, n, ratio });
  const flag = ratio > MAX_RATIO ? "  <-- FAIL" : "";
  console.log(
    `${c.entry.padEnd(18)} ${c.name.padEnd(44)} ${String(n).padStart(9)} ${ts.toFixed(1).padStart(8)} ms ` +
      `${tl.toFixed(1).padStart(8)} ms ${ratio.toFixed(2).padStart(6)}${flag}`,
  );
}
const failed = rows.filter((r) => r.ratio > MAX_RATIO);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\n${rows.length} cases in ${seconds} s; columns: entry point, case, n, t(n), t(4n), ratio`);
if (failed.length > 0) {
  console.error(`${failed.length} case(s) grow faster than n log n (ratio above ${MAX_RATIO}):`);
  for (const r of failed) console.error(`  ${r.entry} ${r.name}: ${r.ratio.toFixed(2)}`);
  process.exit(1);
}
