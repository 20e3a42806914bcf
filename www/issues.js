// Issues on the page: one list item per issue, placed beside the field, option or JSON line it
// names, and counted in the panel's summary. A screen reader hears only the counts, once typing
// pauses, from a live region of their own.
import { h, uid } from "./dom.js";
import { atText, caretTo, locate, positionOf } from "./json-view.js";
import { showCounter } from "./form.js";
import { t } from "./strings.js";

const INTEGER_KINDS = new Set(["integer", "integers"]);
const ANNOUNCE_AFTER_MS = 700;

// `slot`: the form field it is shown beside; `position`: its line and column in JSON text.
export function issueItem(issue, sev, { withPath = false, slot = null, position = null } = {}) {
  const li = h("li", { class: sev, "data-code": issue.code });
  li.append(h("span", { class: "sev", text: `${sev === "error" ? t("error") : t("warning")}:` }), " ");
  if (position) li.append(h("span", { class: "at", text: atText(position) }), " ");
  if (withPath && issue.path) li.append(h("code", { class: "path", text: issue.path }), " ");
  // Every form control holds text: "got a string" would say nothing there.
  const typed = slot && INTEGER_KINDS.has(slot.field?.kind) && issue.code === "invalid_type" && issue.params?.actual === "string";
  li.append(h("span", { class: "msg", text: typed ? t("notInteger") : issue.message }));
  if (issue.providerCode !== undefined) li.append(" ", h("span", { class: "pcode", text: `(${t("providerCode")} ${issue.providerCode})` }));
  return li;
}

// `issues`: [{issue, sev}], each beside the form slot of its path or the nearest enclosing one.
export function placeForm(panel, issues) {
  const bySlot = new Map();
  for (const x of issues) {
    const slot = panel.slotFor(x.issue.path);
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), x]);
  }
  for (const slot of panel.slots.values()) {
    const mine = bySlot.get(slot) ?? [];
    slot.list.replaceChildren(...mine.map(({ issue, sev }) => issueItem(issue, sev, { slot, withPath: issue.path !== slot.path })));
    const errors = mine.some((x) => x.sev === "error");
    const target = slot.input;
    if (target) {
      // aria-invalid belongs on form controls; an array's fieldset only gets the description.
      if (errors && target.tagName !== "FIELDSET") target.setAttribute("aria-invalid", "true");
      else target.removeAttribute("aria-invalid");
      const described = [slot.counter?.id, mine.length ? slot.list.id : null].filter(Boolean);
      if (described.length) target.setAttribute("aria-describedby", described.join(" "));
      else target.removeAttribute("aria-describedby");
      if (target.tagName === "FIELDSET") target.classList.toggle("has-error", errors);
    }
    if (slot.counter) showCounter(slot, panel.valueAt(slot.segs), mine);
  }
}

// Under the JSON text, each issue with the line and column it points at (a button to go there).
export function placeJson(panel, issues) {
  const area = panel.jsonArea;
  const text = area.value;
  const located = panel.broken ? null : locate(text);
  panel.jsonIssues.replaceChildren(
    ...issues.map(({ issue, sev }) => {
      const position = positionOf(issue, text, located);
      const li = issueItem(issue, sev, { withPath: true, position });
      if (position) {
        li.querySelector(".at").replaceWith(h("button", { type: "button", class: "at link", text: atText(position), onclick: () => caretTo(area, position) }));
      }
      return li;
    }),
  );
  if (issues.some((x) => x.sev === "error")) area.setAttribute("aria-invalid", "true");
  else area.removeAttribute("aria-invalid");
}

// Issues at `options.<key>`, beside that build option.
export function placeOptions(panel, issues) {
  for (const slot of panel.optionSlots.values()) {
    const mine = issues.filter((x) => x.issue.path === `options.${slot.option.key}`);
    slot.list.replaceChildren(...mine.map(({ issue, sev }) => issueItem(issue, sev)));
    if (mine.some((x) => x.sev === "error")) slot.input.setAttribute("aria-invalid", "true");
    else slot.input.removeAttribute("aria-invalid");
    if (mine.length) slot.input.setAttribute("aria-describedby", slot.list.id);
    else slot.input.removeAttribute("aria-describedby");
  }
}

// The summary under the payload: counts, what waits for fields not yet filled in, and the list.
export function renderSummary(panel, issues, waiting) {
  const el = panel.summaryEl;
  const nErr = issues.filter((x) => x.sev === "error").length;
  const nWarn = issues.length - nErr;
  el.dataset.errors = String(nErr);
  el.dataset.warnings = String(nWarn);
  el.dataset.waiting = String(waiting);
  const counts = issues.length ? t("summary", nErr, nWarn) : t("noIssues");
  const slotOf = (path) => (panel.view === "form" ? panel.slotFor(path) : null);
  const parts = [h("h3", { text: t("issues") }), h("p", { class: nErr ? "fail" : "ok", text: counts })];
  if (waiting) {
    const showAll = h("button", { type: "button", class: "link", id: uid(panel.id, "show-all"), text: t("showAll"), onclick: () => panel.focusFirstError() });
    parts.push(h("p", { class: "waiting" }, `${t("hidden", waiting)} `, showAll));
  }
  if (issues.length) parts.push(h("ul", { class: "issues static" }, issues.map(({ issue, sev }) => issueItem(issue, sev, { withPath: true, slot: slotOf(issue.path) }))));
  el.replaceChildren(...parts);
  announce(panel, waiting ? `${counts} ${t("hidden", waiting)}` : counts);
}

function announce(panel, text) {
  clearTimeout(panel.announceTimer);
  panel.announceTimer = setTimeout(() => {
    if (text === panel.liveEl.textContent) return;
    panel.liveEl.textContent = text;
  }, ANNOUNCE_AFTER_MS);
}
