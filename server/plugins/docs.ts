import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

/** OpenAPI built from the routes' TypeBox schemas: `/docs/json`, browsable at `/docs`. */
export async function registerDocs(app: FastifyInstance, version: string): Promise<void> {
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
        { name: 'sites', description: 'Border gates and sync groups' },
        { name: 'screens', description: 'Screens and their published documents' },
        { name: 'media', description: 'Images and videos' },
        { name: 'playlists', description: 'Drafts, and publishing them to screens' },
        { name: 'schedules', description: 'Dayparts, recurrences, campaigns and priorities' },
        { name: 'emergencies', description: 'Messages above everything, until they expire' },
        { name: 'plays', description: 'Proof of play: what each screen showed, and when' },
      ],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}
