// What the page itself supplies, as opposed to the library: the build-option fields with
// clearly FAKE demo values, and sample responses copied from each provider's documentation.
// The example payloads come from tests/fixtures/seeds.json (the seed documents' own examples).
export const EXAMPLES_URL = new URL("../tests/fixtures/seeds.json", import.meta.url);

// `when: [key, value]`: shown and sent only while that other option has that value.
// `required`: the build cannot start without it; `numeric`: digits only, sent as a number (the
// library throws on anything else rather than reporting it).
export const BUILD_OPTIONS = {
  geelark: [
    { key: "auth.type", kind: "select", choices: ["key", "token"], value: "key" },
    { key: "auth.appId", value: "FAKE-APP-ID", required: true, when: ["auth.type", "key"] },
    { key: "auth.apiKey", value: "FAKE-API-KEY-0000", secret: true, required: true, when: ["auth.type", "key"] },
    { key: "auth.token", value: "FAKE-TOKEN-0000", secret: true, required: true, when: ["auth.type", "token"] },
    { key: "auth.traceId", value: "", placeholder: "crypto.randomUUID()" },
    { key: "auth.ts", value: "", placeholder: "Date.now()", numeric: true, when: ["auth.type", "key"] },
  ],
  "tencent-iai": [
    { key: "secretId", value: "AKIDFAKEFAKEFAKEFAKEFAKEFAKEFAKE", required: true },
    { key: "secretKey", value: "FAKEsecretKEYfakeSECRETkey000000", secret: true, required: true },
    { key: "region", value: "ap-guangzhou" },
    { key: "language", kind: "select", choices: ["", "zh-CN", "en-US"], value: "" },
    { key: "style", kind: "select", choices: ["post", "get"], value: "post" },
    { key: "timestamp", value: "", placeholder: "Date.now() / 1000", numeric: true },
  ],
  selfcommunity: [
    { key: "baseUrl", value: "https://demo.selfcommunity.example", required: true },
    { key: "token", value: "FAKE-BEARER-TOKEN", secret: true, required: true },
  ],
  capillary: [
    // The library takes a cluster or a base URL, never both: one choice, "" for a custom URL.
    { key: "cluster", kind: "select", choices: ["eu", "in", "sg", "us", ""], value: "eu", emptyLabel: "customBaseUrl" },
    { key: "baseUrl", value: "", placeholder: "https://…", required: true, when: ["cluster", ""] },
    { key: "auth.type", kind: "select", choices: ["basic", "oauth"], value: "basic" },
    { key: "auth.username", value: "store.server", required: true, when: ["auth.type", "basic"] },
    { key: "auth.password", value: "server123", secret: true, required: true, when: ["auth.type", "basic"] },
    { key: "auth.token", value: "FAKE-OAUTH-TOKEN", secret: true, required: true, when: ["auth.type", "oauth"] },
    { key: "auth.header", value: "", placeholder: "X-CAP-API-OAUTH-TOKEN", when: ["auth.type", "oauth"] },
  ],
  gochat: [
    { key: "baseUrl", value: "", placeholder: "http://localhost:1213" },
    { key: "token", value: "FAKE-GOCHAT-TOKEN", secret: true },
  ],
};

// `label`: a key of the "sample" strings, or an HTTP status shown as is.
export const RESPONSES = {
  geelark: [
    {
      label: "partial",
      status: 200,
      body: '{"traceId":"AA6849499B949BDCBD7FA792AB1981A5","code":0,"msg":"success","data":{"totalAmount":2,"successAmount":1,"failAmount":1,"successDetails":[{"id":"528994851237135360","name":"group"}],"failDetails":[{"code":43031,"name":"groupRemark","msg":"group existed"}]}}',
    },
    {
      label: "ok",
      status: 200,
      body: '{"traceId":"AA6849499B949BDCBD7FA792AB1981A5","code":0,"msg":"success","data":{"totalAmount":1,"successAmount":1,"failAmount":0,"successDetails":[{"id":"528994851237135360","name":"group"}]}}',
    },
  ],
  "tencent-iai": [
    { label: "ok", status: 200, body: '{"Response":{"RequestId":"dfcf45de-4686-415e-81b2-bf7b86e4b8e5"}}' },
    {
      label: "error",
      status: 200,
      body: '{"Response":{"Error":{"Code":"InvalidParameterValue.GroupIdAlreadyExist","Message":"The group ID already exists. It must be unique."},"RequestId":"76ec6e41-37d6-4ab9-abef-48ef0c6ab175"}}',
    },
  ],
  selfcommunity: [
    { label: "201", status: 201, body: '{"id":7,"name":"Hiking club","privacy":"private","visible":true}' },
    { label: "400", status: 400, body: '{"errors":[{"field":"name","messages":["This field is required."]}]}' },
  ],
  capillary: [
    { label: "ok", status: 200, body: '{"id":2412,"orgId":100737,"name":"GROUP_withRANK123","rank":99,"isActive":true,"createdOn":1742180327987}' },
    { label: "12012", status: 400, body: '{"status":{"success":false,"code":12012,"message":"Group name must be unique"}}' },
  ],
  gochat: [
    {
      label: "201",
      status: 201,
      body: '{"id":1,"uuid":"19aa6eeb-22e4-4ad9-728c-fa739598e71e","name":"group_1","admin_id":1,"token":"298fbgv479bv","created_at":"2021-09-14T11:33:50.363813918+08:00"}',
    },
    { label: "500", status: 500, body: '{"error":"UNIQUE constraint failed: GROUPS.NAME"}' },
  ],
};
