import { useId } from 'preact/hooks'
import { LANGUAGE_NAMES, LANGUAGES, type Language, language, setLanguage } from '../i18n/i18n'
import { ts } from '../i18n/shell'

export function LanguageSwitch() {
  const id = useId()
  return (
    <div class="language-switch">
      <label for={id}>{ts('language')}</label>
      <select
        id={id}
        name="language"
        value={language.value}
        onChange={(e) => setLanguage(e.currentTarget.value as Language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  )
}
