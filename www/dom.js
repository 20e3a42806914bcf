// A small element builder and the id scheme every view uses.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== "string") el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null) el.append(c);
  return el;
}

// Element ids: `<provider>--<path with punctuation as ->`, e.g. geelark--list-0-name.
const slug = (s) => String(s).replace(/[^A-Za-z0-9_-]+/g, "-");
export const uid = (provider, path) => `${slug(provider)}--${slug(path)}`;
