import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Row } from './fidelity-steps.js'
import type { LocalRedshift } from '../../src/local/index.js'
import {
  connect,
  openEmulatorDatabase,
  startOwnEmulator,
} from './local-test-helpers.js'

/**
 * The Developer Guide's "Managing concurrent write operations" pages, run
 * across sessions of the emulator step by step: which statement commits,
 * waits or fails. Each case names its page (DG + page); the tables are made
 * afresh for each case.
 */

type Who = 'a' | 'b' | 'c'

/** What a statement must do: succeed (with these rows), fail, or wait and then do so. */
type Outcome =
  | { readonly rows?: readonly Row[] }
  | { readonly error: { readonly code: string; readonly message: string } }

interface Move {
  readonly who: Who
  readonly sql: string
  readonly outcome: Outcome
  /** The statement must still be waiting after the others' round trips; `outcome` is checked once it ends. */
  readonly waits?: true
}

interface ConcurrencyCase {
  readonly title: string
  readonly doc: string
  readonly moves: readonly Move[]
}

const ok = (who: Who, sql: string, rows?: readonly Row[]): Move => ({
  who,
  sql,
  outcome: rows === undefined ? {} : { rows },
})
const fails = (who: Who, sql: string, code: string, message: string): Move => ({
  who,
  sql,
  outcome: { error: { code, message } },
})
/** A statement that must wait for another session, then end as `then` says. */
const waits = (who: Who, sql: string, then: Outcome = {}): Move => ({
  who,
  sql,
  outcome: then,
  waits: true,
})

const SETUP = [
  'create table listing (id int, v int)',
  'insert into listing values (1, 1), (2, 2), (3, 3)',
  'create table users (id int)',
  'insert into users values (1), (2)',
  'create table tab1 (id int)',
  'create table tab2 (id int)',
]

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const EXAMPLES = `${DG}r_Serializable_isolation_example.html`
const READ_WRITE = `${DG}c_write_readwrite.html`
const ISOLATION = `${DG}c_serial_isolation.html`
const TROUBLESHOOTING = `${DG}c_serial_isolation-serializable-isolation-troubleshooting.html`

const count = (table: string, n: number): Move =>
  ok('c', `select count(*)::int as n from ${table}`, [{ n }])

/**
 * T1 inserts into tab1 the count of tab2 and T2 into tab2 the count of tab1:
 * no serial order gives both counts 0. `last` is how the later COMMIT ends.
 */
const WRITE_SKEW = (_first: Who, last: Outcome): readonly Move[] => [
  ok('a', 'begin'),
  ok('b', 'begin'),
  ok('a', 'insert into tab1 select count(*) from tab2'),
  ok('b', 'insert into tab2 select count(*) from tab1'),
  ok('a', 'commit'),
  { who: 'b', sql: 'commit', outcome: last },
]

