// Writes pkg/README.md: the repository's README with every relative link and image pointed at
// the repository (the files they name do not ship in the package), and fails on a relative
// target that does not exist or on a path outside the repository.
// Run by scripts/build.sh: node js/package-readme.cjs README.md pkg/README.md
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [source, target] = process.argv.slice(2);
const root = path.dirname(path.resolve(source));
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "package.template.json"), "utf8"));
const repo = manifest.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");

let text = fs.readFileSync(source, "utf8");
if (/\.\.\/\w/.test(text)) throw new Error(`${source} names a path outside the repository (../)`);
text = text.replace(/(!?)\[([^\]]*)\]\((?![a-z][a-z0-9+.-]*:|#)([^)\s]+)\)/gi, (_, bang, label, href) => {
  const file = href.split("#")[0];
  if (!fs.existsSync(path.join(root, file))) throw new Error(`${source}: link to ${href}, which does not exist`);
  return `${bang}[${label}](${repo}/${bang ? "raw" : "blob"}/HEAD/${href})`;
});
fs.writeFileSync(target, text);
