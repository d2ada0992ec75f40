#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to read: system packages, lint and format,
# types, then every test (unit, API, realtime, end-to-end in Chromium, deployment files).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh
echo "== lint and format (biome)"
npx biome check .
echo "== types (tsc, strict)"
npx tsc -p tsconfig.json
# Every vitest project (vitest.config.ts): unit, API, realtime and end-to-end in parallel, then the
# timed project alone, one file at a time. With arguments, vitest runs just what they name.
echo "== tests (vitest)"
npx vitest run "$@"
