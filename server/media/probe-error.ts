/**
 * A video whose header structure cannot be walked: a box or element that claims more bytes
 * than its parent holds, a missing index, an endless nesting. The upload is refused as damaged.
 */
export class ProbeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProbeError'
  }
}
