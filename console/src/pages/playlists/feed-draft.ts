import { TICKER_SPEED_DEFAULT, TICKER_SPEED_MAX, TICKER_SPEED_MIN } from '@playlists/limits'
import { FEED_ON_AIR_MAX } from '@playlists/schemas/feed'
import {
  FEED_ITEM_COUNT_DEFAULT,
  FEED_ORDERS,
  FEED_STYLES,
  type FeedOrder,
  type FeedStyle,
} from '@playlists/schemas/items'

/**
 * A feed item's settings as the editor holds them: the source chosen in a list, the count
 * chosen in a list (so it is always in bounds), the ticker's speed as typed.
 */
export interface FeedEdit {
  sourceId: string
  style: FeedStyle
  count: number
  languages: FeedOrder
  speed: string
}

export function feedEditOf(settings: {
  sourceId: string
  style?: FeedStyle
  count?: number
  languages?: FeedOrder
  speed?: number
}): FeedEdit {
  return {
    sourceId: settings.sourceId,
    style: settings.style ?? 'ticker',
    count: settings.count ?? FEED_ITEM_COUNT_DEFAULT,
    languages: settings.languages ?? 'grouped',
    speed: String(settings.speed ?? TICKER_SPEED_DEFAULT),
  }
}

export function feedSettingsOf(edit: FeedEdit): {
  sourceId: string
  style: FeedStyle
  count: number
  languages: FeedOrder
  speed: number
} {
  const speed = Number(edit.speed)
  return {
    sourceId: edit.sourceId,
    style: edit.style,
    count: edit.count,
    languages: edit.languages,
    // Cards do not scroll: a speed typed wrong for a ticker no longer shown does not block saving.
    speed: edit.style === 'cards' && !speedOk(edit.speed) ? TICKER_SPEED_DEFAULT : speed,
  }
}

const speedOk = (text: string) =>
  /^\d+$/.test(text.trim()) && Number(text) >= TICKER_SPEED_MIN && Number(text) <= TICKER_SPEED_MAX

export type FeedProblem =
  | { path: string; code: 'required' }
  | { path: string; code: 'speed-range'; params: { min: number; max: number } }

/** What the server would refuse: no source chosen, a ticker's speed out of bounds. */
export function feedProblems(edit: FeedEdit): FeedProblem[] {
  const problems: FeedProblem[] = []
  if (!edit.sourceId) problems.push({ path: 'sourceId', code: 'required' })
  if (edit.style === 'ticker' && !speedOk(edit.speed))
    problems.push({
      path: 'speed',
      code: 'speed-range',
      params: { min: TICKER_SPEED_MIN, max: TICKER_SPEED_MAX },
    })
  return problems
}

/** Whether a kept draft's item (components/local-draft.ts) has a feed item's shape. */
export function keptFeedEdit(item: Record<string, unknown>): boolean {
  return (
    typeof item.sourceId === 'string' &&
    (FEED_STYLES as readonly unknown[]).includes(item.style) &&
    Number.isInteger(item.count) &&
    (item.count as number) >= 1 &&
    (item.count as number) <= FEED_ON_AIR_MAX &&
    (FEED_ORDERS as readonly unknown[]).includes(item.languages) &&
    typeof item.speed === 'string'
  )
}
