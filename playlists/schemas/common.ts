import Type, { type Static } from 'typebox'
import { NAME_CHARS_MAX } from '../limits'
import { DEFAULT_TIME_ZONE } from '../time/zone'
import { ErrorParams } from './error-codes'

/**
 * Ids are short slugs so that a screen's player URL stays readable when typed on a kiosk keyboard
 * (`/player/?screen=tan-thanh-led`). Generated ids use the same alphabet.
 */
export const ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$'
export const Id = Type.String({
  pattern: ID_PATTERN,
  description: 'Lower-case slug: letters a–z, digits and dashes, 1–63 characters.',
})
export type Id = Static<typeof Id>

export const IdParams = Type.Object({ id: Id })
export type IdParams = Static<typeof IdParams>

/** The three languages of the programme: Vietnamese first, then Simplified Chinese and English. */
export const LANGUAGES = ['vi', 'zh', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const NameText = Type.String({ minLength: 1, maxLength: NAME_CHARS_MAX })

/** A name in the three languages; every one is required because names appear on screen. */
export const TrilingualName = Type.Object(
  { vi: NameText, zh: NameText, en: NameText },
  { additionalProperties: false },
)
export type TrilingualName = Static<typeof TrilingualName>

export const Name = NameText

/** An IANA time-zone name; validated against the runtime's zone database by the server. */
export const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$',
  description: `IANA time zone, e.g. ${DEFAULT_TIME_ZONE}`,
})

export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601 instant' })

/**
 * The one error shape every 4xx and 5xx uses: something a person can act on (`message`, in
 * English) and something a program can (`code` from playlists/schemas/error-codes.ts, the field
 * at fault, the values the message names). Routes declare it for their refusals, so the
 * serialiser would drop any property not listed here.
 */
export const ErrorBody = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String({ description: 'The HTTP status text.' }),
  message: Type.String({ description: 'In English, saying what to change.' }),
  code: Type.String({ description: 'A stable code from the catalogue (playlists/schemas/error-codes.ts).' }),
  field: Type.Optional(Type.String({ description: 'The field at fault, where there is one.' })),
  params: Type.Optional(ErrorParams),
  details: Type.Optional(Type.Unknown()),
})
export type ErrorBody = Static<typeof ErrorBody>

/** The empty body of a 204 answer. */
export const Deleted = Type.Null({ description: 'Deleted; no body' })
