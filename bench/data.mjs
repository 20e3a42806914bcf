// Deterministic benchmark data: every run, every machine, the same payloads (seeded PRNG, no
// Math.random, no clock). Text mixes ASCII, CJK (BMP and astral Han) and emoji, so validators
// that count UTF-16 units instead of characters (Unicode scalar values) disagree and the check fails loudly.

export const SEED = 0x5eed_2026;

/** mulberry32: small, fast, deterministic. */
export function prng(seed = SEED) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  return { next, int, pick, chance: (p) => next() < p };
}

const ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const cp = (n) => String.fromCodePoint(n);

function charFactory(r) {
  return {
    letter: () => r.pick(ASCII_LETTERS),
    digit: () => r.pick(DIGITS),
    cjk: () => cp(r.int(0x4e00, 0x9fff)), // BMP Han
    astralHan: () => cp(r.int(0x20000, 0x2a6df)), // Han outside the BMP: 2 UTF-16 units
    emoji: () => cp(r.int(0x1f600, 0x1f64f)), // 2 UTF-16 units, not Han
    punct: () => r.pick([" ", ".", ",", "!", "·", "，"]),
  };
}

/** Free text (GeeLark names, remarks): ASCII words, CJK, emoji, spaces. Exactly `n` chars. */
function freeText(r, c, n) {
  let s = "";
  for (let i = 0; i < n; i++) {
    const x = r.next();
    if (x < 0.45) s += c.letter();
    else if (x < 0.55) s += c.digit();
    else if (x < 0.75) s += c.cjk();
    else if (x < 0.85) s += c.emoji();
    else if (x < 0.9) s += c.astralHan();
    else s += i === 0 || i === n - 1 ? c.letter() : " ";
  }
  return s;
}

/** Tencent name charset: Han (BMP and astral), ASCII letters, digits, - and _. Exactly `n` chars. */
function hanText(r, c, n) {
  let s = "";
  for (let i = 0; i < n; i++) {
    const x = r.next();
    if (x < 0.4) s += c.letter();
    else if (x < 0.55) s += c.digit();
    else if (x < 0.85) s += c.cjk();
    else if (x < 0.92) s += c.astralHan();
    else s += r.pick(["-", "_"]);
  }
  return s;
}

const GROUP_ID_CHARS = ASCII_LETTERS + DIGITS + "-%@#&_";
function groupId(r, n) {
  let s = "";
  for (let i = 0; i < n; i++) s += r.pick(GROUP_ID_CHARS);
  return s;
}

// ---------------------------------------------------------------- GeeLark

