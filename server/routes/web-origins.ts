import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { WEB_ORIGINS_MAX } from '@playlists/limits'
import { ErrorBody } from '@playlists/schemas/common'
import Type from 'typebox'

const WebOrigins = Type.Object(
  {
    origins: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
      maxItems: WEB_ORIGINS_MAX,
      description: 'Origins (scheme, host and port) whose pages web-page items may show',
    }),
  },
  { additionalProperties: false },
)

export const webOriginRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { webOrigins, screens } = app.repos

  app.get(
    '/api/web-origins',
    {
      config: { permission: 'content:read' },
      schema: {
        tags: ['settings'],
        summary: 'The allow-list of sites whose pages may be shown',
        response: { 200: WebOrigins },
      },
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
