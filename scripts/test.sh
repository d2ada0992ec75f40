#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to read: system packages, lint and format,
# types, then every test: vitest (unit, API, realtime, deployment files and the browser tests
# not yet moved), then the browser tests in Chromium under @playwright/test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh
echo "== lint and format (biome)"
npx biome check .
echo "== types and package boundaries (tsc -b: one project per package, tsconfig references)"
npx tsc -b
# Every vitest project (vitest.config.ts): unit, API, realtime and end-to-end in parallel, then the
# timed project alone, one file at a time. With arguments, vitest runs just what they name.
echo "== tests (vitest)"
npx vitest run "$@"
# The browser tests moved to @playwright/test (tests/e2e/*.spec.ts; playwright.config.ts): in
# parallel, then those tagged @timed one at a time.
if [ $# -eq 0 ]; then
  echo "== browser tests (playwright)"
  npx playwright test
fi
