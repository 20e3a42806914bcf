// Hono: the schema validates the JSON body; the handler gets it typed as GeeLark's payload.
import { sValidator } from "@hono/standard-validator";
import { Hono } from "hono";
import { schema } from "group-payloads";

export const app = new Hono().post("/groups", sValidator("json", schema("geelark")), (c) => {
  const payload = c.req.valid("json");
  return c.json({ names: payload.list.map((group) => group.name) }, 201);
});
