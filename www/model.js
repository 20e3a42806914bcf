// The form's field model, derived from the library's constraints(provider), and the payload
// the form edits: a plain JSON value, read and written by path segments. The payload is the
// one source of truth; the form and the JSON view are two ways of showing and editing it.
import { formatPath, parsePath } from "./path.js";

// Long free text gets a multi-line box; nothing else about a field is decided here.
const MULTILINE_FROM = 200;

// "list[3].name" and the constraint path "list[].name" share the key "list[0].name".
const patternKey = (path) =>
  formatPath(parsePath(String(path).replaceAll("[]", "[0]")).map((s) => (typeof s === "number" ? 0 : s)));

// kind: text | textarea | integer | boolean | choice | upload | texts | integers | objects.
export function fieldsFrom(constraints) {
  const byKey = new Map(constraints.map((c) => [patternKey(c.path), c]));
  const leafKind = (c) => {
    if (c?.type === "integer") return "integer";
    if (c?.type === "boolean") return "boolean";
    if (c?.type === "file") return "upload";
    if (Array.isArray(c?.enum)) return "choice";
    return (c?.maxLength ?? 0) >= MULTILINE_FROM ? "textarea" : "text";
  };
  const node = (segs) => {
    const c = byKey.get(formatPath(segs)) ?? {};
    const f = { ...c, name: segs.at(-1), segs, severity: c.severity ?? {} };
    const childNames = [];
    for (const key of byKey.keys()) {
      const s = parsePath(key);
      if (s.length === segs.length + 2 && s[segs.length] === 0 && formatPath(s.slice(0, segs.length)) === formatPath(segs)) {
        childNames.push(s.at(-1));
      }
    }
    const itemKey = formatPath([...segs, 0]);
    if (childNames.length) {
      f.kind = "objects";
      f.children = childNames.map((n) => node([...segs, 0, n]));
    } else if (c.type === "array" || byKey.has(itemKey)) {
      const item = byKey.get(itemKey) ?? {};
      const kind = leafKind(item);
      f.kind = kind === "integer" ? "integers" : "texts";
      f.item = { ...item, name: "", segs: [...segs, 0], kind, required: true, severity: item.severity ?? {} };
    } else {
      f.kind = leafKind(c);
    }
    return f;
  };
  const top = [];
  for (const key of byKey.keys()) {
    const name = parsePath(key)[0];
    if (typeof name === "string" && !top.includes(name)) top.push(name);
  }
  return top.map((n) => node([n]));
}

export const isArrayKind = (f) => f.kind === "objects" || f.kind === "texts" || f.kind === "integers";

// -- the payload, by path segments ---------------------------------------------------------
export function getAt(value, segs) {
  let v = value;
  for (const s of segs) {
    if (v === null || typeof v !== "object") return undefined;
    v = v[s];
  }
  return v;
}

// Sets (or with `undefined`, removes) the value at segs, making objects and arrays on the way.
export function setAt(root, segs, value) {
  let o = root;
  for (let i = 0; i < segs.length - 1; i++) {
    const next = o[segs[i]];
    if (next === null || typeof next !== "object") o[segs[i]] = typeof segs[i + 1] === "number" ? [] : {};
    o = o[segs[i]];
  }
  const last = segs.at(-1);
  if (value === undefined) {
    if (Array.isArray(o) && typeof last === "number") o.splice(last, 1);
    else delete o[last];
  } else {
    o[last] = value;
  }
}

// -- a field's value as text in a control, and back ----------------------------------------
export function textOf(value) {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

// What the typed text sends. An empty optional field is left out; an empty required text is
// sent empty, so the library can say what is wrong with it. Digits in an integer field are
// sent as a number; anything else as typed, for the library to report.
export function valueFromText(field, text, isItem = false) {
  switch (field.kind) {
    case "integer":
    case "integers": {
      if (text === "") return isItem ? "" : undefined;
      const n = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
      return Number.isSafeInteger(n) ? n : text;
    }
    case "boolean":
      return text === "true" ? true : text === "false" ? false : undefined;
    case "choice":
    case "upload":
      return text === "" ? undefined : text;
    default:
      return text === "" && !field.required && !isItem ? undefined : text;
  }
}

// A new item: an object's required texts start empty, everything else absent.
export function newItem(field) {
  if (field.kind !== "objects") return "";
  const item = {};
  for (const c of field.children) if (c.required && (c.kind === "text" || c.kind === "textarea")) item[c.name] = "";
  return item;
}

// What the badge of an optional field says beyond "optional", asked of the library rather
// than written here: with the field left out, is it reported "required" for some values of a
// choice field (a rule across fields: "required when privacy is private"), or as a warning on
// its own ("recommended")? `check(payload)` returns validate's report.
export function conditionsOf(fields, check) {
  const out = new Map(); // field name -> {field, value} | {recommended: true}
  const choosers = fields.filter((f) => f.kind === "choice" || f.kind === "boolean");
  const missing = (issues, f) => issues.some((i) => i.path === f.name && i.code === "required");
  for (const f of fields) {
    if (f.required || isArrayKind(f)) continue;
    if (missing(check({}).warnings, f)) {
      out.set(f.name, { recommended: true });
      continue;
    }
    for (const c of choosers) {
      if (c === f) continue;
      const values = c.kind === "boolean" ? [true, false] : c.enum ?? [];
      const hits = values.filter((v) => missing(check({ [c.name]: v }).errors, f));
      if (hits.length && hits.length < values.length) {
        out.set(f.name, { field: c.name, value: hits.join(" | ") });
        break;
      }
    }
  }
  return out;
}