const CASES: readonly ConcurrencyCase[] = [
  {
    title:
      'concurrent INSERTs into one table: the second waits for the write lock, then both commit',
    doc: EXAMPLES,
    moves: [
      ok('a', 'begin'),
      ok('a', 'insert into listing values (10, 10)'),
      ok('b', 'begin'),
      waits('b', 'insert into listing values (11, 11)'),
      ok('a', 'end'),
      ok('b', 'end'),
      count('listing', 5),
    ],
  },
  {
    title:
      'an INSERT outside a block waits for the block that holds the write lock',
    doc: READ_WRITE,
    moves: [
      ok('a', 'begin'),
      ok('a', 'insert into listing values (10, 10)'),
      waits('b', 'insert into listing values (11, 11)'),
      ok('a', 'commit'),
      count('listing', 5),
    ],
  },
  {
    title:
      'concurrent DELETEs of the same rows: the second waits, then succeeds',
    doc: EXAMPLES,
    moves: [
      ok('a', 'begin'),
      ok('a', 'delete from listing where id = 1'),
      ok('b', 'begin'),
      waits('b', 'delete from listing where id = 1'),
      ok('a', 'end'),
      ok('b', 'end'),
      count('listing', 2),
    ],
  },
  {
    title: 'concurrent DELETEs of other rows: the second waits, then succeeds',
    doc: EXAMPLES,
    moves: [
      ok('a', 'begin'),
      ok('a', 'delete from listing where id = 1'),
      ok('b', 'begin'),
      waits('b', 'delete from listing where id = 2'),
      ok('a', 'end'),
      ok('b', 'end'),
      count('listing', 1),
    ],
  },
  {
    title:
      'concurrent UPDATEs: the second waits and works on the first one’s committed rows',
    doc: READ_WRITE,
    moves: [
      ok('a', 'begin'),
      ok('a', 'update listing set v = v + 1'),
      ok('b', 'begin'),
      waits('b', 'update listing set v = v * 10'),
      ok('a', 'end'),
      ok('b', 'end'),
      ok('c', 'select sum(v)::int as s from listing', [{ s: 90 }]),
    ],
  },
  {
    title:
      'a mixture of reads and writes: the second load waits, its COUNT sees the first load',
    doc: EXAMPLES,
    moves: [
      ok('a', 'begin'),
      ok('a', 'delete from users where id = 1'),
      ok('a', 'insert into users values (3), (4)'),
      ok('a', 'select count(*)::int as n from users', [{ n: 3 }]),
      ok('a', 'analyze users'),
      ok('b', 'begin'),
      waits('b', 'insert into users values (5)'),
      ok('a', 'end'),
      ok('b', 'select count(*)::int as n from users', [{ n: 4 }]),
      ok('b', 'analyze users'),
      ok('b', 'end'),
    ],
  },
  {
    title:
      'reads do not wait for a write lock: they see the last committed snapshot',
    doc: `${DG}c_Concurrent_writes.html`,
    moves: [
      ok('a', 'begin'),
      ok('a', 'insert into listing values (10, 10)'),
      count('listing', 3),
      ok('b', 'begin'),
      ok('b', 'select count(*)::int as n from listing', [{ n: 3 }]),
      ok('a', 'end'),
      ok('b', 'end'),
      count('listing', 4),
    ],
  },
  {
    title: 'writes to different tables proceed without waiting',
    doc: READ_WRITE,
    moves: [
      ok('a', 'begin'),
      ok('b', 'begin'),
      ok('a', 'insert into tab1 values (1)'),
      ok('b', 'insert into tab2 values (1)'),
      ok('a', 'end'),
      ok('b', 'end'),
    ],
  },
  {
    title: 'two transactions writing two tables in opposite orders deadlock',
    doc: READ_WRITE,
    moves: [
      ok('a', 'begin'),
      ok('b', 'begin'),
      ok('a', 'insert into tab1 values (1)'),
      ok('b', 'insert into tab2 values (1)'),
      waits('a', 'insert into tab2 values (2)'),
      fails('b', 'insert into tab1 values (2)', '40P01', 'deadlock detected'),
      ok('b', 'rollback'),
      ok('a', 'end'),
      ok(
        'c',
        'select (select count(*) from tab1)::int as t1, (select count(*) from tab2)::int as t2',
        [{ t1: 1, t2: 1 }],
      ),
    ],
  },
  {
    title:
      'LOCK in the same order first serializes the transactions, and the second sees the first',
    doc: TROUBLESHOOTING,
    moves: [
      ok('a', 'begin'),
      ok('a', 'lock tab1, tab2'),
      ok('b', 'begin'),
      waits('b', 'lock tab1, tab2'),
      ok('a', 'select * from tab1', []),
      ok('a', 'insert into tab2 values (1)'),
      ok('a', 'end'),
      ok('b', 'select count(*)::int as n from tab2', [{ n: 1 }]),
      ok('b', 'insert into tab1 values (1)'),
      ok('b', 'end'),
    ],
  },
  {
    title: 'LOCK makes reads of the table wait too',
    doc: `${DG}r_LOCK.html`,
    moves: [
      ok('a', 'begin'),
      ok('a', 'lock listing'),
      // What the read sees once it goes on is not documented.
      waits('b', 'select count(*)::int as n from listing'),
      ok('a', 'insert into listing values (9, 9)'),
      ok('a', 'end'),
    ],
  },
  {
    title:
      'SELECT and INSERT crossing two tables: the transaction that commits last fails with 1023',
    doc: TROUBLESHOOTING,
    moves: [
      ok('a', 'begin'),
      ok('b', 'begin'),
      ok('a', 'select * from tab1', []),
      ok('a', 'insert into tab2 values (1)'),
      ok('b', 'insert into tab1 values (1)'),
      ok('b', 'select * from tab2', []),
      ok('a', 'end'),
      fails('b', 'end', 'XX000', '1023'),
    ],
  },
  {
    title:
      'the same work with the SELECTs moved out of the transactions commits',
    doc: TROUBLESHOOTING,
    moves: [
      ok('a', 'begin'),
      ok('a', 'insert into tab1 values (1)'),
      ok('a', 'end'),
      ok('a', 'select * from tab2', []),
      ok('b', 'select * from tab1', [{ id: 1 }]),
      ok('b', 'begin'),
      ok('b', 'insert into tab2 values (1)'),
      ok('b', 'end'),
    ],
  },
  {
    title:
      'a table dropped by a committed transaction no longer exists for a concurrent one',
    doc: ISOLATION,
    moves: [
      ok('a', 'begin'),
      ok('b', 'begin'),
      ok('b', 'select count(*)::int as n from users', [{ n: 2 }]),
      ok('a', 'drop table tab2'),
      ok('a', 'end'),
      fails(
        'b',
        'select * from tab2',
        '42P01',
        'relation "tab2" does not exist',
      ),
      ok('b', 'rollback'),
    ],
  },
  {
    title:
      "temporary tables of the same name are each session's own: no write lock is shared",
    doc: READ_WRITE,
    moves: [
      ok('a', 'create temp table staging (id int)'),
      ok('b', 'create temp table staging (id int)'),
      ok('a', 'begin'),
      ok('a', 'insert into staging values (1)'),
      ok('b', 'begin'),
      ok('b', 'insert into staging values (2)'),
      ok('b', 'end'),
      ok('a', 'end'),
    ],
  },
  {
    title:
      'BEGIN READ WRITE and READ ONLY: a read-only transaction cannot write',
    doc: `${DG}r_BEGIN.html`,
    moves: [
      ok('a', 'begin read write'),
      ok('a', 'insert into tab1 values (1)'),
      ok('a', 'end'),
      ok('a', 'begin read only'),
      ok('a', 'select count(*)::int as n from tab1', [{ n: 1 }]),
      fails(
        'a',
        'insert into tab1 values (2)',
        '25006',
        'read-only transaction',
      ),
      ok('a', 'rollback'),
      ok('a', 'start transaction read only'),
      fails('a', 'delete from tab1', '25006', 'read-only transaction'),
      ok('a', 'rollback'),
    ],
  },
  {
    title:
      'every isolation level BEGIN names runs as SERIALIZABLE; SNAPSHOT is no BEGIN option',
    doc: `${DG}r_BEGIN.html`,
    moves: [
      ok('a', 'start transaction isolation level read uncommitted'),
      ok('a', 'show transaction_isolation', [
        { transaction_isolation: 'serializable' },
      ]),
      ok('a', 'end'),
      ok('a', 'begin work isolation level read committed read write'),
      ok('a', 'show transaction_isolation', [
        { transaction_isolation: 'serializable' },
      ]),
      ok('a', 'end'),
      ok('a', 'begin transaction isolation level repeatable read'),
      ok('a', 'show transaction_isolation', [
        { transaction_isolation: 'serializable' },
      ]),
      ok('a', 'end'),
      fails(
        'a',
        'begin isolation level snapshot',
        '42601',
        'syntax error at or near "snapshot"',
      ),
      ok(
        'a',
        "select db_name from stv_db_isolation_level where isolation_level = 'Serializable' and db_name = current_database()",
        [{ db_name: expect.stringMatching(/^local_fidelity_concurrency/) }],
      ),
    ],
  },
  {
    title:
      'each transaction inserting what it counted in the other table: one of the two fails with 1023',
    doc: ISOLATION,
    moves: WRITE_SKEW('a', { error: { code: 'XX000', message: '1023' } }),
  },
]

