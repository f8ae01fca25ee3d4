import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  configFromEnv,
  parseConnectionUrl,
  parseRedshiftConfig,
} from '../../src/config/index.js'
import { RedshiftConfigError } from '../../src/errors/index.js'

const PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIBszCCAVmgAwIBAgIUQ2h1bmt5IHRlc3QgY2VydGlmaWNhdGUwCgYIKoZIzj0E',
  '-----END CERTIFICATE-----',
  '',
].join('\n')

let dir: string
let caFile: string
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'config-test-'))
  caFile = path.join(dir, 'ca.pem')
  writeFileSync(caFile, PEM)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function issuePaths(run: () => unknown): string[] {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(RedshiftConfigError)
    return (error as RedshiftConfigError).issues.map((i) => i.path)
  }
  throw new Error('expected a RedshiftConfigError')
}

describe('parseConnectionUrl', () => {
  it('reads every part of a redshift:// URL, percent-decoded', () => {
    expect(
      parseConnectionUrl(
        'redshift://app%3Auser:s%40cr%2Fet@cluster.example.com:5440/my%20db' +
          '?sslmode=verify-full&query_group=etl%20jobs&statement_timeout=60000' +
          '&application_name=a+b%26c&search_path=sales,public&connect_timeout=5',
      ),
    ).toEqual({
      host: 'cluster.example.com',
      port: 5440,
      database: 'my db',
      user: 'app:user',
      password: 's@cr/et',
      applicationName: 'a+b&c',
      pool: { connectTimeoutMs: 5000 },
      tls: { mode: 'verify-full' },
      session: {
        queryGroup: 'etl jobs',
        statementTimeoutMs: 60000,
        searchPath: ['sales', 'public'],
      },
    })
  })

  it.each(['postgres', 'postgresql', 'redshift', 'REDSHIFT'])(
    'accepts %s://',
    (scheme) => {
      expect(parseConnectionUrl(`${scheme}://u@h/d`)).toEqual({
        host: 'h',
        database: 'd',
        user: 'u',
      })
    },
  )

  it('reads IPv6 hosts and leaves absent parts out', () => {
    expect(parseConnectionUrl('postgres://[::1]:5439')).toEqual({
      host: '::1',
      port: 5439,
    })
    expect(parseConnectionUrl('postgres:///dev')).toEqual({ database: 'dev' })
  })

  it.each([
    ['disable', 'disable'],
    ['allow', 'disable'],
    ['prefer', 'require'],
    ['require', 'require'],
    ['verify-ca', 'verify-ca'],
    ['verify-full', 'verify-full'],
  ])('sslmode=%s -> %s', (sslmode, mode) => {
    expect(parseConnectionUrl(`redshift://h/d?sslmode=${sslmode}`).tls).toEqual(
      {
        mode,
      },
    )
  })

  it('reads ssl=true/false, sslrootcert and libpq parameters', () => {
    expect(parseConnectionUrl('redshift://h/d?ssl=true').tls).toEqual({
      mode: 'verify-full',
    })
    expect(parseConnectionUrl('redshift://h/d?ssl=0').tls).toEqual({
      mode: 'disable',
    })
    expect(
      parseConnectionUrl(
        `redshift:///?host=h2&port=5441&dbname=x&user=u&password=p%20w&sslrootcert=${encodeURIComponent(caFile)}`,
      ),
    ).toEqual({
      host: 'h2',
      port: 5441,
      database: 'x',
      user: 'u',
      password: 'p w',
      tls: { ca: PEM },
    })
  })

  it('reports every bad part at once, without quoting the URL', () => {
    const url =
      'redshift://u:pw@h/a/b?sslmode=maybe&statement_timeout=1s&connect_timeout=0&sslrootcert=/nonexistent&nope=1&port=x'
    expect(issuePaths(() => parseConnectionUrl(url))).toEqual([
      'url.database',
      'url.sslmode',
      'url.statement_timeout',
      'url.connect_timeout',
      'url.sslrootcert',
      'url.nope',
      'url.port',
    ])
    expect(issuePaths(() => parseConnectionUrl('redshift://h/%zz'))).toEqual([
      'url.database',
    ])
    expect(issuePaths(() => parseConnectionUrl('::nonsense::'))).toEqual([
      'url',
    ])
    expect(
      issuePaths(() => parseConnectionUrl('redshift://h/d?constructor=x')),
    ).toEqual(['url.constructor'])
    expect(
      issuePaths(() =>
        parseConnectionUrl('redshift://h/d?sslmode=constructor'),
      ),
    ).toEqual(['url.sslmode'])
  })
})

