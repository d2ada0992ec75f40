import type { Permission } from '@playlists/auth/permissions'
import type { FunctionComponent } from 'preact'
import type { Route } from '../router'
import { AccountPage } from './account/account-page'
import { AlertsPage } from './alerts/alerts-page'
import { ApprovalsPage } from './approvals/approvals-page'
import { AuditPage } from './audit/audit-page'
import { CapSourcesPage } from './cap-sources/cap-sources-page'
import { DatasetsPage } from './datasets/datasets-page'
import { EmergencyPage } from './emergency/emergency-page'
import { FeedsPage } from './feeds/feeds-page'
import { LayoutsPage } from './layouts/layouts-page'
import { MediaPage } from './media/media-page'
import { PlaylistsPage } from './playlists/playlists-page'
import { PreviewPage } from './preview/preview-page'
import { ReportsPage } from './reports/reports-page'
import { SchedulePage } from './schedule/schedule-page'
import { ScreensPage } from './screens/screens-page'
import { UsersPage } from './users/users-page'

/** What a page receives: the route's segments after the page's own name, and its query. */
export interface PageProps {
  params: string[]
  query: URLSearchParams
}

export interface PageDefinition {
  /** The first path segment (`#/media`) and the navigation label's key (`nav.media`). */
  id: PageId
  /** Who sees the page: the same permission the server asks of the page's main API. */
  permission: Permission
  component: FunctionComponent<PageProps>
}

export const PAGE_IDS = [
  'screens',
  'alerts',
  'preview',
  'media',
  'playlists',
  'schedule',
  'layouts',
  'feeds',
  'datasets',
  'approvals',
  'emergency',
  'cap-sources',
  'reports',
  'audit',
  'users',
  'account',
] as const
export type PageId = (typeof PAGE_IDS)[number]

/** In navigation order. A viewer (an official reading) sees screens, preview, reports, account. */
export const PAGES: readonly PageDefinition[] = [
  { id: 'screens', permission: 'preview', component: ScreensPage },
  { id: 'alerts', permission: 'screens:operate', component: AlertsPage },
  { id: 'preview', permission: 'preview', component: PreviewPage },
  { id: 'media', permission: 'content:read', component: MediaPage },
  { id: 'playlists', permission: 'content:read', component: PlaylistsPage },
  { id: 'schedule', permission: 'content:read', component: SchedulePage },
  { id: 'layouts', permission: 'content:read', component: LayoutsPage },
  { id: 'feeds', permission: 'content:read', component: FeedsPage },
  { id: 'datasets', permission: 'content:read', component: DatasetsPage },
  { id: 'approvals', permission: 'content:read', component: ApprovalsPage },
  { id: 'emergency', permission: 'emergency:send', component: EmergencyPage },
  { id: 'cap-sources', permission: 'settings:write', component: CapSourcesPage },
  { id: 'reports', permission: 'preview', component: ReportsPage },
  { id: 'audit', permission: 'audit:read', component: AuditPage },
  { id: 'users', permission: 'users:manage', component: UsersPage },
  { id: 'account', permission: 'signed-in', component: AccountPage },
]

export const HOME: PageId = 'screens'

export function pageFor(route: Route): PageDefinition | undefined {
  const id = route.segments[0] ?? HOME
  return PAGES.find((p) => p.id === id)
}
