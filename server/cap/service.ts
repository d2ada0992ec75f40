import { type CapDecision, decideCap } from '@playlists/cap/decide'
import {
  type CapAlert,
  type CapReference,
  type CapResult,
  type CapSource,
  isCapFailure,
} from '@playlists/schemas/cap'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { DomainError } from '../domain-error'
import { outboundFailure } from '../outbound/failure'
import type { CapSourceFailure } from '../repositories/cap-sources'
import { capSender } from '../repositories/emergencies'
import { readCapDocument, readPulled } from './document'
import { CAP_XML_BYTES_MAX } from './xml'

/** A pulled source that does not answer in this long is tried again at its next interval. */
export const CAP_PULL_TIMEOUT_MS = 10_000

const MINUTE = 60_000

/** A fetch that brought no answer, named the way the console translates it. */
function fetchFailure(error: unknown): CapSourceFailure {
  const outbound = outboundFailure(error)
  if (outbound) return { code: `fetch.${outbound.kind}`, message: `fetch: ${outbound.message}` }
  return { code: null, message: `fetch: ${(error as Error).message}` }
}

/** An answer that was not the document asked for: the source's own address, or an entry it links. */
const statusFailure = (status: number, url: string, link: boolean): CapSourceFailure => ({
  code: 'fetch.status',
  message: link ? `fetch: ${url}: HTTP ${status}` : `fetch: HTTP ${status}`,
  params: { status, url },
})

/**
 * Official alerts from their sources to emergency messages: each accepted alert becomes a message
 * waiting for a second approver, or on air at once under the source's break-glass rule; an Update
 * replaces what it references, a Cancel withdraws it. Every step is in the audit log, as the person
 * who pushed (the source's token) or as the system (a pull).
 */
export class CapService {
  constructor(private readonly app: FastifyInstance) {}

  /** Reads a document a source sent and acts on each of its alerts. */
  async receive(
    source: CapSource,
    xml: string | Buffer,
    request: FastifyRequest | null,
  ): Promise<CapResult[]> {
    let alerts: CapAlert[]
    try {
      alerts = await readCapDocument(xml)
    } catch (error) {
      if (error instanceof DomainError) this.fail(source, error, request)
      throw error
    }
    // Deleted while the document was read: nothing of it is recorded or acted on.
    this.app.repos.capSources.get(source.id)
    this.app.repos.capSources.succeeded(source.id)
    return alerts.map((alert) => this.act(source, alert, request))
  }

  /** Audit entries name the source as their actor: no person pushed or pulled the alert. */
  private by(source: CapSource, request: FastifyRequest | null) {
    return {
      actor: { kind: 'system' as const, id: capSender(source.id), name: source.name },
      via: request ? 'cap-push' : 'cap-pull',
    }
  }

  private fail(source: CapSource, error: DomainError, request: FastifyRequest | null): void {
    this.app.repos.capSources.failed(source.id, this.app.clock(), {
      code: isCapFailure(error.code) ? error.code : null,
      message: `${error.code}: ${error.message}`,
      ...(error.params === undefined ? {} : { params: error.params }),
    })
    this.app.audit(request, {
      ...this.by(source, request),
      action: 'cap.refuse',
      outcome: 'failed',
      objectType: 'cap-source',
      objectId: source.id,
      detail: `${error.code}: ${error.message}`.slice(0, 500),
    })
  }

  /** One alert, in one transaction: recorded, decided, and its emergency messages changed. */
  private act(source: CapSource, alert: CapAlert, request: FastifyRequest | null): CapResult {
    const { repos } = this.app
    const base = { identifier: alert.identifier, sent: alert.sent }
    if (repos.capSources.findMessage(source.id, alert))
      return { ...base, outcome: 'duplicate', reason: null, emergencyId: null }
    const now = this.app.clock()
    const decision = decideCap(alert, source.policy, repos.sites.locations(), now)
    const republish = new Set<string>()
    const result = this.app.db.transaction((): CapResult => {
      const withdrawn =
        decision.kind === 'cancel' ? decision.references : decision.kind === 'air' ? decision.replaces : []
      for (const e of this.withdraw(source, withdrawn)) {
        for (const screen of e.screens) republish.add(screen)
        this.app.audit(request, {
          ...this.by(source, request),
          action: 'emergency.withdraw',
          objectType: 'emergency',
          objectId: e.id,
          after: e,
          detail: `${alert.msgType} ${alert.sender},${alert.identifier},${alert.sent}`,
        })
      }
      return this.record(source, alert, decision, now, republish)
    })()
    this.app.audit(request, {
      ...this.by(source, request),
      action: 'cap.receive',
      objectType: 'cap-source',
      objectId: source.id,
      after: { ...result, status: alert.status, msgType: alert.msgType },
      detail: `${alert.sender},${alert.identifier},${alert.sent}: ${result.outcome}${result.reason ? ` (${result.reason})` : ''}`,
    })
    if (republish.size > 0) this.app.publisher.republish([...republish].sort())
    return result
  }

