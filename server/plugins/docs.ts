import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { PERMISSIONS, type Permission } from '@playlists/auth/permissions'
import type { FastifyInstance, FastifySchema } from 'fastify'

/** Each operation says who may call it, from the same table the server enforces. */
function who(permission: Permission | undefined): string {
  const needs = permission ? PERMISSIONS[permission] : undefined
  if (needs === 'anyone') return 'Open to anyone.'
  if (needs === 'screen') return "A paired screen's token only."
  return needs ? `Needs the role ${needs} or above.` : ''
}

/**
 * OpenAPI built from the routes' TypeBox schemas. Registered on the root, before any route, so it
 * sees them all; the pages that show it (`/docs`, `/docs/json`) come from `registerDocsUi`.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Gatecast API',
        description:
          'Digital signage for the LED screens at Lạng Sơn border gates: sites, screens, media, playlists and publishing.',
        version,
      },
      tags: [
        { name: 'system', description: 'Health' },
        { name: 'accounts', description: 'Signing in, accounts and roles, API tokens' },
        { name: 'audit', description: 'Who did what, when and from where (append-only)' },
        { name: 'sites', description: 'Border gates and sync groups' },
        { name: 'screens', description: 'Screens and their published documents' },
        { name: 'pairing', description: "Pairing players with screens; screens' tokens" },
        { name: 'media', description: 'Images and videos' },
        { name: 'playlists', description: 'Drafts, and publishing them to screens' },
        { name: 'schedules', description: 'Dayparts, recurrences, campaigns and priorities' },
        {
          name: 'approvals',
          description:
            'Four eyes for playlists, schedule entries and layouts: submit, approve or reject, publish, roll back, diff',
        },
        { name: 'emergencies', description: 'Messages above everything, until they expire' },
        { name: 'plays', description: 'Proof of play: what each screen showed, and when' },
      ],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gatecast_session' },
          token: { type: 'http', scheme: 'bearer', description: 'An API token, gct_…' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: ({ schema, url, route }) => {
      const permission = route.config?.permission as Permission | undefined
      const base = (schema ?? {}) as FastifySchema & { description?: string; security?: unknown }
      const described: FastifySchema = {
        ...base,
        description: [base.description, who(permission)].filter(Boolean).join(' '),
        ...(permission === 'public' ? { security: [] } : {}),
      }
      return { schema: described, url }
    },
  })
}

export async function registerDocsUi(app: FastifyInstance): Promise<void> {
  await app.register(swaggerUi, { routePrefix: '/docs' })
}
