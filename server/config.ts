import { resolve } from 'node:path'
import { ROOT } from './paths'

/**
 * Every environment variable Gatecast reads, with its default. A bad value stops the start with
 * a message naming the variable, rather than a stack trace or a silently ignored setting.
 */
export interface Config {
  port: number
  host: string
  dataDir: string
  logLevel: string
  /** Load the sample sites, screens and playlists into a new, empty database. */
  seed: boolean
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: resolve(ROOT, env.DATA_DIR?.trim() || 'data'),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', LOG_LEVELS),
    seed: boolean(env, 'SEED', true),
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}="${raw}" must be a whole number from ${min} to ${max}.`)
  }
  return value
}

function oneOf(env: NodeJS.ProcessEnv, name: string, fallback: string, allowed: string[]): string {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  if (!allowed.includes(raw)) throw new ConfigError(`${name}="${raw}" must be one of: ${allowed.join(', ')}.`)
  return raw
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (!raw) return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(`${name}="${env[name]}" must be true or false.`)
}
