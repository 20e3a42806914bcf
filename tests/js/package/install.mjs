// Packs pkg/ (built by scripts/build.sh; nothing is built here) and installs the tarball into a
// fresh temp directory, the way a user gets the package. pkg/ is copied first: other work may
// rebuild it at any moment.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const PKG_NAME = "group-payloads";

const npm = (args, cwd) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

/** { dir, tarball, files, pkgDir, manifest }: the consumer project with the package installed. */
export function installPackage() {
  const built = path.join(ROOT, "pkg", "package.json");
  if (!fs.existsSync(built)) {
    throw new Error("pkg/ is missing: run `bash scripts/build.sh` (scripts/test.sh does) first");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "group-payloads-package-"));
  const snapshot = path.join(dir, "pkg");
  fs.cpSync(path.join(ROOT, "pkg"), snapshot, { recursive: true });
  const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", dir], snapshot));
  const tarball = path.join(dir, packed.filename);
  const consumer = path.join(dir, "consumer");
  fs.mkdirSync(consumer);
  fs.writeFileSync(
    path.join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", version: "1.0.0", private: true }, null, 2),
  );
  // The tarball has no dependencies, so this works offline.
  npm(["install", tarball, "--offline", "--ignore-scripts"], consumer);
  const pkgDir = path.join(consumer, "node_modules", PKG_NAME);
  const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  return { root: dir, dir: consumer, tarball, files: packed.files.map((f) => f.path), pkgDir, manifest };
}

/** Runs a script file inside the consumer project and returns its JSON output. */
export function runJson(consumer, file, source) {
  const target = path.join(consumer, file);
  fs.writeFileSync(target, source);
  const out = execFileSync(process.execPath, [target], { cwd: consumer, encoding: "utf8" });
  return JSON.parse(out);
}
