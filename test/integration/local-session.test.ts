import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  mapRedshiftError,
  SerializationFailureError,
} from '../../src/errors/index.js'
import type { TestDatabase } from '../setup/test-database.js'
import {
  connect,
  emulatorUrl,
  errorOf,
  openEmulatorDatabase,
  psqlAvailable,
  runPsql,
} from './local-test-helpers.js'

describe('local emulator: session parameters', () => {
  let url: string
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ url, client, close } = await openEmulatorDatabase('local_session'))
  })
  afterAll(() => close())

  const show = async (c: pg.Client, name: string) =>
    (await c.query(`show ${name}`)).rows[0][name] as string

  it('keeps query_group: unset, SET [SESSION|LOCAL] ... TO, RESET', async () => {
    expect(await show(client, 'query_group')).toBe('unset')
    const set = await client.query("set query_group to 'etl'")
    expect(set.command).toBe('SET')
    expect(await show(client, 'query_group')).toBe('etl')
    await client.query("set session query_group = 'reports'")
    expect(await show(client, 'query_group')).toBe('reports')
    const reset = await client.query('reset query_group')
    expect(reset.command).toBe('RESET')
    expect(await show(client, 'query_group')).toBe('unset')
  })

  it('follows transactions: ROLLBACK undoes SET, SET LOCAL ends with the block', async () => {
    await client.query("set query_group to 'outer'")
    await client.query('begin')
    await client.query("set query_group to 'inner'")
    expect(await show(client, 'query_group')).toBe('inner')
    await client.query('rollback')
    expect(await show(client, 'query_group')).toBe('outer')
    await client.query('begin')
    await client.query("set local query_group to 'local'")
    expect(await show(client, 'query_group')).toBe('local')
    await client.query('commit')
    expect(await show(client, 'query_group')).toBe('outer')
    await client.query('reset query_group')
  })

  it('answers the other Redshift-only parameters and validates their values', async () => {
    expect(await show(client, 'enable_result_cache_for_session')).toBe('on')
    await client.query('set enable_result_cache_for_session to off')
    expect(await show(client, 'enable_result_cache_for_session')).toBe('off')
    expect(await show(client, 'wlm_query_slot_count')).toBe('1')
    await client.query('set wlm_query_slot_count to 2')
    expect(await show(client, 'wlm_query_slot_count')).toBe('2')
    const invalid = await errorOf(
      client.query('set wlm_query_slot_count to 51'),
    )
    expect(invalid.code).toBe('22023')
    await client.query('reset all')
    expect(await show(client, 'wlm_query_slot_count')).toBe('1')
    expect(await show(client, 'server_version')).toBe('8.0.2')
  })

  it('passes PostgreSQL-known parameters to PostgreSQL and refuses unknown ones', async () => {
    await client.query('set search_path to public')
    expect(await show(client, 'search_path')).toBe('public')
    await client.query("set timezone to 'UTC'")
    expect(await show(client, 'timezone')).toBe('UTC')
    const unknown = await errorOf(client.query('set enable_seqscan to off'))
    expect(unknown.code).toBe('42704')
    expect(unknown.message).toBe(
      'unrecognized configuration parameter "enable_seqscan"',
    )
  })

  it("enforces statement_timeout (ms) with Redshift's cancel message", async () => {
    const other = await connect(url)
    try {
      await other.query('create table slow_lock (id int)')
      await other.query('begin')
      await other.query('lock table slow_lock')
      await client.query('set statement_timeout to 150')
      // Milliseconds without a unit, as Redshift shows it (r_statement_timeout.html).
      expect(await show(client, 'statement_timeout')).toBe('150')
      const started = Date.now()
      const error = await errorOf(
        client.query('select count(*) from slow_lock'),
      )
      expect(Date.now() - started).toBeGreaterThanOrEqual(140)
      expect(error.code).toBe('57014')
      expect(error.message).toMatch(
        /^Query \(\d+\) cancelled on user's request$/,
      )
      await client.query('set statement_timeout to 0')
      await other.query('rollback')
    } finally {
      await other.end()
    }
  })

  it('folds quoted identifiers to lower case unless enable_case_sensitive_identifier is on', async () => {
    await client.query('create table "MixedCase" ("Id" int)')
    await client.query('insert into mixedcase values (1)')
    const folded = await client.query('select "Id" as "Total" from "MIXEDCASE"')
    expect(folded.fields.map((f) => f.name)).toEqual(['total'])
    await client.query('set enable_case_sensitive_identifier to true')
    const sensitive = await client.query('select 1 as "Total"')
    expect(sensitive.fields.map((f) => f.name)).toEqual(['Total'])
    const missing = await errorOf(client.query('select * from "MIXEDCASE"'))
    expect(missing.code).toBe('42P01')
    await client.query('reset enable_case_sensitive_identifier')
  })

  it('sets parameters through the extended protocol too', async () => {
    await client.query({ text: "set query_group to 'extended'", values: [] })
    const { rows } = await client.query({
      text: 'show query_group',
      values: [],
      queryMode: 'extended',
    } as never)
    expect(rows).toEqual([{ query_group: 'extended' }])
    await client.query('reset query_group')
  })

  it.skipIf(!psqlAvailable)('answers SET / SHOW through psql', async () => {
    const result = await runPsql(url, [
      '-At',
      '-c',
      "set query_group to 'from_psql'",
      '-c',
      'show query_group',
      '-c',
      'show wlm_query_slot_count',
    ])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout.trim().split('\n')).toEqual(['SET', 'from_psql', '1'])
  })
})

