import net from 'node:net'

import pg from 'pg'
import Cursor from 'pg-cursor'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import {
  connect,
  emulatorUrl,
  errorOf,
  eventually,
  psqlAvailable,
  runPsql,
} from './local-test-helpers.js'

/** Sends a raw CancelRequest (what drivers send on a connection of its own). */
function sendCancelRequest(
  url: string,
  pid: number,
  secret: number,
): Promise<void> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      const packet = Buffer.alloc(16)
      packet.writeInt32BE(16, 0)
      packet.writeInt32BE(80877102, 4)
      packet.writeInt32BE(pid, 8)
      packet.writeInt32BE(secret, 12)
      socket.end(packet)
    })
    socket.on('close', () => resolve())
    socket.on('error', reject)
  })
}

/** The server_version ParameterStatus a new connection receives. */
async function serverVersionOf(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url })
  let version: string | undefined
  const connection = (client as unknown as { connection: NodeJS.EventEmitter })
    .connection
  connection.on(
    'parameterStatus',
    (msg: { parameterName: string; parameterValue: string }) => {
      if (msg.parameterName === 'server_version') version = msg.parameterValue
    },
  )
  await client.connect()
  await client.end()
  return version
}

/** Waits until PostgreSQL shows `pid` waiting on a lock. */
async function waitForLock(pid: number): Promise<void> {
  const admin = await connect(inject('databaseUrl'))
  try {
    await eventually(async () => {
      const { rows } = await admin.query(
        "select 1 from pg_stat_activity where pid = $1 and wait_event_type = 'Lock'",
        [pid],
      )
      return rows.length > 0
    })
  } finally {
    await admin.end()
  }
}

