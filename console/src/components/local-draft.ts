import { useEffect, useRef, useState } from 'preact/hooks'
import { me } from '../session'
import { stableJson } from './draft-shape'

/**
 * Unsaved form contents kept in this browser (localStorage), so nothing typed is lost to a reload,
 * a closed or crashed tab, or a session that ended while a person was typing. A draft belongs to
 * one signed-in user, one form and one object: signing out keeps it for that user's return, and
 * another person signing in on the same browser is never offered it.
 *
 * Each entry is an envelope `{ format, savedAt, base, data }`: `format` lets a later console
 * drop what it cannot read instead of misreading it; `base` names the server's version of the
 * object the edits started from, so a restore can say when the server's copy has moved on; each
 * form checks `data` itself (`parse`), because a form's fields change between releases.
 */

/** The envelope's version. A draft in another format is dropped, never half-read. */
export const DRAFT_FORMAT = 1
const PREFIX = `gatecast:draft:v${DRAFT_FORMAT}:`

/**
 * One draft's size, in characters of JSON. The largest playlist the server accepts (200 slides,
 * each 3 × (140 + 600) characters) is about 480 000 characters as the editor holds it; anything
 * larger is not a form a person typed. Browsers give an origin about 5 MB of localStorage.
 */
export const DRAFT_CHARS_MAX = 600_000

/** Drafts kept in one browser, all users together; the oldest go first. Bounds the storage used. */
export const DRAFTS_MAX = 30

/** A draft untouched for this long is work abandoned, not work in progress: it is dropped. */
export const DRAFT_AGE_MAX_MS = 30 * 86_400_000

export interface StoredDraft<T> {
  id: string
  savedAt: string
  base: string | null
  data: T
}

interface Envelope {
  format: number
  savedAt: string
  base: string | null
  data: unknown
}

const storageKey = (user: string, form: string, id: string) =>
  `${PREFIX}${encodeURIComponent(user)}:${form}:${encodeURIComponent(id)}`

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    // Storage disabled by the browser's settings: forms work, drafts are not kept.
    return null
  }
}

function readEnvelope(raw: string | null): Envelope | null {
  if (!raw) return null
  try {
    const value = JSON.parse(raw) as Partial<Envelope>
    if (value.format !== DRAFT_FORMAT || typeof value.savedAt !== 'string') return null
    if (value.base !== null && typeof value.base !== 'string') return null
    return value as Envelope
  } catch {
    return null
  }
}

/** Every draft entry of this browser with its age, dropping unreadable and expired ones on the way. */
function entries(now: number): { key: string; savedAt: number }[] {
  const store = storage()
  if (!store) return []
  const found: { key: string; savedAt: number }[] = []
  for (let i = store.length - 1; i >= 0; i--) {
    const key = store.key(i)
    if (!key?.startsWith('gatecast:draft:')) continue
    const envelope = key.startsWith(PREFIX) ? readEnvelope(store.getItem(key)) : null
    const savedAt = envelope ? Date.parse(envelope.savedAt) : Number.NaN
    if (!envelope || !(now - savedAt <= DRAFT_AGE_MAX_MS)) store.removeItem(key)
    else found.push({ key, savedAt })
  }
  return found.sort((a, b) => a.savedAt - b.savedAt)
}

/** The user's draft of one form's object, if one is kept and its data still reads as that form's. */
export function readDraft<T>(
  user: string,
  form: string,
  id: string,
  parse: (data: unknown) => T | null,
): StoredDraft<T> | null {
  const key = storageKey(user, form, id)
  const envelope = readEnvelope(storage()?.getItem(key) ?? null)
  if (!envelope) return null
  if (Date.now() - Date.parse(envelope.savedAt) > DRAFT_AGE_MAX_MS) {
    storage()?.removeItem(key)
    return null
  }
  const data = parse(envelope.data)
  return data === null ? null : { id, savedAt: envelope.savedAt, base: envelope.base, data }
}

/** Every kept draft of one form for the user (a page lists them when its form is not open). */
export function listDrafts<T>(
  user: string,
  form: string,
  parse: (data: unknown) => T | null,
): StoredDraft<T>[] {
  const prefix = storageKey(user, form, '')
  const drafts: StoredDraft<T>[] = []
  for (const { key } of entries(Date.now())) {
    if (!key.startsWith(prefix)) continue
    const draft = readDraft(user, form, decodeURIComponent(key.slice(prefix.length)), parse)
    if (draft) drafts.push(draft)
  }
  return drafts
}

/**
 * Keeps a draft; false when it cannot be kept (too large, or storage full even after the oldest
 * drafts made room, or storage disabled).
 */
