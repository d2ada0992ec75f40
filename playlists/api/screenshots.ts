import Type from 'typebox'
import { IdParams } from '../schemas/common'
import { Screenshot, ScreenshotPage, ScreenshotQuery } from '../schemas/screenshots'
import { route } from './route'

/**
 * What screens really showed (issue 20). The agent's upload (POST /api/agent/screenshots) and the
 * pictures (GET /api/screenshots/:id/:image) are not JSON and not called through the client: the
 * agent posts raw bytes, the console shows the pictures with <img>.
 */
export const screenshotsApi = {
  latest: route('GET', '/api/screenshots/latest', { response: { 200: Type.Array(Screenshot) } }),
  history: route('GET', '/api/screens/:id/screenshots', {
    params: IdParams,
    querystring: ScreenshotQuery,
    response: { 200: ScreenshotPage },
  }),
}
