import Type from 'typebox'
import { Deleted, IdParams } from '../schemas/common'
import { Media, MediaPage, MediaPageQuery, MediaPatch, MediaTagCount } from '../schemas/media'
import { route } from './route'

/** The media library. An upload is multipart (the console sends it by XHR for its progress). */
export const mediaApi = {
  library: route('GET', '/api/media/library', { querystring: MediaPageQuery, response: { 200: MediaPage } }),
  tags: route('GET', '/api/media/tags', { response: { 200: Type.Array(MediaTagCount) } }),
  get: route('GET', '/api/media/:id', { params: IdParams, response: { 200: Media } }),
  update: route('PATCH', '/api/media/:id', { params: IdParams, body: MediaPatch, response: { 200: Media } }),
  /** 201 for new bytes, 200 when the same bytes were already stored. */
  upload: route('POST', '/api/media', { response: { 200: Media, 201: Media } }),
  delete: route('DELETE', '/api/media/:id', { params: IdParams, response: { 204: Deleted } }),
}
