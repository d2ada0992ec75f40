import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorBody, IdParams } from '@playlists/schemas/common'
import { LegibilityReport } from '@playlists/schemas/legibility'
import { legibilityReport } from '../legibility/report'

/**
 * The legibility check of a playlist's draft (or of one of its versions, as its approver sees it): the shapes it reaches with their physical facts,
 * and its findings. The slide editor checks the text being typed against the same shapes with
 * the same core code; approval runs the check on the version (server/approvals/legibility.ts).
 */
export const legibilityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/playlists/:id/legibility',
    {
      config: { permission: 'content:read' },
      schema: {
        tags: ['playlists'],
        summary: "Whether the draft's slides are legible on the screens the playlist reaches",
        description:
          'Per shape (panel, zone, pixel pitch, viewing distance): text below the legible minimum for its script, ' +
          'and slides on screen for less time than reading them takes. README "Legibility" gives the rule.',
        params: IdParams,
        response: { 200: LegibilityReport, 404: ErrorBody },
      },
    },
    async (req) =>
      legibilityReport(
        app.repos,
        app.publisher,
        req.params.id,
        app.repos.playlists.body(req.params.id).items,
      ),
  )
}
