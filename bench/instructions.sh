#!/usr/bin/env bash
# Instructions per operation of the core (bench/core.rs) for each case, counted by callgrind:
# the measure a shared, noisy machine does not blur. Natively, not in wasm: it tracks the
# rules' own cost, which the wasm build runs in the same shape.
#   bash bench/instructions.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=/dev/null
[ -f .tools/env.sh ] && source .tools/env.sh
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
node bench/data.mjs target/bench-data >/dev/null
cargo "+${HOST_TOOLCHAIN:-stable}" build -q --release --example core_bench
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
printf '| case | reps | instructions per op |\n| --- | ---: | ---: |\n'
# file name, repetitions (small cases many times, so the per-op figure is exact)
for row in "geelark-small 1000" "tencent-small 1000" "geelark-invalid 100" "tencent-invalid 100" \
  "geelark-batch 1" "tencent-10k 1"; do
  set -- $row
  valgrind --tool=callgrind --callgrind-out-file="$out/$1" --toggle-collect='*measured*' \
    target/release/examples/core_bench target/bench-data 1 "$1" >/dev/null 2>"$out/$1.log"
  total="$(grep -o 'Collected : [0-9]*' "$out/$1.log" | grep -o '[0-9]*$')"
  printf '| %s | %s | %s |\n' "$1" "$2" "$((total / $2))"
done
