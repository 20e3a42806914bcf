#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a bounded time each (not part of CI).
#
#   bash scripts/fuzz.sh                 # every target, 30 s each
#   FUZZ_SECONDS=300 bash scripts/fuzz.sh validate build_request
#   FUZZ_MINIMISE=1 bash scripts/fuzz.sh # then merge what was found into fuzz/corpus/ (minimised)
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). New inputs go to a
# scratch corpus under fuzz/target/ so the committed fuzz/corpus/ only grows when asked
# (FUZZ_MINIMISE=1 keeps the smallest set that covers the same edges). Crashes are written
# to fuzz/artifacts/<target>/; the script exits non-zero when any target fails.
# FUZZ_JOBS=N runs N workers per target (default 1: the machines are shared).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/fuzz"
export PATH="$HOME/.cargo/bin:$PATH"

SECONDS_EACH="${FUZZ_SECONDS:-30}"
JOBS="${FUZZ_JOBS:-1}"
TOOLCHAIN="${FUZZ_TOOLCHAIN:-nightly}"

log() { printf '[fuzz] %s\n' "$*"; }
command -v cargo-fuzz >/dev/null ||
  { log "cargo-fuzz not found: cargo +$TOOLCHAIN install cargo-fuzz"; exit 2; }

mapfile -t ALL < <(cargo "+$TOOLCHAIN" fuzz list)
TARGETS=("$@")
[ "${#TARGETS[@]}" -gt 0 ] || TARGETS=("${ALL[@]}")

# Seeds for the JSON target: the shared validation fixtures' payloads (first run only).
if [ ! -d corpus/validate_json ] || [ -z "$(ls -A corpus/validate_json 2>/dev/null)" ]; then
  mkdir -p corpus/validate_json
  node -e '
    const fs = require("fs"), crypto = require("crypto");
    for (const c of JSON.parse(fs.readFileSync("../tests/fixtures/validate.json", "utf8"))) {
      if (c.payload === undefined) continue;
      const text = JSON.stringify(c.payload);
      const name = crypto.createHash("sha1").update(text).digest("hex");
      fs.writeFileSync(`corpus/validate_json/${name}`, text);
    }' || log "could not seed corpus/validate_json (node missing?)"
fi

log "building (cargo +$TOOLCHAIN fuzz build -O)"
cargo "+$TOOLCHAIN" fuzz build -O

FAILED=()
for t in "${TARGETS[@]}"; do
  scratch="target/fuzz-scratch/$t"
  mkdir -p "$scratch" "corpus/$t" "artifacts/$t"
  log "$t: ${SECONDS_EACH}s, $JOBS job(s)"
  set +e
  # -jobs makes libFuzzer log to fuzz-N.log instead of the terminal: only ask for it when > 1.
  parallel=()
  [ "$JOBS" -le 1 ] || parallel=(-jobs="$JOBS" -workers="$JOBS")
  # First corpus dir receives new inputs; the committed one is read only.
  cargo "+$TOOLCHAIN" fuzz run -O "$t" "$scratch" "corpus/$t" -- \
    -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    "${parallel[@]}" -print_final_stats=1 2>&1 |
    grep -E '^(#[0-9]+.*(DONE|pulse|INITED)|stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|thread .* panicked|Done [0-9]+ runs)' | tail -n 8
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    log "$t: FAILED (exit $status); reproducer in fuzz/artifacts/$t/"
    FAILED+=("$t")
  fi
  if [ "${FUZZ_MINIMISE:-0}" = 1 ]; then
    log "$t: merging new coverage into corpus/$t (minimised)"
    rm -rf "corpus/$t.new"
    mkdir -p "corpus/$t.new"
    # Edge coverage only (no hit counters), greedy set cover: the smallest set of inputs
    # that reaches every edge, so the committed corpus stays a few hundred KB.
    cargo "+$TOOLCHAIN" fuzz run -O "$t" "corpus/$t.new" "corpus/$t" "$scratch" -- \
      -merge=1 -set_cover_merge=1 -use_counters=0 -use_value_profile=0 -max_len=8192 >/dev/null 2>&1
    rm -rf "corpus/$t"
    mv "corpus/$t.new" "corpus/$t"
    log "$t: corpus/$t = $(ls "corpus/$t" | wc -l) inputs, $(du -sh --apparent-size "corpus/$t" | cut -f1)"
  fi
done

log "corpus total: $(find corpus -type f | wc -l) files, $(du -sh --apparent-size corpus | cut -f1)"
if [ "${#FAILED[@]}" -gt 0 ]; then
  log "failed: ${FAILED[*]}"
  exit 1
fi
log "all ${#TARGETS[@]} targets ran ${SECONDS_EACH}s without a finding"
