import { readFile } from 'node:fs/promises'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { screenshotsApi } from '@playlists/api/screenshots'
import { ErrorBody } from '@playlists/schemas/common'
import {
  CAPTURED_AT_HEADER,
  REASON_HEADER,
  SCREENSHOT_BYTES_MAX,
  SCREENSHOT_PAGE_SIZES,
  ScreenshotReceipt,
} from '@playlists/schemas/screenshots'
import { forbidden, notFound } from '../errors'
import { publicScreenshot } from '../repositories/screenshots'
import { schemaOf } from './contract'
import { pageAnswer, pageOf } from './paging'

const tags = ['screenshots']
const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)

/**
 * Screenshots: a screen's agent uploads the frame it captured (with the screen's own token, as
 * its player connects), the console reads the verdicts and the pictures.
 */
export const screenshotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Only in this plugin: no other route takes a raw picture as its body.
  app.addContentTypeParser(
    ['image/png', 'image/jpeg'],
    { parseAs: 'buffer', bodyLimit: SCREENSHOT_BYTES_MAX },
    (_req, body, done) => done(null, body),
  )

  app.post(
    '/api/agent/screenshots',
    {
      config: { permission: 'screen', audit: 'screenshot.receive' },
      bodyLimit: SCREENSHOT_BYTES_MAX,
      schema: {
        tags,
        summary: "A screen's agent uploads the frame it captured; the server checks it",
        description:
          `Body: the raw PNG or JPEG (at most ${SCREENSHOT_BYTES_MAX / 1024 / 1024} MB). Headers: ` +
          'Authorization: Bearer <the screen token>, X-Gatecast-Captured-At: <epoch ms>, ' +
          'X-Gatecast-Reason: scheduled | on-demand | healing.',
        response: { 201: ScreenshotReceipt, 400: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => {
      if (req.actor.kind !== 'screen')
        throw forbidden('auth.screen-only', 'Only a paired screen may use this.')
      const shot = await app.screenshots.receive(
        {
          screenId: req.actor.screenId,
          body: req.body,
          contentType: req.headers['content-type'],
          capturedAt: header(req.headers[CAPTURED_AT_HEADER]),
          reason: header(req.headers[REASON_HEADER]),
        },
        app.clock(),
      )
      reply.code(201)
      return { id: shot.id, screenId: shot.screenId, capturedAt: shot.capturedAt, verdict: shot.verdict }
    },
  )

  app.get(
    screenshotsApi.latest.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(screenshotsApi.latest, {}, { tags, summary: "Every screen's newest screenshot" }),
    },
    async () => app.repos.screenshots.latest().map(publicScreenshot),
  )

  app.get(
    screenshotsApi.history.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(
        screenshotsApi.history,
        { 400: ErrorBody, 404: ErrorBody },
        { tags, summary: "A screen's screenshots, newest first, with their verdicts" },
      ),
    },
    async (req) => {
      // Paging first, like every paged route: its bounds are the same whatever the screen.
      const page = pageOf(req.query, SCREENSHOT_PAGE_SIZES)
      app.repos.screens.get(req.params.id)
      const found = app.repos.screenshots.page(req.params.id, page)
      return pageAnswer({ items: found.items.map(publicScreenshot), total: found.total }, page)
    },
  )

  app.get(
    screenshotsApi.image.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(
        screenshotsApi.image,
        { 400: ErrorBody, 404: ErrorBody },
        {
          tags,
          summary:
            'A screenshot (full), its thumbnail (thumb) or the expected picture rendered for it (expected)',
        },
      ),
    },
    async (req, reply) => {
      const shot = app.repos.screenshots.get(req.params.id)
      const name = shot.files[req.params.image]
      if (name === null) throw notFound('screenshot.image-none', 'Expected picture of screenshot', shot.id)
      const type = name.endsWith('.png') ? 'image/png' : 'image/jpeg'
      // A capture never changes once stored: the browser may keep it.
      reply.header('Cache-Control', 'private, max-age=86400, immutable')
      // Read whole (4 MB at most): a file retention removed a moment ago is a 404, not a broken stream.
      const bytes = await readFile(app.screenshotFiles.path(name)).catch(() => null)
      if (bytes === null) throw notFound('screenshot.not-found', 'Screenshot', shot.id)
      return reply.type(type).send(bytes as unknown as string)
    },
  )
}
