import type { FastifyInstance, FastifyRequest } from 'fastify'

/**
 * What a route lets a caller do, declared in its `config.permission`. The one place that
 * decides who may do it is `authorize` below: today every caller may (accounts and roles
 * arrive with the trust work, which replaces this function and nothing else).
 */
export type Permission =
  | 'content:read'
  | 'content:write'
  | 'publish'
  | 'schedule:write'
  | 'emergency:send'
  | 'screens:write'
  | 'preview'
  | 'settings:write'

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission
  }
}

export function authorize(_request: FastifyRequest, _permission: Permission): void {
  // Open until accounts exist; see the trust issue.
}

export function registerPermissions(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const permission = request.routeOptions.config.permission
    if (permission) authorize(request, permission)
  })
}
