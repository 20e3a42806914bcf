#!/usr/bin/env bash
# Builds the npm package into pkg/ (generated, git-ignored): pkg/node (CommonJS with the .wasm
# embedded, so bundlers need no config; plus an ES module wrapper) and pkg/web (ES module that
# fetches the .wasm, `await init()`), both from one release .wasm; and the same two for the
# forms build (`group-payloads/forms`: validation only, built without the `requests` feature)
# in pkg/forms.
# Safe to rerun: pkg/ is rebuilt from scratch each time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# test.sh has already run setup; run alone, this makes sure the tools are there (seconds).
[ "${SKIP_SETUP:-}" = 1 ] || bash scripts/setup.sh
# shellcheck source=/dev/null
source .tools/env.sh

log() { printf '[build] %s\n' "$*"; }

NAME="group_payloads"
WASM="target/wasm32-unknown-unknown/release/$NAME.wasm"
FORMS_TARGET="target/forms"
FORMS_WASM="$FORMS_TARGET/wasm32-unknown-unknown/release/$NAME.wasm"
WASM_OPT="node_modules/.bin/wasm-opt"

log "cargo +$WASM_TOOLCHAIN build --release --lib --target wasm32-unknown-unknown"
cargo "+$WASM_TOOLCHAIN" build --release --lib --target wasm32-unknown-unknown
log "cargo +$WASM_TOOLCHAIN build --release --lib --no-default-features (forms) --target-dir $FORMS_TARGET"
cargo "+$WASM_TOOLCHAIN" build --release --lib --no-default-features --target wasm32-unknown-unknown \
  --target-dir "$FORMS_TARGET"

# LLVM 22 emits these features by default; wasm-opt must be told or it rejects the module.
OPT_FLAGS=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-reference-types --enable-multivalue --enable-simd)
# wasm-opt takes ~20 s and the node and web .wasm are byte-identical: cache by input hash.
OPT_CACHE="target/wasm-opt-cache"
optimize() {
  local file="$1" key
  key="$({ sha256sum <"$file"; echo "${OPT_FLAGS[*]}"; "$WASM_OPT" --version; } | sha256sum | cut -c1-32)"
  if [ ! -f "$OPT_CACHE/$key.wasm" ]; then
    log "wasm-opt ${OPT_FLAGS[*]} $file"
    mkdir -p "$OPT_CACHE"
    "$WASM_OPT" "${OPT_FLAGS[@]}" "$file" -o "$OPT_CACHE/$key.wasm.tmp"
    mv "$OPT_CACHE/$key.wasm.tmp" "$OPT_CACHE/$key.wasm"
  fi
  cp "$OPT_CACHE/$key.wasm" "$file"
}

rm -rf pkg
# wasm-bindgen for Node and the web, then the entries (js/build-entries.cjs): $1 the .wasm, $2 the
# output root, $3 extra arguments for build-entries.
package() {
  local wasm="$1" root="$2" target out
  for target in nodejs web; do
    out="$root/${target%js}" # nodejs -> node, web -> web
    log "wasm-bindgen --target $target --out-dir $out"
    wasm-bindgen --target "$target" --out-dir "$out" --out-name "$NAME" "$wasm"
    optimize "$out/${NAME}_bg.wasm"
  done
  # The web build is an ES module; say so, since the package root is CommonJS (for node/).
  echo '{ "type": "module" }' >"$root/web/package.json"
  # Self-contained Node entries (wasm embedded, snippets inlined), the ESM wrapper, and the
  # hand-written types of js/types/ in every entry; fails if they and the exports differ.
  node js/build-entries.cjs "$root" ${3:-}
}
package "$WASM" pkg
package "$FORMS_WASM" pkg/forms --subset

# pkg/package.json: the template plus the version from Cargo.toml (one source of truth).
VERSION="$(cargo "+$HOST_TOOLCHAIN" metadata --no-deps --format-version 1 --offline |
  node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
           process.stdout.write(m.packages.find((p) => p.name === "group-payloads").version)')"
node -e 'const fs = require("fs");
         const { name, ...rest } = JSON.parse(fs.readFileSync("js/package.template.json", "utf8"));
         fs.writeFileSync("pkg/package.json",
           JSON.stringify({ name, version: process.argv[1], ...rest }, null, 2) + "\n")' "$VERSION"
[ ! -f README.md ] || node js/package-readme.cjs README.md pkg/README.md
[ ! -f LICENSE ] || cp LICENSE pkg/

log "pkg/ = group-payloads@$VERSION"
for f in pkg/web/"${NAME}"_bg.wasm pkg/forms/web/"${NAME}"_bg.wasm; do
  printf '[build] %-38s %8d bytes raw, %8d bytes gzip -9\n' "$f" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
for f in pkg/node/"${NAME}".js pkg/forms/node/"${NAME}".js; do
  printf '[build] %-38s %8d bytes raw, %8d bytes gzip -9 (.wasm embedded)\n' "$f" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
