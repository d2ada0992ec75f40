import Type from 'typebox'
import { Approver, LoginBody, Me, PasswordChange, User, UserInput, UserPatch } from '../schemas/accounts'
import { Deleted } from '../schemas/common'
import { route } from './route'

/** An account's id as the users' routes take it (older ids predate the slug rule). */
export const UserParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

export const authApi = {
  login: route('POST', '/api/auth/login', { body: LoginBody, response: { 200: Me } }),
  logout: route('POST', '/api/auth/logout', { response: { 204: Deleted } }),
  me: route('GET', '/api/auth/me', { response: { 200: Me } }),
  password: route('PUT', '/api/auth/password', { body: PasswordChange, response: { 204: Deleted } }),
}

export const usersApi = {
  list: route('GET', '/api/users', { response: { 200: Type.Array(User) } }),
  create: route('POST', '/api/users', { body: UserInput, response: { 201: User } }),
  update: route('PATCH', '/api/users/:id', { params: UserParams, body: UserPatch, response: { 200: User } }),
  approvers: route('GET', '/api/approvers', { response: { 200: Type.Array(Approver) } }),
}
