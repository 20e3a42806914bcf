#!/usr/bin/env node
// The README's screenshots of the demo, taken in headless Chromium (not a test: run by hand
// after a change to www/, then look at the images):
//
//   SKIP_SETUP=1 bash scripts/build.sh && node tests/js/www-screenshots.mjs
//
// docs/demo-desktop.png (1280x800, English), docs/demo-phone.png (390x844) and docs/demo-zh.png
// (1280x800, 中文, JSON view). Fixed timestamps make the signatures, so the images, the same
// on every run. Chinese text needs a CJK font (Debian: fonts-wqy-microhei).
import { join } from "node:path";
import { REPO, field, issuesOf, openTab, startDemo } from "./www-harness.mjs";

const demo = await startDemo();
try {
  // Desktop: Tencent under lenient mode, with a warning, CJK counters, the signed request and
  // a parsed error response.
  let page = await demo.open("?provider=tencent-iai&lenient=1", { width: 1280, height: 800 });
  await page.fill(field("tencent-iai", "GroupName"), "宿舍楼 1号");
  await page.fill(field("tencent-iai", "GroupId"), "dorm-1");
  await page.fill("#tencent-iai--opt-timestamp", "1700000000");
  await page.locator(`${issuesOf("tencent-iai", "GroupName")} li.warning`).waitFor();
  await page.click("#tencent-iai--sample-1");
  await page.waitForSelector("#tencent-iai--outcome[data-ok=false]");
  await page.screenshot({ path: join(REPO, "docs", "demo-desktop.png"), fullPage: true });
  await page.close();

  // Phone: GeeLark's second documentation example (a blank and a repeated name).
  page = await demo.open("", { width: 390, height: 844 });
  await page.click("#geelark--example-1");
  await page.locator(`${issuesOf("geelark", "list[2].name")} li.error`).waitFor();
  await page.locator(`${field("geelark", "list[1].name")}`).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, document.querySelector("#panel-geelark .toolbar").getBoundingClientRect().top + scrollY - 8));
  await page.screenshot({ path: join(REPO, "docs", "demo-phone.png") });
  await page.close();

  // 中文: the JSON view of a SelfCommunity payload with a problem, located by line and column.
  page = await demo.open("?lang=zh-CN&provider=selfcommunity&view=json", { width: 1280, height: 800 });
  await openTab(page, "selfcommunity");
  const text = JSON.stringify({ name: "跑步俱乐部", privacy: "private", invite_users: [12, 12] }, null, 2);
  await page.fill("#selfcommunity--json", text);
  await page.locator("#selfcommunity--json--issues li.error").waitFor();
  await page.locator("#selfcommunity--json").blur();
  await page.screenshot({ path: join(REPO, "docs", "demo-zh.png"), fullPage: true });
  await page.close();
  if (demo.pageErrors.length) throw new Error(demo.pageErrors.join("\n"));
} finally {
  await demo.close();
}
