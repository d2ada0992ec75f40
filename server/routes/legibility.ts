import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { playlistsApi } from '@playlists/api/content'
import { ErrorBody } from '@playlists/schemas/common'
import { legibilityReport } from '../legibility/report'
import { schemaOf } from './contract'

/**
 * The legibility check of a playlist's draft (or of one of its versions, as its approver sees it): the shapes it reaches with their physical facts,
 * and its findings. The slide editor checks the text being typed against the same shapes with
 * the same core code; approval runs the check on the version (server/approvals/legibility.ts).
 */
export const legibilityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    playlistsApi.legibility.path,
    {
      config: { permission: 'content:read' },
      schema: schemaOf(
        playlistsApi.legibility,
        { 404: ErrorBody },
        {
          tags: ['playlists'],
          summary: "Whether the draft's slides are legible on the screens the playlist reaches",
          description:
            'Per shape (panel, zone, pixel pitch, viewing distance): text below the legible minimum for its script, ' +
            'and slides on screen for less time than reading them takes. README "Legibility" gives the rule.',
        },
      ),
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
