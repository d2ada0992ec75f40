import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { MEDIA_NAMES_MAX, previewApi } from '@playlists/api/preview'
import { ErrorBody } from '@playlists/schemas/common'
import type { ScreenDocument } from '@playlists/schemas/document'
import { PREVIEW_DRAFTS_MAX, parseDraftRefs, ServerTime } from '@playlists/schemas/preview'
import { badRequest } from '../errors'
import { Previews } from '../publishing/preview'
import { schemaOf } from './contract'

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody }

const tags = ['screens']

/**
 * The officials' remote preview: read-only, for anyone who may preview (viewers included). The
 * player's preview mode (player/src/preview.ts) plays what these return with the screen's own code.
 */
export const previewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const previews = new Previews(app.db, app.repos, app.publisher, app.clock)

  app.get(
    previewApi.document.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(previewApi.document, errors, {
        tags,
        summary:
          'A screen’s document for the preview: as it plays, at an instant, or with versions not yet on air',
        description:
          'No query: the newest published document. `version`: that published version (the one a player ' +
          'reported it plays). `at`: compiled as of that instant with the rules as they stand (now when past). ' +
          `\`draft\`: compiled as if those versions (<kind>:<id>:<version>, comma-separated, at most ${PREVIEW_DRAFTS_MAX}) ` +
          'were approved and on air, as of `at` or now. Nothing is stored, pushed or changed.',
      }),
    },
    async (req, reply) => {
      const { version, at, draft } = req.query
      // Nobody may cache a draft, and a mirror must never play a stale copy.
      reply.header('Cache-Control', 'no-store')
      if (version !== undefined && (at !== undefined || draft !== undefined)) {
        throw badRequest(
          'preview.version-combined',
          'version names a published document; it cannot be combined with at or draft.',
          [{ field: 'version' }],
        )
      }
      if (at === undefined && draft === undefined) {
        const json = previews.publishedJson(
          req.params.id,
          version === undefined ? undefined : Number(version),
        )
        // Stored JSON was validated when compiled; send it as is instead of re-serialising.
        return reply.type('application/json; charset=utf-8').send(json as unknown as ScreenDocument)
      }
      const drafts = draft === undefined ? [] : parseDraftRefs(draft)
      if (drafts === null) {
        throw badRequest(
          'preview.draft-twice',
          'draft names one object twice: preview one version of each.',
          [{ field: 'draft' }],
        )
      }
      return previews.compiled(req.params.id, at === undefined ? undefined : Date.parse(at), drafts)
    },
  )

  app.get(
    previewApi.pendingVersions.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(previewApi.pendingVersions, errors, {
        tags,
        summary: 'Versions not on air yet that would change what the screen shows, newest first',
        description:
          'Submitted versions waiting for a decision, and approved ones newer than the version on air: ' +
          'what the preview can show as a draft.',
      }),
    },
    async (req) => previews.pending(req.params.id),
  )

  app.get(
    previewApi.ruleNames.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(previewApi.ruleNames, errors, {
        tags,
        summary: 'Names of the schedule entries whose rules the screen’s previews may show, by id',
        description:
          'Documents name a schedule rule by its id; the preview shows the entry’s name. Entries on air ' +
          'that reach the screen (approved names) and drafts that would.',
      }),
    },
    async (req) => previews.ruleNames(req.params.id),
  )

  app.get(
    previewApi.mediaNames.path,
    {
      config: { permission: 'preview' },
      schema: schemaOf(previewApi.mediaNames, errors, {
        tags,
        summary: 'The file names of media, by id, for the preview’s “now showing” and plays list',
        description:
          'Documents name a medium by its id and address; a person knows it by its file name. Anyone who may ' +
          `preview sees the pictures themselves, so their names too. At most ${MEDIA_NAMES_MAX} ids, comma-separated; ` +
          'ids of media that do not exist are left out.',
      }),
    },
    async (req) => {
      const names: Record<string, string> = {}
      for (const id of new Set(req.query.ids.split(','))) {
        const media = app.repos.media.find(id)
        if (media) names[id] = media.name
      }
      return names
    },
  )

  app.get(
    '/api/clock',
    {
      config: { permission: 'preview' },
      schema: {
        tags,
        summary: 'The server’s clock, for previews that run on server time as screens do',
        response: { 200: ServerTime },
      },
    },
    async (_req, reply) => {
      reply.header('Cache-Control', 'no-store')
      return { nowMs: app.clock() }
    },
  )
}
