import { dirname, join } from 'node:path'
import { ERROR_CODES } from '@playlists/schemas/error-codes'
import { DomainError, notFound, refuse } from '@server/domain-error'
import { KIND_STATUS, statusOf } from '@server/errors'
import { describe, expect, it } from 'vitest'
import { importsOf, readSource, sourceFiles } from '../helpers/imports'

/**
 * The data layer says what went wrong in the domain's words (a DomainError naming a code of the
 * catalogue); only the HTTP layer turns that into a status. A repository that imported
 * server/errors.ts could throw a 404 of its own again.
 */
const DATA_LAYER = ['server/repositories', 'server/db']

/** The repository-relative path an import names, for relative imports. */
const target = (file: string, spec: string) => join(dirname(file), spec).split('\\').join('/')

describe('errors of the data layer', () => {
  it('never imports the HTTP errors in any module of the data layer', () => {
    const files = sourceFiles(...DATA_LAYER)
    expect(files.some((f) => f.startsWith('server/repositories/'))).toBe(true)
    const offending = files.flatMap((file) =>
      importsOf(readSource(file))
        .filter((spec) => spec.startsWith('.') && target(file, spec) === 'server/errors')
        .map((spec) => `${file} imports ${spec}`),
    )
    expect(offending).toEqual([])
  })

  it('recognises an import of server/errors.ts from a repository (the check above can fail)', () => {
    expect(target('server/repositories/sites.ts', '../errors')).toBe('server/errors')
    expect(importsOf("import { conflict } from '../errors'\n")).toEqual(['../errors'])
    expect(target('server/repositories/sites.ts', '../domain-error')).toBe('server/domain-error')
  })

  it('maps every kind of the catalogue to one HTTP status', () => {
    for (const code of Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]) {
      const status = statusOf(refuse(code, 'x'))
      expect(status, code).toBe(KIND_STATUS[ERROR_CODES[code]])
      expect(status >= 400 && status < 600, code).toBe(true)
    }
    expect(statusOf(notFound('playlist.not-found', 'Playlist', 'lobby'))).toBe(404)
    expect(statusOf(refuse('playlist.id-taken', 'taken'))).toBe(409)
  })

  it('carries the code, the values the message names and the field a check names in its details', () => {
    const missing = notFound('screen.not-found', 'Screen', 'ghost')
    expect(missing).toBeInstanceOf(DomainError)
    expect(missing).toMatchObject({ code: 'screen.not-found', message: 'Screen "ghost" does not exist.' })
    expect(missing.params).toEqual({ id: 'ghost' })
    expect(refuse('screen.site-unknown', 'no site', { details: { field: 'siteId' } }).field).toBe('siteId')
    expect(refuse('schedule.rule', 'bad', { details: [{ field: 'rule.days' }] }).field).toBe('rule.days')
    expect(refuse('layout.zones', 'bad', { field: 'zones', details: [{ field: 'other' }] }).field).toBe(
      'zones',
    )
    expect(refuse('site.has-screens', 'in use', { details: { screens: ['a'] } }).field).toBeUndefined()
  })
})
