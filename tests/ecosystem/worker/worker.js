// @ts-check
// A module Web Worker that validates off the main thread.
import init, { validate } from "group-payloads";

const ready = init();
self.onmessage = async (/** @type {MessageEvent<{ provider: "geelark"; payload: unknown }>} */ event) => {
  await ready;
  self.postMessage(validate(event.data.provider, event.data.payload));
};
