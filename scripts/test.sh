#!/usr/bin/env bash
# Every check, in order, stopping at the first failure with that stage's name.
# The one command for a fresh machine too: it runs setup.sh first (seconds when all is present).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

START=$SECONDS
stage() {
  local label="$1"
  shift
  printf '\n=== [%s] %s\n' "$label" "$*"
  local t=$SECONDS
  if ! "$@"; then
    printf '\n=== FAILED: %s (after %ds)\n' "$label" "$((SECONDS - START))" >&2
    exit 1
  fi
  printf '=== ok: %s (%ds)\n' "$label" "$((SECONDS - t))"
}

stage setup bash scripts/setup.sh
# shellcheck source=/dev/null
source .tools/env.sh

H="+$HOST_TOOLCHAIN"
W="+$WASM_TOOLCHAIN"
# --tests: lib unit tests and tests/*.rs. Not doctests: on wasm32 they build as plain `main`
# binaries that wasm-bindgen-test-runner reports as passed without running (a false green);
# they run natively in test-native.
WASM=(--target wasm32-unknown-unknown --tests)

stage fmt cargo "$H" fmt --all -- --check
stage clippy cargo "$H" clippy --all-targets -- -D warnings
# The wasm-only code (src/wasm, cfg(target_arch = "wasm32")) is linted only by this one.
stage clippy-wasm cargo "$W" clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
# The forms build (no `requests` feature) leaves code out: linted on its own.
stage clippy-wasm-forms cargo "$W" clippy --all-targets --no-default-features \
  --target wasm32-unknown-unknown --target-dir target/forms -- -D warnings
stage test-native cargo "$H" test
stage docs env RUSTDOCFLAGS="-D warnings" cargo "$H" doc --no-deps
# The same wasm tests through wasm-pack (the route the README gives), in Node. `--lib --test '*'`
# rather than --tests, which wasm-pack passes itself: lib and tests/*.rs, no doctests.
stage test-wasm-node env RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" wasm-pack test --node -- --lib --test '*'
# The same suite against the forms build: the same rules must give the same results.
stage test-wasm-node-forms env RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" CARGO_TARGET_DIR=target/forms \
  wasm-pack test --node -- --no-default-features --lib --test '*'

# Same tests in headless Chromium through chromedriver; extra Chromium flags in webdriver.json.
stage test-wasm-chromium env WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="$CHROMEDRIVER" \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/webdriver.json" cargo "$W" test "${WASM[@]}"
stage build env SKIP_SETUP=1 bash scripts/build.sh
# Node's runner on the package tests (explicit files: Node 20 and 22 read a directory differently).
mapfile -t JS_TESTS < <(find tests/js -type f \( -name '*.test.*js' -o -name '*_test.*js' \
  -o -name '*-test.*js' -o -name 'test-*.*js' \) 2>/dev/null | sort)
if [ "${#JS_TESTS[@]}" -gt 0 ]; then
  stage test-js node --test "${JS_TESTS[@]}"
else
  printf '\n=== [test-js] skipped: no test files in tests/js/\n'
fi
stage memory node --expose-gc scripts/memory.mjs
# Cost no faster than n log n: every entry point timed at n and 4n on crafted worst cases.
stage scaling node scripts/scaling.mjs
# The packed tarball installed into real tool chains (tests/ecosystem/): build, run, type-check.
stage ecosystem bash scripts/ecosystem.sh

printf '\n=== all stages passed (%ds)\n' "$((SECONDS - START))"
