import type { DocumentDatasetRow } from '@playlists/schemas/items'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, siteBody, slide, succeed, type TestApp } from '../helpers/app'
import { approveAndPublish } from '../helpers/approval'
import { datasetBody } from '../helpers/datasets'

/**
 * A dataset item on a screen (issue 19 point 2): the screen's document carries the approved
 * version's chosen columns and rows with each value's as-of, so the screen shows them offline;
 * approval, a quick change and an API token's direct update republish exactly the screens that
 * show the dataset; the item's text is held to the legibility rule at each screen's size.
 */

const NOW = Date.UTC(2026, 11, 5, 1, 0, 0)
let t: TestApp | undefined

afterEach(async () => {
  await t?.close()
  t = undefined
})

/** Rates created and approved; a screen showing a dataset item and another not. */
async function setup(item: Record<string, unknown> = {}): Promise<TestApp> {
  const a = await createTestApp({ clock: () => NOW })
  t = a
  await succeed(
    a.app,
    'POST',
    '/api/datasets',
    datasetBody('rates', { quickApprovers: [a.team.approver2.id] }),
    a.team.editor,
  )
  await approveAndPublish(a.app, 'dataset', 'rates', { author: a.team.editor })
  await succeed(a.app, 'POST', '/api/sites', siteBody())
  const board = {
    id: 'board',
    kind: 'dataset',
    durationMs: 20_000,
    datasetId: 'rates',
    style: 'board',
    ...item,
  }
  await succeed(a.app, 'POST', '/api/playlists', {
    id: 'with-rates',
    name: 'Rates',
    items: [slide('s1', 'Gate'), board],
  })
  await succeed(a.app, 'POST', '/api/playlists', {
    id: 'plain',
    name: 'Plain',
    items: [slide('s2', 'Other')],
  })
  await approveAndPublish(a.app, 'playlist', 'with-rates')
  await approveAndPublish(a.app, 'playlist', 'plain')
  await succeed(a.app, 'POST', '/api/screens', screenBody('led', 'gate', { defaultPlaylistId: 'with-rates' }))
  await succeed(a.app, 'POST', '/api/screens', screenBody('kiosk', 'gate', { defaultPlaylistId: 'plain' }))
  return a
}

interface DatasetDocItem {
  id: string
  kind: 'dataset'
  version: number
  style: string
  rowsPerPage: number
  staleAfterMinutes: number | null
  columns: { id: string }[]
  rows: DocumentDatasetRow[]
}
interface Doc {
  version: number
  playlists: Record<string, { items: ({ id: string; kind: string } | DatasetDocItem)[] }>
}
const documentOf = async (a: TestApp, screen: string): Promise<Doc> =>
  succeed(a.app, 'GET', `/api/screens/${screen}/document`)
const datasetItem = (doc: Doc) =>
  doc.playlists['with-rates']!.items.find((i): i is DatasetDocItem => i.kind === 'dataset')

