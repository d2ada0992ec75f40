import type { Socket } from 'node:net'
import type { ErrorCode } from '@playlists/schemas/error-codes'
import { errorBody } from '../errors'

/**
 * Answers on the bare socket and closes it: for a connection refused before it sent a request,
 * or a request cut while its body still trickles, where Fastify's reply is not (or no longer)
 * the way out. The body is the `{ statusCode, error, message, code }` of every other 4xx. Nothing is
 * written once a response has started: the client would read it as part of that one.
 */
export function answerAndClose(
  socket: Socket,
  statusCode: number,
  code: ErrorCode,
  message: string,
  started = false,
): void {
  if (!started && socket.writable) {
    const answer = errorBody(statusCode, code, message)
    const error = answer.error
    const body = JSON.stringify(answer)
    socket.write(
      `HTTP/1.1 ${statusCode} ${error}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    )
  }
  socket.destroy()
}
