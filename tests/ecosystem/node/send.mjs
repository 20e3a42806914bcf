// Node, ES module: build and sign a Tencent request, then send it (`node send.mjs --send`).
import { buildRequest, parseResponse, validate } from "group-payloads";

const report = validate("geelark", { list: [{ name: "市场部" }, { name: " " }] }, { locale: "zh-CN" });
console.log(report.errors.map((e) => `${e.path}: ${e.code} ${e.message}`).join("\n"));

const { TC_SECRET_ID = "AKIDexample", TC_SECRET_KEY = "example-key" } = process.env;
const built = buildRequest(
  "tencent-iai",
  { GroupName: "腾讯深圳员工库", GroupId: "TencentShenZhenEmployee" },
  { secretId: TC_SECRET_ID, secretKey: TC_SECRET_KEY },
);
if (!built.ok) throw new Error(built.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
const { request } = built; // narrowed: ok is true, so request is there
console.log(request.method, request.url, request.headers.Authorization.split(" ")[0]);

if (process.argv.includes("--send")) {
  const res = await fetch(request.url, request);
  console.log(parseResponse("tencent-iai", { status: res.status, body: await res.text() }));
}
