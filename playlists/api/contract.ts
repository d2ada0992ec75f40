import { authApi, usersApi } from './accounts'
import { alertsApi } from './alerts'
import { approvalsApi, versionsApi } from './approvals'
import { capSourcesApi } from './cap'
import { layoutsApi, playlistsApi, schedulesApi, webOriginsApi } from './content'
import { datasetsApi } from './datasets'
import { feedsApi } from './feeds'
import { mediaApi } from './media'
import { auditApi, emergenciesApi } from './operations'
import { screensApi, sitesApi } from './places'
import { previewApi } from './preview'
import { reportsApi } from './reports'
import type { Route } from './route'
import { screenshotsApi } from './screenshots'

/**
 * Every route the console calls, by domain. The server registers each with its entry's schemas
 * (server/routes/contract.ts), the console's client (console/src/api.ts) types its calls from
 * them; tests/api/contract.test.ts holds the server, and the console's paths, to this list.
 */
const TABLES = {
  authApi,
  usersApi,
  sitesApi,
  screensApi,
  playlistsApi,
  schedulesApi,
  layoutsApi,
  webOriginsApi,
  approvalsApi,
  playlistVersionsApi: versionsApi.playlist,
  scheduleVersionsApi: versionsApi.schedule,
  layoutVersionsApi: versionsApi.layout,
  feedsApi,
  feedVersionsApi: versionsApi.feed,
  datasetsApi,
  datasetVersionsApi: versionsApi.dataset,
  emergenciesApi,
  auditApi,
  mediaApi,
  reportsApi,
  alertsApi,
  previewApi,
  capSourcesApi,
  screenshotsApi,
}

type Tables = typeof TABLES
/** Every entry of the contract, as one union: the client looks a call's route up in it. */
export type ApiRoute = { [T in keyof Tables]: Tables[T][keyof Tables[T]] }[keyof Tables]

export const CONTRACT: readonly Route[] = Object.values(TABLES).flatMap(
  (table) => Object.values(table) as Route[],
)
