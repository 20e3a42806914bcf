// geelarkSign through the Node package (pkg/node, built by scripts/build.sh): `ts` is signed
// exactly as the `ts` header carries it, so a value with two spellings ("0123" and 123) is
// refused rather than signed in one spelling and sent in another.
//
// GROUP_PAYLOADS_PKG=/path/to/group_payloads.js points the tests at another build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const PKG =
  process.env.GROUP_PAYLOADS_PKG ??
  fileURLToPath(new URL("../../pkg/node/group_payloads.js", import.meta.url));
const gp = require(PKG);

// The GeeLark docs' request example (docs/decisions.md "GeeLark auth").
const APP_ID = "eH6gQR4oHr3FsZpI36La01IW";
const API_KEY = "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf";
const TRACE_ID = "db6094ab-3797-4186-84d5-b0b58eebad56";
const TS = "1716972892166";
const PUBLISHED = "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD";

/** The documented recipe, independently: UPPER(hex(SHA256(appId + traceId + ts + nonce + apiKey))). */
function recompute(appId, traceId, ts, apiKey) {
  const nonce = [...traceId].slice(0, 6).join("");
  return createHash("sha256")
    .update(appId + traceId + ts + nonce + apiKey, "utf8")
    .digest("hex")
    .toUpperCase();
}

test("the published example signs to the published signature, ts as a string or a number", () => {
  assert.equal(recompute(APP_ID, TRACE_ID, TS, API_KEY), PUBLISHED);
  for (const ts of [TS, Number(TS)]) {
    assert.equal(gp.geelarkSign({ appId: APP_ID, traceId: TRACE_ID, ts, apiKey: API_KEY }), PUBLISHED);
  }
});

test("canonical ts values sign as the recipe says", () => {
  for (const ts of ["0", "1", "123", "1700000000000", "9007199254740991"]) {
    for (const traceId of [TRACE_ID, "abc", "追踪编号一二三四", "😂😂😂😂😂😂😂"]) {
      const expected = recompute(APP_ID, traceId, ts, API_KEY);
      assert.equal(gp.geelarkSign({ appId: APP_ID, traceId, ts, apiKey: API_KEY }), expected, `${traceId} ${ts}`);
      assert.equal(gp.geelarkSign({ appId: APP_ID, traceId, ts: Number(ts), apiKey: API_KEY }), expected);
    }
  }
});

test("a ts that is not canonical decimal digits is a TypeError", () => {
  for (const ts of ["0123", "00", "+1", "1e3", " 1", "1 ", "1.0", "-1", "", "０１", -1, 1.5, NaN, Infinity, 2 ** 53]) {
    assert.throws(
      () => gp.geelarkSign({ appId: APP_ID, traceId: TRACE_ID, ts, apiKey: API_KEY }),
      (error) => error instanceof TypeError && /input\.ts/.test(error.message),
      JSON.stringify(ts) ?? String(ts),
    );
  }
});
