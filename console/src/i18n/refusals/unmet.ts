import type { ErrorCode } from '@playlists/schemas/error-codes'

/**
 * The codes of the catalogue a person never meets as a sentence of this table, each group with
 * the reason. Every other code has a sentence in vi, zh and en (refusals/vi.ts, zh.ts, en.ts);
 * tests/console/refusal-coverage.test.ts holds every code to one side or the other, so a code
 * added to the catalogue without a decision fails the tests.
 */
export const UNMET_CODES = {
  /** Answers on the player's socket; the console's sockets only listen and never emit. */
  socket: [
    'socket.unknown-event',
    'socket.arguments',
    'socket.failed',
    'socket.payload',
    'socket.namespace-unknown',
    'socket.handshake',
    'socket.not-recorded',
    'rate-limit.messages',
    'screen.players-full',
    // The kiosk agent's socket: only agents connect there.
    'screen.agents-full',
  ],
  /** The player's reports of what it played, and its own token: sent by players only. */
  player: ['plays.batch', 'plays.event-id', 'plays.not-stored', 'player.token-not-stored'],
  /** A screen's token used where only people (or only screens) may act: the console holds no screen token. */
  screenToken: ['auth.player-not-paired', 'auth.screen-only', 'auth.screen-token-scope'],
  /** The player's side of pairing (asking for a code, collecting its token); the operator's side is translated. */
  pairingByPlayer: [
    'pairing.too-many-waiting',
    'pairing.secret-missing',
    'pairing.secret-wrong',
    'pairing.not-found',
    'pairing.collected',
    'pairing.expired',
    'pairing.uncollected',
    'pairing.collecting',
  ],
  /**
   * An upload's refusals: the media page says them its own way, from what the server found in
   * `details` (pages/media/refusals.ts), with the file's own name and size.
   */
  upload: [
    'media.name-mismatch',
    'media.type-mismatch',
    'media.program',
    'media.archive',
    'media.svg-active',
    'media.svg',
    'media.html',
    'media.unsupported-type',
    'media.unrecognised',
    'media.codec-unplayable',
    'media.profile-unplayable',
    'media.no-video-track',
    'media.no-duration',
    'media.unreadable',
    'media.hidden-data',
    'media.frame-outside',
    'media.too-large',
    'media.too-many-pixels',
    'upload.too-large',
    'upload.empty',
    'upload.incomplete',
    'upload.stalled',
    'upload.field-twice',
    'upload.field-invalid',
    'upload.not-multipart',
    'upload.no-file',
    'upload.file-field',
  ],
  /**
   * Answers to an alerting system that pushes CAP alerts with its source's token
   * (POST /api/cap-sources/:id/alerts): the console registers sources but never sends alerts.
   */
  capPush: [
    'cap-source.token',
    'cap.too-large',
    'cap.malformed',
    'cap.doctype',
    'cap.not-cap',
    'cap.schema',
    'cap.too-many',
  ],
  /** Answers to feed readers fetching a site's on-air Atom feed: the console only sets who may read it. */
  onAirFeed: ['on-air.off', 'on-air.token-required', 'on-air.token-invalid'],
  /** Answers to a screen's kiosk agent uploading a screenshot with the screen's token. */
  agentScreenshot: [
    'screenshot.empty',
    'screenshot.type',
    'screenshot.unreadable',
    'screenshot.too-many-pixels',
    'screenshot.captured-at',
    'screenshot.clock-ahead',
    'screenshot.too-old',
    'screenshot.reason',
  ],
} as const satisfies Record<string, readonly ErrorCode[]>

export type UnmetGroup = keyof typeof UNMET_CODES