/** Runs a case's moves on three sessions of `url`, checking each outcome in turn. */
async function runMoves(url: string, testCase: ConcurrencyCase): Promise<void> {
  const sessions = {
    a: await connect(url),
    b: await connect(url),
    c: await connect(url),
  }
  const waiting = new Map<Who, { move: Move; result: Promise<unknown> }>()
  const check = async (move: Move, result: Promise<unknown>) => {
    const where = `${move.who}: ${move.sql} (${testCase.doc})`
    const outcome = move.outcome
    if ('error' in outcome) {
      const error = await result.then(
        () => expect.fail(`${where} succeeded`),
        (e: pg.DatabaseError) => e,
      )
      expect(error.code, where).toBe(outcome.error.code)
      expect(error.message, where).toContain(outcome.error.message)
    } else {
      const rows = ((await result) as pg.QueryResult).rows
      if (outcome.rows !== undefined) expect(rows, where).toEqual(outcome.rows)
    }
  }
  try {
    for (const move of testCase.moves) {
      // Session c only looks on: what waits ends before it looks.
      for (const who of move.who === 'c' ? [...waiting.keys()] : [move.who]) {
        const earlier = waiting.get(who)
        if (earlier === undefined) continue
        waiting.delete(who)
        await check(earlier.move, earlier.result)
      }
      const result = sessions[move.who].query(move.sql)
      result.catch(() => {})
      if (move.waits) {
        let settled = false
        void result.then(
          () => (settled = true),
          () => (settled = true),
        )
        // The others go on meanwhile: a few round trips and a short pause.
        await sessions.c.query('select 1')
        await new Promise((resolve) => setTimeout(resolve, 150))
        await sessions.c.query('select 1')
        expect(
          settled,
          `${move.who}: ${move.sql} waits (${testCase.doc})`,
        ).toBe(false)
        waiting.set(move.who, { move, result })
      } else {
        await check(move, result)
      }
    }
    for (const { move, result } of waiting.values()) await check(move, result)
  } finally {
    for (const client of Object.values(sessions)) await client.end()
  }
}

