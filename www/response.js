// A pasted provider response, read by parseResponse. What was pasted and whether it was
// parsed are kept, so a language switch re-renders the same outcome in the new language; an
// edit of the status or body clears the outcome, which no longer describes them.
import { h, uid } from "./dom.js";
import { RESPONSES } from "./demo-data.js";
import { issueItem } from "./issues.js";
import { t } from "./strings.js";

export class ResponseView {
  constructor(provider, parse) {
    this.provider = provider;
    this.parseWith = parse; // (status, body) => parseResponse result; throws on misuse
    this.state = { status: "200", body: "", parsed: false };
  }

  render() {
    const id = (s) => uid(this.provider, s);
    this.statusInput = h("input", {
      id: id("resp-status"),
      type: "text",
      inputmode: "numeric",
      value: this.state.status,
      oninput: (e) => this.edited({ status: e.target.value }),
    });
    this.bodyInput = h("textarea", {
      id: id("resp-body"),
      rows: "5",
      spellcheck: "false",
      placeholder: '{"…": …}',
      oninput: (e) => this.edited({ body: e.target.value }),
    });
    this.bodyInput.value = this.state.body;
    this.out = h("div", { class: "outcome", id: id("outcome") });
    const samples = (RESPONSES[this.provider] ?? []).map((s, n) =>
      h("button", {
        type: "button",
        class: "sample",
        id: id(`sample-${n}`),
        text: t("sample")[s.label] ?? s.label,
        onclick: () => {
          this.statusInput.value = String(s.status);
          this.bodyInput.value = s.body;
          this.state = { status: String(s.status), body: s.body, parsed: false };
          this.parse();
        },
      }),
    );
    const form = h(
      "form",
      { class: "resp-form", novalidate: true, onsubmit: (e) => (e.preventDefault(), this.parse()) },
      h("div", { class: "field" }, h("label", { for: id("resp-status"), text: t("status") }), this.statusInput),
      h("div", { class: "field" }, h("label", { for: id("resp-body"), text: t("body") }), this.bodyInput),
      h(
        "div",
        { class: "buttons" },
        h("button", { type: "submit", id: id("parse"), text: t("parse") }),
        samples.length ? h("span", { class: "muted small", text: t("samples") }) : null,
        samples,
      ),
    );
    this.el = h("div", { class: "response" }, h("h3", { text: t("response") }), form, this.out);
    if (this.state.parsed) this.parse();
    return this.el;
  }

  edited(change) {
    Object.assign(this.state, change, { parsed: false });
    this.out.replaceChildren();
    delete this.out.dataset.ok;
  }

  parse() {
    this.state.parsed = true;
    let parsed;
    try {
      parsed = this.parseWith(Number(this.state.status), this.state.body);
    } catch (e) {
      this.out.dataset.ok = "false";
      this.out.replaceChildren(h("p", { class: "outcome-head fail" }, `${t("outcomeFail")}: `, h("span", { lang: "en", text: e.message })));
      return;
    }
    this.out.dataset.ok = String(parsed.ok);
    const out = [
      h("p", { class: `outcome-head ${parsed.ok ? "ok" : "fail"}` }, `${t("outcome")}: `, h("strong", { text: parsed.ok ? t("outcomeOk") : t("outcomeFail") })),
    ];
    if (parsed.requestId) out.push(h("p", {}, `${t("requestId")}: `, h("code", { text: parsed.requestId })));
    if (parsed.errors?.length) out.push(h("ul", { class: "issues static" }, parsed.errors.map((i) => issueItem(i, "error", { withPath: true }))));
    if (parsed.data !== undefined) {
      const dataId = uid(this.provider, "data");
      out.push(
        h(
          "details",
          { open: true },
          h("summary", { id: `${dataId}--label`, text: t("data") }),
          // Scrollable, so it must be reachable by keyboard.
          h("pre", { id: dataId, tabindex: "0", role: "region", "aria-labelledby": `${dataId}--label`, text: JSON.stringify(parsed.data, null, 2) }),
        ),
      );
    }
    this.out.replaceChildren(...out);
  }
}
