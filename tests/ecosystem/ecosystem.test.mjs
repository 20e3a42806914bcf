// The packed package in real tool chains (scripts/ecosystem.sh installs the tarball first):
// every fixture here is built with its tool's defaults, run (Node or headless Chromium) and
// type-checked with tsc --strict. Expected outputs are the package's real answers, so a
// loading scheme a bundler cannot follow, or a type that a library rejects, fails here.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { serve } from "../js/package/server.mjs";

const ECO = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(ECO, "../..");
const BIN = path.join(ECO, "node_modules/.bin");
const DIST = path.join(ECO, "dist");
const PKG_WASM = path.join(ECO, "node_modules/group-payloads/web/group_payloads_bg.wasm");

/** Runs a tool from the fixtures' node_modules; returns stdout, or fails with all its output. */
function run(command, args, { cwd = ECO, env = {} } = {}) {
  const file = fs.existsSync(path.join(BIN, command)) ? path.join(BIN, command) : command;
  try {
    return execFileSync(file, args, {
      cwd,
      encoding: "utf8",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NO_COLOR: "1", FORCE_COLOR: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    assert.fail(`${command} ${args.join(" ")} failed:\n${e.stdout}\n${e.stderr}`);
  }
}

/** Runs a bundle copied alone into an empty folder: it must need nothing from node_modules. */
function runAlone(bundle, args = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gp-bundle-"));
  try {
    const copy = path.join(dir, path.basename(bundle));
    fs.copyFileSync(bundle, copy);
    return run(process.execPath, [copy, ...args], { cwd: dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// What the Node fixtures print, straight from the package (node/send.mjs, node/validate.cjs).
const SEND_OUTPUT = [
  "list[1].name: blank 不能为空或只含空白",
  "POST https://iai.tencentcloudapi.com/ TC3-HMAC-SHA256",
];
const VALIDATE_OUTPUT = ["false [ 'out_of_range' ] [ 'surrounding_whitespace' ]", "admin 7"];
const lines = (out) => out.trim().split("\n");

before(() => {
  fs.rmSync(DIST, { recursive: true, force: true });
  fs.mkdirSync(DIST);
});

describe("types: tsc --strict over every fixture", () => {
  test("bundler-side fixtures (browser, worker, Hono, react-hook-form, TanStack Form, Vitest)", () => {
    run("tsc", ["-p", "tsconfig.json"]);
  });
  test("Node fixtures (ES module, CommonJS, Jest) under nodenext", () => {
    run("tsc", ["-p", "tsconfig.node.json"]);
  });
});

describe("Node", () => {
  test("plain Node: ES module and CommonJS", () => {
    assert.deepEqual(lines(run(process.execPath, ["node/send.mjs"])), SEND_OUTPUT);
    assert.deepEqual(lines(run(process.execPath, ["node/validate.cjs"])), VALIDATE_OUTPUT);
  });

  test("esbuild --bundle --platform=node (--format=esm for the top-level await)", () => {
    for (const [entry, expected, format] of [["send.mjs", SEND_OUTPUT, "esm"], ["validate.cjs", VALIDATE_OUTPUT, "cjs"]]) {
      const out = path.join(DIST, "esbuild-node", entry);
      run("esbuild", [`node/${entry}`, "--bundle", "--platform=node", `--format=${format}`, `--outfile=${out}`, "--log-level=warning"]);
      assert.deepEqual(lines(runAlone(out)), expected, entry);
    }
  });

  test("webpack --target node, no config", () => {
    for (const [entry, expected] of [["send.mjs", SEND_OUTPUT], ["validate.cjs", VALIDATE_OUTPUT]]) {
      const outDir = path.join(DIST, "webpack-node", entry.replace(/\.\w+$/, ""));
      run("webpack", ["--mode", "production", "--target", "node", "--entry", `./node/${entry}`, "--output-path", outDir]);
      assert.deepEqual(lines(runAlone(path.join(outDir, "main.js"))), expected, entry);
    }
  });

  test("Hono's sValidator with schema(): valid body 201, invalid 400 with the issue", () => {
    const out = path.join(DIST, "hono.mjs");
    run("esbuild", ["hono/check.ts", "--bundle", "--platform=node", "--format=esm", `--outfile=${out}`, "--log-level=warning"]);
    const [created, rejected] = lines(run(process.execPath, [out]));
    assert.equal(created, '201 {"names":["ops"]}');
    assert.match(rejected, /^400 /);
    const body = JSON.parse(rejected.slice(4));
    assert.deepEqual(body.error.map((i) => [i.path, i.code]), [[["list", 0, "name"], "blank"]]);
  });

  test("react-hook-form's standardSchemaResolver and TanStack Form's validators take schema()", () => {
    const out = path.join(DIST, "forms.mjs");
    run("esbuild", ["forms/check.ts", "--bundle", "--platform=node", "--format=esm", `--outfile=${out}`, "--log-level=warning"]);
    const [rhf, tanstack] = lines(run(process.execPath, [out]));
    const rhfErrors = JSON.parse(rhf.slice("react-hook-form ".length));
    assert.deepEqual(rhfErrors.map(([field]) => field), ["GroupName"]);
    assert.match(rhfErrors[0][1], /^may contain only /);
    const [formErrors] = JSON.parse(tanstack.slice("tanstack ".length));
    assert.deepEqual(Object.keys(formErrors), ["GroupName", "GroupId"]);
    assert.equal(formErrors.GroupName[0].code, "invalid_chars");
  });
});

describe("test runners", () => {
  test("Jest with jsdom, no config", () => {
    // Jest reports on stderr; a failing test makes it exit non-zero, which run() turns into a failure.
    run("jest", ["--rootDir", "jest", "--ci"]);
  });
  test("Vitest, node and jsdom environments, no config", () => {
    const out = run("vitest", ["run", "--root", "vitest"]);
    assert.match(out, /Test Files\s+2 passed/);
  });
});

describe("browser bundles in headless Chromium", () => {
  let browser;
  before(async () => {
    const { chromium } = createRequire(path.join(ROOT, "package.json"))("playwright-core");
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });
  after(() => browser?.close());

  /** Serves `dir`, opens its index.html and waits for the page's title verdict. */
  async function titleOf(dir, page = "index.html") {
    const server = await serve(dir);
    const tab = await browser.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    tab.on("requestfailed", (r) => errors.push(`failed: ${r.url()}`));
    tab.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()}: ${r.url()}`));
    try {
      await tab.goto(`${server.url}/${page}`);
      await tab.waitForFunction(() => document.title !== "loading", null, { timeout: 20_000 }).catch(() => {});
      assert.deepEqual(errors, []);
      return await tab.title();
    } finally {
      await tab.close();
      await server.close();
    }
  }
  const EXPECTED = "60 chars duplicate invalid_chars";
  const pageFor = (dir, script) =>
    fs.writeFileSync(path.join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="./${script}"></script>`);

  test("Vite: no config", async () => {
    const out = path.join(DIST, "vite");
    run("vite", ["build", "browser", "--outDir", out, "--emptyOutDir", "--logLevel", "warn"]);
    assert.equal(await titleOf(out), EXPECTED);
  });

  test("Vite: a module Web Worker", async () => {
    const out = path.join(DIST, "vite-worker");
    run("vite", ["build", "worker", "--outDir", out, "--emptyOutDir", "--logLevel", "warn"]);
    assert.equal(await titleOf(out), "worker false blank");
  });

  test("webpack: a module Web Worker, no config", async () => {
    const out = path.join(DIST, "webpack-worker");
    run("webpack", ["--mode", "production", "--entry", "./worker/main.js", "--output-path", out]);
    pageFor(out, "main.js");
    assert.equal(await titleOf(out), "worker false blank");
  });

  test("Parcel: a module Web Worker, no config", async () => {
    const out = path.join(DIST, "parcel-worker");
    run("parcel", ["build", "worker/index.html", "--dist-dir", out, "--no-cache", "--no-autoinstall", "--public-url", "./", "--log-level", "warn"]);
    assert.equal(await titleOf(out), "worker false blank");
  });

  test("webpack: no config", async () => {
    const out = path.join(DIST, "webpack");
    run("webpack", ["--mode", "production", "--entry", "./browser/main.js", "--output-path", out]);
    pageFor(out, "main.js");
    assert.equal(await titleOf(out), EXPECTED);
  });

  test("Parcel: no config", async () => {
    const out = path.join(DIST, "parcel");
    run("parcel", ["build", "browser/index.html", "--dist-dir", out, "--no-cache", "--no-autoinstall", "--public-url", "./", "--log-level", "warn"]);
    assert.equal(await titleOf(out), EXPECTED);
  });

  test("esbuild: the one documented line copies the .wasm next to the bundle", async () => {
    const out = path.join(DIST, "esbuild");
    run("esbuild", ["browser/main.js", "--bundle", "--format=esm", `--outdir=${out}`, "--log-level=warning"]);
    pageFor(out, "main.js");
    // Without the copy the page cannot load the .wasm: proves the line is needed, not folklore.
    assert.notEqual(await titleOf(out).catch((e) => e.message), EXPECTED);
    fs.copyFileSync(PKG_WASM, path.join(out, "group_payloads_bg.wasm"));
    assert.equal(await titleOf(out), EXPECTED);
  });

  test("Rollup: node-resolve with browser: true, and the same copy line", async () => {
    const out = path.join(DIST, "rollup");
    run("rollup", ["browser/main.js", "-p", "node-resolve={browser: true}", "-f", "es", "-d", out, "--silent"]);
    fs.copyFileSync(PKG_WASM, path.join(out, "group_payloads_bg.wasm"));
    pageFor(out, "main.js");
    assert.equal(await titleOf(out), EXPECTED);
  });

  describe("Next.js (app router): a route handler and a client component", () => {
    for (const bundler of ["turbopack", "webpack"]) {
      test(`next build --${bundler}, next start`, async () => {
        const dir = path.join(ECO, "next");
        run("next", ["build", `--${bundler}`], { cwd: dir });
        const port = 3100 + (bundler === "webpack" ? 1 : 0);
        const server = spawn(path.join(BIN, "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
          cwd: dir, stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
        });
        try {
          const base = `http://127.0.0.1:${port}`;
          let res;
          for (let i = 0; i < 100 && !res; i++) {
            res = await fetch(`${base}/api/groups`, { method: "POST", body: JSON.stringify({ list: [{ name: "" }] }) })
              .catch(() => new Promise((r) => setTimeout(r, 200)));
          }
          assert.equal(res.status, 422);
          assert.equal((await res.json()).errors[0].code, "blank");
          const tab = await browser.newPage();
          const errors = [];
          tab.on("pageerror", (e) => errors.push(String(e)));
          await tab.goto(base);
          await tab.fill("input[name=GroupName]", "a b");
          await tab.waitForFunction(() => document.querySelector("output")?.textContent !== "ok", null, { timeout: 20_000 });
          assert.match(await tab.textContent("output"), /^may contain only /);
          assert.deepEqual(errors, []);
          await tab.close();
        } finally {
          server.kill();
        }
      });
    }
  });
});
