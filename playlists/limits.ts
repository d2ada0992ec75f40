/**
 * Every bound the system enforces, named once, with the reason it exists.
 * Shared by the API schemas, the player and the tests.
 */

/** Below one second a slide cannot be read and an LED panel visibly flickers between items. */
export const ITEM_DURATION_MS_MIN = 1_000

/**
 * One hour per item. A longer item is almost always a typo (ms entered as seconds), and it
 * would freeze a gate's screen on one picture for the rest of the day.
 */
export const ITEM_DURATION_MS_MAX = 3_600_000

/** A loop longer than this is no longer a playlist anyone reviews before approving it. */
export const PLAYLIST_ITEMS_MAX = 200

/** Slide titles are read from a moving vehicle or a queue at the gate: keep them short. */
export const SLIDE_TITLE_CHARS_MAX = 140

/** Three languages of this much text still fit a 1536×768 panel at a readable size. */
export const SLIDE_BODY_CHARS_MAX = 600

/** Names shown in the console and on identify screens. */
export const NAME_CHARS_MAX = 120

/** Still images: a 8K JPEG is ~20 MB; anything bigger is an unexported design file. */
export const IMAGE_BYTES_MAX = 40 * 1024 * 1024

/** Video: ten minutes of 1080p H.264 at ~6 Mbit/s is ~450 MB. */
export const VIDEO_BYTES_MAX = 512 * 1024 * 1024

/** The largest LED wall we plan for (8K); guards against nonsense sizes in screen configuration. */
export const SCREEN_PIXELS_MAX = 8192
/** Smaller than this is not a screen but a typo. */
export const SCREEN_PIXELS_MIN = 64

/** Schedule priorities: higher wins. A small range keeps operators' choices comparable. */
export const PRIORITY_MIN = 0
export const PRIORITY_MAX = 100
export const PRIORITY_DEFAULT = 50

/**
 * A cron occurrence or a daily window lasts at most a day. Longer spans are date ranges; the
 * bound also limits how far back the timeline must look to find what is playing.
 */
export const WINDOW_MINUTES_MAX = 1_440

/**
 * Documents carry the rules for at least this long ahead: longer than any outage a gate's
 * network should see, so a screen keeps switching dayparts on time with no server.
 */
export const DOCUMENT_HORIZON_DAYS = 21
/** The server refreshes a document when less than this is left of its horizon. */
export const DOCUMENT_REFRESH_DAYS = 14

/** An emergency message that nobody clears still ends: a forgotten alert must not stay up for weeks. */
export const EMERGENCY_DURATION_MS_MAX = 7 * 86_400_000

/**
 * Decoded pixels per image (one frame). A PNG or JPEG of a few kilobytes can declare 30000×30000
 * pixels and take gigabytes to decode (a "decompression bomb"); 100 megapixels is more than the
 * largest camera the province's press office uses (61 MP) and 12 times an 8K screen.
 */
export const IMAGE_PIXELS_MAX = 100_000_000

/** Tags are short labels for finding media ("tết", "hữu nghị"), not descriptions. */
export const TAG_CHARS_MAX = 40

/** More tags than this stop helping anyone find a file; they are usually a pasted paragraph. */
export const MEDIA_TAGS_MAX = 20

/**
 * An upload that sends no byte for this long is cut and its partial file removed: a gate's
 * uplink that drops mid-upload otherwise holds a connection and a temp file open for ever.
 * Long enough for a slow mobile link that pauses (a 3G handover takes a few seconds).
 */
export const UPLOAD_STALL_MS = 30_000

/**
 * A clock's label for its second time zone, per language ("Trung Quốc", "中国", "China"): it shares
 * a clock corner (a quarter of a 1536-pixel panel) with the time, so a word or two, not a sentence.
 */
export const CLOCK_LABEL_CHARS_MAX = 24

/** A ticker line per language: a sentence or two, read while it scrolls past. */
export const TICKER_CHARS_MAX = 500

