import Type from 'typebox'
import { WEB_ORIGINS_MAX } from '../limits'
import { Deleted, IdParams } from '../schemas/common'
import { Layout, LayoutInput, LayoutPreset } from '../schemas/layout'
import { LegibilityReport } from '../schemas/legibility'
import { Playlist, PlaylistInput } from '../schemas/playlist'
import { Schedule, ScheduleInput } from '../schemas/schedule'
import { route } from './route'

/** Drafts of playlists, schedule entries and layouts (their versions are in approvals.ts). */
export const playlistsApi = {
  list: route('GET', '/api/playlists', { response: { 200: Type.Array(Playlist) } }),
  get: route('GET', '/api/playlists/:id', { params: IdParams, response: { 200: Playlist } }),
  create: route('POST', '/api/playlists', { body: PlaylistInput, response: { 201: Playlist } }),
  replace: route('PUT', '/api/playlists/:id', {
    params: IdParams,
    body: PlaylistInput,
    response: { 200: Playlist },
  }),
  delete: route('DELETE', '/api/playlists/:id', { params: IdParams, response: { 204: Deleted } }),
  legibility: route('GET', '/api/playlists/:id/legibility', {
    params: IdParams,
    response: { 200: LegibilityReport },
  }),
}

export const schedulesApi = {
  list: route('GET', '/api/schedules', {
    querystring: Type.Object({ playlistId: Type.Optional(Type.String()) }),
    response: { 200: Type.Array(Schedule) },
  }),
  create: route('POST', '/api/schedules', { body: ScheduleInput, response: { 201: Schedule } }),
  update: route('PUT', '/api/schedules/:id', {
    params: IdParams,
    body: ScheduleInput,
    response: { 200: Schedule },
  }),
  delete: route('DELETE', '/api/schedules/:id', { params: IdParams, response: { 204: Deleted } }),
}

export const layoutsApi = {
  list: route('GET', '/api/layouts', { response: { 200: Type.Array(Layout) } }),
  presets: route('GET', '/api/layouts/presets', { response: { 200: Type.Array(LayoutPreset) } }),
  get: route('GET', '/api/layouts/:id', { params: IdParams, response: { 200: Layout } }),
  create: route('POST', '/api/layouts', { body: LayoutInput, response: { 201: Layout } }),
  replace: route('PUT', '/api/layouts/:id', {
    params: IdParams,
    body: LayoutInput,
    response: { 200: Layout },
  }),
  delete: route('DELETE', '/api/layouts/:id', { params: IdParams, response: { 204: Deleted } }),
}

/** The allow-list of origins whose pages web-page items may show. */
export const WebOrigins = Type.Object(
  {
    origins: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
      maxItems: WEB_ORIGINS_MAX,
      description: 'Origins (scheme, host and port) whose pages web-page items may show',
    }),
  },
  { additionalProperties: false },
)

export const webOriginsApi = {
  get: route('GET', '/api/web-origins', { response: { 200: WebOrigins } }),
}
