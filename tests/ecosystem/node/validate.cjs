// Node, CommonJS: no init, no top-level await.
const { validate, schema } = require("group-payloads");

const report = validate("capillary", { name: "  VIP  ", rank: 2 ** 31 });
console.log(report.ok, report.errors.map((e) => e.code), report.warnings.map((w) => w.code));

const result = schema("gochat")["~standard"].validate({ admin_id: 7, name: "ops" });
console.log(result.issues ? "invalid" : `admin ${result.value.admin_id}`);
