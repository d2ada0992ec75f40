import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PRODUCT_NAMES, productName } from '@playlists/product-names'
import { LAYOUT_PRESETS } from '@server/layouts/presets'
import { describe, expect, it } from 'vitest'

const SEED = join(import.meta.dirname, '../../server/seed/content')
const json = async (file: string) => JSON.parse(await readFile(join(SEED, file), 'utf8'))

describe('names Gatecast writes itself', () => {
  it('has all three languages for every seeded screen, sync group and layout and every preset zone', async () => {
    const sites = await json('sites.json')
    const layouts = await json('layouts.json')
    const written: string[] = [
      ...sites.screens.map((s: { name: string }) => s.name),
      ...sites.syncGroups.map((g: { name: string }) => g.name),
      ...layouts.layouts.map((l: { name: string }) => l.name),
      ...LAYOUT_PRESETS.flatMap((p) => p.zones.map((z) => z.name)),
    ]
    for (const name of written) {
      const entry = PRODUCT_NAMES.find((n) => [n.vi, n.zh, n.en].includes(name))
      expect(entry, name).toBeDefined()
      expect(/[\u3400-\u9fff]/.test(entry!.zh), `zh of ${name}`).toBe(true)
      expect(entry!.vi, `vi of ${name}`).not.toBe(entry!.en)
    }
  })

  it('shows a product name in the reader’s language, whichever language it was stored in', () => {
    expect(productName('Main', 'vi')).toBe('Nội dung chính')
    expect(productName('Nội dung chính', 'zh')).toBe('主画面')
    expect(productName('Tân Thanh outdoor LED', 'zh')).toBe('新清户外 LED 屏')
  })

  it('leaves a name a person typed as typed', () => {
    expect(productName('Main gate screen', 'vi')).toBe('Main gate screen')
    expect(productName('main', 'zh')).toBe('main')
  })
})
