// group-payloads demo: one form per provider, validated on every keystroke by the same wasm
// rules the server-side build uses. No bundler: this file is a plain ES module.
//
// The forms are generated from the library: `providers()` gives the tabs, `constraints()` each
// provider's fields and documented limits (with their unit), `validateField()` / `validate()`
// the issues, `measure()` the counters. No rule, limit or message is written in this file; what
// is (demo values, FAKE credentials, sample responses, UI labels) is marked as such below.
import init, * as gp from "../pkg/web/group_payloads.js";

// ---------------------------------------------------------------------------------------------
// UI strings. Issue messages come localised from the library (options.locale); these are the
// page's own labels.
const STRINGS = {
  en: {
    title: "Create-group payload checker",
    subtitle:
      "Validates \u201ccreate group\u201d payloads for five HTTP APIs as you type, builds the exact signed request and reads the provider\u2019s response. Everything runs locally in WebAssembly; nothing is sent.",
    language: "Language",
    lenient: "Lenient mode",
    lenientHint: "rules the provider\u2019s own samples contradict become warnings",
    providers: "Providers",
    fakeTitle: "Demo credentials are FAKE.",
    fakeNote:
      "Secrets belong on a server: build and sign real requests in a backend (Node can use the same package). Never ship real API keys in a web page.",
    payload: "Payload",
    required: "required",
    optional: "optional",
    nullable: "may be null",
    addItem: "Add item",
    removeItem: "Remove item",
    notSet: "(not set)",
    error: "Error",
    warning: "Warning",
    issues: "Issues",
    noIssues: "No problems found.",
    summary: (e, w) =>
      `${e} ${e === 1 ? "error" : "errors"}, ${w} ${w === 1 ? "warning" : "warnings"}`,
    credentials: "Build options",
    fakeBadge: "FAKE",
    request: "Built request",
    requestBlocked: "Fix the errors above to build the request.",
    requestFailed: "Cannot build the request:",
    copyCurl: "Copy as curl",
    copyFetch: "Copy as fetch",
    copied: "Copied to the clipboard:",
    copiedShort: "Copied.",
    copyFailed: "The clipboard is not available; select the text below and copy it.",
    response: "Paste a response",
    status: "HTTP status",
    body: "Response body",
    parse: "Parse response",
    samples: "Samples:",
    outcome: "Outcome",
    outcomeOk: "Success",
    outcomeFail: "Failed",
    requestId: "Request id",
    data: "Data",
    upload: "File upload: needs multipart, the JSON request cannot carry it",
    unit: { chars: "characters", bytes: "bytes", graphemes: "graphemes" },
    graphemes: (n) => `${n} ${n === 1 ? "grapheme" : "graphemes"}`,
    docs: "Provider documentation",
    loadFailed:
      "Could not load the WebAssembly package. Build it first (SKIP_SETUP=1 bash scripts/build.sh), then serve the repository with node www/serve.mjs.",
  },
  "zh-CN": {
    title: "创建群组请求校验器",
    subtitle:
      "在输入时校验五个 HTTP API 的\u201c创建群组\u201d请求体，生成带签名的完整请求，并解析服务商的响应。全部在本地 WebAssembly 中运行，不会发送任何数据。",
    language: "语言",
    lenient: "宽松模式",
    lenientHint: "与服务商自身示例相矛盾的规则降为警告",
    providers: "服务商",
    fakeTitle: "演示凭据是假的（FAKE）。",
    fakeNote:
      "密钥应保存在服务器上：请在后端构建并签名真实请求（Node 可使用同一个包）。切勿在网页中发布真实的 API 密钥。",
    payload: "请求体",
    required: "必填",
    optional: "可选",
    nullable: "可为 null",
    addItem: "添加一项",
    removeItem: "删除此项",
    notSet: "（未设置）",
    error: "错误",
    warning: "警告",
    issues: "问题",
    noIssues: "未发现问题。",
    summary: (e, w) => `${e} 个错误，${w} 个警告`,
    credentials: "构建选项",
    fakeBadge: "假凭据",
    request: "生成的请求",
    requestBlocked: "请先修正上面的错误，才能生成请求。",
    requestFailed: "无法生成请求：",
    copyCurl: "复制为 curl",
    copyFetch: "复制为 fetch",
    copied: "已复制到剪贴板：",
    copiedShort: "已复制。",
    copyFailed: "剪贴板不可用；请选中下面的文本手动复制。",
    response: "粘贴响应",
    status: "HTTP 状态码",
    body: "响应正文",
    parse: "解析响应",
    samples: "示例：",
    outcome: "结果",
    outcomeOk: "成功",
    outcomeFail: "失败",
    requestId: "请求 ID",
    data: "数据",
    upload: "文件上传：需要 multipart，JSON 请求无法携带",
    unit: { chars: "字符", bytes: "字节", graphemes: "字形" },
    graphemes: (n) => `${n} 个字形`,
    docs: "服务商文档",
    loadFailed:
      "无法加载 WebAssembly 包。请先构建（SKIP_SETUP=1 bash scripts/build.sh），再用 node www/serve.mjs 提供仓库目录。",
  },
};

