// A Node CommonJS consumer: `require` resolves the package's "require" condition.
import gp = require("group-payloads");

const report: gp.Report = gp.validate("capillary", { name: "x", rank: 1 });
const fromText: gp.Report = gp.validateJson("geelark", '{"list":[]}', { locale: "zh-CN" });
const lengths: gp.TextMeasure = gp.measure("𠀀");
const cut: string = gp.truncate("😂a", 1, "chars");
const fields: gp.FieldConstraint[] = gp.constraints("gochat");
const issues: gp.Issue[] = gp.validateField("selfcommunity", "name", "x");
const s: gp.PayloadSchema<"capillary"> = gp.schema("capillary");

// @ts-expect-error: the CommonJS build needs no init and has no default export
gp.default();

export = { report, fromText, lengths, cut, fields, issues, s };
