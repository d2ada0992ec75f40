import type { ScreenDocument } from '@playlists/schemas/document'
import {
  CAPTURE_AGE_MAX_MS,
  CAPTURE_AHEAD_TOLERANCE_MS,
  SCREENSHOT_REASONS,
  type ScreenshotReason,
} from '@playlists/schemas/screenshots'
import type { FastifyBaseLogger } from 'fastify'
import { fileTypeFromBuffer } from 'file-type'
import { refuse } from '../errors'
import { newId } from '../ids'
import type { Repositories } from '../repositories'
import type { StoredScreenshot } from '../repositories/screenshots'
import { type Classification, classify, distance, type Evidence, isWrong, sameFrame } from './classify'
import { contentMoved, powerAt, swapNeighbours } from './expectation'
import type { ScreenshotFiles } from './files'
import { type FrameMeasures, measureFrame } from './measure'

const DAY_MS = 86_400_000
const MB = 1024 * 1024

/** Defaults: a fortnight of history (two weekends of a gate's traffic), in at most 500 MB. */
export const SCREENSHOT_KEEP_DAYS_DEFAULT = 14
export const SCREENSHOT_STORAGE_MB_DEFAULT = 500

/**
 * How far back the frozen check looks for identical captures: at the default interval (10 min)
 * the last three captures; an on-demand capture a minute after a scheduled one is compared too.
 */
export const FROZEN_LOOKBACK_MS = 30 * 60_000
const FROZEN_CAPTURES_MAX = 3
/**
 * A capture this close to a change of item may show either side of it: the player swaps on the
 * server's clock, but a loaded PC composites late, and the agent stamps the instant before
 * Chromium captures. Far from the picture at the instant, it is compared with the pictures this
 * far before and after too (rendered only then), and is as expected if close to one of them.
 */
export const SWAP_TOLERANCE_MS = 2_000
/** Rows read per round while enforcing retention. */
const RETENTION_BATCH = 200

export interface ScreenshotSettings {
  keepDays?: number
  storageMb?: number
  /** The Chromium that renders expected pictures (SCREENSHOT_CHROMIUM); none: no expected picture. */
  chromium?: string | null
}

/** Renders the picture the screen should show at an instant (expected.ts); absent: none configured. */
export interface ExpectedRenderer {
  render(screenId: string, at: number, size: { width: number; height: number }): Promise<Buffer>
}

export interface Upload {
  screenId: string
  body: unknown
  contentType: string | undefined
  capturedAt: string | undefined
  reason: string | undefined
}

const MIME = { 'image/png': 'png', 'image/jpeg': 'jpg' } as const
type Mime = keyof typeof MIME

