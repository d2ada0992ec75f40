import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config'

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', logLevel: 'info', seed: true })
    expect(c.dataDir).toMatch(/data$/)
  })

  it('reads every variable', () => {
    expect(
      loadConfig({ PORT: '9000', HOST: '127.0.0.1', DATA_DIR: '/srv/gc', LOG_LEVEL: 'debug', SEED: 'false' }),
    ).toEqual({
      port: 9000,
      host: '127.0.0.1',
      dataDir: '/srv/gc',
      logLevel: 'debug',
      seed: false,
      adminUsername: 'admin',
      adminPassword: undefined,
      trustProxy: false,
      metricsAllow: [],
      backupDir: '/srv/gc/backups',
      backupCron: '30 2 * * *',
      backupKeep: 14,
      redisUrl: undefined,
      primary: true,
      rateLimitPerMinute: 1200,
      heapGrowthPercent: 20,
      outboundAllow: [],
    })
  })

  it('reads the first admin and the trusted proxies', () => {
    const c = loadConfig({
      GATECAST_ADMIN_USER: 'ops.admin',
      GATECAST_ADMIN_PASSWORD: 'a long enough secret',
      TRUST_PROXY: '127.0.0.1, 10.0.0.0/8',
    })
    expect(c).toMatchObject({
      adminUsername: 'ops.admin',
      adminPassword: 'a long enough secret',
      trustProxy: ['127.0.0.1', '10.0.0.0/8'],
    })
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true)
    expect(loadConfig({ METRICS_ALLOW: '10.0.0.0/8,::1' }).metricsAllow).toEqual(['10.0.0.0/8', '::1'])
  })

  it('reads the private destinations the server may reach: addresses, ranges and host names', () => {
    expect(
      loadConfig({ OUTBOUND_ALLOW: '10.0.0.0/8, hooks.internal,fd00::/8,192.168.1.20' }).outboundAllow,
    ).toEqual(['10.0.0.0/8', 'hooks.internal', 'fd00::/8', '192.168.1.20'])
  })

  it.each([
    [{ PORT: 'eighty' }, /PORT="eighty" must be a whole number/],
    [{ PORT: '70000' }, /from 0 to 65535/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud" must be one of/],
    [{ SEED: 'maybe' }, /SEED="maybe" must be true or false/],
    [{ HEAP_GROWTH_PERCENT: '500' }, /HEAP_GROWTH_PERCENT="500" must be a whole number from 0 to 400/],
    [{ HEAP_GROWTH_PERCENT: '12.5' }, /HEAP_GROWTH_PERCENT="12.5" must be a whole number/],
    [{ GATECAST_ADMIN_USER: 'Root User' }, /GATECAST_ADMIN_USER="Root User" must be a username/],
    [
      { GATECAST_ADMIN_PASSWORD: 'short' },
      /GATECAST_ADMIN_PASSWORD must have 10–200 characters \(it has 5\)/,
    ],
    [{ TRUST_PROXY: 'the proxy' }, /TRUST_PROXY="the proxy": "the proxy" is not an address/],
    [
      { METRICS_ALLOW: '10.0.0.0/33' },
      /METRICS_ALLOW="10.0.0.0\/33": "10.0.0.0\/33" is not an address or CIDR range\./,
    ],
    [
      { OUTBOUND_ALLOW: '10.0.0.300' },
      /OUTBOUND_ALLOW="10.0.0.300": "10.0.0.300" is not an address, a CIDR range or a host name/,
    ],
    [{ OUTBOUND_ALLOW: 'http://hooks.internal/' }, /"http:\/\/hooks.internal\/" is not an address/],
  ])('names the variable when a value is wrong: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
