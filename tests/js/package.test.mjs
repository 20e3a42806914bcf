// The npm package as users get it: pkg/ (built by scripts/build.sh, never here) is packed, the
// tarball installed into a fresh temp project, and every entry point exercised there — Node
// CommonJS (`require`), Node ESM (`import`), the browser build in headless Chromium, the
// TypeScript types (tsc --strict against the installed tarball) — plus JSON Schema (ajv)
// against the shared fixtures, Standard Schema, constraints and measure/truncate.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { installPackage, PKG_NAME, ROOT } from "./package/install.mjs";
import { serve } from "./package/server.mjs";

const requireRoot = createRequire(path.join(ROOT, "package.json"));
const FIXTURES = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/validate.json"), "utf8"));

const FAMILY = "👨\u200D👩\u200D👧";
const E_ACUTE = "e\u0301";
const SAMPLES = [
  "", "a", "abc", FAMILY, E_ACUTE, `${E_ACUTE}${E_ACUTE}`, "😂", "𠀀", `ab${FAMILY}c😂𠀀${E_ACUTE}`,
  "中文 mixed 😂", "\u200D", "🇫🇷🇩🇪", "a\r\nb",
];

let installed; // { dir, pkgDir, manifest, files, tarball }
let gp; // the package, loaded with require() from the consumer project

before(() => {
  installed = installPackage();
  gp = createRequire(path.join(installed.dir, "index.js"))(PKG_NAME);
});

after(() => {
  if (installed) fs.rmSync(installed.root, { recursive: true, force: true });
});

/** [path, code] rows of a report's errors, for comparisons. */
const rows = (issues) => issues.map((i) => [i.path, i.code]);

