import { NAME_CHARS_MAX } from '@playlists/limits'
import type { VersionSummary } from '@playlists/schemas/approval'
import type { Playlist } from '@playlists/schemas/playlist'
import { useId, useState } from 'preact/hooks'
import { api, read } from '../../api'
import { ErrorMessage } from '../../components/error-message'
import { Field } from '../../components/form/field'
import { FormActions } from '../../components/form/form-actions'
import { Pager } from '../../components/form/pager'
import { pageOf } from '../../components/form/paging'
import { fieldCheck, refusedFields } from '../../components/form/refusal'
import { useAction } from '../../components/form/use-action'
import { tc } from '../../i18n/common'
import { formatDateTime, formatDuration, formatNumber } from '../../i18n/i18n'
import { href, navigate } from '../../router'
import { can } from '../../session'
import { useResource } from '../../use-resource'
import { approvalState } from './approval-state'
import { totalMs } from './draft'
import { t } from './messages'

/** The server sends every playlist at once; the table shows them a page at a time. */
const PAGE_SIZE = 25

export function StateBadges({ playlist, versions }: { playlist: Playlist; versions?: VersionSummary[] }) {
  return (
    <span class="pl-states">
      {approvalState(playlist, versions).map((b) => (
        <span key={b.key} class={`badge ${b.tone}`}>
          {t(b.key, { version: b.version ?? '' })}
        </span>
      ))}
    </span>
  )
}

/** One row; its versions are asked for only while the row is on the page shown. */
function Row({ playlist }: { playlist: Playlist }) {
  const versions = useResource(read('/api/playlists/:id/versions', { params: { id: playlist.id } }))
  return (
    <tr>
      <th scope="row">
        <a href={href('playlists', playlist.id)}>{playlist.name}</a>
      </th>
      <td class="pl-number">{formatNumber(playlist.items.length)}</td>
      <td class="pl-number">{formatDuration(totalMs(playlist.items))}</td>
      <td>
        <StateBadges playlist={playlist} versions={versions.data} />
      </td>
      <td>{formatDateTime(playlist.updatedAt)}</td>
    </tr>
  )
}

function CreateForm() {
  const [name, setName] = useState('')
  const refusalId = useId()
  const create = useAction(async () => {
    const created = await api.post('/api/playlists', { body: { name: name.trim(), items: [] } })
    navigate(href('playlists', created.id))
  })
  const submit = (e: Event) => {
    e.preventDefault()
    void create.run()
  }
  return (
    <form class="card pl-create" onSubmit={submit}>
      <h2>{t('create.title')}</h2>
      <div class="toolbar">
        <Field label={tc('name')} {...fieldCheck(refusedFields(create.error), refusalId, 'name')}>
          {(control) => (
            <input
              {...control}
              name="new-playlist-name"
              required
              maxLength={NAME_CHARS_MAX}
              value={name}
              placeholder={t('create.placeholder')}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
        <FormActions label={tc('create')} busy={create.busy} disabled={!name.trim()} />
      </div>
      <ErrorMessage error={create.error} id={refusalId} />
    </form>
  )
}

/** `#/playlists`: every playlist with its length and approval state, and a form to start one. */
export function PlaylistList() {
  const playlists = useResource(read('/api/playlists'))
  const [page, setPage] = useState(1)
  const all = playlists.data ?? []
  const { page: current, rows: shown } = pageOf(all, page, PAGE_SIZE)
  return (
    <section class="pl-page">
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      {can('content:write') && <CreateForm />}
      <ErrorMessage error={playlists.error} />
      {playlists.loading && !playlists.data ? (
        <p class="loading">{tc('loading')}</p>
      ) : all.length === 0 ? (
        <p class="empty">{t('list.none')}</p>
      ) : (
        <>
          <table class="pl-table">
            <caption class="visually-hidden">{t('title')}</caption>
            <thead>
              <tr>
                <th scope="col">{tc('name')}</th>
                <th scope="col">{t('col.items')}</th>
                <th scope="col">{t('col.duration')}</th>
                <th scope="col">{t('col.state')}</th>
                <th scope="col">{t('col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <Row key={p.id} playlist={p} />
              ))}
            </tbody>
          </table>
          <Pager page={current} pageSize={PAGE_SIZE} total={all.length} onPage={setPage} />
        </>
      )}
    </section>
  )
}
