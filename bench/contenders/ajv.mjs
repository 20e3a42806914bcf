// ajv 8: the rules as JSON Schema, compiled once, allErrors (collect everything, as `validate` does).
// Standard keywords where JSON Schema has them (ajv's minLength/maxLength count code points,
// which is what the package counts as characters; patterns use the `u` flag). Custom keywords where it has
// none: wellFormed (lone surrogates), notBlank, minBytes/maxBytes (UTF-8), and per-repeat
// duplicate reports (JSON Schema's uniqueItems reports one pair, and cannot key on `name`).
import Ajv from "ajv";
import {
  GROUP_ID_PATTERN,
  HAN_PATTERN,
  geelarkDuplicates,
  isBlank,
  isWellFormed,
  maxBytes,
  stringDuplicates,
  utf8Length,
} from "./common.mjs";

export const name = "ajv";

const ajv = new Ajv({ allErrors: true, strict: true });

ajv.addKeyword({
  keyword: "wellFormed",
  type: "string",
  schemaType: "boolean",
  errors: false,
  validate: (_schema, s) => isWellFormed(s),
});
ajv.addKeyword({
  keyword: "notBlank",
  type: "string",
  schemaType: "boolean",
  errors: false,
  validate: (_schema, s) => !isBlank(s),
});
ajv.addKeyword({
  keyword: "minBytes",
  type: "string",
  schemaType: "number",
  errors: false,
  validate: (min, s) => utf8Length(s) >= min,
});
ajv.addKeyword({
  keyword: "maxBytes",
  type: "string",
  schemaType: "number",
  errors: false,
  validate: (max, s) => maxBytes(s, max),
});

/** Reports every repeat where it stands, as the package does. */
function duplicatesKeyword(keyword, find, suffix) {
  const validate = (_schema, list, _parent, cxt) => {
    const dups = find(list);
    if (!dups) return true;
    validate.errors = dups.map(([i, first]) => ({
      keyword,
      instancePath: `${cxt.instancePath}/${i}${suffix}`,
      params: { first },
      message: `repeats item ${first}`,
    }));
    return false;
  };
  ajv.addKeyword({ keyword, type: "array", schemaType: "boolean", errors: true, validate });
}
duplicatesKeyword("uniqueNames", geelarkDuplicates, "/name");
duplicatesKeyword("uniqueStrings", stringDuplicates, "");

export const geelarkSchema = {
  type: "object",
  required: ["list"],
  properties: {
    list: {
      type: "array",
      minItems: 1,
      uniqueNames: true,
      items: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string", wellFormed: true, notBlank: true, maxLength: 50 },
          remark: { type: "string", wellFormed: true, maxLength: 500 },
        },
      },
    },
  },
};

const hanText = (min, max) => ({
  type: "string",
  wellFormed: true,
  ...(min ? { minLength: min } : {}),
  maxLength: max,
  pattern: HAN_PATTERN,
});

export const tencentSchema = {
  type: "object",
  required: ["GroupName", "GroupId"],
  properties: {
    GroupName: hanText(1, 60),
    GroupId: { type: "string", wellFormed: true, minBytes: 1, maxBytes: 64, pattern: GROUP_ID_PATTERN },
    GroupExDescriptions: { type: "array", maxItems: 5, uniqueStrings: true, items: hanText(1, 30) },
    Tag: hanText(0, 40),
    // No `type` beside `enum`: a number would be reported twice.
    FaceModelVersion: { enum: ["2.0", "3.0"] },
  },
};

const validateGeelark = ajv.compile(geelarkSchema);
const validateTencent = ajv.compile(tencentSchema);
const validateGroupName = ajv.compile(tencentSchema.properties.GroupName);

// The natural ajv call: a boolean, errors on the function (null when valid).
export const geelark = (payload) => (validateGeelark(payload) ? null : validateGeelark.errors);
export const tencent = (payload) => (validateTencent(payload) ? null : validateTencent.errors);
/** One field as a form checks it on each keystroke: Tencent's GroupName schema alone. */
export const groupName = (value) => validateGroupName(value);

/** ajv paths ("/list/3/name", or the parent plus missingProperty) in the package's form. */
function toPath(e) {
  let p = e.instancePath.split("/").slice(1);
  if (e.keyword === "required") p = [...p, e.params.missingProperty];
  return p.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i ? `.${s}` : s)).join("");
}
export const summarize = (errors) => ({ ok: !errors, paths: (errors ?? []).map(toPath) });
