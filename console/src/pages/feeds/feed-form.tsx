import type { FeedInput, FeedLanguage, FeedSource } from '@playlists/schemas/feed'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field, type FieldCheck, type FieldControl } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { refusedFields } from '../../components/form/refusal'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { tf } from './messages'

/** playlists/schemas/feed.ts bounds, named here to keep TypeBox out of the bundle. */
const INTERVAL_MIN = 5
const INTERVAL_MAX = 1440
const MAX_AGE_HOURS_MAX = 720
const ALERT_MINUTES_MAX = 10_080
const LANGUAGES: readonly FeedLanguage[] = ['vi', 'zh', 'en', 'entries']

/** Registers a feed source, or changes one (`source` given): the draft another person approves. */
export function FeedForm({
  source,
  onClose,
  onSaved,
}: {
  source: FeedSource | null
  onClose: () => void
  onSaved: () => void
}) {
  const [name, setName] = useState(source?.name ?? '')
  const [url, setUrl] = useState(source?.url ?? 'https://')
  const [language, setLanguage] = useState<FeedLanguage>(source?.language ?? 'vi')
  const [interval, setInterval] = useState(String(source?.intervalMinutes ?? 15))
  const [words, setWords] = useState((source?.words ?? []).join('\n'))
  const [maxAge, setMaxAge] = useState(source?.maxAgeHours == null ? '' : String(source.maxAgeHours))
  const [alertAfter, setAlertAfter] = useState(String(source?.alertAfterMinutes ?? 60))
  const refusalId = useId()

  const save = useAction(async () => {
    const body: FeedInput = {
      name: name.trim(),
      url: url.trim(),
      language,
      intervalMinutes: Number(interval),
      words: words
        .split('\n')
        .map((w) => w.trim())
        .filter((w) => w.length > 0),
      maxAgeHours: maxAge.trim() === '' ? null : Number(maxAge),
      alertAfterMinutes: Number(alertAfter),
    }
    if (source) await api.put('/api/feeds/:id', { params: { id: source.id }, body })
    else await api.post('/api/feeds', { body })
    notify(tf('saved'))
    onSaved()
  })
  const submit = (event: Event) => {
    event.preventDefault()
    void save.run()
  }
  const refused = refusedFields(save.error)
  const check = (field: string): FieldCheck => ({ invalid: refused.has(field), refusalId })
  return (
    <form class="form" onSubmit={submit}>
      <p class="muted">{tf('approval.hint')}</p>
      <Field label={tc('name')} {...check('name')}>
        {(control) => (
          <input
            {...control}
            name="name"
            required
            maxLength={120}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={tf('url')} {...check('url')}>
        {(control) => (
          <input
            {...control}
            name="url"
            type="url"
            required
            maxLength={2000}
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={tf('language')} {...check('language')}>
        {(control) => (
          <select
            {...control}
            name="language"
            value={language}
            onChange={(e) => setLanguage(e.currentTarget.value as FeedLanguage)}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {tf(`language.${l}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={tf('interval')} {...check('intervalMinutes')}>
        {(control) => (
          <WholeNumber
            control={control}
            name="intervalMinutes"
            value={interval}
            onValue={setInterval}
            min={INTERVAL_MIN}
            max={INTERVAL_MAX}
            required
          />
        )}
      </Field>
      <Field label={tf('words')} hint={tf('words.hint')} {...check('words')}>
        {(control) => (
          <textarea
            {...control}
            name="words"
            rows={4}
            value={words}
            onInput={(e) => setWords(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={tf('max-age')} hint={tf('max-age.hint')} {...check('maxAgeHours')}>
        {(control) => (
          <WholeNumber
            control={control}
            name="maxAgeHours"
            value={maxAge}
            onValue={setMaxAge}
            min={1}
            max={MAX_AGE_HOURS_MAX}
          />
        )}
      </Field>
      <Field label={tf('alert-after')} {...check('alertAfterMinutes')}>
        {(control) => (
          <WholeNumber
            control={control}
            name="alertAfterMinutes"
            value={alertAfter}
            onValue={setAlertAfter}
            min={1}
            max={ALERT_MINUTES_MAX}
            required
          />
        )}
      </Field>
      {save.error && <ErrorMessage error={save.error} id={refusalId} />}
      <FormActions label={tc('save')} busy={save.busy} onCancel={onClose} />
    </form>
  )
}

/** A count of minutes or hours, as the form keeps it: the text typed, read as a number on save. */
function WholeNumber(props: {
  control: FieldControl
  name: string
  value: string
  onValue: (value: string) => void
  min: number
  max: number
  required?: boolean
}) {
  return (
    <input
      {...props.control}
      name={props.name}
      type="number"
      min={props.min}
      max={props.max}
      step={1}
      required={props.required}
      value={props.value}
      onInput={(e) => props.onValue(e.currentTarget.value)}
    />
  )
}
