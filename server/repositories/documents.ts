import { createHash, type Hash } from 'node:crypto'
import { canonicalJson } from '@playlists/canonical'
import type {
  DocumentContent,
  DocumentProgramme,
  DocumentScreen,
  ScreenDocument,
} from '@playlists/schemas/document'
import { type Clock, isoAt } from '../clock'
import { FreshCache } from '../db/fresh-cache'
import type { Store } from '../db/store'

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** A document's hash: of its canonical JSON, less version, hash and publication stamp. */
export const contentHash = (content: DocumentContent): string => sha256(canonicalJson(content))

/**
 * A programme serialised once for every screen that shares it. In canonical JSON the content's
 * keys sort as the programme's (assets … rules), then `screen`, then `screenId`: a screen's hash
 * is the programme's text less its "}", then its own two keys. The hash state after the
 * programme's part is kept and copied per screen, so the shared text is hashed once too.
 */
export class PreparedProgramme {
  readonly id: string
  readonly json: string
  readonly horizonUntil: string
  private readonly hashed: Hash
  /** Whether this transaction already wrote it (see DocumentsRepository.publish). */
  stored = false

  /** `refreshBy`: when the refresh job must compile the screens again at the latest (the horizon's end). */
  constructor(programme: DocumentProgramme, refreshBy = programme.horizon.untilMs) {
    this.json = canonicalJson(programme)
    this.id = sha256(this.json)
    this.horizonUntil = isoAt(refreshBy)
    this.hashed = createHash('sha256').update(this.json.slice(0, -1))
  }

  /**
   * contentHash of the document this programme makes for the screen, without serialising the
   * programme again; `screenJson` is the screen's canonical JSON (which the head reuses).
   */
  hashFor(screenId: string, screenJson: string): string {
    return this.hashed
      .copy()
      .update(`,"screen":${screenJson},"screenId":${JSON.stringify(screenId)}}`)
      .digest('hex')
  }
}

interface CurrentVersion {
  version: number
  hash: string
  horizon_until: string | null
}

interface StoredRow {
  body: string
  programme_id: string | null
}

/** Programmes' texts kept in memory (about 3 KB each for a gate's playlists). */
const PROGRAMMES_CACHED = 1_000

/**
 * How a document's two stored parts make its whole text (migration 013): the screen's head
 * ("{…}", whose members come first) less its closing brace, a comma, then the programme
 * ("{…}") less its opening brace. The one place the rule is written: reading a row, publishing,
 * and the wire (server/plugins/services.ts) all join through these.
 */
export const documentStart = (head: string): string => `${head.slice(0, -1)},`
export const programmeTail = (programme: string): string => programme.slice(1)

/**
 * A stored version, as pushed: its identity and its JSON in two parts, sent to players as they
 * are (server/realtime/raw-json.ts): the screen's own start ("{…," up to the programme), then
 * the programme, whose tail is shared by every screen it reaches.
 */
export interface PublishedDocument {
  screenId: string
  version: number
  hash: string
  publishedAt: string
  head: string
  programme: PreparedProgramme
}

/** Published documents, one row per version; a screen's newest version is what it must play. */
export class DocumentsRepository {
  /** Each screen's newest document, as players ask for it again and again (bench `api`). */
  private readonly newest: FreshCache<string | null>

  constructor(
    private readonly db: Store,
    private readonly clock: Clock,
  ) {
    this.newest = new FreshCache(db.generation)
  }

  latest(screenId: string): ScreenDocument | undefined {
    const json = this.latestJson(screenId)
    return json === undefined ? undefined : (JSON.parse(json) as ScreenDocument)
  }

  /** The newest document's raw JSON, served without a parse/serialise round trip. */
  latestJson(screenId: string): string | undefined {
    const json = this.newest.get(screenId, () => {
      const row = this.db
        .prepare('SELECT body, programme_id FROM documents WHERE screen_id = ? ORDER BY version DESC LIMIT 1')
        .get(screenId) as StoredRow | undefined
      return row ? this.whole(row) : null
    })
    return json ?? undefined
  }

  /** One version's raw JSON; undefined for an unknown one. */
  json(screenId: string, version: number): string | undefined {
    const row = this.db
      .prepare('SELECT body, programme_id FROM documents WHERE screen_id = ? AND version = ?')
      .get(screenId, version) as StoredRow | undefined
    return row && this.whole(row)
  }

  /**
   * Programmes' texts by id. A programme never changes (its id is its text's hash), so a copy
   * is never stale, whichever node wrote it: the players' document route joins the two parts
   * here instead of in SQL, which copied the whole text on every request (bench `api`).
   */
  private readonly programmes = new Map<string, string>()

