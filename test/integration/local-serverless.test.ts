import net from 'node:net'
import path from 'node:path'

import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import type { LocalRedshift } from '../../src/local/index.js'
import { createTestDatabase } from '../setup/test-database.js'
import { connect, errorOf, startOwnEmulator } from './local-test-helpers.js'
import { repoRoot, startChild } from './process-helpers.js'

// STL, STV and SVL views are not available on Serverless; SYS views are:
// https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-monitoring.html
// Serverless databases use SNAPSHOT isolation:
// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_DATABASE.html
/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

describe('local emulator: Serverless mode', () => {
  let local: LocalRedshift
  let stop: () => Promise<void>
  let client: pg.Client

  beforeAll(async () => {
    ;({ local, stop } = await startOwnEmulator('local_serverless', {
      serverless: true,
    }))
    client = await connect(local.url)
    await client.query('create table events (id int, kind varchar(10))')
    await client.query("insert into events values (1, 'a'), (2, 'b')")
  })
  afterAll(async () => {
    await client.end()
    await stop()
  })

  it.each([
    'stl_query',
    'stv_recents',
    'stv_inflight',
    'svl_qlog',
    'svl_query_summary',
    'svl_query_metrics_summary',
    'stv_wlm_service_class_state',
    'stv_wlm_service_class_config',
    'stv_wlm_classification_config',
    'stl_load_errors',
  ])(
    'refuses %s as Serverless does (42501 permission denied)',
    async (view) => {
      const error = await errorOf(client.query(`select * from ${view} limit 1`))
      expect(error.code).toBe('42501')
      expect(error.message).toBe(`permission denied for relation ${view}`)
    },
  )

  it('refuses an STL view anywhere in a statement, also schema-qualified and in a join', async () => {
    const error = await errorOf(
      client.query(
        'select h.query_id from sys_query_history h join pg_catalog.stl_query q on q.query = h.query_id',
      ),
    )
    expect(error.code).toBe('42501')
    expect(error.message).toBe('permission denied for relation stl_query')
  })

  it('serves the SYS and SVV views', async () => {
    await client.query('select count(*) from events')
    const last = await client.query('select pg_last_query_id() as id')
    const id = last.rows[0].id as number
    const history = await client.query(
      'select trim(status) as status, returned_rows, trim(query_text) as text from sys_query_history where query_id = $1',
      [id],
    )
    expect(history.rows).toEqual([
      {
        status: 'success',
        returned_rows: '1',
        text: 'select count(*) from events',
      },
    ])
    const detail = await client.query(
      'select trim(step_name) as step from sys_query_detail where query_id = $1 order by step_id',
      [id],
    )
    expect(detail.rows).toEqual([{ step: 'scan' }, { step: 'return' }])
    for (const view of [
      'sys_load_error_detail',
      'sys_load_history',
      'sys_unload_history',
      'svv_table_info',
    ]) {
      await expect(
        client.query(`select * from ${view} limit 1`),
      ).resolves.toBeDefined()
    }
  })

  it('runs transactions with SNAPSHOT isolation by default', async () => {
    expect(local.options.isolation).toBe('snapshot')
    expect(local.options.serverless).toBe(true)
    await client.query('begin')
    const { rows } = await client.query('show transaction_isolation')
    await client.query('commit')
    expect(rows).toEqual([{ transaction_isolation: 'repeatable read' }])

    // Write skew: under SNAPSHOT both transactions commit; SERIALIZABLE would fail one.
    const other = await connect(local.url)
    try {
      await client.query('begin')
      await other.query('begin')
      await client.query("select count(*) from events where kind = 'a'")
      await other.query("select count(*) from events where kind = 'b'")
      await client.query("insert into events values (3, 'b')")
      await other.query("insert into events values (4, 'a')")
      await client.query('commit')
      await other.query('commit')
    } finally {
      await other.end()
    }
    const count = await client.query('select count(*)::int as n from events')
    expect(count.rows).toEqual([{ n: 4 }])
  })

  it('still explains queries', async () => {
    const { rows } = await client.query('explain select * from events')
    expect(rows[0]['QUERY PLAN']).toMatch(/^XN Seq Scan on events {2}\(cost=/)
  })

  it(
    'starts in Serverless mode from the CLI with --serverless',
    { timeout: 120_000 },
    async () => {
      const db = await createTestDatabase('local_serverless_cli')
      const port = await freePort()
      const server = startChild(process.execPath, {
        args: [
          path.join(repoRoot, 'bin/kysely-redshift.js'),
          'local',
          '--serverless',
          '--port',
          String(port),
          '--pg-url',
          inject('databaseUrl'),
          '--database',
          db.name,
        ],
      })
      try {
        await server.printed('PostgreSQL behind it')
        const url = `postgres://awsuser@127.0.0.1:${port}/${db.name}`
        const cli = await connect(url)
        try {
          const error = await errorOf(cli.query('select * from stv_recents'))
          expect(error.code).toBe('42501')
          await cli.query('begin')
          const { rows } = await cli.query('show transaction_isolation')
          await cli.query('commit')
          expect(rows).toEqual([{ transaction_isolation: 'repeatable read' }])
        } finally {
          await cli.end()
        }
      } finally {
        server.kill('SIGINT')
        expect((await server.result).code).toBe(0)
        await db.drop()
      }
    },
  )
})
