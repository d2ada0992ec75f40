#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to read: system packages, lint and format,
# types, then every test: vitest (unit, API, realtime, deployment files and the browser tests
# not yet moved), then the browser tests in Chromium under @playwright/test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh
echo "== lint and format (biome)"
npx biome check .
echo "== types (tsc, strict)"
npx tsc -p tsconfig.json
# Tests that time the player to a fraction of a second, or the server's event loop, run alone,
# after the rest: among parallel Chromium instances on two cores a timer can fire a quarter of a
# second late, and that would be the machine's fault, not the player's or the server's. (Benchmarks
# measure timing properly; these check it is right at all.) The browser tests migrated to
# @playwright/test (tests/e2e/*.spec.ts) say so themselves with the @timed tag, which
# playwright.config.ts runs in its serial project; TIMED lists those vitest still runs.
# With arguments, vitest runs just what they name.
TIMED=(tests/e2e/health.test.ts tests/e2e/player.test.ts tests/e2e/schedule.test.ts
  tests/e2e/sync.test.ts tests/e2e/media-playback.test.ts tests/server/event-loop.test.ts)
if [ $# -gt 0 ]; then
  echo "== tests (vitest $*)"
  npx vitest run "$@"
else
  echo "== tests (vitest)"
  excluded=()
  for f in "${TIMED[@]}"; do excluded+=(--exclude "$f"); done
  npx vitest run "${excluded[@]}"
  echo "== timed tests (vitest, one file at a time)"
  npx vitest run --no-file-parallelism "${TIMED[@]}"
  echo "== browser tests (playwright: in parallel, then the @timed ones one at a time)"
  npx playwright test
fi
