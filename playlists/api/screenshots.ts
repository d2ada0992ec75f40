import Type from 'typebox'
import { IdParams } from '../schemas/common'
import { Screenshot, ScreenshotImageParams, ScreenshotPage, ScreenshotQuery } from '../schemas/screenshots'
import { route } from './route'

/**
 * What screens really showed (issue 20). The agent's upload (POST /api/agent/screenshots) is not
 * the console's: the agent posts raw bytes with the screen's token. The pictures are PNG or JPEG,
 * which the console shows with <img> (hrefOf).
 */
export const screenshotsApi = {
  latest: route('GET', '/api/screenshots/latest', { response: { 200: Type.Array(Screenshot) } }),
  history: route('GET', '/api/screens/:id/screenshots', {
    params: IdParams,
    querystring: ScreenshotQuery,
    response: { 200: ScreenshotPage },
  }),
  image: route('GET', '/api/screenshots/:id/:image', {
    params: ScreenshotImageParams,
    response: { 200: Type.String({ description: 'The picture: image/png or image/jpeg' }) },
  }),
}