/** Receives screenshots, classifies them, keeps their files, and forgets them by age and by space. */
export class ScreenshotService {
  readonly keepMs: number
  readonly storageBytes: number
  private retention: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly repos: Repositories,
    private readonly files: ScreenshotFiles,
    private readonly log: FastifyBaseLogger,
    settings: ScreenshotSettings,
    private readonly renderer: ExpectedRenderer | null,
    /** Told of every verdict once stored (alert incidents). */
    private readonly onStored: (shot: StoredScreenshot, at: number) => void,
  ) {
    this.keepMs = (settings.keepDays ?? SCREENSHOT_KEEP_DAYS_DEFAULT) * DAY_MS
    this.storageBytes = (settings.storageMb ?? SCREENSHOT_STORAGE_MB_DEFAULT) * MB
  }

  async receive(upload: Upload, now: number): Promise<StoredScreenshot> {
    const reason = reasonOf(upload.reason)
    const capturedAt = captureInstant(upload.capturedAt, now)
    const image = await imageOf(upload.body, upload.contentType)
    const frame = await measureFrame(image.bytes)
    const document = this.repos.documents.latest(upload.screenId)
    const expected = await this.expected(upload.screenId, document, capturedAt, frame)
    const result = classify(this.evidence(upload.screenId, document, capturedAt, frame, expected))

    const id = newId('shot')
    const names = this.files.names(upload.screenId, id, MIME[image.mime])
    let bytes = 0
    try {
      bytes += await this.files.write(names.full, image.bytes)
      bytes += await this.files.thumbnail(names.thumb, image.bytes)
      if (expected.picture) bytes += await this.files.write(names.expected, expected.picture)
    } catch (error) {
      await this.files.remove([names.full, names.thumb, names.expected])
      throw error
    }
    const shot = this.store(id, upload.screenId, capturedAt, reason, result, frame, names, expected, bytes)
    this.log.info({ screenId: upload.screenId, id, verdict: shot.verdict }, `screenshot: ${shot.detail}`)
    this.onStored(shot, now)
    // Over the limit now: make room at once rather than at the next hourly run (not awaited: the
    // agent's answer does not wait for deletions; a failure is logged, and the job runs again).
    if (this.repos.screenshots.totalBytes() > this.storageBytes)
      this.enforceRetention(now).catch((error: unknown) =>
        this.log.error({ err: error }, 'could not remove screenshots over the storage limit'),
      )
    return shot
  }

  private store(
    id: string,
    screenId: string,
    capturedAt: number,
    reason: ScreenshotReason,
    result: Classification,
    frame: FrameMeasures,
    names: ReturnType<ScreenshotFiles['names']>,
    expected: { picture?: Buffer },
    bytes: number,
  ): StoredScreenshot {
    try {
      return this.repos.screenshots.insert({
        id,
        screenId,
        capturedAt,
        reason,
        verdict: result.verdict,
        detail: result.detail,
        measures: frame,
        files: { full: names.full, thumb: names.thumb, expected: expected.picture ? names.expected : null },
        bytes,
      })
    } catch (error) {
      void this.files.remove([names.full, names.thumb, names.expected])
      throw error
    }
  }

  private evidence(
    screenId: string,
    document: ScreenDocument | undefined,
    capturedAt: number,
    frame: FrameMeasures,
    expected: Evidence['expected'],
  ): Evidence {
    // Earlier captures showing this very frame, newest first, as long as they keep matching.
    let sameSince: Evidence['sameSince'] = null
    const earlier = this.repos.screenshots.recent(
      screenId,
      capturedAt - FROZEN_LOOKBACK_MS,
      capturedAt,
      FROZEN_CAPTURES_MAX,
    )
    for (const shot of earlier) {
      if (!sameFrame(shot.measures, frame)) break
      const at = Date.parse(shot.capturedAt)
      sameSince = {
        capturedAtMs: at,
        contentMoved: document ? contentMoved(document, at, capturedAt) : false,
      }
    }
    return {
      frame,
      power: document ? powerAt(document, capturedAt) : { on: true, brightness: 100 },
      sameSince,
      expected,
    }
  }

  /** The expected picture and its measures, or why there is none (the verdict's detail says it). */
  private async expected(
    screenId: string,
    document: ScreenDocument | undefined,
    at: number,
    frame: FrameMeasures,
  ): Promise<Evidence['expected'] & { picture?: Buffer }> {
    if (!document) return { missing: 'the screen has no published document.' }
    if (!this.renderer) return { missing: 'no Chromium is configured to render it (SCREENSHOT_CHROMIUM).' }
    const size = { width: frame.width, height: frame.height }
    try {
      const picture = await this.renderer.render(screenId, at, size)
      const measures = await measureFrame(picture)
      if (!isWrong(distance(frame, measures))) return { measures, picture }
      // Far from it: beside a swap, the screen may show the item just before or after.
      for (const other of swapNeighbours(document, at, SWAP_TOLERANCE_MS)) {
        const near = await this.renderer.render(screenId, other, size)
        const nearMeasures = await measureFrame(near)
        if (!isWrong(distance(frame, nearMeasures)))
          return { measures: nearMeasures, picture: near, offsetMs: other - at }
      }
      return { measures, picture }
    } catch (error) {
      this.log.warn({ err: error, screenId }, 'could not render the expected picture')
      return { missing: `rendering it failed (${(error as Error).message.slice(0, 200)}).` }
    }
  }

  /** The picture the screen should show at `at`, at `size` (the console's check, and tests). */
  renderExpected(screenId: string, at: number, size: { width: number; height: number }): Promise<Buffer> {
    if (!this.renderer) return Promise.reject(new Error('no Chromium is configured (SCREENSHOT_CHROMIUM)'))
    return this.renderer.render(screenId, at, size)
  }

  /**
   * Removes captures older than the retention period, then the oldest until the files fit the
   * storage limit; each screen's newest capture stays whatever its age or size. One run at a time.
   */
  enforceRetention(now: number): Promise<{ removed: number }> {
    const run = this.retention.then(() => this.retain(now))
    this.retention = run.catch(() => undefined)
    return run
  }

  private async retain(now: number): Promise<{ removed: number }> {
    const cutoff = now - this.keepMs
    let total = this.repos.screenshots.totalBytes()
    let removed = 0
    for (;;) {
      const batch = this.repos.screenshots.removable(RETENTION_BATCH)
      let stopped = batch.length < RETENTION_BATCH
      for (const shot of batch) {
        if (Date.parse(shot.capturedAt) >= cutoff && total <= this.storageBytes) {
          stopped = true
          break
        }
        this.repos.screenshots.delete(shot.id)
        await this.files.remove([shot.files.full, shot.files.thumb, shot.files.expected])
        total -= shot.bytes
        removed++
      }
      if (stopped) break
    }
    if (removed > 0) this.log.info({ removed, bytes: total }, 'screenshots past their retention removed')
    return { removed }
  }
}

