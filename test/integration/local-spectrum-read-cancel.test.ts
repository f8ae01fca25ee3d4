import { createServer, request, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { S3EndpointStorage } from '../../src/local/storage/s3-endpoint-storage.js'
import {
  connect,
  errorOf,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'
import { startS3Server, type S3TestServer } from './s3-test-server.js'

// A statement reading an external table stops when it is cancelled or its
// statement_timeout passes, while the files are still being read
// (r_CANCEL.html, r_statement_timeout.html). The emulator's S3 sits behind
// a proxy that holds every GET of an object under s3://bucket/slow/ until
// the test ends, so the read is under way, and stays so, when the cancel comes.

const CANCELLED = /^Query \(-?\d+\) cancelled on user's request$/

/** A proxy to `target` that never answers a GET of an object under `/bucket/slow/`. */
async function holdingProxy(target: string) {
  const held: ServerResponse[] = []
  let waiting: (() => void)[] = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy')
    if (
      req.method === 'GET' &&
      url.pathname.startsWith('/bucket/slow/') &&
      !url.searchParams.has('list-type')
    ) {
      held.push(res)
      for (const wake of waiting) wake()
      waiting = []
      return
    }
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 500, answer.headers)
        answer.pipe(res)
      },
    )
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Resolves once `count` GETs are held. */
    held: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () =>
          held.length >= count ? resolve() : waiting.push(check)
        check()
      }),
    stop: async () => {
      for (const res of held) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

describe('cancelling a read of external tables', () => {
  let s3: S3TestServer
  let proxy: Awaited<ReturnType<typeof holdingProxy>>
  let emulator: OwnEmulator
  let client: pg.Client
  let canceller: pg.Client
  const saved = {
    id: process.env.AWS_ACCESS_KEY_ID,
    secret: process.env.AWS_SECRET_ACCESS_KEY,
  }

  beforeAll(async () => {
    s3 = await startS3Server()
    s3.createBucket('bucket')
    const storage = new S3EndpointStorage({
      endpoint: s3.endpoint,
      credentials: {
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
      },
    })
    await storage.write(
      { bucket: 'bucket', key: 'slow/part-0.txt' },
      Buffer.from('1\n2\n'),
    )
    await storage.write(
      { bucket: 'bucket', key: 'fast/part-0.txt' },
      Buffer.from('3\n'),
    )
    proxy = await holdingProxy(s3.endpoint)
    // Spectrum reads carry no keys: the emulator signs with its environment's.
    process.env.AWS_ACCESS_KEY_ID = s3.accessKeyId
    process.env.AWS_SECRET_ACCESS_KEY = s3.secretAccessKey
    emulator = await startOwnEmulator('spectrum_cancel', {
      s3Endpoint: proxy.endpoint,
    })
    client = await connect(emulator.local.url)
    canceller = await connect(emulator.local.url)
    await client.query(
      "create external schema sc from data catalog database 'scdb' iam_role default create external database if not exists",
    )
    await client.query(
      "create external table sc.slow (id int) row format delimited stored as textfile location 's3://bucket/slow/'",
    )
    await client.query(
      "create external table sc.fast (id int) row format delimited stored as textfile location 's3://bucket/fast/'",
    )
    await client.query(
      'create view sc_slow_v as select id from sc.slow with no schema binding',
    )
  })

  afterAll(async () => {
    await client?.end()
    await canceller?.end()
    await emulator?.stop()
    await proxy?.stop()
    await s3?.stop()
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID
    else process.env.AWS_ACCESS_KEY_ID = saved.id
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY
    else process.env.AWS_SECRET_ACCESS_KEY = saved.secret
  })

  it('reads a table whose files are not held', async () => {
    const { rows } = await client.query('select id from sc.fast')
    expect(rows).toEqual([{ id: 3 }])
  })

  it('CANCEL stops a query while its files are read, and the session goes on', async () => {
    const pid = (await client.query('select pg_backend_pid() as pid')).rows[0]
      .pid as number
    const reading = errorOf(client.query('select count(*) from sc.slow'))
    await proxy.held(1)
    await canceller.query(`cancel ${pid}`)
    const error = await reading
    expect(error.code).toBe('57014')
    expect(error.message).toMatch(CANCELLED)
    expect((await client.query('select id from sc.fast')).rows).toEqual([
      { id: 3 },
    ])
  })

  it('statement_timeout stops a read through a view, in the extended protocol too', async () => {
    await client.query('set statement_timeout to 300')
    try {
      const simple = await errorOf(
        client.query('select count(*) from sc_slow_v'),
      )
      expect(simple.code).toBe('57014')
      const bound = await errorOf(
        client.query('select id from sc.slow where id = $1', [1]),
      )
      expect(bound.code).toBe('57014')
    } finally {
      await client.query('reset statement_timeout')
    }
    expect((await client.query('select id from sc.fast')).rows).toEqual([
      { id: 3 },
    ])
  })
})
