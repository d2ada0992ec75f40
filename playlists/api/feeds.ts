import Type from 'typebox'
import { Deleted, IdParams } from '../schemas/common'
import {
  FeedCreateInput,
  FeedEntry,
  FeedEntryParams,
  FeedInput,
  FeedSource,
  OnAirEntry,
} from '../schemas/feed'
import { route } from './route'

/**
 * Feed sources (issue 19 point 1): admins register and edit them; their versions (what may go on
 * air) follow the approval routes under the same path (versionsApi.feed); approvers withdraw an
 * entry from every screen at once.
 */
export const feedsApi = {
  list: route('GET', '/api/feeds', { response: { 200: Type.Array(FeedSource) } }),
  create: route('POST', '/api/feeds', { body: FeedCreateInput, response: { 201: FeedSource } }),
  get: route('GET', '/api/feeds/:id', { params: IdParams, response: { 200: FeedSource } }),
  update: route('PUT', '/api/feeds/:id', {
    params: IdParams,
    body: FeedInput,
    response: { 200: FeedSource },
  }),
  delete: route('DELETE', '/api/feeds/:id', { params: IdParams, response: { 204: Deleted } }),
  refresh: route('POST', '/api/feeds/:id/refresh', { params: IdParams, response: { 200: FeedSource } }),
  entries: route('GET', '/api/feeds/:id/entries', {
    params: IdParams,
    response: { 200: Type.Array(FeedEntry) },
  }),
  onAir: route('GET', '/api/feeds/:id/on-air', {
    params: IdParams,
    response: { 200: Type.Array(OnAirEntry) },
  }),
  withdrawEntry: route('POST', '/api/feeds/:id/entries/:entry/withdraw', {
    params: FeedEntryParams,
    response: { 200: FeedEntry },
  }),
}
