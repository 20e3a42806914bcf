// The built request: shown as HTTP text, copied as curl or fetch. When it cannot be built,
// the box says what to fix and where, with a button to the first error.
import { h, uid } from "./dom.js";
import { t } from "./strings.js";

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

export class RequestView {
  constructor(provider, onFirstError) {
    this.provider = provider;
    this.onFirstError = onFirstError;
    this.request = null;
  }

  render() {
    const id = (s) => uid(this.provider, s);
    this.out = h("pre", { class: "http", id: id("request"), tabindex: "0", "aria-label": t("request") });
    this.blocked = h("div", { class: "blocked-actions" });
    this.status = h("p", { class: "copy-status", role: "status" });
    this.copied = h("textarea", { class: "copied", id: id("copied"), readonly: true, rows: "6", hidden: true, "aria-label": t("copied") });
    this.curl = h("button", { type: "button", id: id("copy-curl"), text: t("copyCurl"), onclick: () => this.copy("curl") });
    this.fetch = h("button", { type: "button", id: id("copy-fetch"), text: t("copyFetch"), onclick: () => this.copy("fetch") });
    this.el = h("div", { class: "request" }, h("h3", { text: t("request") }), this.out, this.blocked, h("div", { class: "buttons" }, this.curl, this.fetch), this.status, this.copied);
    this.request = null;
    return this.el;
  }

  // {request} or {blockedBy: "payload" | "options" | "json", failure?: message}.
  show(result) {
    const req = result.request ?? null;
    if (JSON.stringify(req) !== JSON.stringify(this.request ?? null)) {
      // A copy of an older request must not look current.
      this.copied.hidden = true;
      this.copied.value = "";
      delete this.copied.dataset.kind;
      this.status.textContent = "";
    }
    this.request = req;
    this.curl.disabled = this.fetch.disabled = !req;
    this.blocked.replaceChildren();
    if (req) {
      const lines = [`${req.method} ${req.url}`];
      for (const [k, v] of Object.entries(req.headers)) lines.push(`${k}: ${v}`);
      if (req.body !== undefined && req.body !== null) lines.push("", req.body);
      this.out.textContent = lines.join("\n");
      this.out.classList.remove("blocked");
      this.out.dataset.method = req.method;
      this.out.dataset.url = req.url;
      return;
    }
    this.out.classList.add("blocked");
    delete this.out.dataset.method;
    delete this.out.dataset.url;
    if (result.failure) {
      // A misuse the library throws on: its message is English only.
      this.out.replaceChildren(`${t("requestFailed")} `, h("span", { lang: "en", text: result.failure }));
      return;
    }
    const key = { payload: "blockedPayload", options: "blockedOptions", json: "blockedJson" }[result.blockedBy] ?? "blockedPayload";
    this.out.textContent = t(key);
    if (result.blockedBy === "payload" || result.blockedBy === "options") {
      this.blocked.append(h("button", { type: "button", class: "link", id: uid(this.provider, "first-error"), text: t("firstError"), onclick: this.onFirstError }));
    }
  }

  async copy(kind) {
    if (!this.request) return;
    const text = kind === "curl" ? asCurl(this.request) : asFetch(this.request);
    this.copied.value = text;
    this.copied.hidden = false;
    this.copied.dataset.kind = kind;
    try {
      await navigator.clipboard.writeText(text);
      this.status.textContent = `${kind === "curl" ? t("copyCurl") : t("copyFetch")}: ${t("copiedShort")}`;
    } catch {
      this.status.textContent = t("copyFailed");
      this.copied.select();
    }
  }
}
