import Type, { type Static } from 'typebox'

/**
 * Who may read a site's on-air Atom feed (issue 19 point 5), as an admin chooses per site:
 * nobody (`off`, where every site starts: publishing what screens show is a decision), anyone
 * (`public`: the portal embeds it), or the holders of a Gatecast API token (`token`: the press
 * office's reader sends it in the Authorization header or the `token` query parameter).
 */
export const ON_AIR_ACCESS = ['off', 'public', 'token'] as const
export const OnAirAccess = Type.Union([Type.Literal('off'), Type.Literal('public'), Type.Literal('token')], {
  description: 'off: no feed (404); public: anyone; token: an API token is required (401 otherwise)',
})
export type OnAirAccess = Static<typeof OnAirAccess>

export const OnAirFeedSetting = Type.Object({ access: OnAirAccess }, { additionalProperties: false })
export type OnAirFeedSetting = Static<typeof OnAirFeedSetting>

/** The feed's language: one (entries in it alone) or, left out, the three side by side. */
export const OnAirFeedQuery = Type.Object(
  {
    lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('zh'), Type.Literal('en')])),
    /** For feed readers that cannot send an Authorization header. */
    token: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)
export type OnAirFeedQuery = Static<typeof OnAirFeedQuery>
