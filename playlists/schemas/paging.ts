import Type, { type TSchema } from 'typebox'

/**
 * Paging, the same on every route that pages: the query fields (strings, as query strings are:
 * the server does not coerce types), their bounds, and the envelope of a numbered page. Two
 * ways to page exist, each for a reason:
 * - numbered pages (`page`, `pageSize`) where a person jumps between pages and wants the total:
 *   the media library, incidents, webhook deliveries, the approvals queue, reports;
 * - a cursor and a `limit` where rows keep arriving while someone reads: the audit log (`before`
 *   a sequence number) and proof of play (the next range starts at the last play returned).
 * Routes spread `pageQuery`/`limitQuery` into their query schema; the server reads them with one
 * helper (server/routes/paging.ts), which refuses anything outside the bounds with a 400.
 */

/** How many rows one answer may hold, and how many it holds when the client does not say. */
export interface PageSizes {
  max: number
  default: number
}

/**
 * Pages count from 1 to this: six digits. Past the last page an answer is simply empty; the bound
 * keeps the offset a small integer however large the page size.
 */
export const PAGE_NUMBER_MAX = 999_999

/** Digits only, as many as `max` has: the range itself (from 1, at most `max`) is the helper's to check. */
const digitsUpTo = (max: number) => `^[0-9]{1,${String(max).length}}$`

/** A 1-based page number. */
export const PageNumber = Type.String({
  pattern: digitsUpTo(PAGE_NUMBER_MAX),
  description: `From 1 to ${PAGE_NUMBER_MAX}, 1 by default`,
})

/** A count of rows per answer, 1 to `sizes.max`. */
export const PageSize = (sizes: PageSizes) =>
  Type.String({ pattern: digitsUpTo(sizes.max), description: `1–${sizes.max}, ${sizes.default} by default` })

/** The query fields of a route with numbered pages. */
export const pageQuery = (sizes: PageSizes) => ({
  page: Type.Optional(PageNumber),
  pageSize: Type.Optional(PageSize(sizes)),
})

/** The query field of a route that reads at most `limit` rows from a cursor. */
export const limitQuery = (sizes: PageSizes) => ({ limit: Type.Optional(PageSize(sizes)) })

/** A numbered page as it is asked for, and the rows it covers. */
export interface PageRequest {
  page: number
  pageSize: number
  /** Rows before this page: (page − 1) × pageSize. */
  offset: number
  /** The same as pageSize, named as SQL's LIMIT names it. */
  limit: number
}

/** The envelope of a numbered page: its items and how many match in all. */
export const PageOf = <Item extends TSchema>(item: Item) =>
  Type.Object({
    items: Type.Array(item),
    /** Matches over every page, not only this one. */
    total: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1, maximum: PAGE_NUMBER_MAX }),
    pageSize: Type.Integer({ minimum: 1 }),
  })

/** What a repository finds for one page, before the envelope names the page. */
export interface Found<T> {
  items: T[]
  total: number
}

/** The envelope of a page of `T`, as PageOf describes it. */
export type Page<T> = Found<T> & Pick<PageRequest, 'page' | 'pageSize'>

/** A paging field's text as a whole number from 1 to `max`; undefined when it is anything else. */
export function wholeNumberFrom1(text: string, max: number): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined
  const value = Number(text)
  return value >= 1 && value <= max ? value : undefined
}

/** The page asked for (`page` and `pageSize` already read as numbers) and the rows it covers. */
export const pageRequest = (page: number, pageSize: number): PageRequest => ({
  page,
  pageSize,
  offset: (page - 1) * pageSize,
  limit: pageSize,
})

/** The paging fields of a query, as they arrive. */
export interface PageQuery {
  page?: string
  pageSize?: string
}
