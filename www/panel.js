// One provider's tab panel: the payload (edited as a form or as JSON), its issues, the build
// options, the built request and a pasted response. The payload is the state; every edit
// changes it and calls update(), which validates, places each issue beside what it names and
// builds the request.
import * as gp from "../pkg/web/group_payloads.js";
import { BUILD_OPTIONS } from "./demo-data.js";
import { h, uid } from "./dom.js";
import { renderForm, renderOptions, showOptions, optionShown } from "./form.js";
import { placeForm, placeJson, placeOptions, renderSummary } from "./issues.js";
import { renderJson } from "./json-view.js";
import { conditionsOf, fieldsFrom, getAt, newItem, setAt, valueFromText } from "./model.js";
import { formatPath, parsePath } from "./path.js";
import { RequestView } from "./request.js";
import { ResponseView } from "./response.js";
import { app } from "./state.js";
import { locale, t } from "./strings.js";

const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

export class Panel {
  // examples: the provider's documented payloads [{label, payload, options?}], the first one
  // being where the panel starts and what Reset returns to.
  constructor(info, examples, onChange) {
    this.info = info;
    this.id = info.id;
    this.examples = examples;
    this.onChange = onChange; // the URL follows the state
    this.fields = fieldsFrom(gp.constraints(this.id));
    this.conditions = conditionsOf(this.fields, (payload) => gp.validate(this.id, payload));
    this.slots = new Map(); // issue path -> {field, segs, path, input, list, counter?}
    this.optionSlots = new Map(); // option key -> {option, row, input, list}
    this.request = new RequestView(this.id, () => this.focusFirstError());
    this.response = new ResponseView(this.id, (status, body) => gp.parseResponse(this.id, { status, body, payload: this.payload }, this.opts()));
    this.view = "form";
    this.el = h("section", {
      class: "panel",
      id: `panel-${this.id}`,
      role: "tabpanel",
      "aria-labelledby": `tab-${this.id}`,
      tabindex: "0",
      hidden: true,
    });
    this.restart(clone(examples[0]?.payload ?? {}));
  }

  opts() {
    return { lenient: app.lenient, locale: locale() };
  }

  // -- state changes ------------------------------------------------------------------------
  restart(payload) {
    this.payload = payload;
    this.text = null; // the JSON text as typed, while it is what was last edited
    this.broken = false; // that text does not parse: payload is the last one that did
    this.fresh = new Set(); // paths of added fields not yet filled in: their issues wait
    this.options = (BUILD_OPTIONS[this.id] ?? []).map((o) => ({ ...o }));
  }

  reset() {
    this.restart(clone(this.examples[0]?.payload ?? {}));
    this.response.state = { status: "200", body: "", parsed: false };
    this.view = "form";
    this.render();
    this.onChange();
  }

  load(payload, view = this.view) {
    this.payload = payload;
    this.text = null;
    this.broken = false;
    this.fresh.clear();
    this.view = view;
  }

  loadExample(n) {
    const example = this.examples[n];
    this.load(clone(example.payload));
    // An example is shown under the options it was written for (e.g. Tencent's lenient one).
    this.onChange({ lenient: example.options?.lenient === true });
    this.renderView();
    this.update();
  }

  jsonText() {
    return this.text ?? JSON.stringify(this.payload, null, 2);
  }

  edit(slot, text) {
    slot.edited = true;
    if (this.payload === null || typeof this.payload !== "object" || Array.isArray(this.payload)) this.payload = {};
    setAt(this.payload, slot.segs, valueFromText(slot.field, text, slot.isItem));
    this.text = null;
    this.broken = false;
    this.update();
    this.onChange();
  }

  editJson(text) {
    this.text = text;
    try {
      this.payload = JSON.parse(text);
      this.broken = false;
    } catch {
      this.broken = true;
    }
    this.fresh.clear();
    this.update();
    if (!this.broken) this.onChange();
  }

  // A new field counts as filled in once it was typed into and left. One merely passed
  // through (say, by clicking "Add item" again) waits for "Show all problems".
  touch(slot) {
    if (slot.edited && this.fresh.delete(slot.path)) this.update();
  }