/** A GeeLark batch of `count` groups, about `invalidRate` of them invalid in one way each. */
export function geelarkBatch(count = 10_000, invalidRate = 0.05, seed = SEED) {
  const r = prng(seed);
  const c = charFactory(r);
  const used = new Set();
  const list = [];
  const uniqueName = () => {
    for (;;) {
      // Lengths up to the limit; emoji-heavy names near 50 chars are > 50 UTF-16 units.
      const n = r.chance(0.1) ? r.int(45, 50) : r.int(3, 24);
      const name = freeText(r, c, n);
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  const validItem = () => {
    const item = { name: uniqueName() };
    if (r.chance(0.5)) item.remark = freeText(r, c, r.chance(0.05) ? r.int(450, 500) : r.int(0, 80));
    return item;
  };
  const invalidKinds = [
    () => ({ name: r.pick(["", " ", "   ", "\u3000", "\t \n"]) }), // blank: 43030
    () => ({ name: freeText(r, c, r.int(51, 60)) }), // too long (chars)
    () => ({ name: list.length ? r.pick(list.filter((i) => typeof i?.name === "string" && i.name.trim())).name : "x" }), // duplicate: 43031
    () => ({ remark: "no name" }), // required
    () => ({ name: r.int(1, 1e6) }), // invalid type
    () => ({ name: uniqueName(), remark: freeText(r, c, r.int(501, 520)) }), // remark too long
    () => ({ name: "bad" + String.fromCharCode(0xd800 + r.int(0, 0x3ff)) + r.int(0, 1e9) }), // lone surrogate
    () => r.pick([null, "just a string", 42, []]), // item not an object
    () => ({ name: uniqueName(), remark: null }), // optional but not nullable
  ];
  for (let i = 0; i < count; i++) {
    if (i > 0 && r.chance(invalidRate)) list.push(r.pick(invalidKinds)());
    else list.push(validItem());
  }
  return { list };
}

/** The smallest realistic GeeLark payload, for keystroke latency. */
export const geelarkSmall = { list: [{ name: "产品部 Product 🚀", remark: "weekly sync" }] };

/** One GeeLark payload with several errors (blank, too long, duplicate, missing, wrong type). */
export const geelarkInvalid = {
  list: [
    { name: "团队A" },
    { name: "   " },
    { name: "😀".repeat(51) },
    { name: "团队A", remark: "dup" },
    { remark: "no name" },
    { name: 7 },
    { name: "ok", remark: "长".repeat(501) },
  ],
};

// ---------------------------------------------------------------- Tencent IAI

function tencentValid(r, c) {
  const p = {
    GroupName: hanText(r, c, r.chance(0.1) ? r.int(55, 60) : r.int(1, 20)),
    GroupId: groupId(r, r.chance(0.1) ? r.int(60, 64) : r.int(4, 32)),
  };
  if (r.chance(0.5)) {
    const n = r.int(0, 5);
    const set = new Set();
    while (set.size < n) set.add(hanText(r, c, r.chance(0.1) ? r.int(25, 30) : r.int(1, 10)));
    p.GroupExDescriptions = [...set];
  }
  if (r.chance(0.4)) p.Tag = hanText(r, c, r.int(0, 40));
  if (r.chance(0.6)) p.FaceModelVersion = r.pick(["2.0", "3.0"]);
  return p;
}

const tencentBreakers = [
  (p, r, c) => void (p.GroupName = "Team " + hanText(r, c, 5)), // space: GroupNameIllegal
  (p, r, c) => void (p.GroupName = hanText(r, c, r.int(61, 70))), // GroupNameTooLong
  (p, r, c) => void (p.GroupName = "团队" + c.emoji()), // emoji is not Han
  (p) => void (p.GroupName = ""), // too short
  (p) => void delete p.GroupId, // required
  (p, r) => void (p.GroupId = groupId(r, r.int(65, 80))), // GroupIdTooLong (bytes)
  (p, r) => void (p.GroupId = "组" + groupId(r, 10)), // GroupIdIllegal
  (p, r) => void (p.GroupId = "组".repeat(22)), // 22 chars but 66 bytes: too long AND illegal
  (p, r, c) => void (p.GroupExDescriptions = ["a", "b", "c", "d", "e", "f"]), // Exceed
  (p, r, c) => void (p.GroupExDescriptions = ["描述", "描述"]), // Identical
  (p, r, c) => void (p.GroupExDescriptions = [hanText(r, c, 31)]), // NameTooLong
  (p) => void (p.GroupExDescriptions = ["has space", 5]), // Illegal + invalid type
  (p, r, c) => void (p.Tag = hanText(r, c, r.int(41, 45))), // GroupTagTooLong
  (p) => void (p.Tag = "tag!"), // GroupTagIllegal
  (p) => void (p.FaceModelVersion = "4.0"), // invalid value
  (p) => void (p.FaceModelVersion = 3), // invalid type
  (p) => void (p.GroupName = null), // null on a required field
];

/** `count` Tencent CreateGroup payloads; about `invalidRate` break one or two rules. */
export function tencentPayloads(count = 10_000, invalidRate = 0.2, seed = SEED + 1) {
  const r = prng(seed);
  const c = charFactory(r);
  const out = [];
  for (let i = 0; i < count; i++) {
    const p = tencentValid(r, c);
    if (r.chance(invalidRate)) {
      r.pick(tencentBreakers)(p, r, c);
      if (r.chance(0.3)) r.pick(tencentBreakers)(p, r, c);
    }
    out.push(p);
  }
  return out;
}

/** The smallest realistic Tencent payload, for keystroke latency. */
export const tencentSmall = { GroupName: "人脸库-Staff_01", GroupId: "staff-01@hq", Tag: "总部" };

/** One Tencent payload with several errors. */
export const tencentInvalid = {
  GroupName: "Face group 🙂",
  GroupId: "组".repeat(22),
  GroupExDescriptions: ["描述", "描述", "x".repeat(31), "ok", "a b", "f"],
  Tag: "t".repeat(41),
  FaceModelVersion: "4.0",
};

// ---------------------------------------------------------------- Edge cases (checked, not timed)

/** Shapes every contender must judge like the package (verdict and error paths). */
export const geelarkEdge = [
  null,
  [],
  "list",
  {},
  { list: null },
  { list: "x" },
  { list: [] },
  { list: [{ name: "a" }], extra: 1 },
  { list: [null, [], 3, { name: null }, { name: "a", remark: 5 }] },
  { list: [{ name: "😀".repeat(50) }, { name: "😀".repeat(50) }, { name: "a".repeat(50) + "😀" }] },
  { list: [{ name: "\u0085" }, { name: "\uFEFF" }, { name: "\u3000x\u3000" }] }, // whitespace in Rust, not for JS trim (U+0085); and the reverse (U+FEFF)
  { list: [{ name: "a\uDC00" }, { name: "a\uDC00" }, { name: "x", remark: "\uD83D" }] },
  { list: [{ name: "dup" }, { name: 1 }, { name: "dup" }, { name: "dup" }, { name: " " }, { name: " " }] },
];

export const tencentEdge = [
  null,
  [],
  {},
  { GroupName: 5, GroupId: [] },
  { GroupName: "a", GroupId: "b", GroupExDescriptions: null, Tag: null, FaceModelVersion: null },
  { GroupName: "a", GroupId: "b", GroupExDescriptions: "x" },
  { GroupName: "𠀀".repeat(60), GroupId: "a".repeat(64), Tag: "" },
  { GroupName: "𠀀".repeat(61), GroupId: "a".repeat(65), Tag: "𠀀".repeat(41) },
  { GroupName: "〇々", GroupId: "%@#&_-", GroupExDescriptions: [] },
  { GroupName: "ア", GroupId: "é", GroupExDescriptions: ["", "", "x", "x", "x", 1, 1] },
  { GroupName: "a", GroupId: "b", FaceModelVersion: "3" },
];


// `node bench/data.mjs DIR`: the same data as JSON files, for the core's native benchmark
// (bench/core.rs), so both measure the same payloads.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { mkdirSync, writeFileSync } = await import("node:fs");
  const dir = process.argv[2] ?? ".";
  mkdirSync(dir, { recursive: true });
  const files = {
    "geelark-small.json": geelarkSmall,
    "tencent-small.json": tencentSmall,
    "geelark-invalid.json": geelarkInvalid,
    "tencent-invalid.json": tencentInvalid,
    "geelark-batch.json": geelarkBatch(10_000, 0.05),
    "tencent-10k.json": tencentPayloads(10_000, 0.2),
  };
  for (const [name, value] of Object.entries(files)) writeFileSync(`${dir}/${name}`, JSON.stringify(value));
  console.log(`wrote ${Object.keys(files).join(", ")} to ${dir}`);
}
