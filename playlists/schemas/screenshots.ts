import Type, { type Static } from 'typebox'
import { Id, Timestamp } from './common'
import { PageOf, type PageSizes, pageQuery } from './paging'
import { LiteralUnion } from './union'

/**
 * Screenshots (issue 20 part 2): the frame a screen really showed, captured by its kiosk agent
 * through Chromium's DevTools, checked by the server against what the timeline says should be
 * on screen at that instant.
 */

/** Why the agent captured: its own timer, an operator's button, or its healing ladder. */
export const SCREENSHOT_REASONS = ['scheduled', 'on-demand', 'healing'] as const
export type ScreenshotReason = (typeof SCREENSHOT_REASONS)[number]

/**
 * - as-expected: the frame shows what should be there (or is dark off-hours);
 * - black: a nearly uniform dark frame while the screen should show something;
 * - error-page: a browser error page ("Aw, Snap!", "This site can't be reached") or a white page;
 * - frozen: the same frame as the screen's previous captures while the content should have moved;
 * - wrong-content: the frame differs from the expected picture beyond video motion and scaling;
 * - unverified: none of the checks needing no expected picture failed, and no expected picture
 *   could be rendered to compare with (the detail says why).
 */
export const SCREENSHOT_VERDICTS = [
  'as-expected',
  'black',
  'frozen',
  'wrong-content',
  'error-page',
  'unverified',
] as const
export type ScreenshotVerdict = (typeof SCREENSHOT_VERDICTS)[number]
export const ScreenshotVerdict = LiteralUnion(SCREENSHOT_VERDICTS)

/** A verdict that says the screen is in trouble (opens an alert incident). */
export const isTrouble = (verdict: ScreenshotVerdict): boolean =>
  verdict !== 'as-expected' && verdict !== 'unverified'

/**
 * The largest upload: a 1920×1080 PNG of busy video is ~3 MB, a 4K JPEG ~1.5 MB. The agent scales
 * before it uploads; more is not a screenshot.
 */
export const SCREENSHOT_BYTES_MAX = 4 * 1024 * 1024
/** Wider or taller than an 8K panel is no screen of ours (and a decompression bomb's trick). */
export const SCREENSHOT_SIDE_MAX = 8192

/**
 * The agent's clock may run a little ahead of the server's (both follow NTP, a gate PC drifts
 * between syncs): an instant up to this far in the future is taken as "now".
 */
export const CAPTURE_AHEAD_TOLERANCE_MS = 5_000
/**
 * A capture older than this on arrival is refused: over a gate's link a 4 MB upload takes a
 * minute at worst, and a frame checked against a stale instant would blame the wrong content.
 */
export const CAPTURE_AGE_MAX_MS = 5 * 60_000

export const CAPTURED_AT_HEADER = 'x-gatecast-captured-at'
export const REASON_HEADER = 'x-gatecast-reason'

export const Screenshot = Type.Object({
  id: Id,
  screenId: Id,
  capturedAt: Timestamp,
  receivedAt: Timestamp,
  reason: LiteralUnion(SCREENSHOT_REASONS),
  verdict: ScreenshotVerdict,
  /** Why, in English, for the log and a person; the console says it from the verdict. */
  detail: Type.String(),
  width: Type.Integer({ minimum: 1 }),
  height: Type.Integer({ minimum: 1 }),
  /** The stored files together (picture, thumbnail, expected picture). */
  bytes: Type.Integer({ minimum: 0 }),
  /** Whether an expected picture was rendered and kept beside it. */
  hasExpected: Type.Boolean(),
})
export type Screenshot = Static<typeof Screenshot>

/** What the agent gets back: enough to log, and to report in its ladder. */
export const ScreenshotReceipt = Type.Object({
  id: Id,
  screenId: Id,
  capturedAt: Timestamp,
  verdict: ScreenshotVerdict,
})
export type ScreenshotReceipt = Static<typeof ScreenshotReceipt>

export const SCREENSHOT_PAGE_SIZES: PageSizes = { max: 100, default: 24 }

export const ScreenshotQuery = Type.Object(
  { ...pageQuery(SCREENSHOT_PAGE_SIZES) },
  { additionalProperties: false },
)
export type ScreenshotQuery = Static<typeof ScreenshotQuery>

export const ScreenshotPage = PageOf(Screenshot)
export type ScreenshotPage = Static<typeof ScreenshotPage>

/** The picture itself, its thumbnail, or the expected picture rendered for it. */
export const SCREENSHOT_IMAGES = ['full', 'thumb', 'expected'] as const
export type ScreenshotImage = (typeof SCREENSHOT_IMAGES)[number]
export const ScreenshotImageParams = Type.Object({
  id: Id,
  image: LiteralUnion(SCREENSHOT_IMAGES),
})
