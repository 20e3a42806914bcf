// End-to-end tests of the browser demo (www/) in real headless Chromium: the forms, issues,
// request and response views, the JSON view and the URL. Layout and accessibility checks are in
// www-layout.test.mjs.
//
//   node --test tests/js/www.test.mjs        (after SKIP_SETUP=1 bash scripts/build.sh)
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { counterOf, field, issuesOf, openTab as open, providerIds as ids, startDemo } from "./www-harness.mjs";

let demo;
let page;

before(async () => {
  demo = await startDemo();
  page = await demo.open();
});

after(async () => {
  await demo?.close();
});

const openTab = (id) => open(page, id);
const providerIds = () => ids(page);

// Replaces a field's text, then types `text` key by key (real keystrokes, one input event each).
async function typeInto(selector, text) {
  await page.fill(selector, "");
  await page.focus(selector);
  await page.keyboard.type(text);
}

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
    // The summary lists it, and no request is built.
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
    // An empty required name is blank (43030), but not before the user has filled it in.
    assert.equal(await page.locator(`${issuesOf("geelark", `list[${before}].name`)} li`).count(), 0);
    assert.equal(await page.getAttribute("#panel-geelark .summary", "data-waiting"), "1");
    await page.keyboard.press("Tab");
    assert.equal(await page.locator(`${issuesOf("geelark", `list[${before}].name`)} li`).count(), 0);
    await page.focus(added);
    await page.keyboard.type("group"); // same as list[0].name
    await page.keyboard.press("Tab");
    const dup = page.locator(`${issuesOf("geelark", `list[${before}].name`)} li.error`);
    await dup.waitFor();
    assert.equal(await dup.getAttribute("data-code"), "duplicate");
    assert.match(await dup.textContent(), /provider code 43031/);
    await page.fill(added, "");
    const blank = page.locator(`${issuesOf("geelark", `list[${before}].name`)} li.error[data-code=blank]`);
    await blank.waitFor();
    assert.match(await blank.textContent(), /provider code 43030/);
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
      await page.keyboard.type("12"); // the example's invite_users[0]: a repeated user
      await page.keyboard.press("Tab");
      await page.locator(`${issuesOf("selfcommunity", "invite_users[2]")} li.warning[data-code=duplicate]`).waitFor();
      // Every control holds text: a non-number reads as such, not as "got a string".
      await page.fill(field("selfcommunity", "invite_users[2]"), "12a");
      const typed = page.locator(`${issuesOf("selfcommunity", "invite_users[2]")} li.error[data-code=invalid_type]`);
      await typed.waitFor();
      assert.match(await typed.textContent(), /enter a whole number/);
      assert.doesNotMatch(await typed.textContent(), /got a string/);
      await page.click(`${field("selfcommunity", "invite_users[2]")}--remove`);
      assert.equal(await page.getAttribute("#panel-selfcommunity .summary", "data-warnings"), "0");
      // A rule across fields: visible is required when privacy is "private", and its badge says so.
      assert.match(await page.textContent(`label[for=${field("selfcommunity", "visible").slice(1)}] .badge`), /^required when privacy is private$/);
      await page.selectOption(field("selfcommunity", "privacy"), "private");
      await page.selectOption(field("selfcommunity", "visible"), "");
      await page.locator(`${issuesOf("selfcommunity", "visible")} li.error[data-code=required]`).waitFor();
      assert.equal(await page.getAttribute(field("selfcommunity", "visible"), "aria-invalid"), "true");
      await page.selectOption(field("selfcommunity", "privacy"), "public");
      await page.waitForSelector(`${issuesOf("selfcommunity", "visible")} li`, { state: "detached" });
    }
  });

  test("an invalid build option is shown beside its field, and the request says where to look", async () => {
    await openTab("selfcommunity");
    const url = field("selfcommunity", "opt-baseUrl");
    await page.fill(url, "ftp://example.com");
    const issue = page.locator(`${url}--issues li.error[data-code=invalid_url]`);
    await issue.waitFor();
    assert.equal(await page.getAttribute(url, "aria-invalid"), "true");
    assert.equal(await page.getAttribute("#panel-selfcommunity .summary", "data-errors"), "1");
    assert.match(await page.textContent("#panel-selfcommunity .summary"), /options\.baseUrl/);
    assert.equal(await page.textContent("#selfcommunity--request"), "Fix the build options to build the request.");
    assert.doesNotMatch(await page.textContent("#panel-selfcommunity .summary"), /No problems found/);
    await page.click("#selfcommunity--first-error");
    assert.equal(await page.evaluate(() => document.activeElement.id), url.slice(1));
    // In Chinese, the library's message for it is Chinese (the page passes the locale).
    await page.click("button[data-locale='zh-CN']");
    await page.waitForFunction((sel) => /[\u4e00-\u9fff]/.test(document.querySelector(sel)?.textContent ?? ""), `${url}--issues li .msg`);
    await page.click("button[data-locale='en']");
    // A required option left empty is asked for by the page (the library would throw).
    await page.fill(url, "");
    await page.locator(`${url}--issues li.error[data-code=required]`).waitFor();
    await page.fill(url, "https://demo.selfcommunity.example");
    await page.waitForSelector("#selfcommunity--request[data-method]");
    // Tencent: a secret id with an emoji.
    await openTab("tencent-iai");
    const sid = field("tencent-iai", "opt-secretId");
    await page.fill(sid, "AKID😂");
    await page.locator(`${sid}--issues li.error`).waitFor();
    await page.fill(sid, "AKIDFAKEFAKEFAKEFAKEFAKEFAKEFAKE");
    await page.waitForSelector(`${sid}--issues li`, { state: "detached" });
    // A timestamp that is not a number is pointed at too, not thrown in English.
    const ts = field("tencent-iai", "opt-timestamp");
    await page.fill(ts, "soon");
    assert.match(await page.textContent(`${ts}--issues li.error`), /enter a whole number/);
    assert.equal(await page.textContent("#tencent-iai--request"), "Fix the build options to build the request.");
    await page.fill(ts, "");
    await page.waitForSelector("#tencent-iai--request[data-method]");
  });

  test("ArrowDown on an auth.type select keeps the focus on it and switches the fields it controls", async () => {
    for (const [id, next] of [["geelark", "token"], ["capillary", "oauth"]]) {
      await openTab(id);
      const select = field(id, "opt-auth.type");
      await page.focus(select);
      await page.keyboard.press("ArrowDown");
      assert.equal(await page.inputValue(select), next);
      assert.equal(await page.evaluate(() => document.activeElement.id), select.slice(1));
      assert.equal(await page.isVisible(field(id, "opt-auth.token")), true);
      await page.waitForSelector(`#${id}--request[data-method]`);
      await page.keyboard.press("ArrowUp");
      assert.equal(await page.evaluate(() => document.activeElement.id), select.slice(1));
      assert.equal(await page.isVisible(field(id, "opt-auth.token")), false);
    }
  });

  test("fields added and not yet left wait for blur or 'Show all problems'; the live region says only the counts", async () => {
    await openTab("tencent-iai");
    const before = await page.locator("#panel-tencent-iai .item").count();
    for (let i = 0; i < 5; i++) await page.click("#tencent-iai--GroupExDescriptions--add");
    const summary = "#panel-tencent-iai .summary";
    // Each new item is empty (too short) and repeats the others; none of it shows yet.
    assert.ok(Number(await page.getAttribute(summary, "data-waiting")) >= 5);
    for (let i = before; i < before + 5; i++) {
      assert.equal(await page.locator(`${issuesOf("tencent-iai", `GroupExDescriptions[${i}]`)} li`).count(), 0);
    }
    assert.match(await page.textContent(summary), /more in fields you have not filled in yet/);
    // The live region: a short sentence, once typing pauses.
    await page.waitForFunction(() => /not filled in yet/.test(document.querySelector("#tencent-iai--live").textContent));
    const live = await page.textContent("#tencent-iai--live");
    assert.ok(live.length < 120, live);
    assert.equal(await page.getAttribute("#tencent-iai--live", "role"), "status");
    assert.equal(await page.getAttribute(summary, "aria-live"), null);
    // Leaving one shows its errors; "Show all problems" shows the rest.
    await page.focus(field("tencent-iai", `GroupExDescriptions[${before}]`));
    await page.keyboard.type(" ");
    await page.keyboard.press("Tab");
    await page.locator(`${issuesOf("tencent-iai", `GroupExDescriptions[${before}]`)} li.error`).waitFor();
    await page.click("#tencent-iai--show-all");
    assert.equal(await page.getAttribute(summary, "data-waiting"), "0");
    assert.ok(Number(await page.getAttribute(summary, "data-errors")) >= 5);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-invalid")), "true");
    for (let i = 0; i < 5; i++) await page.click(`${field("tencent-iai", `GroupExDescriptions[${before}]`)}--remove`);
    assert.equal(await page.getAttribute(summary, "data-errors"), "0");
  });

  test("the response box keeps its text and outcome across a language switch; a new paste clears the outcome", async () => {
    await openTab("gochat");
    await page.click("#gochat--sample-1");
    await page.waitForSelector("#gochat--outcome[data-ok=false]");
    const body = await page.inputValue("#gochat--resp-body");
    await page.click("button[data-locale='zh-CN']");
    assert.equal(await page.inputValue("#gochat--resp-body"), body);
    assert.equal(await page.inputValue("#gochat--resp-status"), "500");
    assert.match(await page.textContent("#gochat--outcome"), /结果[\s\S]*失败/);
    await page.click("button[data-locale='en']");
    assert.match(await page.textContent("#gochat--outcome"), /Outcome: Failed/);
    await page.fill("#gochat--resp-status", "201");
    assert.equal(await page.textContent("#gochat--outcome"), "");
    assert.equal(await page.getAttribute("#gochat--outcome", "data-ok"), null);
  });

  test("JSON view: the payload as text, validateJson issues with line and column, synced with the form both ways", async () => {
    await openTab("geelark");
    await page.fill(field("geelark", "list[0].name"), "north");
    await page.click("#geelark--view-json");
    assert.equal(await page.getAttribute("#geelark--view-json", "aria-pressed"), "true");
    const text = await page.inputValue("#geelark--json");
    const shown = JSON.parse(text);
    assert.equal(shown.list[0].name, "north");
    assert.equal(text, JSON.stringify(shown, null, 2));
    // A semantic error: pointed at by line and column.
    shown.list[1].name = "x".repeat(51);
    const edited = JSON.stringify(shown, null, 2);
    await page.fill("#geelark--json", edited);
    const tooLong = page.locator("#geelark--json--issues li.error[data-code=too_long]");
    await tooLong.waitFor();
    const line = edited.split("\n").findIndex((l) => l.includes("x".repeat(51))) + 1;
    assert.match(await tooLong.textContent(), new RegExp(`line ${line}, column 7.*list\\[1\\]\\.name`));
    // A syntax error: validateJson's own line and column; the request waits for valid text.
    await page.fill("#geelark--json", '{"list": [\n  {"name": "a"},\n]}');
    const syntax = page.locator("#geelark--json--issues li.error[data-code=invalid_type]");
    await syntax.waitFor();
    assert.match(await syntax.textContent(), /line 3, column 1/);
    assert.equal(await page.textContent("#geelark--request"), "The JSON text does not parse yet: fix it to build the request.");
    await syntax.locator("button.at").click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "geelark--json");
    // Valid text: the form follows it, and form edits come back as text.
    await page.fill("#geelark--json", '{"list": [{"name": "from-json", "remark": "r"}]}');
    await page.waitForSelector("#geelark--request[data-method]");
    await page.click("#geelark--view-form");
    assert.equal(await page.inputValue(field("geelark", "list[0].name")), "from-json");
    assert.equal(await page.locator("#panel-geelark .item").count(), 1);
    await page.fill(field("geelark", "list[0].remark"), "from-form");
    await page.click("#geelark--view-json");
    assert.deepEqual(JSON.parse(await page.inputValue("#geelark--json")), { list: [{ name: "from-json", remark: "from-form" }] });
    await page.click("#geelark--reset");
    assert.equal(await page.getAttribute("#geelark--view-form", "aria-pressed"), "true");
    assert.equal(await page.inputValue(field("geelark", "list[0].name")), "group");
  });

  test("examples from the documentation load with one click; Reset returns to the first", async () => {
    await openTab("geelark");
    await page.click("#geelark--example-1");
    await page.locator(`${issuesOf("geelark", "list[1].name")} li.error[data-code=blank]`).waitFor();
    const dup = page.locator(`${issuesOf("geelark", "list[2].name")} li.error[data-code=duplicate]`);
    await dup.waitFor();
    assert.match(await dup.textContent(), /item 0/);
    assert.match(await page.textContent("#panel-geelark .numbering"), /Numbered from 0.*list\[0\] is the first item/);
    await page.click("#geelark--reset");
    assert.equal(await page.getAttribute("#panel-geelark .summary", "data-errors"), "0");
    // Capillary: the provider code reads as one, not as an HTTP status.
    await openTab("capillary");
    await page.click("#capillary--example-1");
    const name = page.locator(`${issuesOf("capillary", "name")} li.error`);
    await name.waitFor();
    assert.match(await name.textContent(), /\(provider code 400\)/);
    await page.click("#capillary--reset");
    // Tencent's lenient example turns lenient mode on; the strict one turns it off.
    await openTab("tencent-iai");
    await page.click("#tencent-iai--example-2");
    assert.equal(await page.isChecked("#lenient"), true);
    await page.click("#tencent-iai--example-1");
    assert.equal(await page.isChecked("#lenient"), false);
    await page.locator(`${issuesOf("tencent-iai", "GroupName")} li.error[data-code=invalid_chars]`).waitFor();
    await page.click("#tencent-iai--reset");
  });

  test("the URL holds provider, payload, language, lenient and view: a link reproduces the page", async () => {
    await openTab("gochat");
    await page.fill(field("gochat", "name"), "linked group");
    await page.fill(field("gochat", "admin_id"), "7");
    await page.check("#lenient");
    await page.click("button[data-locale='zh-CN']");
    await page.click("#gochat--view-json");
    // The URL follows once the edits pause (it is written at most every 150 ms).
    await page.waitForFunction(() => {
      const q = new URLSearchParams(location.search);
      return q.get("provider") === "gochat" && q.get("view") === "json" && q.get("lang") === "zh-CN" && q.get("lenient") === "1";
    });
    const query = await page.evaluate(() => location.search);
    const q = new URLSearchParams(query);
    const expected = JSON.parse(await page.inputValue("#gochat--json"));
    assert.deepEqual(JSON.parse(q.get("payload")), expected);
    const other = await demo.open(query);
    try {
      assert.equal(await other.getAttribute("#tab-gochat", "aria-selected"), "true");
      assert.equal(await other.getAttribute("html", "lang"), "zh-CN");
      assert.equal(await other.isChecked("#lenient"), true);
      assert.deepEqual(JSON.parse(await other.inputValue("#gochat--json")), expected);
      assert.equal(await other.textContent("#gochat--request"), await page.textContent("#gochat--request"));
    } finally {
      await other.close();
    }
    await page.click("button[data-locale='en']");
    await page.uncheck("#lenient");
    await page.click("#gochat--reset");
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("payload"));
    assert.deepEqual(demo.pageErrors, []);
  });
});
