export const STAMP: string
export const ALWAYS: string[]
export function writeStamp(
  root: string,
  dist: string,
  built: { inputs: string[]; outputs: string[] },
): Promise<void>
export function staleReasons(root: string, dist: string): Promise<string[]>
