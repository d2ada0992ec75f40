import { SLIDE_BODY_CHARS_MAX, SLIDE_TITLE_CHARS_MAX } from '@playlists/limits'
import type { Emergency, EmergencyInput } from '@playlists/schemas/emergency'
import type { TrilingualText } from '@playlists/schemas/text'
import { useId, useState } from 'preact/hooks'
import { type ApiError, api } from '../../api'
import { Dialog } from '../../components/dialog'
import { hasStrings, isRecord } from '../../components/draft-shape'
import { ErrorMessage } from '../../components/error-message'
import { toApiError } from '../../components/form/action'
import { useLocalDraft } from '../../components/local-draft'
import { notify } from '../../components/notices'
import { DraftNotice } from '../../components/restore-banner'
import { tc } from '../../i18n/common'
import { formatDateTime, formatDuration, LANGUAGES, type Language, language } from '../../i18n/i18n'
import { shownName } from '../../i18n/names'
import type { EmergencyData } from './data'
import { t } from './messages'
import { TargetPicker } from './target-picker'
import { airsAlone, reached, type Selection, screensBySite, targetsOf, zoneOf } from './targets'

/**
 * How long a message stays up, in minutes. The server allows a week; the longest choice stays
 * well under it so a browser clock a little ahead of the server's is never refused.
 */
const DURATIONS_MIN = [15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320]
const DEFAULT_MIN = 60

type Texts = Record<Language, { title: string; body: string }>
const EMPTY: Texts = { vi: { title: '', body: '' }, zh: { title: '', body: '' }, en: { title: '', body: '' } }

/** What the form keeps in the browser until the message is sent (components/local-draft.ts). */
interface Kept {
  texts: Texts
  minutes: number
  all: boolean
  screens: string[]
}

function parseKept(data: unknown): Kept | null {
  if (!isRecord(data) || !isRecord(data.texts)) return null
  const texts = data.texts
  const ok =
    LANGUAGES.every((l) => hasStrings(texts[l], ['title', 'body'])) &&
    DURATIONS_MIN.includes(data.minutes as number) &&
    typeof data.all === 'boolean' &&
    Array.isArray(data.screens) &&
    data.screens.every((s) => typeof s === 'string')
  return ok ? (data as unknown as Kept) : null
}

/** The languages filled in; one with a body and no title cannot be sent (the title is what shows). */
function textOf(texts: Texts): TrilingualText {
  const out: Partial<TrilingualText> = {}
  for (const l of LANGUAGES) {
    const title = texts[l].title.trim()
    if (title) out[l] = { title, body: texts[l].body.trim() }
  }
  return out as TrilingualText
}

/**
 * A new emergency message: its text in the three languages side by side (warning when one is
 * missing), how long it stays up, and who sees it; a confirmation names every screen reached.
 */
