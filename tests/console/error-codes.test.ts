import { ApiError, answer } from '@console/api'
import { errorHeadline, statusMessage } from '@console/i18n/common'
import { codeText, TRANSLATED_CODES } from '@console/i18n/error-codes'
import { language } from '@console/i18n/i18n'
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
async function refusalOf(url: string, method: 'GET' | 'POST' = 'GET', payload?: object): Promise<ApiError> {
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
    expect(said.zh).toBe('找不到播放列表“ghost”；它可能刚被删除。')
    expect(said.vi).toBe('Không tìm thấy danh sách phát “ghost”; có thể nó vừa bị xóa.')
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
