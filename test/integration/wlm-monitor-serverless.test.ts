import pg from 'pg'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createRedshift, type RedshiftClient } from '../../src/client.js'
import {
  NotAvailableOnServerlessError,
  QueryCancelledError,
  QueryNotFoundError,
} from '../../src/errors/index.js'
import type { LocalRedshift } from '../../src/local/index.js'
import { connect, eventually, startOwnEmulator } from './local-test-helpers.js'

interface DB {
  facts: { id: number; qty: number }
}

// STL, STV and SVL views cannot be queried on Serverless; SYS views can:
// https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-monitoring.html
// SYS_QUERY_HISTORY / SYS_QUERY_DETAIL: SYS_QUERY_HISTORY.html, SYS_QUERY_DETAIL.html.
describe('db.wlm and db.monitor on a Serverless emulator', () => {
  let local: LocalRedshift
  let stop: () => Promise<void>
  let db: RedshiftClient<DB>
  let raw: pg.Client

  beforeAll(async () => {
    ;({ local, stop } = await startOwnEmulator('wlm_serverless', {
      serverless: true,
    }))
    raw = await connect(local.url)
    await raw.query('create table facts (id int, qty int)')
    await raw.query('insert into facts values (1, 10), (2, 20), (3, 30)')
    db = createRedshift<DB>({ url: local.url, pool: { max: 6 } })
  })
  afterAll(async () => {
    await db?.close()
    await raw?.end()
    await stop?.()
  })

  it('detects Serverless once, from the refused STV probe', async () => {
    expect(await db.wlm.endpointKind()).toBe('serverless')
    // A configured kind needs no probe at all.
    const configured = createRedshift<DB>({
      url: local.url,
      endpointKind: 'serverless',
    })
    try {
      expect(await configured.wlm.endpointKind()).toBe('serverless')
    } finally {
      await configured.close()
    }
  })

  it('answers queue state with NotAvailableOnServerlessError, before sending anything', async () => {
    const error = await db.wlm.queues().catch((e) => e)
    expect(error).toBeInstanceOf(NotAvailableOnServerlessError)
    expect(error.message).toContain('WLM queue state')
  })

  it('puts the query group in SYS_QUERY_HISTORY.query_label, not on the next query', async () => {
    const one = createRedshift<DB>({ url: local.url, pool: { max: 1 } })
    try {
      await sql`select count(*) from facts where 'sl-a' <> ''`.execute(
        one.wlm.queryGroup('nightly'),
      )
      await sql`select count(*) from facts where 'sl-b' <> ''`.execute(one)
    } finally {
      await one.close()
    }
    const { rows } = await raw.query(
      `select trim(query_label) as label, query_text like '%sl-a%' as first from sys_query_history
       where query_text like '%sl-_%' and query_text not like '%sys_query_history%' order by query_id`,
    )
    expect(rows).toEqual([
      { label: 'nightly', first: true },
      { label: 'default', first: false },
    ])
  })

  it('lists running queries with int8 ids, cancels one by its bigint id', async () => {
    const blocker = await connect(local.url)
    try {
      await blocker.query('begin')
      await blocker.query('lock table facts')
      const run = db
        .selectFrom('facts')
        .select('id')
        .execute()
        .catch((e: unknown) => e)
      let running: Awaited<ReturnType<typeof db.wlm.runningQueries>> = []
      await eventually(async () => {
        running = (await db.wlm.runningQueries()).filter((q) =>
          q.text?.includes('from "facts"'),
        )
        return running.length === 1
      }, 20_000)
      const [query] = running
      expect(query).toMatchObject({ endpoint: 'serverless', state: 'running' })
      expect(typeof query!.queryId).toBe('bigint')
      const result = await db.wlm.cancel(query!.queryId)
      expect(result).toMatchObject({ outcome: 'cancelled', pid: query!.pid })
      expect(await run).toBeInstanceOf(QueryCancelledError)
    } finally {
      await blocker.end()
    }
  })

  it('runs an async query with SYS-based status, and explains', async () => {
    const handle = await db.monitor.submit(
      db.selectFrom('facts').select('qty').orderBy('qty'),
    )
    expect(await handle.result()).toEqual([
      { qty: 10 },
      { qty: 20 },
      { qty: 30 },
    ])
    expect(await handle.status()).toMatchObject({
      state: 'completed',
      rowCount: 3,
    })
    const plan = await db.monitor.explain(
      db.selectFrom('facts').selectAll().where('id', '=', 2),
    )
    expect(plan.root).toMatchObject({ operator: 'Seq Scan', relation: 'facts' })
  })

  it('reads metrics from SYS_QUERY_HISTORY / SYS_QUERY_DETAIL, and a typed not-found', async () => {
    const id = await db.connection().execute(async (conn) => {
      await conn.selectFrom('facts').select('id').execute()
      const { rows } = await sql<{
        id: number
      }>`select pg_last_query_id() as id`.execute(conn)
      return rows[0]!.id
    })
    const metrics = await db.monitor.metrics(BigInt(id))
    expect(metrics).toMatchObject({
      endpoint: 'serverless',
      queryId: BigInt(id),
      status: 'success',
      rowsReturned: 3,
      cpuMs: null,
    })
    expect(metrics.steps.map((s) => s.name)).toEqual(['scan', 'return'])
    expect(metrics.rowsScanned).toBe(3)
    await expect(db.monitor.metrics(9_000_000_000n)).rejects.toBeInstanceOf(
      QueryNotFoundError,
    )
  })

  it('reads load errors from SYS_LOAD_ERROR_DETAIL', async () => {
    expect(await db.monitor.loadErrors('facts')).toEqual([])
  })
})
