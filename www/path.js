// Issue paths ("list[2].name") as segments (["list", 2, "name"]) and back: the one place the
// page reads or writes a path. Segments are what the page walks payloads and field models
// with; the text is what the library's issues carry.
export function parsePath(path) {
  const segments = [];
  for (const m of String(path).matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segments.push(m[1] ?? Number(m[2]));
  return segments;
}

export function formatPath(segments) {
  let out = "";
  for (const s of segments) out += typeof s === "number" ? `[${s}]` : out ? `.${s}` : s;
  return out;
}
