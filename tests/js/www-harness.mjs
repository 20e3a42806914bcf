// The browser demo (www/) served and opened in real headless Chromium, for the www tests and
// the docs screenshots. The page, the wasm build and the example fixtures are copied to a
// temporary directory first (a rebuild may replace pkg/ at any moment), served by
// www/serve.mjs on a free port, and driven with playwright-core through /usr/bin/chromium.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "playwright-core";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const PKG_FILES = ["group_payloads.js", "group_payloads_glue.js", "front.js", "group_payloads_bg.wasm"];

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

// Serves a snapshot of the demo and starts a browser. `open(query, viewport)` gives a new page
// once the demo is ready; every page's uncaught errors are collected in `pageErrors`.
export async function startDemo() {
  const work = mkdtempSync(join(tmpdir(), "gp-www-"));
  const root = join(work, "root");
  mkdirSync(join(root, "pkg"), { recursive: true });
  mkdirSync(join(root, "tests", "fixtures"), { recursive: true });
  await snapshotPackage(join(root, "pkg", "web"));
  cpSync(join(REPO, "www"), join(root, "www"), { recursive: true });
  cpSync(join(REPO, "tests", "fixtures", "seeds.json"), join(root, "tests", "fixtures", "seeds.json"));
  const { child: server, origin } = await startServer(root);
  const context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    viewport: { width: 1280, height: 900 },
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const pageErrors = [];
  const open = async (query = "", viewport = { width: 1280, height: 900 }, { beforeLoad } = {}) => {
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.setDefaultTimeout(5_000);
    await page.setViewportSize(viewport);
    if (beforeLoad) await beforeLoad(page);
    await page.goto(`${origin}/www/${query}`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 }).catch((e) => {
      throw new Error(`the page did not start: ${pageErrors.join("; ") || e.message}`);
    });
    return page;
  };
  const close = async () => {
    await context.close().catch(() => {});
    server.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  };
  return { origin, open, close, pageErrors };
}

// Element ids, as the page makes them: `<provider>--<path with punctuation as ->`.
export const field = (provider, path) => `#${provider}--${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
export const issuesOf = (provider, path) => `${field(provider, path)}--issues`;
export const counterOf = (provider, path) => `${field(provider, path)}--counter`;

export async function openTab(page, id) {
  await page.click(`#tab-${id}`);
  await page.waitForSelector(`#panel-${id}:not([hidden])`);
}

export const providerIds = (page) => page.evaluate(() => window.groupPayloads.providers().map((p) => p.id));
