import type { IncomingMessage, ServerResponse } from 'node:http'
import { formatBytes } from '../media/inspect'
import { bodyTimeMs, type ConnectionLimits } from './limits'
import { answerAndClose } from './raw-answer'

/** Whether a request announces a body: a Content-Length above 0, or chunks. */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length']
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined
}

/**
 * Cuts a request whose body arrives slower than ConnectionLimits allow: however long it is,
 * `elapsed` may not pass the base allowance plus what has arrived at the minimum pace. So a
 * body of any size gets the time its size needs (a 500 MB video hours, a form seconds) and a
 * trickle is cut after the base allowance, whatever Content-Length it claims.
 *
 * Bytes are counted on the socket (`bytesRead`), which sees them whether or not the route has
 * read them yet, from `readBefore`: what the connection had read before this request (the
 * body's first bytes often come in the same packet as the headers, read before the request is
 * seen). One timer per request with a body, re-armed only for the next instant the pace could
 * fail. The cut answers 408 if nothing was answered yet and closes the connection;
 * a route reading the body sees it end early and cleans up (an upload removes its temporary
 * file, media/store.ts).
 */
export function watchBodyPace(
  req: IncomingMessage,
  res: ServerResponse,
  limits: ConnectionLimits,
  readBefore: number,
  now: () => number = Date.now,
): void {
  const socket = req.socket
  const started = now()
  let timer: NodeJS.Timeout | undefined
  const check = () => {
    if (req.complete || socket.destroyed) return
    const received = socket.bytesRead - readBefore
    const left = started + bodyTimeMs(limits, received) - now()
    if (left > 0) {
      timer = setTimeout(check, left).unref()
      return
    }
    answerAndClose(
      socket,
      408,
      'request.too-slow',
      tooSlow(limits, received, now() - started),
      res.headersSent,
    )
  }
  timer = setTimeout(check, limits.bodyTimeBaseMs).unref()
  req.once('close', () => clearTimeout(timer))
}

function tooSlow(limits: ConnectionLimits, received: number, elapsedMs: number): string {
  return (
    `The request arrived too slowly: ${formatBytes(received)} in ${Math.round(elapsedMs / 1000)} s. ` +
    `A request may take ${Math.round(limits.bodyTimeBaseMs / 1000)} s plus 1 s for every ` +
    `${formatBytes(limits.bodyMinBytesPerSecond)}; nothing was kept. Send it again over a faster connection.`
  )
}
