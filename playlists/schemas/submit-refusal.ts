import Type, { type Static } from 'typebox'
import { Id } from './common'

/**
 * Why a playlist's draft may not be submitted for approval (issue 17): a version that can show
 * nothing would blank every screen it reaches, and one with items that cannot play is not what
 * would air. `details` of the 409, so that the console says it in the reader's language.
 */
export const EMPTY_PLAYLIST = 'empty-playlist'
export const UNPLAYABLE_ITEMS = 'unplayable-items'

/** Why one item of a draft cannot play: its medium was deleted, or its page's origin left the allow-list. */
export const DraftItemProblem = Type.Union([
  Type.Literal('medium-missing'),
  Type.Literal('web-origin-not-allowed'),
])
export type DraftItemProblem = Static<typeof DraftItemProblem>

export const EmptyPlaylistRefusal = Type.Object({
  code: Type.Literal(EMPTY_PLAYLIST),
  playlistId: Id,
})
export type EmptyPlaylistRefusal = Static<typeof EmptyPlaylistRefusal>

export const UnplayableItemsRefusal = Type.Object({
  code: Type.Literal(UNPLAYABLE_ITEMS),
  playlistId: Id,
  /** Every item that cannot play, by position (0-based) in the draft. */
  items: Type.Array(
    Type.Object({ index: Type.Integer({ minimum: 0 }), itemId: Id, problem: DraftItemProblem }),
  ),
})
export type UnplayableItemsRefusal = Static<typeof UnplayableItemsRefusal>