describe('local emulator: wire protocol', () => {
  let db: TestDatabase
  let url: string
  beforeAll(async () => {
    db = await createTestDatabase('local_protocol')
    url = emulatorUrl(db.name)
  })
  afterAll(async () => {
    await db.drop()
  })

  it('reports server_version 8.0.2 and a Redshift version() string', async () => {
    const client = await connect(url)
    try {
      expect(await serverVersionOf(url)).toBe('8.0.2')
      const { rows } = await client.query('select version()')
      expect(rows[0].version).toMatch(
        /^PostgreSQL 8\.0\.2 on i686-pc-linux-gnu, compiled by GCC gcc \(GCC\) 3\.4\.2 20041017 \(Red Hat 3\.4\.2-6\.fc3\), Redshift 1\.0\.\d+$/,
      )
    } finally {
      await client.end()
    }
  })

  it('runs simple and extended queries and exposes the backend pid', async () => {
    const client = await connect(url)
    try {
      const simple = await client.query('select 1 as one; select 2 as two')
      expect(
        (simple as unknown as { rows: unknown[] }[]).map((r) => r.rows),
      ).toEqual([[{ one: 1 }], [{ two: 2 }]])
      const extended = await client.query(
        'select $1::int + $2::int as sum, $3::text as t',
        [40, 2, 'x'],
      )
      expect(extended.rows).toEqual([{ sum: 42, t: 'x' }])
      // The session runs as the user the client logged in as.
      const who = await client.query('select current_user as name')
      expect(who.rows).toEqual([{ name: new URL(url).username }])
      const { rows } = await client.query('select pg_backend_pid() as pid')
      expect(rows[0].pid).toBe(
        (client as unknown as { processID: number }).processID,
      )
    } finally {
      await client.end()
    }
  })

  it('keeps several extended queries in flight on one connection (pipelining)', async () => {
    const client = await connect(url, { pipeline: true } as never)
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          client.query('select $1::int * 2 as v', [i]),
        ),
      )
      expect(results.map((r) => r.rows[0].v)).toEqual(
        Array.from({ length: 20 }, (_, i) => i * 2),
      )
      // An error in the middle of the pipeline fails only its own query.
      const mixed = await Promise.allSettled([
        client.query('select $1::int as a', [1]),
        client.query('insert into nowhere values ($1)', [1]),
        client.query('select $1::int as b', [2]),
      ])
      expect(mixed[0].status).toBe('fulfilled')
      expect(mixed[1].status).toBe('rejected')
      expect(mixed[2].status).toBe('fulfilled')
    } finally {
      await client.end()
    }
  })

  it('reads a named portal in batches (pg-cursor)', async () => {
    const client = await connect(url)
    try {
      await client.query('begin')
      const cursor = client.query(
        new Cursor('select g from generate_series(1, 10) as g'),
      )
      const batches: number[][] = []
      for (;;) {
        const rows = (await cursor.read(3)) as { g: number }[]
        if (rows.length === 0) break
        batches.push(rows.map((r) => r.g))
      }
      await cursor.close()
      await client.query('commit')
      expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10]])
    } finally {
      await client.end()
    }
  })

  it.skipIf(!psqlAvailable)(
    'refuses COPY FROM STDIN and COPY TO STDOUT from psql, as Redshift does (r_COPY.html)',
    async () => {
      const load = await runPsql(
        url,
        [
          '-c',
          'create table copy_target (id int, name varchar(20))',
          '-c',
          'copy copy_target from stdin',
        ],
        '1\tone\n2\ttwo\n\\.\n',
      )
      expect(load.code).not.toBe(0)
      expect(load.stderr).toContain('syntax error at or near "STDIN"')
      const dump = await runPsql(url, [
        '-At',
        '-c',
        'copy (select * from copy_target order by id) to stdout',
      ])
      expect(dump.code).not.toBe(0)
      expect(dump.stderr).toContain('syntax error at or near "("')
    },
  )

  it('maps the CancelRequest key to the backend and cancels the running query', async () => {
    const blocker = await connect(url)
    const victim = await connect(url)
    try {
      await blocker.query('create table cancel_me (id int)')
      await blocker.query('begin')
      await blocker.query('lock table cancel_me')
      const running = errorOf(victim.query('select count(*) from cancel_me'))
      const { processID, secretKey } = victim as unknown as {
        processID: number
        secretKey: number
      }
      await waitForLock(processID)
      await sendCancelRequest(url, processID, secretKey)
      const error = await running
      expect(error.code).toBe('57014')
      expect(error.message).toMatch(
        /^Query \(\d+\) cancelled on user's request$/,
      )
      await blocker.query('rollback')
      expect((await victim.query('select 1 as alive')).rows).toEqual([
        { alive: 1 },
      ])
    } finally {
      await blocker.end()
      await victim.end()
    }
  })

  it('ignores a CancelRequest with the wrong key', async () => {
    const blocker = await connect(url)
    const victim = await connect(url)
    try {
      await blocker.query('create table cancel_wrong (id int)')
      await blocker.query('begin')
      await blocker.query('lock table cancel_wrong')
      const running = victim.query('select count(*) from cancel_wrong')
      const { processID, secretKey } = victim as unknown as {
        processID: number
        secretKey: number
      }
      await waitForLock(processID)
      await sendCancelRequest(url, processID, secretKey ^ 0x5a5a)
      await new Promise((r) => setTimeout(r, 100))
      await blocker.query('rollback')
      expect((await running).rows).toEqual([{ count: '0' }])
    } finally {
      await blocker.end()
      await victim.end()
    }
  })

  it('refuses a statement Redshift rejects without breaking the connection', async () => {
    const client = await connect(url)
    try {
      const error = await errorOf(
        client.query(
          'create table r (id int); insert into r values (1) returning id',
        ),
      )
      expect(error.code).toBe('42601')
      expect((await client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }])
    } finally {
      await client.end()
    }
  })

  it.skipIf(!psqlAvailable)('works with the real psql binary', async () => {
    const result = await runPsql(url, ['-At', '-c', 'select version()'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/Redshift 1\.0\./)
  })
})
