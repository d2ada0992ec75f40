import setup from './global-setup'

/**
 * scripts/test.sh's one build for both runners: builds dist/ if its sources changed and warms
 * Chromium up, before vitest and then Playwright run. Their own set-ups then find the build fresh
 * (they still check it: a source changed in between is built again) and skip the warm-up, which
 * test.sh tells them of with GATECAST_TESTS_WARMED_UP.
 */
await setup()