  addItem(f, segs) {
    let items = getAt(this.payload, segs);
    if (!Array.isArray(items)) {
      items = [];
      setAt(this.payload, segs, items);
    }
    const itemSegs = [...segs, items.length];
    items.push(newItem(f));
    const first = f.kind === "objects" ? [...itemSegs, f.children[0].name] : itemSegs;
    if (f.kind === "objects") for (const c of f.children) this.fresh.add(formatPath([...itemSegs, c.name]));
    else this.fresh.add(formatPath(itemSegs));
    this.text = null;
    this.renderView();
    this.update();
    this.onChange();
    document.getElementById(uid(this.id, formatPath(first)))?.focus();
  }

  removeItem(f, segs, i) {
    setAt(this.payload, [...segs, i], undefined);
    // Fields after the removed item move up one index; so do their "not yet left" marks.
    const fresh = new Set();
    for (const path of this.fresh) {
      const s = parsePath(path);
      const inside = s.length > segs.length && formatPath(s.slice(0, segs.length)) === formatPath(segs);
      if (inside && s[segs.length] === i) continue;
      if (inside && s[segs.length] > i) s[segs.length] -= 1;
      fresh.add(formatPath(s));
    }
    this.fresh = fresh;
    this.text = null;
    this.renderView();
    this.update();
    this.onChange();
    const left = getAt(this.payload, segs)?.length ?? 0;
    const next = left ? `${uid(this.id, formatPath([...segs, Math.min(i, left - 1)]))}--remove` : `${uid(this.id, formatPath(segs))}--add`;
    document.getElementById(next)?.focus();
  }

  setOption(option, value) {
    option.value = value;
    showOptions(this);
    this.update();
  }

  setView(view) {
    if (view === this.view) return;
    this.view = view;
    this.renderView();
    this.update();
    this.onChange();
  }