/**
 * Ticker speed in screen pixels per second. Below 30 px/s text crawls and looks frozen; above
 * 400 px/s a 1536-pixel panel shows each word for under 4 s, too short to read from a queue.
 */
export const TICKER_SPEED_MIN = 30
export const TICKER_SPEED_MAX = 400
export const TICKER_SPEED_DEFAULT = 120

/** Web page addresses: longer URLs are almost always tracking parameters pasted by mistake. */
export const WEB_URL_CHARS_MAX = 2_000

/** Origins on the web-page allow-list: a handful of provincial and partner sites, not the web. */
export const WEB_ORIGINS_MAX = 100

/**
 * A web page that has not loaded after this long is skipped (Anthias #2999: a page that never
 * finished loading froze a screen). Gate uplinks are slow, so it is generous.
 */
export const WEB_LOAD_TIMEOUT_MS = 15_000

/** Zones in one layout: main area, ticker, clock, a logo or two; more is unreadable on an LED wall. */
export const LAYOUT_ZONES_MAX = 8

/**
 * The smallest zone side, as a fraction of the screen's side: 2 % of a 768-pixel LED panel is
 * 15 pixels, about one line of the smallest readable text.
 */
export const ZONE_FRACTION_MIN = 0.02

/**
 * Longest blend between two items. Beyond two seconds a crossfade stops reading as a transition
 * and starts hiding content; 0 is a cut.
 */
export const CROSSFADE_MS_MAX = 2_000

/** Passwords: long enough to resist guessing offline, short enough that hashing one is cheap to refuse. */
export const PASSWORD_CHARS_MIN = 10
export const PASSWORD_CHARS_MAX = 200

/** A signed-in session lasts this long without use, and at most SESSION_MAX_MS in all. */
export const SESSION_IDLE_MS = 12 * 3_600_000
export const SESSION_MAX_MS = 7 * 86_400_000

/** Failed sign-ins allowed per account and per address within LOGIN_WINDOW_MS before 429. */
export const LOGIN_FAILURES_MAX = 5
export const LOGIN_WINDOW_MS = 15 * 60_000

/** A comment on an approval, a rejection or a rollback. */
export const COMMENT_CHARS_MAX = 2_000

/** Audit entries per page of a query; the CSV export pages through all of them. */
export const AUDIT_PAGE_MAX = 500

/**
 * A pairing code lives this long: enough to walk from the screen to a console and type it, short
 * enough that a code photographed off a screen is soon worthless. The player then asks for a new one.
 */
export const PAIRING_CODE_TTL_MS = 10 * 60_000

/** After its code is bound, the player has this long to collect its token (it polls every few seconds). */
export const PAIRING_COLLECT_MS = 5 * 60_000

/** How often a player waiting for its code to be bound asks whether it is. */
export const PAIRING_POLL_MS = 2_000

/**
 * Open pairing requests per address: a gate's unpaired screens behind one router, reloaded a few
 * times, stay well below; a script filling the table does not get far. Server-wide, a hard cap.
 */
export const PAIRING_OPEN_PER_ADDRESS_MAX = 20
export const PAIRING_OPEN_MAX = 500

/**
 * Wrong codes allowed per account and per address within PAIRING_FAILURE_WINDOW_MS before 429.
 * With some 31^6 ≈ 8.9e8 codes and at most PAIRING_OPEN_MAX open, guessing within these bounds
 * hits an open code with odds below one in a hundred thousand per window.
 */
export const PAIRING_FAILURES_MAX = 5
export const PAIRING_FAILURE_WINDOW_MS = 15 * 60_000

/** A rotated token is revoked only once the player confirms it holds the new one, within this long. */
export const TOKEN_ROTATE_ACK_MS = 10_000

/**
 * The server warns (log, metric, console) when a player's clock and its own disagree by more than
 * this: the synchronized timeline runs on server time, so a wrong server clock moves every screen.
 */
export const CLOCK_DISAGREEMENT_MS = 1_000
