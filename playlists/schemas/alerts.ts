import Type, { type Static } from 'typebox'
import { PLAYER_ERRORS_KEPT } from '../events'
import { Id, Name, Timestamp, TrilingualName } from './common'
import { PageOf, type PageSizes, pageQuery } from './paging'

/**
 * Alerts (issue 8): a screen in trouble opens an incident, shown in the console and sent to the
 * configured webhooks once, and closed with a recovery notice when the trouble clears.
 */

/**
 * - offline: no player has reported for longer than the rule allows;
 * - stale: the player has not applied the latest published version in time;
 * - errors: the player reported many errors within a window;
 * - storage: the player's browser storage (cached media) is nearly full;
 * - screenshot: the screen's real picture is not what it should show (black, frozen, an error
 *   page, other content); opened and resolved by the screenshots themselves, not by a rule;
 * - healing: the kiosk agent's healing ladder reached its last resort (the screen shows its last
 *   good frame, not the player); opened by that step, resolved when the agent reports the player
 *   playing again.
 */
export const ALERT_KINDS = ['offline', 'stale', 'errors', 'storage', 'screenshot', 'healing'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]
export const AlertKind = Type.Union([
  Type.Literal('offline'),
  Type.Literal('stale'),
  Type.Literal('errors'),
  Type.Literal('storage'),
  Type.Literal('screenshot'),
  Type.Literal('healing'),
])

/** A week: a screen dark longer than that without anyone told is not what an alert is for. */
export const ALERT_MINUTES_MAX = 7 * 24 * 60
/** Errors are counted over at most a day; players keep only their last PLAYER_ERRORS_KEPT anyway. */
export const ALERT_ERROR_WINDOW_MINUTES_MAX = 24 * 60
/**
 * Below this the storage rule would fire on every healthy player (a day's media already fills
 * a few percent of a kiosk's quota).
 */
export const ALERT_STORAGE_PERCENT_MIN = 10

const Minutes = (description: string, maximum = ALERT_MINUTES_MAX) =>
  Type.Integer({ minimum: 1, maximum, description })

/** What counts as trouble, for one site or for every site without its own rules. */
export const AlertRules = Type.Object(
  {
    offline: Type.Object(
      { enabled: Type.Boolean(), afterMinutes: Minutes('Offline for at least this long') },
      { additionalProperties: false },
    ),
    stale: Type.Object(
      {
        enabled: Type.Boolean(),
        afterMinutes: Minutes('The latest version published this long ago and still not applied'),
      },
      { additionalProperties: false },
    ),
    errors: Type.Object(
      {
        enabled: Type.Boolean(),
        // A player reports only its last PLAYER_ERRORS_KEPT errors: a larger count could never trip.
        count: Type.Integer({
          minimum: 1,
          maximum: PLAYER_ERRORS_KEPT,
          description: `At least this many errors (1–${PLAYER_ERRORS_KEPT})`,
        }),
        withinMinutes: Minutes('…within this many minutes', ALERT_ERROR_WINDOW_MINUTES_MAX),
      },
      { additionalProperties: false },
    ),
    storage: Type.Object(
      {
        enabled: Type.Boolean(),
        percent: Type.Integer({
          minimum: ALERT_STORAGE_PERCENT_MIN,
          maximum: 100,
          description: 'Storage used, in percent of the browser’s quota',
        }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)
export type AlertRules = Static<typeof AlertRules>

/** The rules for one site (`siteId`), or the default for every other site (`siteId: null`). */
export const AlertRuleSet = Type.Object({
  siteId: Type.Union([Id, Type.Null()]),
  rules: AlertRules,
  updatedAt: Timestamp,
})
export type AlertRuleSet = Static<typeof AlertRuleSet>

export const AlertRulesList = Type.Object({
  default: AlertRuleSet,
  /** Sites with rules of their own; the rest follow the default. */
  sites: Type.Array(AlertRuleSet),
})
export type AlertRulesList = Static<typeof AlertRulesList>

/** What the screen looked like when the incident opened, for a person to read. */
export const IncidentDetail = Type.Object({
  /** offline: since when, and when the player was last heard from. */
  offlineSince: Type.Optional(Timestamp),
  lastSeenAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
  /** stale: what the player plays and what it should. */
  appliedVersion: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  publishedVersion: Type.Optional(Type.Integer()),
  publishedAt: Type.Optional(Timestamp),
  /** errors: how many within the window, and the newest message. */
  errorCount: Type.Optional(Type.Integer()),
  lastError: Type.Optional(Type.String()),
  /** storage */
  usageBytes: Type.Optional(Type.Number()),
  quotaBytes: Type.Optional(Type.Number()),
  usedPercent: Type.Optional(Type.Number()),
  /** screenshot: the capture, its verdict and why, and its pictures (the expected one when rendered). */
  screenshotId: Type.Optional(Type.String()),
  verdict: Type.Optional(Type.String()),
  capturedAt: Type.Optional(Timestamp),
  why: Type.Optional(Type.String()),
  pictureUrl: Type.Optional(Type.String()),
  expectedUrl: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** healing: the failure the ladder could not cure (in `why`), and when the last resort was taken. */
  healedAt: Type.Optional(Timestamp),
})
export type IncidentDetail = Static<typeof IncidentDetail>

export const Incident = Type.Object({
  id: Id,
  screenId: Id,
  screenName: Name,
  siteId: Id,
  kind: AlertKind,
  state: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
  openedAt: Timestamp,
  resolvedAt: Type.Union([Timestamp, Type.Null()]),
  acknowledgedAt: Type.Union([Timestamp, Type.Null()]),
  /** Who acknowledged it (username), and what they wrote. */
  acknowledgedBy: Type.Union([Type.String(), Type.Null()]),
  acknowledgeNote: Type.Union([Type.String(), Type.Null()]),
  detail: IncidentDetail,
})
export type Incident = Static<typeof Incident>

export const INCIDENTS_PAGE_MAX = 200
/** Incidents and webhook deliveries per page. */
export const INCIDENT_PAGE_SIZES: PageSizes = { max: INCIDENTS_PAGE_MAX, default: 50 }

export const IncidentQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('resolved'), Type.Literal('all')], {
        description: 'open (default), resolved or all',
      }),
    ),
    siteId: Type.Optional(Id),
    screenId: Type.Optional(Id),
    ...pageQuery(INCIDENT_PAGE_SIZES),
  },
  { additionalProperties: false },
)
export type IncidentQuery = Static<typeof IncidentQuery>

