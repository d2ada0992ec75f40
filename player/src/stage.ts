import type { Rendered } from './renderers/renderer'

/**
 * The full-screen stage holds a visible layer and, while the next item is being prepared,
 * a hidden one laid out at the same size (so text can be measured and images decoded).
 * Swapping is a single class change: no frame shows a half-built item.
 */
export class Stage {
  constructor(readonly root: HTMLElement) {}

  get width(): number {
    return this.root.clientWidth
  }

  get height(): number {
    return this.root.clientHeight
  }

  /** Attaches a rendered item to a new hidden layer. */
  mount(rendered: Rendered): HTMLElement {
    const layer = document.createElement('div')
    layer.className = 'layer preparing'
    layer.append(rendered.element)
    this.root.append(layer)
    return layer
  }

  /**
   * Draws `layer` beneath the item on screen, which stays on top until `show`. A video element
   * draws its frames apart from the page: while hidden it holds no picture, and once drawn it
   * gets one only some frames later, meanwhile covering what is under it in black (see
   * renderers/video.ts). It goes in at the level it is shown at, just before the layers on
   * screen, so that `show` only removes them: re-stacking a video once drawn, or repainting the
   * layer over it, can blank it again. What is on screen is left untouched for the same reason.
   */
  underlay(layer: HTMLElement): void {
    const top = this.showing()[0]
    // Moved while still hidden, before its video has been drawn: nothing on screen is reset.
    if (top) this.root.insertBefore(layer, top)
    layer.classList.remove('preparing')
    layer.classList.add('arriving')
  }

  /**
   * Shows `layer` and removes the one it replaces; layers still being prepared stay. With
   * `fadeMs` the new layer blends in over the old one, which leaves when the blend ends (it is
   * marked `leaving`, no longer `showing`). Resolves once the old layers are gone.
   */
  show(layer: HTMLElement, fadeMs = 0): Promise<void> {
    const previous = this.showing().filter((other) => other !== layer)
    layer.classList.remove('preparing', 'arriving')
    layer.classList.add('showing')
    for (const other of previous) {
      other.classList.remove('showing')
      other.classList.add('leaving')
    }
    const removeOld = () => {
      for (const other of previous) other.remove()
    }
    if (fadeMs <= 0 || previous.length === 0) {
      removeOld()
      return Promise.resolve()
    }
    // Opacity only: the compositor blends it without layout or paint on the main thread.
    const fade = layer.animate([{ opacity: 0 }, { opacity: 1 }], { duration: fadeMs, easing: 'linear' })
    return fade.finished.then(removeOld, removeOld)
  }

  /** Removes a layer that will not be shown; what it was arriving beneath is left as it was. */
  discard(layer: HTMLElement): void {
    layer.remove()
  }

  private showing(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>(':scope > .layer.showing')]
  }
}
