// End-to-end tests of the browser demo (www/) in real headless Chromium.
//
//   node --test tests/js/www.test.mjs        (after SKIP_SETUP=1 bash scripts/build.sh)
//
// The page and the wasm build are copied to a temporary directory when the test starts (a
// rebuild may replace pkg/ at any moment), served by www/serve.mjs on a free port, and driven
// with playwright-core through Debian's /usr/bin/chromium.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "playwright-core";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const PKG_FILES = ["group_payloads.js", "group_payloads_bg.wasm"];

let work; // temp dir: root/ (served) and profile/ (browser user data)
let server;
let context;
let page;
let base;
const pageErrors = [];

// Copies pkg/web as it is now, waiting a little if a rebuild has just removed it.
async function snapshotPackage(dest) {
  const src = join(REPO, "pkg", "web");
  for (let i = 0; i < 60; i++) {
    if (PKG_FILES.every((f) => existsSync(join(src, f)))) {
      try {
        cpSync(src, dest, { recursive: true });
        if (PKG_FILES.every((f) => existsSync(join(dest, f)))) return;
      } catch {
        /* a rebuild raced us; try again */
      }
    }
    await sleep(500);
  }
  throw new Error("pkg/web is missing: run SKIP_SETUP=1 bash scripts/build.sh first");
}

