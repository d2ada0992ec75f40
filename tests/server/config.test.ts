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
    })
  })

  it.each([
    [{ PORT: 'eighty' }, /PORT="eighty" must be a whole number/],
    [{ PORT: '70000' }, /from 0 to 65535/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud" must be one of/],
    [{ SEED: 'maybe' }, /SEED="maybe" must be true or false/],
  ])('names the variable when a value is wrong: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
