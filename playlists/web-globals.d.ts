/**
 * The web-standard globals the core uses, which Node and every browser both provide, declared to
 * the extent the core uses them. The core compiles with neither Node's nor the DOM's types, so a
 * reach for anything platform-bound (fs, process, document, window) fails its type check; these
 * two are the WHATWG URL standard, the same object on both sides.
 */
declare class URL {
  constructor(url: string, base?: string | URL)
  readonly protocol: string
  readonly username: string
  readonly password: string
  readonly origin: string
  readonly pathname: string
  readonly search: string
  readonly hash: string
  toString(): string
}

declare class URLSearchParams {
  constructor(init?: string | Record<string, string>)
  get(name: string): string | null
  set(name: string, value: string): void
  toString(): string
}
