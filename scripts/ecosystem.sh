#!/usr/bin/env bash
# Installs the packed npm package (pkg/, from scripts/build.sh) into the tool-chain fixtures of
# tests/ecosystem/ and proves it there: bundles (esbuild, webpack, Rollup, Parcel, Vite,
# Next.js), runs them (Node, headless Chromium), tests (Jest with jsdom, Vitest) and
# type-checks every fixture with tsc --strict. One node_modules serves every fixture.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ECO="$ROOT/tests/ecosystem"
log() { printf '[ecosystem %3ds] %s\n' "$SECONDS" "$*"; }

[ -f "$ROOT/pkg/package.json" ] || { echo "pkg/ is missing: run scripts/build.sh first" >&2; exit 1; }

# The tool chains, from the committed lockfile; skipped when node_modules already matches it.
LOCK_HASH="$(sha256sum "$ECO/package-lock.json" | cut -d' ' -f1)"
STAMP="$ECO/node_modules/.package-lock.sha256"
if [ "$(cat "$STAMP" 2>/dev/null)" != "$LOCK_HASH" ]; then
  log "npm ci (tests/ecosystem)"
  (cd "$ECO" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
  echo "$LOCK_HASH" >"$STAMP"
fi

# The package as users get it: the tarball `npm pack` makes, installed by npm (not saved, so
# the lockfile stays the tool chains' alone). pkg/ is copied first: a build may rewrite it.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp -r "$ROOT/pkg" "$WORK/pkg"
TARBALL="$(cd "$WORK/pkg" && npm pack --pack-destination "$WORK" --loglevel=error | tail -n1)"
log "npm install $TARBALL (tests/ecosystem, --no-save)"
(cd "$ECO" && npm install --no-save --offline --no-audit --no-fund --loglevel=error "$WORK/$TARBALL")

node --test "$ECO/ecosystem.test.mjs"
