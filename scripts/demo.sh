#!/usr/bin/env bash
# The main job: set up (idempotent), build the npm package into pkg/, then validate the seed
# documents' sample payloads for every provider and print the reports and the signed requests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/build.sh
node examples/seeds.cjs
