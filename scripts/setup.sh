#!/usr/bin/env bash
# Installs what building and testing need. Idempotent: every step checks first, so a
# second run takes seconds and installs nothing. Writes .tools/env.sh for the other scripts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# `cargo install` puts wasm-bindgen here; rustup's shims live here too.
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '[setup %3ds] %s\n' "$SECONDS" "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# apt-get update at most once per run, and only when something is missing.
APT_UPDATED=0
apt_install() {
  local missing=() p
  for p in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

command -v rustup >/dev/null || die "rustup not found (host builds, fmt and clippy use rustup's stable)"
HOST_TOOLCHAIN="stable"

# ---------------------------------------------------------------------------
# (a) A Rust toolchain that has the wasm32 standard library.
# ---------------------------------------------------------------------------
WASM_TARGET="wasm32-unknown-unknown"
DEBIAN_TOOLCHAIN="debian-web"
DEBIAN_SYSROOT_LIB="/usr/lib/rustlib/$WASM_TARGET/lib"
DEBIAN_STAMP="/usr/lib/rustlib/$WASM_TARGET/built-by-group-payloads-setup"

debian_sysroot_ok() {
  # Present and built by this rustc (a stamp from an older rustc-web means stale rlibs).
  # std's rlib is libstd.rlib from this build (libstd-HASH.rlib from others).
  [ -e "$DEBIAN_SYSROOT_LIB/libstd.rlib" ] || compgen -G "$DEBIAN_SYSROOT_LIB/libstd-*.rlib" >/dev/null || return 1
  [ ! -f "$DEBIAN_STAMP" ] || [ "$(cat "$DEBIAN_STAMP")" = "$(/usr/bin/rustc --version)" ]
}
# (Output captured first: `cmd | grep -q` can fail under pipefail when grep exits early.)
debian_linked() { grep -qx "$DEBIAN_TOOLCHAIN" <<<"$(rustup toolchain list | cut -d' ' -f1)"; }
debian_ready() { [ -x /usr/bin/rustc ] && debian_sysroot_ok && debian_linked; }

build_debian_sysroot() {
  local src work
  # /usr/lib/rustlib/src/rust points at the sources of exactly the installed rustc-web.
  src="$(readlink -f /usr/lib/rustlib/src/rust)/library"
  [ -d "$src" ] || src="$(ls -d /usr/src/rustc-*/library | sort -V | tail -n1)"
  [ -d "$src" ] || die "no std sources under /usr/src/rustc-*/library"
  work="$(mktemp -d)"
  log "building the $WASM_TARGET std from $src (about a minute)"
  cp -r "$src" "$work/library"
  # /usr/bin first so the Debian cargo/rustc (1.96) build it, not rustup's shims.
  (cd "$work/library" &&
    PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
      RUSTFLAGS="-Zforce-unstable-if-unmarked -Cembed-bitcode=yes" \
      /usr/bin/cargo build --quiet --release -p sysroot --target "$WASM_TARGET" \
      --target-dir "$work/sysroot-build")
  # Install by directory rename so a half-copied lib dir is never seen as done.
  $SUDO rm -rf "$DEBIAN_SYSROOT_LIB.tmp"
  $SUDO mkdir -p "$DEBIAN_SYSROOT_LIB.tmp"
  $SUDO cp "$work/sysroot-build/$WASM_TARGET/release/deps/"*.rlib "$DEBIAN_SYSROOT_LIB.tmp/"
  $SUDO rm -rf "$DEBIAN_SYSROOT_LIB"
  $SUDO mv "$DEBIAN_SYSROOT_LIB.tmp" "$DEBIAN_SYSROOT_LIB"
  /usr/bin/rustc --version | $SUDO tee "$DEBIAN_STAMP" >/dev/null
  rm -rf "$work"
}

setup_debian_toolchain() {
  # rust-web-clippy: lets test.sh lint the wasm32 build too.
  apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22 rust-web-clippy
  debian_sysroot_ok || build_debian_sysroot
  debian_linked || { log "rustup toolchain link $DEBIAN_TOOLCHAIN /usr"; rustup toolchain link "$DEBIAN_TOOLCHAIN" /usr; }
}

if [ "${WASM_TOOLCHAIN:-}" = "$DEBIAN_TOOLCHAIN" ]; then
  # Asked for explicitly (WASM_TOOLCHAIN=debian-web bash scripts/setup.sh): skip rustup.
  setup_debian_toolchain
elif [ -n "${WASM_TOOLCHAIN:-}" ]; then
  log "wasm toolchain from the environment: $WASM_TOOLCHAIN"
elif grep -qx "$WASM_TARGET" <<<"$(rustup target list --installed --toolchain "$HOST_TOOLCHAIN" 2>/dev/null)"; then
  WASM_TOOLCHAIN="$HOST_TOOLCHAIN"
elif debian_ready; then
  # Set up by an earlier run: don't spend 30 s on a rustup download that may hang here.
  # (Still run the cheap checks, so packages added to the list later get installed.)
  setup_debian_toolchain
  WASM_TOOLCHAIN="$DEBIAN_TOOLCHAIN"
elif log "trying: rustup target add $WASM_TARGET (30 s limit)" &&
  timeout 30 rustup target add --toolchain "$HOST_TOOLCHAIN" "$WASM_TARGET"; then
  WASM_TOOLCHAIN="$HOST_TOOLCHAIN"
else
  log "rustup cannot add $WASM_TARGET here; using Debian's rustc-web"
  setup_debian_toolchain
  WASM_TOOLCHAIN="$DEBIAN_TOOLCHAIN"
fi
log "wasm toolchain: $WASM_TOOLCHAIN ($(rustc "+$WASM_TOOLCHAIN" --version))"

# ---------------------------------------------------------------------------
# (b) wasm-bindgen CLI at exactly the version in Cargo.lock (the CLI and the crate must match).
# ---------------------------------------------------------------------------
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$WB_VERSION" ] || die "no wasm-bindgen in Cargo.lock"
have_wb() {
  [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WB_VERSION" ] &&
    [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" = "wasm-bindgen-test-runner $WB_VERSION" ]
}
if ! have_wb; then
  log "cargo install wasm-bindgen-cli $WB_VERSION (about 4-5 min on 2 cores)"
  # --locked first; its lockfile can name a dependency version the registry no longer
  # serves (0.2.130 locks webpki-roots 1.0.11, missing): then resolve afresh.
  cargo "+$HOST_TOOLCHAIN" install wasm-bindgen-cli --version "$WB_VERSION" --locked --force ||
    { log "--locked failed; installing with freshly resolved dependencies";
      cargo "+$HOST_TOOLCHAIN" install wasm-bindgen-cli --version "$WB_VERSION" --force; }
  have_wb || die "wasm-bindgen $WB_VERSION not on PATH after install"
fi

# wasm-pack, for `wasm-pack test --node` / `--headless --chrome` (its npm package downloads a
# binary at install, which these machines cannot): from crates.io, pinned (about 3-5 min once).
WASM_PACK_VERSION="0.15.1"
if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  log "cargo install wasm-pack $WASM_PACK_VERSION"
  cargo "+$HOST_TOOLCHAIN" install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
fi

# ---------------------------------------------------------------------------
# (c) Headless Chromium for the browser wasm tests.
# ---------------------------------------------------------------------------
apt_install chromium chromium-driver

# ---------------------------------------------------------------------------
# (d) npm dev tools (binaryen's wasm-opt, playwright-core), from the committed lockfile.
# ---------------------------------------------------------------------------
command -v npm >/dev/null || apt_install nodejs npm
LOCK_HASH="$(sha256sum package-lock.json | cut -d' ' -f1)"
NPM_STAMP="node_modules/.package-lock.sha256"
if [ "$(cat "$NPM_STAMP" 2>/dev/null)" != "$LOCK_HASH" ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$LOCK_HASH" >"$NPM_STAMP"
fi

# ---------------------------------------------------------------------------
# What the other scripts source.
# ---------------------------------------------------------------------------
mkdir -p .tools
cat >.tools/env.sh.tmp <<EOF
# Written by scripts/setup.sh; source it. Wasm builds: cargo "+\$WASM_TOOLCHAIN" ...
export WASM_TOOLCHAIN="$WASM_TOOLCHAIN"
export HOST_TOOLCHAIN="$HOST_TOOLCHAIN"
export WASM_BINDGEN_VERSION="$WB_VERSION"
export CHROMEDRIVER="$(command -v chromedriver)"
case ":\$PATH:" in *":\$HOME/.cargo/bin:"*) ;; *) export PATH="\$HOME/.cargo/bin:\$PATH" ;; esac
EOF
mv .tools/env.sh.tmp .tools/env.sh
log "ready: source .tools/env.sh, then cargo +\$WASM_TOOLCHAIN ... --target $WASM_TARGET (WASM_TOOLCHAIN=$WASM_TOOLCHAIN)"
