import { join } from 'node:path'
import type { Dataset, DatasetOnAir } from '@playlists/schemas/dataset'
import { succeed } from '../helpers/app'
import { approveAndPublish, teamOf } from '../helpers/approval'
import { ARTIFACTS } from '../helpers/browser'
import { goTo } from '../helpers/console'
import { datasetBody } from '../helpers/datasets'
import { expect, serveApp, test } from '../helpers/fixtures'

/**
 * The Datasets page in Chromium: an editor changes a rate in the grid of typed inputs, saves the
 * draft and submits it (what is on air stays until approval); an approver the dataset names makes
 * a quick change that is on air at once, in Vietnamese. An editor creates a dataset from its
 * columns (added, reordered, typed, headed in three languages), names quick approvers by name,
 * and deletes a dataset no playlist shows, while one a playlist shows is refused in words.
 */

const served = serveApp({}, async (t) => {
  const { editor, approver2 } = teamOf(t.app)
  await succeed(
    t.app,
    'POST',
    '/api/datasets',
    datasetBody('rates', { quickApprovers: [approver2.id] }),
    editor,
  )
  await approveAndPublish(t.app, 'dataset', 'rates', { author: editor })
  await succeed(t.app, 'PATCH', `/api/users/${approver2.id}`, { displayName: 'Trần Thị Bình' })
  await succeed(t.app, 'POST', '/api/datasets', datasetBody('notices', { name: 'Thông báo cũ' }), editor)
  await succeed(t.app, 'POST', '/api/datasets', datasetBody('desk', { name: 'Quầy đổi tiền' }), editor)
  await succeed(t.app, 'POST', '/api/playlists', {
    id: 'board',
    name: 'Board',
    items: [{ kind: 'dataset', durationMs: 10_000, datasetId: 'rates' }],
  })
})

const onAir = (): Promise<DatasetOnAir> => succeed(served.t.app, 'GET', '/api/datasets/rates/on-air')
const draft = (): Promise<Dataset> => succeed(served.t.app, 'GET', '/api/datasets/rates')

test.describe('console datasets page', () => {
  test('an editor edits a rate in the grid, saves the draft and submits it (en)', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'datasets')
    const row = s.page.locator('tr[data-dataset="rates"]')
    await expect(row).toContainText('On air: version 1')
    await expect(row).toContainText('Wait for approval')
    await row.getByRole('button', { name: 'Edit the rows of Tỷ giá tại cửa khẩu' }).click()

    const rate = s.page.getByLabel('Row 1, column Rate')
    await expect(rate).toHaveAttribute('type', 'number')
    await expect(rate).toHaveValue('3520.5')
    await expect(s.page.getByLabel('Row 2, column Date')).toHaveAttribute('type', 'date')
    await expect(s.page.getByLabel('Row 1, column Currency (Chinese)')).toHaveValue('人民币')
    await rate.fill('3530')
    await s.page.getByRole('button', { name: 'Save draft' }).click()
    await expect(s.page.getByText('Draft saved.')).toBeVisible()
    await expect.poll(async () => (await draft()).rows[0]?.values.rate).toBe(3530)
    // Only approval puts it on the screens.
    expect((await onAir()).body?.rows[0]?.values.rate).toBe(3520.5)

    await s.page.getByRole('button', { name: 'Submit for approval' }).click()
    await expect(s.page.getByText('Version 2 submitted for approval.')).toBeVisible()
    await s.page.screenshot({ path: join(ARTIFACTS, 'console-datasets-en.png'), fullPage: true })
    await s.close()
  })

  test('a named approver makes a quick change that is on air at once (vi)', async ({ consoleAs }) => {
    const s = await consoleAs('approver2', { language: 'vi' })
    await goTo(s.page, 'datasets')
    await s.page.getByRole('button', { name: 'Sửa các dòng của bảng Tỷ giá tại cửa khẩu' }).click()
    // The quick change starts from the rows on air, not from the draft's unapproved edit of row 1.
    await expect(s.page.getByLabel('Sửa nhanh dòng 1, cột Tỷ giá')).toHaveValue('3520.5')
    await s.page.getByLabel('Sửa nhanh dòng 2, cột Tỷ giá').fill('25500')
    await s.page.getByRole('button', { name: 'Sửa nhanh (lên sóng ngay)' }).click()
    await expect(s.page.getByText(/^Đã lên sóng phiên bản \d+\.$/)).toBeVisible()
    await expect.poll(async () => (await onAir()).body?.rows[1]?.values.rate).toBe(25500)
    expect((await onAir()).body?.rows[0]?.values.rate).toBe(3520.5)
    const [entry] = served.t.app.repos.audit.query({ action: 'dataset.quick-change', limit: 1 })
    expect(entry).toMatchObject({ actor: { id: teamOf(served.t.app).approver2.id }, via: 'session' })
    await s.close()
  })
})

