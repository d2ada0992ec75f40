import { join } from 'node:path'
import { ROOT } from '@server/paths'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * The boundaries are the compiler's, not only a scan's (boundaries.test.ts): each package's
 * tsconfig.json gives it the platform types it runs on and a rootDir it cannot import out of
 * except through its references. A probe module, compiled as if it were a file of the package,
 * shows what `tsc -b` answers when someone writes the forbidden import or reaches for the wrong
 * platform.
 */
type Package = 'playlists' | 'server' | 'console' | 'player'

function compileProbe(pkg: Package, source: string, { whole = false } = {}): string[] {
  const configFile = join(ROOT, pkg, 'tsconfig.json')
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      },
    },
  )
  if (!parsed) throw new Error(`cannot read ${configFile}`)
  const probe = join(ROOT, pkg, pkg === 'console' || pkg === 'player' ? 'src' : '', '__probe__.ts')
  const host = ts.createCompilerHost(parsed.options)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (name, language, ...rest) =>
    name === probe ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest)
  const fileExists = host.fileExists.bind(host)
  host.fileExists = (name) => name === probe || fileExists(name)
  // The probe with the package's own options, alone (what it imports comes in as the compiler finds
  // it) or among the package's files (which then count as listed in the project).
  const rootNames = whole ? [...parsed.fileNames, probe] : [probe]
  const program = ts.createProgram({ rootNames, options: parsed.options, host })
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)
}

describe('the compiler keeps each package to its own imports and platform', () => {
  it('refuses the server in the core, the player and the console', () => {
    for (const pkg of ['playlists', 'player', 'console'] as const) {
      const answer = compileProbe(pkg, "export { ROOT } from '@server/paths'\n")
      expect(answer.join('\n'), pkg).toMatch(/server\/paths\.ts' is not under 'rootDir'/)
    }
  })

  it("gives the core neither Node's nor the DOM's globals", () => {
    expect(compileProbe('playlists', 'export const home = process.env.HOME\n').join('\n')).toMatch(
      /Cannot find name 'process'/,
    )
    expect(compileProbe('playlists', 'export const title = document.title\n').join('\n')).toMatch(
      /Cannot find name 'document'/,
    )
  })

  it('gives the server no DOM, and the console no Node', () => {
    expect(compileProbe('server', 'export const title = document.title\n').join('\n')).toMatch(
      /Cannot find name 'document'/,
    )
    expect(compileProbe('console', 'export const home = process.env.HOME\n').join('\n')).toMatch(
      /Cannot find name 'process'/,
    )
  })

  it('accepts what a package may do (the probe itself is sound)', () => {
    const core =
      "import { DEFAULT_TIME_ZONE } from '@playlists/time/zone'\nexport const zone: string = DEFAULT_TIME_ZONE\nexport const web = new URL('https://example.org').origin\n"
    expect(compileProbe('playlists', core, { whole: true })).toEqual([])
    expect(
      compileProbe('server', "import { join } from 'node:path'\nexport const here = join('a', 'b')\n"),
    ).toEqual([])
  })
})
