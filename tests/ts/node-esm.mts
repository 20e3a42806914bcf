// A Node ES module consumer: `import` resolves the package's "import" condition.
import init, {
  initSync,
  buildRequest,
  constraints,
  jsonSchema,
  measure,
  parseResponse,
  providers,
  schema,
  truncate,
  validate,
  validateField,
  type FieldConstraint,
  type GeelarkPayload,
  type Issue,
  type JsonSchema,
  type ProviderId,
  type Report,
  type TencentIaiPayload,
  type TextMeasure,
} from "group-payloads";
import type { StandardSchemaV1 } from "@standard-schema/spec";

await init(); // a no-op in Node, so the same code runs in browsers
initSync(); // likewise

const report: Report = validate("geelark", { list: [{ name: "a" }] });
const zh: Report = validate("tencent-iai", {}, { lenient: true, locale: "zh-CN" });
const ok: boolean = report.ok && zh.ok;

const issues: Issue[] = validateField("geelark", "list[0].name", "x", { locale: "en" });
const code: string | undefined = issues[0]?.code;
const providerCode: string | number | undefined = issues[0]?.providerCode;

const fields: FieldConstraint[] = constraints("tencent-iai", { lenient: true });
const unit: "chars" | "bytes" | undefined = fields[0]?.unit;
const soft: "warning" | undefined = fields[0]?.severity?.pattern;
const pattern: RegExp | undefined = fields[0]?.pattern ? new RegExp(fields[0].pattern, "u") : undefined;

const json: JsonSchema = jsonSchema("geelark");
const dialect: string = json.$schema;

// The schema is a Standard Schema as the published spec types define it.
const geelark = schema("geelark");
const standard: StandardSchemaV1<unknown, GeelarkPayload> = geelark;
type TencentOut = StandardSchemaV1.InferOutput<ReturnType<typeof schema<"tencent-iai">>>;
const tencentOut: TencentOut = { GroupName: "g", GroupId: "id", FaceModelVersion: "3.0" };
const sameShape: TencentIaiPayload = tencentOut;

const result = geelark["~standard"].validate({ list: [{ name: "a" }] });
if (result.issues) {
  const where: ReadonlyArray<string | number> = result.issues[0]?.path ?? [];
  const why: string | undefined = result.issues[0]?.code;
} else {
  const names: string[] = result.value.list.map((item) => item.name);
}

const lengths: TextMeasure = measure("👨‍👩‍👧");
const cut: string = truncate("e\u0301e\u0301", 3);
const cutBytes: string = truncate("😂😂", 4, "bytes");

const built = buildRequest("geelark", { list: [{ name: "a" }] }, { auth: { type: "token", token: "t", traceId: "x" } });
const url: string | undefined = built.ok ? built.request.url : undefined;
const tencent = buildRequest("tencent-iai", {}, { secretId: "id", secretKey: "key", timestamp: 1, style: "get" });
const parsed = parseResponse("gochat", { status: 201, body: "{}" });
const id: ProviderId | undefined = providers()[0]?.id;

export { ok, code, providerCode, unit, soft, pattern, dialect, standard, sameShape, lengths, cut, cutBytes, url, tencent, parsed, id };
