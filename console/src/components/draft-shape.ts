/**
 * Small checks for reading a kept draft back (see local-draft.ts): data from localStorage may come
 * from an older console or another tab's bug, and a form must get its own shape or nothing.
 */
export type Shape = Record<string, unknown>

export const isRecord = (value: unknown): value is Shape =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export const isString = (value: unknown): value is string => typeof value === 'string'

export const isOneOf = <T extends string>(value: unknown, options: readonly T[]): value is T =>
  typeof value === 'string' && (options as readonly string[]).includes(value)

/** A record holding a string under each of `keys`. */
export const hasStrings = (value: unknown, keys: readonly string[]): value is Record<string, string> =>
  isRecord(value) && keys.every((k) => isString(value[k]))

/** JSON with every object's keys sorted: two drafts with the same contents print the same. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  )
}
