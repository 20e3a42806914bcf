// A form's consumer of the forms build (`group-payloads/forms`): the validation calls, with the
// same types as the full package.
import init, {
  constraints,
  measure,
  schema,
  validate,
  validateField,
  validateJson,
  type FieldConstraint,
  type Issue,
  type Report,
} from "group-payloads/forms";
import type { StandardSchemaV1 } from "@standard-schema/spec";

await init();
const report: Report = validate("geelark", { list: [{ name: "a" }] }, { locale: "zh-CN" });
const fromText: Report = validateJson("tencent-iai", "{}");
const issues: Issue[] = validateField("tencent-iai", "GroupName", "a b");
const rules: FieldConstraint[] = constraints("capillary");
const standard: StandardSchemaV1<unknown, unknown> = schema("gochat");
const chars: number = measure("ab").chars;
export { report, fromText, issues, rules, standard, chars };
