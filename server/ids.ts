import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/** A new id in the slug alphabet, e.g. `pl-4k9x2m7q`: short enough to read over the phone. */
export function newId(prefix: string): string {
  const bytes = randomBytes(10)
  let out = ''
  // 256 is not a multiple of 36, so the spread is slightly uneven; irrelevant for ids.
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length]
  return `${prefix}-${out}`
}
