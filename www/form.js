// The payload form and the build-option fields of one provider's panel. Controls are made
// from the field model (model.js) and show the panel's payload; every edit goes back through
// the panel (edit, touch, addItem, removeItem, setOption), which validates and re-renders.
import { measure } from "../pkg/web/group_payloads.js";
import { h, uid } from "./dom.js";
import { formatPath } from "./path.js";
import { isArrayKind, getAt, textOf } from "./model.js";
import { t } from "./strings.js";

const issueList = (id) => h("ul", { class: "issues", id: `${id}--issues` });

function badge(panel, f) {
  const when = panel.conditions.get(f.name);
  let text = t("optional");
  if (f.required) text = t("required");
  else if (when?.recommended) text = t("recommended");
  else if (when) text = t("requiredWhen", when.field, when.value);
  const bits = [text];
  if (f.nullable) bits.push(t("nullable"));
  return h("span", { class: `badge${f.required || when?.field ? " req" : ""}`, text: bits.join(", ") });
}

export function renderForm(panel) {
  panel.slots.clear();
  const root = h("fieldset", { class: "payload-fields", id: uid(panel.id, "payload") }, h("legend", { text: t("payload") }));
  // Issues about the payload as a whole, or about fields the form has no control for.
  const list = issueList(uid(panel.id, "payload"));
  panel.slots.set("", { path: "", input: null, list });
  for (const f of panel.fields) root.append(renderField(panel, f, f.segs));
  root.append(list);
  return root;
}

function renderField(panel, f, segs, itemLabel) {
  if (isArrayKind(f) && !itemLabel) return renderArray(panel, f, segs);
  const path = formatPath(segs);
  const id = uid(panel.id, path);
  const value = getAt(panel.payload, segs);
  const slot = { field: f, segs, path, isItem: Boolean(itemLabel) };
  const edit = (text) => panel.edit(slot, text);
  let control;
  if (f.kind === "choice" || f.kind === "boolean") {
    const choices = f.kind === "boolean" ? ["true", "false"] : f.enum ?? [];
    control = h(
      "select",
      { id, name: path, onchange: (e) => edit(e.target.value) },
      h("option", { value: "", text: t("notSet") }),
      choices.map((c) => h("option", { value: c, text: c })),
    );
    control.value = textOf(value);
  } else if (f.kind === "upload") {
    control = h("input", { id, name: path, type: "file", onchange: (e) => edit(e.target.files?.[0]?.name ?? "") });
  } else {
    const multiline = f.kind === "textarea";
    control = h(multiline ? "textarea" : "input", {
      id,
      name: path,
      autocomplete: "off",
      spellcheck: "false",
      ...(multiline ? { rows: "3" } : { type: "text" }),
      ...(f.kind === "integer" || f.kind === "integers" ? { inputmode: "numeric" } : {}),
      placeholder: value === null ? t("nullValue") : null,
      oninput: (e) => edit(e.target.value),
    });
    control.value = textOf(value);
  }
  control.addEventListener("blur", () => panel.touch(slot));
  if (f.required) control.setAttribute("aria-required", "true");
  slot.input = control;
  const label = h("label", { for: id }, h("span", { class: "wire", text: itemLabel ?? f.name }), itemLabel ? null : [" ", badge(panel, f)]);
  const head = h("div", { class: "label-row" }, label);
  if (f.kind === "text" || f.kind === "textarea") {
    slot.counter = h("span", { class: "counter", id: `${id}--counter` });
    head.append(slot.counter);
  }
  const row = h("div", { class: "field" }, head, control);
  if (f.kind === "upload") row.append(h("p", { class: "muted small", text: t("upload") }));
  slot.list = issueList(id);
  row.append(slot.list);
  panel.slots.set(path, slot);
  return row;
}

