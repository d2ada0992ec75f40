import { tc } from '../../i18n/common'

/**
 * Page controls for long lists (thousands of media items or plays): the server answers one page
 * at a time, so the console stays fast whatever the list's length.
 */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number
  pageSize: number
  total: number
  onPage: (page: number) => void
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1) return null
  return (
    <nav class="pager" aria-label={tc('page', { page, pages })}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {tc('previous')}
      </button>
      <span>{tc('page', { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {tc('next')}
      </button>
    </nav>
  )
}
