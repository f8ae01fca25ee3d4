import { inspect } from 'node:util'

import { describe, expect, it } from 'vitest'

import {
  isLoopbackHost,
  parseRedshiftConfig,
  type RedshiftConfigInput,
} from '../../src/config/index.js'
import { RedshiftConfigError } from '../../src/errors/index.js'

const PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIBszCCAVmgAwIBAgIUQ2h1bmt5IHRlc3QgY2VydGlmaWNhdGUwCgYIKoZIzj0E',
  '-----END CERTIFICATE-----',
].join('\n')

const BASE = { host: 'cluster.example.com', user: 'app' } as const

/** The issues a bad input produces (fails if it parses). */
function issuesOf(input: unknown): RedshiftConfigError['issues'] {
  try {
    parseRedshiftConfig(input as RedshiftConfigInput)
  } catch (error) {
    expect(error).toBeInstanceOf(RedshiftConfigError)
    return (error as RedshiftConfigError).issues
  }
  throw new Error('expected the configuration to be rejected')
}

describe('parseRedshiftConfig: every invalid field is named', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    // [name, fields added to BASE, path, part of `expected`]
    ['empty host', { host: '' }, 'host', 'hostname'],
    ['host given as a URL', { host: 'redshift://x/db' }, 'host', 'hostname'],
    ['host not a string', { host: 5 }, 'host', 'hostname'],
    ['host missing', { host: undefined }, 'host', 'hostname'],
    ['port 0', { port: 0 }, 'port', '1..65535'],
    ['port too big', { port: 70000 }, 'port', '1..65535'],
    ['port fractional', { port: 5439.5 }, 'port', '1..65535'],
    ['port as string', { port: '5439' }, 'port', '1..65535'],
    ['empty database', { database: '' }, 'database', 'non-empty'],
    ['empty user', { user: '' }, 'user', 'non-empty'],
    ['user missing', { user: undefined }, 'user', 'non-empty'],
    ['password a number', { password: 42 }, 'password', 'async function'],
    ['password an object', { password: {} }, 'password', 'async function'],
    ['unknown tls mode', { tls: 'tls-please' }, 'tls.mode', 'verify-full'],
    [
      'verify-full with a non-PEM ca',
      { tls: { mode: 'verify-full', ca: 'not a certificate' } },
      'tls.ca',
      'PEM',
    ],
    [
      'verify-ca with a non-PEM Buffer',
      { tls: { mode: 'verify-ca', ca: Buffer.from([0x30, 0x82, 0x01]) } },
      'tls.ca',
      'PEM',
    ],
    [
      'default verify-full (remote host) with a non-PEM ca',
      { tls: { ca: 'nope' } },
      'tls.ca',
      'PEM',
    ],
    ['ca of the wrong type', { tls: { ca: 5 } }, 'tls.ca', 'PEM'],
    ['empty servername', { tls: { servername: '' } }, 'tls.servername', 'host'],
    ['unknown tls key', { tls: { modee: 'require' } }, 'tls.modee', ''],
    ['applicationName', { applicationName: 5 }, 'applicationName', 'string'],
    ['pool not an object', { pool: 'big' }, 'pool', 'object'],
    ['pool.min negative', { pool: { min: -1 } }, 'pool.min', '>= 0'],
    ['pool.max 0', { pool: { max: 0 } }, 'pool.max', '>= 1'],
    [
      'pool.min > pool.max',
      { pool: { min: 5, max: 2 } },
      'pool.min',
      'pool.max',
    ],
    ['pool.min > default max', { pool: { min: 20 } }, 'pool.min', 'pool.max'],
    [
      'acquireTimeoutMs 0',
      { pool: { acquireTimeoutMs: 0 } },
      'pool.acquireTimeoutMs',
      'milliseconds',
    ],
    [
      'idleTimeoutMs fractional',
      { pool: { idleTimeoutMs: 1.5 } },
      'pool.idleTimeoutMs',
      'milliseconds',
    ],
    [
      'maxLifetimeMs negative',
      { pool: { maxLifetimeMs: -1 } },
      'pool.maxLifetimeMs',
      'milliseconds',
    ],
    [
      'connectTimeoutMs string',
      { pool: { connectTimeoutMs: '10s' } },
      'pool.connectTimeoutMs',
      'milliseconds',
    ],
    [
      'evictionIntervalMs NaN',
      { pool: { evictionIntervalMs: NaN } },
      'pool.evictionIntervalMs',
      'milliseconds',
    ],
    ['unknown pool key', { pool: { mx: 2 } }, 'pool.mx', ''],
    [
      'statementTimeoutMs negative',
      { session: { statementTimeoutMs: -1 } },
      'session.statementTimeoutMs',
      '>= 0',
    ],
    [
      'queryGroup over 320 characters',
      { session: { queryGroup: 'q'.repeat(321) } },
      'session.queryGroup',
      '320',
    ],
    [
      'searchPath a string',
      { session: { searchPath: 'public' } },
      'session.searchPath',
      'array',
    ],
    [
      'searchPath with an empty name',
      { session: { searchPath: ['public', ''] } },
      'session.searchPath.1',
      'schema name',
    ],
    ['fetchSize 1', { fetchSize: 1 }, 'fetchSize', '>= 2'],
    ['fetchSize 0', { fetchSize: 0 }, 'fetchSize', '>= 2'],
    [
      'retry.maxAttempts 0',
      { retry: { maxAttempts: 0 } },
      'retry.maxAttempts',
      '>= 1',
    ],
    [
      'retry.initialDelayMs above the default max',
      { retry: { initialDelayMs: 10_000 } },
      'retry.initialDelayMs',
      'maxDelayMs',
    ],
    [
      'retry.maxDelayMs negative',
      { retry: { maxDelayMs: -1 } },
      'retry.maxDelayMs',
      '>= 0',
    ],
    [
      'circuitBreaker.enabled a string',
      { circuitBreaker: { enabled: 'yes' } },
      'circuitBreaker.enabled',
      'boolean',
    ],
    [
      'failureThreshold 0',
      { circuitBreaker: { failureThreshold: 0 } },
      'circuitBreaker.failureThreshold',
      '>= 1',
    ],
    [
      'halfOpenAfterMs 0',
      { circuitBreaker: { halfOpenAfterMs: 0 } },
      'circuitBreaker.halfOpenAfterMs',
      'milliseconds',
    ],
    ['types.int8', { types: { int8: 'number' } }, 'types.int8', "'bigint'"],
    [
      'types.numeric',
      { types: { numeric: 'bigint' } },
      'types.numeric',
      "'number'",
    ],
    ['unknown top-level key', { hots: 'x' }, 'hots', ''],
    ['url not a URL', { url: 'not a url' }, 'url', 'redshift://'],
    ['url of another scheme', { url: 'mysql://h/db' }, 'url', 'redshift://'],
    [
      'url sslmode',
      { url: 'redshift://h/db?sslmode=bogus' },
      'url.sslmode',
      'verify-full',
    ],
    [
      'url statement_timeout',
      { url: 'redshift://h/db?statement_timeout=abc' },
      'url.statement_timeout',
      'integer',
    ],
    ['url unknown parameter', { url: 'redshift://h/db?foo=1' }, 'url.foo', ''],
  ]

  it.each(cases)('%s', (_name, fields, path, expected) => {
    const issues = issuesOf({ ...BASE, ...fields })
    expect(issues.map((i) => i.path)).toEqual([path])
    const [issue] = issues
    expect(issue?.message).toBeTruthy()
    if (expected !== '') expect(issue?.expected).toContain(expected)
  })

  it('accepts a ca that is not PEM when it is not used for verification', () => {
    expect(() =>
      parseRedshiftConfig({ ...BASE, tls: { mode: 'require', ca: 'x' } }),
    ).not.toThrow()
    expect(
      parseRedshiftConfig({ ...BASE, tls: { mode: 'verify-full', ca: PEM } })
        .tls.ca,
    ).toBe(PEM)
  })

  it('rejects what is not an object or a string', () => {
    for (const input of [null, 5, [], undefined]) {
      expect(issuesOf(input)).toEqual([
        {
          path: '',
          message: 'must be an object or a URL string',
          expected: 'an object or a connection URL',
        },
      ])
    }
  })
})

