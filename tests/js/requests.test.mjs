// Every request buildRequest builds with `ok: true` is one `fetch` takes as it is (SPEC §2,
// "Header and URL safety"): a property test over a few thousand random and adversarial build
// options per provider (base URLs with odd schemes, hosts, brackets, ports and paths; custom
// header names; credentials with odd characters). Each built request goes through
// `new Request(url, init)` in Node (undici, which checks names and values as fetch does), which
// must not throw and must keep every header with the value built.
//
// Seeded: SEED=123 node --test tests/js/requests.test.mjs replays one run; a failure prints
// the seed and the options that failed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { domainToASCII, fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const PKG =
  process.env.GROUP_PAYLOADS_PKG ??
  fileURLToPath(new URL("../../pkg/node/group_payloads.js", import.meta.url));
const gp = require(PKG);

const SEED = Number(process.env.SEED ?? 20261203);
const CASES_PER_PROVIDER = 1500;

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRandom(seed) {
  const next = generator(seed);
  const int = (n) => Math.floor(next() * n);
  const pick = (items) => items[int(items.length)];
  const chance = (p) => next() < p;
  const string = (alphabet, min, max) => {
    const n = min + int(max - min + 1);
    let s = "";
    for (let i = 0; i < n; i++) s += pick(alphabet);
    return s;
  };
  return { int, pick, chance, string };
}

const LOWER = [..."abcdefghijklmnopqrstuvwxyz"];
const DIGITS = [..."0123456789"];
const HEX = [..."0123456789abcdefABCDEF"];
const LABEL = [...LOWER, ..."ABCXYZ", ...DIGITS, "-", "_"];
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
/** Characters that are trouble somewhere: controls, DEL, Latin-1, astral, a lone surrogate. */
const ODD = ["\t", "\n", "\r", "\0", "\x7f", "\x85", "\xa0", "é", "市", "😂", "\u2028", "\ufeff", "\ud800"];
const TOKEN = [..."!#$%&'*+-.^_`|~", ...LOWER, ..."ABCZ", ...DIGITS];

/** Letters of scripts the library knows the IDNA status of, and some it does not. */
const KNOWN_LETTERS = [..."ßàéöøÿабвгдяあいうゔアイウヺ中国市场部한국어"];
const OTHER_LETTERS = [..."āĀΩωאب😂\u0301\u200d・ー〆ªµ"];

/** An IDNA (xn--) label: Node's own Punycode of random letters, or random text after xn--. */
function idnaLabel(r) {
  if (r.chance(0.3)) return `xn--${r.string([...LOWER, ...DIGITS, "-"], 0, 10)}`;
  const letters = r.chance(0.6) ? KNOWN_LETTERS : [...KNOWN_LETTERS, ...OTHER_LETTERS, ...LOWER];
  const ascii = domainToASCII(`${r.string(letters, 1, 6)}.example`);
  return ascii === "" ? "xn--" : ascii.split(".")[0];
}

function host(r) {
  switch (r.int(8)) {
    case 7:
      return `${idnaLabel(r)}.${r.pick(["example", "com", idnaLabel(r)])}`;
    case 0: // a domain of random labels, some of them IDNA (xn--) labels
      return Array.from({ length: 1 + r.int(4) }, () =>
        r.chance(0.15) ? `${r.pick(["xn--", "XN--", "xn-"])}${r.string(LABEL, 0, 6)}` : r.string(LABEL, 0, 8),
      ).join(".") + (r.chance(0.1) ? "." : "");
    case 1: // IPv4, with out-of-range, leading-zero and short forms
      return Array.from({ length: r.pick([2, 3, 4, 4, 4, 5]) }, () =>
        r.pick([String(r.int(256)), String(r.int(1000)), `0${r.int(10)}`, `0x${r.string(HEX, 0, 2)}`, ""]),
      ).join(".");
    case 2: { // IPv6 in brackets, well-formed or nearly so
      const groups = Array.from({ length: r.int(9) }, () => r.string(HEX, 0, 5));
      if (r.chance(0.4)) groups.splice(r.int(groups.length + 1), 0, "");
      let ip = groups.join(":");
      if (r.chance(0.2)) ip += `:${r.int(300)}.${r.int(256)}.${r.int(256)}.${r.int(256)}`;
      if (r.chance(0.1)) ip += `%${r.string(LABEL, 1, 4)}`;
      return r.pick([`[${ip}]`, `[${ip}]`, `[${ip}`, `${ip}]`, ip]);
    }
    case 3:
      return r.pick(["localhost", "example.com", "127.0.0.1", "[::1]", "a", "-", "_", "0", "..", "."]);
    case 4: // a domain with one odd character
      return `ex${r.pick([...PRINTABLE, ...ODD])}ample.com`;
    case 5:
      return "";
    default:
      return `${r.string(LOWER, 1, 10)}.${r.pick(["com", "io", "cn", "co.uk", "1", "0x1f"])}`;
  }
}

