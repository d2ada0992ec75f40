/** The server's only clock. Injected so tests can pin time; nothing else calls Date.now(). */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()

export const isoAt = (ms: number): string => new Date(ms).toISOString()
