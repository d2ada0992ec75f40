import { EMERGENCY_DURATION_MS_MAX, SLIDE_BODY_CHARS_MAX, SLIDE_TITLE_CHARS_MAX } from '../limits'
import type { CapAlert, CapInfo, CapPolicy, CapReference } from '../schemas/cap'
import type { Language } from '../schemas/common'
import type { SlideText, TrilingualText } from '../schemas/text'
import { type SiteLocation, sitesReached } from './area'
import { infosByLanguage } from './language'

/**
 * What an accepted CAP message does, as a pure function of the message, the source's policy,
 * the sites and `now`: go on air (waiting for approval, or at once when the source's break-glass
 * rule holds), withdraw earlier messages, or nothing, with the reason.
 */

export const CAP_IGNORE_REASONS = [
  'cap.status-system',
  'cap.status-draft',
  'cap.exercise-hidden',
  'cap.msg-type',
  'cap.scope',
  'cap.no-info',
  'cap.expired',
  'cap.reaches-none',
] as const
export type CapIgnoreReason = (typeof CAP_IGNORE_REASONS)[number]

export type CapDecision =
  | { kind: 'ignore'; reason: CapIgnoreReason }
  | { kind: 'cancel'; references: CapReference[] }
  | {
      kind: 'air'
      text: TrilingualText
      startsAtMs: number
      endsAtMs: number
      sites: string[]
      /** On air before approval: the source's break-glass rule covers this message. */
      breakGlass: boolean
      /** Earlier messages this one replaces (an Update's references). */
      replaces: CapReference[]
      /** The block the origin shows (the first of vi, en, zh, or the first sent). */
      primary: CapInfo
    }

/**
 * Marks that an Exercise or Test can never be mistaken for the real thing on screen. Kept in the
 * core because the text travels in the screens' documents as it is shown.
 */
export const NOT_REAL_LABELS: Record<'Exercise' | 'Test', Record<Language, string>> = {
  Exercise: { vi: 'DIỄN TẬP', zh: '演习', en: 'EXERCISE' },
  Test: { vi: 'THỬ NGHIỆM', zh: '测试', en: 'TEST' },
}

const MINUTE = 60_000

/** `sender,identifier,sent` triples separated by white space (§3.2.1 `references`). */
export function readReferences(text: string | undefined): CapReference[] {
  if (!text) return []
  const references: CapReference[] = []
  for (const triple of text.trim().split(/\s+/)) {
    const [sender, identifier, sent, ...rest] = triple.split(',')
    if (sender && identifier && sent && rest.length === 0) references.push({ sender, identifier, sent })
  }
  return references
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

function slideOf(info: CapInfo, mark: string | null): SlideText {
  const headline = (info.headline ?? info.event).trim() || info.event
  const body = [info.description, info.instruction]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join('\n')
  return {
    title: clip(mark ? `[${mark}] ${headline}` : headline, SLIDE_TITLE_CHARS_MAX),
    body: clip(body, SLIDE_BODY_CHARS_MAX),
  }
}

const instant = (value: string | undefined): number | null => {
  if (value === undefined) return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

export function decideCap(
  alert: CapAlert,
  policy: CapPolicy,
  sites: readonly SiteLocation[],
  now: number,
): CapDecision {
  if (alert.status === 'System') return { kind: 'ignore', reason: 'cap.status-system' }
  if (alert.status === 'Draft') return { kind: 'ignore', reason: 'cap.status-draft' }
  const notReal = alert.status === 'Exercise' || alert.status === 'Test'
  // A cancellation only ever takes something off the screens, so it is honoured whatever the policy.
  if (alert.msgType === 'Cancel') return { kind: 'cancel', references: alert.references }
  if (notReal && policy.exercises === 'hide') return { kind: 'ignore', reason: 'cap.exercise-hidden' }
  if (alert.msgType !== 'Alert' && alert.msgType !== 'Update')
    return { kind: 'ignore', reason: 'cap.msg-type' }
  if (alert.scope !== 'Public') return { kind: 'ignore', reason: 'cap.scope' }
  if (alert.infos.length === 0) return { kind: 'ignore', reason: 'cap.no-info' }

  const byLanguage = infosByLanguage(alert.infos)
  const primary = byLanguage.vi ?? byLanguage.en ?? byLanguage.zh ?? (alert.infos[0] as CapInfo)
  const mark = (language: Language) =>
    notReal ? NOT_REAL_LABELS[alert.status as 'Exercise' | 'Test'][language] : null
  // Vietnamese is required on screen; an alert without a vi block shows its primary block there.
  const text: TrilingualText = { vi: slideOf(byLanguage.vi ?? primary, mark('vi')) }
  if (byLanguage.zh) text.zh = slideOf(byLanguage.zh, mark('zh'))
  if (byLanguage.en) text.en = slideOf(byLanguage.en, mark('en'))

  const expiries = alert.infos.map((i) => instant(i.expires)).filter((ms): ms is number => ms !== null)
  const effective = instant(primary.effective) ?? now
  const startsAtMs = Math.max(now, effective)
  const declaredEnd =
    expiries.length > 0 ? Math.min(...expiries) : startsAtMs + policy.defaultMinutes * MINUTE
  if (declaredEnd <= now) return { kind: 'ignore', reason: 'cap.expired' }
  const endsAtMs = Math.min(declaredEnd, startsAtMs + EMERGENCY_DURATION_MS_MAX)
  if (endsAtMs <= startsAtMs) return { kind: 'ignore', reason: 'cap.expired' }

  const reached = sitesReached(
    alert.infos.flatMap((i) => i.areas),
    sites,
    policy.geocodes,
    policy.sites,
  )
  if (reached.length === 0) return { kind: 'ignore', reason: 'cap.reaches-none' }

  const rule = policy.breakGlass
  const breakGlass =
    rule !== null &&
    alert.status === 'Actual' &&
    rule.severities.includes(primary.severity) &&
    rule.urgencies.includes(primary.urgency) &&
    rule.certainties.includes(primary.certainty)

  return {
    kind: 'air',
    text,
    startsAtMs,
    endsAtMs,
    sites: reached,
    breakGlass,
    replaces: alert.msgType === 'Update' ? alert.references : [],
    primary,
  }
}
