/** @jest-environment jsdom */
// Jest with jsdom: no setup, no init. The "browser" + "require" conditions give the CommonJS
// build, which carries its .wasm and loads it synchronously.
const { expect, test } = require("@jest/globals");
const { measure, validate, validateField } = require("group-payloads");

test("validates and measures in jsdom", () => {
  expect(Reflect.has(globalThis, "document")).toBe(true); // jsdom, not plain Node
  expect(validate("geelark", { list: [{ name: " " }] }).errors[0].code).toBe("blank");
  expect(validateField("tencent-iai", "GroupName", "a b")[0].code).toBe("invalid_chars");
  expect(measure("👨‍👩‍👧").graphemes).toBe(1);
});