describe('parseRedshiftConfig with URLs', () => {
  it('reads a string as a URL and applies defaults', async () => {
    const config = parseRedshiftConfig(
      'postgresql://app:pw@warehouse.internal/analytics',
    )
    expect(config).toMatchObject({
      host: 'warehouse.internal',
      port: 5439,
      database: 'analytics',
      user: 'app',
      tls: { mode: 'verify-full' },
    })
    expect(await config.password()).toBe('pw')
  })

  it('lets explicit fields override the URL, section by section', () => {
    const config = parseRedshiftConfig({
      url: 'redshift://app@h/dev?sslmode=require&query_group=etl&statement_timeout=1000',
      tls: 'verify-full',
      session: { statementTimeoutMs: 5000 },
      database: 'other',
    })
    expect(config.tls.mode).toBe('verify-full')
    expect(config.session).toEqual({
      queryGroup: 'etl',
      statementTimeoutMs: 5000,
    })
    expect(config.database).toBe('other')
  })

  it('validates what came from the URL like any other field', () => {
    expect(
      issuePaths(() =>
        parseRedshiftConfig(`redshift://u@h/d?query_group=${'q'.repeat(321)}`),
      ),
    ).toEqual(['session.queryGroup'])
    expect(
      issuePaths(() =>
        parseRedshiftConfig(
          'redshift://h/d?sslmode=verify-ca&sslrootcert=' +
            encodeURIComponent(path.join(dir, 'missing')),
        ),
      ),
    ).toEqual(['url.sslrootcert', 'user'])
  })
})

describe('configFromEnv', () => {
  it('reads REDSHIFT_URL, and REDSHIFT_* fields override it', () => {
    expect(
      configFromEnv({
        REDSHIFT_URL:
          'redshift://urluser:urlpw@urlhost:5440/urldb?query_group=g',
        REDSHIFT_USER: 'envuser',
        REDSHIFT_PASSWORD: 'envpw',
        PGHOST: 'ignored',
        PGUSER: 'ignored',
      }),
    ).toEqual({
      host: 'urlhost',
      port: 5440,
      database: 'urldb',
      user: 'envuser',
      password: 'envpw',
      session: { queryGroup: 'g' },
    })
  })

  it('falls back to the PG* variables', () => {
    expect(
      configFromEnv({
        PGHOST: 'pghost',
        PGPORT: '5441',
        PGDATABASE: 'pgdb',
        PGUSER: 'pguser',
        PGPASSWORD: 'pgpw',
        PGSSLMODE: 'verify-ca',
        PGAPPNAME: 'pgapp',
        PGSSLROOTCERT: caFile,
      }),
    ).toEqual({
      host: 'pghost',
      port: 5441,
      database: 'pgdb',
      user: 'pguser',
      password: 'pgpw',
      applicationName: 'pgapp',
      tls: { mode: 'verify-ca', ca: PEM },
    })
  })

  it('prefers REDSHIFT_* over PG*, ignores empty values and DATABASE_URL', () => {
    expect(
      configFromEnv({
        REDSHIFT_HOST: 'rshost',
        REDSHIFT_PORT: '5442',
        REDSHIFT_DATABASE: 'rsdb',
        PGHOST: 'pghost',
        PGPORT: '5432',
        PGDATABASE: 'pgdb',
        PGUSER: '',
        DATABASE_URL: 'postgres://other:pw@elsewhere/app',
      }),
    ).toEqual({ host: 'rshost', port: 5442, database: 'rsdb' })
    expect(configFromEnv({})).toEqual({})
  })

  it('feeds parseRedshiftConfig', () => {
    const config = parseRedshiftConfig({
      ...configFromEnv({ PGHOST: '127.0.0.1', PGUSER: 'u', PGPORT: '6000' }),
      pool: { max: 2 },
    })
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 6000,
      tls: { mode: 'disable' },
    })
  })

  it('reports every bad variable by name, never its secret', () => {
    let error: RedshiftConfigError | undefined
    try {
      configFromEnv({
        REDSHIFT_URL: 'redshift://u:TopSecret1@h/d?sslmode=nope',
        REDSHIFT_PORT: 'abc',
        PGSSLMODE: 'sometimes',
        PGSSLROOTCERT: path.join(dir, 'missing.pem'),
        PGPASSWORD: 'TopSecret2',
      })
    } catch (e) {
      error = e as RedshiftConfigError
    }
    expect(error).toBeInstanceOf(RedshiftConfigError)
    expect(error?.issues.map((i) => i.path)).toEqual([
      'env.REDSHIFT_URL.sslmode',
      'env.REDSHIFT_PORT',
      'env.PGSSLMODE',
      'env.PGSSLROOTCERT',
    ])
    expect(JSON.stringify(error?.issues) + error?.message).not.toMatch(
      /TopSecret/,
    )
  })
})
