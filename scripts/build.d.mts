export function buildPlayer(): Promise<void>
export function buildConsole(): Promise<void>
export function buildServer(): Promise<void>
