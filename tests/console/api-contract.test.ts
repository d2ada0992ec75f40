import { join } from 'node:path'
import { ROOT } from '@server/paths'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * The console's API client takes its types from the route contract (playlists/api/), so a route
 * whose answer or body changes shape there stops the console compiling where it reads or sends
 * the old shape. A probe beside console/src/api.ts makes the calls the console makes; the
 * contract is edited in memory and the probe compiled with the console's own options.
 */

type Edit = { file: string; from: string; to: string }

/** What the playlist editor and the account page do with these two routes. */
const PROBE = `
import { api } from './api'
export async function revisionOf(id: string): Promise<number> {
  const current = await api.get('/api/playlists/:id', { params: { id } })
  return current.draftRevision
}
export const changePassword = (current: string, next: string) =>
  api.put('/api/auth/password', { body: { currentPassword: current, newPassword: next } })
`

let previous: ts.Program | undefined

/** A bound for a hang, not a measure: checking the contract's types takes tens of seconds on two busy cores. */
const COMPILE_TIMEOUT_MS = 240_000

function compileProbe(edits: Edit[]): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'console/tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      },
    },
  )
  if (!parsed) throw new Error('cannot read console/tsconfig.json')
  // The core is read as source here (no built declarations), so it sits under one root with the console.
  const options = {
    ...parsed.options,
    rootDir: ROOT,
    composite: false,
    emitDeclarationOnly: false,
    noEmit: true,
    incremental: false,
  }
  const probe = join(ROOT, 'console/src/__probe__.ts')
  const edited = new Map(edits.map((e) => [join(ROOT, e.file), e]))
  const host = ts.createCompilerHost(options)
  const read = host.getSourceFile.bind(host)
  host.getSourceFile = (name, language, ...rest) => {
    if (name === probe) return ts.createSourceFile(name, PROBE, language)
    const edit = edited.get(name)
    if (!edit) return read(name, language, ...rest)
    const text = ts.sys.readFile(name) ?? ''
    if (!text.includes(edit.from)) throw new Error(`${edit.file} no longer holds ${edit.from}`)
    return ts.createSourceFile(name, text.replace(edit.from, edit.to), language)
  }
  const exists = host.fileExists.bind(host)
  host.fileExists = (name) => name === probe || exists(name)
  const program = ts.createProgram({ rootNames: [probe], options, host, oldProgram: previous })
  previous = program
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file?.fileName.slice(ROOT.length + 1)} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    )
}

describe("the console's API client, typed from the route contract", () => {
  it(
    "compiles the console's calls as the contract stands",
    () => {
      expect(compileProbe([])).toEqual([])
    },
    COMPILE_TIMEOUT_MS,
  )

  it('refuses to read a field a route no longer answers', () => {
    const errors = compileProbe([
      {
        file: 'playlists/api/content.ts',
        from: "route('GET', '/api/playlists/:id', { params: IdParams, response: { 200: Playlist } })",
        to: "route('GET', '/api/playlists/:id', { params: IdParams, response: { 200: Type.Object({ id: Type.String() }) } })",
      },
    ])
    expect(errors).toEqual([
      expect.stringMatching(/^console\/src\/__probe__\.ts Property 'draftRevision' does not exist/),
    ])
  })

  it(
    'refuses to send a body of the old shape',
    () => {
      // The password route taking a sign-in's body instead.
      const errors = compileProbe([
        {
          file: 'playlists/api/accounts.ts',
          from: "route('PUT', '/api/auth/password', { body: PasswordChange,",
          to: "route('PUT', '/api/auth/password', { body: LoginBody,",
        },
      ])
      expect(errors).toEqual([expect.stringMatching(/^console\/src\/__probe__\.ts .*currentPassword/)])
    },
    COMPILE_TIMEOUT_MS,
  )
})
