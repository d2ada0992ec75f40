/**
 * Text on an LED panel must be as large as possible without ever overflowing its box.
 * `fitText` binary-searches the base font size of `box` (everything inside is sized in `em`)
 * for the largest that fits, between `minPx` and `maxPx`.
 */
export const TEXT_MIN_PX = 12

export function fits(box: HTMLElement): boolean {
  // One pixel of slack absorbs sub-pixel rounding differences between layout and scroll sizes.
  return box.scrollHeight <= box.clientHeight + 1 && box.scrollWidth <= box.clientWidth + 1
}

export function fitText(box: HTMLElement, maxPx: number, minPx = TEXT_MIN_PX): number {
  let lo = minPx
  let hi = Math.max(minPx, maxPx)
  box.style.fontSize = `${hi}px`
  if (fits(box)) return hi
  // Half-pixel precision: ten rounds from any sane range.
  while (hi - lo > 0.5) {
    const mid = (lo + hi) / 2
    box.style.fontSize = `${mid}px`
    if (fits(box)) lo = mid
    else hi = mid
  }
  box.style.fontSize = `${lo}px`
  return lo
}
