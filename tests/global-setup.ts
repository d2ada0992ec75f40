import { buildConsole, buildPlayer, buildServer } from '../scripts/build.mjs'

/**
 * The end-to-end tests load the bundled player and console and the start-up tests run the bundled server:
 * build both once per run so every test sees the current code.
 */
export default async function setup(): Promise<void> {
  await Promise.all([buildPlayer(), buildConsole(), buildServer()])
}
