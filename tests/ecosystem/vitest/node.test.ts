// Vitest's default node environment: the Node build, no init either.
import { expect, test } from "vitest";
import { buildRequest } from "group-payloads";

test("builds a signed request in node", () => {
  const built = buildRequest("capillary", { name: "VIP" }, { cluster: "eu", auth: { type: "basic", username: "store.server", password: "server123" } });
  expect(built.ok && built.request.headers.Authorization).toBe("Basic c3RvcmUuc2VydmVyOjhhMTZhNmI3MDUwNWViMWYxZmY3Y2RjMGNkNTU1OWE3");
});
