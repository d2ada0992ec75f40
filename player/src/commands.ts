import type { Command } from '@playlists/events'
import type { PlayerSocket } from './connection'

/** How long "identify" shows the screen's name. */
export const IDENTIFY_MS = 10_000

export interface CommandHooks {
  /**
   * Drops everything the player stored (documents, caches, the service worker) so the reload
   * downloads it all again; the screen's token and its clock offset, which are no cache, stay.
   */
  forget: () => Promise<void>
}

/**
 * Remote commands from an operator: reload the page; identify (the screen's name large, over
 * everything, for 10 s — "which of these three panels is kiosk 2?"); clear the cache and
 * download everything again.
 */
export function handleCommands(socket: PlayerSocket, hooks: CommandHooks): void {
  socket.on('command', (command: Command) => {
    switch (command?.type) {
      case 'reload':
        location.reload()
        return
      case 'identify':
        identify(command.name ?? '')
        return
      case 'clear-cache':
        void hooks
          .forget()
          .catch((e: unknown) => console.warn('gatecast: clearing the cache failed', e))
          .then(() => location.reload())
        return
      default:
        console.warn('gatecast: unknown command', command)
    }
  })
}

let identifyTimer: ReturnType<typeof setTimeout> | undefined

export function identify(name: string): void {
  let card = document.getElementById('identify')
  if (!card) {
    card = document.createElement('aside')
    card.id = 'identify'
    document.body.append(card)
  }
  card.textContent = name
  card.hidden = false
  clearTimeout(identifyTimer)
  identifyTimer = setTimeout(() => {
    card.hidden = true
  }, IDENTIFY_MS)
}