describe('parseRedshiftConfig: all issues at once', () => {
  it('reports every bad field in one error, in the message too', () => {
    let error: unknown
    try {
      parseRedshiftConfig({
        port: 0,
        pool: { min: 3, max: 1, acquireTimeoutMs: -5 },
        fetchSize: 1,
        tls: { mode: 'verify-full', ca: 'garbage' },
        session: { queryGroup: 'x'.repeat(400) },
        types: { int8: 'number' },
        oops: true,
      } as unknown as RedshiftConfigInput)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(RedshiftConfigError)
    const { issues, message } = error as RedshiftConfigError
    const paths = issues.map((i) => i.path).sort()
    expect(paths).toEqual(
      [
        'fetchSize',
        'host',
        'oops',
        'pool.acquireTimeoutMs',
        'pool.min',
        'port',
        'session.queryGroup',
        'tls.ca',
        'types.int8',
        'user',
      ].sort(),
    )
    expect(message).toMatch(/^Invalid Redshift configuration \(10 issues\):/)
    for (const path of paths) expect(message).toContain(`  - ${path}: `)
  })
})

describe('parseRedshiftConfig: defaults', () => {
  it('fills every default for a remote host', () => {
    const config = parseRedshiftConfig(BASE)
    const { password, ...rest } = config
    expect(typeof password).toBe('function')
    expect(rest).toEqual({
      host: 'cluster.example.com',
      port: 5439,
      database: 'dev',
      user: 'app',
      tls: { mode: 'verify-full' },
      pool: {
        min: 0,
        max: 10,
        acquireTimeoutMs: 30_000,
        idleTimeoutMs: 600_000,
        maxLifetimeMs: 3_600_000,
        connectTimeoutMs: 10_000,
        evictionIntervalMs: 10_000,
      },
      session: {},
      fetchSize: 1000,
      retry: {
        enabled: true,
        maxAttempts: 3,
        initialDelayMs: 100,
        maxDelayMs: 5000,
        maxElapsedMs: 30_000,
      },
      circuitBreaker: {
        enabled: false,
        failureThreshold: 5,
        halfOpenAfterMs: 30_000,
      },
      queryTimeoutMs: 0,
      cancelTimeoutMs: 2000,
      telemetry: { enabled: true },
      types: { int8: 'bigint', numeric: 'string' },
    })
  })

  it('takes a config it made as it is, IAM settings included', () => {
    const config = parseRedshiftConfig({
      host: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
      iam: { dbUser: 'etl' },
    })
    expect(parseRedshiftConfig(config)).toBe(config)
    const withPassword = parseRedshiftConfig({
      host: 'h.example.com',
      user: 'u',
      password: 'pw-secret-1',
    })
    expect(parseRedshiftConfig(withPassword)).toBe(withPassword)
  })

  it('reads IAM settings, keeps fixed AWS keys out of the printed config, and refuses a password next to them', () => {
    const config = parseRedshiftConfig({
      host: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
      iam: {
        dbUser: 'etl',
        dbGroups: ['loaders'],
        credentials: {
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: 'wJalrXUtnFEMIK7MDENG',
        },
      },
    })
    expect(config.user).toBe('')
    expect(config.iam).toMatchObject({
      dbUser: 'etl',
      dbGroups: ['loaders'],
      autoCreate: false,
      withIam: false,
      refreshSkewMs: 60_000,
    })
    expect(typeof config.iam?.credentials).toBe('function')
    expect(inspect(config, { depth: 10 })).not.toContain('wJalrXUtnFEMIK7MDENG')
    expect(
      parseRedshiftConfig({ host: 'h.example.com', iam: true }).iam,
    ).toEqual({
      autoCreate: false,
      withIam: false,
      refreshSkewMs: 60_000,
    })
    expect(() =>
      parseRedshiftConfig({
        host: 'h.example.com',
        password: 'pw-secret',
        iam: true,
      }),
    ).toThrow(/password: must not be set with iam/)
    expect(() =>
      parseRedshiftConfig({
        host: 'h.example.com',
        user: 'u',
        iam: { durationSeconds: 60 },
      }),
    ).toThrow(/iam\.durationSeconds/)
  })

  it.each([
    ['localhost', 'disable'],
    ['LOCALHOST', 'disable'],
    ['127.0.0.1', 'disable'],
    ['127.8.9.10', 'disable'],
    ['::1', 'disable'],
    ['[::1]', 'disable'],
    ['128.0.0.1', 'verify-full'],
    ['10.0.0.5', 'verify-full'],
    ['localhost.example.com', 'verify-full'],
    ['cluster.abc.eu-west-1.redshift.amazonaws.com', 'verify-full'],
  ])('TLS default for %s is %s', (host, mode) => {
    expect(parseRedshiftConfig({ host, user: 'u' }).tls.mode).toBe(mode)
    expect(isLoopbackHost(host)).toBe(mode === 'disable')
  })

  it('keeps explicit values and the tls shorthand', () => {
    const config = parseRedshiftConfig({
      ...BASE,
      port: 5440,
      database: 'analytics',
      tls: 'require',
      applicationName: 'reports',
      pool: { min: 2, max: 2 },
      session: {
        statementTimeoutMs: 0,
        queryGroup: 'etl',
        searchPath: ['sales', 'public'],
      },
      fetchSize: 2,
      types: { int8: 'string', numeric: 'number' },
    })
    expect(config).toMatchObject({
      port: 5440,
      database: 'analytics',
      tls: { mode: 'require' },
      applicationName: 'reports',
      pool: { min: 2, max: 2 },
      session: {
        statementTimeoutMs: 0,
        queryGroup: 'etl',
        searchPath: ['sales', 'public'],
      },
      fetchSize: 2,
      types: { int8: 'string', numeric: 'number' },
    })
  })

  it('is deeply frozen, and copies a Buffer ca', () => {
    const ca = Buffer.from(PEM)
    const config = parseRedshiftConfig({
      ...BASE,
      tls: { ca },
      session: { searchPath: ['a'] },
    })
    for (const part of [
      config,
      config.tls,
      config.pool,
      config.session,
      config.session.searchPath,
      config.retry,
      config.circuitBreaker,
      config.types,
    ]) {
      expect(Object.isFrozen(part)).toBe(true)
    }
    ca.fill(0)
    expect(config.tls.ca?.toString()).toBe(PEM)
  })
})

describe('parseRedshiftConfig: the password', () => {
  const SECRET = 'hunter2-Very$ecret'

  it('is only reachable through the provider', async () => {
    const config = parseRedshiftConfig({ ...BASE, password: SECRET })
    expect(await config.password()).toBe(SECRET)
    expect(JSON.stringify(config)).not.toContain(SECRET)
    expect(
      inspect(config, { depth: Infinity, showHidden: true }),
    ).not.toContain(SECRET)
    expect(await parseRedshiftConfig(BASE).password()).toBeUndefined()
  })

  it('keeps a provider, and checks what it returns', async () => {
    let calls = 0
    const config = parseRedshiftConfig({
      ...BASE,
      password: async () => `token-${++calls}`,
    })
    expect(await config.password()).toBe('token-1')
    expect(await config.password()).toBe('token-2')
    const bad = parseRedshiftConfig({
      ...BASE,
      password: (async () => 42) as unknown as () => Promise<string>,
    })
    await expect(bad.password()).rejects.toBeInstanceOf(RedshiftConfigError)
  })

  it.each([
    [
      'other fields invalid',
      { ...BASE, password: SECRET, port: -1, hots: SECRET },
    ],
    ['the password itself invalid', { ...BASE, password: [SECRET] }],
    [
      'host set to the password by mistake',
      { user: 'u', host: `${SECRET}/x`, password: SECRET },
    ],
    [
      'a URL with the password that is invalid',
      { url: `redshift://u:${SECRET}@h:99999999/db` },
    ],
    [
      'a URL with the password and a bad parameter',
      {
        url: `redshift://u:${encodeURIComponent(SECRET)}@h/db?sslmode=${encodeURIComponent(SECRET)}`,
      },
    ],
    [
      'a URL password param',
      {
        url: `redshift://h/db?user=u&password=${encodeURIComponent(SECRET)}&x=1`,
      },
    ],
  ])('never appears in the error: %s', (_name, input) => {
    let error: unknown
    try {
      parseRedshiftConfig(input as RedshiftConfigInput)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(RedshiftConfigError)
    const e = error as RedshiftConfigError
    for (const text of [
      e.message,
      e.stack ?? '',
      JSON.stringify(e),
      JSON.stringify(e.issues),
      inspect(e, { depth: Infinity, showHidden: true }),
    ]) {
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(encodeURIComponent(SECRET))
    }
  })
})
