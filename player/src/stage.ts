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

  /** Shows `layer` and removes the one it replaces; layers still being prepared stay. */
  show(layer: HTMLElement): void {
    layer.classList.remove('preparing')
    layer.classList.add('showing')
    for (const other of this.root.querySelectorAll(':scope > .layer.showing'))
      if (other !== layer) other.remove()
  }

  discard(layer: HTMLElement): void {
    layer.remove()
  }
}