describe('local emulator: transactions', () => {
  let db: TestDatabase
  let url: string
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ db, url, client, close } = await openEmulatorDatabase('local_tx', [
      'create table accounts (id int, balance int)',
      'insert into accounts values (1, 100), (2, 100)',
    ]))
  })
  afterAll(() => close())

  it('runs every transaction SERIALIZABLE, whatever BEGIN asks for', async () => {
    await client.query('begin')
    expect(
      (await client.query('show transaction_isolation')).rows[0]
        .transaction_isolation,
    ).toBe('serializable')
    await client.query('commit')
    await client.query('begin isolation level read committed')
    expect(
      (await client.query('show transaction_isolation')).rows[0]
        .transaction_isolation,
    ).toBe('serializable')
    await client.query('commit')
    expect(
      (await client.query('show transaction_isolation')).rows[0]
        .transaction_isolation,
    ).toBe('serializable')
  })

  it('refuses in a transaction block what Redshift refuses there (25001)', async () => {
    for (const [sql, what] of [
      ['vacuum accounts', 'VACUUM'],
      ['vacuum sort only accounts to 75 percent', 'VACUUM'],
      [
        'alter table accounts alter column id type varchar(10)',
        'ALTER TABLE ALTER COLUMN',
      ],
      ['create database other_db', 'CREATE DATABASE'],
      ['alter table accounts append from accounts', 'ALTER TABLE APPEND'],
    ] as const) {
      await client.query('begin')
      const error = await errorOf(client.query(sql))
      expect(error.code, sql).toBe('25001')
      expect(error.message).toBe(
        `${what} cannot run inside a transaction block`,
      )
      await client.query('rollback')
    }
    // Outside a block they run.
    await client.query('vacuum accounts')
    await client.query('vacuum delete only accounts boost')
  })

  it('creates and drops a database outside a block (the emulator lets go of it first)', async () => {
    const name = `${db.name}_extra`
    await client.query(`create database ${name}`)
    const other = await connect(emulatorUrl(name))
    expect(
      (await other.query('select count(*)::int as n from stl_query')).rows[0].n,
    ).toBeGreaterThanOrEqual(0)
    await other.end()
    await client.query(`drop database ${name}`)
    const { rows } = await client.query(
      'select count(*)::int as n from pg_database where datname = $1',
      [name],
    )
    expect(rows).toEqual([{ n: 0 }])
  })

  it('moves rows with ALTER TABLE APPEND', async () => {
    await client.query('create table append_target (id int, balance int)')
    await client.query('create table append_source (id int, balance int)')
    await client.query('insert into append_source values (7, 70), (8, 80)')
    const result = await client.query(
      'alter table append_target append from append_source',
    )
    expect(result.command).toBe('ALTER')
    const counts = await client.query(
      'select (select count(*) from append_target)::int as target, (select count(*) from append_source)::int as source',
    )
    expect(counts.rows).toEqual([{ target: 2, source: 0 }])
  })

  it('commits the open transaction before TRUNCATE, as Redshift does', async () => {
    await client.query('create table kept (id int)')
    await client.query('create table emptied (id int)')
    await client.query('insert into emptied values (1)')
    await client.query('begin')
    await client.query('insert into kept values (1)')
    await client.query('truncate emptied')
    // The transaction ended with TRUNCATE: the ROLLBACK has nothing to undo.
    await client.query('rollback')
    const { rows } = await client.query(
      'select (select count(*) from kept)::int as kept, (select count(*) from emptied)::int as emptied',
    )
    expect(rows).toEqual([{ kept: 1, emptied: 0 }])
  })

  /** Two blocks read `table`, each writes a row: the second to commit fails with 1023. */
  async function conflictOn(table: string) {
    const a = await connect(url)
    const b = await connect(url)
    try {
      await a.query('begin')
      await b.query('begin')
      await a.query(`select sum(balance) from ${table}`)
      await b.query(`select sum(balance) from ${table}`)
      await a.query(`update ${table} set balance = balance - 10 where id = 1`)
      const second = b.query(
        `update ${table} set balance = balance - 10 where id = 2`,
      )
      await a.query('commit')
      const error = await errorOf(second.then(() => b.query('commit')))
      await b.query('rollback').catch(() => {})
      const { rows } = await b.query(
        'select oid::int8 as id from pg_class where relname = $1',
        [table],
      )
      return { error, id: String(rows[0].id) }
    } finally {
      await a.end()
      await b.end()
    }
  }

  it("reports a serialization conflict as XX000 / 1023 with Redshift's detail", async () => {
    const { error, id } = await conflictOn('accounts')
    expect(error.code).toBe('XX000')
    expect(error.message).toBe('1023')
    // Redshift names the table by its id (c_serial_isolation.html; the raw
    // fields in aws/aws-sdk-pandas#665): the emulator gives the table's OID.
    expect(error.detail).toMatch(
      /^Serializable isolation violation on table - \d+, transactions forming the cycle are: \d+, \d+ \(pid:\d+\)$/,
    )
    expect(error.detail).toContain(`on table - ${id},`)
    const mapped = mapRedshiftError(error)
    expect(mapped).toBeInstanceOf(SerializationFailureError)
    expect(mapped.isRetryable).toBe(true)
  })

  it("names the table by its id when the emulator's own connection is slow to look it up", async () => {
    // A direct session holds the query log, so the emulator's connection to
    // this database is stuck behind the log write it has queued: the id
    // lookup of the first statements on slow_ids waits behind it.
    const holder = await connect(db.url)
    try {
      await holder.query('begin')
      await holder.query('lock table redshift_local.query_log')
      await client.query('select 1')
      await new Promise((resolve) => setTimeout(resolve, 300))
      const conflict = (async () => {
        await client.query('create table slow_ids (id int, balance int)')
        await client.query('insert into slow_ids values (1, 100), (2, 100)')
        return conflictOn('slow_ids')
      })()
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      await holder.query('commit')
      const { error, id } = await conflict
      expect(error.message).toBe('1023')
      expect(error.detail).toContain(`on table - ${id},`)
    } finally {
      await holder.end()
    }
  })

  it('names a dropped and recreated table by its new id in the 1023 detail', async () => {
    const setup = [
      'create table ledger (id int, balance int)',
      'insert into ledger values (1, 100), (2, 100)',
    ]
    for (const sql of setup) await client.query(sql)
    const first = await conflictOn('ledger')
    await client.query('drop table ledger')
    for (const sql of setup) await client.query(sql)
    const second = await conflictOn('ledger')
    expect(second.id).not.toBe(first.id)
    expect(first.error.detail).toContain(`on table - ${first.id},`)
    expect(second.error.detail).toContain(`on table - ${second.id},`)
  })
})
