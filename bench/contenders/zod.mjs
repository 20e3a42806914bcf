// zod 4: the rules with zod's chainable API. Lengths go through refinements because zod's
// .min/.max count UTF-16 units, not characters (Unicode scalar values). Item-count and duplicate rules sit
// in one superRefine with `when`, because zod skips refinements after element issues and
// stops at an oversized array before parsing its elements (the package reports all of them).
import { z } from "zod";
import {
  GROUP_ID,
  HAN,
  geelarkDuplicates,
  isBlank,
  isWellFormed,
  maxBytes,
  maxChars,
  minChars,
  stringDuplicates,
} from "./common.mjs";

export const name = "zod";

const whenArray = { when: (payload) => Array.isArray(payload.value) };
const text = () => z.string().refine(isWellFormed, "contains a lone surrogate");

const geelarkItem = z.object({
  name: text()
    .refine((s) => !isBlank(s), "must not be blank")
    .refine((s) => maxChars(s, 50), "at most 50 characters"),
  remark: text()
    .refine((s) => maxChars(s, 500), "at most 500 characters")
    .optional(),
});

export const geelarkSchema = z.object({
  list: z
    .array(geelarkItem)
    .min(1)
    .superRefine((list, ctx) => {
      const dups = geelarkDuplicates(list);
      if (dups)
        for (const [i, first] of dups)
          ctx.addIssue({ code: "custom", path: [i, "name"], message: `repeats item ${first}` });
    }, whenArray),
});

const hanText = (min, max) => {
  let s = text();
  if (min) s = s.refine((v) => minChars(v, min), `at least ${min} characters`);
  return s.refine((v) => maxChars(v, max), `at most ${max} characters`).regex(HAN);
};

export const tencentSchema = z.object({
  GroupName: hanText(1, 60),
  GroupId: text()
    .refine((s) => s.length > 0, "at least 1 byte")
    .refine((s) => maxBytes(s, 64), "at most 64 bytes")
    .regex(GROUP_ID),
  GroupExDescriptions: z
    .array(hanText(1, 30))
    .superRefine((items, ctx) => {
      if (items.length > 5) ctx.addIssue({ code: "too_big", maximum: 5, origin: "array", message: "at most 5 items" });
      const dups = stringDuplicates(items);
      if (dups) for (const [i, first] of dups) ctx.addIssue({ code: "custom", path: [i], message: `repeats item ${first}` });
    }, whenArray)
    .optional(),
  Tag: hanText(0, 40).optional(),
  FaceModelVersion: z.enum(["2.0", "3.0"]).optional(),
});

export const geelark = (payload) => geelarkSchema.safeParse(payload);
export const tencent = (payload) => tencentSchema.safeParse(payload);
/** One field as a form checks it on each keystroke: Tencent's GroupName schema alone. */
export const groupName = (value) => tencentSchema.shape.GroupName.safeParse(value).success;

const toPath = (path) => path.map((k, i) => (typeof k === "number" ? `[${k}]` : i ? `.${k}` : k)).join("");
export const summarize = (r) => ({ ok: r.success, paths: r.success ? [] : r.error.issues.map((i) => toPath(i.path)) });
