import type { ConnectionLimits } from './limits'

interface Held {
  open: number
  anonymous: number
}

/** Which cap refused a connection. */
export type CapReached = 'open' | 'anonymous'

/**
 * Connections held per client (an address key, address-key.ts) against the two caps of
 * ConnectionLimits: all open ones, and those still anonymous (no whole request, no credential).
 * Only addresses holding something are kept, so the map is as large as the clients connected.
 */
export class AddressCaps {
  private readonly held = new Map<string, Held>()

  constructor(private readonly limits: Pick<ConnectionLimits, 'perAddress' | 'anonymousPerAddress'>) {}

  /** Counts a new anonymous connection from `key`, or names the cap that refuses it. */
  admit(key: string): CapReached | null {
    const held = this.held.get(key) ?? { open: 0, anonymous: 0 }
    if (reached(held.open, this.limits.perAddress)) return 'open'
    if (reached(held.anonymous, this.limits.anonymousPerAddress)) return 'anonymous'
    held.open += 1
    held.anonymous += 1
    this.held.set(key, held)
    return null
  }

  /** An admitted connection from `key` sent a whole request or proved a credential. */
  prove(key: string): void {
    const held = this.held.get(key)
    if (held && held.anonymous > 0) held.anonymous -= 1
  }

  /** An admitted connection from `key` closed; true when that address holds nothing more. */
  release(key: string, anonymous: boolean): boolean {
    const held = this.held.get(key)
    if (!held) return true
    held.open -= 1
    if (anonymous) held.anonymous -= 1
    if (held.open > 0) return false
    this.held.delete(key)
    return true
  }

  /** What `key` holds now, for the log line of a refusal. */
  holding(key: string): Readonly<Held> {
    return this.held.get(key) ?? { open: 0, anonymous: 0 }
  }
}

/** A cap of 0 is no cap. */
const reached = (count: number, cap: number) => cap > 0 && count >= cap