  isFresh(path) {
    for (const f of this.fresh) if (path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`)) return true;
    return false;
  }

  // -- rendering ----------------------------------------------------------------------------
  render() {
    const i = this.info;
    const name = t("providerNames")[this.id] ?? i.name;
    const head = h(
      "div",
      { class: "panel-head" },
      h("h2", { text: name }),
      h(
        "p",
        { class: "endpoint" },
        h("code", { class: "method", text: i.method }),
        " ",
        h("code", { class: "url", text: i.url }),
        " · ",
        h("a", { href: i.docs, target: "_blank", rel: "noopener noreferrer", text: t("docs") }),
      ),
    );
    const examples = this.examples.map((_, n) =>
      h("button", { type: "button", class: "example", id: uid(this.id, `example-${n}`), text: t("example", n + 1), onclick: () => this.loadExample(n) }),
    );
    this.viewButtons = ["form", "json"].map((v) =>
      h("button", {
        type: "button",
        id: uid(this.id, `view-${v}`),
        "aria-pressed": String(this.view === v),
        text: t(v === "form" ? "viewForm" : "viewJson"),
        onclick: () => this.setView(v),
      }),
    );
    const toolbar = h(
      "div",
      { class: "toolbar" },
      h("div", { class: "examples", role: "group", "aria-labelledby": uid(this.id, "examples-label") }, h("span", { class: "muted small", id: uid(this.id, "examples-label"), text: t("examples") }), examples),
      h(
        "div",
        { class: "view-switch" },
        h("div", { class: "segmented", role: "group", "aria-labelledby": uid(this.id, "view-label") }, h("span", { class: "muted small", id: uid(this.id, "view-label"), text: t("editAs") }), this.viewButtons),
        h("button", { type: "button", id: uid(this.id, "reset"), text: t("reset"), onclick: () => this.reset() }),
      ),
    );
    this.viewHost = h("div", { class: "view" });
    this.summaryEl = h("div", { class: "summary", id: uid(this.id, "summary") });
    this.liveEl = h("p", { class: "sr-only", role: "status", id: uid(this.id, "live") });
    const left = h("div", { class: "col" }, toolbar, this.viewHost, this.summaryEl, this.liveEl);
    const right = h("div", { class: "col" }, renderOptions(this), this.request.render(), this.response.render());
    this.el.replaceChildren(head, h("div", { class: "cols" }, left, right));
    this.renderView();
    this.update();
  }

  renderView() {
    const focused = document.activeElement?.id;
    for (const b of this.viewButtons) b.setAttribute("aria-pressed", String(b.id === uid(this.id, `view-${this.view}`)));
    this.slots.clear();
    this.jsonArea = null;
    if (this.view === "json") {
      this.viewHost.replaceChildren(renderJson(this));
    } else {
      const form = h("form", { class: "payload", novalidate: true, onsubmit: (e) => (e.preventDefault(), this.focusFirstError()) }, renderForm(this));
      this.viewHost.replaceChildren(form);
    }
    if (focused && this.el.contains(document.getElementById(focused))) document.getElementById(focused).focus();
  }

  valueAt(segs) {
    return getAt(this.payload, segs);
  }

  // The slot an issue belongs beside: its own, or the nearest enclosing one.
  slotFor(path) {
    const segs = parsePath(path);
    for (let n = segs.length; n > 0; n--) {
      const slot = this.slots.get(formatPath(segs.slice(0, n)));
      if (slot) return slot;
    }
    return this.slots.get("") ?? null;
  }

  // -- validation, placement, request -----------------------------------------------------------
  update() {
    const opts = this.opts();
    const report = this.text !== null ? gp.validateJson(this.id, this.text, opts) : gp.validate(this.id, this.payload, opts);
    const payloadIssues = [...report.errors.map((i) => ({ issue: i, sev: "error" })), ...report.warnings.map((i) => ({ issue: i, sev: "warning" }))];

    // Build options: the page asks for the ones the library cannot start without; the library
    // reports what is wrong with the rest (options.baseUrl invalid_url, …).
    const optionIssues = [];
    for (const o of this.options) {
      if (!optionShown(this.options, o)) continue;
      const path = `options.${o.key}`;
      if (o.required && o.value === "") optionIssues.push({ issue: { path, code: "required", message: t("optionRequired") }, sev: "error" });
      if (o.numeric && o.value !== "" && !/^\d+$/.test(o.value)) optionIssues.push({ issue: { path, code: "invalid_type", message: t("notInteger") }, sev: "error" });
    }
    let built = null;
    let failure = null;
    if (!this.broken && !optionIssues.length) {
      try {
        built = gp.buildRequest(this.id, this.payload, { ...opts, ...this.buildOptions() });
      } catch (e) {
        failure = e.message;
      }
      for (const i of built?.errors ?? []) if (i.path.startsWith("options.")) optionIssues.push({ issue: i, sev: "error" });
      for (const i of built?.warnings ?? []) if (i.path.startsWith("options.")) optionIssues.push({ issue: i, sev: "warning" });
    }

    const shown = payloadIssues.filter((x) => !this.isFresh(x.issue.path));
    const waiting = payloadIssues.length - shown.length;
    if (this.view === "json") placeJson(this, shown);
    else placeForm(this, shown);
    placeOptions(this, optionIssues);
    renderSummary(this, [...shown, ...optionIssues], waiting);

    let result;
    if (this.broken) result = { blockedBy: "json" };
    else if (built?.request) result = { request: built.request };
    else if (failure) result = { failure };
    else result = { blockedBy: report.errors.length ? "payload" : "options" };
    this.request.show(result);
  }

  buildOptions() {
    const o = {};
    for (const c of this.options) {
      if (!optionShown(this.options, c) || c.value === "") continue;
      setAt(o, parsePath(c.key), c.numeric ? Number(c.value) : c.value);
    }
    return o;
  }

  // "Submit": every issue shows, and focus goes to the first error.
  focusFirstError() {
    this.fresh.clear();
    this.update();
    const optionError = [...this.optionSlots.values()].find((s) => !s.row.hidden && s.input.getAttribute("aria-invalid") === "true");
    if (this.view === "json") {
      const first = this.jsonIssues.querySelector("li.error button.at");
      if (first) return first.click();
    } else {
      // A control that is wrong itself, else the first control of a list that is (too many items).
      const control = this.viewHost.querySelector("[aria-invalid=true]");
      const list = this.viewHost.querySelector("fieldset.has-error");
      const first = control ?? list?.querySelector("input, select, textarea, button");
      if (first) return first.focus();
    }
    optionError?.input.focus();
  }
}
