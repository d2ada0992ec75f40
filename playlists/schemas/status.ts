import Type, { type Static, type TLiteral } from 'typebox'
import { COMMAND_TYPES, Heartbeat } from '../events'
import { Id, Timestamp } from './common'

/**
 * A screen's player as the server sees it: online when a player is connected and reporting;
 * offline after a disconnect or three missed heartbeats. Pushed to consoles on every change.
 */
export const ScreenStatus = Type.Object({
  screenId: Id,
  online: Type.Boolean(),
  /** When `online` last changed. */
  since: Timestamp,
  lastSeenAt: Type.Union([Timestamp, Type.Null()]),
  /** The version the player last reported it plays, and the newest one published for it. */
  appliedVersion: Type.Union([Type.Integer(), Type.Null()]),
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  /** The player's last report, as sent. */
  report: Type.Union([Heartbeat, Type.Null()]),
  /**
   * The player's last report put its clock and the server's more than CLOCK_DISAGREEMENT_MS
   * apart: the server's clock, the PC's, or both need NTP.
   */
  clockDisagrees: Type.Boolean(),
})
export type ScreenStatus = Static<typeof ScreenStatus>

/**
 * One literal per command. A plain `.map` gives an array, whose union TypeBox types as `never`
 * (the compiler let no command through); typed as one literal of every command, it reads right.
 */
const COMMAND_LITERALS = COMMAND_TYPES.map((c) => Type.Literal(c)) as unknown as [
  TLiteral<(typeof COMMAND_TYPES)[number]>,
]

export const CommandInput = Type.Object(
  {
    type: Type.Union(COMMAND_LITERALS, {
      description:
        'reload: reload the player page; identify: show the screen name large for 10 s; clear-cache: drop cached files and download again',
    }),
  },
  { additionalProperties: false },
)
export type CommandInput = Static<typeof CommandInput>

export const CommandResult = Type.Object({
  id: Type.String(),
  type: Type.String(),
  /** Players that received it (a screen normally has one). */
  delivered: Type.Integer(),
})
