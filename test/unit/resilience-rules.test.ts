import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely'
import { describe, expect, it } from 'vitest'

import { statementSettingsOf } from '../../src/dialect/query-settings-plugin.js'
import {
  CircuitBreakerOpenError,
  ConnectionLostError,
  InvalidSqlError,
  mapRedshiftError,
  PoolTimeoutError,
  QueryTimeoutError,
  ResourceError,
  SerializationFailureError,
} from '../../src/errors/index.js'
import { idempotent } from '../../src/resilience/idempotent.js'
import {
  mayRetryConnect,
  mayRetryStatement,
} from '../../src/resilience/retry-rules.js'
import { RetrySchedule } from '../../src/resilience/retry-schedule.js'
import {
  sqlEffectOf,
  statementEffectOf,
} from '../../src/resilience/statement-effect.js'

interface DB {
  t: { id: number }
}

const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

describe('statementEffectOf: what may be run twice', () => {
  it.each([
    ['a select', db.selectFrom('t').selectAll().compile(), 'read'],
    [
      'a select with a select CTE',
      db
        .with('x', (q) => q.selectFrom('t').select('id'))
        .selectFrom('x')
        .selectAll()
        .compile(),
      'read',
    ],
    [
      'a select whose CTE inserts',
      db
        .with('x', (q) => q.insertInto('t').values({ id: 1 }))
        .selectFrom('t')
        .selectAll()
        .compile(),
      'write',
    ],
    ['an insert', db.insertInto('t').values({ id: 1 }).compile(), 'write'],
    ['an update', db.updateTable('t').set({ id: 1 }).compile(), 'write'],
    ['a delete', db.deleteFrom('t').compile(), 'write'],
    ['raw select', sql`select 1`.compile(db), 'read'],
    ['raw insert', sql`insert into t values (1)`.compile(db), 'write'],
  ] as const)('%s: %s', (_name, compiled, effect) => {
    expect(statementEffectOf(compiled)).toBe(effect)
  })

  it.each([
    ['select 1', 'read'],
    ['  /* c */ -- line\n (select 1)', 'read'],
    ['with a as (select 1) select * from a', 'read'],
    ['show search_path', 'read'],
    ['explain select * from t', 'read'],
    ['select * into t2 from t', 'write'],
    ['with a as (select 1) insert into t select * from a', 'write'],
    ['select 1; delete from t', 'write'],
    ['select 1;', 'read'],
    ['copy t from $$s3://b$$', 'write'],
    ['unload ($$select 1$$) to $$s3://b$$', 'write'],
    ['', 'write'],
  ] as const)('%j: %s', (text, effect) => {
    expect(sqlEffectOf(text)).toBe(effect)
    expect(statementEffectOf(CompiledQuery.raw(text))).toBe(effect)
  })
})

describe('idempotent: the mark on one query', () => {
  it('on a builder, through $call, and on a compiled query', () => {
    const built = db
      .deleteFrom('t')
      .where('id', '=', 1)
      .$call(idempotent)
      .compile()
    // The plugin records the mark when the query is compiled by a Redshift
    // compiler; the copy of a compiled query carries it at once.
    const compiled = idempotent(CompiledQuery.raw('delete from t'))
    expect(statementSettingsOf(compiled)).toEqual({ idempotent: true })
    expect(compiled.sql).toBe('delete from t')
    // The mark changes nothing in the SQL.
    expect(built.sql).toBe(db.deleteFrom('t').where('id', '=', 1).compile().sql)
  })
})

describe('mayRetryStatement and mayRetryConnect', () => {
  const serialization = new SerializationFailureError('1023', { code: 'XX000' })
  const lost = mapRedshiftError({ code: 'ECONNRESET', message: 'reset' })
  const busy = mapRedshiftError({ code: '53000', message: 'busy' })
  const syntax = mapRedshiftError({ code: '42601', message: 'syntax' })
  const read = { sent: true, inTransaction: false, repeatable: true }
  const write = { sent: true, inTransaction: false, repeatable: false }
  const unsent = { sent: false, inTransaction: false, repeatable: false }
  const inTransaction = { sent: true, inTransaction: true, repeatable: true }

  it('retries retryable failures of repeatable statements only', () => {
    expect(lost).toBeInstanceOf(ConnectionLostError)
    expect(busy).toBeInstanceOf(ResourceError)
    expect(syntax).toBeInstanceOf(InvalidSqlError)
    expect(mayRetryStatement(serialization, read)).toBe(true)
    expect(mayRetryStatement(serialization, write)).toBe(false)
    expect(mayRetryStatement(lost, read)).toBe(true)
    expect(mayRetryStatement(lost, write)).toBe(false)
    expect(mayRetryStatement(lost, unsent)).toBe(true)
    expect(mayRetryStatement(busy, write)).toBe(true)
    expect(mayRetryStatement(syntax, read)).toBe(false)
    for (const error of [serialization, lost, busy]) {
      expect(mayRetryStatement(error, inTransaction)).toBe(false)
    }
  })

  it('never retries a timeout, an open breaker or a pool timeout', () => {
    const timeout = new QueryTimeoutError('late', {
      timeoutMs: 1,
      cancelled: true,
    })
    const open = new CircuitBreakerOpenError({
      endpoint: 'h:5439',
      halfOpensAt: new Date(),
      failureThreshold: 1,
    })
    const pool = new PoolTimeoutError({
      timeoutMs: 1,
      size: 1,
      inUse: 1,
      idle: 0,
      waiting: 0,
    })
    for (const error of [timeout, open, pool]) {
      expect(mayRetryStatement(error, read)).toBe(false)
      expect(mayRetryStatement(error, unsent)).toBe(false)
      expect(mayRetryConnect(error)).toBe(false)
    }
    expect(mayRetryConnect(lost)).toBe(true)
    expect(mayRetryConnect(syntax)).toBe(false)
  })
})

describe('RetrySchedule: attempts, delays and the time bound', () => {
  const config = {
    enabled: true,
    maxAttempts: 4,
    initialDelayMs: 100,
    maxDelayMs: 300,
    maxElapsedMs: 60_000,
  }

  it('gives maxAttempts - 1 growing, jittered, capped delays', () => {
    const attempts = new RetrySchedule(config).start()
    const delays = [attempts.next(), attempts.next(), attempts.next()]
    expect(attempts.next()).toBeUndefined()
    expect(attempts.attempt).toBe(4)
    // Half jitter: [d/2, d) of 100, 200, then 400 capped at 300.
    expect(delays[0]).toBeGreaterThanOrEqual(50)
    expect(delays[0]).toBeLessThanOrEqual(100)
    expect(delays[1]).toBeGreaterThanOrEqual(100)
    expect(delays[1]).toBeLessThanOrEqual(200)
    expect(delays[2]).toBeGreaterThanOrEqual(150)
    expect(delays[2]).toBeLessThanOrEqual(300)
  })

  it('stops when the next delay would pass maxElapsedMs, or when off', () => {
    expect(
      new RetrySchedule({ ...config, maxElapsedMs: 10 }).start().next(),
    ).toBeUndefined()
    expect(new RetrySchedule({ ...config, enabled: false }).enabled).toBe(false)
    expect(new RetrySchedule({ ...config, maxAttempts: 1 }).enabled).toBe(false)
  })
})
