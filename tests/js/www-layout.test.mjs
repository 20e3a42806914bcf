// The browser demo (www/) as an accessibility reviewer and a phone user meet it, in real
// headless Chromium: axe-core on every provider tab in both languages, no horizontal scroll at
// 390 px, layout shift on load, and no English left in 中文 mode.
//
//   node --test tests/js/www-layout.test.mjs   (after SKIP_SETUP=1 bash scripts/build.sh)
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { openTab, providerIds, startDemo } from "./www-harness.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let demo;
let ids;

before(async () => {
  demo = await startDemo();
  const page = await demo.open();
  ids = await providerIds(page);
  await page.close();
});

after(async () => {
  await demo?.close();
});

// Every state of a tab worth checking: as it opens, with a parsed sample response (its
// scrollable Data block), and in the JSON view.
async function eachState(page, id, check) {
  await openTab(page, id);
  await check("form");
  const sample = page.locator(`#panel-${id} .response button.sample`).first();
  if (await sample.count()) {
    await sample.click();
    await page.waitForSelector(`#${id}--outcome[data-ok]`);
    await check("response");
  }
  await page.click(`#${id}--view-json`);
  await check("json");
  await page.click(`#${id}--reset`);
}

describe("www demo layout and accessibility", () => {
  test("axe-core: no serious or critical violations on any provider tab, in English and 中文", async () => {
    for (const lang of ["en", "zh-CN"]) {
      const page = await demo.open(lang === "en" ? "" : `?lang=${lang}`, DESKTOP);
      await page.addScriptTag({ path: AXE });
      const found = [];
      for (const id of ids) {
        await eachState(page, id, async (state) => {
          const result = await page.evaluate(async () => {
            const r = await window.axe.run(document, { resultTypes: ["violations"] });
            return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) }));
          });
          for (const v of result) if (v.impact === "serious" || v.impact === "critical") found.push({ lang, id, state, ...v });
        });
      }
      // A hovered selected language button keeps its contrast (axe sees no hover).
      const hovered = await page.evaluate(() => {
        const b = document.querySelector("[data-locale][aria-pressed=true]");
        return [getComputedStyle(b).color, getComputedStyle(b).backgroundColor];
      });
      await page.hover("[data-locale][aria-pressed=true]");
      const onHover = await page.evaluate(() => {
        const b = document.querySelector("[data-locale][aria-pressed=true]");
        return [getComputedStyle(b).color, getComputedStyle(b).backgroundColor];
      });
      assert.ok(contrast(...onHover) >= 4.5, `hovered selected language button ${onHover} (was ${hovered})`);
      await page.close();
      assert.deepEqual(found, [], JSON.stringify(found, null, 1));
    }
  });

  test("no horizontal scroll at 390x844 on any tab or view, in either language", async () => {
    for (const lang of ["en", "zh-CN"]) {
      const page = await demo.open(lang === "en" ? "" : `?lang=${lang}`, PHONE);
      const wide = [];
      for (const id of ids) {
        await eachState(page, id, async (state) => {
          const m = await page.evaluate(() => {
            const vw = document.documentElement.clientWidth;
            // Anything visible sticking out of the viewport, or out of the box it sits in.
            const out = [];
            for (const el of document.querySelectorAll(".panel:not([hidden]) *, header *, main > *")) {
              const r = el.getBoundingClientRect();
              if (!r.width || el.closest("[hidden]")) continue;
              if (r.right > vw + 0.5 || r.left < -0.5) out.push(`${el.tagName}#${el.id}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
            }
            // A list's buttons stay inside the list's box.
            for (const b of document.querySelectorAll(".panel:not([hidden]) fieldset.array button")) {
              const box = b.closest("fieldset.array").getBoundingClientRect();
              const r = b.getBoundingClientRect();
              if (r.width && (r.right > box.right + 0.5 || r.left < box.left - 0.5)) out.push(`${b.id} ${Math.round(r.right)} > ${Math.round(box.right)}`);
            }
            return { scroll: document.documentElement.scrollWidth, vw, out: out.slice(0, 5) };
          });
          if (m.scroll > m.vw || m.out.length) wide.push({ lang, id, state, ...m });
        });
      }
      // Inputs keep a usable width on a phone.
      await openTab(page, "geelark");
      const narrowest = await page.$$eval("#panel-geelark .view input[type=text], #panel-geelark .view textarea", (els) => Math.min(...els.map((e) => e.getBoundingClientRect().width)));
      await page.close();
      assert.deepEqual(wide, [], JSON.stringify(wide, null, 1));
      assert.ok(narrowest >= 250, `GeeLark inputs are ${narrowest} px wide`);
    }
  });

  test("layout shift on load stays below 0.1 (desktop and phone, English and 中文)", async () => {
    const observe = (page) =>
      page.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
        }).observe({ type: "layout-shift", buffered: true });
      });
    const scores = [];
    for (const [name, viewport, query] of [["desktop", DESKTOP, ""], ["phone", PHONE, ""], ["phone zh-CN", PHONE, "?lang=zh-CN"]]) {
      const page = await demo.open(query, viewport, { beforeLoad: observe });
      await page.waitForTimeout(500);
      const cls = await page.evaluate(() => window.__cls);
      scores.push([name, cls]);
      await page.close();
    }
    console.log(`CLS on load: ${scores.map(([n, v]) => `${n} ${v.toFixed(4)}`).join(", ")}`);
    for (const [name, cls] of scores) assert.ok(cls < 0.1, `${name}: CLS ${cls}`);
  });

  test("中文 mode shows no English UI text (product names, wire names and codes aside)", async () => {
    const page = await demo.open("?lang=zh-CN", DESKTOP);
    // Wire names (list, GroupExDescriptions, …) are code wherever they appear.
    const wire = new Set(
      await page.evaluate((ids) => ids.flatMap((id) => window.groupPayloads.constraints(id).flatMap((c) => c.path.match(/\w+/g))), ids),
    );
    const words = (text) => text.match(/[A-Za-z][\w'’-]*\w/g) ?? [];
    const english = [];
    for (const id of ids) {
      await eachState(page, id, async (state) => {
        // The provider's own words in a pasted response are data, not UI text.
        const pasted = new Set(words(await page.inputValue(`#${id}--resp-body`)));
        for (const [where, text] of await page.evaluate(uiText)) {
          const left = words(text).filter((w) => !ALLOWED.has(w) && !ids.includes(w) && !wire.has(w) && !pasted.has(w));
          if (left.length) english.push(`${id}/${state}: ${where}: ${JSON.stringify(text)} (${left.join(", ")})`);
        }
      });
    }
    await page.close();
    assert.deepEqual(english, []);
  });
});

// Visible text and accessible names of the page, skipping what is not UI text: code (wire
// names, URLs, methods, requests), form values, and the language button named in its language.
function uiText() {
  const skip = (el) => el.closest("code, pre, textarea, .wire, [hidden], script, style, noscript, [data-locale='en']");
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || skip(el)) continue;
    // An option whose text is its value is a wire value (key, token, public…).
    if (el.tagName === "OPTION" && el.textContent === el.value) continue;
    if (el.closest(".sr-only") || el.getClientRects().length) out.push([el.tagName.toLowerCase() + (el.id ? `#${el.id}` : ""), n.textContent.trim()]);
  }
  for (const el of document.querySelectorAll("[aria-label], [placeholder], [title]")) {
    if (skip(el) && !el.matches("textarea, pre")) continue;
    for (const a of ["aria-label", "title"]) if (el.getAttribute(a)) out.push([`${el.tagName.toLowerCase()}[${a}]`, el.getAttribute(a)]);
  }
  out.push(["title", document.title]);
  return out;
}

// Product and API names, codes and units that read the same in Chinese.
const ALLOWED = new Set([
  "GeeLark", "Tencent", "CreateGroup", "SelfCommunity", "Capillary", "GoChat", "API", "HTTP", "JSON",
  "WebAssembly", "JavaScript", "Node", "FAKE", "curl", "fetch", "null", "baseUrl", "ID", "SecretId", "TC3",
  "ASCII", "Basic", "multipart", "privacy", "private", "public", "true", "false", "SKIP_SETUP", "www", "serve",
  "mjs", "bash", "scripts", "build", "sh", "js",
]);

// WCAG contrast of two computed colours ("rgb(r, g, b)").
function contrast(fg, bg) {
  const lum = (c) => {
    const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