  private withdraw(source: CapSource, references: readonly CapReference[]) {
    const { repos } = this.app
    const messages = references
      .map((ref) => repos.capSources.findMessage(source.id, ref)?.id)
      .filter((id): id is string => id !== undefined)
    return repos.emergencies.openForCapMessages(messages).map((e) => repos.emergencies.clear(e.id))
  }

  private record(
    source: CapSource,
    alert: CapAlert,
    decision: CapDecision,
    now: number,
    republish: Set<string>,
  ): CapResult {
    const { repos } = this.app
    const base = { identifier: alert.identifier, sent: alert.sent }
    if (decision.kind === 'ignore') {
      repos.capSources.record(source.id, alert, 'ignored', decision.reason)
      return { ...base, outcome: 'ignored', reason: decision.reason, emergencyId: null }
    }
    if (decision.kind === 'cancel') {
      repos.capSources.record(source.id, alert, 'cancel', null)
      return { ...base, outcome: 'cancel', reason: null, emergencyId: null }
    }
    const screens = [
      ...new Set(decision.sites.flatMap((id) => repos.screens.idsForTarget({ type: 'site', id }))),
    ].sort()
    if (screens.length === 0) {
      repos.capSources.record(source.id, alert, 'ignored', 'cap.reaches-none')
      return { ...base, outcome: 'ignored', reason: 'cap.reaches-none', emergencyId: null }
    }
    const rule = source.policy.breakGlass
    const outcome = decision.breakGlass ? 'break-glass' : 'emergency'
    const messageId = repos.capSources.record(source.id, alert, outcome, null)
    const emergency = repos.emergencies.createFromCap(source.id, {
      text: decision.text,
      sites: decision.sites,
      screens,
      startsAtMs: decision.startsAtMs,
      endsAtMs: decision.endsAtMs,
      capMessageId: messageId,
      confirmByMs: decision.breakGlass && rule ? now + rule.confirmWithinMinutes * MINUTE : null,
    })
    repos.capSources.linkEmergency(messageId, emergency.id)
    if (decision.breakGlass) for (const screen of screens) republish.add(screen)
    return { ...base, outcome, reason: null, emergencyId: emergency.id }
  }

  /**
   * Fetches a pulled source: a conditional request (its last ETag / Last-Modified), bounded in
   * time and size; a feed's entries are fetched in turn, each alert acted on once.
   */
  async pull(source: CapSource, now: number): Promise<CapResult[]> {
    const { repos, outbound } = this.app
    // A source deleted since the job listed it, or while a request below was under way, is left alone.
    const gone = () => repos.capSources.find(source.id) === undefined
    if (!source.url || gone()) return []
    const validators = repos.capSources.validators(source.id)
    const headers: Record<string, string> = {
      accept: 'application/cap+xml, application/atom+xml, application/xml',
    }
    if (validators.etag) headers['if-none-match'] = validators.etag
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified
    let answer: Awaited<ReturnType<typeof outbound.request>>
    try {
      answer = await outbound.request(source.url, {
        headers,
        timeoutMs: CAP_PULL_TIMEOUT_MS,
        maxBytes: CAP_XML_BYTES_MAX + 1,
      })
    } catch (error) {
      repos.capSources.fetched(source.id, now, null)
      repos.capSources.failed(source.id, now, fetchFailure(error))
      return []
    }
    if (gone()) return []
    if (answer.status === 304) {
      repos.capSources.fetched(source.id, now, null)
      repos.capSources.succeeded(source.id)
      return []
    }
    if (answer.status !== 200) {
      repos.capSources.fetched(source.id, now, null)
      repos.capSources.failed(source.id, now, statusFailure(answer.status, source.url, false))
      return []
    }
    const header = (name: string) => {
      const value = answer.headers[name]
      return typeof value === 'string' ? value : null
    }
    repos.capSources.fetched(source.id, now, { etag: header('etag'), lastModified: header('last-modified') })
    let pulled: Awaited<ReturnType<typeof readPulled>>
    try {
      pulled = await readPulled(answer.body, answer.url)
    } catch (error) {
      if (error instanceof DomainError) this.fail(source, error, null)
      return []
    }
    if (gone()) return []
    if (pulled.kind === 'alerts') {
      repos.capSources.succeeded(source.id)
      return pulled.alerts.map((alert) => this.act(source, alert, null))
    }
    const results: CapResult[] = []
    for (const link of pulled.links) {
      try {
        const entry = await outbound.request(link, {
          timeoutMs: CAP_PULL_TIMEOUT_MS,
          maxBytes: CAP_XML_BYTES_MAX + 1,
        })
        if (gone()) break
        if (entry.status !== 200)
          repos.capSources.failed(source.id, now, statusFailure(entry.status, link, true))
        else results.push(...(await this.receive(source, entry.body, null)))
      } catch (error) {
        // One entry that fails does not hold back the others; the source shows the last error.
        if (!(error instanceof DomainError)) repos.capSources.failed(source.id, now, fetchFailure(error))
      }
    }
    return results
  }
}
