/**
 * Where a player stands, on `#stage[data-status]` for tests and anyone looking at the page:
 * `pairing` — no token, it shows a pairing code; `waiting` — it knows its screen but shows no
 * document (connecting, nothing published, refused, or a preview still fetching); `playing` — a
 * document is on screen: every zone shows the item that was due when the document was applied,
 * or skipped it as unplayable. Set in the task that swaps the item in, so the next frame painted
 * shows it (a timer or animation frame would tie it to the page's clock, which tests stop).
 */
export type PlayerStatus = 'pairing' | 'waiting' | 'playing'

export function showStatus(root: HTMLElement, status: PlayerStatus): void {
  root.dataset.status = status
}
