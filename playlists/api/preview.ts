import Type from 'typebox'
import { IdParams } from '../schemas/common'
import { ScreenDocument } from '../schemas/document'
import { PendingVersion, PreviewQuery } from '../schemas/preview'
import { TimelineAnswer, TimelineQuery } from '../schemas/timeline'
import { route } from './route'

/** Media named in one request at most: a document shows a few dozen; a page asks for one screen's. */
export const MEDIA_NAMES_MAX = 100

export const MediaNamesQuery = Type.Object(
  {
    ids: Type.String({
      pattern: `^[a-z0-9][a-z0-9-]{0,62}(,[a-z0-9][a-z0-9-]{0,62}){0,${MEDIA_NAMES_MAX - 1}}$`,
      description: 'Media ids, comma-separated',
    }),
  },
  { additionalProperties: false },
)

/** Names by id, for a preview to show what it plays. */
const Names = Type.Record(Type.String(), Type.String())

/** The officials' remote preview, and a screen's timeline. */
export const previewApi = {
  document: route('GET', '/api/screens/:id/preview-document', {
    params: IdParams,
    querystring: PreviewQuery,
    response: { 200: ScreenDocument },
  }),
  pendingVersions: route('GET', '/api/screens/:id/pending-versions', {
    params: IdParams,
    response: { 200: Type.Array(PendingVersion) },
  }),
  ruleNames: route('GET', '/api/screens/:id/rule-names', { params: IdParams, response: { 200: Names } }),
  mediaNames: route('GET', '/api/preview/media-names', {
    querystring: MediaNamesQuery,
    response: { 200: Names },
  }),
  timeline: route('GET', '/api/screens/:id/timeline', {
    params: IdParams,
    querystring: TimelineQuery,
    response: { 200: TimelineAnswer },
  }),
}
