import { signal } from '@preact/signals'
import { tc } from '../i18n/common'

export interface Notice {
  id: number
  kind: 'success' | 'error' | 'info'
  text: string
}

/**
 * Short confirmations ("Saved") and failures, read out by screen readers, gone after a while.
 * They show in a status line of their own at the top of the page, in the page's flow: a notice
 * floating over the page once sat on "Submit for approval" for six seconds, right where a person
 * saving a playlist reaches next. The line keeps its height when empty, so a notice appearing
 * never moves the controls below it either.
 */
export const notices = signal<Notice[]>([])
let nextId = 1
const SHOWN_MS = 6_000

export function notify(text: string, kind: Notice['kind'] = 'success'): void {
  const id = nextId++
  notices.value = [...notices.value, { id, kind, text }]
  setTimeout(() => dismiss(id), kind === 'error' ? SHOWN_MS * 2 : SHOWN_MS)
}

export function dismiss(id: number): void {
  notices.value = notices.value.filter((n) => n.id !== id)
}

export function Notices() {
  return (
    <div class="notices" aria-live="polite">
      {notices.value.map((n) => (
        <div key={n.id} class={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" class="link" onClick={() => dismiss(n.id)} aria-label={tc('close')}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
