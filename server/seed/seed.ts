import { createReadStream } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { VIDEO_BYTES_MAX } from '@playlists/limits'
import { DatasetCreateInput } from '@playlists/schemas/dataset'
import type { LayoutInput } from '@playlists/schemas/layout'
import { PlaylistInput, type PlaylistInput as PlaylistInputType } from '@playlists/schemas/playlist'
import { ScreenInput } from '@playlists/schemas/screen'
import { SiteInput, SyncGroupInput } from '@playlists/schemas/site'
import Type from 'typebox'
import { Compile } from 'typebox/compile'
import type { ApprovalService } from '../approvals/service'
import type { Store } from '../db/store'
import { LAYOUT_PRESETS } from '../layouts/presets'
import type { MediaStore } from '../media/store'
import type { AuditInput } from '../plugins/auth'
import type { Repositories } from '../repositories'

const SeedSites = Compile(
  Type.Object({
    sites: Type.Array(SiteInput),
    syncGroups: Type.Array(SyncGroupInput),
    screens: Type.Array(ScreenInput),
  }),
)
const SeedPlaylist = Compile(PlaylistInput)
const SeedDataset = Compile(DatasetCreateInput)
const SeedLayouts = Compile(
  Type.Object({
    layouts: Type.Array(Type.Object({ id: Type.String(), preset: Type.String(), name: Type.String() })),
    /** Which playlist each zone id plays, for every seeded layout. */
    zonePlaylists: Type.Record(Type.String(), Type.String()),
  }),
)

const SEED_COMMENT = 'the sample content, loaded on first start'

export interface SeedResult {
  sites: number
  screens: number
  playlists: number
  datasets: number
  media: number
}

/**
 * Loads the sample content of `server/seed/content/` into an empty database: the sites and screens
 * of the programme, the sample media, trilingual playlists and layouts, and sample datasets (the
 * exchange rates, the gates' opening hours), all on air as approved by the system.
 * Playlist files name media by file (`"mediaFile": "x.jpg"`); they become media ids here.
 */
export async function seedDatabase(deps: {
  db: Store
  repos: Repositories
  approvals: ApprovalService
  /** Records an audit entry as the system. */
  audit: (entry: AuditInput) => void
  store: MediaStore
  seedDir: string
}): Promise<SeedResult> {
  const { db, repos, approvals, audit, store, seedDir } = deps
  const sitesFile = JSON.parse(await readFile(join(seedDir, 'sites.json'), 'utf8')) as unknown
  if (!SeedSites.Check(sitesFile)) throw new Error(`seed: ${join(seedDir, 'sites.json')} is not valid`)

  const mediaDir = join(seedDir, 'media')
  const mediaIds = new Map<string, string>()
  for (const name of (await readdir(mediaDir)).sort()) {
    if (!/\.(jpe?g|png|webp|gif|mp4|webm)$/i.test(name)) continue
    const stream = createReadStream(join(mediaDir, name))
    const stored = await store.receive(stream, () => false, VIDEO_BYTES_MAX)
    mediaIds.set(name, repos.media.insert({ ...stored, originalName: name }).media.id)
  }

  const playlistDir = join(seedDir, 'playlists')
  const playlists: PlaylistInputType[] = []
  for (const name of (await readdir(playlistDir)).filter((n) => n.endsWith('.json')).sort()) {
    const raw = JSON.parse(await readFile(join(playlistDir, name), 'utf8')) as {
      items?: Record<string, unknown>[]
    }
    const items = (raw.items ?? []).map(({ mediaFile, ...item }) => {
      if (mediaFile === undefined) return item
      const mediaId = mediaIds.get(String(mediaFile))
      if (!mediaId) throw new Error(`seed: ${name} refers to missing media file ${String(mediaFile)}`)
      return { ...item, mediaId }
    })
    const input = { ...raw, items }
    if (!SeedPlaylist.Check(input)) {
      const first = [...SeedPlaylist.Errors(input)][0]
      throw new Error(`seed: ${name} is not a valid playlist: ${JSON.stringify(first)}`)
    }
    playlists.push(input)
  }

  // Sample tables (exchange rates, the gates' opening hours): a folder of their own, optional.
  const datasetDir = join(seedDir, 'datasets')
  const datasets: DatasetCreateInput[] = []
  const datasetFiles = await readdir(datasetDir).catch(() => [] as string[])
  for (const name of datasetFiles.filter((n) => n.endsWith('.json')).sort()) {
    const raw = JSON.parse(await readFile(join(datasetDir, name), 'utf8')) as unknown
    if (!SeedDataset.Check(raw) || raw.id === undefined) {
      const first = [...SeedDataset.Errors(raw)][0]
      throw new Error(`seed: ${name} is not a valid dataset with an id: ${JSON.stringify(first)}`)
    }
    datasets.push(raw)
  }

  const layoutsFile = JSON.parse(await readFile(join(seedDir, 'layouts.json'), 'utf8')) as unknown
  if (!SeedLayouts.Check(layoutsFile)) throw new Error(`seed: ${join(seedDir, 'layouts.json')} is not valid`)
  const layouts: LayoutInput[] = layoutsFile.layouts.map(({ id, preset, name }) => {
    const found = LAYOUT_PRESETS.find((p) => p.id === preset)
    if (!found) throw new Error(`seed: layouts.json names an unknown preset "${preset}"`)
    const zones = found.zones.map((z) => ({ ...z, playlistId: layoutsFile.zonePlaylists[z.id] ?? null }))
    return { id, name, zones }
  })

  // Everything in one transaction: a failed seed leaves an empty database, retried next start.
  db.transaction(() => {
    for (const site of sitesFile.sites) repos.sites.create(site)
    for (const group of sitesFile.syncGroups) repos.sites.createSyncGroup(group)
    for (const playlist of playlists) repos.playlists.create(playlist)
    for (const dataset of datasets) repos.datasets.create(dataset)
    for (const layout of layouts) repos.layouts.create(layout)
    for (const screen of sitesFile.screens) repos.screens.create(screen)
  })()
  // The sample content goes on air as approved by the system, and the audit log says so.
  const versions = approvals.approveAsSystem(
    [
      ...playlists.map((p) => ({ type: 'playlist' as const, id: p.id! })),
      ...layouts.map((l) => ({ type: 'layout' as const, id: l.id! })),
      ...datasets.map((d) => ({ type: 'dataset' as const, id: d.id! })),
    ],
    SEED_COMMENT,
  )
  for (const v of versions) {
    audit({
      action: `${v.objectType}.approve`,
      objectType: v.objectType,
      objectId: v.objectId,
      after: { number: v.number, state: v.state, decidedBy: v.decidedBy },
      detail: `version ${v.number}: ${SEED_COMMENT}`,
    })
  }

  return {
    sites: sitesFile.sites.length,
    screens: sitesFile.screens.length,
    playlists: playlists.length,
    datasets: datasets.length,
    media: mediaIds.size,
  }
}

/**
 * A new database: no site, and none ever deleted. Sites an operator deleted stay deleted: the
 * sample content does not come back at the next start (and its ids are not free: migration 014).
 */
export function isEmpty(db: Store): boolean {
  return (
    db.prepare('SELECT count(*) FROM sites').pluck().get() === 0 &&
    db.prepare("SELECT count(*) FROM deleted_ids WHERE kind = 'site'").pluck().get() === 0
  )
}
