#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to read: system packages, lint and format,
# types, then every test: vitest (unit, API, realtime), then the browser tests and the timed ones
# under @playwright/test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh
echo "== lint and format (biome)"
npx biome check .
echo "== types and package boundaries (tsc -b: one project per package, tsconfig references)"
npx tsc -b
# One build of dist/ for both runners, and Chromium warmed up once: each runner's own set-up then
# finds the build fresh by its stamp (a source changed meanwhile is built again) and skips the
# warm-up.
echo "== build (dist/, once for both runners)"
npx tsx tests/prepare.ts
export GATECAST_TESTS_WARMED_UP=1
# Every vitest project (vitest.config.ts): unit, API and realtime, in parallel. With arguments,
# vitest runs just what they name.
echo "== tests (vitest)"
npx vitest run "$@"
# The browser tests and the timed ones, under @playwright/test (*.spec.ts; playwright.config.ts):
# in parallel, the chosen ones on PostgreSQL as well (its `postgres` project), then those tagged
# @timed one at a time.
if [ $# -eq 0 ]; then
  echo "== browser tests (playwright)"
  npx playwright test
fi
