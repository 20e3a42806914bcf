// Calls that must not compile: each line under `@ts-expect-error` has to be a type error, or
// tsc fails with "Unused '@ts-expect-error' directive". The compile is the test.
import {
  buildRequest,
  constraints,
  jsonSchema,
  measure,
  schema,
  truncate,
  validate,
  validateField,
  type FieldConstraint,
} from "group-payloads";
import type { StandardSchemaV1 } from "@standard-schema/spec";
// @ts-expect-error: the forms build builds no requests
import { buildRequest as formsBuildRequest } from "group-payloads/forms";

// @ts-expect-error: unknown provider id
validate("geelark2", {});
// @ts-expect-error: unknown provider id
constraints("tencent");
// @ts-expect-error: unknown provider id
schema("zod");
// @ts-expect-error: locale is "en" | "zh-CN"
validate("geelark", {}, { locale: "fr" });
// @ts-expect-error: lenient is a boolean
validateField("geelark", "list[0].name", "x", { lenient: "yes" });
// @ts-expect-error: options are an object
jsonSchema("geelark", "lenient");
// @ts-expect-error: Tencent's options do not fit GeeLark
buildRequest("geelark", {}, { secretId: "id", secretKey: "key" });
// @ts-expect-error: GeeLark auth is "key" or "token"
buildRequest("geelark", {}, { auth: { type: "basic", username: "u", password: "p" } });
// @ts-expect-error: Tencent's style is "post" | "get"
buildRequest("tencent-iai", {}, { secretId: "id", secretKey: "key", style: "put" });
// @ts-expect-error: capillary needs auth
buildRequest("capillary", {}, { cluster: "eu" });
// @ts-expect-error: unknown unit
truncate("abc", 2, "words");
// @ts-expect-error: max is a number
truncate("abc", "2");
// @ts-expect-error: text is a string
measure(42);

// The schema's output is typed per provider.
type TencentOut = StandardSchemaV1.InferOutput<ReturnType<typeof schema<"tencent-iai">>>;
// @ts-expect-error: GroupName is a string
const wrongName: TencentOut = { GroupName: 1, GroupId: "id" };
// @ts-expect-error: GroupId is required
const missingId: TencentOut = { GroupName: "g" };
// @ts-expect-error: constraint units are "chars" | "bytes"
const wrongUnit: FieldConstraint["unit"] = "graphemes";

export { wrongName, missingId, wrongUnit };

// buildRequest's result: `request` exists only once `ok` is known to be true.
const built = buildRequest("gochat", { admin_id: 1 }, {});
// @ts-expect-error: request may be undefined before narrowing
const early: string = built.request.url;
const late: string = built.ok ? built.request.url : "";
const { ok: builtOk, request } = buildRequest("gochat", { admin_id: 1 }, {});
const destructured: string = builtOk ? request.url : "";
// @ts-expect-error: a failed build has no request
const never: string = !built.ok ? built.request.url : "";
// @ts-expect-error: not an issue code
const code: import("group-payloads").IssueCode = "too_big";

export { early, late, destructured, never, code };