describe("package.json and tarball", () => {
  test("manifest names, describes and maps every entry point", () => {
    const m = installed.manifest;
    assert.equal(m.name, "group-payloads");
    assert.match(m.version, /^\d+\.\d+\.\d+/);
    for (const key of ["description", "license", "repository", "types", "files"]) {
      assert.ok(m[key], `package.json lacks ${key}`);
    }
    assert.equal(m.sideEffects, false);
    const root = m.exports["."];
    assert.deepEqual(Object.keys(root), ["browser", "import", "require", "default"]);
    const leaves = (v) => (Object.values(v).some((x) => typeof x === "string") ? [v] : Object.values(v).flatMap(leaves));
    for (const condition of leaves(root)) {
      assert.equal(Object.keys(condition)[0], "types", "types must come first in each condition");
    }
    // Bundlers import the web build; Jest (jsdom: "browser" + "require") gets the CommonJS one.
    assert.match(root.browser.import.default, /^\.\/web\//);
    assert.match(root.browser.require.default, /^\.\/node\/.*\.js$/);
    assert.match(root.import.default, /\.mjs$/);
    assert.match(root.require.default, /^\.\/node\/.*\.js$/);
    // Every file the manifest points at is in the tarball.
    const targets = [];
    const walk = (v) => (typeof v === "string" ? targets.push(v.replace(/^\.\//, "")) : Object.values(v).forEach(walk));
    walk(m.exports);
    for (const target of [...targets, m.main, m.types]) {
      assert.ok(installed.files.includes(target), `${target} is not in the tarball`);
    }
  });

  test("tarball has no dependencies, scripts or sources", () => {
    const m = installed.manifest;
    assert.equal(m.dependencies, undefined);
    assert.equal(m.scripts, undefined);
    assert.ok(installed.files.every((f) => /^(README\.md|LICENSE|package\.json|node\/|web\/|forms\/(node|web)\/)/.test(f)), installed.files.join(", "));
  });

  test("the packaged README links only to URLs and names no path outside the package", () => {
    const text = fs.readFileSync(path.join(installed.pkgDir, "README.md"), "utf8");
    const targets = [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(targets.length > 0);
    for (const href of targets) {
      assert.ok(/^(https:\/\/|#)/.test(href) || installed.files.includes(href), `README links to ${href}, which does not ship`);
    }
    assert.doesNotMatch(text, /\.\.\/\w/, "README names a path outside the package");
  });

  test("published types never say any", () => {
    for (const file of ["node/group_payloads.d.ts", "node/group_payloads.d.mts", "web/group_payloads.d.ts"]) {
      const text = fs.readFileSync(path.join(installed.pkgDir, file), "utf8");
      // The web build's InitOutput lists raw wasm exports; everything public must be typed.
      const publicPart = text.split("export type InitInput")[0];
      assert.doesNotMatch(publicPart, /\bany\b/, `${file} uses any`);
    }
  });
});

describe("Node entry points", () => {
  test("CommonJS require works without init", () => {
    const out = JSON.parse(
      execFileSync(process.execPath, ["-e", `
        const gp = require("${PKG_NAME}");
        const r = gp.validate("geelark", { list: [{ name: "" }] });
        console.log(JSON.stringify({ names: Object.keys(gp).sort(), ok: r.ok, code: r.errors[0].code,
          chars: gp.measure("😂").chars }));`], { cwd: installed.dir, encoding: "utf8" }),
    );
    assert.equal(out.ok, false);
    assert.equal(out.code, "blank");
    assert.equal(out.chars, 1);
    for (const name of ["validate", "validateJson", "validateField", "buildRequest", "parseResponse", "constraints", "jsonSchema",
      "schema", "providers", "measure", "truncate", "signTc3", "geelarkSign", "capillaryBasicAuth"]) {
      assert.ok(out.names.includes(name), `CommonJS export ${name} missing`);
    }
  });

  test("ESM import gives the same functions and results, and no-op init and initSync", () => {
    const script = path.join(installed.dir, "esm-check.mjs");
    fs.writeFileSync(script, `
      import init, * as gp from "${PKG_NAME}";
      import { initSync } from "${PKG_NAME}";
      import { createRequire } from "node:module";
      const cjs = createRequire(import.meta.url)("${PKG_NAME}");
      await init();
      const esmNames = Object.keys(gp).filter((k) => k !== "default" && k !== "initSync").sort();
      initSync();
      const r = gp.validate("tencent-iai", { GroupName: "a b", GroupId: "x" });
      console.log(JSON.stringify({ esmNames, cjsNames: Object.keys(cjs).sort(), ok: r.ok,
        errors: r.errors.map((i) => i.code), same: gp.validate === cjs.validate }));`);
    const out = JSON.parse(execFileSync(process.execPath, [script], { cwd: installed.dir, encoding: "utf8" }));
    assert.deepEqual(out.esmNames, out.cjsNames);
    assert.equal(out.same, true, "ESM must re-export the CommonJS build, not load a second copy");
    assert.deepEqual(out.errors, ["invalid_chars"]);
  });
});

describe("browser ESM (web build, headless Chromium)", () => {
  test("await init() then the same results as Node", async (t) => {
    const { chromium } = requireRoot("playwright-core");
    const pageDir = path.join(installed.root, "site");
    fs.mkdirSync(pageDir);
    fs.cpSync(path.join(installed.pkgDir, "web"), path.join(pageDir, "web"), { recursive: true });
    fs.writeFileSync(path.join(pageDir, "index.html"), "<!doctype html><meta charset=utf-8><title>t</title>");
    const server = await serve(pageDir);
    t.after(() => server.close());
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    t.after(() => browser.close());
    const page = await browser.newPage();
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.goto(`${server.url}/index.html`);
    const input = { FAMILY, E_ACUTE, SAMPLES };
    const got = await page.evaluate(async ({ FAMILY, E_ACUTE, SAMPLES }) => {
      const gp = await import("/web/group_payloads.js");
      let before;
      try {
        gp.validate("geelark", {});
        before = "no error";
      } catch (e) {
        before = "threw before init";
      }
      await gp.default();
      const s = gp.schema("geelark")["~standard"];
      return {
        before,
        report: gp.validate("geelark", { list: [{ name: "a" }, { name: "a" }] }),
        field: gp.validateField("tencent-iai", "GroupName", "a b", { locale: "zh-CN" }),
        measures: SAMPLES.map((x) => gp.measure(x)),
        cuts: [gp.truncate(`ab${FAMILY}c`, 6), gp.truncate(`${E_ACUTE}${E_ACUTE}`, 3), gp.truncate("😂𠀀", 5, "bytes")],
        standard: s.validate({ list: [] }),
        constraints: gp.constraints("tencent-iai"),
        schema: gp.jsonSchema("geelark"),
      };
    }, input);
    assert.deepEqual(pageErrors, []);
    assert.equal(got.before, "threw before init");
    assert.deepEqual(got.report, gp.validate("geelark", { list: [{ name: "a" }, { name: "a" }] }));
    assert.deepEqual(got.field, gp.validateField("tencent-iai", "GroupName", "a b", { locale: "zh-CN" }));
    assert.deepEqual(got.measures, SAMPLES.map((x) => gp.measure(x)));
    assert.deepEqual(got.cuts, ["ab", E_ACUTE, "😂"]);
    assert.deepEqual(got.standard, gp.schema("geelark")["~standard"].validate({ list: [] }));
    assert.deepEqual(got.constraints, gp.constraints("tencent-iai"));
    assert.deepEqual(got.schema, gp.jsonSchema("geelark"));
  });
});

describe("forms build (group-payloads/forms)", () => {
  const REQUEST_SIDE = ["buildRequest", "parseResponse", "signTc3", "geelarkSign", "capillaryBasicAuth"];
  let forms;
  before(() => {
    forms = createRequire(path.join(installed.dir, "index.js"))(`${PKG_NAME}/forms`);
  });

  test("exports the validation API and nothing of the request side", () => {
    const names = (m) => Object.keys(m).filter((k) => typeof m[k] === "function").sort();
    assert.deepEqual(names(forms), names(gp).filter((n) => !REQUEST_SIDE.includes(n)));
    const types = fs.readFileSync(path.join(installed.pkgDir, "forms/node/group_payloads.d.ts"), "utf8");
    for (const name of names(forms)) assert.match(types, new RegExp(`^export function ${name}\\b`, "m"));
    for (const name of REQUEST_SIDE) assert.doesNotMatch(types, new RegExp(`^export function ${name}\\b`, "m"));
  });

  test("same reports as the full package on every fixture, from objects and from text", () => {
    for (const f of FIXTURES) {
      const options = f.options ?? undefined;
      assert.deepEqual(forms.validate(f.provider, f.payload, options), gp.validate(f.provider, f.payload, options), f.name);
      const text = JSON.stringify(f.payload);
      if (text !== undefined) {
        assert.deepEqual(forms.validateJson(f.provider, text, options), gp.validateJson(f.provider, text, options), f.name);
      }
    }
  });

  test("same fields, constraints, schemas, measures and paths", () => {
    assert.deepEqual(forms.providers(), gp.providers());
    for (const { id } of gp.providers()) {
      for (const options of [undefined, { lenient: true, locale: "zh-CN" }]) {
        assert.deepEqual(forms.constraints(id, options), gp.constraints(id, options));
        assert.deepEqual(forms.jsonSchema(id, options), gp.jsonSchema(id, options));
        for (const c of gp.constraints(id, options)) {
          for (const value of ["", " a ", "x".repeat(70), 5, null, ["a"]]) {
            assert.deepEqual(forms.validateField(id, c.path, value, options), gp.validateField(id, c.path, value, options), c.path);
          }
        }
        const s = (m) => m.schema(id, options)["~standard"].validate({});
        assert.deepEqual(s(forms), s(gp));
      }
    }
    for (const x of SAMPLES) {
      assert.deepEqual(forms.measure(x), gp.measure(x));
      assert.equal(forms.truncate(x, 2, "graphemes"), gp.truncate(x, 2, "graphemes"));
    }
    assert.deepEqual(forms.parsePath("list[2].name"), ["list", 2, "name"]);
    assert.throws(() => forms.validate("nope", {}), TypeError);
  });

  test("ESM import and the web build in headless Chromium give the same results", async (t) => {
    const esm = await import(path.join(installed.pkgDir, "forms/node/group_payloads.mjs"));
    assert.deepEqual(esm.validate("geelark", { list: [] }), forms.validate("geelark", { list: [] }));
    const { chromium } = requireRoot("playwright-core");
    const pageDir = path.join(installed.root, "forms-site");
    fs.mkdirSync(pageDir);
    fs.cpSync(path.join(installed.pkgDir, "forms/web"), path.join(pageDir, "web"), { recursive: true });
    fs.writeFileSync(path.join(pageDir, "index.html"), "<!doctype html><meta charset=utf-8><title>t</title>");
    const server = await serve(pageDir);
    t.after(() => server.close());
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
    t.after(() => browser.close());
    const page = await browser.newPage();
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.goto(`${server.url}/index.html`);
    const payload = { list: [{ name: "a" }, { name: "a" }, { name: " " }] };
    const got = await page.evaluate(async (payload) => {
      const gp = await import("/web/group_payloads.js");
      await gp.default();
      return {
        report: gp.validate("geelark", payload, { locale: "zh-CN" }),
        fromText: gp.validateJson("geelark", JSON.stringify(payload)),
        field: gp.validateField("tencent-iai", "GroupName", "a b"),
        requestSide: typeof gp.buildRequest,
      };
    }, payload);
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(got.report, gp.validate("geelark", payload, { locale: "zh-CN" }));
    assert.deepEqual(got.fromText, gp.validateJson("geelark", JSON.stringify(payload)));
    assert.deepEqual(got.field, gp.validateField("tencent-iai", "GroupName", "a b"));
    assert.equal(got.requestSide, "undefined");
  });
});

describe("measure and truncate", () => {
  const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
  const graphemes = (s) => [...segmenter.segment(s)].map((g) => g.segment);

  test("measure agrees with JavaScript's own counts", () => {
    for (const s of SAMPLES) {
      assert.deepEqual(
        gp.measure(s),
        { chars: [...s].length, bytes: Buffer.byteLength(s, "utf8"), utf16: s.length, graphemes: graphemes(s).length },
        JSON.stringify(s),
      );
    }
    assert.deepEqual(gp.measure(FAMILY), { chars: 5, bytes: 18, utf16: 8, graphemes: 1 });
    assert.deepEqual(gp.measure(E_ACUTE), { chars: 2, bytes: 3, utf16: 2, graphemes: 1 });
    assert.deepEqual(gp.measure("😂"), { chars: 1, bytes: 4, utf16: 2, graphemes: 1 });
    assert.deepEqual(gp.measure("𠀀"), { chars: 1, bytes: 4, utf16: 2, graphemes: 1 });
  });

  test("truncate never splits a family emoji or a letter from its accent", () => {
    const s = `ab${FAMILY}c`;
    assert.equal(gp.truncate(s, 2), "ab");
    assert.equal(gp.truncate(s, 6), "ab");
    assert.equal(gp.truncate(s, 7), `ab${FAMILY}`);
    assert.equal(gp.truncate(s, 7, "chars"), `ab${FAMILY}`);
    assert.equal(gp.truncate(s, 3, "graphemes"), `ab${FAMILY}`);
    assert.equal(gp.truncate(s, 19, "bytes"), "ab");
    assert.equal(gp.truncate(s, 20, "bytes"), `ab${FAMILY}`);
    assert.equal(gp.truncate(s, 9, "utf16"), "ab");
    assert.equal(gp.truncate(`${E_ACUTE}${E_ACUTE}`, 1), "");
    assert.equal(gp.truncate(`${E_ACUTE}${E_ACUTE}`, 3), E_ACUTE);
    assert.equal(gp.truncate(`${E_ACUTE}x`, 2, "bytes"), "");
    assert.equal(gp.truncate("😂𠀀a", 1), "😂");
    assert.equal(gp.truncate("😂𠀀a", 1, "utf16"), "");
    assert.equal(gp.truncate("😂𠀀a", 7, "bytes"), "😂");
    assert.equal(gp.truncate("😂𠀀a", 8, "bytes"), "😂𠀀");
    assert.equal(gp.truncate("abc", Infinity), "abc");
    assert.equal(gp.truncate("abc", 0), "");
  });

  test("truncate gives the longest grapheme prefix within max, in every unit", () => {
    const lengthIn = (unit, x) => gp.measure(x)[unit];
    for (const s of SAMPLES) {
      const parts = graphemes(s);
      for (const unit of ["chars", "bytes", "utf16", "graphemes"]) {
        for (let max = 0; max <= lengthIn(unit, s) + 1; max++) {
          const cut = gp.truncate(s, max, unit);
          let expected = "";
          for (const g of parts) {
            if (lengthIn(unit, expected + g) > max) break;
            expected += g;
          }
          assert.equal(cut, expected, `${JSON.stringify(s)} ${max} ${unit}`);
        }
      }
    }
  });

  test("truncate keeps lone surrogates as they were (no U+FFFD)", () => {
    assert.equal(gp.truncate("a\uD800b", 2), "a\uD800");
    assert.equal(gp.truncate("\uDC00\uDC00", 1), "\uDC00");
  });

  test("misuse throws TypeError", () => {
    assert.throws(() => gp.truncate("abc", -1), TypeError);
    assert.throws(() => gp.truncate("abc", 1.5), TypeError);
    assert.throws(() => gp.truncate("abc", "2"), TypeError);
    assert.throws(() => gp.truncate("abc", 2, "words"), TypeError);
    assert.throws(() => gp.truncate(42, 2), TypeError);
    assert.throws(() => gp.measure(42), TypeError);
  });
});

describe("validateJson", () => {
  test("reports what validate reports on the parsed text, plus the keys JSON.parse drops", () => {
    const payloads = [
      { list: [{ name: "市场部" }, { name: " " }, { name: "市场部", remark: "😀".repeat(501) }] },
      { GroupName: "人脸库-Staff_01", GroupId: "staff-01@hq", Tag: "总部" },
      { GroupName: "a b", GroupId: "组".repeat(22), GroupExDescriptions: ["x", "x"], FaceModelVersion: "4.0" },
      { list: [{ name: "a\ud800" }] },
      null,
      [1, 2],
    ];
    for (const provider of ["geelark", "tencent-iai"]) {
      for (const payload of payloads) {
        for (const options of [undefined, { locale: "zh-CN" }, { lenient: true }]) {
          assert.deepEqual(gp.validateJson(provider, JSON.stringify(payload), options),
            gp.validate(provider, payload, options), `${provider} ${JSON.stringify(payload)}`);
        }
      }
    }
    const repeated = gp.validateJson("tencent-iai", '{"GroupName":"a","GroupId":"b","GroupName":"c"}');
    assert.deepEqual(rows(repeated.errors), [["GroupName", "duplicate"]]);
    assert.deepEqual(repeated.errors[0].params, { first: 0, of: "key" });
    const [zh] = gp.validateJson("geelark", '{"list":[{"name":"a"}],"list":[]}', { locale: "zh-CN" }).errors;
    assert.equal(zh.message, "与本对象中前面的键重复");
  });

  test("text that is not JSON is one invalid_type error saying where; a non-string throws", () => {
    const report = gp.validateJson("geelark", '{"list": [{"name": "a"},]}');
    assert.equal(report.ok, false);
    assert.deepEqual(rows(report.errors), [["", "invalid_type"]]);
    assert.deepEqual([report.errors[0].params.line, report.errors[0].params.column], [1, 25]);
    assert.throws(() => gp.validateJson("geelark", { list: [] }), TypeError);
    assert.throws(() => gp.validateJson("nope", "{}"), TypeError);
  });
});

describe("validateField", () => {
  test("checks one field as the user types, in either locale", () => {
    assert.deepEqual(rows(gp.validateField("geelark", "list[3].name", "   ")), [["list[3].name", "blank"]]);
    assert.deepEqual(gp.validateField("geelark", "list[].name", "ok"), []);
    assert.deepEqual(rows(gp.validateField("tencent-iai", "GroupExDescriptions[1]", "")), [
      ["GroupExDescriptions[1]", "too_short"],
    ]);
    const [en] = gp.validateField("tencent-iai", "GroupName", "a b");
    const [zh] = gp.validateField("tencent-iai", "GroupName", "a b", { locale: "zh-CN" });
    assert.equal(en.code, "invalid_chars");
    assert.equal(zh.code, "invalid_chars");
    assert.notEqual(en.message, zh.message);
    assert.match(zh.message, /[\u4e00-\u9fff]/);
    const [lenient] = gp.validateField("tencent-iai", "GroupName", "a b", { lenient: true });
    assert.equal(lenient.code, "invalid_chars");
  });

  test("unknown provider or path is a TypeError", () => {
    assert.throws(() => gp.validateField("geelark", "nope", "x"), TypeError);
    assert.throws(() => gp.validateField("geelark", "list.name", "x"), TypeError);
    assert.throws(() => gp.validateField("nope", "name", "x"), TypeError);
    assert.throws(() => gp.validateField("geelark", 3, "x"), TypeError);
  });

  test("agrees with validate on the same field", () => {
    const payload = { list: [{ name: "x".repeat(51), remark: 5 }] };
    const whole = gp.validate("geelark", payload).errors.filter((i) => i.path.startsWith("list[0]"));
    const single = [
      ...gp.validateField("geelark", "list[0].name", payload.list[0].name),
      ...gp.validateField("geelark", "list[0].remark", payload.list[0].remark),
    ];
    assert.deepEqual(single, whole);
  });
});

describe("constraints", () => {
  const ids = () => gp.providers().map((p) => p.id);
  const issuesAt = (id, p, value, code) =>
    gp.validateField(id, p, value).filter((i) => i.code === code);

  test("every provider's constraints agree with validateField at each limit", () => {
    for (const id of ids()) {
      const list = gp.constraints(id);
      assert.ok(list.length > 0, id);
      for (const c of list) {
        const where = `${id} ${c.path}`;
        if (c.type === "string" && c.maxLength !== undefined) {
          assert.deepEqual(issuesAt(id, c.path, "a".repeat(c.maxLength), "too_long"), [], where);
          const [over] = issuesAt(id, c.path, "a".repeat(c.maxLength + 1), "too_long");
          assert.ok(over, `${where}: maxLength ${c.maxLength} + 1 passes`);
          assert.equal(over.params.unit, c.unit, where);
          // Multi-byte characters tell the units apart.
          const emoji = "😂".repeat(c.unit === "bytes" ? Math.floor(c.maxLength / 4) + 1 : c.maxLength);
          assert.equal(issuesAt(id, c.path, emoji, "too_long").length, c.unit === "bytes" ? 1 : 0, where);
        }
        if (c.type === "string" && c.minLength > 0 && !(c.notBlank && c.minLength === 1)) {
          assert.equal(issuesAt(id, c.path, "a".repeat(c.minLength - 1), "too_short").length, 1, where);
          assert.equal(issuesAt(id, c.path, "a".repeat(c.minLength), "too_short").length, 0, where);
        }
        if (c.notBlank) {
          assert.equal(issuesAt(id, c.path, " \u3000", "blank").length, 1, where);
        }
        if (c.pattern) {
          const re = new RegExp(c.pattern, "u");
          for (const s of ["abc", "A-b_9", "a b", "中文", "𠀀", "😂", "%@#&", "é", "x,y"]) {
            const flagged = issuesAt(id, c.path, s, "invalid_chars").length > 0;
            assert.equal(flagged, !re.test(s), `${where}: pattern vs validate on ${JSON.stringify(s)}`);
          }
        }
        if (c.enum) {
          for (const v of c.enum) assert.deepEqual(issuesAt(id, c.path, v, "invalid_value"), [], where);
          assert.equal(issuesAt(id, c.path, "\u0000nope", "invalid_value").length, 1, where);
        }
        if (c.type === "integer" && c.minimum !== undefined && !c.path.includes("[]")) {
          assert.equal(issuesAt(id, c.path, c.minimum, "out_of_range").length, 0, where);
          if (c.minimum > Number.MIN_SAFE_INTEGER) {
            assert.equal(issuesAt(id, c.path, c.minimum - 1, "out_of_range").length, 1, where);
          }
        }
        if (c.maxItems !== undefined) {
          const items = Array.from({ length: c.maxItems + 1 }, (_, i) => `item${"abcdefghij"[i % 10]}${i}`);
          assert.equal(issuesAt(id, c.path, items, "too_many").length, 1, where);
        }
        if (c.minItems !== undefined) {
          assert.equal(issuesAt(id, c.path, [], "too_few").length, c.minItems > 0 ? 1 : 0, where);
        }
      }
      // Required top-level fields are exactly the ones validate({}) reports missing.
      const required = list.filter((c) => c.required && !c.path.includes("[]")).map((c) => c.path);
      const missing = gp.validate(id, {}).errors.filter((i) => i.code === "required").map((i) => i.path);
      assert.deepEqual(missing, required, id);
    }
  });

  test("validateField accepts every path constraints() lists", () => {
    for (const { id } of gp.providers()) {
      for (const c of gp.constraints(id)) {
        assert.ok(Array.isArray(gp.validateField(id, c.path, null)), `${id} ${c.path}`);
      }
    }
    assert.equal(gp.validateField("selfcommunity", "invite_users[0]", 0)[0].code, "out_of_range");
  });

  test("units, patterns and lenient severity are spelled out", () => {
    const strict = gp.constraints("tencent-iai");
    const groupId = strict.find((c) => c.path === "GroupId");
    assert.deepEqual([groupId.minLength, groupId.maxLength, groupId.unit], [1, 64, "bytes"]);
    assert.ok(strict.find((c) => c.path === "GroupExDescriptions[]").unique);
    assert.equal(strict.find((c) => c.path === "GroupName").severity, undefined);
    const lenient = gp.constraints("tencent-iai", { lenient: true });
    assert.deepEqual(lenient.find((c) => c.path === "GroupName").severity, { pattern: "warning" });
    const name = gp.constraints("geelark").find((c) => c.path === "list[].name");
    assert.deepEqual([name.maxLength, name.unit, name.notBlank, name.unique], [50, "chars", true, true]);
    assert.throws(() => gp.constraints("nope"), TypeError);
  });
});

describe("JSON Schema (ajv, draft 2020-12)", () => {
  // Fixtures whose verdict JSON Schema cannot reach, and why. Each must exist and must really
  // disagree (or be JS-only), so the list cannot go stale silently.
  const INEXPRESSIBLE = new Map([
    [
      "private group without visible: visible is required",
      "a rule across fields (visible required when privacy is private): a provider's cross-field code, not a declaration",
    ],
    [
      "admin_id as the digit string 12 is accepted with a warning",
      "validate accepts a digit string and sends a number; the schema describes the number sent",
    ],
  ]);
  // Fixtures marked jsOnly hold lone UTF-16 surrogates (invalid_encoding): JSON text, and so
  // JSON Schema, cannot carry them.
  const JS_ONLY = (c) => c.jsOnly !== undefined;

  test("ajv reaches validate's verdict on every expressible fixture", () => {
    const Ajv2020 = requireRoot("ajv/dist/2020").default;
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const compiled = new Map();
    const schemaFor = (provider, lenient) => {
      const key = `${provider}:${lenient}`;
      if (!compiled.has(key)) compiled.set(key, ajv.compile(gp.jsonSchema(provider, { lenient })));
      return compiled.get(key);
    };
    const disagreements = [];
    let compared = 0;
    for (const c of FIXTURES) {
      if (JS_ONLY(c)) continue;
      const options = c.options ?? {};
      const report = gp.validate(c.provider, c.payload, options);
      assert.equal(report.ok, c.expect.ok, `fixture itself: ${c.name}`);
      const check = schemaFor(c.provider, options.lenient === true);
      const verdict = check(c.payload);
      if (INEXPRESSIBLE.has(c.name)) {
        assert.notEqual(verdict, report.ok, `listed as inexpressible but ajv agrees: ${c.name}`);
        continue;
      }
      compared++;
      if (verdict !== report.ok) {
        disagreements.push(`${c.provider} | ${c.name}: validate ok=${report.ok}, ajv ok=${verdict} ${JSON.stringify(check.errors?.map((e) => `${e.instancePath} ${e.keyword}`))}`);
      }
    }
    assert.deepEqual(disagreements, [], "add a fixture here only if JSON Schema truly cannot express its rule");
    assert.ok(compared >= 50, `only ${compared} fixtures compared`);
    for (const name of INEXPRESSIBLE.keys()) {
      assert.ok(FIXTURES.some((c) => c.name === name), `stale entry: ${name}`);
    }
  });

  test("every provider's schema compiles under strict ajv and is draft 2020-12", () => {
    const Ajv2020 = requireRoot("ajv/dist/2020").default;
    for (const { id } of gp.providers()) {
      for (const lenient of [false, true]) {
        const schema = gp.jsonSchema(id, { lenient });
        assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
        assert.equal(schema.type, "object");
        new Ajv2020({ strict: true }).compile(schema);
      }
    }
  });

  test("byte limits are left out unless the charset makes bytes = chars, and say so", () => {
    const tencent = gp.jsonSchema("tencent-iai");
    assert.equal(tencent.properties.GroupId.maxLength, 64);
    assert.equal(tencent.properties.GroupName.maxLength, 60);
    const lenient = gp.jsonSchema("tencent-iai", { lenient: true });
    assert.equal(lenient.properties.GroupName.pattern, undefined);
    assert.match(lenient.properties.GroupName.$comment, /warning/);
    const geelark = gp.jsonSchema("geelark");
    assert.equal(geelark.properties.list.uniqueItems, undefined);
    assert.match(geelark.properties.list.$comment, /name/);
  });
});

describe("Standard Schema v1", () => {
  test("~standard has version 1, the vendor, and validate", () => {
    for (const { id } of gp.providers()) {
      const std = gp.schema(id)["~standard"];
      assert.equal(std.version, 1);
      assert.equal(std.vendor, "group-payloads");
      assert.equal(typeof std.validate, "function");
    }
    assert.throws(() => gp.schema("zod"), TypeError);
    assert.throws(() => gp.schema("geelark", "lenient"), TypeError);
  });

  test("valid payloads come back unchanged, errors as issues with key paths", () => {
    for (const c of FIXTURES) {
      const options = c.options ?? {};
      const result = gp.schema(c.provider, options)["~standard"].validate(c.payload);
      assert.ok(!(result instanceof Promise), "validation is synchronous");
      const report = gp.validate(c.provider, c.payload, options);
      if (report.ok) {
        assert.equal(result.value, c.payload, c.name);
        assert.equal(result.issues, undefined, c.name);
      } else {
        assert.equal(result.value, undefined, c.name);
        assert.deepEqual(result.issues.map((i) => i.message), report.errors.map((i) => i.message), c.name);
        assert.deepEqual(result.issues.map((i) => i.code), report.errors.map((i) => i.code), c.name);
        for (const [k, issue] of result.issues.entries()) {
          const dotted = issue.path.map((p, j) => (typeof p === "number" ? `[${p}]` : j ? `.${p}` : p)).join("");
          assert.equal(dotted, report.errors[k].path, c.name);
        }
      }
    }
  });

  test("paths are arrays of keys and indexes; locale and lenient options apply", () => {
    const std = gp.schema("geelark", { locale: "zh-CN" })["~standard"];
    const { issues } = std.validate({ list: [{ name: "a" }, { name: "a" }] });
    assert.deepEqual(issues[0].path, ["list", 1, "name"]);
    assert.equal(issues[0].providerCode, 43031);
    assert.match(issues[0].message, /[\u4e00-\u9fff]/);
    const root = gp.schema("geelark")["~standard"].validate(null);
    assert.deepEqual(root.issues[0].path, []);
    const sample = { GroupName: "a b", GroupId: "id" };
    assert.ok(gp.schema("tencent-iai")["~standard"].validate(sample).issues);
    assert.equal(gp.schema("tencent-iai", { lenient: true })["~standard"].validate(sample).value, sample);
  });
});

describe("TypeScript consumers (tsc --strict against the installed tarball)", () => {
  test("Node ESM, CommonJS and bundler/browser consumers compile; wrong calls do not", () => {
    const tsDir = path.join(installed.dir, "ts");
    fs.cpSync(path.join(ROOT, "tests/ts"), tsDir, { recursive: true });
    // The published Standard Schema types, to prove ours are assignable to them.
    fs.cpSync(path.join(ROOT, "node_modules/@standard-schema"), path.join(installed.dir, "node_modules/@standard-schema"), {
      recursive: true,
    });
    const tsc = path.join(ROOT, "node_modules/typescript/bin/tsc");
    for (const project of ["tsconfig.json", "tsconfig.browser.json"]) {
      try {
        execFileSync(process.execPath, [tsc, "-p", project], { cwd: tsDir, encoding: "utf8" });
      } catch (e) {
        assert.fail(`tsc -p ${project} failed:\n${e.stdout}${e.stderr}`);
      }
    }
    // The hand-written payload types match the declarations: every field is a key, and the
    // required keys are exactly the required fields (generated from constraints()).
    const checks = gp.providers().map(({ id }, i) => {
      const top = gp.constraints(id).filter((c) => !c.path.includes("[") && !c.path.includes(".") && c.type !== "file");
      const keys = top.map((c) => JSON.stringify(c.path)).join(", ");
      const required = top.filter((c) => c.required).map((c) => JSON.stringify(c.path)).join(" | ") || "never";
      return `type P${i} = PayloadByProvider[${JSON.stringify(id)}];
const keys${i}: Array<keyof P${i}> = [${keys}];
const required${i}: Same<RequiredKeys<P${i}>, ${required}> = true;`;
    });
    fs.writeFileSync(path.join(tsDir, "generated-payloads.mts"), `import type { PayloadByProvider } from "${PKG_NAME}";
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
${checks.join("\n")}
export {};
`);
    fs.writeFileSync(path.join(tsDir, "tsconfig.generated.json"), JSON.stringify({ extends: "./tsconfig.json", files: ["generated-payloads.mts"] }));
    try {
      execFileSync(process.execPath, [tsc, "-p", "tsconfig.generated.json"], { cwd: tsDir, encoding: "utf8" });
    } catch (e) {
      assert.fail(`payload types drifted from constraints():\n${e.stdout}${e.stderr}`);
    }
    // The negative file must actually be type-checked: without its directives it fails.
    const errorsFile = path.join(tsDir, "errors.mts");
    const directives = (fs.readFileSync(errorsFile, "utf8").match(/^\s*\/\/ @ts-expect-error/gm) ?? []).length;
    fs.writeFileSync(errorsFile, fs.readFileSync(errorsFile, "utf8").replaceAll("// @ts-expect-error", "//"));
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: tsDir, encoding: "utf8" });
    } catch (e) {
      output = e.stdout;
    }
    const failingLines = new Set(output.split("\n").filter((l) => l.startsWith("errors.mts(")).map((l) => l.split(",")[0]));
    assert.equal(failingLines.size, directives, output);
  });
});
