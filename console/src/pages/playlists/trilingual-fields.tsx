import { LANG_TAG } from '@player/trilingual'
import { SLIDE_BODY_CHARS_MAX, SLIDE_TITLE_CHARS_MAX, TICKER_CHARS_MAX } from '@playlists/limits'
import { LANGUAGES, type Language } from '@playlists/schemas/common'
import { Field } from '../../components/form/field'
import { formatNumber } from '../../i18n/i18n'
import { type EditItemOf, itemField, type LangText, type Missing, missingLanguages } from './draft'
import { checkOf, type ErrorOf, uiLang } from './field-error'
import { t } from './item-messages'
import { t as tp } from './messages'

function Counter({ length, max }: { length: number; max: number }) {
  return (
    <span class={length > max ? 'pl-counter field-error' : 'pl-counter muted'} lang={uiLang()}>
      {t('counter', { count: formatNumber(length), max: formatNumber(max) })}
    </span>
  )
}

/** The warning a column shows when its language is missing: the item still plays, without it. */
function MissingWarning({ missing, kind }: { missing: Missing | undefined; kind: 'slide' | 'ticker' }) {
  if (!missing) return null
  const language = t(`lang-in.${missing.lang}`)
  const text =
    missing.lang === 'vi'
      ? t('warn.vi-required')
      : missing.part === 'body'
        ? t('warn.missing-body', { language })
        : t(kind === 'slide' ? 'warn.missing-slide' : 'warn.missing-ticker', { language })
  return (
    <p class="pl-warning" lang={uiLang()} data-missing={missing.lang}>
      {text}
    </p>
  )
}

function Legend({ lang }: { lang: Language }) {
  return (
    <legend lang={uiLang()}>
      {tp(`lang.${lang}`)}{' '}
      <span class="muted" translate={false}>
        ({lang})
      </span>
    </legend>
  )
}

/**
 * A slide's text in the three languages side by side (vi | zh | en), each column marked with its
 * language so the browser picks the right glyphs and spelling checks, each warning when its
 * language is missing: the slide still plays, and the screens show it without that language.
 */
export function SlideTexts({
  item,
  onChange,
  errorOf,
}: {
  item: EditItemOf<'slide'>
  onChange: (text: Record<Language, LangText>) => void
  errorOf: ErrorOf
}) {
  const missing = missingLanguages(item)
  const check = checkOf(errorOf)
  const set = (lang: Language, part: keyof LangText, value: string) =>
    onChange({ ...item.text, [lang]: { ...item.text[lang], [part]: value } })
  return (
    <div class="pl-langs">
      {LANGUAGES.map((lang) => {
        const title = itemField(item.key, `text.${lang}.title`)
        const body = itemField(item.key, `text.${lang}.body`)
        const text = item.text[lang]
        return (
          <fieldset key={lang} class="pl-lang" lang={LANG_TAG[lang]} data-lang={lang}>
            <Legend lang={lang} />
            <MissingWarning missing={missing.find((m) => m.lang === lang)} kind="slide" />
            <Field label={<span lang={uiLang()}>{t('slide.title')}</span>} {...check(title)}>
              {(control) => (
                <>
                  {/* Two lines, so a long title is read whole beside its translations; it stays one line on screen. */}
                  <textarea
                    {...control}
                    name={`title-${lang}`}
                    rows={2}
                    value={text.title}
                    maxLength={SLIDE_TITLE_CHARS_MAX}
                    onInput={(e) => set(lang, 'title', e.currentTarget.value.replace(/\r?\n/g, ' '))}
                  />
                  <Counter length={text.title.length} max={SLIDE_TITLE_CHARS_MAX} />
                </>
              )}
            </Field>
            <Field label={<span lang={uiLang()}>{t('slide.body')}</span>} {...check(body)}>
              {(control) => (
                <>
                  <textarea
                    {...control}
                    name={`body-${lang}`}
                    rows={6}
                    value={text.body}
                    maxLength={SLIDE_BODY_CHARS_MAX}
                    onInput={(e) => set(lang, 'body', e.currentTarget.value)}
                  />
                  <Counter length={text.body.length} max={SLIDE_BODY_CHARS_MAX} />
                </>
              )}
            </Field>
          </fieldset>
        )
      })}
    </div>
  )
}

/** A ticker's line in each language, side by side, like a slide's text. */
export function TickerTexts({
  item,
  onChange,
  errorOf,
}: {
  item: EditItemOf<'ticker'>
  onChange: (text: Record<Language, string>) => void
  errorOf: ErrorOf
}) {
  const missing = missingLanguages(item)
  const check = checkOf(errorOf)
  return (
    <div class="pl-langs">
      {LANGUAGES.map((lang) => {
        const field = itemField(item.key, `text.${lang}`)
        return (
          <fieldset key={lang} class="pl-lang" lang={LANG_TAG[lang]} data-lang={lang}>
            <Legend lang={lang} />
            <MissingWarning missing={missing.find((m) => m.lang === lang)} kind="ticker" />
            <Field label={<span lang={uiLang()}>{t('ticker.line')}</span>} {...check(field)}>
              {(control) => (
                <>
                  <textarea
                    {...control}
                    name={`ticker-${lang}`}
                    rows={4}
                    value={item.text[lang]}
                    maxLength={TICKER_CHARS_MAX}
                    onInput={(e) => onChange({ ...item.text, [lang]: e.currentTarget.value })}
                  />
                  <Counter length={item.text[lang].length} max={TICKER_CHARS_MAX} />
                </>
              )}
            </Field>
          </fieldset>
        )
      })}
    </div>
  )
}
