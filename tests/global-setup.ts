import { buildPlayer } from '../scripts/build.mjs'

/** The end-to-end tests load the bundled player; build it once per run so tests see current code. */
export default async function setup(): Promise<void> {
  await buildPlayer()
}