function reasonOf(value: string | undefined): ScreenshotReason {
  const reason = SCREENSHOT_REASONS.find((r) => r === value)
  if (!reason) {
    throw refuse('screenshot.reason', `Send X-Gatecast-Reason: one of ${SCREENSHOT_REASONS.join(', ')}.`, {
      field: 'x-gatecast-reason',
      params: { allowed: SCREENSHOT_REASONS.join(', ') },
    })
  }
  return reason
}

/** The capture instant: a little ahead is taken as now, far ahead or too old is refused. */
function captureInstant(value: string | undefined, now: number): number {
  const at = value !== undefined && /^[0-9]{1,15}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN
  if (!Number.isSafeInteger(at)) {
    throw refuse(
      'screenshot.captured-at',
      'Send X-Gatecast-Captured-At: the instant of the capture in milliseconds since 1970 (UTC).',
      { field: 'x-gatecast-captured-at' },
    )
  }
  const ahead = at - now
  if (ahead > CAPTURE_AHEAD_TOLERANCE_MS) {
    const seconds = Math.round(ahead / 1000)
    throw refuse(
      'screenshot.clock-ahead',
      `The capture instant is ${seconds} s ahead of the server's clock: check NTP on the screen's PC.`,
      { field: 'x-gatecast-captured-at', params: { seconds } },
    )
  }
  if (now - at > CAPTURE_AGE_MAX_MS) {
    const minutes = Math.floor((now - at) / 60_000)
    throw refuse(
      'screenshot.too-old',
      `The capture is ${minutes} min old; the server checks captures at most ${CAPTURE_AGE_MAX_MS / 60_000} min old (or the screen's clock is behind).`,
      { field: 'x-gatecast-captured-at', params: { minutes, max: CAPTURE_AGE_MAX_MS / 60_000 } },
    )
  }
  return Math.min(at, now)
}

/** The body as a PNG or JPEG, by its bytes and by its declared type, which must agree. */
async function imageOf(
  body: unknown,
  contentType: string | undefined,
): Promise<{ bytes: Buffer; mime: Mime }> {
  const declared = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!(declared in MIME) || !Buffer.isBuffer(body)) {
    throw refuse(
      'screenshot.type',
      'Send the picture as the raw body, Content-Type image/png or image/jpeg.',
      {
        params: { contentType: declared.slice(0, 100) },
      },
    )
  }
  if (body.length === 0) throw refuse('screenshot.empty', 'The body is empty: send the picture.')
  const sniffed = (await fileTypeFromBuffer(body))?.mime
  if (sniffed !== declared) {
    throw refuse(
      'screenshot.type',
      `The body is ${sniffed ? `a ${sniffed} file` : 'not a picture'}, not the ${declared} it was sent as.`,
      { params: { contentType: declared, found: sniffed ?? 'unknown' } },
    )
  }
  return { bytes: body, mime: declared as Mime }
}
