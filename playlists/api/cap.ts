import Type from 'typebox'
import { CapReceived, CapSource, CapSourceCreated, CapSourceInput, CapSourcePatch } from '../schemas/cap'
import { Deleted, IdParams } from '../schemas/common'
import { route } from './route'

/**
 * Official alert sources (CAP 1.2), which admins register and edit. The push endpoint a source
 * calls (POST /api/cap-sources/:id/alerts, with its token and an XML body) is not here: the
 * console never calls it.
 */
export const capSourcesApi = {
  list: route('GET', '/api/cap-sources', { response: { 200: Type.Array(CapSource) } }),
  get: route('GET', '/api/cap-sources/:id', { params: IdParams, response: { 200: CapSource } }),
  create: route('POST', '/api/cap-sources', { body: CapSourceInput, response: { 201: CapSourceCreated } }),
  update: route('PATCH', '/api/cap-sources/:id', {
    params: IdParams,
    body: CapSourcePatch,
    response: { 200: CapSource },
  }),
  delete: route('DELETE', '/api/cap-sources/:id', { params: IdParams, response: { 204: Deleted } }),
  rotateToken: route('POST', '/api/cap-sources/:id/token', {
    params: IdParams,
    response: { 200: CapSourceCreated },
  }),
  received: route('GET', '/api/cap-sources/:id/messages', {
    params: IdParams,
    response: { 200: Type.Array(CapReceived) },
  }),
}
