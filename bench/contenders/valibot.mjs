// valibot 1: the rules as pipes. Lengths go through checks because valibot's minLength and
// maxLength count UTF-16 units, not characters (Unicode scalar values). Item-count and duplicate rules sit
// in one rawCheck, which (unlike maxLength) still runs when an element has failed.
import * as v from "valibot";
import {
  GROUP_ID,
  HAN,
  geelarkDuplicates,
  isBlank,
  isObject,
  isWellFormed,
  maxBytes,
  maxChars,
  minChars,
  stringDuplicates,
} from "./common.mjs";

export const name = "valibot";

const wellFormed = v.check(isWellFormed, "contains a lone surrogate");
// v.object accepts arrays (typeof [] === "object"); the package, ajv and zod do not.
const object = (entries) => v.pipe(v.custom(isObject, "Invalid type: Expected object"), v.object(entries));

const geelarkItem = object({
  name: v.pipe(
    v.string(),
    wellFormed,
    v.check((s) => !isBlank(s), "must not be blank"),
    v.check((s) => maxChars(s, 50), "at most 50 characters"),
  ),
  remark: v.optional(v.pipe(v.string(), wellFormed, v.check((s) => maxChars(s, 500), "at most 500 characters"))),
});

export const geelarkSchema = object({
  list: v.pipe(
    v.array(geelarkItem),
    v.minLength(1),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!Array.isArray(dataset.value)) return;
      const dups = geelarkDuplicates(dataset.value);
      if (dups)
        for (const [i, first] of dups)
          addIssue({
            message: `repeats item ${first}`,
            path: [
              { type: "array", origin: "value", input: dataset.value, key: i, value: dataset.value[i] },
              { type: "object", origin: "value", input: dataset.value[i], key: "name", value: dataset.value[i].name },
            ],
          });
    }),
  ),
});

const hanText = (min, max) =>
  v.pipe(
    v.string(),
    wellFormed,
    ...(min ? [v.check((s) => minChars(s, min), `at least ${min} characters`)] : []),
    v.check((s) => maxChars(s, max), `at most ${max} characters`),
    v.regex(HAN),
  );

const groupNameSchema = hanText(1, 60);

export const tencentSchema = object({
  GroupName: groupNameSchema,
  GroupId: v.pipe(
    v.string(),
    wellFormed,
    v.check((s) => s.length > 0, "at least 1 byte"),
    v.check((s) => maxBytes(s, 64), "at most 64 bytes"),
    v.regex(GROUP_ID),
  ),
  GroupExDescriptions: v.optional(
    v.pipe(
      v.array(hanText(1, 30)),
      v.rawCheck(({ dataset, addIssue }) => {
        const items = dataset.value;
        if (!Array.isArray(items)) return;
        if (items.length > 5) addIssue({ message: "at most 5 items" });
        const dups = stringDuplicates(items);
        if (dups)
          for (const [i, first] of dups)
            addIssue({
              message: `repeats item ${first}`,
              path: [{ type: "array", origin: "value", input: items, key: i, value: items[i] }],
            });
      }),
    ),
  ),
  Tag: v.optional(hanText(0, 40)),
  FaceModelVersion: v.optional(v.picklist(["2.0", "3.0"])),
});

export const geelark = (payload) => v.safeParse(geelarkSchema, payload);
export const tencent = (payload) => v.safeParse(tencentSchema, payload);
/** One field as a form checks it on each keystroke: Tencent's GroupName schema alone. */
export const groupName = (value) => v.safeParse(groupNameSchema, value).success;

const toPath = (path) =>
  (path ?? []).map((p, i) => (typeof p.key === "number" ? `[${p.key}]` : i ? `.${p.key}` : p.key)).join("");
export const summarize = (r) => ({ ok: r.success, paths: r.success ? [] : r.issues.map((i) => toPath(i.path)) });
