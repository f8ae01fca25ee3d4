// Redshift's table write locks across spellings of one table, and the
// waits STV_LOCKS and SVV_TRANSACTIONS show. A write lock is the table's,
// whatever name reaches it: `t`, `public.t`, a folded `"T"`, a name found
// through the session's search_path (c_write_readwrite.html: "COPY and
// INSERT operations against the same table are held in a wait state until
// the lock is released"). Every step waits on an observable state (STV_LOCKS
// showing the waiter), never on time.
import type pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import {
  connect,
  errorOf,
  eventually,
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const READ_WRITE = `${DG}c_write_readwrite.html`
const STV_LOCKS = `${DG}r_STV_LOCKS.html`
const SVV_TRANSACTIONS = `${DG}r_SVV_TRANSACTIONS.html`
const SEARCH_PATH = `${DG}r_search_path.html`
const ISOLATION = `${DG}c_serial_isolation.html`

describe('local emulator: one write lock per table, whatever its spelling', () => {
  let db: EmulatorDatabase
  let observer: pg.Client
  let open: pg.Client[] = []
  const session = async () => {
    const client = await connect(db.url)
    open.push(client)
    return client
  }
  const pidOf = async (client: pg.Client) =>
    Number((await client.query('select pg_backend_pid() as pid')).rows[0].pid)
  const oidOf = async (table: string) =>
    Number(
      (await observer.query('select $1::regclass::oid::int8 as id', [table]))
        .rows[0].id,
    )

  /** Resolves once STV_LOCKS shows `pid` waiting for the lock of `table` (c_write_readwrite.html). */
  const waitsFor = (pid: number, table: number) =>
    eventually(async () => {
      const { rows } = await observer.query(
        "select count(*)::int as n from stv_locks where lock_owner_pid = $1 and table_id = $2 and lock_status = 'Waiting for lock'",
        [pid, table],
      )
      return rows[0].n === 1
    }, 20_000)

  /**
   * `holder` writes `held` in an open block; `waiter` then writes `wanted`
   * and must wait for the lock of `table` until the holder commits.
   */
  async function expectWait(
    holder: pg.Client,
    held: string,
    waiter: pg.Client,
    wanted: string,
    table: string,
  ): Promise<void> {
    // Asked first: the waiter's connection answers nothing while it waits.
    const [pid, id] = [await pidOf(waiter), await oidOf(table)]
    await holder.query('begin')
    await holder.query(held)
    const write = waiter.query(wanted)
    write.catch(() => {})
    await waitsFor(pid, id)
    await holder.query('commit')
    await write
  }

  beforeAll(async () => {
    db = await openEmulatorDatabase('local_fidelity_concurrency_more')
    observer = db.client
  })
  beforeEach(async () => {
    await Promise.all(open.map((c) => c.end()))
    open = []
    await observer.query('drop schema if exists s1 cascade')
    await observer.query('drop table if exists t, tab2')
    await observer.query('create table t (id int)')
    await observer.query('create table tab2 (id int)')
    await observer.query('create schema s1')
    await observer.query('create table s1.t (id int)')
    await observer.query('create table s1.u (id int)')
  })
  afterAll(async () => {
    await Promise.all(open.map((c) => c.end()))
    await db?.close()
  })

  it(`t and public.t take one lock (${READ_WRITE})`, async () => {
    const [a, b] = [await session(), await session()]
    await expectWait(
      a,
      'insert into t values (1)',
      b,
      'insert into public.t values (2)',
      'public.t',
    )
    const { rows } = await observer.query('select count(*)::int as n from t')
    expect(rows).toEqual([{ n: 2 }])
  })

  it(`a folded "T" and t take one lock (${READ_WRITE})`, async () => {
    const [a, b] = [await session(), await session()]
    await expectWait(
      a,
      'delete from "T"',
      b,
      'insert into t values (2)',
      'public.t',
    )
  })

  it(`a bare name found through SET search_path takes its table's lock (${SEARCH_PATH})`, async () => {
    const [a, b] = [await session(), await session()]
    await b.query('set search_path to s1, public')
    await expectWait(
      a,
      'insert into s1.u values (1)',
      b,
      'insert into u values (2)',
      's1.u',
    )
  })

  it(`a SET search_path earlier in the same message counts (${SEARCH_PATH})`, async () => {
    const [a, b] = [await session(), await session()]
    await expectWait(
      a,
      'insert into s1.t values (1)',
      b,
      'set search_path to s1; insert into t values (2)',
      's1.t',
    )
    await b.query('reset search_path')
  })

  it(`a bare name found through SET_CONFIG('search_path') takes its table's lock (${SEARCH_PATH})`, async () => {
    const [a, b] = [await session(), await session()]
    await b.query("select set_config('search_path', 's1', false)")
    await expectWait(
      a,
      'update s1.t set id = 1',
      b,
      'insert into t values (2)',
      's1.t',
    )
  })

  it(`$user in the default search_path names the user's schema (${SEARCH_PATH})`, async () => {
    const [a, b] = [await session(), await session()]
    const user = String(
      (await observer.query('select current_user as u')).rows[0].u,
    )
    const schema = `"${user.replace(/"/g, '""')}"`
    await observer.query(`drop schema if exists ${schema} cascade`)
    await observer.query(`create schema ${schema}`)
    try {
      await observer.query(`create table ${schema}.t (id int)`)
      await expectWait(
        a,
        `insert into ${schema}.t values (1)`,
        b,
        'insert into t values (2)',
        `${schema}.t`,
      )
    } finally {
      await observer.query(`drop schema ${schema} cascade`)
    }
  })

  it(`$user follows SET SESSION AUTHORIZATION, and RESET ALL keeps it (${SEARCH_PATH})`, async () => {
    const [a, b] = [await session(), await session()]
    const user = `lock_user_${process.pid}`
    await observer.query(`create user ${user} password disable`)
    try {
      await observer.query(`create schema ${user} authorization ${user}`)
      await observer.query(`create table ${user}.t (id int)`)
      await observer.query(`grant all on ${user}.t to ${user}`)
      await b.query(`set session authorization ${user}`)
      await b.query('reset all')
      await expectWait(
        a,
        `insert into ${user}.t values (1)`,
        b,
        'insert into t values (2)',
        `${user}.t`,
      )
      await b.query('reset session authorization')
    } finally {
      await observer.query(`drop schema if exists ${user} cascade`)
      await observer.query(`drop user ${user}`)
    }
  })

  it(`one name on two search paths is two tables: no wait (${READ_WRITE})`, async () => {
    const [a, b] = [await session(), await session()]
    await b.query('set search_path to s1, public')
    await a.query('begin')
    await a.query('insert into t values (1)')
    // s1.t, not public.t: it goes through while a holds public.t.
    await b.query('insert into t values (2)')
    await a.query('commit')
    const { rows } = await observer.query(
      'select (select count(*) from public.t)::int as p, (select count(*) from s1.t)::int as s',
    )
    expect(rows).toEqual([{ p: 1, s: 1 }])
  })

  it(`SET LOCAL search_path ends with its block (${SEARCH_PATH})`, async () => {
    const [a, b] = [await session(), await session()]
    await b.query('begin')
    await b.query('set local search_path to s1')
    await b.query('end')
    await a.query('begin')
    await a.query('insert into s1.t values (1)')
    // public.t again: no wait for s1.t.
    await b.query('insert into t values (2)')
    await a.query('commit')
  })

  it(`two spellings in opposite orders still deadlock (${READ_WRITE})`, async () => {
    const [a, b] = [await session(), await session()]
    const pa = await pidOf(a)
    await a.query('begin')
    await b.query('begin')
    await a.query('insert into t values (1)')
    await b.query('insert into tab2 values (1)')
    const first = a.query('insert into public.tab2 values (2)')
    first.catch(() => {})
    await waitsFor(pa, await oidOf('tab2'))
    const error = await errorOf(b.query('insert into public.t values (2)'))
    expect(error).toMatchObject({ code: '40P01', message: 'deadlock detected' })
    await b.query('rollback')
    await first
    await a.query('commit')
  })

  it(`STV_LOCKS shows the holder and the waiter of one table (${STV_LOCKS})`, async () => {
    const [a, b] = [await session(), await session()]
    const [pa, pb] = [await pidOf(a), await pidOf(b)]
    const table = await oidOf('public.t')
    await a.query('begin')
    await a.query('insert into t values (1)')
    const write = b.query('insert into public.t values (2)')
    await waitsFor(pb, table)
    const { rows } = await observer.query(
      'select lock_owner_pid::int as pid, trim(lock_status) as status from stv_locks where table_id = $1 order by 2',
      [table],
    )
    expect(rows).toEqual([
      { pid: pa, status: 'Holding lock' },
      { pid: pb, status: 'Waiting for lock' },
    ])
    await a.query('commit')
    await write
    const after = await observer.query(
      'select count(*)::int as n from stv_locks where table_id = $1',
      [table],
    )
    expect(after.rows).toEqual([{ n: 0 }])
  })

  it(`SVV_TRANSACTIONS shows the waiter's lock not granted, then granted (${SVV_TRANSACTIONS})`, async () => {
    const [a, b] = [await session(), await session()]
    const pb = await pidOf(b)
    const table = await oidOf('s1.t')
    await a.query('begin')
    await a.query('lock s1.t')
    await b.query('begin')
    const locked = b.query('lock s1.t')
    await waitsFor(pb, table)
    const lockRows = () =>
      observer.query(
        "select lock_mode, granted from svv_transactions where pid = $1 and lockable_object_type = 'relation' and relation = $2",
        [pb, table],
      )
    expect((await lockRows()).rows).toEqual([
      { lock_mode: 'AccessExclusiveLock', granted: false },
    ])
    await a.query('commit')
    await locked
    expect((await lockRows()).rows).toEqual([
      { lock_mode: 'AccessExclusiveLock', granted: true },
    ])
    await b.query('commit')
  })

  /** Resolves once PostgreSQL shows `pid` waiting for a lock on `table` (SVV_TRANSACTIONS, from pg_locks). */
  const waitsInPostgres = (pid: number, table: number) =>
    eventually(async () => {
      const { rows } = await observer.query(
        "select count(*)::int as n from svv_transactions where pid = $1 and relation = $2 and not granted and lockable_object_type = 'relation'",
        [pid, table],
      )
      return rows[0].n > 0
    }, 20_000)

  it(`a deadlock through a write lock and PostgreSQL's lock is detected (${READ_WRITE})`, async () => {
    const [a, b] = [await session(), await session()]
    const pa = await pidOf(a)
    await b.query('set statement_timeout to 15000')
    await a.query('begin')
    await a.query('insert into t values (1)')
    await b.query('begin')
    await b.query('lock tab2')
    // a waits in PostgreSQL for b's LOCK; b then waits for a's write lock.
    const read = a.query('select count(*)::int as n from tab2')
    read.catch(() => {})
    await waitsInPostgres(pa, await oidOf('tab2'))
    const error = await errorOf(b.query('insert into t values (2)'))
    expect(error).toMatchObject({ code: '40P01', message: 'deadlock detected' })
    await b.query('rollback')
    expect((await read).rows).toEqual([{ n: 0 }])
    await a.query('commit')
  })

  it(`the same deadlock closed from PostgreSQL's side is detected (${READ_WRITE})`, async () => {
    const [a, b] = [await session(), await session()]
    const pb = await pidOf(b)
    await b.query('set statement_timeout to 15000')
    await a.query('begin')
    await a.query('insert into t values (1)')
    await b.query('begin')
    await b.query('lock tab2')
    const write = errorOf(b.query('insert into t values (2)'))
    await waitsFor(pb, await oidOf('public.t'))
    // a's read closes the cycle; b's write is the one that fails.
    const read = a.query('select count(*)::int as n from tab2')
    const error = await write
    expect(error).toMatchObject({ code: '40P01', message: 'deadlock detected' })
    await b.query('rollback')
    expect((await read).rows).toEqual([{ n: 0 }])
    await a.query('commit')
  })

  // c_serial_isolation.html: "A database snapshot is created within a
  // transaction on the first occurrence of most SELECT statements, DML
  // commands ... and the following DDL commands"; SET and LOCK are none.
  it.each([
    [
      "SET of a Redshift parameter (SET query_group TO 'etl')",
      "set query_group to 'etl'",
    ],
    [
      'SET of a PostgreSQL one (SET search_path TO public)',
      'set search_path to public',
    ],
    ['LOCK of another table', 'lock tab2'],
  ])(
    `%s does not take the block's snapshot (${ISOLATION})`,
    async (_title, first) => {
      const [a, b] = [await session(), await session()]
      await a.query('begin')
      await a.query(first)
      await b.query('insert into t values (1)')
      const { rows } = await a.query('select count(*)::int as n from t')
      expect(rows).toEqual([{ n: 1 }])
      await a.query('rollback')
    },
  )
})
