// The payload as JSON text. Edits are checked with validateJson (which reads the text itself:
// syntax errors come with their line and column, and repeated keys are reported); each other
// issue is placed at the line and column where its path starts in the text.
import { h, uid } from "./dom.js";
import { formatPath } from "./path.js";
import { t } from "./strings.js";

export function renderJson(panel) {
  const id = uid(panel.id, "json");
  const area = h("textarea", {
    id,
    class: "json",
    rows: "14",
    spellcheck: "false",
    autocomplete: "off",
    "aria-describedby": `${id}--hint`,
    oninput: (e) => panel.editJson(e.target.value),
  });
  area.value = panel.jsonText();
  panel.jsonArea = area;
  panel.jsonIssues = h("ul", { class: "issues static", id: `${id}--issues` });
  return h(
    "div",
    { class: "json-view" },
    h("label", { for: id, class: "wire", text: t("jsonLabel") }),
    h("p", { class: "muted small", id: `${id}--hint`, text: t("jsonHint") }),
    area,
    panel.jsonIssues,
  );
}

// Where each value of a JSON text starts, by issue path (1-based line and column, as
// validateJson counts them). A key repeated in one object maps to its last occurrence, the one
// JSON.parse keeps. The text must be valid JSON.
export function locate(text) {
  const where = new Map();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) {
      if (text[i] === "\n") {
        line++;
        lineStart = i + 1;
      }
      i++;
    }
  };
  const string = () => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const here = () => ({ line, column: [...text.slice(lineStart, i)].length + 1 });
  const value = (segs, at) => {
    space();
    where.set(formatPath(segs), at ?? here());
    if (text[i] === "{") {
      i++;
      space();
      while (text[i] !== "}") {
        const keyAt = here();
        const key = string();
        space();
        i++; // :
        value([...segs, key], keyAt);
        space();
        if (text[i] === ",") i++;
        space();
      }
      i++;
    } else if (text[i] === "[") {
      i++;
      space();
      for (let n = 0; text[i] !== "]"; n++) {
        value([...segs, n]);
        space();
        if (text[i] === ",") i++;
        space();
      }
      i++;
    } else if (text[i] === '"') {
      string();
    } else {
      while (i < text.length && !",]} \t\n\r".includes(text[i])) i++;
    }
  };
  value([]);
  return where;
}

// The line and column an issue of validateJson(text) points at.
export function positionOf(issue, text, located) {
  if (issue.params?.line !== undefined) return { line: issue.params.line, column: issue.params.column };
  return located?.get(issue.path) ?? null;
}

// Moves the caret to a line and column of the text area (for the issue links).
export function caretTo(area, { line, column }) {
  const lines = area.value.split("\n");
  let offset = 0;
  for (let n = 0; n < line - 1 && n < lines.length; n++) offset += lines[n].length + 1;
  offset += [...(lines[line - 1] ?? "")].slice(0, column - 1).join("").length;
  area.focus();
  area.setSelectionRange(offset, offset);
}

export const atText = (pos) => (pos ? t("at", pos.line, pos.column) : "");
