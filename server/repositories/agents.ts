import type { AgentResult, AgentState, AgentStatus } from '@playlists/agent'
import { isoAt } from '../clock'
import type { Store } from '../db/store'

interface AgentRow {
  screen_id: string
  connected: 0 | 1 | null
  since: string | null
  version: string | null
  state: string | null
  results: string | null
}

/** The console shows the latest few results; older ones are in the screen's history (the audit log). */
export const AGENT_RESULTS_KEPT = 10

const SELECT = `SELECT s.id AS screen_id, a.connected, a.since, a.version, a.state, a.results
  FROM screens s LEFT JOIN screen_agents a ON a.screen_id = s.id`

const toStatus = (r: AgentRow): AgentStatus => ({
  screenId: r.screen_id,
  connected: r.connected === 1,
  version: r.version,
  since: r.since,
  state: r.state === null ? null : (JSON.parse(r.state) as AgentState),
  results: r.results === null ? [] : (JSON.parse(r.results) as AgentStatus['results']),
})

/** Each screen's kiosk agent: connected or not, its last report and its latest command results. */
export class AgentsRepository {
  constructor(private readonly db: Store) {}

  /** Every screen's, one per screen (a screen whose PC never ran an agent: not connected, nothing known). */
  list(): AgentStatus[] {
    return (this.db.prepare(`${SELECT} ORDER BY s.id`).all() as AgentRow[]).map(toStatus)
  }

  find(screenId: string): AgentStatus | undefined {
    const row = this.db.prepare(`${SELECT} WHERE s.id = ?`).get(screenId) as AgentRow | undefined
    return row && toStatus(row)
  }

  /** Connected or not; `since` moves only on a change. */
  setConnected(screenId: string, connected: boolean, at: number, version?: string): void {
    this.db
      .prepare(
        `INSERT INTO screen_agents (screen_id, connected, since, version) VALUES (@id, @connected, @at, @version)
         ON CONFLICT (screen_id) DO UPDATE SET
           since = CASE WHEN screen_agents.connected = excluded.connected THEN screen_agents.since ELSE excluded.since END,
           connected = excluded.connected, version = coalesce(excluded.version, screen_agents.version)`,
      )
      .run({ id: screenId, connected: connected ? 1 : 0, at: isoAt(at), version: version ?? null })
  }

  setState(screenId: string, state: AgentState): void {
    this.db
      .prepare('UPDATE screen_agents SET state = ? WHERE screen_id = ?')
      .run(JSON.stringify(state), screenId)
  }

  /** Adds a result at the front, keeping the latest AGENT_RESULTS_KEPT. */
  addResult(screenId: string, result: AgentResult, at: number): void {
    // Read, prepend, cut and write back in one transaction: the same on both engines, where
    // SQL over the stored JSON array would be written twice (json_each's keys differ in type).
    this.db
      .transaction(() => {
        const stored = this.db
          .prepare('SELECT results FROM screen_agents WHERE screen_id = ?')
          .pluck()
          .get(screenId)
        if (typeof stored !== 'string') return
        const kept = [{ at: isoAt(at), result }, ...(JSON.parse(stored) as unknown[])].slice(
          0,
          AGENT_RESULTS_KEPT,
        )
        this.db
          .prepare('UPDATE screen_agents SET results = ? WHERE screen_id = ?')
          .run(JSON.stringify(kept), screenId)
      })
      .immediate()
  }
}