const state = {
  locale: "en",
  lenient: false,
  providers: [],
  panels: new Map(), // id -> Panel
  active: null,
};

const t = (key, ...args) => {
  const v = STRINGS[state.locale][key] ?? STRINGS.en[key];
  return typeof v === "function" ? v(...args) : v;
};

const unsupportedPaths = new Set();
// Which FieldConstraint rule an issue code comes from (for constraints' `severity`).
const RULE_OF_CODE = { too_long: "maxLength", too_short: "minLength", duplicate: "unique", too_many: "maxItems", too_few: "minItems" };
const options = () => ({ lenient: state.lenient, locale: state.locale });

// ---------------------------------------------------------------------------------------------
// Small DOM helper.
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null) el.append(c);
  return el;
}

const slug = (s) => s.replace(/[^A-Za-z0-9_-]+/g, "-");

// ---------------------------------------------------------------------------------------------
// Library feature detection with fallbacks for older builds.
const has = (name) => typeof gp[name] === "function";

function measure(text) {
  if (has("measure")) {
    try {
      return gp.measure(text);
    } catch {
      /* fall through */
    }
  }
  const graphemes =
    typeof Intl !== "undefined" && Intl.Segmenter
      ? [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].length
      : [...text].length;
  return {
    chars: [...text].length,
    bytes: new TextEncoder().encode(text).length,
    utf16: text.length,
    graphemes,
  };
}

const unitKey = (u) => (u === "B" || u === "byte" || u === "bytes" ? "bytes" : "chars");

// Demo payloads a user starts from.
const SAMPLES = {
  geelark: { list: [{ name: "group", remark: "" }, { name: "groupRemark", remark: "remark" }] },
  "tencent-iai": {
    GroupName: "Dormitory-1",
    GroupId: "dorm-1",
    GroupExDescriptions: ["Class"],
    Tag: "",
    FaceModelVersion: "3.0",
  },
  selfcommunity: { name: "Hiking club", privacy: "private", visible: "true", description: "", color: "#2e7d32", invite_users: ["42"] },
  capillary: { name: "GROUP_withRANK123", rank: "99" },
  gochat: { name: "group_1", admin_id: "1", token: "" },
};

// Build options per provider, with clearly FAKE demo values.
const CREDENTIALS = {
  geelark: [
    { key: "auth.type", kind: "select", choices: ["key", "token"], value: "key" },
    { key: "auth.appId", value: "FAKE-APP-ID", when: ["auth.type", "key"] },
    { key: "auth.apiKey", value: "FAKE-API-KEY-0000", secret: true, when: ["auth.type", "key"] },
    { key: "auth.token", value: "FAKE-TOKEN-0000", secret: true, when: ["auth.type", "token"] },
    { key: "auth.traceId", value: "", placeholder: "crypto.randomUUID()" },
    { key: "auth.ts", value: "", placeholder: "Date.now()", numeric: true, when: ["auth.type", "key"] },
  ],
  "tencent-iai": [
    { key: "secretId", value: "AKIDFAKEFAKEFAKEFAKEFAKEFAKEFAKE" },
    { key: "secretKey", value: "FAKEsecretKEYfakeSECRETkey000000", secret: true },
    { key: "region", value: "ap-guangzhou" },
    { key: "language", kind: "select", choices: ["", "zh-CN", "en-US"], value: "" },
    { key: "style", kind: "select", choices: ["post", "get"], value: "post" },
    { key: "timestamp", value: "", placeholder: "now (seconds)", numeric: true },
  ],
  selfcommunity: [
    { key: "baseUrl", value: "https://demo.selfcommunity.example" },
    { key: "token", value: "FAKE-BEARER-TOKEN", secret: true },
  ],
  capillary: [
    { key: "cluster", kind: "select", choices: ["eu", "in", "sg", "us", ""], value: "eu" },
    { key: "baseUrl", value: "", placeholder: "https://…" },
    { key: "auth.type", kind: "select", choices: ["basic", "oauth"], value: "basic" },
    { key: "auth.username", value: "store.server", when: ["auth.type", "basic"] },
    { key: "auth.password", value: "server123", secret: true, when: ["auth.type", "basic"] },
    { key: "auth.token", value: "FAKE-OAUTH-TOKEN", secret: true, when: ["auth.type", "oauth"] },
    { key: "auth.header", value: "", placeholder: "X-CAP-API-OAUTH-TOKEN", when: ["auth.type", "oauth"] },
  ],
  gochat: [
    { key: "baseUrl", value: "", placeholder: "http://localhost:1213" },
    { key: "token", value: "FAKE-GOCHAT-TOKEN", secret: true },
  ],
};