test.describe('console datasets: creating, approvers, deleting', () => {
  test('an editor creates a dataset from typed columns, added and reordered (en)', async ({ consoleAs }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'datasets')
    await s.page.getByRole('button', { name: '+ New dataset' }).click()
    const dialog = s.page.getByRole('dialog')
    await dialog.getByLabel('Name', { exact: true }).fill('Hàng chờ xe tải')
    const first = dialog.getByRole('group', { name: 'Column 1' })
    await first.getByLabel('Column key').fill('gate')
    await first.getByLabel('Heading (Vietnamese)').fill('Cửa khẩu')
    await first.getByLabel('Heading (Chinese)').fill('口岸')
    await first.getByLabel('Heading (English)').fill('Gate')

    await dialog.getByRole('button', { name: '+ Add a column' }).click()
    const second = dialog.getByRole('group', { name: 'Column 2' })
    await second.getByLabel('Column key').fill('gate')
    await second.getByLabel('Type').selectOption('number')
    await second.getByLabel('Heading (Vietnamese)').fill('Số xe chờ')
    await second.getByLabel('Heading (Chinese)').fill('等候货车')
    await second.getByLabel('Heading (English)').fill('Trucks waiting')
    await second.getByLabel('Unit (optional, at most 12 characters)').fill('xe')
    // Two columns under one key: the form says so on the field, and sends nothing.
    await dialog.getByRole('button', { name: 'Create a dataset' }).click()
    await expect(second.getByLabel('Column key')).toHaveAttribute('aria-invalid', 'true')
    await expect(second).toContainText('Another column already has the key “gate”.')
    expect(served.t.app.repos.datasets.list().map((d) => d.name)).not.toContain('Hàng chờ xe tải')
    await second.getByLabel('Column key').fill('trucks')
    await dialog.getByRole('button', { name: 'Move column 2 up' }).click()
    await expect(dialog.getByRole('group', { name: 'Column 1' }).getByLabel('Column key')).toHaveValue(
      'trucks',
    )
    await dialog.getByRole('button', { name: 'Create a dataset' }).click()
    await expect(s.page.getByText('Dataset “Hàng chờ xe tải” created.', { exact: false })).toBeVisible()

    const all: Dataset[] = await succeed(served.t.app, 'GET', '/api/datasets')
    const made = all.find((d) => d.name === 'Hàng chờ xe tải')
    expect(made?.columns).toEqual([
      {
        id: 'trucks',
        type: 'number',
        label: { vi: 'Số xe chờ', zh: '等候货车', en: 'Trucks waiting' },
        decimals: 0,
        unit: 'xe',
      },
      { id: 'gate', type: 'text', label: { vi: 'Cửa khẩu', zh: '口岸', en: 'Gate' } },
    ])
    expect(made?.liveVersion).toBeNull()
    // It opens at once: its rows grid reads the new columns.
    await expect(s.page.getByRole('heading', { name: 'Rows of “Hàng chờ xe tải” (draft)' })).toBeVisible()
    await s.close()
  })

  test('an editor changes a draft’s columns: a type the rows do not fit is refused, a removed column’s values go (en)', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'datasets')
    await s.page.getByRole('button', { name: 'Edit the rows of Quầy đổi tiền' }).click()
    await s.page.getByRole('button', { name: 'Edit the columns of Quầy đổi tiền' }).click()
    const dialog = s.page.getByRole('dialog')
    const first = dialog.getByRole('group', { name: 'Column 1' })
    await expect(first.getByLabel('Column key')).toHaveValue('currency')
    await expect(first.getByLabel('Column key')).toHaveAttribute('readonly', '')
    // The currency's names are text: as numbers, the server refuses, naming the row and the column.
    await first.getByLabel('Type').selectOption('number')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toContainText('Row 1 (“cny”), column “currency”: this needs a number.')
    await first.getByLabel('Type').selectOption('text')

    await dialog.getByRole('button', { name: 'Remove column 3' }).click()
    await dialog.getByRole('button', { name: 'Move column 2 up' }).click()
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(s.page.getByText('Columns saved to the draft.')).toBeVisible()
    const desk: Dataset = await succeed(served.t.app, 'GET', '/api/datasets/desk')
    expect(desk.columns.map((c) => c.id)).toEqual(['rate', 'currency'])
    expect(desk.rows.map((r) => Object.keys(r.values).sort())).toEqual([
      ['currency', 'rate'],
      ['currency', 'rate'],
    ])
    expect(desk.rows[0]?.values.rate).toBe(3520.5)
    await s.close()
  })

  test('an editor names a quick approver by name, not by account id (vi)', async ({ consoleAs }) => {
    const { approver, approver2 } = teamOf(served.t.app)
    const s = await consoleAs('editor', { language: 'vi' })
    await goTo(s.page, 'datasets')
    await s.page.getByRole('button', { name: 'Sửa các dòng của bảng Tỷ giá tại cửa khẩu' }).click()
    const approvers = s.page.getByRole('group', { name: 'Người được sửa nhanh (lên sóng ngay)' })
    await expect(approvers.getByLabel('Trần Thị Bình')).toBeChecked()
    await expect(approvers).not.toContainText(approver2.id)
    await approvers.getByLabel('approver', { exact: true }).check()
    await s.page.getByRole('button', { name: 'Lưu chính sách vào bản nháp' }).click()
    await expect(s.page.getByText('Đã lưu chính sách vào bản nháp', { exact: false })).toBeVisible()
    await expect.poll(async () => (await draft()).quickApprovers).toEqual([approver.id, approver2.id].sort())
    await s.close()
  })

  test('an editor deletes an unused dataset; one a playlist shows is refused in words (en)', async ({
    consoleAs,
  }) => {
    const s = await consoleAs('editor', { language: 'en' })
    await goTo(s.page, 'datasets')
    await s.page.getByRole('button', { name: 'Delete the dataset Tỷ giá tại cửa khẩu' }).click()
    const dialog = s.page.getByRole('dialog')
    await expect(dialog).toContainText('Delete the dataset “Tỷ giá tại cửa khẩu” and its rows?')
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await expect(dialog).toContainText('is still shown by 1 playlist (board)')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect((await served.t.app.inject({ method: 'GET', url: '/api/datasets/rates' })).statusCode).toBe(200)

    await s.page.getByRole('button', { name: 'Delete the dataset Thông báo cũ' }).click()
    await s.page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
    await expect(s.page.getByText('Dataset “Thông báo cũ” deleted.')).toBeVisible()
    await expect(s.page.locator('tr[data-dataset="notices"]')).toHaveCount(0)
    expect((await served.t.app.inject({ method: 'GET', url: '/api/datasets/notices' })).statusCode).toBe(404)
    await s.close()
  })
})
