import type { CodeOf } from '@playlists/schemas/error-codes'
import { badRequest } from '../errors'
import { ALLOW_SETTING, OutboundRefused } from './policy'
import type { Outbound } from './request'

/**
 * An address the server would refuse to call (a webhook's, a feed's) is refused when saved,
 * with a 400 under the caller's code naming the rule, the address and the setting that allows it.
 */
export async function vetAddress(outbound: Outbound, url: string, code: CodeOf<'invalid'>): Promise<void> {
  try {
    await outbound.vet(url)
  } catch (error) {
    if (!(error instanceof OutboundRefused)) throw error
    throw badRequest(code, `url: ${error.message}`, {
      field: 'url',
      rule: error.rule,
      ...(error.rule === 'address' ? { address: error.address, setting: ALLOW_SETTING } : {}),
    })
  }
}
