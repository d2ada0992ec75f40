import type { Clock } from '../clock'
import type { Store } from '../db/store'
import { AgentsRepository } from './agents'
import { AlertsRepository } from './alerts'
import { ApiTokensRepository } from './api-tokens'
import { AuditRepository } from './audit'
import { CapSourcesRepository } from './cap-sources'
import { DatasetsRepository } from './datasets'
import { DocumentsRepository } from './documents'
import { EmergenciesRepository } from './emergencies'
import { FeedsRepository } from './feeds'
import { LayoutsRepository } from './layouts'
import { LeasesRepository } from './leases'
import { MediaRepository } from './media'
import { PairingRepository } from './pairing'
import { PlaylistsRepository } from './playlists'
import { PlaysRepository } from './plays'
import { ReportsRepository } from './reports'
import { SchedulesRepository } from './schedules'
import { ScreenTokensRepository } from './screen-tokens'
import { ScreensRepository } from './screens'
import { ScreenshotsRepository } from './screenshots'
import { SessionsRepository } from './sessions'
import { SitesRepository } from './sites'
import { StatusRepository } from './status'
import { UptimeRepository } from './uptime'
import { UsersRepository } from './users'
import { VersionsRepository } from './versions'
import { WebOriginsRepository } from './web-origins'
import { WebhooksRepository } from './webhooks'

export interface Repositories {
  sites: SitesRepository
  screens: ScreensRepository
  media: MediaRepository
  playlists: PlaylistsRepository
  documents: DocumentsRepository
  schedules: SchedulesRepository
  emergencies: EmergenciesRepository
  versions: VersionsRepository
  layouts: LayoutsRepository
  webOrigins: WebOriginsRepository
  plays: PlaysRepository
  status: StatusRepository
  agents: AgentsRepository
  reports: ReportsRepository
  uptime: UptimeRepository
  users: UsersRepository
  sessions: SessionsRepository
  apiTokens: ApiTokensRepository
  screenTokens: ScreenTokensRepository
  pairing: PairingRepository
  audit: AuditRepository
  alerts: AlertsRepository
  webhooks: WebhooksRepository
  feeds: FeedsRepository
  datasets: DatasetsRepository
  capSources: CapSourcesRepository
  screenshots: ScreenshotsRepository
  leases: LeasesRepository
}

export function createRepositories(db: Store, clock: Clock): Repositories {
  return {
    sites: new SitesRepository(db, clock),
    screens: new ScreensRepository(db, clock),
    media: new MediaRepository(db, clock),
    playlists: new PlaylistsRepository(db, clock),
    documents: new DocumentsRepository(db, clock),
    schedules: new SchedulesRepository(db, clock),
    emergencies: new EmergenciesRepository(db, clock),
    versions: new VersionsRepository(db, clock),
    layouts: new LayoutsRepository(db, clock),
    webOrigins: new WebOriginsRepository(db, clock),
    plays: new PlaysRepository(db, clock),
    status: new StatusRepository(db),
    agents: new AgentsRepository(db),
    reports: new ReportsRepository(db),
    uptime: new UptimeRepository(db),
    users: new UsersRepository(db, clock),
    sessions: new SessionsRepository(db, clock),
    screenTokens: new ScreenTokensRepository(db, clock),
    pairing: new PairingRepository(db, clock),
    audit: new AuditRepository(db, clock),
    apiTokens: new ApiTokensRepository(db, clock),
    alerts: new AlertsRepository(db, clock),
    webhooks: new WebhooksRepository(db, clock),
    feeds: new FeedsRepository(db, clock),
    datasets: new DatasetsRepository(db, clock),
    capSources: new CapSourcesRepository(db, clock),
    screenshots: new ScreenshotsRepository(db, clock),
    leases: new LeasesRepository(db),
  }
}
