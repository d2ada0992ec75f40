import { render } from 'preact'
import { App } from './app'
import { language, setLanguage } from './i18n/i18n'
import { loadSession } from './session'
import './console.css'

setLanguage(language.value)
render(<App />, document.getElementById('console')!)
void loadSession()
