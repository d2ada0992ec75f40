import { Writable } from 'node:stream'
import { loggerOptions } from '@server/logging'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app'

/**
 * Logs (issue 8, item 3): structured JSON lines with request ids, and no password, token or
 * cookie in any of them, whatever the request carried.
 */

const lines: Record<string, unknown>[] = []
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
    done()
  },
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ logger: loggerOptions('trace', sink) })
})
afterAll(() => t.close())

describe('the server log', () => {
  it('never holds a password, a token or a cookie', async () => {
    const login = await t.anonymous({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'editor', password: TEST_PASSWORD },
    })
    const cookie = login.headers['set-cookie'] as string
    const session = cookie.split(';')[0] ?? ''
    await t.anonymous({ method: 'GET', url: '/api/sites', headers: { cookie: session } })
    await t.anonymous({ method: 'GET', url: '/api/sites', headers: t.team.viewer.headers })
    await t.anonymous({
      method: 'PUT',
      url: '/api/auth/password',
      headers: { cookie: session },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'the next long password' },
    })
    // Whatever code logs an object holding secrets, they are censored.
    t.app.log.info({ user: { password: 'p4ssw0rd-in-object' }, token: t.team.admin.token }, 'careless')
    t.app.log.info({ headers: { authorization: t.team.admin.headers.authorization } }, 'careless headers')

    const text = JSON.stringify(lines)
    expect(lines.length).toBeGreaterThan(8)
    for (const secret of [
      TEST_PASSWORD,
      'the next long password',
      'p4ssw0rd-in-object',
      session.split('=')[1] ?? 'no session',
      t.team.viewer.token,
      t.team.admin.token,
    ]) {
      expect(text).not.toContain(secret)
    }
    const careless = lines.find((l) => l.msg === 'careless')
    expect(careless).toMatchObject({ user: { password: '[Redacted]' }, token: '[Redacted]' })
  })

  it('tags each request’s lines with its id, taking a proxy’s X-Request-Id and echoing it', async () => {
    lines.length = 0
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/sites',
      headers: { 'x-request-id': 'proxy-42' },
    })
    expect(res.headers['x-request-id']).toBe('proxy-42')
    const own = lines.filter((l) => l.reqId === 'proxy-42')
    expect(own.map((l) => l.msg)).toEqual(['incoming request', 'request completed'])
    expect(own[1]).toMatchObject({ level: 30, res: { statusCode: 200 } })

    const odd = await t.app.inject({
      method: 'GET',
      url: '/api/sites',
      headers: { 'x-request-id': 'x'.repeat(500) },
    })
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })
})
