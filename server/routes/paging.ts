import {
  type Found,
  PAGE_NUMBER_MAX,
  type Page,
  type PageQuery,
  type PageRequest,
  type PageSizes,
  pageRequest,
  wholeNumberFrom1,
} from '@playlists/schemas/paging'
import { DomainError } from '../errors'

/**
 * The one reading of paging fields (playlists/schemas/paging.ts) for every paged route: the
 * schema lets through digits only; here a value outside 1..max (0, a page size past the route's
 * bound) is refused with a 400 naming the field and its range, as the schema's own refusals
 * name the field (`querystring.pageSize …`).
 */
function numberIn(field: string, text: string | undefined, max: number, fallback: number): number {
  if (text === undefined) return fallback
  const value = wholeNumberFrom1(text, max)
  if (value === undefined) {
    throw new DomainError('validation.page-size', `querystring.${field} must be from 1 to ${max}.`, {
      field,
      params: { field, min: 1, max },
      details: [{ field }],
    })
  }
  return value
}

/** The numbered page a query asks for; the first page of `sizes.default` rows when it does not say. */
export const pageOf = (query: PageQuery, sizes: PageSizes): PageRequest =>
  pageRequest(
    numberIn('page', query.page, PAGE_NUMBER_MAX, 1),
    numberIn('pageSize', query.pageSize, sizes.max, sizes.default),
  )

/** The rows a cursor-paged query asks for at most (`limit`). */
export const limitOf = (query: { limit?: string }, sizes: PageSizes): number =>
  numberIn('limit', query.limit, sizes.max, sizes.default)

/** The answer for one numbered page: what was found, and which page of which size it is. */
export const pageAnswer = <T>(found: Found<T>, request: PageRequest): Page<T> => ({
  items: found.items,
  total: found.total,
  page: request.page,
  pageSize: request.pageSize,
})
