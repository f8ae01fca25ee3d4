import { describe, expectTypeOf, it } from 'vitest'

import {
  configFromEnv,
  parseConnectionUrl,
  parseRedshiftConfig,
  type PasswordProvider,
  type RedshiftConfig,
  type RedshiftConfigInput,
  type TlsMode,
} from '../../src/config/index.js'

describe('RedshiftConfigInput', () => {
  it('accepts the documented fields', () => {
    const input: RedshiftConfigInput = {
      url: 'redshift://h/dev',
      host: 'h',
      port: 5439,
      database: 'dev',
      user: 'u',
      password: async () => 'token',
      tls: { mode: 'verify-full', ca: Buffer.from(''), servername: 'h' },
      applicationName: 'app',
      pool: {
        min: 0,
        max: 10,
        acquireTimeoutMs: 1,
        idleTimeoutMs: 1,
        maxLifetimeMs: 1,
        connectTimeoutMs: 1,
        evictionIntervalMs: 1,
      },
      session: { statementTimeoutMs: 0, queryGroup: 'g', searchPath: ['a'] },
      fetchSize: 2,
      retry: { maxAttempts: 1, initialDelayMs: 0, maxDelayMs: 0 },
      circuitBreaker: {
        enabled: true,
        failureThreshold: 1,
        halfOpenAfterMs: 1,
      },
      types: { int8: 'string', numeric: 'number' },
    }
    expectTypeOf(input).toExtend<RedshiftConfigInput>()
    expectTypeOf<{ tls: 'require' }>().toExtend<RedshiftConfigInput>()
    expectTypeOf<{ password: string }>().toExtend<RedshiftConfigInput>()
  })

  it('rejects unknown fields in object literals', () => {
    // @ts-expect-error misspelt key
    const a: RedshiftConfigInput = { hots: 'h' }
    // @ts-expect-error unknown nested key
    const b: RedshiftConfigInput = { pool: { maxSize: 10 } }
    // @ts-expect-error there is no query_label in Redshift
    const c: RedshiftConfigInput = { session: { queryLabel: 'x' } }
    expectTypeOf([a, b, c]).toBeArray()
  })

  it('rejects mistyped fields', () => {
    expectTypeOf<{ port: string }>().not.toExtend<RedshiftConfigInput>()
    expectTypeOf<{ tls: 'verify' }>().not.toExtend<RedshiftConfigInput>()
    expectTypeOf<{
      tls: { mode: 'prefer' }
    }>().not.toExtend<RedshiftConfigInput>()
    expectTypeOf<{ pool: { max: '10' } }>().not.toExtend<RedshiftConfigInput>()
    expectTypeOf<{ password: number }>().not.toExtend<RedshiftConfigInput>()
    expectTypeOf<{
      password: () => string
    }>().not.toExtend<RedshiftConfigInput>()
    expectTypeOf<{
      session: { searchPath: string }
    }>().not.toExtend<RedshiftConfigInput>()
    expectTypeOf<{
      types: { int8: 'number' }
    }>().not.toExtend<RedshiftConfigInput>()
    expectTypeOf<{
      circuitBreaker: { enabled: 'yes' }
    }>().not.toExtend<RedshiftConfigInput>()
  })
})

describe('parseRedshiftConfig', () => {
  it('takes an input object, a config it made, or a URL and returns a RedshiftConfig', () => {
    expectTypeOf(parseRedshiftConfig)
      .parameter(0)
      .toEqualTypeOf<RedshiftConfigInput | RedshiftConfig | string>()
    expectTypeOf(parseRedshiftConfig).returns.toEqualTypeOf<RedshiftConfig>()
    expectTypeOf(
      parseConnectionUrl,
    ).returns.toEqualTypeOf<RedshiftConfigInput>()
    expectTypeOf(configFromEnv).returns.toEqualTypeOf<RedshiftConfigInput>()
  })

  it('has every default filled in and read-only', () => {
    const config = parseRedshiftConfig('redshift://u@h/dev')
    expectTypeOf(config.port).toEqualTypeOf<number>()
    expectTypeOf(config.password).toEqualTypeOf<PasswordProvider>()
    expectTypeOf(config.tls.mode).toEqualTypeOf<TlsMode>()
    expectTypeOf(config.pool.max).toEqualTypeOf<number>()
    expectTypeOf(config.session.searchPath).toEqualTypeOf<
      readonly string[] | undefined
    >()
    expectTypeOf(config.types.int8).toEqualTypeOf<'bigint' | 'string'>()
    // @ts-expect-error the config is read-only
    config.port = 1
    // @ts-expect-error nested sections too
    config.pool.max = 1
  })
})