// Example responses from the providers' own documentation.
const RESPONSES = {
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

// ---------------------------------------------------------------------------------------------
// The field model, generated from constraints(provider): [{name, path, kind, required,
// nullable, enum, minLength, maxLength, unit, severity, minItems, maxItems, item, children}],
// `path` with "[]" for "every item". kind: text | textarea | integer | boolean | choice |
// upload | texts | integers | objects.
const normPath = (p) => String(p).replace(/\[(?:\d+|\*)?\]/g, "[]");

// Long free text gets a multi-line box; nothing else about a field is decided here.
const MULTILINE_FROM = 200;

function modelFromConstraints(entries) {
  const byPath = new Map();
  for (const e of entries) if (e && typeof e.path === "string") byPath.set(normPath(e.path), e);

  const leafKind = (e) => {
    switch (e?.type) {
      case "integer":
        return "integer";
      case "boolean":
        return "boolean";
      case "file":
        return "upload";
      default:
        if (Array.isArray(e?.enum)) return "choice";
        return (e?.maxLength ?? 0) >= MULTILINE_FROM ? "textarea" : "text";
    }
  };
  const rules = (e) => ({
    required: e?.required === true,
    nullable: e?.nullable === true,
    enum: e?.enum,
    minLength: e?.minLength,
    maxLength: e?.maxLength,
    unit: e?.unit,
    severity: e?.severity ?? {},
  });

  const node = (path, name) => {
    const e = byPath.get(path) ?? {};
    const f = { name, path, minItems: e.minItems, maxItems: e.maxItems, ...rules(e) };
    const childNames = [];
    for (const p of byPath.keys()) {
      if (!p.startsWith(path + "[].")) continue;
      const child = p.slice(path.length + 3).split(/[.[]/)[0];
      if (!childNames.includes(child)) childNames.push(child);
    }
    const itemEntry = byPath.get(path + "[]");
    if (childNames.length) {
      f.kind = "objects";
      f.children = childNames.map((c) => node(`${path}[].${c}`, c));
    } else if (e.type === "array" || itemEntry) {
      const kind = leafKind(itemEntry);
      f.kind = kind === "integer" ? "integers" : "texts";
      f.item = { name: "", path: path + "[]", kind, ...rules(itemEntry), required: true };
    } else {
      f.kind = leafKind(e);
    }
    return f;
  };

  const top = [];
  for (const p of byPath.keys()) {
    const name = p.split(/[.[]/)[0];
    if (name && !top.includes(name)) top.push(name);
  }
  return top.map((name) => node(name, name));
}

// ---------------------------------------------------------------------------------------------
// Drafts (what the user typed) and the payload they become.
function draftFor(field, sample) {
  switch (field.kind) {
    case "objects": {
      const items = Array.isArray(sample) ? sample : [{}];
      return items.map((s) => Object.fromEntries(field.children.map((c) => [c.name, draftFor(c, s?.[c.name])])));
    }
    case "texts":
    case "integers":
      return Array.isArray(sample) ? sample.map(String) : [];
    case "upload":
      return "";
    default:
      return sample == null ? "" : String(sample);
  }
}

function integerValue(text) {
  if (/^[+-]?\d+$/.test(text.trim()) && text.trim() === text) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  return text; // the library reports it (digit strings are accepted with a warning)
}

function valueOf(field, draft) {
  switch (field.kind) {
    case "objects":
      return draft.map((item) => payloadOf(field.children, item));
    case "texts":
      return draft.slice();
    case "integers":
      return draft.map(integerValue);
    case "integer":
      return integerValue(draft);
    case "boolean":
      return draft === "true" ? true : draft === "false" ? false : undefined;
    default:
      return draft;
  }
}

// Leaves that are left empty and optional stay out of the payload; required ones are sent
// empty so the library can say what is wrong with them.
function isEmptyDraft(field, draft) {
  if (field.kind === "objects" || field.kind === "texts" || field.kind === "integers") return draft.length === 0;
  return draft === "";
}

function payloadOf(fields, drafts) {
  const out = {};
  for (const f of fields) {
    const d = drafts[f.name];
    if (d === undefined) continue;
    if (isEmptyDraft(f, d) && !(f.required && (f.kind === "text" || f.kind === "textarea" || f.kind === "objects"))) continue;
    const v = valueOf(f, d);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Request rendering.
const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

function asCurl(req) {
  const lines = [`curl -X ${req.method} ${shellQuote(req.url)}`];
  for (const [k, v] of Object.entries(req.headers)) lines.push(`  -H ${shellQuote(`${k}: ${v}`)}`);
  if (req.body !== undefined && req.body !== null) lines.push(`  --data-raw ${shellQuote(req.body)}`);
  return lines.join(" \\\n");
}

function asFetch(req) {
  const init = { method: req.method, headers: req.headers };
  if (req.body !== undefined && req.body !== null) init.body = req.body;
  return `await fetch(${JSON.stringify(req.url)}, ${JSON.stringify(init, null, 2)});`;
}

function setPath(obj, dotted, value) {
  const keys = dotted.split(".");
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] ??= {};
  o[keys.at(-1)] = value;
}

// ---------------------------------------------------------------------------------------------
// One provider's tab panel.
class Panel {
  constructor(info) {
    this.info = info;
    this.id = info.id;
    this.fields = modelFromConstraints(gp.constraints(info.id));
    const sample = SAMPLES[info.id] ?? {};
    this.drafts = Object.fromEntries(this.fields.map((f) => [f.name, draftFor(f, sample[f.name])]));
    this.creds = (CREDENTIALS[info.id] ?? []).map((c) => ({ ...c }));
    this.slots = new Map(); // issue path -> {input, list, counter, field, get}
    this.lastRequest = null;
    this.el = this.render();
  }

  uid(path) {
    return `${slug(this.id)}--${slug(path)}`;
  }

  // -- rendering ---------------------------------------------------------------------------
  render() {
    const panel = h("section", {
      class: "panel",
      id: `panel-${slug(this.id)}`,
      role: "tabpanel",
      "aria-labelledby": `tab-${slug(this.id)}`,
      tabindex: "0",
      hidden: true,
    });
    this.headerEl = h("div", { class: "panel-head" });
    this.formEl = h("form", { class: "payload", novalidate: true, onsubmit: (e) => e.preventDefault() });
    this.summaryEl = h("div", { class: "summary", role: "status", "aria-live": "polite", id: this.uid("summary") });
    this.credsEl = h("fieldset", { class: "creds" });
    this.requestEl = h("div", { class: "request" });
    this.responseEl = h("div", { class: "response" });
    const left = h("div", { class: "col" }, this.formEl, this.summaryEl);
    const right = h("div", { class: "col" }, this.credsEl, this.requestEl, this.responseEl);
    panel.append(this.headerEl, h("div", { class: "cols" }, left, right));
    this.renderAll();
    return panel;
  }

  renderAll() {
    this.renderHeader();
    this.renderForm();
    this.renderCreds();
    this.renderRequestShell();
    this.renderResponseShell();
  }

  renderHeader() {
    const i = this.info;
    this.headerEl.replaceChildren(
      h("h2", { text: i.name }),
      h(
        "p",
        { class: "endpoint" },
        h("code", { class: "method", text: i.method }),
        " ",
        h("code", { text: i.url }),
        " · ",
        h("a", { href: i.docs, target: "_blank", rel: "noopener noreferrer", text: t("docs") }),
      ),
    );
  }

  renderForm() {
    const focusedId = document.activeElement?.id;
    this.slots.clear();
    const legend = h("legend", { text: t("payload") });
    const children = this.fields.map((f) => this.renderField(f, f.name, this.drafts, f.name));
    this.formEl.replaceChildren(h("fieldset", {}, legend, ...children));
    if (focusedId) document.getElementById(focusedId)?.focus();
  }

  badge(f) {
    const bits = [f.required ? t("required") : t("optional")];
    if (f.nullable) bits.push(t("nullable"));
    return h("span", { class: `badge ${f.required ? "req" : ""}`, text: bits.join(", ") });
  }

  issueList(path) {
    return h("ul", { class: "issues", id: this.uid(path) + "--issues" });
  }

  // `concrete` is the wire path of this instance (list[2].name); `holder[key]` its draft.
  renderField(f, concrete, holder, key, labelText) {
    const id = this.uid(concrete);
    const label = labelText ?? f.name;
    switch (f.kind) {
      case "objects":
      case "texts":
      case "integers":
        return this.renderArray(f, concrete, holder, key);
      default:
        break;
    }
    const slot = { field: f, path: concrete };
    const onInput = (v) => {
      holder[key] = v;
      this.update(concrete);
    };
    let control;
    if (f.kind === "choice" || f.kind === "boolean") {
      const choices = f.kind === "boolean" ? ["true", "false"] : f.enum ?? [];
      control = h(
        "select",
        { id, name: concrete, onchange: (e) => onInput(e.target.value) },
        h("option", { value: "", text: t("notSet") }),
        choices.map((c) => h("option", { value: c, text: c })),
      );
      control.value = holder[key];
    } else if (f.kind === "upload") {
      control = h("input", {
        id,
        name: concrete,
        type: "file",
        onchange: (e) => onInput(e.target.files?.[0]?.name ?? ""),
      });
    } else {
      const multiline = f.kind === "textarea";
      control = h(multiline ? "textarea" : "input", {
        id,
        name: concrete,
        autocomplete: "off",
        spellcheck: "false",
        ...(multiline ? { rows: "3" } : { type: "text" }),
        ...(f.kind === "integer" ? { inputmode: "numeric" } : {}),
        oninput: (e) => onInput(e.target.value),
      });
      control.value = holder[key];
    }
    if (f.required) control.setAttribute("aria-required", "true");
    slot.input = control;
    const row = h("div", { class: "field" });
    // Array items (labelText given) are required by being there: no badge.
    const labelEl = h("label", { for: id }, h("span", { class: "wire", text: label }), labelText ? null : [" ", this.badge(f)]);
    const head = h("div", { class: "label-row" }, labelEl);
    if (f.kind === "text" || f.kind === "textarea") {
      slot.counter = h("span", { class: "counter", id: id + "--counter" });
      head.append(slot.counter);
    }
    row.append(head, h("div", { class: "control" }, control));
    if (f.kind === "upload") row.append(h("p", { class: "muted small", text: t("upload") }));
    slot.list = this.issueList(concrete);
    row.append(slot.list);
    this.slots.set(concrete, slot);
    return row;
  }

  renderArray(f, concrete, holder, key) {
    const items = holder[key];
    const box = h("fieldset", { class: "array", id: this.uid(concrete) });
    const counts = [];
    if (f.minItems != null) counts.push(`≥ ${f.minItems}`);
    if (f.maxItems != null) counts.push(`≤ ${f.maxItems}`);
    box.append(
      h(
        "legend",
        {},
        h("span", { class: "wire", text: f.name }),
        " ",
        this.badge(f),
        counts.length ? h("span", { class: "muted small", text: ` [${counts.join(", ")}]` }) : null,
      ),
    );
    const slot = { field: f, path: concrete, input: box, list: this.issueList(concrete) };
    this.slots.set(concrete, slot);
    items.forEach((item, i) => {
      const itemPath = `${concrete}[${i}]`;
      const row = h("div", { class: "item" });
      if (f.kind === "objects") {
        const inner = h("fieldset", { class: "object" }, h("legend", { text: `${f.name}[${i}]` }));
        for (const c of f.children) inner.append(this.renderField(c, `${itemPath}.${c.name}`, item, c.name));
        row.append(inner);
      } else {
        row.append(this.renderField(f.item, itemPath, items, i, `${f.name}[${i}]`));
      }
      row.append(
        h("button", {
          type: "button",
          class: "remove",
          id: this.uid(itemPath) + "--remove",
          text: t("removeItem"),
          "aria-label": `${t("removeItem")} ${f.name}[${i}]`,
          onclick: () => {
            items.splice(i, 1);
            this.renderForm();
            this.update();
            const next = document.getElementById(this.uid(`${concrete}[${Math.min(i, items.length - 1)}]`) + "--remove");
            (next ?? document.getElementById(this.uid(concrete) + "--add"))?.focus();
          },
        }),
      );
      box.append(row);
    });
    box.append(
      h("button", {
        type: "button",
        class: "add",
        id: this.uid(concrete) + "--add",
        text: `+ ${t("addItem")}`,
        "aria-label": `${t("addItem")}: ${f.name}`,
        onclick: () => {
          items.push(
            f.kind === "objects" ? Object.fromEntries(f.children.map((c) => [c.name, draftFor(c)])) : "",
          );
          this.renderForm();
          this.update();
          const path = `${concrete}[${items.length - 1}]`;
          const first = f.kind === "objects" ? `${path}.${f.children[0]?.name}` : path;
          document.getElementById(this.uid(first))?.focus();
        },
      }),
      slot.list,
    );
    return box;
  }

  renderCreds() {
    const c = this.credsEl;
    c.replaceChildren(
      h("legend", {}, t("credentials"), " ", h("span", { class: "fake", text: t("fakeBadge") })),
      h("p", { class: "note" }, h("strong", { text: t("fakeTitle") }), " ", t("fakeNote")),
    );
    for (const cred of this.creds) {
      const id = this.uid("opt-" + cred.key);
      const onChange = (e) => {
        cred.value = e.target.value;
        if (this.creds.some((o) => o.when?.[0] === cred.key)) this.renderCreds();
        this.update();
      };
      let control;
      if (cred.kind === "select") {
        control = h(
          "select",
          { id, onchange: onChange },
          cred.choices.map((v) => h("option", { value: v, text: v === "" ? t("notSet") : v })),
        );
        control.value = cred.value;
      } else {
        control = h("input", {
          id,
          type: "text",
          autocomplete: "off",
          spellcheck: "false",
          placeholder: cred.placeholder ?? "",
          oninput: onChange,
          class: cred.secret ? "secret" : null,
        });
        control.value = cred.value;
      }
      const row = h("div", { class: "field" }, h("label", { for: id }, h("span", { class: "wire", text: cred.key })), control);
      if (cred.when && this.creds.find((o) => o.key === cred.when[0])?.value !== cred.when[1]) row.hidden = true;
      c.append(row);
    }
  }

  buildOptions() {
    const o = { ...options() };
    for (const c of this.creds) {
      if (c.when && this.creds.find((x) => x.key === c.when[0])?.value !== c.when[1]) continue;
      if (c.value === "") continue;
      setPath(o, c.key, c.numeric && /^\d+$/.test(c.value) ? Number(c.value) : c.value);
    }
    return o;
  }

  renderRequestShell() {
    this.requestOut = h("pre", { class: "http", id: this.uid("request"), tabindex: "0", "aria-label": t("request") });
    this.copyStatus = h("p", { class: "copy-status", role: "status", "aria-live": "polite" });
    this.copyOut = h("textarea", {
      class: "copied",
      id: this.uid("copied"),
      readonly: true,
      rows: "6",
      hidden: true,
      "aria-label": t("copied"),
    });
    this.curlBtn = h("button", { type: "button", id: this.uid("copy-curl"), text: t("copyCurl"), onclick: () => this.copy("curl") });
    this.fetchBtn = h("button", { type: "button", id: this.uid("copy-fetch"), text: t("copyFetch"), onclick: () => this.copy("fetch") });
    this.requestEl.replaceChildren(
      h("h3", { text: t("request") }),
      this.requestOut,
      h("div", { class: "buttons" }, this.curlBtn, this.fetchBtn),
      this.copyStatus,
      this.copyOut,
    );
  }

  async copy(kind) {
    if (!this.lastRequest) return;
    const text = kind === "curl" ? asCurl(this.lastRequest) : asFetch(this.lastRequest);
    this.copyOut.value = text;
    this.copyOut.hidden = false;
    this.copyOut.dataset.kind = kind;
    try {
      await navigator.clipboard.writeText(text);
      this.copyStatus.textContent = `${kind === "curl" ? t("copyCurl") : t("copyFetch")} — ${t("copiedShort")}`;
    } catch {
      this.copyStatus.textContent = t("copyFailed");
      this.copyOut.select();
    }
  }

  renderResponseShell() {
    const sid = this.uid("resp-status");
    const bid = this.uid("resp-body");
    this.respStatus = h("input", { id: sid, type: "number", min: "100", max: "599", value: "200", inputmode: "numeric" });
    this.respBody = h("textarea", { id: bid, rows: "5", spellcheck: "false", placeholder: '{"…": …}' });
    this.respOut = h("div", { class: "outcome", id: this.uid("outcome"), role: "status", "aria-live": "polite" });
    const samples = (RESPONSES[this.id] ?? []).map((s) =>
      h("button", {
        type: "button",
        class: "sample",
        text: `${s.label}`,
        onclick: () => {
          this.respStatus.value = String(s.status);
          this.respBody.value = s.body;
          this.parse();
        },
      }),
    );
    this.responseEl.replaceChildren(
      h("h3", { text: t("response") }),
      h(
        "form",
        {
          class: "resp-form",
          novalidate: true,
          onsubmit: (e) => {
            e.preventDefault();
            this.parse();
          },
        },
        h("div", { class: "field" }, h("label", { for: sid, text: t("status") }), this.respStatus),
        h("div", { class: "field" }, h("label", { for: bid, text: t("body") }), this.respBody),
        h(
          "div",
          { class: "buttons" },
          h("button", { type: "submit", id: this.uid("parse"), text: t("parse") }),
          samples.length ? h("span", { class: "muted small", text: t("samples") }) : null,
          samples,
        ),
      ),
      this.respOut,
    );
  }

  parse() {
    const status = Number(this.respStatus.value);
    const body = this.respBody.value;
    let parsed;
    try {
      parsed = gp.parseResponse(this.id, { status, body, payload: payloadOf(this.fields, this.drafts) }, options());
    } catch (e) {
      this.respOut.replaceChildren(h("p", { class: "outcome-head fail", text: `${t("outcomeFail")}: ${e.message}` }));
      this.respOut.dataset.ok = "false";
      return;
    }
    this.respOut.dataset.ok = String(parsed.ok);
    const out = [
      h("p", { class: `outcome-head ${parsed.ok ? "ok" : "fail"}` }, `${t("outcome")}: `, h("strong", { text: parsed.ok ? t("outcomeOk") : t("outcomeFail") })),
    ];
    if (parsed.requestId) out.push(h("p", {}, `${t("requestId")}: `, h("code", { text: parsed.requestId })));
    if (parsed.errors?.length) out.push(h("ul", { class: "issues static" }, parsed.errors.map((i) => this.issueItem(i, "error", true))));
    if (parsed.data !== undefined) {
      out.push(h("details", { open: true }, h("summary", { text: t("data") }), h("pre", { text: JSON.stringify(parsed.data, null, 2) })));
    }
    this.respOut.replaceChildren(...out);
  }

  // -- validation -------------------------------------------------------------------------
  issueItem(issue, severity, withPath) {
    const li = h("li", { class: severity });
    li.append(h("span", { class: "sev", text: `${severity === "error" ? t("error") : t("warning")}:` }), " ");
    if (withPath && issue.path) li.append(h("code", { class: "path", text: issue.path }), " ");
    li.append(h("span", { class: "msg", text: issue.message }));
    if (issue.providerCode !== undefined) li.append(" ", h("code", { class: "pcode", text: String(issue.providerCode) }));
    li.dataset.code = issue.code;
    return li;
  }

  // Runs validateField for every leaf (the one just edited included) and validate for the
  // whole payload (cross-field rules such as duplicates and counts), then places each issue
  // beside the field it names.
  update() {
    const opts = options();
    const payload = payloadOf(this.fields, this.drafts);
    let report;
    try {
      report = gp.validate(this.id, payload, opts);
    } catch (e) {
      report = { ok: false, errors: [{ path: "", code: "exception", message: e.message }], warnings: [] };
    }
    // Errors, then warnings, each in document order (validate); then anything validateField
    // found that validate did not (none expected: the same rules run in both).
    const all = [];
    const seen = new Set();
    const add = (issue, sev) => {
      const key = `${issue.path}\u0000${issue.code}\u0000${sev}`;
      if (seen.has(key)) return;
      seen.add(key);
      all.push({ issue, sev });
    };
    for (const i of report.errors) add(i, "error");
    for (const i of report.warnings) add(i, "warning");
    if (has("validateField")) {
      for (const [path, slot] of this.slots) {
        if (slot.field.kind === "objects" || slot.field.kind === "texts" || slot.field.kind === "integers") continue;
        const value = this.valueAt(path);
        if (value === undefined) continue;
        const pattern = normPath(path);
        if (unsupportedPaths.has(`${this.id} ${pattern}`)) continue;
        let issues = [];
        try {
          issues = gp.validateField(this.id, path, value, opts) ?? [];
        } catch (e) {
          // A path this build cannot check alone: validate() above still covers it.
          unsupportedPaths.add(`${this.id} ${pattern}`);
          console.info(`validateField(${this.id}, ${path}) unavailable: ${e.message}`);
        }
        for (const i of issues) {
          const issue = { ...i, path: i.path || path };
          const rule = RULE_OF_CODE[issue.code];
          const warning =
            report.warnings.some((w) => w.path === issue.path && w.code === issue.code) ||
            (rule && slot.field.severity?.[rule] === "warning");
          add(issue, warning ? "warning" : "error");
        }
      }
    }
    const byPath = new Map();
    for (const x of all) byPath.set(x.issue.path, [...(byPath.get(x.issue.path) ?? []), x]);

    // Inline, beside each field.
    for (const [path, slot] of this.slots) {
      const issues = byPath.get(path) ?? [];
      slot.list.replaceChildren(...issues.map(({ issue, sev }) => this.issueItem(issue, sev, false)));
      const errors = issues.some((x) => x.sev === "error");
      const target = slot.input;
      if (target) {
        // aria-invalid belongs on form controls; an array's fieldset only gets the description.
        if (errors && target.tagName !== "FIELDSET") target.setAttribute("aria-invalid", "true");
        else target.removeAttribute("aria-invalid");
        const described = [slot.counter?.id, issues.length ? slot.list.id : null].filter(Boolean);
        if (described.length) target.setAttribute("aria-describedby", described.join(" "));
        else target.removeAttribute("aria-describedby");
        target.closest(".field, .array")?.classList.toggle("has-error", errors);
      }
      if (slot.counter) this.updateCounter(slot, issues);
    }

    // Everything in the live summary.
    const nErr = all.filter((x) => x.sev === "error").length;
    const nWarn = all.length - nErr;
    this.summaryEl.dataset.errors = String(nErr);
    this.summaryEl.dataset.warnings = String(nWarn);
    this.summaryEl.replaceChildren(
      h("h3", { text: t("issues") }),
      h("p", { class: nErr ? "fail" : "ok", text: all.length ? t("summary", nErr, nWarn) : t("noIssues") }),
      ...(all.length ? [h("ul", { class: "issues static" }, all.map(({ issue, sev }) => this.issueItem(issue, sev, true)))] : []),
    );
    this.renderRequest(payload);
  }

  updateCounter(slot, issues) {
    const value = this.valueAt(slot.path);
    const text = typeof value === "string" ? value : "";
    const m = measure(text);
    const f = slot.field;
    const unit = unitKey(f.unit);
    const n = unit === "bytes" ? m.bytes : m.chars;
    let s = f.maxLength != null ? `${n} / ${f.maxLength} ${t("unit")[unit]}` : `${n} ${t("unit")[unit]}`;
    if (m.graphemes !== n) s += ` · ${t("graphemes", m.graphemes)}`;
    slot.counter.textContent = s;
    slot.counter.dataset.count = String(n);
    slot.counter.dataset.unit = unit;
    slot.counter.dataset.graphemes = String(m.graphemes);
    const long = issues.find((x) => x.issue.code === "too_long");
    slot.counter.classList.toggle("over", Boolean(long) || (f.maxLength != null && n > f.maxLength));
    slot.counter.classList.toggle("warn", long?.sev === "warning");
  }

  valueAt(path) {
    // Resolve "a[1].b" against the drafts, then convert that one field the way the payload does.
    const payload = payloadOf(this.fields, this.drafts);
    const parts = path.match(/[^.[\]]+/g) ?? [];
    let v = payload;
    for (const p of parts) {
      if (v == null) return undefined;
      v = v[/^\d+$/.test(p) ? Number(p) : p];
    }
    return v;
  }

  renderRequest(payload) {
    let built;
    let failure = null;
    try {
      built = gp.buildRequest(this.id, payload, this.buildOptions());
    } catch (e) {
      failure = e.message;
    }
    const req = built?.request;
    // A copy of an older request must not look current.
    if (JSON.stringify(req ?? null) !== JSON.stringify(this.lastRequest)) {
      this.copyOut.hidden = true;
      this.copyOut.value = "";
      delete this.copyOut.dataset.kind;
      this.copyStatus.textContent = "";
    }
    this.lastRequest = req ?? null;
    this.curlBtn.disabled = !req;
    this.fetchBtn.disabled = !req;
    if (req) {
      const lines = [`${req.method} ${req.url}`];
      for (const [k, v] of Object.entries(req.headers)) lines.push(`${k}: ${v}`);
      if (req.body !== undefined && req.body !== null) lines.push("", req.body);
      this.requestOut.textContent = lines.join("\n");
      this.requestOut.classList.remove("blocked");
      this.requestOut.dataset.method = req.method;
      this.requestOut.dataset.url = req.url;
    } else {
      this.requestOut.textContent = failure ? `${t("requestFailed")} ${failure}` : t("requestBlocked");
      this.requestOut.classList.add("blocked");
      delete this.requestOut.dataset.method;
      delete this.requestOut.dataset.url;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Page chrome: tabs, language, lenient.
function applyStrings() {
  document.documentElement.lang = state.locale === "zh-CN" ? "zh-CN" : "en";
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  document.title = t("title");
  document.getElementById("tabs")?.setAttribute("aria-label", t("providers"));
  for (const b of document.querySelectorAll("[data-locale]")) b.setAttribute("aria-pressed", String(b.dataset.locale === state.locale));
}

function selectTab(id, focus = false) {
  state.active = id;
  for (const [pid, panel] of state.panels) {
    const tab = document.getElementById(`tab-${slug(pid)}`);
    const on = pid === id;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    panel.el.hidden = !on;
    if (on && focus) tab.focus();
  }
  if (location.hash !== `#${id}`) history.replaceState(null, "", `#${id}`);
}

function renderTabs() {
  const list = document.getElementById("tabs");
  list.replaceChildren(
    ...state.providers.map((p) =>
      h("button", {
        type: "button",
        role: "tab",
        id: `tab-${slug(p.id)}`,
        "aria-controls": `panel-${slug(p.id)}`,
        "aria-selected": "false",
        tabindex: "-1",
        text: p.id,
        title: p.name,
        onclick: () => selectTab(p.id),
      }),
    ),
  );
  list.addEventListener("keydown", (e) => {
    const ids = state.providers.map((p) => p.id);
    const i = ids.indexOf(state.active);
    let next = null;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") next = ids[(i + 1) % ids.length];
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") next = ids[(i - 1 + ids.length) % ids.length];
    else if (e.key === "Home") next = ids[0];
    else if (e.key === "End") next = ids.at(-1);
    if (next) {
      e.preventDefault();
      selectTab(next, true);
    }
  });
}

function rerenderAll() {
  applyStrings();
  for (const panel of state.panels.values()) {
    panel.renderAll();
    panel.update();
  }
}

async function main() {
  const status = document.getElementById("load-status");
  try {
    await init();
  } catch (e) {
    status.textContent = `${t("loadFailed")} (${e.message})`;
    status.classList.add("fail");
    throw e;
  }
  if (!has("constraints")) {
    status.textContent = t("loadFailed");
    status.classList.add("fail");
    throw new Error("this build of group-payloads has no constraints(): rebuild pkg/web");
  }
  state.providers = gp.providers();
  renderTabs();
  const panels = document.getElementById("panels");
  for (const info of state.providers) {
    const panel = new Panel(info);
    state.panels.set(info.id, panel);
    panels.append(panel.el);
    panel.update();
  }
  for (const b of document.querySelectorAll("[data-locale]")) {
    b.addEventListener("click", () => {
      if (state.locale === b.dataset.locale) return;
      state.locale = b.dataset.locale;
      rerenderAll();
    });
  }
  const lenient = document.getElementById("lenient");
  lenient.addEventListener("change", () => {
    state.lenient = lenient.checked;
    for (const panel of state.panels.values()) panel.update();
  });
  applyStrings();
  const wanted = decodeURIComponent(location.hash.slice(1));
  selectTab(state.panels.has(wanted) ? wanted : state.providers[0].id);
  window.addEventListener("hashchange", () => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (state.panels.has(id) && id !== state.active) selectTab(id);
  });
  status.textContent = "";
  document.body.dataset.ready = "true";
  // For the console and the tests.
  window.groupPayloads = gp;
}

main();