describe('local emulator: concurrent write operations (Developer Guide)', () => {
  let url: string
  let admin: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({
      url,
      close,
      client: admin,
    } = await openEmulatorDatabase('local_fidelity_concurrency'))
  })
  afterAll(() => close())

  async function reset(): Promise<void> {
    for (const table of ['listing', 'users', 'tab1', 'tab2'])
      await admin.query(`drop table if exists ${table}`)
    for (const sql of SETUP) await admin.query(sql)
  }

  it.each(CASES.map((c) => [c.title, c] as const))(
    '%s',
    async (_title, testCase) => {
      await reset()
      await runMoves(url, testCase)
    },
  )

  it('a parameterized INSERT (extended protocol) waits for the write lock too', async () => {
    await reset()
    const a = await connect(url)
    const b = await connect(url)
    try {
      await a.query('begin')
      await a.query('insert into listing values ($1, $2)', [10, 10])
      await b.query('begin')
      let settled = false
      const second = b.query('delete from listing where id = $1', [10])
      void second.then(() => (settled = true))
      await new Promise((resolve) => setTimeout(resolve, 150))
      await a.query('select 1')
      expect(settled).toBe(false)
      await a.query('commit')
      // It waited for the commit before its snapshot: it sees and deletes the new row.
      expect((await second).rowCount).toBe(1)
      await b.query('commit')
      expect(
        (await admin.query('select count(*)::int as n from listing')).rows,
      ).toEqual([{ n: 3 }])
    } finally {
      await a.end()
      await b.end()
    }
  })

  it('a session that closes lets go of its write locks', async () => {
    await reset()
    const a = await connect(url)
    const b = await connect(url)
    try {
      await a.query('begin')
      await a.query('insert into listing values (10, 10)')
      const second = b.query('insert into listing values (11, 11)')
      await new Promise((resolve) => setTimeout(resolve, 100))
      await a.end()
      await second
      expect(
        (await admin.query('select count(*)::int as n from listing')).rows,
      ).toEqual([{ n: 4 }])
    } finally {
      await b.end()
    }
  })
})

/**
 * The same pages on a database with SNAPSHOT isolation (the emulator's
 * `isolation: 'snapshot'`, as on Serverless): a write skew commits, and a
 * write on rows a concurrent transaction changed after the snapshot fails
 * with the snapshot conflict's text. Whether two writers of one table wait
 * for a write lock there is not documented: PostgreSQL's row locks decide.
 */
const SNAPSHOT_CASES: readonly ConcurrencyCase[] = [
  {
    title:
      'each transaction inserting what it counted in the other table: both commit',
    doc: ISOLATION,
    moves: [
      ...WRITE_SKEW('a', {}),
      ok(
        'c',
        'select (select max(id) from tab1) as t1, (select max(id) from tab2) as t2',
        [{ t1: 0, t2: 0 }],
      ),
    ],
  },
  {
    title:
      'a DELETE of rows another transaction deleted after the snapshot fails as a conflict',
    doc: ISOLATION,
    moves: [
      ok('a', 'begin'),
      ok('a', 'delete from listing where id = 1'),
      ok('b', 'begin'),
      ok('b', 'select count(*)::int as n from listing', [{ n: 3 }]),
      waits('b', 'delete from listing where id = 1', {
        error: {
          code: 'XX000',
          message:
            'could not complete because of conflict with concurrent transaction',
        },
      }),
      ok('a', 'end'),
      ok('b', 'rollback'),
      count('listing', 2),
    ],
  },
]

describe('local emulator: concurrent write operations under SNAPSHOT isolation', () => {
  let url: string
  let admin: pg.Client
  let stop: () => Promise<void>

  beforeAll(async () => {
    let local: LocalRedshift
    ;({ local, stop } = await startOwnEmulator('local_concurrency_snapshot', {
      isolation: 'snapshot',
    }))
    url = local.url
    admin = await connect(url)
  })
  afterAll(async () => {
    await admin.end()
    await stop()
  })

  it.each(SNAPSHOT_CASES.map((c) => [c.title, c] as const))(
    '%s',
    async (_title, testCase) => {
      for (const table of ['listing', 'users', 'tab1', 'tab2'])
        await admin.query(`drop table if exists ${table}`)
      for (const sql of SETUP) await admin.query(sql)
      await runMoves(url, testCase)
    },
  )
})
