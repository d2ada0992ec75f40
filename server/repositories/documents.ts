import { createHash } from 'node:crypto'
import { canonicalJson } from '../../playlists/canonical'
import type { DocumentContent, ScreenDocument } from '../../playlists/schemas/document'
import { type Clock, isoAt } from '../clock'
import type { Db } from '../db/open'

export const contentHash = (content: DocumentContent): string =>
  createHash('sha256').update(canonicalJson(content)).digest('hex')

/** Published documents, one row per version; a screen's newest version is what it must play. */
/** The text each document was stored as: pushed to players as it is (server/realtime/raw-json.ts). */
const STORED_JSON = new WeakMap<ScreenDocument, string>()

/** A document's JSON: the stored text when this process stored it, else serialised now. */
export const jsonOf = (document: ScreenDocument): string =>
  STORED_JSON.get(document) ?? JSON.stringify(document)

export class DocumentsRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  latest(screenId: string): ScreenDocument | undefined {
    const body = this.db
      .prepare('SELECT body FROM documents WHERE screen_id = ? ORDER BY version DESC LIMIT 1')
      .pluck()
      .get(screenId) as string | undefined
    return body === undefined ? undefined : (JSON.parse(body) as ScreenDocument)
  }

  /** The newest document's raw JSON, served without a parse/serialise round trip. */
  latestJson(screenId: string): string | undefined {
    return this.db
      .prepare('SELECT body FROM documents WHERE screen_id = ? ORDER BY version DESC LIMIT 1')
      .pluck()
      .get(screenId) as string | undefined
  }

  /** When a version was published (ms), for push-to-apply latency; undefined for an unknown one. */
  publishedAtMs(screenId: string, version: number): number | undefined {
    const at = this.db
      .prepare('SELECT published_at FROM documents WHERE screen_id = ? AND version = ?')
      .pluck()
      .get(screenId, version) as string | undefined
    return at === undefined ? undefined : Date.parse(at)
  }

  latestVersion(screenId: string): { version: number; hash: string } | undefined {
    return this.db
      .prepare('SELECT version, hash FROM documents WHERE screen_id = ? ORDER BY version DESC LIMIT 1')
      .get(screenId) as { version: number; hash: string } | undefined
  }

  /**
   * Stores `content` as the screen's next version unless it equals the current one.
   * Returns the new document, or null when nothing changed (so nothing needs pushing).
   */
  publish(content: DocumentContent): ScreenDocument | null {
    const hash = contentHash(content)
    const current = this.latestVersion(content.screenId)
    if (current?.hash === hash) return null
    const document: ScreenDocument = {
      ...content,
      version: (current?.version ?? 0) + 1,
      hash,
      publishedAt: isoAt(this.clock()),
    }
    const json = JSON.stringify(document)
    this.db
      .prepare(
        `INSERT INTO documents (screen_id, version, hash, body, published_at, horizon_until)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        document.screenId,
        document.version,
        hash,
        json,
        document.publishedAt,
        isoAt(document.horizon.untilMs),
      )
    STORED_JSON.set(document, json)
    return document
  }

  /** Screens whose current document's horizon ends before `before`: the refresh job's work. */
  screensDueForRefresh(before: number): string[] {
    return this.db
      .prepare(
        `SELECT d.screen_id FROM documents d
         WHERE d.version = (SELECT max(version) FROM documents WHERE screen_id = d.screen_id)
           AND (d.horizon_until IS NULL OR d.horizon_until < ?)
         ORDER BY d.screen_id`,
      )
      .pluck()
      .all(isoAt(before)) as string[]
  }

  /** Screens whose current document was written in an older format than `format`. */
  screensWithFormatBelow(format: number): string[] {
    return this.db
      .prepare(
        `SELECT d.screen_id FROM documents d
         WHERE d.version = (SELECT max(version) FROM documents WHERE screen_id = d.screen_id)
           AND coalesce(json_extract(d.body, '$.format'), 0) < ?
         ORDER BY d.screen_id`,
      )
      .pluck()
      .all(format) as string[]
  }
}
