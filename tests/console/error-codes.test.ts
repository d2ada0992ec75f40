import { ApiError, answer } from '@console/api'
import { errorHeadline, statusMessage } from '@console/i18n/common'
import { codeText, TRANSLATED_CODES } from '@console/i18n/error-codes'
import { formatDateTime, language } from '@console/i18n/i18n'
import { refusal } from '@console/pages/approvals/decision'
import { serverProblemText } from '@console/pages/playlists/server-errors'
import { isErrorCode } from '@playlists/schemas/error-codes'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app'

/**
 * The console says a refusal in the reader's language from the code the server sends beside its
 * English message, never from the English words (which are free to change), and falls back to a
 * sentence for the status when it does not know the code.
 */
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())
afterEach(() => {
  language.value = 'vi'
})

/** What the console's api client makes of a real answer of the server. */
async function refusalOf(
  url: string,
  method: 'GET' | 'POST' | 'DELETE' = 'GET',
  payload?: object,
): Promise<ApiError> {
  const res = await t.app.inject({ method, url, ...(payload ? { payload } : {}) })
  const response = new Response(res.body, {
    status: res.statusCode,
    headers: { 'content-type': 'application/json' },
  })
  const error = await answer(response).catch((e: unknown) => e)
  if (!(error instanceof ApiError)) throw new Error(`${url} was not refused: ${res.statusCode}`)
  return error
}

