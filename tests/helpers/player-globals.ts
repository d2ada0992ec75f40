/**
 * The player's page exposes `window.gatecast` and `window.gatecastPreview`, which tests read
 * through page.evaluate. Their declarations live with the player (player/src/main.ts and
 * preview.ts, as `declare global`); the tests compile against the player's type declarations
 * (tsconfig references), and this module brings those two into the tests' program.
 */
import type {} from '@player/main'
import type {} from '@player/preview'
