import { ApiError } from '@console/api'
import { statusMessage } from '@console/i18n/common'
import { TRANSLATED_CODES } from '@console/i18n/error-codes'
import { language } from '@console/i18n/i18n'
import { UNMET_CODES } from '@console/i18n/refusals/unmet'
import { refusalText } from '@console/pages/media/refusals'
import { ERROR_CODES, type ErrorCode, isErrorCode } from '@playlists/schemas/error-codes'
import { KIND_STATUS } from '@server/errors'
import { afterEach, describe, expect, it } from 'vitest'

/**
 * Every refusal a person can meet through the console is said in vi, zh and en: each code of the
 * catalogue is either translated (console/src/i18n/refusals/) or listed, with the reason, among the
 * codes a person never meets there (refusals/unmet.ts). A new code fails here until someone
 * decides which it is.
 */
const CATALOGUE = Object.keys(ERROR_CODES) as ErrorCode[]
const UNMET: string[] = Object.values(UNMET_CODES).flat()

afterEach(() => {
  language.value = 'vi'
})

describe('console: every refusal code is said or known to be unmet', () => {
  it('gives every code of the catalogue a sentence or a reason it is never met', () => {
    const neither = CATALOGUE.filter((code) => !TRANSLATED_CODES.has(code) && !UNMET.includes(code))
    expect(neither, 'codes with neither a sentence nor a place in refusals/unmet.ts').toEqual([])
    expect(TRANSLATED_CODES.size + UNMET.length).toBe(CATALOGUE.length)
  })

  it('lists each unmet code once, only codes of the catalogue, none of them translated too', () => {
    expect(UNMET.filter((code) => !isErrorCode(code))).toEqual([])
    expect(UNMET.filter((code, i) => UNMET.indexOf(code) !== i)).toEqual([])
    expect(UNMET.filter((code) => TRANSLATED_CODES.has(code))).toEqual([])
  })

  it('says the reference that vanished while a form was open, and the things the console opens', () => {
    const met = [
      'screen.playlist-unknown',
      'screen.layout-unknown',
      'screen.sync-group-unknown',
      'schedule.playlist-unknown',
      'schedule.target-unknown',
      'layout.playlist-unknown',
      'emergency.site-unknown',
      'emergency.screen-unknown',
      'version.not-found',
      'api-token.not-found',
      'alert-rules.not-found',
      'incident.not-found',
      'document.not-found',
      'webhook.url-form',
      'web-origin.invalid',
      'route.not-found',
      'request.too-large',
    ]
    expect(met.filter((code) => !TRANSLATED_CODES.has(code))).toEqual([])
  })

  it('leaves to the media page only upload refusals, and that page says each of them', () => {
    expect(UNMET_CODES.upload.filter((code) => !/^(media|upload)\./.test(code))).toEqual([])
    // The media codes a person meets outside an upload (a file in use, its name or tags) are translated.
    const mediaElsewhere = CATALOGUE.filter(
      (code) => /^(media|upload)\./.test(code) && !(UNMET_CODES.upload as readonly string[]).includes(code),
    )
    expect(mediaElsewhere.every((code) => TRANSLATED_CODES.has(code))).toBe(true)
    for (const lang of ['vi', 'zh', 'en'] as const) {
      language.value = lang
      for (const code of UNMET_CODES.upload) {
        const status = KIND_STATUS[ERROR_CODES[code]]
        const error = new ApiError(status, 'Refused', 'Reworded.', {}, { code })
        const said = refusalText(error, { name: 'gate.mp4', size: 1024 })
        expect(said, `${lang}: ${code} (${status})`).toBeTruthy()
        // The media page has its own sentence for the status, not the console's generic one.
        expect(said, `${lang}: ${code} (${status})`).not.toBe(statusMessage(status))
      }
    }
  })
})
