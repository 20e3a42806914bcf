// @ts-check
// A browser entry, as every bundler sees it: the web build; `await init()` once before first use.
import init, { constraints, validate, validateField } from "group-payloads";

await init();
const name = constraints("tencent-iai").find((c) => c.path === "GroupName");
const report = validate("geelark", { list: [{ name: "a" }, { name: "a" }] });
const field = validateField("tencent-iai", "GroupName", "a b");
document.title = [name?.maxLength, name?.unit, report.errors[0]?.code, field[0]?.code].join(" ");
