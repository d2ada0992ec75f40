import { ApiError } from '@console/api'
import { checksOf, fieldCheck, refusedFields, refuses } from '@console/components/form/refusal'
import { movedZones, parseDraft } from '@console/pages/layouts/layout-draft'
import { problemId, problemIdsOf, zoneChecks } from '@console/pages/layouts/zone-checks'
import type { Zone } from '@playlists/schemas/layout'
import { describe, expect, it } from 'vitest'

/**
 * Which fields a server refusal names, as the console's forms mark them (components/form/refusal),
 * and the layout editor's pure parts: its problems by field and its zone moves.
 */

const refusal = (field: string | undefined, details?: unknown) =>
  new ApiError(400, 'Bad Request', 'refused', details, { code: 'validation.field', field })

describe('refusedFields', () => {
  it('reads the validation path as the form names it, without the request part', () => {
    expect([...refusedFields(refusal('body.name'))]).toEqual(['name'])
    expect([...refusedFields(refusal('body.zones[0].playlistId'))]).toEqual(['zones[0].playlistId'])
    expect([...refusedFields(refusal('query.tag'))]).toEqual(['tag'])
  })

  it('adds every field of the details, a list of problems or one object, slashes read as a path', () => {
    const list = refusal('body.tags[0]', [
      { field: 'body.tags[0]' },
      { field: 'body.name' },
      { problem: 'x' },
    ])
    expect([...refusedFields(list)].sort()).toEqual(['name', 'tags[0]'])
    const one = refusal(undefined, { field: 'zones/2/playlistId' })
    expect([...refusedFields(one)]).toEqual(['zones[2].playlistId'])
  })

  it('names nothing for no refusal, or one about the whole body', () => {
    expect(refusedFields(null).size).toBe(0)
    expect(refusedFields(refusal('body')).size).toBe(0)
    expect(refusedFields(refusal(undefined, 'text')).size).toBe(0)
  })
})

describe('refuses and fieldCheck', () => {
  const fields = refusedFields(refusal('body.tags[2]', [{ field: 'body.zones[0].x' }]))

  it('matches a field and its parts, not a field whose name merely starts the same', () => {
    expect(refuses(fields, 'tags')).toBe(true)
    expect(refuses(fields, 'tags[2]')).toBe(true)
    expect(refuses(fields, 'zones[0].x')).toBe(true)
    expect(refuses(fields, 'zones[0]')).toBe(true)
    expect(refuses(fields, 'tag')).toBe(false)
    expect(refuses(fields, 'zones[1].x')).toBe(false)
  })

  it('marks a refused field invalid, pointing at the refusal, and the form’s own message first', () => {
    expect(fieldCheck(fields, 'r1', 'tags')).toEqual({ error: null, invalid: true, refusalId: 'r1' })
    expect(fieldCheck(fields, 'r1', 'name')).toEqual({ error: null, invalid: false, refusalId: 'r1' })
    expect(fieldCheck(fields, 'r1', 'name', 'Enter a name.')).toEqual({
      error: 'Enter a name.',
      invalid: true,
      refusalId: 'r1',
    })
  })

  it('gives a form one check per field from its refusal, a listed word or a nested minute included', () => {
    const check = checksOf(
      refusal('body.words[3]', [{ field: 'body.policy.defaultMinutes', problem: 'too big' }]),
      'r2',
    )
    expect(check('words')).toEqual({ error: null, invalid: true, refusalId: 'r2' })
    expect(check('policy.defaultMinutes')).toMatchObject({ invalid: true })
    expect(check('policy.breakGlass.confirmWithinMinutes')).toMatchObject({ invalid: false })
    expect(checksOf(null, 'r2')('words')).toMatchObject({ invalid: false })
  })
})

const zone = (id: string, change: Partial<Zone> = {}): Zone => ({
  id,
  name: id,
  x: 0,
  y: 0,
  width: 0.5,
  height: 0.5,
  playlistId: null,
  ...change,
})

describe('layout editor problems and zones', () => {
  it('gives each problem of a field its line’s id, the layout’s name apart from the zones’', () => {
    const problems = zoneChecks(' ', [zone('main'), zone('clock', { name: '', x: 0.8 })])
    const nameIds = problemIdsOf(problems, 'p', null, 'name')
    expect(nameIds).toEqual([
      problemId(
        'p',
        problems.findIndex((p) => p.index === null && p.field === 'name'),
      ),
    ])
    expect(problemIdsOf(problems, 'p', 1, 'name')).toHaveLength(1)
    expect(problemIdsOf(problems, 'p', 1, 'width')).toHaveLength(1)
    expect(problemIdsOf(problems, 'p', 0, 'name')).toEqual([])
    // Every id names a different line.
    const all = [
      ...nameIds,
      ...problemIdsOf(problems, 'p', 1, 'name'),
      ...problemIdsOf(problems, 'p', 1, 'width'),
    ]
    expect(new Set(all).size).toBe(3)
  })

  it('moves a zone up or down the drawing order without touching the list it was given', () => {
    const zones = [zone('main'), zone('clock'), zone('ticker')]
    expect(movedZones(zones, 1, 1).map((z) => z.id)).toEqual(['main', 'ticker', 'clock'])
    expect(movedZones(zones, 1, -1).map((z) => z.id)).toEqual(['clock', 'main', 'ticker'])
    expect(zones.map((z) => z.id)).toEqual(['main', 'clock', 'ticker'])
  })

  it('reads back a kept draft only when it has a layout’s shape', () => {
    expect(parseDraft({ name: 'Gate', zones: [zone('main')] })).toEqual({
      name: 'Gate',
      zones: [zone('main')],
    })
    expect(parseDraft({ name: 'Gate', zones: [{ id: 'main' }] })).toBeNull()
    expect(parseDraft({ zones: [] })).toBeNull()
  })
})
