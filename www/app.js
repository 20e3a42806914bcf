// group-payloads demo: one panel per provider, validated on every keystroke by the same wasm
// rules the server-side build uses. Plain ES modules, no bundler:
//   app.js        start-up, tabs, language, lenient switch, the URL
//   state.js      the page state and its URL form       strings.js    UI text (en, zh-CN)
//   panel.js      one provider's panel and its checks   model.js      fields and payload
//   form.js       payload form and build options        json-view.js  the payload as JSON
//   issues.js     issues beside fields, the summary     path.js       issue paths
//   request.js    the built request, copy as curl/fetch response.js   a pasted response
//   demo-data.js  FAKE build options, sample responses  dom.js        element builder, ids
import init, * as gp from "../pkg/web/group_payloads.js";
import { EXAMPLES_URL } from "./demo-data.js";
import { h } from "./dom.js";
import { Panel } from "./panel.js";
import { app, readUrl, urlOf } from "./state.js";
import { applyStrings, locale, setLocale, t } from "./strings.js";

const start = readUrl(location.search);
setLocale(start.lang);
app.lenient = start.lenient;
// Before the wasm loads: the static text is in its language from the first frame.
applyStrings();
document.documentElement.classList.remove("translating");
const lenientBox = document.getElementById("lenient");
lenientBox.checked = app.lenient;
const status = document.getElementById("load-status");
status.textContent = t("loading");

let urlTimer;
function saveUrl() {
  clearTimeout(urlTimer);
  urlTimer = setTimeout(() => {
    const panel = app.panels.get(app.active);
    if (!panel) return;
    const same = JSON.stringify(panel.payload) === JSON.stringify(panel.examples[0]?.payload ?? {});
    const url = urlOf({ provider: app.active, lang: locale(), lenient: app.lenient, view: panel.view, payload: same ? undefined : panel.payload });
    if (url !== location.search) history.replaceState(null, "", url);
  }, 150);
}

function setLenient(on) {
  if (app.lenient === on) return;
  app.lenient = on;
  lenientBox.checked = on;
  for (const panel of app.panels.values()) panel.update();
}

function selectTab(id, focus = false) {
  app.active = id;
  for (const [pid, panel] of app.panels) {
    const tab = document.getElementById(`tab-${pid}`);
    const on = pid === id;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    panel.el.hidden = !on;
    if (on && focus) tab.focus();
  }
  saveUrl();
}

function renderTabs(providers) {
  const list = document.getElementById("tabs");
  list.replaceChildren(
    ...providers.map((p) =>
      h("button", {
        type: "button",
        role: "tab",
        id: `tab-${p.id}`,
        "aria-controls": `panel-${p.id}`,
        "aria-selected": "false",
        tabindex: "-1",
        text: p.id,
        onclick: () => selectTab(p.id),
      }),
    ),
  );
  list.addEventListener("keydown", (e) => {
    const ids = providers.map((p) => p.id);
    const i = ids.indexOf(app.active);
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

async function main() {
  let seeds;
  try {
    [, seeds] = await Promise.all([
      init(),
      fetch(EXAMPLES_URL).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${EXAMPLES_URL.pathname}: HTTP ${r.status}`)))),
    ]);
  } catch (e) {
    status.textContent = `${t("loadFailed")} (${e.message})`;
    status.classList.add("fail");
    throw e;
  }
  const providers = gp.providers();
  renderTabs(providers);
  const host = document.getElementById("panels");
  for (const info of providers) {
    const panel = new Panel(info, seeds[info.id]?.samples ?? [], (change) => {
      if (change && "lenient" in change) setLenient(change.lenient);
      saveUrl();
    });
    app.panels.set(info.id, panel);
  }
  const first = app.panels.has(start.provider) ? start.provider : providers[0].id;
  if (start.payload !== undefined || start.view === "json") {
    const panel = app.panels.get(first);
    panel.load(start.payload ?? panel.payload, start.view);
  }
  for (const panel of app.panels.values()) panel.render();
  status.remove();
  host.append(...[...app.panels.values()].map((p) => p.el));
  selectTab(first);

  for (const b of document.querySelectorAll("[data-locale]")) {
    b.addEventListener("click", () => {
      if (locale() === b.dataset.locale) return;
      setLocale(b.dataset.locale);
      applyStrings();
      for (const panel of app.panels.values()) panel.render();
      saveUrl();
    });
  }
  lenientBox.addEventListener("change", () => {
    setLenient(lenientBox.checked);
    saveUrl();
  });
  document.body.dataset.ready = "true";
  // For the console and the tests.
  window.groupPayloads = gp;
}

main();