describe('console: refusals translated from their codes', () => {
  it('translates only codes of the catalogue', () => {
    expect(TRANSLATED_CODES.size).toBeGreaterThan(50)
    expect([...TRANSLATED_CODES].filter((code) => !isErrorCode(code))).toEqual([])
  })

  it('carries the code, the field and the values of a refusal into its ApiError', async () => {
    const missing = await refusalOf('/api/playlists/ghost')
    expect(missing).toMatchObject({
      status: 404,
      kind: 'Not Found',
      code: 'playlist.not-found',
      params: { id: 'ghost' },
    })
    const invalid = await refusalOf('/api/sites', 'POST', {
      id: 'Not A Slug',
      name: { vi: 'a', zh: 'b', en: 'c' },
    })
    expect(invalid).toMatchObject({ status: 400, code: 'validation.slug', field: 'body.id' })
  })

  it('says a known code in vi, zh and en with the values the server named', async () => {
    const missing = await refusalOf('/api/playlists/ghost')
    const said = { vi: '', zh: '', en: '' }
    for (const lang of ['vi', 'zh', 'en'] as const) {
      language.value = lang
      said[lang] = errorHeadline(missing)
      expect(said[lang], lang).toContain('“ghost”')
      expect(said[lang]).not.toBe(statusMessage(404))
    }
    expect(said.zh).toBe('找不到播放列表“ghost”，可能已被删除。')
    expect(said.vi).toBe('Không tìm thấy danh sách phát “ghost”, có thể danh sách đã bị xóa.')
  })

  it('says as much as the English: the values a refusal names appear in every language', async () => {
    const range = await refusalOf('/api/plays?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')
    const maxDays = range.params?.maxDays
    expect(range).toMatchObject({ code: 'range.too-long', params: { maxDays: expect.any(Number) } })
    language.value = 'vi'
    expect(errorHeadline(range)).toBe(
      `Khoảng thời gian quá dài: tối đa ${maxDays} ngày. Hãy chọn khoảng ngắn hơn.`,
    )
    language.value = 'zh'
    expect(errorHeadline(range)).toBe(`时间范围过长：最长 ${maxDays} 天。请选择较短的范围。`)

    const inUse = (count: number) =>
      new ApiError(409, 'Conflict', 'Reworded.', undefined, {
        code: 'layout.in-use',
        params: { id: 'hall', count, screens: count === 1 ? 'gate-1' : 'gate-1, gate-2' },
      })
    language.value = 'en'
    expect(codeText(inUse(1))).toBe(
      'The layout “hall” is still used by 1 screen (gate-1). Give them another layout first.',
    )
    expect(codeText(inUse(2))).toContain('used by 2 screens (gate-1, gate-2)')
    language.value = 'vi'
    expect(codeText(inUse(2))).toBe(
      'Bố cục “hall” vẫn đang được 2 màn hình sử dụng (gate-1, gate-2). Hãy chọn bố cục khác cho các màn hình đó trước.',
    )
    language.value = 'zh'
    expect(codeText(inUse(2))).toBe(
      '布局“hall”仍被 2 个屏幕使用（gate-1, gate-2）。请先为这些屏幕选择其他布局。',
    )
  })

  it('says roles in the reader’s words and instants in the reader’s format', () => {
    const role = new ApiError(
      403,
      'Forbidden',
      'This needs the role admin, approver; you act as viewer.',
      undefined,
      {
        code: 'auth.role-required',
        params: { needed: 'admin, approver', role: 'viewer' },
      },
    )
    language.value = 'vi'
    expect(codeText(role)).toBe(
      'Việc này cần vai trò quản trị viên hoặc người phê duyệt; tài khoản của bạn có vai trò người xem.',
    )
    language.value = 'zh'
    expect(codeText(role)).toBe('此操作需要管理员或审批人角色；您的账户角色为查看者。')

    const at = '2026-02-17T08:30:00.000Z'
    const cleared = new ApiError(409, 'Conflict', 'Reworded.', undefined, {
      code: 'emergency.cleared',
      params: { id: 'em_1', clearedAt: at },
    })
    for (const lang of ['vi', 'zh', 'en'] as const) {
      language.value = lang
      const said = codeText(cleared)!
      expect(said, lang).toContain(formatDateTime(at))
      expect(said, lang).not.toContain('2026-02-17T')
      expect(said, lang).not.toMatch(/\{\w+/)
    }
  })

  it('falls back to the status for a code it does not know, or none', () => {
    language.value = 'zh'
    const unknown = new ApiError(409, 'Conflict', 'Something new.', undefined, { code: 'future.thing' })
    expect(codeText(unknown)).toBeUndefined()
    expect(errorHeadline(unknown)).toBe(statusMessage(409))
    expect(errorHeadline(new ApiError(404, 'Not Found', 'Playlist "x" does not exist.'))).toBe(
      statusMessage(404),
    )
  })

  it('decides the approvals page’s refusals by code, whatever the English says', () => {
    language.value = 'zh'
    const ownChange = new ApiError(403, 'Forbidden', 'Reworded entirely.', undefined, {
      code: 'approval.own-change',
    })
    expect(refusal(ownChange)).toBe('服务器拒绝：您是此版本的作者。必须由另一位审批人决定。')
    const onAir = new ApiError(409, 'Conflict', 'Already decided', undefined, { code: 'approval.on-air' })
    expect(refusal(onAir)).toBe('此版本已经在播放。')
    // The English words alone decide nothing: they were the regular expressions' old cue.
    expect(refusal(new ApiError(403, 'Forbidden', 'You are an author of version 2.'))).toBeUndefined()
    expect(refusal(new ApiError(409, 'Conflict', 'Version 2 is already on air.'))).toBeUndefined()
  })

  it('says a schema problem of a playlist field from its code and limit', () => {
    language.value = 'en'
    expect(
      serverProblemText('a:title', {
        problem: 'reworded',
        code: 'validation.too-long',
        params: { limit: 140 },
      }),
    ).toBe('At most 140 characters.')
    expect(serverProblemText('a:title', { problem: 'must not be empty', code: 'validation.empty' })).toBe(
      serverProblemText('b:title', { problem: 'anything', code: 'validation.empty' }),
    )
    // Without a code, the server's English is shown as its own.
    expect(serverProblemText('a:title', { problem: 'must have at most 140 characters' })).toContain(
      'must have at most 140 characters',
    )
  })
})
