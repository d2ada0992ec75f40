import { createReadStream } from 'node:fs'
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import { finished, pipeline } from 'node:stream/promises'
import aws4 from 'aws4'
import type { S3Location } from './s3-location'

/**
 * A request that neither sends nor receives a byte for this long has failed (the store is down or
 * unreachable): an upload then gets its 503 in seconds, not after the OS's own TCP timeouts.
 */
export const S3_IDLE_TIMEOUT_MS = 30_000
/** An error answer is a short XML document; more than this is not read (it is not ours to hold). */
const ERROR_BODY_BYTES_MAX = 4096
/** Connections kept open to the store: an upload and a few fetches at once, as the PostgreSQL store's pool. */
const SOCKETS_MAX = 8

/** Reads an answer's (empty or ignored) body to its end, so that its connection is kept for the next request. */
async function drain(answer: IncomingMessage): Promise<void> {
  answer.resume()
  await finished(answer)
}

export class S3Error extends Error {
  override name = 'S3Error'
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message)
  }
}

/**
 * One bucket of an S3-compatible store, spoken to in signed (AWS Signature V4, `aws4`) requests
 * over Node's own http(s) with kept-alive connections. Every body streams: a file goes from the
 * disk to the socket and back a chunk at a time.
 */
export class S3Bucket {
  private readonly agent: http.Agent

  constructor(readonly at: S3Location) {
    const Agent = at.protocol === 'https:' ? https.Agent : http.Agent
    this.agent = new Agent({ keepAlive: true, maxSockets: SOCKETS_MAX })
  }

  /**
   * Writes the file at `path` under `key`. Its SHA-256 is signed as the payload's
   * (x-amz-content-sha256): a store that checks it, as AWS and MinIO do, refuses other bytes.
   */
  async put(key: string, path: string, bytes: number, sha256: string): Promise<void> {
    const request = this.request('PUT', key, {
      'content-length': String(bytes),
      'content-type': 'application/octet-stream',
      'x-amz-content-sha256': sha256,
    })
    try {
      const [answer] = await Promise.all([this.answer(request), pipeline(createReadStream(path), request)])
      await drain(answer)
    } catch (error) {
      // A store that refused early may never read the rest: the file and the socket close now.
      request.destroy()
      throw error
    }
  }

  /** The object's bytes as a stream, or null when the bucket has no such key. */
  async get(key: string): Promise<IncomingMessage | null> {
    const request = this.request('GET', key, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })
    request.end()
    try {
      return await this.answer(request)
    } catch (error) {
      if (error instanceof S3Error && error.status === 404) return null
      throw error
    }
  }

  /** Removes the object; a key already gone is no error (S3 itself answers 204 for it). */
  async delete(key: string): Promise<void> {
    const request = this.request('DELETE', key, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })
    request.end()
    try {
      await drain(await this.answer(request))
    } catch (error) {
      if (!(error instanceof S3Error && error.status === 404)) throw error
    }
  }

  close(): void {
    this.agent.destroy()
  }

  private request(method: string, key: string, headers: Record<string, string>): http.ClientRequest {
    const { at } = this
    const signed = aws4.sign(
      {
        service: 's3',
        region: at.region,
        method,
        protocol: at.protocol,
        hostname: at.hostname,
        // The default port stays out of the Host header the signature covers, as clients send it.
        ...(at.port === (at.protocol === 'https:' ? 443 : 80) ? {} : { port: at.port }),
        path: `/${at.bucket}/${at.prefix}${key}`,
        headers,
        agent: this.agent,
        timeout: S3_IDLE_TIMEOUT_MS,
      },
      { accessKeyId: at.accessKeyId, secretAccessKey: at.secretAccessKey },
    )
    const request = (at.protocol === 'https:' ? https : http).request(signed)
    request.on('timeout', () =>
      request.destroy(new Error(`no answer from the S3 store within ${S3_IDLE_TIMEOUT_MS / 1000} s`)),
    )
    return request
  }

  /** The response once its headers arrive: a 2xx, else an S3Error naming the store's code. */
  private answer(request: http.ClientRequest): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      // Kept for the request's life: an error after the answer (a socket reset mid-body) is
      // the body's reader's to see, and must never go unheard and end the process.
      request.on('error', reject)
      request.once('response', (response) => {
        const status = response.statusCode ?? 0
        if (status >= 200 && status < 300) {
          // An idle socket past the timeout mid-body fails the stream, not the process.
          response.setTimeout(S3_IDLE_TIMEOUT_MS, () =>
            response.destroy(new Error(`the S3 store stopped sending for ${S3_IDLE_TIMEOUT_MS / 1000} s`)),
          )
          resolve(response)
          return
        }
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          if (text.length < ERROR_BODY_BYTES_MAX) text += chunk
        })
        response.on('error', reject)
        response.on('end', () => {
          const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1]
          reject(
            new S3Error(
              `${request.method} ${request.path}: the S3 store answered ${status}${code ? ` ${code}` : ''}`,
              status,
              code,
            ),
          )
        })
      })
    })
  }
}
