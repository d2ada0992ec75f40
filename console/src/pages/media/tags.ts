import { MEDIA_TAGS_MAX, TAG_CHARS_MAX } from '@playlists/limits'
import { tm } from './messages'

/**
 * Tags as people type them: "Tết, Hữu Nghị, 2025". The server lower-cases and de-duplicates;
 * here they are only split and checked against the same limits, so a mistake is named before
 * a file is sent.
 */
export function splitTags(text: string): string[] {
  const seen = new Set<string>()
  const tags: string[] = []
  for (const raw of text.split(',')) {
    const tag = raw.trim().replace(/\s+/g, ' ')
    const key = tag.normalize('NFC').toLowerCase()
    if (tag && !seen.has(key)) {
      seen.add(key)
      tags.push(tag)
    }
  }
  return tags
}

/** What is wrong with these tags, in the reader's language, or null. */
export function tagProblem(tags: readonly string[]): string | null {
  const long = tags.find((t) => [...t].length > TAG_CHARS_MAX)
  if (long) return tm('tags.too-long', { tag: long, max: TAG_CHARS_MAX })
  if (tags.length > MEDIA_TAGS_MAX) return tm('tags.too-many', { count: tags.length, max: MEDIA_TAGS_MAX })
  return null
}
