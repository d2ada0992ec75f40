import type { Capture } from './page'

export type ScreenshotReason = 'scheduled' | 'on-demand' | 'healing'

export interface UploadOutcome {
  ok: boolean
  detail: string
}

/**
 * Sends a capture to the server's screenshot route (the shared contract of issue 20: the same
 * bearer token as the player, the raw image, the instant and the reason in headers). The server
 * answers with its verdict; a server without the route says 404, reported as it is.
 */
export async function uploadScreenshot(
  origin: string,
  token: string,
  capture: Capture,
  capturedAt: number,
  reason: ScreenshotReason,
): Promise<UploadOutcome> {
  let response: Response
  try {
    response = await fetch(`${origin}/api/agent/screenshots`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `image/${capture.format}`,
        'x-gatecast-captured-at': String(capturedAt),
        'x-gatecast-reason': reason,
      },
      body: capture.bytes,
      signal: AbortSignal.timeout(60_000),
    })
  } catch (error) {
    return {
      ok: false,
      detail: `captured ${capture.width} px wide; the upload failed: ${(error as Error).message}`,
    }
  }
  const body = (await response.json().catch(() => ({}))) as { verdict?: string; message?: string }
  if (response.status === 404)
    return {
      ok: false,
      detail: `captured ${capture.width} px wide; the server has no screenshot route (404)`,
    }
  if (!response.ok)
    return {
      ok: false,
      detail: `captured; the server refused it (${response.status}): ${body.message ?? ''}`.trim(),
    }
  return {
    ok: true,
    detail: `captured ${capture.width} px wide and uploaded: ${body.verdict ?? 'no verdict'}`,
  }
}