export function writeDraft(
  user: string,
  form: string,
  id: string,
  base: string | null,
  data: unknown,
): boolean {
  const store = storage()
  if (!store) return false
  const key = storageKey(user, form, id)
  const envelope: Envelope = { format: DRAFT_FORMAT, savedAt: new Date().toISOString(), base, data }
  const text = JSON.stringify(envelope)
  if (text.length > DRAFT_CHARS_MAX) {
    store.removeItem(key)
    return false
  }
  const others = entries(Date.now()).filter((e) => e.key !== key)
  while (others.length >= DRAFTS_MAX) store.removeItem(others.shift()!.key)
  for (;;) {
    try {
      store.setItem(key, text)
      return true
    } catch {
      // Quota reached: the oldest draft makes room, until none is left to give.
      const oldest = others.shift()
      if (!oldest) return false
      store.removeItem(oldest.key)
    }
  }
}

export function removeDraft(user: string, form: string, id: string): void {
  storage()?.removeItem(storageKey(user, form, id))
}

export interface DraftOffer<T> {
  savedAt: string
  data: T
  base: string | null
  /** The server's copy changed since the draft was taken (its version is not the draft's base). */
  baseChanged: boolean
}

export interface LocalDraft<T> {
  /** A kept draft that differs from what the form shows, waiting for Restore or Discard. */
  offer: DraftOffer<T> | null
  /** False while the form's changes cannot be kept in this browser (too large, storage full). */
  kept: boolean
  restore: () => void
  discard: () => void
  /** Forgets the draft: the form's contents reached the server. */
  clear: () => void
}

export interface LocalDraftOptions<T> {
  /** The form: `playlist`, `schedule-rule`, `emergency`, `layout`. */
  form: string
  /** The object edited (`new` for one not created yet). */
  id: string
  /** The server's version of the object the form started from; null while it loads. */
  base: string | null
  value: T
  /** The form differs from the server's object: only then is a draft kept. */
  dirty: boolean
  parse: (data: unknown) => T | null
  /** What makes two drafts the same to a person (defaults to their JSON, keys sorted). */
  fingerprint?: (value: T) => string
  /** Puts a kept draft back in the form; `base` is the server version the draft started from. */
  onRestore: (data: T, base: string | null) => void
}

type Phase = { key: string; state: 'offered' | 'active' } | null

/**
 * Keeps a form's unsaved contents as the person types, and offers the kept draft when the form
 * opens again. While an offer waits, the kept draft is not overwritten: it may hold an hour of
 * work, and a keystroke in the fresh form must not throw it away before the person has chosen.
 * The form's component is mounted afresh per object (pages key their editors by id), so `value`
 * always belongs to the object `id` names.
 */
export function useLocalDraft<T>(options: LocalDraftOptions<T>): LocalDraft<T> {
  const { form, id, base, value, dirty, parse } = options
  const fingerprint = options.fingerprint ?? stableJson
  const user = me.value?.user.id ?? null
  const key = user && base !== null ? `${user}\n${form}\n${id}` : null
  const [phase, setPhase] = useState<Phase>(null)
  const [offer, setOffer] = useState<DraftOffer<T> | null>(null)
  const [kept, setKept] = useState(true)
  const latest = useRef(options)
  latest.current = options

  // The first render with a user and the server's object: is there a draft to offer?
  useEffect(() => {
    if (!key || !user || phase?.key === key) return
    const stored = readDraft(user, form, id, parse)
    const differs = stored !== null && fingerprint(stored.data) !== fingerprint(value)
    if (stored && !differs) removeDraft(user, form, id)
    setOffer(stored && differs ? { ...stored, baseChanged: stored.base !== base } : null)
    setPhase({ key, state: stored && differs ? 'offered' : 'active' })
  }, [key])

  // Every change of the form, once it is the person's own: kept while it differs from the server.
  const print = key && phase?.key === key && phase.state === 'active' ? fingerprint(value) : null
  useEffect(() => {
    if (print === null || !user) return
    if (dirty) setKept(writeDraft(user, form, id, base, value))
    else {
      removeDraft(user, form, id)
      setKept(true)
    }
  }, [print, dirty])

  const settle = () => {
    setOffer(null)
    if (key) setPhase({ key, state: 'active' })
  }
  return {
    offer: phase?.key === key ? offer : null,
    kept,
    restore: () => {
      if (offer) latest.current.onRestore(offer.data, offer.base)
      settle()
    },
    discard: () => {
      if (user) removeDraft(user, form, id)
      settle()
    },
    clear: () => {
      if (user) removeDraft(user, form, id)
    },
  }
}
