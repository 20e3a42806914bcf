import { app } from "./app.ts";

for (const body of [{ list: [{ name: "ops" }] }, { list: [{ name: "" }] }]) {
  const res = await app.request("/groups", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  console.log(res.status, JSON.stringify(await res.json()));
}
