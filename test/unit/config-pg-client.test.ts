import net from 'node:net'
import { rootCertificates } from 'node:tls'
import { inspect } from 'node:util'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { staticLogin } from '../../src/auth/index.js'
import {
  parseRedshiftConfig,
  toPgClientConfig,
} from '../../src/config/index.js'
import { createTypeParsers } from '../../src/types/index.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'

const NO_LOGIN = { user: 'app', password: undefined }

const PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIBszCCAVmgAwIBAgIUQ2h1bmt5IHRlc3QgY2VydGlmaWNhdGUwCgYIKoZIzj0E',
  '-----END CERTIFICATE-----',
].join('\n')
const types = createTypeParsers()
const remote = { host: 'cluster.example.com', user: 'app' } as const

describe('toPgClientConfig', () => {
  it('maps each TLS mode', () => {
    const ssl = (tls: Parameters<typeof parseRedshiftConfig>[0]) =>
      toPgClientConfig(parseRedshiftConfig(tls as never), NO_LOGIN, types).ssl
    expect(ssl({ ...remote, tls: 'disable' })).toBe(false)
    expect(ssl({ ...remote, tls: 'require' })).toEqual({
      rejectUnauthorized: false,
    })
    // The CA is trusted next to Node's roots (Amazon's among them), not instead.
    const withRoots = [...rootCertificates, PEM]
    const verifyCa = ssl({ ...remote, tls: { mode: 'verify-ca', ca: PEM } })
    expect(verifyCa).toMatchObject({ rejectUnauthorized: true, ca: withRoots })
    expect(
      (
        verifyCa as { checkServerIdentity: () => unknown }
      ).checkServerIdentity(),
    ).toBeUndefined()
    expect(ssl({ ...remote, tls: { mode: 'verify-full', ca: PEM } })).toEqual({
      rejectUnauthorized: true,
      ca: withRoots,
      servername: 'cluster.example.com',
    })
    expect(
      ssl({
        ...remote,
        tls: { mode: 'verify-full', servername: 'alias.example.com' },
      }),
    ).toEqual({ rejectUnauthorized: true, servername: 'alias.example.com' })
    // No SNI for an IP address; pg checks the certificate against the IP.
    expect(ssl({ host: '10.1.2.3', user: 'u' })).toEqual({
      rejectUnauthorized: true,
    })
  })

  it('warns about require once per config, never about the verifying modes', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {})
    try {
      const unverified = parseRedshiftConfig({ ...remote, tls: 'require' })
      for (let i = 0; i < 3; i++) toPgClientConfig(unverified, NO_LOGIN, types)
      for (const mode of ['disable', 'verify-ca', 'verify-full'] as const) {
        toPgClientConfig(
          parseRedshiftConfig({ ...remote, tls: { mode, ca: PEM } }),
          NO_LOGIN,
          types,
        )
      }
      expect(warn.mock.calls).toEqual([
        [
          "TLS mode 'require' encrypts the connection to cluster.example.com but does not verify the server's certificate, so anyone on the network path can pose as the server. Use 'verify-full' (with tls.ca for a private CA).",
          { code: 'KYSELY_REDSHIFT_TLS_UNVERIFIED' },
        ],
      ])
      toPgClientConfig(
        parseRedshiftConfig({ ...remote, tls: 'require' }),
        NO_LOGIN,
        types,
      )
      expect(warn).toHaveBeenCalledTimes(2)
    } finally {
      warn.mockRestore()
    }
  })

  it('maps the connection fields and hides the password', () => {
    const config = parseRedshiftConfig({
      ...remote,
      port: 5440,
      database: 'analytics',
      applicationName: 'reports',
      pool: { connectTimeoutMs: 1234 },
    })
    const pgConfig = toPgClientConfig(
      config,
      { user: config.user, password: 'Pa55-word' },
      types,
    )
    expect(pgConfig).toMatchObject({
      host: 'cluster.example.com',
      port: 5440,
      database: 'analytics',
      user: 'app',
      application_name: 'reports',
      connectionTimeoutMillis: 1234,
      keepAlive: true,
    })
    expect(pgConfig.types).toBe(types)
    expect(pgConfig.password).toBe('Pa55-word')
    expect(JSON.stringify(pgConfig)).not.toContain('Pa55-word')
    expect(inspect(pgConfig, { depth: Infinity })).not.toContain('Pa55-word')
  })
})

describe('toPgClientConfig against the real server', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase('config')
  })
  afterAll(async () => {
    await db.drop()
  })

  it('connects with a config parsed from the test URL', async () => {
    const config = parseRedshiftConfig({
      url: db.url,
      applicationName: 'config-test',
    })
    expect(config.tls.mode).toBe('disable')
    const client = new pg.Client(
      toPgClientConfig(
        config,
        await staticLogin(config).login(),
        createTypeParsers(config.types),
      ),
    )
    await client.connect()
    try {
      const { rows } = await client.query(
        `select current_database() as db, current_setting('application_name') as app, 9007199254740993::int8 as big`,
      )
      expect(rows[0]).toEqual({
        db: db.name,
        app: 'config-test',
        big: 9007199254740993n,
      })
    } finally {
      await client.end()
    }
  })

  it('asks for TLS in require mode (this server has none)', async () => {
    const config = parseRedshiftConfig({ url: db.url, tls: 'require' })
    const client = new pg.Client(
      toPgClientConfig(config, await staticLogin(config).login(), types),
    )
    await expect(client.connect()).rejects.toThrow(
      'The server does not support SSL connections',
    )
  })

  it('gives up connecting after connectTimeoutMs', async () => {
    // A server that accepts the socket and never answers the startup.
    const sockets: net.Socket[] = []
    const silent = net.createServer((socket) => sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as net.AddressInfo
    try {
      const config = parseRedshiftConfig({
        host: '127.0.0.1',
        port,
        user: 'u',
        pool: { connectTimeoutMs: 150 },
      })
      const client = new pg.Client(
        toPgClientConfig(
          config,
          { user: config.user, password: undefined },
          types,
        ),
      )
      const started = performance.now()
      await expect(client.connect()).rejects.toThrow(/timeout/)
      const elapsed = performance.now() - started
      expect(elapsed).toBeGreaterThanOrEqual(140)
      expect(elapsed).toBeLessThan(2000)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })
})
