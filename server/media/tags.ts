import { MEDIA_TAGS_MAX, TAG_CHARS_MAX } from '@playlists/limits'
import { badRequest } from '../errors'

/**
 * One spelling per tag: trimmed, inner spaces collapsed, NFC (a Vietnamese keyboard may send
 * "ế" as one code point or as "e" plus two combining marks) and lower-cased, so "Tết",
 * "TẾT " and "te\u0302\u0301t" are the same tag.
 */
export function normaliseTag(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase().normalize('NFC')
}

/** Normalised, de-duplicated tags in the order given; 400 naming the first bad one. */
export function normaliseTags(raw: readonly string[]): string[] {
  const tags: string[] = []
  for (const r of raw) {
    const tag = normaliseTag(r)
    if (tag === '') continue
    if (/[,\p{Cc}]/u.test(tag))
      throw badRequest(
        'media.tag-form',
        `The tag "${tag}" may not contain commas or control characters.`,
        undefined,
        { tag },
      )
    if ([...tag].length > TAG_CHARS_MAX) {
      throw badRequest(
        'media.tag-too-long',
        `The tag "${tag.slice(0, 50)}…" is longer than ${TAG_CHARS_MAX} characters.`,
        undefined,
        { tag: `${tag.slice(0, 50)}…`, limit: TAG_CHARS_MAX },
      )
    }
    if (!tags.includes(tag)) tags.push(tag)
  }
  if (tags.length > MEDIA_TAGS_MAX) {
    throw badRequest(
      'media.too-many-tags',
      `A medium can have at most ${MEDIA_TAGS_MAX} tags; ${tags.length} were given.`,
      undefined,
      { limit: MEDIA_TAGS_MAX, count: tags.length },
    )
  }
  return tags
}

/** The upload form's `tags` field: "tết, hữu nghị, 2025". */
export const parseTagField = (field: string): string[] => normaliseTags(field.split(','))
