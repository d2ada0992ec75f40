import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { WebOrigins, webOriginsApi } from '@playlists/api/content'
import { ErrorBody } from '@playlists/schemas/common'
import { schemaOf } from './contract'

export const webOriginRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { webOrigins, screens } = app.repos

  app.get(
    webOriginsApi.get.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(
        webOriginsApi.get,
        {},
        { tags: ['settings'], summary: 'The allow-list of sites whose pages may be shown' },
      ),
    },
    async () => ({ origins: webOrigins.list() }),
  )

  app.put(
    '/api/web-origins',
    {
      config: { permission: 'settings:write', audit: 'web-origins.update' },

      schema: {
        tags: ['settings'],
        summary: 'Replace the allow-list',
        description:
          'Pages from an origin taken off the list leave every screen at once: documents are recompiled without them.',
        body: WebOrigins,
        response: { 200: WebOrigins, 400: ErrorBody },
      },
    },
    async (req) => {
      const origins = webOrigins.replace(req.body.origins)
      app.publisher.republish(screens.list().map((s) => s.id))
      return { origins }
    },
  )
}
