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
 * a quick change that is on air at once, in Vietnamese.
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
