import type { mediaApi } from '@playlists/api/media'
import type { ResponseOf } from '@playlists/api/route'
import { ApiError, answer } from '../../api'

/** What POST /api/media answers, as the route contract says (200 and 201 both carry the medium). */
type Media = ResponseOf<typeof mediaApi.upload>

/** What an upload that the server kept answers: the medium, and whether these bytes were new. */
export interface Uploaded {
  media: Media
  /** False when the same bytes were already in the library (the server answered 200, not 201). */
  created: boolean
}

export interface UploadCallbacks {
  /** Bytes of the request body sent so far, out of `total`. */
  onProgress: (loaded: number, total: number) => void
  /** Every byte is sent: the server is now reading the file (type, size, decoding, thumbnail). */
  onSent: () => void
}

export interface UploadHandle {
  done: Promise<Uploaded>
  /** Stops sending; `done` rejects with an ApiError whose kind is CANCELLED. */
  cancel: () => void
}

export const CANCELLED = 'Cancelled'

/** The upload route's path, checked against the contract (the transport is XHR, for its progress). */
const UPLOAD_PATH: (typeof mediaApi.upload)['path'] = '/api/media'

/**
 * Sends one file as the upload form does (`tags` first, then `file`, multipart). XMLHttpRequest
 * rather than fetch: only it reports how much of the body has gone, which a progress bar needs.
 * A refusal becomes the same ApiError as any other API answer (a 401 ends the session too).
 */
export function startUpload(file: File, tags: string, callbacks: UploadCallbacks): UploadHandle {
  const xhr = new XMLHttpRequest()
  const done = new Promise<Uploaded>((resolve, reject) => {
    xhr.open('POST', UPLOAD_PATH)
    xhr.setRequestHeader('accept', 'application/json')
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) callbacks.onProgress(e.loaded, e.total)
    })
    xhr.upload.addEventListener('load', () => callbacks.onSent())
    xhr.addEventListener('load', () => {
      if (xhr.status === 200 || xhr.status === 201) {
        try {
          resolve({ media: JSON.parse(xhr.responseText) as Media, created: xhr.status === 201 })
        } catch {
          reject(new ApiError(xhr.status, 'Error', 'The server answered with something that is not JSON.'))
        }
        return
      }
      const response = new Response(xhr.responseText, {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: { 'content-type': 'application/json' },
      })
      answer<never>(response).then(reject, reject)
    })
    // A refusal that closes the connection mid-body (a stalled upload) also lands here.
    xhr.addEventListener('error', () => reject(new ApiError(0, 'Network', 'The server cannot be reached.')))
    xhr.addEventListener('abort', () => reject(new ApiError(0, CANCELLED, 'The upload was cancelled.')))
    const form = new FormData()
    // The server reads text fields only when they come before the file.
    if (tags.trim()) form.append('tags', tags)
    form.append('file', file, file.name)
    xhr.send(form)
  })
  return { done, cancel: () => xhr.abort() }
}
