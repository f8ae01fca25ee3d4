import path from 'node:path'

import pg from 'pg'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { createRedshift, type RedshiftClient } from '../../src/client.js'
import {
  NotAvailableOnServerlessError,
  QueryCancelledError,
  QueryNotFoundError,
  TableNotFoundError,
} from '../../src/errors/index.js'
import type { LocalRedshift } from '../../src/local/index.js'
import { connect, eventually, startOwnEmulator } from './local-test-helpers.js'
import { repoRoot, runGcScript } from './process-helpers.js'

// Garbage collection is only under a test's control with --expose-gc, so the
// handle is dropped in a child Node.js started with it.
const ABANDONED_HANDLE_SCRIPT = `
import { sql } from 'kysely'
import { createRedshift } from ${JSON.stringify(path.join(repoRoot, 'src/client.ts'))}

if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc')
const warnings = []
process.on('warning', (w) => {
  if (w.code === 'KYSELY_REDSHIFT_ABANDONED_ASYNC_QUERY') warnings.push(w.message)
})
// One connection: the query after the drop can only run once the handle gave
// it back. Another client watches, since status() would need a second one.
const db = createRedshift({ url: process.env.EMULATOR_URL, pool: { max: 1, acquireTimeoutMs: 20000 } })
const watch = createRedshift({ url: process.env.EMULATOR_URL, pool: { max: 1 } })
const inflight = async (pid) =>
  (await sql\`select count(*)::int as n from stv_inflight where pid = \${pid}\`.execute(watch)).rows[0].n

async function submitAndDrop() {
  const handle = await db.monitor.submit(db.selectFrom('facts').select('id'))
  for (let i = 0; i < 1000 && (await inflight(handle.pid)) === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return handle.pid
}

const pid = await submitAndDrop()
const running = await inflight(pid)
for (let i = 0; i < 200 && warnings.length === 0; i++) {
  globalThis.gc()
  await new Promise((resolve) => setTimeout(resolve, 10))
}
const after = (await sql\`select pg_backend_pid() as pid\`.execute(db)).rows[0].pid
const left = await inflight(pid)
await db.close()
await watch.close()
console.log(JSON.stringify({ warnings, pid, running, after, left }))
`

interface DB {
  facts: { id: number; qty: number }
  dims: { id: number; name: string }
}

