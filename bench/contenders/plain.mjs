// Hand-written plain JS: the same rules as src/providers/{geelark,tencent_iai}.rs, written the
// way a careful front-end engineer would (no library). Issues are {path, code} plus the
// warnings the package gives (unknown fields, surrounding whitespace); no messages.
import {
  GROUP_ID,
  HAN,
  geelarkDuplicates,
  hasEdgeSpace,
  isBlank,
  isObject,
  isWellFormed,
  maxBytes,
  maxChars,
  minChars,
  stringDuplicates,
} from "./common.mjs";

export const name = "plain JS";

const issue = (path, code) => ({ path, code });
const join = (path, key) => (path ? `${path}.${key}` : key);

/** typeof/encoding gate shared by every string field: the string, or null after reporting. */
function str(errors, path, v) {
  if (typeof v !== "string") {
    errors.push(issue(path, "invalid_type"));
    return null;
  }
  if (!isWellFormed(v)) {
    errors.push(issue(path, "invalid_encoding"));
    return null;
  }
  return v;
}

// ------------------------------------------------------------------------------- GeeLark

function geelarkItem(errors, warnings, path, item) {
  if (!isObject(item)) {
    errors.push(issue(path, "invalid_type"));
    return;
  }
  let hasName = false;
  for (const key in item) {
    const v = item[key];
    if (key === "name") {
      hasName = true;
      if (v === null) errors.push(issue(join(path, key), "required"));
      else {
        const s = str(errors, join(path, key), v);
        if (s === null) continue;
        if (isBlank(s)) errors.push(issue(join(path, key), "blank"));
        else {
          if (!maxChars(s, 50)) errors.push(issue(join(path, key), "too_long"));
          if (hasEdgeSpace(s)) warnings.push(issue(join(path, key), "surrounding_whitespace"));
        }
      }
    } else if (key === "remark") {
      const s = str(errors, join(path, key), v);
      if (s === null) continue;
      if (!maxChars(s, 500)) errors.push(issue(join(path, key), "too_long"));
      if (hasEdgeSpace(s)) warnings.push(issue(join(path, key), "surrounding_whitespace"));
    } else warnings.push(issue(join(path, key), "unknown_field"));
  }
  if (!hasName) errors.push(issue(join(path, "name"), "required"));
}

export function geelark(payload) {
  const errors = [];
  const warnings = [];
  if (!isObject(payload)) errors.push(issue("", "invalid_type"));
  else {
    let hasList = false;
    for (const key in payload) {
      if (key !== "list") {
        warnings.push(issue(key, "unknown_field"));
        continue;
      }
      hasList = true;
      const list = payload.list;
      if (list === null) errors.push(issue("list", "required"));
      else if (!Array.isArray(list)) errors.push(issue("list", "invalid_type"));
      else {
        if (list.length < 1) errors.push(issue("list", "too_few"));
        for (let i = 0; i < list.length; i++) geelarkItem(errors, warnings, `list[${i}]`, list[i]);
        const dups = geelarkDuplicates(list);
        if (dups) for (const [i] of dups) errors.push(issue(`list[${i}].name`, "duplicate"));
      }
    }
    if (!hasList) errors.push(issue("list", "required"));
  }
  return { ok: errors.length === 0, errors, warnings };
}

// --------------------------------------------------------------------------- Tencent IAI

/** Min/max in characters plus the Han charset (GroupName, descriptions, Tag). */
function hanText(errors, path, v, min, max) {
  const s = str(errors, path, v);
  if (s === null) return;
  if (min > 0 && !minChars(s, min)) errors.push(issue(path, "too_short"));
  if (!maxChars(s, max)) errors.push(issue(path, "too_long"));
  if (!HAN.test(s)) errors.push(issue(path, "invalid_chars"));
}

export function tencent(payload) {
  const errors = [];
  const warnings = [];
  if (!isObject(payload)) {
    errors.push(issue("", "invalid_type"));
    return { ok: false, errors, warnings };
  }
  let hasName = false;
  let hasId = false;
  for (const key in payload) {
    const v = payload[key];
    switch (key) {
      case "GroupName":
        hasName = true;
        if (v === null) errors.push(issue(key, "required"));
        else hanText(errors, key, v, 1, 60);
        break;
      case "GroupId": {
        hasId = true;
        if (v === null) {
          errors.push(issue(key, "required"));
          break;
        }
        const s = str(errors, key, v);
        if (s === null) break;
        if (s.length === 0) errors.push(issue(key, "too_short"));
        if (!maxBytes(s, 64)) errors.push(issue(key, "too_long"));
        if (!GROUP_ID.test(s)) errors.push(issue(key, "invalid_chars"));
        break;
      }
      case "GroupExDescriptions": {
        if (!Array.isArray(v)) {
          errors.push(issue(key, "invalid_type"));
          break;
        }
        if (v.length > 5) errors.push(issue(key, "too_many"));
        for (let i = 0; i < v.length; i++) hanText(errors, `${key}[${i}]`, v[i], 1, 30);
        const dups = stringDuplicates(v);
        if (dups) for (const [i] of dups) errors.push(issue(`${key}[${i}]`, "duplicate"));
        break;
      }
      case "Tag":
        hanText(errors, key, v, 0, 40);
        break;
      case "FaceModelVersion": {
        const s = str(errors, key, v);
        if (s !== null && s !== "2.0" && s !== "3.0") errors.push(issue(key, "invalid_value"));
        break;
      }
      default:
        warnings.push(issue(key, "unknown_field"));
    }
  }
  if (!hasName) errors.push(issue("GroupName", "required"));
  if (!hasId) errors.push(issue("GroupId", "required"));
  return { ok: errors.length === 0, errors, warnings };
}

/** One field as a form checks it on each keystroke: Tencent's GroupName rules alone. */
export function groupName(value) {
  const errors = [];
  hanText(errors, "GroupName", value, 1, 60);
  return errors.length === 0;
}

/** {ok, paths} for the cross-check in run.mjs (not timed). */
export const summarize = (r) => ({ ok: r.ok, paths: r.errors.map((e) => e.path) });
