import { sql, type Kysely } from 'kysely'
import type pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { createRedshift } from '../../src/client.js'
import { withQuerySettings } from '../../src/dialect/query-settings-plugin.js'
import {
  ConnectionLostError,
  InvalidSqlError,
  QueryTimeoutError,
  ResourceError,
  SerializationFailureError,
  UnknownOutcomeError,
} from '../../src/errors/index.js'
import type { LocalRedshift } from '../../src/local/index.js'
import { idempotent } from '../../src/resilience/idempotent.js'
import {
  connect,
  eventually,
  startOwnEmulator,
} from '../integration/local-test-helpers.js'

interface DB {
  t: { id: number; note: string }
  locked: { id: number }
}

type Kind = 'read' | 'idempotent' | 'write' | 'transaction'
const KINDS: readonly Kind[] = ['read', 'idempotent', 'write', 'transaction']

// Fast backoff: the matrix checks what is retried, not how long it waits.
const RETRY = { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20 }

describe('retry policy: error class x statement kind, against faults injected by the emulator', () => {
  // Faults apply to the whole emulator, so this file runs one of its own.
  let local: LocalRedshift
  let admin: pg.Client
  let stop: () => Promise<void>
  let db: Kysely<DB> & { close(): Promise<void> }
  let serial = 0

  beforeAll(async () => {
    ;({ local, stop } = await startOwnEmulator('resilience_retry'))
    admin = await connect(local.url)
    await admin.query('create table t (id int, note varchar(40))')
    await admin.query('create table locked (id int)')
    db = createRedshift<DB>({ url: local.url, retry: RETRY })
  })
  afterEach(() => local.faults.reset())
  afterAll(async () => {
    await db?.close()
    await admin?.end()
    await stop()
  })

  /** A tag no other statement contains: the fault's pattern and the log's key. */
  const tagOf = (kind: Kind) => `m${++serial}_${kind}`

  /** Runs the statement of `kind`, marked with `tag` in its SQL text. */
  function run(on: Kysely<DB>, kind: Kind, tag: string): Promise<unknown> {
    const id = serial
    switch (kind) {
      case 'read':
        return on
          .selectFrom('t')
          .select(sql<number>`count(*)`.as(tag))
          .execute()
      case 'idempotent':
        // Setting a fixed value twice changes nothing more than once.
        return on
          .updateTable('t')
          .set({ note: sql.lit(tag) })
          .where('id', '=', -1)
          .$call(idempotent)
          .execute()
      case 'write':
        // No bind values: one simple-protocol message, so a connection
        // dropped after it was sent leaves a statement that did run.
        return on
          .insertInto('t')
          .values({ id: sql.lit(id), note: sql.lit(tag) })
          .execute()
      case 'transaction':
        return on.transaction().execute((trx) =>
          trx
            .insertInto('t')
            .values({ id, note: sql.lit(tag) })
            .execute(),
        )
    }
  }

  /** Times the statement reached the emulator (STL_QUERY keeps refused runs too). */
  async function attempts(tag: string): Promise<number> {
    const { rows } = await admin.query(
      'select count(*)::int as n from stl_query where strpos(querytxt, $1) > 0',
      [tag],
    )
    return rows[0].n
  }

  async function rowsWith(tag: string): Promise<number> {
    const { rows } = await admin.query(
      'select count(*)::int as n from t where note = $1',
      [tag],
    )
    return rows[0].n
  }

  async function outcome(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise
      return 'ok'
    } catch (error) {
      return error
    }
  }

  const serverErrors = [
    {
      name: 'serialization failure (XX000, message 1023)',
      fault: {
        code: 'XX000',
        message: '1023',
        detail:
          'Serializable isolation violation on table - 100, transactions forming the cycle are: 1, 2 (pid:3)',
      },
      type: SerializationFailureError,
      retried: {
        read: true,
        idempotent: true,
        write: false,
        transaction: false,
      },
    },
    {
      name: 'serialization failure (40001)',
      fault: {
        code: '40001',
        message: 'could not serialize access due to concurrent update',
      },
      type: SerializationFailureError,
      retried: {
        read: true,
        idempotent: true,
        write: false,
        transaction: false,
      },
    },
    {
      name: 'throttling (53000, WLM queue busy)',
      fault: {
        code: '53000',
        message:
          'insufficient resources to run the query: WLM queue wait timeout',
      },
      type: ResourceError,
      // Refused before it started: nothing ran, so even a write is repeated.
      retried: {
        read: true,
        idempotent: true,
        write: true,
        transaction: false,
      },
    },
    {
      name: 'too many connections (53300)',
      fault: {
        code: '53300',
        message: 'connection limit "500" exceeded for non-bootstrap users',
      },
      type: ResourceError,
      retried: {
        read: true,
        idempotent: true,
        write: true,
        transaction: false,
      },
    },
    {
      name: 'a plain SQL error (42601)',
      fault: { code: '42601', message: 'syntax error at or near "x"' },
      type: InvalidSqlError,
      retried: {
        read: false,
        idempotent: false,
        write: false,
        transaction: false,
      },
    },
  ] as const

  for (const error of serverErrors) {
    describe(error.name, () => {
      for (const kind of KINDS) {
        const retried = error.retried[kind]
        it(`${kind}: ${retried ? 'retried' : 'not retried'}`, async () => {
          const tag = tagOf(kind)
          local.faults.failNext({ pattern: tag, ...error.fault })
          const result = await outcome(run(db, kind, tag))
          if (retried) {
            expect(result).toBe('ok')
            expect(await attempts(tag)).toBe(2)
          } else {
            expect(result).toBeInstanceOf(error.type)
            expect(await attempts(tag)).toBe(1)
          }
          if (kind === 'write' || kind === 'transaction') {
            // Written once when it succeeded, never twice.
            expect(await rowsWith(tag)).toBe(retried ? 1 : 0)
          }
        })
      }
    })
  }

  describe('connection refused before the statement was sent', () => {
    for (const kind of KINDS) {
      it(`${kind}: the connect is retried, the statement runs once`, async () => {
        // A client of its own, so the statement needs a new connection.
        const fresh = createRedshift<DB>({ url: local.url, retry: RETRY })
        try {
          const tag = tagOf(kind)
          const before = local.faults.counters
          local.faults.refuseConnections({ count: 2 })
          expect(await outcome(run(fresh, kind, tag))).toBe('ok')
          const after = local.faults.counters
          expect(after.refusedConnections - before.refusedConnections).toBe(2)
          expect(after.connectionAttempts - before.connectionAttempts).toBe(3)
          expect(await attempts(tag)).toBe(1)
          if (kind === 'write' || kind === 'transaction') {
            expect(await rowsWith(tag)).toBe(1)
          }
        } finally {
          await fresh.close()
        }
      })
    }

    it('gives up after retry.maxAttempts connects, with the refusal', async () => {
      const fresh = createRedshift<DB>({ url: local.url, retry: RETRY })
      try {
        const before = local.faults.counters
        local.faults.refuseConnections({ count: 10 })
        const result = await outcome(run(fresh, 'read', tagOf('read')))
        expect(result).toBeInstanceOf(ResourceError)
        expect((result as ResourceError).reason).toBe('too-many-connections')
        const after = local.faults.counters
        expect(after.connectionAttempts - before.connectionAttempts).toBe(3)
      } finally {
        await fresh.close()
      }
    })
  })

  describe('connection dropped after the statement was sent', () => {
    it('read: retried on a fresh connection', async () => {
      const tag = tagOf('read')
      local.faults.dropConnection({ pattern: tag })
      expect(await outcome(run(db, 'read', tag))).toBe('ok')
      // The lost session's log row lands when its backend finishes, which
      // may be after the retry has answered.
      await eventually(async () => (await attempts(tag)) >= 2)
      expect(await attempts(tag)).toBe(2)
      expect(local.faults.counters.droppedConnections).toBeGreaterThan(0)
    })

    it('idempotent: retried on a fresh connection', async () => {
      const tag = tagOf('idempotent')
      local.faults.dropConnection({ pattern: tag })
      expect(await outcome(run(db, 'idempotent', tag))).toBe('ok')
      // The lost session's log row lands when its backend finishes, which
      // may be after the retry has answered.
      await eventually(async () => (await attempts(tag)) >= 2)
      expect(await attempts(tag)).toBe(2)
    })

    it('idempotent through withQuerySettings: retried too', async () => {
      const tag = tagOf('idempotent')
      local.faults.dropConnection({ pattern: tag })
      const safe = withQuerySettings(db, { idempotent: true })
      const result = await outcome(
        safe.deleteFrom('t').where('note', '=', sql.lit(tag)).execute(),
      )
      expect(result).toBe('ok')
      // The lost session's log row lands when its backend finishes, which
      // may be after the retry has answered.
      await eventually(async () => (await attempts(tag)) >= 2)
      expect(await attempts(tag)).toBe(2)
    })

    it('unmarked write: not retried, its outcome is unknown, and it ran exactly once', async () => {
      const tag = tagOf('write')
      local.faults.dropConnection({ pattern: tag })
      const result = await outcome(run(db, 'write', tag))
      expect(result).toBeInstanceOf(UnknownOutcomeError)
      expect(result).toBeInstanceOf(ConnectionLostError)
      expect((result as UnknownOutcomeError).isRetryable).toBe(false)
      expect((result as Error).message).toMatch(/whether it ran is unknown/)
      // The lost session, to wait for before reading what it did.
      expect((result as UnknownOutcomeError).backendPid).toBeGreaterThan(0)
      await eventually(async () => (await rowsWith(tag)) === 1)
      expect(await attempts(tag)).toBe(1)
      expect(await rowsWith(tag)).toBe(1)
    })

    it('unmarked write dropped before it reached PostgreSQL: also unknown to the client, and it never ran', async () => {
      const tag = tagOf('write')
      local.faults.dropConnection({ pattern: tag, when: 'before-send' })
      const result = await outcome(run(db, 'write', tag))
      expect(result).toBeInstanceOf(UnknownOutcomeError)
      expect(await rowsWith(tag)).toBe(0)
    })

    it('in a transaction: not retried; the transaction is rolled back, so the loss is a plain ConnectionLostError', async () => {
      const tag = tagOf('transaction')
      local.faults.dropConnection({ pattern: tag })
      const result = await outcome(run(db, 'transaction', tag))
      expect(result).toBeInstanceOf(ConnectionLostError)
      expect(result).not.toBeInstanceOf(UnknownOutcomeError)
      expect(await attempts(tag)).toBe(1)
      expect(await rowsWith(tag)).toBe(0)
    })

    it('COMMIT: its outcome is unknown', async () => {
      const tag = tagOf('transaction')
      const result = await outcome(
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('t')
            .values({ id: serial, note: sql.lit(tag) })
            .execute()
          // The next statement on this session is the driver's COMMIT.
          local.faults.dropConnection({ pattern: 'commit' })
        }),
      )
      expect(result).toBeInstanceOf(UnknownOutcomeError)
      expect((result as Error).message).toMatch(/COMMIT was sent/)
    })
  })

  describe('a timeout', () => {
    for (const kind of KINDS) {
      it(`${kind}: not retried`, async () => {
        const blocker = await connect(local.url)
        try {
          await blocker.query('begin')
          await blocker.query('lock table locked')
          const tag = tagOf(kind)
          const quick = withQuerySettings(db, { timeoutMs: 300 })
          // The statement waits for the lock until its time is up.
          const insert = (on: Kysely<DB>) =>
            on.insertInto('locked').values({
              id: sql<number>`${sql.lit(serial)} /* ${sql.raw(tag)} */`,
            })
          const statement =
            kind === 'read'
              ? quick
                  .selectFrom('locked')
                  .select(sql<number>`count(*)`.as(tag))
                  .execute()
              : kind === 'transaction'
                ? quick.transaction().execute((trx) => insert(trx).execute())
                : kind === 'idempotent'
                  ? insert(quick).$call(idempotent).execute()
                  : insert(quick).execute()
          const result = await outcome(statement)
          expect(result).toBeInstanceOf(QueryTimeoutError)
          expect((result as QueryTimeoutError).cancelled).toBe(true)
          expect(await attempts(tag)).toBe(1)
        } finally {
          await blocker.query('rollback')
          await blocker.end()
        }
      })
    }
  })
})
