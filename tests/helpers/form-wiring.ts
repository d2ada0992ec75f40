import type { Locator, Page } from 'playwright-core'

/**
 * How a console form's fields are tied to their messages, as assistive technology follows them,
 * and how many requests a form sends: what the browser tests of the form kit (components/form) read.
 */

export interface Wiring {
  /** `name` of every control (or group of controls, a fieldset) marked aria-invalid, sorted. */
  invalid: string[]
  /** What is wrong with the links, one sentence each: empty when every field is wired. */
  faults: string[]
}

/** Reads how the form's fields are tied to their messages, as assistive technology follows them. */
export function wiring(form: Locator): Promise<Wiring> {
  return form.evaluate((root) => {
    const faults: string[] = []
    const controls = [...root.querySelectorAll<HTMLElement>('input, select, textarea, fieldset')]
    const invalid = controls.filter((c) => c.getAttribute('aria-invalid') === 'true')
    for (const control of invalid) {
      const name = control.getAttribute('name')
      const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
      const described = ids.map((id) => document.getElementById(id))
      if (ids.length === 0) faults.push(`${name} is invalid and describes nothing`)
      else if (described.some((el) => !el)) faults.push(`${name} points at a missing id (${ids.join(' ')})`)
      else if (
        !described.some((el) => el!.matches('.field-error, [role="alert"]') && el!.textContent?.trim())
      )
        faults.push(`${name} is invalid but none of its descriptions is an error`)
    }
    for (const message of root.querySelectorAll<HTMLElement>('.field-error')) {
      const pointed = controls.some(
        (c) =>
          c.getAttribute('aria-invalid') === 'true' &&
          (c.getAttribute('aria-describedby') ?? '').split(/\s+/).includes(message.id),
      )
      if (!message.id || !pointed) faults.push(`no invalid field points at “${message.textContent}”`)
    }
    return { invalid: invalid.map((c) => c.getAttribute('name') ?? '?').sort(), faults }
  })
}

/** The texts of what `control` is described by, in order; an id that names nothing reads as null. */
export const descriptions = (control: Locator): Promise<(string | null)[]> =>
  control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? null),
  )

/** Counts the requests the page sends for `method path`, from now on. */
export function countRequests(page: Page, method: string, path: string): () => number {
  let count = 0
  page.on('request', (r) => {
    if (r.method() === method && new URL(r.url()).pathname === path) count++
  })
  return () => count
}

/**
 * Two activations of a submit button in one task, before the page can render it busy: only the
 * action's own guard (useAction) stands between them and a second request. (Playwright's dblclick
 * sends its clicks as separate events, between which a render may already disable the button.)
 */
export function clickTwiceAtOnce(button: Locator): Promise<void> {
  return button.evaluate((el: HTMLButtonElement) => {
    el.click()
    el.click()
  })
}