export function EmergencyForm({ data }: { data: EmergencyData }) {
  const id = useId()
  const [texts, setTexts] = useState<Texts>(EMPTY)
  const [minutes, setMinutes] = useState(DEFAULT_MIN)
  const [selection, setSelection] = useState<Selection>({ all: false, screens: new Set() })
  const [problems, setProblems] = useState<Set<string>>(new Set())
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const kept: Kept = { texts, minutes, all: selection.all, screens: [...selection.screens].sort() }
  const local = useLocalDraft<Kept>({
    form: 'emergency',
    id: 'new',
    base: 'new',
    value: kept,
    // Words or targets are work to keep; a duration chosen alone is not (it outlives a send).
    dirty:
      LANGUAGES.some((l) => texts[l].title.trim() || texts[l].body.trim()) ||
      selection.all ||
      selection.screens.size > 0,
    parse: parseKept,
    onRestore: (draft) => {
      setTexts(draft.texts)
      setMinutes(draft.minutes)
      // Screens removed since the draft was kept are not aimed at.
      const known = new Set(data.screenList.map((s) => s.id))
      setSelection({ all: draft.all, screens: new Set(draft.screens.filter((id) => known.has(id))) })
    },
  })

  const sites = [...data.sites.values()]
  const targets = targetsOf(selection, data.screenList)
  const screens = reached(targets, data.screenList)
  const missing = LANGUAGES.filter((l) => l !== 'vi' && !texts[l].title.trim())

  const edit = (l: Language, field: 'title' | 'body', value: string) =>
    setTexts({ ...texts, [l]: { ...texts[l], [field]: value } })

  const review = (e: Event) => {
    e.preventDefault()
    const found = new Set<string>()
    if (!texts.vi.title.trim()) found.add('title-vi')
    for (const l of LANGUAGES) if (texts[l].body.trim() && !texts[l].title.trim()) found.add(`title-${l}`)
    if (screens.length === 0) found.add('targets')
    setProblems(found)
    setError(null)
    if (found.size === 0) setConfirming(true)
  }

  const send = async () => {
    setBusy(true)
    setError(null)
    const body: EmergencyInput = {
      text: textOf(texts),
      targets,
      expiresAt: new Date(Date.now() + minutes * 60_000).toISOString(),
    }
    try {
      const sent = await api.post('/api/emergencies', { body })
      notify(sent.approvedAt ? t('send.on-air') : t('send.waiting'))
      setConfirming(false)
      local.clear()
      setTexts(EMPTY)
      setSelection({ all: false, screens: new Set() })
      data.reload()
    } catch (err) {
      setError(toApiError(err))
      setConfirming(false)
    } finally {
      setBusy(false)
    }
  }

  const alone = airsAlone(screens, data.sites)
  const zone = zoneOf(
    screens.map((s) => s.id),
    data.screens,
    data.sites,
  )
  const grouped = [...screensBySite(screens)]
  return (
    <form class="form emergency-form" onSubmit={review} noValidate>
      <DraftNotice draft={local} />
      <fieldset class="emergency-texts">
        <legend>{t('text.legend')}</legend>
        <div class="emergency-languages">
          {LANGUAGES.map((l) => {
            const bad = problems.has(`title-${l}`)
            return (
              <fieldset key={l} class="emergency-language">
                <legend>
                  {t(`lang.${l}`)}
                  {l === 'vi' && <span class="muted"> {t('text.required')}</span>}
                </legend>
                <label class="field">
                  <span>{t('text.title')}</span>
                  <input
                    name={`title-${l}`}
                    lang={l}
                    value={texts[l].title}
                    maxLength={SLIDE_TITLE_CHARS_MAX}
                    aria-invalid={bad}
                    aria-describedby={bad ? `${id}-title-${l}` : undefined}
                    onInput={(e) => edit(l, 'title', e.currentTarget.value)}
                  />
                </label>
                {bad && (
                  <p id={`${id}-title-${l}`} class="field-error">
                    {l === 'vi' ? t('text.vi-needed') : t('text.title-needed')}
                  </p>
                )}
                <label class="field">
                  <span>{t('text.body')}</span>
                  <textarea
                    name={`body-${l}`}
                    lang={l}
                    rows={4}
                    value={texts[l].body}
                    maxLength={SLIDE_BODY_CHARS_MAX}
                    onInput={(e) => edit(l, 'body', e.currentTarget.value)}
                  />
                </label>
              </fieldset>
            )
          })}
        </div>
        <div role="status" class="emergency-warnings">
          {missing.map((l) => (
            <p key={l} class="emergency-warning">
              {t('text.missing-warning', { language: t(`lang.${l}`) })}
            </p>
          ))}
        </div>
      </fieldset>

      <label class="field emergency-duration">
        <span>{t('duration.label')}</span>
        <select name="duration" value={minutes} onChange={(e) => setMinutes(Number(e.currentTarget.value))}>
          {DURATIONS_MIN.map((m) => (
            <option key={m} value={m}>
              {formatDuration(m * 60_000)}
            </option>
          ))}
        </select>
        <span class="muted emergency-hint">{t('duration.hint')}</span>
      </label>

      <TargetPicker
        sites={sites}
        screens={data.screenList}
        selection={selection}
        onChange={(next) => {
          setSelection(next)
          setProblems(new Set([...problems].filter((p) => p !== 'targets')))
        }}
        invalid={problems.has('targets')}
        errorId={`${id}-targets`}
      />
      {problems.has('targets') && (
        <p id={`${id}-targets`} class="field-error">
          {t('targets.needed')}
        </p>
      )}
      <p class="muted">{t('targets.summary', { count: screens.length })}</p>

      <ErrorMessage error={error} />
      <div class="toolbar">
        <button type="submit" class="primary" name="review">
          {t('send.review')}
        </button>
      </div>

      <Dialog title={t('confirm.title')} open={confirming} onClose={() => setConfirming(false)}>
        <p>
          <strong>{t('confirm.reach', { count: screens.length })}</strong>
        </p>
        <ul class="emergency-confirm-screens">
          {grouped.map(([siteId, list]) => (
            <li key={siteId}>
              {data.sites.get(siteId)?.name[language.value] ?? siteId}:{' '}
              {list.map((s) => shownName(s.name)).join(', ')}
            </li>
          ))}
        </ul>
        <dl class="emergency-confirm-text">
          {LANGUAGES.map((l) => (
            <div key={l}>
              <dt>{t(`lang.${l}`)}</dt>
              <dd lang={l}>{texts[l].title.trim() || <span class="badge warn">{t('text.missing')}</span>}</dd>
            </div>
          ))}
        </dl>
        <p>
          {t('confirm.until', {
            duration: formatDuration(minutes * 60_000),
            at: formatDateTime(Date.now() + minutes * 60_000, zone),
          })}
        </p>
        <p class={alone ? 'emergency-note' : 'emergency-note emergency-warning'}>
          {alone ? t('confirm.alone') : t('confirm.second')}
        </p>
        <div class="toolbar">
          <button type="button" class="danger" name="send" disabled={busy} onClick={send}>
            {busy ? tc('saving') : t('send.button')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {tc('cancel')}
          </button>
        </div>
      </Dialog>
    </form>
  )
}