export const IncidentPage = PageOf(Incident)
export type IncidentPage = Static<typeof IncidentPage>

export const ACK_NOTE_CHARS_MAX = 500

export const AcknowledgeInput = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: ACK_NOTE_CHARS_MAX })) },
  { additionalProperties: false },
)
export type AcknowledgeInput = Static<typeof AcknowledgeInput>

/** Long enough for any real endpoint with its query token; the same bound as web-page items. */
export const WEBHOOK_URL_CHARS_MAX = 2_000
/** A signing secret shorter than this is guessable; longer is a paste gone wrong. */
export const WEBHOOK_SECRET_CHARS_MIN = 16
export const WEBHOOK_SECRET_CHARS_MAX = 256

const WebhookUrl = Type.String({
  minLength: 8,
  maxLength: WEBHOOK_URL_CHARS_MAX,
  pattern: '^[hH][tT][tT][pP][sS]?://\\S+$',
  description: 'http:// or https:// address that receives a JSON POST for each incident opened and resolved',
})

export const Webhook = Type.Object({
  id: Id,
  name: Name,
  url: Type.String(),
  /** Only whether one is set: the secret itself is never sent back. */
  hasSecret: Type.Boolean(),
  /** Only this site's incidents; null for every site. */
  siteId: Type.Union([Id, Type.Null()]),
  enabled: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Deliveries waiting for a (next) attempt, delivered, and given up on. */
  deliveries: Type.Object({ pending: Type.Integer(), delivered: Type.Integer(), failed: Type.Integer() }),
})
export type Webhook = Static<typeof Webhook>

export const WebhookInput = Type.Object(
  {
    name: Name,
    url: WebhookUrl,
    /**
     * Signs every body with HMAC-SHA256 (header X-Gatecast-Signature-256). On update: left out
     * keeps the current secret, null removes it.
     */
    secret: Type.Optional(
      Type.Union([
        Type.String({ minLength: WEBHOOK_SECRET_CHARS_MIN, maxLength: WEBHOOK_SECRET_CHARS_MAX }),
        Type.Null(),
      ]),
    ),
    siteId: Type.Optional(Type.Union([Id, Type.Null()])),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type WebhookInput = Static<typeof WebhookInput>

export const WEBHOOK_EVENTS = ['opened', 'resolved'] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]
const WebhookEventSchema = Type.Union([Type.Literal('opened'), Type.Literal('resolved')])

export const DeliveryAttempt = Type.Object({
  number: Type.Integer({ minimum: 1 }),
  at: Timestamp,
  /** The receiver's HTTP status; null when there was no answer (refused, timed out). */
  statusCode: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Integer({ minimum: 0 }),
})
export type DeliveryAttempt = Static<typeof DeliveryAttempt>

export const WebhookDelivery = Type.Object({
  id: Id,
  webhookId: Id,
  incidentId: Id,
  screenId: Id,
  kind: AlertKind,
  event: WebhookEventSchema,
  state: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  createdAt: Timestamp,
  nextAttemptAt: Type.Union([Timestamp, Type.Null()]),
  finishedAt: Type.Union([Timestamp, Type.Null()]),
  attempts: Type.Array(DeliveryAttempt),
})
export type WebhookDelivery = Static<typeof WebhookDelivery>

export const DeliveryQuery = Type.Object(pageQuery(INCIDENT_PAGE_SIZES), { additionalProperties: false })
export type DeliveryQuery = Static<typeof DeliveryQuery>

export const DeliveryPage = PageOf(WebhookDelivery)
export type DeliveryPage = Static<typeof DeliveryPage>

/**
 * The JSON body POSTed to a webhook. Fixed when the delivery is queued, so every retry sends
 * the same bytes (and signature); `deliveryId` lets a receiver drop a repeat.
 */
export const WebhookPayload = Type.Object({
  event: Type.Union([Type.Literal('incident.opened'), Type.Literal('incident.resolved')]),
  deliveryId: Id,
  /** One line in English, for chat bridges that show text. */
  summary: Type.String(),
  incident: Type.Object({
    id: Id,
    kind: AlertKind,
    openedAt: Timestamp,
    resolvedAt: Type.Union([Timestamp, Type.Null()]),
    detail: IncidentDetail,
  }),
  screen: Type.Object({ id: Id, name: Name }),
  site: Type.Object({ id: Id, name: TrilingualName, timeZone: Type.String() }),
})
export type WebhookPayload = Static<typeof WebhookPayload>
