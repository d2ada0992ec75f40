import Type from 'typebox'
import { Deleted, IdParams } from '../schemas/common'
import {
  Dataset,
  DatasetCreateInput,
  DatasetInput,
  DatasetOnAir,
  QuickChangeResult,
  RowsInput,
  RowsPatch,
  TokenUpdateResult,
} from '../schemas/dataset'
import { route } from './route'

/**
 * Datasets (issue 19 point 2): editors keep the draft (definition and rows); its versions follow
 * the approval routes under the same path (versionsApi.dataset); the approvers a dataset names
 * make quick changes, on air at once; a department's system updates rows with an API token.
 */
export const datasetsApi = {
  list: route('GET', '/api/datasets', { response: { 200: Type.Array(Dataset) } }),
  create: route('POST', '/api/datasets', { body: DatasetCreateInput, response: { 201: Dataset } }),
  get: route('GET', '/api/datasets/:id', { params: IdParams, response: { 200: Dataset } }),
  update: route('PUT', '/api/datasets/:id', {
    params: IdParams,
    body: DatasetInput,
    response: { 200: Dataset },
  }),
  delete: route('DELETE', '/api/datasets/:id', { params: IdParams, response: { 204: Deleted } }),
  rows: route('PUT', '/api/datasets/:id/rows', {
    params: IdParams,
    body: RowsInput,
    response: { 200: Dataset },
  }),
  onAir: route('GET', '/api/datasets/:id/on-air', { params: IdParams, response: { 200: DatasetOnAir } }),
  quickChange: route('POST', '/api/datasets/:id/quick-change', {
    params: IdParams,
    body: RowsPatch,
    response: { 200: QuickChangeResult },
  }),
  tokenUpdate: route('POST', '/api/datasets/:id/token-update', {
    params: IdParams,
    body: RowsPatch,
    response: { 200: TokenUpdateResult },
  }),
}
