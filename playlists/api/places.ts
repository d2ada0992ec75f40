import Type from 'typebox'
import { AgentCommandAccepted, AgentCommandInput, AgentStatus } from '../agent'
import { IdParams } from '../schemas/common'
import { ScreenDocument } from '../schemas/document'
import { OnAirFeedSetting } from '../schemas/on-air'
import { PairBody, PairResult } from '../schemas/pairing'
import { PowerPlan, PowerPlanSetting } from '../schemas/power'
import { Screen, ScreenInput } from '../schemas/screen'
import { Site, SiteInput, SyncGroup } from '../schemas/site'
import { CommandInput, CommandResult, ScreenStatus } from '../schemas/status'
import { route } from './route'

/** Sites, sync groups and screens as the console reads them, and the commands it sends a screen. */
export const sitesApi = {
  list: route('GET', '/api/sites', { response: { 200: Type.Array(Site) } }),
  get: route('GET', '/api/sites/:id', { params: IdParams, response: { 200: Site } }),
  /** The CAP sources page records where each site stands (its location) through this. */
  update: route('PUT', '/api/sites/:id', { params: IdParams, body: SiteInput, response: { 200: Site } }),
  /** Who may read the site's on-air Atom feed (/feeds/sites/:id/on-air.atom): admins choose. */
  onAirFeed: route('PUT', '/api/sites/:id/on-air-feed', {
    params: IdParams,
    body: OnAirFeedSetting,
    response: { 200: Site },
  }),
  /** Operating hours and brightness for the site's screens that have no plan of their own: admins set it. */
  powerPlan: route('PUT', '/api/sites/:id/power-plan', {
    params: IdParams,
    body: PowerPlan,
    response: { 200: Site },
  }),
  syncGroups: route('GET', '/api/sync-groups', {
    querystring: Type.Object({ siteId: Type.Optional(Type.String()) }),
    response: { 200: Type.Array(SyncGroup) },
  }),
}

export const screensApi = {
  list: route('GET', '/api/screens', {
    querystring: Type.Object({ siteId: Type.Optional(Type.String()) }),
    response: { 200: Type.Array(Screen) },
  }),
  get: route('GET', '/api/screens/:id', { params: IdParams, response: { 200: Screen } }),
  update: route('PUT', '/api/screens/:id', {
    params: IdParams,
    body: ScreenInput,
    response: { 200: Screen },
  }),
  pair: route('POST', '/api/screens/:id/pair', {
    params: IdParams,
    body: PairBody,
    response: { 200: PairResult },
  }),
  /** The screen's own power plan overriding its site's; `{ plan: null }` follows the site again. */
  powerPlan: route('PUT', '/api/screens/:id/power-plan', {
    params: IdParams,
    body: PowerPlanSetting,
    response: { 200: Screen },
  }),
  document: route('GET', '/api/screens/:id/document', {
    params: IdParams,
    response: { 200: ScreenDocument },
  }),
  statuses: route('GET', '/api/screens/status', { response: { 200: Type.Array(ScreenStatus) } }),
  command: route('POST', '/api/screens/:id/commands', {
    params: IdParams,
    body: CommandInput,
    response: { 202: CommandResult },
  }),
  /** A command to the screen PC's kiosk agent: screenshot, reload, restart-browser, reboot, display-power, brightness. */
  agentCommand: route('POST', '/api/screens/:id/agent-commands', {
    params: IdParams,
    body: AgentCommandInput,
    response: { 202: AgentCommandAccepted },
  }),
  /** The kiosk agent: connected or not, the hardware it found, what it applied, its latest results. */
  agent: route('GET', '/api/screens/:id/agent', { params: IdParams, response: { 200: AgentStatus } }),
}
