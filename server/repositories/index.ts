import type { Clock } from '../clock'
import type { Db } from '../db/open'
import { DocumentsRepository } from './documents'
import { EmergenciesRepository } from './emergencies'
import { LayoutsRepository } from './layouts'
import { MediaRepository } from './media'
import { PlaylistsRepository } from './playlists'
import { PlaysRepository } from './plays'
import { PublicationsRepository } from './publications'
import { SchedulesRepository } from './schedules'
import { ScreensRepository } from './screens'
import { SitesRepository } from './sites'
import { StatusRepository } from './status'
import { WebOriginsRepository } from './web-origins'

export interface Repositories {
  sites: SitesRepository
  screens: ScreensRepository
  media: MediaRepository
  playlists: PlaylistsRepository
  documents: DocumentsRepository
  schedules: SchedulesRepository
  emergencies: EmergenciesRepository
  publications: PublicationsRepository
  layouts: LayoutsRepository
  webOrigins: WebOriginsRepository
  plays: PlaysRepository
  status: StatusRepository
}

export function createRepositories(db: Db, clock: Clock): Repositories {
  return {
    sites: new SitesRepository(db, clock),
    screens: new ScreensRepository(db, clock),
    media: new MediaRepository(db, clock),
    playlists: new PlaylistsRepository(db, clock),
    documents: new DocumentsRepository(db, clock),
    schedules: new SchedulesRepository(db, clock),
    emergencies: new EmergenciesRepository(db, clock),
    publications: new PublicationsRepository(db, clock),
    layouts: new LayoutsRepository(db, clock),
    webOrigins: new WebOriginsRepository(db, clock),
    plays: new PlaysRepository(db, clock),
    status: new StatusRepository(db),
  }
}
