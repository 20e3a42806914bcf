// @vitest-environment jsdom
// Vitest (here with jsdom; the node environment is the same): no setup, no init needed.
import { expect, test } from "vitest";
import { schema, validate } from "group-payloads";

test("validates in jsdom", async () => {
  expect(typeof document).toBe("object");
  expect(validate("gochat", { admin_id: 0 }).errors[0]?.code).toBe("out_of_range");
  const result = await schema("geelark")["~standard"].validate({ list: [] });
  expect(result.issues?.[0]?.path).toEqual(["list"]);
});
