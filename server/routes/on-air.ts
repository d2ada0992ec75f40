import { createHash } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { onAirDay, onAirToday } from '@playlists/on-air/today'
import { ErrorBody, IdParams } from '@playlists/schemas/common'
import type { ScreenDocument } from '@playlists/schemas/document'
import { OnAirFeedQuery } from '@playlists/schemas/on-air'
import Type from 'typebox'
import { checkOnAirAccess } from '../on-air/access'
import { atomFeed, feedUpdatedMs, listedIn } from '../on-air/atom'

const tags = ['sites']

/** `If-Modified-Since` counts whole seconds (HTTP dates have no more). */
const notModifiedSince = (header: string | undefined, lastModifiedMs: number) => {
  const since = header === undefined ? Number.NaN : Date.parse(header)
  return Number.isFinite(since) && Math.floor(lastModifiedMs / 1000) * 1000 <= since
}

/**
 * A site's on-air Atom feed (issue 19 point 5): what its screens show today, in its time zone.
 * Registered outside the console's contract: feed readers call it, and it answers XML.
 */
export const onAirRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/feeds/sites/:id/on-air.atom',
    {
      // Open at the door; checkOnAirAccess applies the admin's choice for the site.
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "What the site's screens show today, as an Atom feed (off, public or token, per site)",
        params: IdParams,
        querystring: OnAirFeedQuery,
        response: { 200: Type.String(), 304: Type.Null(), 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const site = app.repos.sites.get(req.params.id)
      checkOnAirAccess(app, site, req, req.query.token)
      const documents = app.repos.screens
        .list({ siteId: site.id })
        .map((screen) => app.repos.documents.latest(screen.id))
        .filter((d): d is ScreenDocument => d !== undefined)
      const day = onAirDay(site.timeZone, app.clock())
      const entries = listedIn(onAirToday(documents, day), req.query.lang)
      const body = atomFeed({
        site,
        day,
        entries,
        lang: req.query.lang,
        selfUrl: `${req.protocol}://${req.host}${req.url.split('?')[0]}${req.query.lang ? `?lang=${req.query.lang}` : ''}`,
        authority: req.hostname.toLowerCase(),
      })
      const etag = `"${createHash('sha256').update(body).digest('base64url')}"`
      const lastModifiedMs = feedUpdatedMs(day, entries)
      // A token-protected feed must not sit in a shared cache; every reader revalidates.
      reply
        .header('ETag', etag)
        .header('Last-Modified', new Date(lastModifiedMs).toUTCString())
        .header(
          'Cache-Control',
          `${app.repos.sites.onAirFeed(site.id) === 'public' ? 'public' : 'private'}, no-cache`,
        )
      const match = req.headers['if-none-match']
      const fresh =
        match !== undefined
          ? match
              .split(',')
              .some((tag) => tag.trim() === etag || tag.trim() === `W/${etag}` || tag.trim() === '*')
          : notModifiedSince(req.headers['if-modified-since'], lastModifiedMs)
      if (fresh) return reply.code(304).send(null)
      return reply.type('application/atom+xml; charset=utf-8').send(body)
    },
  )
}