function renderArray(panel, f, segs) {
  const path = formatPath(segs);
  const value = getAt(panel.payload, segs);
  const items = Array.isArray(value) ? value : [];
  const box = h("fieldset", { class: "array", id: uid(panel.id, path) });
  const counts = [];
  if (f.minItems != null) counts.push(`≥ ${f.minItems}`);
  if (f.maxItems != null) counts.push(`≤ ${f.maxItems}`);
  box.append(
    h(
      "legend",
      {},
      h("span", { class: "wire", text: f.name }),
      " ",
      badge(panel, f),
      counts.length ? h("span", { class: "muted small", text: ` [${counts.join(", ")}]` }) : null,
    ),
    h("p", { class: "muted small numbering", text: t("numbering", `${f.name}[0]`) }),
  );
  const slot = { field: f, segs, path, input: box, list: issueList(uid(panel.id, path)) };
  panel.slots.set(path, slot);
  items.forEach((_, i) => {
    const itemSegs = [...segs, i];
    const itemPath = formatPath(itemSegs);
    const label = `${f.name}[${i}]`;
    const row = h("div", { class: `item ${f.kind}` });
    if (f.kind === "objects") {
      const inner = h("fieldset", { class: "object", id: uid(panel.id, itemPath) }, h("legend", { class: "wire", text: label }));
      for (const c of f.children) inner.append(renderField(panel, c, [...itemSegs, c.name]));
      // Issues on the item itself (e.g. not an object).
      const itemSlot = { field: f, segs: itemSegs, path: itemPath, input: null, list: issueList(uid(panel.id, itemPath)) };
      panel.slots.set(itemPath, itemSlot);
      inner.append(itemSlot.list);
      row.append(inner);
    } else {
      row.append(renderField(panel, f.item, itemSegs, label));
    }
    row.append(
      h("button", {
        type: "button",
        class: "remove",
        id: `${uid(panel.id, itemPath)}--remove`,
        text: t("removeItem"),
        "aria-label": `${t("removeItem")} ${label}`,
        onclick: () => panel.removeItem(f, segs, i),
      }),
    );
    box.append(row);
  });
  box.append(
    h("button", {
      type: "button",
      class: "add",
      id: `${uid(panel.id, path)}--add`,
      text: `+ ${t("addItem")}`,
      "aria-label": `${t("addItem")}: ${f.name}`,
      onclick: () => panel.addItem(f, segs),
    }),
    slot.list,
  );
  return box;
}

// The counter beside a text field, in the provider's unit; `issues` are the field's own.
export function showCounter(slot, value, issues) {
  const m = measure(typeof value === "string" ? value : "");
  const f = slot.field;
  const unit = f.unit === "bytes" ? "bytes" : "chars";
  const n = m[unit];
  let s = f.maxLength != null ? `${n} / ${f.maxLength} ${t("unit")[unit]}` : `${n} ${t("unit")[unit]}`;
  if (m.graphemes !== n) s += ` · ${t("graphemes", m.graphemes)}`;
  slot.counter.textContent = s;
  const long = issues.find((x) => x.issue.code === "too_long");
  slot.counter.classList.toggle("over", Boolean(long) || (f.maxLength != null && n > f.maxLength));
  slot.counter.classList.toggle("warn", long?.sev === "warning");
}

// -- build options ------------------------------------------------------------------------
export const optionShown = (options, o) => !o.when || options.find((x) => x.key === o.when[0])?.value === o.when[1];

export function renderOptions(panel) {
  panel.optionSlots.clear();
  const box = h(
    "fieldset",
    { class: "creds" },
    h("legend", {}, t("credentials"), " ", h("span", { class: "fake", text: t("fakeBadge") })),
  );
  for (const o of panel.options) {
    const id = uid(panel.id, `opt-${o.key}`);
    let control;
    if (o.kind === "select") {
      control = h(
        "select",
        { id, onchange: (e) => panel.setOption(o, e.target.value) },
        o.choices.map((v) => h("option", { value: v, text: v === "" ? t(o.emptyLabel ?? "notSet") : v })),
      );
    } else {
      control = h("input", {
        id,
        type: "text",
        autocomplete: "off",
        spellcheck: "false",
        placeholder: o.placeholder ?? "",
        class: o.secret ? "secret" : null,
        oninput: (e) => panel.setOption(o, e.target.value),
      });
    }
    control.value = o.value;
    if (o.required) control.setAttribute("aria-required", "true");
    const list = issueList(id);
    const row = h(
      "div",
      { class: "field" },
      h("label", { for: id }, h("span", { class: "wire", text: o.key })),
      control,
      list,
    );
    row.hidden = !optionShown(panel.options, o);
    panel.optionSlots.set(o.key, { option: o, row, input: control, list });
    box.append(row);
  }
  return box;
}

// Shows the options that apply to the current choices, without rebuilding (focus stays put).
export function showOptions(panel) {
  for (const slot of panel.optionSlots.values()) slot.row.hidden = !optionShown(panel.options, slot.option);
}
