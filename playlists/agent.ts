import Type, { type Static, type TLiteral } from 'typebox'
import type { Ack } from './events'
import { Id } from './schemas/common'
import { EPOCH_MS_MAX } from './schemas/numbers'
import { BrightnessLevel, type DocumentPower } from './schemas/power'
import { TaggedUnion } from './schemas/union'

/**
 * The socket.io contract between the server and the kiosk agent (player/kiosk/agent/), the
 * service beside Chromium on a screen PC that drives the hardware, takes screenshots and heals
 * the player (issue 20). Typed once here, imported by both; the agent's payloads are validated
 * on arrival like the player's.
 */

/**
 * Its own namespace: an agent receives commands a player must never see (reboot), and a console
 * or a player connecting here gets nothing.
 */
export const AGENT_NAMESPACE = '/agent'

/** The agent's room on its screen: commands for the screen reach every agent of it. */
export const agentRoom = (screenId: string): string => `agent:${screenId}`

export const AGENT_COMMAND_TYPES = [
  'screenshot',
  'reload',
  'restart-browser',
  'reboot',
  'display-power',
  'brightness',
] as const
export type AgentCommandType = (typeof AGENT_COMMAND_TYPES)[number]

/**
 * How often the agent captures the screen by itself, in minutes; 0 never. A day is the longest
 * gap anyone asked for; under a minute the uploads would outweigh the content they check.
 */
export const SCREENSHOT_INTERVAL_MINUTES_MAX = 1440
export const SCREENSHOT_INTERVAL_MINUTES_DEFAULT = 10
export const ScreenshotIntervalMinutes = Type.Integer({
  minimum: 0,
  maximum: SCREENSHOT_INTERVAL_MINUTES_MAX,
  description: `Minutes between the kiosk agent's own screenshots (0 = never, at most ${SCREENSHOT_INTERVAL_MINUTES_MAX})`,
})

const simple = (type: Exclude<AgentCommandType, 'display-power' | 'brightness'>) =>
  Type.Object({ type: Type.Literal(type) }, { additionalProperties: false })

/** What the console asks of a screen's agent (POST /api/screens/:id/agent-commands). */
export const AgentCommandInput = TaggedUnion('type', [
  simple('screenshot'),
  simple('reload'),
  simple('restart-browser'),
  simple('reboot'),
  Type.Object(
    { type: Type.Literal('display-power'), on: Type.Boolean() },
    { additionalProperties: false, description: 'Turn the display on or off' },
  ),
  Type.Object(
    { type: Type.Literal('brightness'), level: BrightnessLevel },
    { additionalProperties: false, description: 'Set the display backlight, 0–100' },
  ),
])
export type AgentCommandInput = Static<typeof AgentCommandInput>

export const AgentCommandAccepted = Type.Object({
  id: Type.String(),
  type: Type.String(),
  /** Agents that received it (a screen PC runs one). */
  delivered: Type.Integer(),
})

/** A command as the agent receives it: the console's, with an id its result answers. */
export type AgentCommand = AgentCommandInput & { id: string }

/** Sent in the handshake: the screen's own token (the player's) and the agent's version. */
export const AgentHandshake = Type.Object(
  {
    token: Type.String({ description: "The screen's token, gcd_…" }),
    version: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: true },
)
export type AgentHandshake = Static<typeof AgentHandshake>

/** A command's outcome, as the agent reports it. `detail` is for people: what happened, or why not. */
export const AgentResult = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    type: Type.Union(
      AGENT_COMMAND_TYPES.map((t) => Type.Literal(t)) as unknown as [TLiteral<AgentCommandType>],
    ),
    ok: Type.Boolean(),
    detail: Type.String({ maxLength: 500 }),
  },
  { additionalProperties: false },
)
export type AgentResult = Static<typeof AgentResult>

/** The hardware controls the agent found on its PC at start. */
export const HARDWARE = ['ddcutil', 'cec-client', 'dpms'] as const
export type Hardware = (typeof HARDWARE)[number]

/** The healing ladder's steps (part 4), from the mildest. */
export const HEALING_STEPS = ['reload', 'restart-browser', 'reboot', 'last-good-frame'] as const
export type HealingStep = (typeof HEALING_STEPS)[number]

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)) as unknown as [TLiteral<T>])

/**
 * What the agent changed on its own, or noticed: a power or brightness change from the plan, a
 * failure of the page, a step of the ladder. Each is one line in the screen's history.
 */
export const AgentEvent = Type.Object(
  {
    /** `recovered`: the player plays again after a failure the agent had seen. */
    kind: literals(['power', 'brightness', 'failure', 'healing', 'recovered'] as const),
    atMs: Type.Number({ minimum: 0, maximum: EPOCH_MS_MAX }),
    detail: Type.String({ maxLength: 500 }),
    step: Type.Optional(literals(HEALING_STEPS)),
  },
  { additionalProperties: false },
)
export type AgentEvent = Static<typeof AgentEvent>

/** The agent's report: what it found and applied, and the event that made it report, if any. */
export const AgentState = Type.Object(
  {
    hardware: Type.Array(literals(HARDWARE), { maxItems: HARDWARE.length, uniqueItems: true }),
    /** The display's power and backlight as last applied (null before the first). */
    display: Type.Union([
      Type.Object({ on: Type.Boolean(), brightness: BrightnessLevel }, { additionalProperties: false }),
      Type.Null(),
    ]),
    event: Type.Union([AgentEvent, Type.Null()]),
  },
  { additionalProperties: false },
)
export type AgentState = Static<typeof AgentState>

/** What the server tells an agent on connect and after every change of its screen's settings. */
export interface AgentConfig {
  screenId: string
  allowReboot: boolean
  screenshotIntervalMinutes: number
  timeZone: string
  power: DocumentPower
}

/** The agent's connection and last report, as the console reads it. */
export const AgentStatus = Type.Object({
  screenId: Id,
  connected: Type.Boolean(),
  version: Type.Union([Type.String(), Type.Null()]),
  /** When `connected` last changed (null: no agent ever connected). */
  since: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([AgentState, Type.Null()]),
  /** The latest command results, newest first. */
  results: Type.Array(Type.Object({ at: Type.String(), result: AgentResult })),
})
export type AgentStatus = Static<typeof AgentStatus>

export interface ServerToAgentEvents {
  'agent:config': (config: AgentConfig) => void
  'agent:command': (command: AgentCommand) => void
}

export interface AgentToServerEvents {
  'agent:result': (result: AgentResult, ack: (reply: Ack) => void) => void
  'agent:state': (state: AgentState, ack: (reply: Ack) => void) => void
}
