import { SLIDE_BODY_CHARS_MAX, SLIDE_TITLE_CHARS_MAX } from '@playlists/limits'
import type { EmergencyInput } from '@playlists/schemas/emergency'
import type { TrilingualText } from '@playlists/schemas/text'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { hasStrings, isRecord } from '../../components/draft-shape'
import { ErrorMessage } from '../../components/error-message'
import { Field, type FieldCheck } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { refusedFields, refuses } from '../../components/form/refusal'
import { useAction } from '../../components/form/use-action'
import { useLocalDraft } from '../../components/local-draft'
import { notify } from '../../components/notices'
import { DraftNotice } from '../../components/restore-banner'
import { formatDuration, LANGUAGES, type Language } from '../../i18n/i18n'
import { ConfirmSend } from './confirm-send'
import type { EmergencyData } from './data'
import { t } from './messages'
import { TargetPicker } from './target-picker'
import { reached, type Selection, targetsOf } from './targets'

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
  const [texts, setTexts] = useState<Texts>(EMPTY)
  const [minutes, setMinutes] = useState(DEFAULT_MIN)
  const [selection, setSelection] = useState<Selection>({ all: false, screens: new Set() })
  const [problems, setProblems] = useState<Set<string>>(new Set())
  const [confirming, setConfirming] = useState(false)
  const refusalId = useId()
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

  const send = useAction(async () => {
    const body: EmergencyInput = {
      text: textOf(texts),
      targets,
      expiresAt: new Date(Date.now() + minutes * 60_000).toISOString(),
    }
    try {
      const sent = await api.post('/api/emergencies', { body })
      notify(sent.approvedAt ? t('send.on-air') : t('send.waiting'))
      local.clear()
      setTexts(EMPTY)
      setSelection({ all: false, screens: new Set() })
      data.reload()
    } finally {
      // Sent or refused, the form is where the reader goes on: the refusal is shown there.
      setConfirming(false)
    }
  })
  const refused = refusedFields(send.error)
  /** The message's own check of `field` once reviewed, else whether the server named `path`. */
  const check = (path: string, error?: string): FieldCheck => ({
    error,
    invalid: Boolean(error) || refuses(refused, path),
    refusalId,
  })
  // A site or screen gone since the page loaded is refused by its code, naming no field.
  const targetsRefused =
    refuses(refused, 'targets') ||
    send.error?.code === 'emergency.site-unknown' ||
    send.error?.code === 'emergency.screen-unknown'

  const review = (e: Event) => {
    e.preventDefault()
    const found = new Set<string>()
    if (!texts.vi.title.trim()) found.add('title-vi')
    for (const l of LANGUAGES) if (texts[l].body.trim() && !texts[l].title.trim()) found.add(`title-${l}`)
    if (screens.length === 0) found.add('targets')
    setProblems(found)
    send.setError(null)
    if (found.size === 0) setConfirming(true)
  }

  return (
    <>
      <form class="form emergency-form" onSubmit={review} noValidate>
        <DraftNotice draft={local} />
        <fieldset class="emergency-texts">
          <legend>{t('text.legend')}</legend>
          <div class="emergency-languages">
            {LANGUAGES.map((l) => (
              <fieldset key={l} class="emergency-language">
                <legend>
                  {t(`lang.${l}`)}
                  {l === 'vi' && <span class="muted"> {t('text.required')}</span>}
                </legend>
                <Field
                  label={t('text.title')}
                  {...check(
                    `text.${l}.title`,
                    problems.has(`title-${l}`)
                      ? l === 'vi'
                        ? t('text.vi-needed')
                        : t('text.title-needed')
                      : undefined,
                  )}
                >
                  {(control) => (
                    <input
                      {...control}
                      name={`title-${l}`}
                      lang={l}
                      value={texts[l].title}
                      maxLength={SLIDE_TITLE_CHARS_MAX}
                      onInput={(e) => edit(l, 'title', e.currentTarget.value)}
                    />
                  )}
                </Field>
                <Field label={t('text.body')} {...check(`text.${l}.body`)}>
                  {(control) => (
                    <textarea
                      {...control}
                      name={`body-${l}`}
                      lang={l}
                      rows={4}
                      value={texts[l].body}
                      maxLength={SLIDE_BODY_CHARS_MAX}
                      onInput={(e) => edit(l, 'body', e.currentTarget.value)}
                    />
                  )}
                </Field>
              </fieldset>
            ))}
          </div>
          <div role="status" class="emergency-warnings">
            {missing.map((l) => (
              <p key={l} class="emergency-warning">
                {t('text.missing-warning', { language: t(`lang.${l}`) })}
              </p>
            ))}
          </div>
        </fieldset>

        <Field
          label={t('duration.label')}
          hint={t('duration.hint')}
          class="emergency-duration"
          {...check('expiresAt')}
        >
          {(control) => (
            <select
              {...control}
              name="duration"
              value={minutes}
              onChange={(e) => setMinutes(Number(e.currentTarget.value))}
            >
              {DURATIONS_MIN.map((m) => (
                <option key={m} value={m}>
                  {formatDuration(m * 60_000)}
                </option>
              ))}
            </select>
          )}
        </Field>

        <TargetPicker
          sites={sites}
          screens={data.screenList}
          selection={selection}
          onChange={(next) => {
            setSelection(next)
            setProblems(new Set([...problems].filter((p) => p !== 'targets')))
          }}
          error={problems.has('targets') ? t('targets.needed') : undefined}
          invalid={problems.has('targets') || targetsRefused}
          refusalId={refusalId}
        />
        <p class="muted">{t('targets.summary', { count: screens.length })}</p>

        {send.error && <ErrorMessage error={send.error} id={refusalId} />}
        <FormActions label={t('send.review')} name="review" busy={false} />
      </form>
      <ConfirmSend
        open={confirming}
        data={data}
        screens={screens}
        titles={{ vi: texts.vi.title.trim(), zh: texts.zh.title.trim(), en: texts.en.title.trim() }}
        minutes={minutes}
        busy={send.busy}
        onSend={() => void send.run()}
        onClose={() => setConfirming(false)}
      />
    </>
  )
}
