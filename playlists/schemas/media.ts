import Type, { type Static } from 'typebox'
import { Id, Timestamp } from './common'

export const MEDIA_KINDS = ['image', 'video'] as const
export const MediaKind = Type.Union([Type.Literal('image'), Type.Literal('video')])
export type MediaKind = Static<typeof MediaKind>

/**
 * A stored file. Everything here is measured by the server from the bytes it received;
 * nothing is taken from the client except the original name, kept for people to recognise it.
 */
export const Media = Type.Object({
  id: Id,
  kind: MediaKind,
  contentType: Type.String(),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  bytes: Type.Integer({ minimum: 1 }),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  originalName: Type.String(),
  /** Where players fetch it; content-addressed, so it never changes and caches forever. */
  url: Type.String(),
  createdAt: Timestamp,
})
export type Media = Static<typeof Media>

/** The part of a medium a player needs; embedded in documents so players need no lookups. */
export const MediaRef = Type.Object({
  id: Id,
  url: Type.String(),
  contentType: Type.String(),
  sha256: Type.String(),
  bytes: Type.Integer(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
})
export type MediaRef = Static<typeof MediaRef>
