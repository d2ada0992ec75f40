/** What a build read (paths from the repository root) and wrote (paths from dist/). */
export interface Built {
  inputs: string[]
  outputs: string[]
}
export function buildPlayer(): Promise<Built>
export function buildConsole(): Promise<Built>
export function buildServer(): Promise<Built>
export function buildAll(): Promise<void>
/** Builds unless dist/ is fresh; returns why it built, empty when it did not. */
export function ensureBuilt(): Promise<string[]>
