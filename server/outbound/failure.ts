import { OutboundRefused } from './policy'
import { OutboundTimeout } from './request'

/**
 * Why a fetch through Outbound did not bring an answer, told apart the same way wherever the
 * server pulls (feeds, CAP sources): the admin's rules refused the address, the source was too
 * slow, or it could not be reached. Null for anything else (a bug, not the source's doing).
 */
export type OutboundFailure = { kind: 'refused' | 'timeout' | 'network'; message: string }

export function outboundFailure(error: unknown): OutboundFailure | null {
  if (error instanceof OutboundRefused) return { kind: 'refused', message: error.message }
  if (error instanceof OutboundTimeout)
    return { kind: 'timeout', message: `no answer within ${error.timeoutMs} ms` }
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && /^E[A-Z]+/.test(code))
    return { kind: 'network', message: `the source could not be reached (${code})` }
  if (error instanceof Error && error.name === 'AbortError')
    return { kind: 'network', message: 'the fetch was aborted' }
  return null
}