// WLM queues and query groups: cm-c-defining-query-queues.html, r_query_group.html;
// STV_WLM_SERVICE_CLASS_STATE / STV_WLM_CLASSIFICATION_CONFIG / STV_INFLIGHT /
// STV_RECENTS column tables;
// CANCEL: r_CANCEL.html; EXPLAIN: c-the-query-plan.html, c_data_redistribution.html;
// SVL_QUERY_METRICS_SUMMARY / SVL_QUERY_SUMMARY: r_SVL_QUERY_METRICS_SUMMARY.html.
describe('db.wlm and db.monitor on a provisioned emulator', () => {
  let local: LocalRedshift
  let stop: () => Promise<void>
  let db: RedshiftClient<DB>
  let raw: pg.Client
  const blockers: pg.Client[] = []

  beforeAll(async () => {
    ;({ local, stop } = await startOwnEmulator('wlm_monitor', {
      wlm: [
        { name: 'etl', concurrency: 2, queryGroups: ['etl'] },
        {
          name: 'async',
          concurrency: 1,
          queryGroups: ['async'],
          userGroups: ['loader', 'report*'],
          userGroupWildcard: true,
        },
        { name: 'Default queue', concurrency: 8 },
      ],
    }))
    raw = await connect(local.url)
    await raw.query('create table facts (id int, qty int) distkey(id)')
    await raw.query(
      'create table dims (id int, name varchar(10)) diststyle even',
    )
    await raw.query(
      `insert into facts values ${Array.from({ length: 200 }, (_, i) => `(${i + 1}, ${i})`).join(',')}`,
    )
    await raw.query("insert into dims values (1, 'a'), (2, 'b'), (3, 'c')")
    await raw.query('analyze facts')
    await raw.query('analyze dims')
    db = createRedshift<DB>({ url: local.url, pool: { max: 10 } })
  })
  afterEach(async () => {
    for (const b of blockers.splice(0)) await b.end().catch(() => {})
  })
  afterAll(async () => {
    await db?.close()
    await raw?.end()
    await stop?.()
  })

  /** A session holding an exclusive lock on facts: queries on it wait, holding their WLM slot. */
  async function lockFacts(): Promise<pg.Client> {
    const blocker = await connect(local.url)
    blockers.push(blocker)
    await blocker.query('begin')
    await blocker.query('lock table facts')
    return blocker
  }

  const labelOf = async (marker: string) => {
    const { rows } = await raw.query(
      `select trim(label) as label from stl_query where querytxt like $1 and querytxt not like '%stl_query%'`,
      [`%${marker}%`],
    )
    return rows.map((r) => r.label as string)
  }

  it('detects the endpoint kind once: provisioned', async () => {
    expect(await db.wlm.endpointKind()).toBe('provisioned')
  })

  it('labels the query that asked for a query group, and not the next borrower', async () => {
    const one = createRedshift<DB>({ url: local.url, pool: { max: 1 } })
    try {
      await sql`select count(*) from facts where 'mark-a' <> ''`.execute(
        one.wlm.queryGroup('etl-report'),
      )
      await sql`select count(*) from facts where 'mark-b' <> ''`.execute(one)
      await one.wlm.withQueryGroup('etl-callback', async (conn) => {
        await sql`select count(*) from facts where 'mark-c' <> ''`.execute(conn)
      })
      await sql`select count(*) from facts where 'mark-d' <> ''`.execute(one)
    } finally {
      await one.close()
    }
    expect(await labelOf('mark-a')).toEqual(['etl-report'])
    expect(await labelOf('mark-b')).toEqual(['default'])
    expect(await labelOf('mark-c')).toEqual(['etl-callback'])
    expect(await labelOf('mark-d')).toEqual(['default'])
  })

  it('warns once about a group Redshift will truncate, and refuses an empty one', async () => {
    const warnings: string[] = []
    const onWarning = (w: Error & { code?: string }) => {
      if (w.code === 'KYSELY_REDSHIFT_QUERY_GROUP_TRUNCATED')
        warnings.push(w.message)
    }
    process.on('warning', onWarning)
    try {
      const long = 'x'.repeat(31)
      db.wlm.queryGroup(long)
      db.wlm.queryGroup(long)
      expect(() => db.wlm.queryGroup('')).toThrow(TypeError)
      // Warnings are delivered on a later tick.
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain('31 characters')
    } finally {
      process.off('warning', onWarning)
    }
  })

  it('shows 2 running and 2 queued in a 2-slot queue, lists them, and cancels one', async () => {
    const blocker = await lockFacts()
    const etl = db.wlm.queryGroup('etl')
    // Bind parameters: the extended protocol's statements hold their slot
    // while they wait on the lock, and show as running.
    let settled = 0
    const runs = [1, 2, 3, 4].map((n) =>
      sql`select count(*) as n from facts where ${n} > 0`
        .execute(etl)
        .then(
          (r) => ({ ok: true as const, rows: r.rows }),
          (error: unknown) => ({ ok: false as const, error }),
        )
        .finally(() => settled++),
    )
    const etlQueue = async () =>
      (await db.wlm.queues()).find((q) => q.name === 'etl')!
    await eventually(async () => {
      const q = await etlQueue()
      return q.running === 2 && q.queued === 2
    }, 20_000)
    expect(await etlQueue()).toMatchObject({
      slots: 2,
      running: 2,
      queued: 2,
      freeSlots: 0,
    })
    // The groups routed to each queue (STV_WLM_CLASSIFICATION_CONFIG).
    expect(
      (await db.wlm.queues()).map((q) => [
        q.name,
        q.queryGroups,
        q.userGroups,
        q.userGroupWildcard,
      ]),
    ).toEqual([
      ['Superuser queue', ['superuser'], [], false],
      ['etl', ['etl'], [], false],
      ['async', ['async'], ['loader', 'report*'], true],
      ['Default queue', [], [], false],
    ])
    const inEtl = (await db.wlm.runningQueries()).filter(
      (q) => q.queue === 'etl',
    )
    expect(inEtl.map((q) => q.state).sort()).toEqual([
      'queued',
      'queued',
      'running',
      'running',
    ])
    // Every one names its session, the queued ones as well.
    expect(new Set(inEtl.map((q) => q.pid)).size).toBe(4)
    const running = inEtl.find((q) => q.state === 'running')!
    expect(running).toMatchObject({ endpoint: 'provisioned', label: 'etl' })
    expect(typeof running.queryId).toBe('number')
    expect(running.pid).toBeGreaterThan(0)
    expect(running.text).toContain('from facts')
    expect(Object.isFrozen(running)).toBe(true)

    const result = await db.wlm.cancel(running.queryId as number)
    expect(result).toEqual({
      outcome: 'cancelled',
      queryId: running.queryId,
      pid: running.pid,
    })
    // The slot it held goes to a queued query.
    await eventually(async () => {
      const q = await etlQueue()
      return q.running === 2 && q.queued === 1
    }, 20_000)
    // A queued query has a session too (found through its transaction in
    // SYS_QUERY_HISTORY), so CANCEL reaches it before it runs (r_CANCEL.html).
    const queued = (await db.wlm.runningQueries()).find(
      (q) => q.queue === 'etl' && q.state === 'queued',
    )!
    expect(queued.pid).toBeGreaterThan(0)
    expect(queued.pid).not.toBe(running.pid)
    expect(await db.wlm.cancel(queued.queryId as number)).toEqual({
      outcome: 'cancelled',
      queryId: queued.queryId,
      pid: queued.pid,
    })
    await eventually(async () => (await etlQueue()).queued === 0, 20_000)
    expect(await etlQueue()).toMatchObject({ running: 2, queued: 0 })
    // Both cancelled ones ended while the lock was still held.
    await eventually(async () => settled === 2, 20_000)
    await blocker.query('rollback')
    const outcomes = await Promise.all(runs)
    const failed = outcomes.filter((o) => !o.ok)
    expect(failed).toHaveLength(2)
    for (const f of failed) {
      expect((f as { error: unknown }).error).toBeInstanceOf(
        QueryCancelledError,
      )
    }
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2)
    // Finished now: a typed answer, not a crash.
    expect(await db.wlm.cancel(running.queryId as number)).toEqual({
      outcome: 'not-running',
      queryId: running.queryId,
      reason: 'finished',
    })
    expect(await db.wlm.cancel(2_000_000_000)).toMatchObject({
      outcome: 'not-running',
      reason: 'unknown',
    })
  })

  it('runs async queries: queued, running, completed with rows; another cancelled', async () => {
    const blocker = await lockFacts()
    const inAsync = db.wlm.queryGroup('async')
    const first = await db.monitor.submit(
      inAsync
        .selectFrom('facts')
        .select('id')
        .where('id', '<=', 3)
        .orderBy('id'),
    )
    // Running with a query id: the emulator holds its slot. A statement the
    // server has not seen yet also reads as running, without one, and the
    // next could then take the slot first.
    await eventually(async () => {
      const status = await first.status()
      return status.state === 'running' && status.queryId !== null
    }, 20_000)
    const second = await db.monitor.submit(
      inAsync.selectFrom('facts').select('qty').where('id', '=', 5),
      { chunkSize: 10 },
    )
    await eventually(
      async () => (await second.status()).state === 'queued',
      20_000,
    )
    const third = await db.monitor.submit(db.selectFrom('facts').select('id'))
    await eventually(
      async () => (await third.status()).state === 'running',
      20_000,
    )
    await third.cancel()
    const cancelled = await third.status()
    expect(cancelled.state).toBe('cancelled')
    await expect(third.result()).rejects.toBeInstanceOf(QueryCancelledError)
    expect(third.isOpen).toBe(false)

    await blocker.query('rollback')
    expect(await first.result()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }])
    expect(await first.status()).toMatchObject({
      state: 'completed',
      rowCount: 3,
    })
    expect(first.isOpen).toBe(false)
    const streamed: unknown[] = []
    for await (const row of second.rows()) streamed.push(row)
    expect(streamed).toEqual([{ qty: 4 }])
    expect(await second.status()).toMatchObject({
      state: 'completed',
      rowCount: 1,
    })
  })

  it('submits a sql`...` template that is not bound to the client', async () => {
    const handle = await db.monitor.submit(
      sql<{
        n: number
      }>`select count(*)::int as n from dims where name <> ${'z'}`,
    )
    expect(await handle.result()).toEqual([{ n: 3 }])
  })

  it("returns an abandoned handle's connection to the pool after its time limit, with a warning", async () => {
    const one = createRedshift<DB>({
      url: local.url,
      pool: { max: 1, acquireTimeoutMs: 10_000 },
    })
    const warnings: string[] = []
    const onWarning = (w: Error & { code?: string }) => {
      if (w.code === 'KYSELY_REDSHIFT_ABANDONED_ASYNC_QUERY')
        warnings.push(w.message)
    }
    process.on('warning', onWarning)
    try {
      await one.monitor.submit(one.selectFrom('dims').selectAll(), {
        holdMs: 200,
      })
      // Only one connection: this waits until the handle has given it back.
      const { rows } = await sql<{
        n: number
      }>`select count(*)::int as n from dims`.execute(one)
      expect(rows).toEqual([{ n: 3 }])
      await eventually(async () => warnings.length === 1)
      expect(warnings[0]).toContain('holdMs (200 ms)')
    } finally {
      process.off('warning', onWarning)
      await one.close()
    }
  })

  it("cancels a garbage-collected handle's statement and returns its connection, with a warning", async () => {
    // The statement waits on the lock, so the handle is dropped while it runs.
    await lockFacts()
    const outcome = await runGcScript<{
      warnings: string[]
      pid: number
      running: number
      after: number
      left: number
    }>(ABANDONED_HANDLE_SCRIPT, { EMULATOR_URL: local.url })
    // It was dropped while running.
    expect(outcome.running).toBe(1)
    expect(outcome.warnings).toHaveLength(1)
    expect(outcome.warnings[0]).toMatch(
      /^An async query was garbage-collected while it still owned its connection; it was closed \(statement cancelled if running\)/,
    )
    // Returned, not leaked: the pool's only connection served the next query.
    expect(outcome.after).toBe(outcome.pid)
    // Cancelled: its session runs nothing any more though the lock is held.
    expect(outcome.left).toBe(0)
  }, 60_000)

  it('explains a typed join into a plan tree with its distribution step, and renders it', async () => {
    const plan = await db.monitor.explain(
      db
        .selectFrom('facts as f')
        .innerJoin('dims as d', 'd.id', 'f.id')
        .select(['f.qty', 'd.name'])
        .where('d.name', '=', "it's"),
    )
    expect(plan.root).toMatchObject({
      operator: 'Hash Join',
      distribution: 'DS_DIST_INNER',
      engine: 'XN',
    })
    expect(plan.root.details[0]).toMatch(/^Hash Cond: /)
    expect(
      plan.root.children.map((c) => [
        c.operator,
        c.relation,
        c.children.length,
      ]),
    ).toEqual([
      ['Seq Scan', 'facts', 0],
      ['Hash', null, 1],
    ])
    expect(plan.root.children[1]!.children[0]).toMatchObject({
      operator: 'Seq Scan',
      relation: 'dims',
      alias: 'd',
    })
    expect(plan.redistributions).toEqual([plan.root])
    expect(plan.warnings).toEqual([])
    // The value reached EXPLAIN inline, escaped.
    expect(plan.root.children[1]!.children[0]!.details.join('\n')).toMatch(
      /Filter: .*'it''s'/,
    )
    // Details (conditions, filters) are the emulator's rewriting of
    // PostgreSQL's; the tree, the steps and the marks are what is rendered here.
    const text = db.monitor
      .render(plan, { details: false })
      .replace(/cost \d+\.\d\d\.\.\d+\.\d\d/g, 'cost C')
      .replace(/width \d+/g, 'width W')
    expect(text).toMatchInlineSnapshot(`
      "Hash Join DS_DIST_INNER !  cost C  rows 1  width W  (the inner table is redistributed)
      ├─ Seq Scan on facts f  cost C  rows 200  width W
      └─ Hash  cost C  rows 1  width W
         └─ Seq Scan on dims d  cost C  rows 1  width W"
    `)
  })

  it('reads the metrics of a finished query, and a typed not-found', async () => {
    const id = await db.connection().execute(async (conn) => {
      await conn.selectFrom('facts').select('id').where('id', '<=', 7).execute()
      const { rows } = await sql<{
        id: number
      }>`select pg_last_query_id() as id`.execute(conn)
      return rows[0]!.id
    })
    const metrics = await db.monitor.metrics(id)
    expect(metrics).toMatchObject({
      endpoint: 'provisioned',
      queryId: id,
      status: 'success',
      rowsReturned: 7,
    })
    expect(metrics.steps.map((s) => s.name)).toEqual(['scan', 'return'])
    expect(metrics.segments).toBe(1)
    expect(metrics.elapsedMs).toBeGreaterThanOrEqual(0)
    expect(Object.isFrozen(metrics.steps)).toBe(true)
    const missing = await db.monitor.metrics(2_000_000_000).catch((e) => e)
    expect(missing).toBeInstanceOf(QueryNotFoundError)
    expect(missing.queryId).toBe(2_000_000_000)
  })

  it('reads load errors of a table since a time; an unknown table is a TableNotFoundError', async () => {
    expect(
      await db.monitor.loadErrors('facts', { since: new Date(0) }),
    ).toEqual([])
    await expect(db.monitor.loadErrors('no_such_table')).rejects.toBeInstanceOf(
      TableNotFoundError,
    )
  })

  it('has no NotAvailableOnServerlessError on a provisioned cluster', async () => {
    await expect(db.wlm.queues()).resolves.not.toBeInstanceOf(
      NotAvailableOnServerlessError,
    )
  })
})