function baseUrl(r) {
  const scheme = r.pick(["https://", "http://", "HTTPS://", "hTTp://", "ftp://", "https:/", "https:", "//", ""]);
  const user = r.chance(0.05) ? `${r.string(LOWER, 0, 4)}${r.pick(["@", ":p@"])}` : "";
  const port = r.chance(0.6)
    ? ""
    : `:${r.pick([
        String(r.int(65536)),
        String(65536 + r.int(100000)),
        `0${r.int(100)}`,
        r.string(DIGITS, 0, 7),
        r.string([...DIGITS, "a", "+", "-", " ", ":"], 1, 4),
        "",
      ])}`;
  const path = r.pick([
    "", "", "/", "/api", "/v1/", "/a b", "/%zz", "/%41", "/a?b", "/a#b", "/é", "/a\\b",
    "/{x}", "/a|b", "/`", "/^", "/.", "/..", "/./a/../b", "//",
  ]);
  let url = scheme + user + host(r) + port + path;
  if (r.chance(0.05)) {
    const at = r.int(url.length + 1);
    url = url.slice(0, at) + r.pick([...ODD, " ", "@", "\\", "#", "?"]) + url.slice(at);
  }
  return url;
}

/** A credential: usually plain, sometimes with spaces, odd characters or nothing at all. */
function credential(r) {
  switch (r.int(6)) {
    case 0:
      return r.string(PRINTABLE, 0, 40);
    case 1:
      return ` ${r.string(PRINTABLE, 1, 10)}${r.pick(["", " "])}`;
    case 2: {
      const s = r.string(PRINTABLE, 1, 20);
      const at = r.int(s.length + 1);
      return s.slice(0, at) + r.pick(ODD) + s.slice(at);
    }
    case 3:
      return r.pick(["", " ", "a", "a b", "a\tb", "Bearer x", "x".repeat(10_000)]);
    default:
      return r.string([...LOWER, ...DIGITS, "-", "_", ".", "~", "+", "/", "="], 1, 40);
  }
}

function headerName(r) {
  switch (r.int(4)) {
    case 0:
      return r.string(TOKEN, 0, 20);
    case 1: // names the builder or fetch already uses, in any case
      return r.pick([
        "Accept", "accept", "Content-Type", "CONTENT-TYPE", "Authorization", "authorization",
        "Host", "Content-Length", "Connection", "Cookie", "Proxy-Authorization", "Sec-Fetch-Mode",
        "Keep-Alive", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "X-CAP-API-OAUTH-TOKEN",
        "x-cap-api-oauth-token", "X-CAP-API-AUTH-ORG-ID",
      ]);
    case 2: {
      const s = r.string(TOKEN, 1, 12);
      const at = r.int(s.length + 1);
      return s.slice(0, at) + r.pick([...ODD, " ", ":", "(", "\"", "/", "@", "="]) + s.slice(at);
    }
    default:
      return `X-${r.string(TOKEN, 1, 12)}`;
  }
}

const maybe = (r, value, p = 0.5) => (r.chance(p) ? value : undefined);
const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const traceId = (r) => r.pick([credential(r), `trace-${r.int(1e9)}`, "", "12345"]);
const ts = (r) => r.pick([1700000000000, r.int(2 ** 31), -1, 1.5, "1700000000000", "0123", credential(r)]);

