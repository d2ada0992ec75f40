import { useMemo, useState } from 'preact/hooks'
import { read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { Pager } from '../../components/form/pager'
import { pageOf } from '../../components/form/paging'
import { SearchField } from '../../components/form/search-field'
import { SitePicker } from '../../components/form/site-picker'
import { tc } from '../../i18n/common'
import { language } from '../../i18n/i18n'
import { screenMatches, shownName } from '../../i18n/names'
import { href } from '../../router'
import { useResource } from '../../use-resource'
import { t } from './messages'

const PAGE_SIZE = 25

/** The screens to preview, by site and name: a province has hundreds, so it filters and pages. */
export function ScreenPicker() {
  const screens = useResource(read('/api/screens'))
  const sites = useResource(read('/api/sites'))
  const [siteId, setSiteId] = useState('')
  const [search, setSearch] = useState('')
  const [page, setPage] = useState(1)

  const siteName = (id: string) => sites.data?.find((s) => s.id === id)?.name[language.value] ?? id
  const shown = useMemo(() => {
    const words = search.trim().toLowerCase()
    return (screens.data ?? []).filter(
      (s) => (siteId === '' || s.siteId === siteId) && screenMatches(s, words),
    )
  }, [screens.data, siteId, search])
  const current = pageOf(shown, page, PAGE_SIZE)

  return (
    <>
      <h1>{t('title')}</h1>
      <p class="muted">{t('picker.intro')}</p>
      <div class="toolbar">
        <Field label={t('picker.site')}>
          {(control) => (
            <SitePicker
              {...control}
              sites={sites.data ?? []}
              value={siteId}
              anyLabel={t('picker.all-sites')}
              onChange={(id) => {
                setSiteId(id)
                setPage(1)
              }}
            />
          )}
        </Field>
        <SearchField
          label={t('picker.search')}
          name="search"
          value={search}
          matches={shown.length}
          onInput={(text) => {
            setSearch(text)
            setPage(1)
          }}
        />
      </div>
      <ErrorMessage error={screens.error ?? sites.error} />
      {/* Rows name their site: wait for the site names too, or a site shows by its id meanwhile. */}
      {(screens.loading && !screens.data) || (sites.loading && !sites.data) ? (
        <p class="loading">{tc('loading')}</p>
      ) : shown.length === 0 ? (
        <p class="empty">{t('picker.none')}</p>
      ) : (
        <table class="preview-screens">
          <thead>
            <tr>
              <th scope="col">{tc('name')}</th>
              <th scope="col">{t('picker.site')}</th>
              <th scope="col">{t('picker.size')}</th>
              <th scope="col">{tc('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {current.rows.map((s) => (
              <tr key={s.id}>
                <td>{shownName(s.name)}</td>
                <td>{siteName(s.siteId)}</td>
                <td>{t('screen.size', { width: s.width, height: s.height })}</td>
                <td>
                  <a
                    href={href('preview', s.id)}
                    aria-label={t('picker.open-label', { name: shownName(s.name) })}
                  >
                    {t('picker.open')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={current.page} pageSize={PAGE_SIZE} total={shown.length} onPage={setPage} />
    </>
  )
}
