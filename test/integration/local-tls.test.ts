// Every TLS mode against a real handshake with the emulator's --tls: its
// self-signed certificate (made with node:crypto at start), or one given.
import { X509Certificate } from 'node:crypto'

import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { createRedshift } from '../../src/client.js'
import type { RedshiftConfigInput } from '../../src/config/redshift-config-input.js'
import { TlsError } from '../../src/errors/index.js'
import { selfSignedCertificate } from '../../src/local/server/self-signed-certificate.js'
import {
  errorOf,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

let open: OwnEmulator
let strict: OwnEmulator
let given: OwnEmulator
const givenPair = selfSignedCertificate(['given.test'])

beforeAll(async () => {
  ;[open, strict, given] = await Promise.all([
    startOwnEmulator('tls_open', {
      tls: true,
      tlsHostNames: ['redshift.test'],
    }),
    startOwnEmulator('tls_strict', { tls: true, requireSsl: true }),
    startOwnEmulator('tls_given', { tls: givenPair }),
  ])
})
afterAll(() => Promise.all([open, strict, given].map((e) => e?.stop())))

function input(
  own: OwnEmulator,
  tls: RedshiftConfigInput['tls'],
): RedshiftConfigInput {
  return {
    host: '127.0.0.1',
    port: own.local.port,
    database: own.db.name,
    user: 'awsuser',
    pool: { connectTimeoutMs: 5000 },
    tls,
  }
}

/**
 * Runs one query through the SDK. With any mode but `disable`, pg sends an
 * SSLRequest and gives up unless the server answers 'S', so a query that
 * runs went over TLS.
 */
async function queries(own: OwnEmulator, tls: RedshiftConfigInput['tls']) {
  const db = createRedshift<object>(input(own, tls))
  try {
    const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db)
    return rows
  } finally {
    await db.close()
  }
}

async function failure(own: OwnEmulator, tls: RedshiftConfigInput['tls']) {
  const db = createRedshift<object>(input(own, tls))
  try {
    return await errorOf(sql`select 1`.execute(db))
  } finally {
    await db.close()
  }
}

describe('the emulator with tls: true', () => {
  it('makes a certificate for localhost, 127.0.0.1, ::1 and the names given', () => {
    const cert = new X509Certificate(open.local.tls!.ca)
    expect(cert.subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:redshift.test',
    )
    expect(cert.verify(cert.publicKey)).toBe(true)
    expect(Date.parse(cert.validTo)).toBeGreaterThan(
      Date.now() + 300 * 86_400_000,
    )
  })

  it('upgrades the connection when asked (a pg client sees a TLS socket)', async () => {
    const client = new pg.Client({
      host: '127.0.0.1',
      port: open.local.port,
      database: open.db.name,
      user: 'awsuser',
      ssl: { ca: open.local.tls!.ca, servername: 'localhost' },
    })
    await client.connect()
    try {
      const stream = (
        client as unknown as {
          connection: { stream: { encrypted?: boolean; authorized?: boolean } }
        }
      ).connection.stream
      expect(stream.encrypted).toBe(true)
      expect(stream.authorized).toBe(true)
      expect((await client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }])
    } finally {
      await client.end()
    }
  })

  it('verify-full passes with its CA, for the IP and for a DNS name it carries', async () => {
    const ca = open.local.tls!.ca
    expect(await queries(open, { mode: 'verify-full', ca })).toEqual([
      { ok: 1 },
    ])
    expect(
      await queries(open, {
        mode: 'verify-full',
        ca,
        servername: 'redshift.test',
      }),
    ).toEqual([{ ok: 1 }])
  })

  it("verify-full fails with a wrong CA, with Node's roots alone, and for a wrong host name", async () => {
    const wrongCa = selfSignedCertificate().cert
    for (const tls of [
      { mode: 'verify-full', ca: wrongCa },
      { mode: 'verify-full' },
      { mode: 'verify-ca', ca: wrongCa },
    ] as const) {
      const error = await failure(open, tls)
      expect(error).toBeInstanceOf(TlsError)
      expect(error).toMatchObject({
        isRetryable: false,
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        message:
          "TLS verification failed (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate): trust the server's CA with tls.ca, or check tls.servername / the host name",
      })
    }
    const wrongName = await failure(open, {
      mode: 'verify-full',
      ca: open.local.tls!.ca,
      servername: 'other.example.com',
    })
    expect(wrongName).toBeInstanceOf(TlsError)
    expect(wrongName.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID')
    expect(wrongName.message).toContain(
      "Host: other.example.com. is not in the cert's altnames: DNS:localhost",
    )
  })

  it('verify-ca checks the chain but not the name', async () => {
    expect(
      await queries(open, {
        mode: 'verify-ca',
        ca: open.local.tls!.ca,
        servername: 'other.example.com',
      }),
    ).toEqual([{ ok: 1 }])
  })

  it('require passes without verification, warning once for the client', async () => {
    const warnings: Error[] = []
    const listener = (warning: Error) => warnings.push(warning)
    process.on('warning', listener)
    const warn = vi.spyOn(process, 'emitWarning')
    try {
      const db = createRedshift<object>({
        ...input(open, 'require'),
        pool: { min: 0, max: 3 },
      })
      try {
        await Promise.all(
          [1, 2, 3].map(() =>
            db.connection().execute(async (c) => {
              await sql`select 1`.execute(c)
              // Held a while, so three connections are open at once.
              await new Promise((resolve) => setTimeout(resolve, 50))
            }),
          ),
        )
      } finally {
        await db.close()
      }
      const ours = warn.mock.calls.filter(
        ([, options]) =>
          (options as { code?: string } | undefined)?.code ===
          'KYSELY_REDSHIFT_TLS_UNVERIFIED',
      )
      expect(ours).toHaveLength(1)
    } finally {
      warn.mockRestore()
      process.off('warning', listener)
    }
  })

  it('disable still connects: like Redshift, plain connections are accepted unless require_ssl', async () => {
    const db = createRedshift<object>(input(open, 'disable'))
    try {
      expect(
        (await sql<{ ok: number }>`select 1 as ok`.execute(db)).rows,
      ).toEqual([{ ok: 1 }])
    } finally {
      await db.close()
    }
  })
})

describe('the emulator with requireSsl', () => {
  it('refuses a plain connection with a clear error, and takes an encrypted one', async () => {
    const error = await failure(strict, 'disable')
    expect(error).toMatchObject({
      name: 'AuthenticationFailedError',
      code: '28000',
    })
    expect(error.message).toMatch(
      /^no pg_hba\.conf entry for host "127\.0\.0\.1", user "awsuser", database "[^"]+", SSL off$/,
    )
    expect(
      await queries(strict, {
        mode: 'verify-full',
        ca: strict.local.tls!.ca,
      }),
    ).toEqual([{ ok: 1 }])
  })
})

describe('the emulator with a certificate given', () => {
  it('serves that certificate', async () => {
    expect(given.local.tls!.ca).toBe(givenPair.cert)
    expect(
      await queries(given, {
        mode: 'verify-full',
        ca: givenPair.cert,
        servername: 'given.test',
      }),
    ).toEqual([{ ok: 1 }])
    const error = await failure(given, {
      mode: 'verify-full',
      ca: open.local.tls!.ca,
    })
    expect(error.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
  })
})
