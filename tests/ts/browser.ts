// A browser bundle's view: the "browser" condition gives the web build, which needs `await init()`.
import init, { initSync, type SyncInitInput, constraints, measure, schema, truncate, validate, type InitOutput } from "group-payloads";
import initWeb, { validate as validateWeb } from "group-payloads/web";

export async function main(): Promise<boolean> {
  const wasm: InitOutput = await init();
  await initWeb();
  const fields = constraints("geelark");
  const result = schema("gochat")["~standard"].validate({ admin_id: 1 });
  const adminId: number | string | undefined = result.issues ? undefined : result.value.admin_id;
  return (
    wasm.memory instanceof WebAssembly.Memory &&
    validate("gochat", { admin_id: 1 }).ok === validateWeb("gochat", { admin_id: 1 }).ok &&
    measure("a").chars === 1 &&
    truncate("ab", 1) === "a" &&
    fields.length > 0 &&
    adminId !== undefined
  );
}

// @ts-expect-error: unknown provider id
validate("nope", {});

// The web entry's synchronous init takes the bytes or a compiled module.
export const sync: (input: { module: SyncInitInput }) => InitOutput = initSync;