/** Random build options for each provider, around the documented shapes. */
const OPTIONS = {
  geelark: (r) =>
    r.chance(0.5)
      ? { auth: defined({ type: "key", appId: credential(r), apiKey: credential(r), traceId: maybe(r, traceId(r), 0.8), ts: maybe(r, ts(r), 0.8) }) }
      : { auth: defined({ type: "token", token: credential(r), traceId: maybe(r, traceId(r), 0.8) }) },
  "tencent-iai": (r) =>
    defined({
      secretId: r.chance(0.5) ? `AKID${r.string([...LOWER, ...DIGITS], 1, 20)}` : credential(r),
      secretKey: credential(r),
      timestamp: r.pick([1700000000, r.int(2 ** 31), 0]),
      token: maybe(r, credential(r), 0.4),
      region: maybe(r, r.pick(["ap-guangzhou", credential(r)]), 0.4),
      language: maybe(r, r.pick(["zh-CN", "en-US", credential(r)]), 0.3),
      style: maybe(r, r.pick(["post", "get"]), 0.6),
    }),
  selfcommunity: (r) => ({ baseUrl: baseUrl(r), token: credential(r) }),
  capillary: (r) => {
    const auth = r.chance(0.5)
      ? { type: "basic", username: credential(r), password: credential(r) }
      : defined({ type: "oauth", token: credential(r), header: maybe(r, headerName(r), 0.7) });
    return r.chance(0.3) ? { cluster: r.pick(["eu", "in", "sg", "us", "EU", "xx"]), auth } : { baseUrl: baseUrl(r), auth };
  },
  gochat: (r) => defined({ baseUrl: maybe(r, baseUrl(r), 0.9), token: maybe(r, credential(r), 0.7) }),
};

const PAYLOADS = {
  geelark: { list: [{ name: "group", remark: "remark" }] },
  "tencent-iai": { GroupName: "group", GroupId: "group-1", Tag: "tag", GroupExDescriptions: ["a", "b"] },
  selfcommunity: { name: "group", privacy: "public" },
  capillary: { name: "group", rank: 1 },
  gochat: { name: "group", admin_id: 1 },
};

/** Why `request` is not sent as built, or null. */
function notSendable(request) {
  let sent;
  try {
    sent = new Request(request.url, { method: request.method, headers: request.headers, body: request.body });
  } catch (error) {
    return `new Request threw: ${error.message}`;
  }
  const names = Object.keys(request.headers).map((n) => n.toLowerCase());
  if (new Set(names).size !== names.length) return `two headers differ only in case: ${names}`;
  for (const [name, value] of Object.entries(request.headers)) {
    const kept = sent.headers.get(name);
    if (kept !== value) return `header ${name} sent as ${JSON.stringify(kept)}, built as ${JSON.stringify(value)}`;
  }
  return null;
}

for (const [id, options] of Object.entries(OPTIONS)) {
  test(`${id}: every request built with ok: true is sent as built (seed ${SEED})`, () => {
    const r = makeRandom(SEED ^ id.length * 7919);
    const failures = [];
    let built = 0;
    for (let i = 0; i < CASES_PER_PROVIDER; i++) {
      const o = options(r);
      let result;
      try {
        result = gp.buildRequest(id, PAYLOADS[id], o);
      } catch (error) {
        assert.ok(error instanceof TypeError, `${id}: threw ${error} for ${JSON.stringify(o)}`);
        continue;
      }
      if (!result.ok) continue;
      built++;
      const problem = notSendable(result.request);
      if (problem) failures.push(`${problem}\n    options: ${JSON.stringify(o)}`);
    }
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} unsendable requests`);
    // The generator must reach the interesting part: some options build.
    assert.ok(built >= CASES_PER_PROVIDER / 50, `${id}: only ${built} of ${CASES_PER_PROVIDER} built`);
  });
}

test("IDNA hosts of known scripts are taken, as fetch takes them", () => {
  const r = makeRandom(SEED);
  for (let i = 0; i < 300; i++) {
    const unicode = `${r.string(KNOWN_LETTERS, 1, 8)}.${r.pick(["example", "中国", "com"])}`;
    const baseUrl = `https://${domainToASCII(unicode)}`;
    const b = gp.buildRequest("selfcommunity", PAYLOADS.selfcommunity, { baseUrl, token: "t" });
    assert.equal(b.ok, true, `${unicode} (${baseUrl}): ${JSON.stringify(b.errors)}`);
    assert.equal(notSendable(b.request), null);
    assert.equal(new URL(b.request.url).host, new URL(baseUrl).host);
  }
});
