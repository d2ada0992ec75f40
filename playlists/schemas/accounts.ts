import Type, { type Static } from 'typebox'
import { NAME_CHARS_MAX, PASSWORD_CHARS_MAX, PASSWORD_CHARS_MIN } from '../limits'
import { Timestamp } from './common'

/**
 * Who may do what. An editor prepares content and submits it; an approver (an official who
 * answers for what is shown) approves or rejects someone else's change and puts approved versions
 * on air; a viewer previews and reads reports; an admin manages accounts and settings and may do
 * all of it, except approve their own change.
 */
export const ROLES = ['admin', 'approver', 'editor', 'viewer'] as const
export const Role = Type.Union(
  [Type.Literal('admin'), Type.Literal('approver'), Type.Literal('editor'), Type.Literal('viewer')],
  { description: 'admin, approver, editor or viewer' },
)
export type Role = (typeof ROLES)[number]

/** Sign-in names: short, lower-case, typed often. */
export const USERNAME_PATTERN = '^[a-z][a-z0-9._-]{1,39}$'
export const Username = Type.String({
  pattern: USERNAME_PATTERN,
  description:
    'Lower-case letters, digits, dots, dashes and underscores; 2–40 characters, starting with a letter',
})

export const Password = Type.String({ minLength: PASSWORD_CHARS_MIN, maxLength: PASSWORD_CHARS_MAX })

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  disabled: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastLoginAt: Type.Union([Timestamp, Type.Null()]),
})
export type User = Static<typeof User>

/**
 * An account that may approve, as anyone preparing content may see it: its id and the name
 * people know it by, to name a dataset's quick approvers. No sign-in name, role or dates: those
 * are the admins' (GET /api/users).
 */
export const Approver = Type.Object({ id: Type.String(), displayName: Type.String() })
export type Approver = Static<typeof Approver>

export const UserInput = Type.Object(
  {
    username: Username,
    displayName: Type.String({ minLength: 1, maxLength: NAME_CHARS_MAX }),
    role: Role,
    password: Password,
  },
  { additionalProperties: false },
)
export type UserInput = Static<typeof UserInput>

export const UserPatch = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_CHARS_MAX })),
    role: Type.Optional(Role),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UserPatch = Static<typeof UserPatch>

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 40 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_CHARS_MAX }),
  },
  { additionalProperties: false },
)
export type LoginBody = Static<typeof LoginBody>

export const PasswordChange = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_CHARS_MAX }), newPassword: Password },
  { additionalProperties: false },
)
export type PasswordChange = Static<typeof PasswordChange>

/** Who the caller is, as the console needs it. */
export const Me = Type.Object({
  user: User,
  /** How the caller proved it: a session cookie or an API token (with the token's own role). */
  via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
  role: Role,
})
export type Me = Static<typeof Me>

/** An API token for an integration: acts for the account that made it, limited to its own role. */
export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  userId: Type.String(),
  role: Role,
  createdAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
  expiresAt: Type.Union([Timestamp, Type.Null()]),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
})
export type ApiToken = Static<typeof ApiToken>

export const ApiTokenInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: NAME_CHARS_MAX }),
    role: Role,
    /**
     * The caller's own account, if sent at all (kept for integrations that send it): a token acts
     * only for the account that makes it, so what it approves, its maker approved. Any other id: 403.
     */
    userId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'Your own account id, or leave it out: a token cannot be made for another account',
      }),
    ),
    expiresAt: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
)
export type ApiTokenInput = Static<typeof ApiTokenInput>

/** The one time a token's secret is shown: at creation. */
export const NewApiToken = Type.Object({ token: ApiToken, secret: Type.String() })