describe('a dataset item in a screen’s document', () => {
  it('carries the approved rows, the chosen columns and each value’s as-of', async () => {
    const a = await setup({ columns: ['rate', 'currency'], rowsPerPage: 4 })
    const item = datasetItem(await documentOf(a, 'led'))!
    expect(item).toMatchObject({ version: 1, style: 'board', rowsPerPage: 4, staleAfterMinutes: 1440 })
    expect(item.columns.map((c) => c.id)).toEqual(['rate', 'currency'])
    expect(item.rows[0]).toEqual({
      id: 'cny',
      values: { rate: 3520.5, currency: { vi: 'Nhân dân tệ', zh: '人民币', en: 'Yuan' } },
      asOf: { rate: new Date(NOW).toISOString(), currency: new Date(NOW).toISOString() },
    })
  })

  it('shows nothing of a dataset that is not on air: its screen plays the rest of the playlist', async () => {
    const a = await setup()
    await succeed(a.app, 'POST', '/api/datasets', datasetBody('hours'), a.team.editor)
    const item = { id: 'h', kind: 'dataset', durationMs: 20_000, datasetId: 'hours' }
    await succeed(a.app, 'PUT', '/api/playlists/with-rates', {
      name: 'Rates',
      items: [slide('s1', 'Gate'), item],
    })
    await approveAndPublish(a.app, 'playlist', 'with-rates')
    expect((await documentOf(a, 'led')).playlists['with-rates']!.items.map((i) => i.id)).toEqual(['s1'])
  })

  it('republishes exactly its screens when a quick change goes on air', async () => {
    const a = await setup()
    const before = { led: await documentOf(a, 'led'), kiosk: await documentOf(a, 'kiosk') }
    const change = { rows: [{ id: 'cny', values: { rate: 3541.25 } }] }
    const res = await succeed(a.app, 'POST', '/api/datasets/rates/quick-change', change, a.team.approver2)
    expect(res.screens).toEqual(['led'])
    const led = await documentOf(a, 'led')
    expect(led.version).toBe(before.led.version + 1)
    expect(datasetItem(led)?.rows[0]?.values.rate).toBe(3541.25)
    expect(datasetItem(led)?.version).toBe(2)
    expect((await documentOf(a, 'kiosk')).version).toBe(before.kiosk.version)
  })

  it('republishes its screens when an approved version is published, and not when a draft changes', async () => {
    const a = await setup()
    const before = await documentOf(a, 'led')
    await succeed(
      a.app,
      'PUT',
      '/api/datasets/rates/rows',
      { rows: [{ id: 'cny', values: { rate: 3600 } }] },
      a.team.editor,
    )
    expect((await documentOf(a, 'led')).version).toBe(before.version)
    await approveAndPublish(a.app, 'dataset', 'rates', { author: a.team.editor })
    const after = await documentOf(a, 'led')
    expect(after.version).toBe(before.version + 1)
    expect(datasetItem(after)?.rows.map((r) => r.id)).toEqual(['cny'])
  })
})

describe('saving a dataset item', () => {
  it('refuses a dataset that does not exist with a 400 naming it', async () => {
    const a = await setup()
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/playlists',
      payload: { name: 'x', items: [{ kind: 'dataset', durationMs: 10_000, datasetId: 'nowhere' }] },
    })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json()).toMatchObject({ code: 'playlist.dataset-unknown', params: { datasetId: 'nowhere' } })
  })

  it.each([
    ['no rows on a page', { rowsPerPage: 0 }],
    ['more rows on a page than can be read', { rowsPerPage: 21 }],
    ['an unknown style', { style: 'marquee' }],
  ])('refuses %s with a 400', async (_what, over) => {
    const a = await setup()
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/playlists',
      payload: { name: 'x', items: [{ kind: 'dataset', durationMs: 10_000, datasetId: 'rates', ...over }] },
    })
    expect(res.statusCode, res.body).toBe(400)
  })

  it('holds its text to the legibility rule of the screens it reaches', async () => {
    const a = await setup()
    // Twenty rows on a page of a 960-pixel-high panel read from 40 m: far too small.
    const facts = { defaultPlaylistId: 'with-rates', pixelPitchMm: 10, viewingDistanceM: 40 }
    await succeed(a.app, 'PUT', '/api/screens/led', screenBody('led', 'gate', facts))
    const item = { id: 'board', kind: 'dataset', durationMs: 20_000, datasetId: 'rates', rowsPerPage: 20 }
    await succeed(a.app, 'PUT', '/api/playlists/with-rates', { name: 'Rates', items: [item] })
    const { number } = await succeed(a.app, 'POST', '/api/playlists/with-rates/submit')
    const report = await succeed(a.app, 'GET', `/api/playlists/with-rates/versions/${number}/legibility`)
    expect(report.findings).toContainEqual(
      expect.objectContaining({ itemId: 'board', problem: 'text-too-small', lang: 'vi' }),
    )
  })
})
