// What the page shows, and the URL that reproduces it: ?provider=…&lang=…&lenient=1&view=json
// &payload=<JSON>. Build options are not in the URL: they hold credentials.
import { LOCALES } from "./strings.js";

export const app = {
  lenient: false,
  active: null,
  panels: new Map(), // provider id -> Panel
};

export function readUrl(search) {
  const q = new URLSearchParams(search);
  let payload;
  if (q.has("payload")) {
    try {
      payload = JSON.parse(q.get("payload"));
    } catch {
      payload = undefined; // a damaged link opens the provider's example instead
    }
  }
  return {
    provider: q.get("provider"),
    lang: LOCALES.includes(q.get("lang")) ? q.get("lang") : "en",
    lenient: q.get("lenient") === "1",
    view: q.get("view") === "json" ? "json" : "form",
    payload,
  };
}

export function urlOf({ provider, lang, lenient, view, payload }) {
  const q = new URLSearchParams();
  q.set("provider", provider);
  if (lang !== "en") q.set("lang", lang);
  if (lenient) q.set("lenient", "1");
  if (view === "json") q.set("view", "json");
  if (payload !== undefined) q.set("payload", JSON.stringify(payload));
  return `?${q}`;
}