function startServer(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, "www", "serve.mjs")], {
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ROOT: root },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`serve.mjs did not start: ${out}`)), 10_000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/[^\s]+?:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: `http://127.0.0.1:${m[1]}` });
      }
    });
    child.on("exit", (code) => reject(new Error(`serve.mjs exited (${code}): ${out}`)));
  });
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "gp-www-"));
  const root = join(work, "root");
  mkdirSync(join(root, "pkg"), { recursive: true });
  await snapshotPackage(join(root, "pkg", "web"));
  cpSync(join(REPO, "www"), join(root, "www"), { recursive: true });
  const started = await startServer(root);
  server = started.child;
  base = started.origin;
  context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    viewport: { width: 1280, height: 900 },
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(5_000);
  await page.goto(`${base}/www/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 }).catch((e) => {
    throw new Error(`the page did not start: ${pageErrors.join("; ") || e.message}`);
  });
});

after(async () => {
  await context?.close().catch(() => {});
  server?.kill("SIGTERM");
  if (work) rmSync(work, { recursive: true, force: true });
});

// Helpers ------------------------------------------------------------------------------------
const field = (provider, path) => `#${provider}--${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
const issuesOf = (provider, path) => `${field(provider, path)}--issues`;
const counterOf = (provider, path) => `${field(provider, path)}--counter`;

async function openTab(id) {
  await page.click(`#tab-${id}`);
  await page.waitForSelector(`#panel-${id}:not([hidden])`);
}

// Replaces a field's text, then types `text` key by key (real keystrokes, one input event each).
async function typeInto(selector, text) {
  await page.fill(selector, "");
  await page.focus(selector);
  await page.keyboard.type(text);
}

const providerIds = () => page.evaluate(() => window.groupPayloads.providers().map((p) => p.id));

// Tests --------------------------------------------------------------------------------------
describe("www demo", () => {
  test("one keyboard-accessible tab per provider from providers()", async () => {
    const ids = await providerIds();
    assert.ok(ids.includes("geelark") && ids.includes("tencent-iai"), ids.join());
    const tabs = await page.$$eval("[role=tab]", (els) => els.map((e) => e.textContent));
    assert.deepEqual(tabs, ids);
    assert.equal(await page.getAttribute("#tab-geelark", "aria-selected"), "true");
    // Every panel's fields have a <label>.
    const unlabelled = await page.$$eval(".panel input:not([type=file]), .panel select, .panel textarea:not(.copied)", (els) =>
      els.filter((e) => !e.labels?.length && !e.getAttribute("aria-label")).map((e) => e.id),
    );
    assert.deepEqual(unlabelled, []);
  });

  test("keyboard only: arrows, Home and End switch tabs; Tab enters the panel", async () => {
    await page.focus("#tab-geelark");
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.evaluate(() => document.activeElement.id), "tab-tencent-iai");
    assert.equal(await page.getAttribute("#tab-tencent-iai", "aria-selected"), "true");
    assert.equal(await page.isVisible("#panel-tencent-iai"), true);
    assert.equal(await page.isVisible("#panel-geelark"), false);
    const ids = await providerIds();
    await page.keyboard.press("End");
    assert.equal(await page.evaluate(() => document.activeElement.id), `tab-${ids.at(-1)}`);
    await page.keyboard.press("ArrowRight"); // wraps around
    assert.equal(await page.evaluate(() => document.activeElement.id), "tab-geelark");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await page.evaluate(() => document.activeElement.id), `tab-${ids.at(-1)}`);
    await page.keyboard.press("Home");
    assert.equal(await page.getAttribute("#tab-geelark", "aria-selected"), "true");
    // Focus is visible.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none");
    // Only the selected tab is in the Tab order; Tab moves on into the panel.
    assert.deepEqual(await page.$$eval("[role=tab]", (els) => els.map((e) => e.tabIndex)), ids.map((_, i) => (i ? -1 : 0)));
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "panel-geelark");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement.closest(".panel")?.id);
    assert.equal(focused, "panel-geelark");
  });

  test("GeeLark name over 50 characters: error appears inline and disappears when fixed", async () => {
    await openTab("geelark");
    const name = field("geelark", "list[0].name");
    await page.fill(name, "a".repeat(49));
    await page.focus(name);
    await page.keyboard.type("b");
    assert.equal(await page.textContent(issuesOf("geelark", "list[0].name")), "");
    assert.equal(await page.getAttribute(name, "aria-invalid"), null);
    await page.keyboard.type("c"); // 51 characters
    const issue = page.locator(`${issuesOf("geelark", "list[0].name")} li.error`);
    await issue.waitFor();
    assert.match(await issue.textContent(), /50/);
    assert.equal(await issue.getAttribute("data-code"), "too_long");
    assert.equal(await page.getAttribute(name, "aria-invalid"), "true");
    const describedBy = (await page.getAttribute(name, "aria-describedby")).split(" ");
    assert.ok(describedBy.includes(issuesOf("geelark", "list[0].name").slice(1)), describedBy.join());
    assert.match(await page.textContent(counterOf("geelark", "list[0].name")), /^51 \/ 50 characters/);
    // The live summary lists it, and no request is built.
    assert.equal(await page.getAttribute("#panel-geelark .summary", "aria-live"), "polite");
    assert.equal(await page.getAttribute("#panel-geelark .summary", "data-errors"), "1");
    assert.equal(await page.isDisabled("#geelark--copy-curl"), true);
    await page.keyboard.press("Backspace");
    await page.waitForSelector(`${issuesOf("geelark", "list[0].name")} li`, { state: "detached" });
    assert.equal(await page.getAttribute(name, "aria-invalid"), null);
    assert.equal(await page.isDisabled("#geelark--copy-curl"), false);
    await page.fill(name, "group");
  });

  test("GeeLark list: add and remove items; duplicate names are caught across items", async () => {
    await openTab("geelark");
    const before = await page.locator("#panel-geelark .item").count();
    await page.click("#geelark--list--add");
    assert.equal(await page.locator("#panel-geelark .item").count(), before + 1);
    const added = field("geelark", `list[${before}].name`);
    assert.equal(await page.evaluate(() => document.activeElement.id), added.slice(1));
    // An empty required name is blank (43030).
    await page.waitForSelector(`${issuesOf("geelark", `list[${before}].name`)} li.error`);
    await page.keyboard.type("group"); // same as list[0].name
    const dup = page.locator(`${issuesOf("geelark", `list[${before}].name`)} li.error`);
    await dup.waitFor();
    assert.equal(await dup.getAttribute("data-code"), "duplicate");
    assert.match(await dup.textContent(), /43031/);
    await page.click(`${field("geelark", `list[${before}]`)}--remove`);
    assert.equal(await page.locator("#panel-geelark .item").count(), before);
    assert.equal(await page.getAttribute("#panel-geelark .summary", "data-errors"), "0");
  });

  test("Tencent GroupId with a space: error appears on typing and clears when fixed", async () => {
    await openTab("tencent-iai");
    const id = field("tencent-iai", "GroupId");
    await typeInto(id, "dorm 1");
    const issue = page.locator(`${issuesOf("tencent-iai", "GroupId")} li.error`);
    await issue.waitFor();
    assert.equal(await issue.getAttribute("data-code"), "invalid_chars");
    assert.match(await issue.textContent(), /GroupIdIllegal/);
    assert.equal(await page.getAttribute(id, "aria-invalid"), "true");
    // Keystrokes: remove the space.
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("-1");
    await page.waitForSelector(`${issuesOf("tencent-iai", "GroupId")} li`, { state: "detached" });
    assert.equal(await page.getAttribute(id, "aria-invalid"), null);
    assert.equal(await page.inputValue(id), "dorm-1");
  });

  test("lenient switch: Tencent's GroupName charset (its samples use spaces) becomes a warning", async () => {
    await openTab("tencent-iai");
    const name = field("tencent-iai", "GroupName");
    await typeInto(name, "Dormitory 1");
    const error = page.locator(`${issuesOf("tencent-iai", "GroupName")} li.error`);
    await error.waitFor();
    assert.equal(await error.getAttribute("data-code"), "invalid_chars");
    assert.equal(await page.getAttribute("#lenient", "role"), "switch");
    await page.focus("#lenient");
    await page.keyboard.press("Space");
    assert.equal(await page.isChecked("#lenient"), true);
    const warning = page.locator(`${issuesOf("tencent-iai", "GroupName")} li.warning`);
    await warning.waitFor();
    assert.equal(await warning.getAttribute("data-code"), "invalid_chars");
    assert.equal(await page.getAttribute(name, "aria-invalid"), null);
    await page.waitForSelector("#tencent-iai--request[data-method]");
    await page.uncheck("#lenient");
    await error.waitFor();
    assert.equal(await page.getAttribute(name, "aria-invalid"), "true");
    await page.fill(name, "Dormitory-1");
    await page.waitForSelector(`${issuesOf("tencent-iai", "GroupName")} li`, { state: "detached" });
  });

  test("counters use the provider's unit: 😂 is 1 char for GeeLark and 4 bytes for a Tencent GroupId", async () => {
    await openTab("geelark");
    const name = field("geelark", "list[0].name");
    await page.fill(name, "😂");
    assert.equal(await page.textContent(counterOf("geelark", "list[0].name")), "1 / 50 characters");
    // A family emoji: 5 code points, 1 grapheme (shown because they differ).
    await page.fill(name, "👨‍👩‍👧");
    assert.equal(await page.textContent(counterOf("geelark", "list[0].name")), "5 / 50 characters · 1 grapheme");
    await page.fill(name, "中文群组");
    assert.equal(await page.textContent(counterOf("geelark", "list[0].name")), "4 / 50 characters");
    await page.fill(name, "group");

    await openTab("tencent-iai");
    const gid = field("tencent-iai", "GroupId");
    await page.fill(gid, "😂");
    assert.equal(await page.textContent(counterOf("tencent-iai", "GroupId")), "4 / 64 bytes · 1 grapheme");
    await page.fill(gid, "中文");
    assert.equal(await page.textContent(counterOf("tencent-iai", "GroupId")), "6 / 64 bytes · 2 graphemes");
    // 22 CJK characters = 66 bytes: over the byte limit although only 22 characters long.
    await page.fill(gid, "中".repeat(22));
    await page.locator(`${issuesOf("tencent-iai", "GroupId")} li[data-code=too_long]`).waitFor();
    assert.match(await page.getAttribute(counterOf("tencent-iai", "GroupId"), "class"), /over/);
    await page.fill(gid, "dorm-1");
    await page.waitForSelector(`${issuesOf("tencent-iai", "GroupId")} li`, { state: "detached" });
  });

  test("English/中文 switch translates labels and issue messages", async () => {
    await openTab("tencent-iai");
    const gid = field("tencent-iai", "GroupId");
    await page.fill(gid, "dorm 1");
    const issue = page.locator(`${issuesOf("tencent-iai", "GroupId")} li.error .msg`);
    await issue.waitFor();
    assert.doesNotMatch(await issue.textContent(), /[\u4e00-\u9fff]/);
    await page.click("button[data-locale='zh-CN']");
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    assert.equal(await page.getAttribute("button[data-locale='zh-CN']", "aria-pressed"), "true");
    await page.waitForFunction(
      (sel) => /[\u4e00-\u9fff]/.test(document.querySelector(sel)?.textContent ?? ""),
      `${issuesOf("tencent-iai", "GroupId")} li.error .msg`,
    );
    assert.match(await page.textContent(`${issuesOf("tencent-iai", "GroupId")} li.error .sev`), /错误/);
    assert.equal(await page.textContent("#tencent-iai--copy-curl"), "复制为 curl");
    assert.equal(await page.textContent("h1"), "创建群组请求校验器");
    assert.match(await page.textContent(counterOf("tencent-iai", "GroupId")), /字节/);
    // Typing keeps the language.
    await page.focus(gid);
    await page.keyboard.type("x");
    assert.match(await issue.textContent(), /[\u4e00-\u9fff]/);
    await page.click("button[data-locale='en']");
    await page.waitForFunction(
      (sel) => !/[\u4e00-\u9fff]/.test(document.querySelector(sel)?.textContent ?? "x"),
      `${issuesOf("tencent-iai", "GroupId")} li.error .msg`,
    );
    assert.equal(await page.textContent("#tencent-iai--copy-curl"), "Copy as curl");
    await page.fill(gid, "dorm-1");
  });

  test("copy as curl and as fetch: the built request's method and URL", async () => {
    await openTab("geelark");
    await page.waitForSelector("#geelark--request[data-method]");
    const shown = await page.textContent("#geelark--request");
    assert.match(shown, /^POST https:\/\/openapi\.geelark\.com\/open\/v1\/group\/add\n/);
    assert.match(shown, /\nsign: [0-9A-F]{64}\n/);
    await page.click("#geelark--copy-curl");
    await page.waitForSelector("#geelark--copied:not([hidden])");
    const curl = await page.inputValue("#geelark--copied");
    assert.match(curl, /^curl -X POST 'https:\/\/openapi\.geelark\.com\/open\/v1\/group\/add'/);
    assert.match(curl, /-H 'appId: FAKE-APP-ID'/);
    assert.match(curl, /--data-raw '\{"list":\[\{"name":"group"\}/);
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, curl);

    await openTab("tencent-iai");
    await page.waitForSelector("#tencent-iai--request[data-method]");
    await page.click("#tencent-iai--copy-fetch");
    await page.waitForFunction(() => document.querySelector("#tencent-iai--copied")?.dataset.kind === "fetch");
    const fetchText = await page.inputValue("#tencent-iai--copied");
    assert.match(fetchText, /^await fetch\("https:\/\/iai\.tencentcloudapi\.com\/"/);
    assert.match(fetchText, /"method": "POST"/);
    assert.match(fetchText, /"Authorization": "TC3-HMAC-SHA256 Credential=AKIDFAKE/);
    assert.match(fetchText, /"X-TC-Action": "CreateGroup"/);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), fetchText);
    // The request is real JavaScript: evaluate its options object.
    const init = JSON.parse(fetchText.slice(fetchText.indexOf(", ") + 2, fetchText.lastIndexOf(")")));
    assert.equal(init.method, "POST");
    assert.deepEqual(JSON.parse(init.body).GroupId, "dorm-1");
  });

  test("paste a response: parseResponse outcome with provider code and request id", async () => {
    await openTab("tencent-iai");
    await page.fill("#tencent-iai--resp-status", "200");
    await page.fill(
      "#tencent-iai--resp-body",
      '{"Response":{"Error":{"Code":"InvalidParameterValue.GroupIdAlreadyExist","Message":"exists"},"RequestId":"req-123"}}',
    );
    await page.click("#tencent-iai--parse");
    await page.waitForSelector("#tencent-iai--outcome[data-ok=false]");
    const out = await page.textContent("#tencent-iai--outcome");
    assert.match(out, /Failed/);
    assert.match(out, /GroupIdAlreadyExist/);
    assert.match(out, /req-123/);
    assert.match(out, /GroupId/);
    await page.fill("#tencent-iai--resp-body", '{"Response":{"RequestId":"req-456"}}');
    await page.press("#tencent-iai--resp-body", "Tab");
    await page.click("#tencent-iai--parse");
    await page.waitForSelector("#tencent-iai--outcome[data-ok=true]");
    assert.match(await page.textContent("#tencent-iai--outcome"), /Success[\s\S]*req-456/);

    // GeeLark's partial success: the failed item is pointed at by name.
    await openTab("geelark");
    await page.click("#panel-geelark .response button.sample >> nth=0");
    await page.waitForSelector("#geelark--outcome[data-ok=false]");
    assert.match(await page.textContent("#geelark--outcome"), /43031/);
  });

  test("every provider's form builds a request from its demo values", async () => {
    const ids = await providerIds();
    for (const id of ids) {
      await openTab(id);
      const errors = await page.getAttribute(`#panel-${id} .summary`, "data-errors");
      assert.equal(errors, "0", `${id}: ${await page.textContent(`#panel-${id} .summary`)}`);
      const method = await page.getAttribute(`#${id}--request`, "data-method");
      assert.ok(method === "POST" || method === "GET", `${id}: ${await page.textContent(`#${id}--request`)}`);
      assert.ok(await page.$(`#panel-${id} .creds .fake`), `${id} credentials are marked FAKE`);
    }
    if (ids.includes("selfcommunity")) {
      await openTab("selfcommunity");
      // invite_users is an array of integers with add/remove controls.
      await page.click("#selfcommunity--invite_users--add");
      await page.keyboard.type("42");
      await page.locator(`${issuesOf("selfcommunity", "invite_users[1]")} li.warning`).waitFor();
      await page.click(`${field("selfcommunity", "invite_users[1]")}--remove`);
      assert.equal(await page.getAttribute("#panel-selfcommunity .summary", "data-warnings"), "0");
      // A rule across fields: visible is required when privacy is "private".
      await page.selectOption(field("selfcommunity", "privacy"), "private");
      await page.selectOption(field("selfcommunity", "visible"), "");
      await page.locator(`${issuesOf("selfcommunity", "visible")} li.error[data-code=required]`).waitFor();
      assert.equal(await page.getAttribute(field("selfcommunity", "visible"), "aria-invalid"), "true");
      await page.selectOption(field("selfcommunity", "privacy"), "public");
      await page.waitForSelector(`${issuesOf("selfcommunity", "visible")} li`, { state: "detached" });
    }
  });

  test("screenshot for the docs", async () => {
    assert.deepEqual(pageErrors, []);
    // A clean page: a warning under lenient mode, CJK counters, the signed request, a parsed error.
    await page.goto(`${base}/www/?screenshot#tencent-iai`);
    await page.waitForSelector("body[data-ready=true]");
    await page.check("#lenient");
    await page.fill(field("tencent-iai", "GroupName"), "宿舍楼 1号");
    await page.fill(field("tencent-iai", "GroupId"), "dorm-1");
    await page.fill(field("tencent-iai", "GroupExDescriptions[0]"), "班级");
    await page.fill("#tencent-iai--opt-timestamp", "1700000000"); // a fixed signature: same image each run
    await page.locator(`${issuesOf("tencent-iai", "GroupName")} li.warning`).waitFor();
    await page.click("#panel-tencent-iai .response button.sample >> nth=1");
    await page.waitForSelector("#tencent-iai--outcome[data-ok=false]");
    await page.focus(field("tencent-iai", "GroupName"));
    mkdirSync(join(REPO, "docs"), { recursive: true });
    await page.screenshot({ path: join(REPO, "docs", "screenshot.png"), fullPage: true });
    assert.deepEqual(pageErrors, []);
  });
});
