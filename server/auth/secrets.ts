import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * scrypt with N = 2^15, r = 8: 32 MiB and some 50–100 ms per hash on the province's servers,
 * which makes offline guessing of a stolen database slow while a sign-in stays instant.
 * The parameters are stored with each hash, so raising them later keeps old hashes valid.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 }
const KEY_BYTES = 32
const maxmem = (N: number, r: number) => 256 * N * r

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: maxmem(N, r) }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, COST.N, COST.r, COST.p)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p))
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/**
 * A hash to compare against when the account does not exist, so that "no such user" costs the
 * same time as "wrong password" and sign-in timing does not reveal which accounts exist.
 */
let decoy: Promise<string> | undefined
export const decoyHash = (): Promise<string> => {
  decoy ??= hashPassword(randomBytes(18).toString('base64url'))
  return decoy
}

/**
 * A bearer secret: a kind prefix (so a leaked one is recognisable in logs and by secret scanners)
 * and 32 random bytes. Only its SHA-256 is stored.
 */
export const SECRET_PREFIX = {
  session: 'gcs_',
  token: 'gct_',
  screen: 'gcd_',
  pairing: 'gcp_',
  /** A CAP source's push token: it opens that source's endpoint and nothing else. */
  cap: 'gca_',
} as const
export type SecretKind = keyof typeof SECRET_PREFIX

export const newSecret = (kind: SecretKind): string =>
  SECRET_PREFIX[kind] + randomBytes(32).toString('base64url')

export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex')

/** A human-readable password for a first admin or a reset: 20 characters from an unambiguous alphabet. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(20)
  let out = ''
  // 256 % 55 ≠ 0 skews a few characters slightly: some 115 bits of entropy either way.
  for (const b of bytes) out += alphabet[b % alphabet.length]
  return out
}