  /** A stored row as the whole document (see migration 013). */
  private whole(row: StoredRow): string {
    if (row.programme_id === null) return row.body
    let programme = this.programmes.get(row.programme_id)
    if (programme === undefined) {
      programme = this.db
        .prepare('SELECT body FROM document_programmes WHERE id = ?')
        .pluck()
        .get(row.programme_id) as string
      // Bounded: a long-running server meets many programmes over a year; keep the recent ones.
      if (this.programmes.size >= PROGRAMMES_CACHED) this.programmes.clear()
      this.programmes.set(row.programme_id, programme)
    }
    return documentStart(row.body) + programmeTail(programme)
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
   * Stores each programme's document for its screen as the screen's next version unless it
   * equals the current one; returns the new versions (an unchanged screen has nothing to push).
   * A programme is written once per transaction however many screens share it; its row may
   * exist already (an unchanged programme, or one shared with an earlier publish). Unchanged,
   * the current version still takes the programme's refresh instant: a compile that failed
   * asks for another try soon, and one that succeeds again ends the tries. The screens' current
   * versions are read in one query, and every new version carries the same publication instant:
   * one publish reaching ten thousand screens paid ten thousand lookups and clock readings
   * (bench `fanout`, profiled: about a fifth of the publish before the first push).
   */
  publishAll(
    compiled: readonly { programme: PreparedProgramme; screen: DocumentScreen }[],
  ): PublishedDocument[] {
    const currents = this.currentOf(compiled.map((c) => c.screen.id))
    const publishedAt = isoAt(this.clock())
    const published: PublishedDocument[] = []
    for (const { programme, screen } of compiled) {
      const document = this.publishOne(programme, screen, currents.get(screen.id), publishedAt)
      if (document) published.push(document)
    }
    return published
  }

  private publishOne(
    programme: PreparedProgramme,
    screen: DocumentScreen,
    current: CurrentVersion | undefined,
    publishedAt: string,
  ): PublishedDocument | null {
    const screenJson = canonicalJson(screen)
    const hash = programme.hashFor(screen.id, screenJson)
    if (current?.hash === hash) {
      if (current.horizon_until !== programme.horizonUntil) {
        this.db
          .prepare('UPDATE documents SET horizon_until = ? WHERE screen_id = ? AND version = ?')
          .run(programme.horizonUntil, screen.id, current.version)
      }
      return null
    }
    if (!programme.stored) {
      this.db
        .prepare('INSERT INTO document_programmes (id, body) VALUES (?, ?) ON CONFLICT (id) DO NOTHING')
        .run(programme.id, programme.json)
      programme.stored = true
    }
    const version = (current?.version ?? 0) + 1
    // Written out, not stringified: the screen's part is already serialised (its canonical JSON, hashed above).
    const head = `{"screenId":${JSON.stringify(screen.id)},"version":${version},"hash":"${hash}","publishedAt":${JSON.stringify(publishedAt)},"screen":${screenJson}}`
    this.db
      .prepare(
        `INSERT INTO documents (screen_id, version, hash, body, published_at, horizon_until, programme_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(screen.id, version, hash, head, publishedAt, programme.horizonUntil, programme.id)
    return { screenId: screen.id, version, hash, publishedAt, head: documentStart(head), programme }
  }

  /** The screens' newest versions, by screen (a screen never published has none). */
  private currentOf(screenIds: readonly string[]): Map<string, CurrentVersion> {
    const rows = this.newestRows<CurrentVersion>('d.version, d.hash, d.horizon_until', screenIds)
    return new Map(rows.map((row) => [row.screen_id, row]))
  }

  /**
   * The starts of these screens' documents (documentStart of each stored head), by screen, for
   * a node pushing a publish made on another: one query, however many screens. A screen whose
   * newest version is no longer the one asked for is left out: the newer publish brings its own.
   */
  starts(wanted: readonly { screenId: string; version: number }[]): Map<string, string> {
    const rows = this.newestRows<{ version: number; body: string; programme_id: string | null }>(
      'd.version, d.body, d.programme_id',
      wanted.map((w) => w.screenId),
    )
    const asked = new Map(wanted.map((w) => [w.screenId, w.version]))
    const starts = new Map<string, string>()
    for (const row of rows) {
      // A version without a programme of its own (written before migration 013) is a whole document: never a new one.
      if (row.programme_id !== null && asked.get(row.screen_id) === Number(row.version))
        starts.set(row.screen_id, documentStart(row.body))
    }
    return starts
  }

  /** `columns` of each screen's newest stored version, with its screen_id, in one query. */
  private newestRows<T>(columns: string, screenIds: readonly string[]): (T & { screen_id: string })[] {
    return this.db
      .prepare(
        `SELECT d.screen_id, ${columns} FROM json_each(?) s
         JOIN documents d ON d.screen_id = s.value
           AND d.version = (SELECT max(version) FROM documents WHERE screen_id = s.value)`,
      )
      .all(JSON.stringify(screenIds)) as (T & { screen_id: string })[]
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
        `SELECT d.screen_id FROM documents d LEFT JOIN document_programmes p ON p.id = d.programme_id
         WHERE d.version = (SELECT max(version) FROM documents WHERE screen_id = d.screen_id)
           -- The format is in the programme's part when the document has one (migration 013).
           -- Cast: PostgreSQL's json_extract answers text (postgres/compat.ts).
           AND coalesce(CAST(json_extract(coalesce(p.body, d.body), '$.format') AS INTEGER), 0) < ?
         ORDER BY d.screen_id`,
      )
      .pluck()
      .all(format) as string[]
  }
}
