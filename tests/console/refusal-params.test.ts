import { ApiError, answer } from '@console/api'
import { errorHeadline, statusMessage } from '@console/i18n/common'
import { codeText } from '@console/i18n/error-codes'
import { DICTIONARIES, language } from '@console/i18n/i18n'
import { placeholderNames } from '@console/i18n/plural'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, screenBody, siteBody, slide, succeed, type TestApp } from '../helpers/app'

/**
 * A translated refusal says as much as the English: every value the server sends with a code is a
 * placeholder of its sentence in vi, zh and en, and shows in the sentence the reader gets. The
 * values are those of real answers (a reference that vanished while a form was open, a thing the
 * console opens that is gone, a form's bad value), not a list written beside the sentences.
 */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
  await succeed(t.app, 'POST', '/api/sites', siteBody('gate'))
  await succeed(t.app, 'POST', '/api/screens', screenBody('led'))
  await succeed(t.app, 'POST', '/api/playlists', {
    id: 'loop',
    name: 'Loop',
    items: [slide('s1', 'Xin chào')],
  })
})
afterAll(() => t?.close())
afterEach(() => {
  language.value = 'vi'
})

const EMERGENCY_TEXT = {
  vi: { title: 'Tạm dừng thông quan', body: 'Cửa khẩu tạm đóng.' },
  zh: { title: '暂停通关', body: '口岸暂时关闭。' },
  en: { title: 'Clearance suspended', body: 'The gate is closed.' },
}
const emergency = (targets: object) => ({
  text: EMERGENCY_TEXT,
  targets,
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
})
const zone = (playlistId: string | null) => ({
  id: 'main',
  name: 'Main',
  x: 0,
  y: 0,
  width: 1,
  height: 1,
  playlistId,
})

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
/** The code each request must be refused with, and the request. */
const CASES: [code: string, method: Method, url: string, payload?: object][] = [
  ['screen.playlist-unknown', 'POST', '/api/screens', screenBody('a', 'gate', { defaultPlaylistId: 'gone' })],
  ['screen.layout-unknown', 'POST', '/api/screens', screenBody('b', 'gate', { layoutId: 'gone' })],
  ['screen.sync-group-unknown', 'POST', '/api/screens', screenBody('c', 'gate', { syncGroupId: 'gone' })],
  [
    'power-plan.invalid',
    'PUT',
    '/api/sites/gate/power-plan',
    {
      hours: { mode: 'weekly', days: [[{ start: '08:00', end: '08:00' }], [], [], [], [], [], []] },
      brightness: { mode: 'fixed', steps: [{ from: '00:00', level: 100 }], cap: null },
    },
  ],
  ['screen.id-mismatch', 'PUT', '/api/screens/led', screenBody('other')],
  [
    'schedule.playlist-unknown',
    'POST',
    '/api/schedules',
    { id: 'e1', name: 'E', playlistId: 'gone', target: { type: 'all' } },
  ],
  [
    'schedule.target-unknown',
    'POST',
    '/api/schedules',
    { id: 'e2', name: 'E', playlistId: 'loop', target: { type: 'screen', id: 'gone' } },
  ],
  ['layout.playlist-unknown', 'POST', '/api/layouts', { id: 'hall', name: 'Hall', zones: [zone('gone')] }],
  ['emergency.site-unknown', 'POST', '/api/emergencies', emergency({ sites: ['gone'] })],
  ['emergency.screen-unknown', 'POST', '/api/emergencies', emergency({ screens: ['gone'] })],
  ['version.not-found', 'GET', '/api/playlists/loop/versions/9'],
  ['document.not-found', 'GET', '/api/screens/led/preview-document?version=9'],
  ['api-token.not-found', 'DELETE', '/api/tokens/gone'],
  ['alert-rules.not-found', 'DELETE', '/api/alerts/rules/sites/gate'],
  ['incident.not-found', 'POST', '/api/alerts/incidents/gone/acknowledge', {}],
  ['route.not-found', 'GET', '/api/nothing-here'],
  ['validation.time-zone', 'POST', '/api/sites', { ...siteBody('mars'), timeZone: 'Mars/Olympus' }],
  ['validation.unknown-field', 'POST', '/api/sites', { ...siteBody('moon'), colour: 'red' }],
  ['validation.page-size', 'GET', '/api/alerts/incidents?pageSize=0'],
]

async function refusalOf(method: Method, url: string, payload?: object): Promise<ApiError> {
  const res = await t.app.inject({ method, url, ...(payload ? { payload } : {}) })
  const response = new Response(res.body, {
    status: res.statusCode,
    headers: { 'content-type': 'application/json' },
  })
  const error = await answer(response).catch((e: unknown) => e)
  if (!(error instanceof ApiError)) throw new Error(`${method} ${url} was not refused: ${res.statusCode}`)
  return error
}

const sentences = () => DICTIONARIES.get('error-codes')!

describe('console: a translated refusal names every value the server sends', () => {
  it.each(CASES)('%s', async (code, method, url, payload) => {
    const refused = await refusalOf(method, url, payload)
    expect(refused.code, refused.message).toBe(code)
    const params = refused.params ?? {}
    for (const lang of ['vi', 'zh', 'en'] as const) {
      const sentence = sentences()[lang][code]
      expect(sentence, `${lang}.${code}`).toBeTruthy()
      expect(placeholderNames(sentence!), `${lang}.${code} names`).toEqual(
        expect.arrayContaining(Object.keys(params)),
      )
      language.value = lang
      const said = errorHeadline(refused)
      expect(said).toBe(codeText(refused))
      expect(said).not.toBe(statusMessage(refused.status))
      expect(said, `${lang}.${code}: a placeholder left unfilled`).not.toMatch(/\{\w+/)
      for (const value of Object.values(params)) expect(said, `${lang}.${code}`).toContain(String(value))
    }
  })

  it('says a vanished reference by its id, in the reader’s language', async () => {
    const refused = await refusalOf('POST', '/api/layouts', {
      id: 'hall',
      name: 'Hall',
      zones: [zone('gone')],
    })
    language.value = 'vi'
    expect(errorHeadline(refused)).toBe(
      'Danh sách phát “gone” của vùng “main” không còn tồn tại. Hãy chọn danh sách phát khác cho vùng đó.',
    )
    language.value = 'zh'
    expect(errorHeadline(refused)).toBe('区域“main”的播放列表“gone”已不存在。请为该区域选择其他播放列表。')
    const version = await refusalOf('GET', '/api/playlists/loop/versions/9')
    language.value = 'en'
    expect(errorHeadline(version)).toBe('Version 9 of “loop” was not found.')
  })
})
