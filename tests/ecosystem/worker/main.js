// @ts-check
// The page side: bundlers (Vite, webpack, Parcel) follow `new URL("./worker.js", import.meta.url)`.
/** @import { Report } from "group-payloads" */
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
worker.onmessage = (/** @type {MessageEvent<Report>} */ event) => {
  document.title = `worker ${event.data.ok} ${event.data.errors.map((e) => e.code).join(",")}`;
};
worker.postMessage({ provider: "geelark", payload: { list: [{ name: " " }] } });
