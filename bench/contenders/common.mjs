// Text helpers shared by every JS contender (bundled into each one by size.mjs). They state
// the package's units exactly: "characters" are Unicode scalar values, "B" are UTF-8 bytes.

/** Tencent name charset: Script=Han, ASCII letters, digits, - and _ (src/rules/charset.rs). */
export const HAN_PATTERN = "^[\\p{Script=Han}A-Za-z0-9_-]*$";
export const HAN = new RegExp(HAN_PATTERN, "u");
/** Tencent GroupId charset: ASCII letters, digits and -%@#&_ (src/rules/charset.rs). */
export const GROUP_ID_PATTERN = "^[A-Za-z0-9%@#&_-]*$";
export const GROUP_ID = new RegExp(GROUP_ID_PATTERN);
/** Blank = only whitespace as JS `trim` sees it (src/rules/presence.rs): `\s` in a regex. */
const BLANK = /^\s*$/;
const EDGE_SPACE = /^\s|\s$/;

export const isBlank = (s) => BLANK.test(s);
export const hasEdgeSpace = (s) => EDGE_SPACE.test(s);

/** A JS string with a lone surrogate has no UTF-8 form (the package's invalid_encoding). */
export const isWellFormed =
  typeof String.prototype.isWellFormed === "function"
    ? (s) => s.isWellFormed()
    : (s) => !/\p{Surrogate}/u.test(s);

/** Unicode scalar values ([...s].length) without allocating. */
export function charCount(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** At most `max` characters; strings of at most `max` UTF-16 units need no count. */
export const maxChars = (s, max) => s.length <= max || charCount(s) <= max;
/** At least `min` characters (a UTF-16 unit count bounds the character count from above). */
export const minChars = (s, min) => s.length >= min && (min <= 1 || charCount(s) >= min);

/** At most `max` UTF-8 bytes: UTF-8 takes 1-3 bytes per UTF-16 unit, so most strings need no count. */
export const maxBytes = (s, max) => s.length <= max && (s.length * 3 <= max || utf8Length(s) <= max);

/** UTF-8 length, as the provider counts GroupId (no Buffer: this also runs in browsers). */
export function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Every repeat of an earlier name in a GeeLark list, as [index, firstIndex] pairs: items that
 * are objects whose name is a well-formed, non-blank string (blank names are their own error).
 */
export function geelarkDuplicates(list) {
  let seen;
  let out;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item !== "object" || item === null || Array.isArray(item)) continue;
    const name = item.name;
    if (typeof name !== "string" || !isWellFormed(name) || isBlank(name)) continue;
    seen ??= new Map();
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else (out ??= []).push([i, first]);
  }
  return out;
}

/** Every repeat among the well-formed string items of an array (Tencent GroupExDescriptions). */
export function stringDuplicates(items) {
  let out;
  for (let i = 1; i < items.length; i++) {
    const s = items[i];
    if (typeof s !== "string" || !isWellFormed(s)) continue;
    for (let j = 0; j < i; j++) {
      if (items[j] === s) {
        (out ??= []).push([i, j]);
        break;
      }
    }
  }
  return out;
}

export const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
