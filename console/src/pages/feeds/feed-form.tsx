import {
  FEED_ALERT_MINUTES_MAX,
  FEED_INTERVAL_MINUTES_MAX,
  FEED_INTERVAL_MINUTES_MIN,
  FEED_MAX_AGE_HOURS_MAX,
  FEED_URL_CHARS_MAX,
  type FeedInput,
  type FeedLanguage,
  type FeedSource,
} from '@playlists/schemas/feed'
import { useId, useState } from 'preact/hooks'
import { api } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { checksOf } from '../../components/form/refusal'
import { NameField, UrlField, WholeNumberField } from '../../components/form/text-field'
import { useAction } from '../../components/form/use-action'
import { notify } from '../../components/notices'
import { tc } from '../../i18n/common'
import { tf } from './messages'

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
  /** A field the server named points at its refusal, shown above the buttons. */
  const check = checksOf(save.error, refusalId)
  return (
    <form class="form" onSubmit={submit}>
      <p class="muted">{tf('approval.hint')}</p>
      <NameField value={name} onValue={setName} {...check('name')} />
      <UrlField
        label={tf('url')}
        name="url"
        required
        maxLength={FEED_URL_CHARS_MAX}
        value={url}
        onValue={setUrl}
        {...check('url')}
      />
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
      <WholeNumberField
        label={tf('interval')}
        name="intervalMinutes"
        value={interval}
        onValue={setInterval}
        min={FEED_INTERVAL_MINUTES_MIN}
        max={FEED_INTERVAL_MINUTES_MAX}
        required
        {...check('intervalMinutes')}
      />
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
      <WholeNumberField
        label={tf('max-age')}
        hint={tf('max-age.hint')}
        name="maxAgeHours"
        value={maxAge}
        onValue={setMaxAge}
        min={1}
        max={FEED_MAX_AGE_HOURS_MAX}
        {...check('maxAgeHours')}
      />
      <WholeNumberField
        label={tf('alert-after')}
        name="alertAfterMinutes"
        value={alertAfter}
        onValue={setAlertAfter}
        min={1}
        max={FEED_ALERT_MINUTES_MAX}
        required
        {...check('alertAfterMinutes')}
      />
      {save.error && <ErrorMessage error={save.error} id={refusalId} />}
      <FormActions label={tc('save')} busy={save.busy} onCancel={onClose} />
    </form>
  )
}
