import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  connect,
  errorOf,
  openEmulatorDatabase,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

/** `prefix` padded with `fill` to exactly `bytes` UTF-8 bytes. */
function nameOf(prefix: string, bytes: number, fill = 'x'): string {
  let name = prefix
  while (Buffer.byteLength(name + fill) <= bytes) name += fill
  while (Buffer.byteLength(name) < bytes) name += 'x'
  expect(Buffer.byteLength(name)).toBe(bytes)
  return name
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`

// 127 bytes: 63 two-byte 'é' and one 'x', as in the codegen fixture.
const TABLE = 'é'.repeat(63) + 'x'
const COLUMN = nameOf('amount_', 100)
const SCHEMA = nameOf('sales_schema_', 90)
const VIEW = nameOf('v_', 64)
const ALIAS = nameOf('total_', 127)
// Share their first 63 bytes (and more): PostgreSQL alone would make them one name.
const TWIN_A = nameOf('twin_', 80) + 'a'
const TWIN_B = nameOf('twin_', 80) + 'b'

describe('identifiers of 64..127 bytes, as on Redshift', () => {
  let client: pg.Client
  let close: () => Promise<void>
  let pgUrl: string

  beforeAll(async () => {
    let db
    ;({ client, close, db } = await openEmulatorDatabase('local_long_names'))
    pgUrl = db.url
  })
  afterAll(() => close())

  it('creates, fills, reads, alters and drops a table with long table and column names', async () => {
    await client.query(
      `create table ${q(TABLE)} (id int, ${q(COLUMN)} decimal(10,2) distkey) sortkey (id)`,
    )
    await client.query(
      `insert into ${q(TABLE)} (id, ${q(COLUMN)}) values (1, 2.5)`,
    )
    // Extended protocol too: pg sends Parse/Bind/Execute when values are given.
    await client.query(
      `insert into ${q(TABLE)} (id, ${q(COLUMN)}) values ($1, $2)`,
      [2, '4.25'],
    )
    const read = await client.query(
      `select id, ${q(COLUMN)} from ${q(TABLE)} order by id`,
    )
    expect(read.fields.map((f) => f.name)).toEqual(['id', COLUMN])
    expect(read.rows).toEqual([
      { id: 1, [COLUMN]: '2.50' },
      { id: 2, [COLUMN]: '4.25' },
    ])
    const star = await client.query(
      `select * from ${q(TABLE)} where id = $1`,
      [1],
    )
    expect(star.fields.map((f) => f.name)).toEqual(['id', COLUMN])

    const added = nameOf('added_column_', 110)
    await client.query(
      `alter table ${q(TABLE)} add column ${q(added)} int default 7`,
    )
    const renamed = nameOf('renamed_column_', 120)
    await client.query(
      `alter table ${q(TABLE)} rename column ${q(added)} to ${q(renamed)}`,
    )
    const after = await client.query(
      `select ${q(renamed)} from ${q(TABLE)} where id = 1`,
    )
    expect(after.rows).toEqual([{ [renamed]: 7 }])
    const columns = await client.query(
      `select column_name from svv_columns where table_name = $1 order by ordinal_position`,
      [TABLE],
    )
    expect(columns.rows.map((r) => r.column_name)).toEqual([
      'id',
      COLUMN,
      renamed,
    ])
    await client.query(`drop table ${q(TABLE)}`)
    const gone = await client.query(
      `select count(*)::int as n from svv_redshift_tables where database_name = current_database() and table_name = $1`,
      [TABLE],
    )
    expect(gone.rows).toEqual([{ n: 0 }])
  })

  it('folds an unquoted long name to lower case, as Redshift does', async () => {
    const upper = nameOf('MixedCaseTable_', 90, 'Q')
    await client.query(`create table ${upper} (a int)`)
    await client.query(`insert into ${upper.toLowerCase()} values (1)`)
    const read = await client.query(`select a from ${q(upper)}`)
    expect(read.rows).toEqual([{ a: 1 }])
    const listed = await client.query(
      `select table_name from svv_redshift_tables where database_name = current_database() and table_name like 'mixedcasetable%'`,
    )
    expect(listed.rows).toEqual([{ table_name: upper.toLowerCase() }])
  })

  it('keeps long schema and view names and shows them in the catalog views', async () => {
    await client.query(`create schema ${q(SCHEMA)}`)
    await client.query(
      `create table ${q(SCHEMA)}.orders (${q(COLUMN)} int, region varchar(10))`,
    )
    await client.query(`insert into ${q(SCHEMA)}.orders values (3, 'eu')`)
    await client.query(
      `create view ${q(SCHEMA)}.${q(VIEW)} as select ${q(COLUMN)} as ${q(ALIAS)} from ${q(SCHEMA)}.orders`,
    )
    const viaView = await client.query(`select * from ${q(SCHEMA)}.${q(VIEW)}`)
    expect(viaView.fields.map((f) => f.name)).toEqual([ALIAS])
    expect(viaView.rows).toEqual([{ [ALIAS]: 3 }])

    const tables = await client.query(
      `select table_name, table_type from svv_redshift_tables where database_name = current_database() and schema_name = $1 order by table_name`,
      [SCHEMA],
    )
    expect(tables.rows).toEqual([
      { table_name: 'orders', table_type: 'TABLE' },
      { table_name: VIEW, table_type: 'VIEW' },
    ])
    for (const view of ['svv_redshift_columns', 'svv_all_columns']) {
      const { rows } = await client.query(
        `select schema_name, table_name, column_name from ${view}
         where database_name = current_database() and schema_name = $1 order by table_name, ordinal_position`,
        [SCHEMA],
      )
      expect(rows, view).toEqual([
        { schema_name: SCHEMA, table_name: 'orders', column_name: COLUMN },
        { schema_name: SCHEMA, table_name: 'orders', column_name: 'region' },
        { schema_name: SCHEMA, table_name: VIEW, column_name: ALIAS },
      ])
    }
    const svv = await client.query(
      `select table_schema, table_name, column_name from svv_columns
       where table_schema = $1 and table_name = $2`,
      [SCHEMA, VIEW],
    )
    expect(svv.rows).toEqual([
      { table_schema: SCHEMA, table_name: VIEW, column_name: ALIAS },
    ])
    const info = await client.query(
      `select "schema", "table" from svv_table_info where "schema" = $1`,
      [SCHEMA],
    )
    expect(info.rows).toEqual([{ schema: SCHEMA, table: 'orders' }])
  })

  it('shows long names in PG_TABLE_DEF up to the 63 bytes its name columns hold', async () => {
    const table = nameOf('def_', 70)
    await client.query(`create table ${q(table)} (${q(COLUMN)} int)`)
    const { rows } = await client.query(
      `select tablename, "column" from pg_table_def where tablename like 'def_%'`,
    )
    expect(rows).toEqual([
      { tablename: table.slice(0, 63), column: COLUMN.slice(0, 63) },
    ])
  })

  it('returns a long alias as the result column name (simple and extended protocol)', async () => {
    const simple = await client.query(`select 1 as ${q(ALIAS)}, 2 as short`)
    expect(simple.fields.map((f) => f.name)).toEqual([ALIAS, 'short'])
    expect(simple.rows).toEqual([{ [ALIAS]: 1, short: 2 }])
    const multibyte = 'ü'.repeat(60)
    const extended = await client.query(
      `select $1::int as ${q(multibyte)}`,
      [5],
    )
    expect(extended.fields.map((f) => f.name)).toEqual([multibyte])
    expect(extended.rows).toEqual([{ [multibyte]: 5 }])
  })

  it('quotes the long name in errors', async () => {
    const missing = nameOf('no_such_table_', 100)
    const error = await errorOf(client.query(`select * from ${q(missing)}`))
    expect(error.code).toBe('42P01')
    expect(error.message).toBe(`relation "${missing}" does not exist`)
    await client.query(`create table ${q(TWIN_A)} (a int)`)
    const column = await errorOf(
      client.query(`select ${q(COLUMN)} from ${q(TWIN_A)}`),
    )
    expect(column.message).toBe(`column "${COLUMN}" does not exist`)
  })

  it('keeps two long names that share their first 63 bytes apart', async () => {
    expect(TWIN_A.slice(0, 63)).toBe(TWIN_B.slice(0, 63))
    await client.query(`create table if not exists ${q(TWIN_A)} (a int)`)
    await client.query(`create table ${q(TWIN_B)} (b int)`)
    await client.query(`insert into ${q(TWIN_A)} values (1)`)
    await client.query(`insert into ${q(TWIN_B)} values (2)`)
    expect((await client.query(`select * from ${q(TWIN_A)}`)).rows).toEqual([
      { a: 1 },
    ])
    expect((await client.query(`select * from ${q(TWIN_B)}`)).rows).toEqual([
      { b: 2 },
    ])
    const { rows } = await client.query(
      `select table_name from svv_redshift_tables where database_name = current_database() and table_name like 'twin_%' order by table_name`,
    )
    expect(rows).toEqual([{ table_name: TWIN_A }, { table_name: TWIN_B }])
  })

  it('truncates a name over 127 bytes to 127, as Redshift documents', async () => {
    const kept = nameOf('truncated_', 127)
    const long = kept + 'beyond'
    await client.query(`create table ${q(long)} (a int)`)
    // Any name with the same first 127 bytes is the same table.
    await client.query(`insert into ${q(kept + 'other')} values (1)`)
    expect((await client.query(`select a from ${q(kept)}`)).rows).toEqual([
      { a: 1 },
    ])
    const { rows } = await client.query(
      `select table_name from svv_redshift_tables where database_name = current_database() and table_name like 'truncated_%'`,
    )
    expect(rows).toEqual([{ table_name: kept }])
    // A multibyte character is never split: 126 bytes of 'é' plus one more 'é' keeps 126.
    const accents = 'é'.repeat(64)
    const alias = await client.query(`select 1 as ${q(accents)}`)
    expect(alias.fields[0]!.name).toBe('é'.repeat(63))
  })

  it('leaves long names inside string literals and comments alone', async () => {
    const { rows, fields } = await client.query(
      `select '${TWIN_A}' as v, 'x"${TWIN_B}"y' as w /* ${TWIN_A} */ -- "${TWIN_B}"\n`,
    )
    expect(fields.map((f) => f.name)).toEqual(['v', 'w'])
    expect(rows).toEqual([{ v: TWIN_A, w: `x"${TWIN_B}"y` }])
  })

  it('records each long name with its PostgreSQL name, and a rolled-back CREATE records none', async () => {
    const direct = await connect(pgUrl)
    try {
      const { rows } = await direct.query<{ long_name: string }>(
        'select long_name from redshift_local.long_names where long_name = any ($1)',
        [[TWIN_A, TWIN_B, COLUMN, SCHEMA, VIEW, ALIAS]],
      )
      expect(rows.map((r) => r.long_name).sort()).toEqual(
        [TWIN_A, TWIN_B, COLUMN, SCHEMA, VIEW, ALIAS].sort(),
      )
      const undone = nameOf('rolled_back_', 99)
      await client.query('begin')
      await client.query(`create table ${q(undone)} (a int)`)
      await client.query('rollback')
      const none = await direct.query(
        'select 1 from redshift_local.long_names where long_name = $1',
        [undone],
      )
      expect(none.rowCount).toBe(0)
      // PostgreSQL holds short names of at most 63 bytes.
      const short = await direct.query<{ n: number }>(
        `select max(octet_length(short_name::text))::int as n from redshift_local.long_names`,
      )
      expect(short.rows[0]!.n).toBeLessThanOrEqual(63)
    } finally {
      await direct.end()
    }
  })
})

describe('long names recorded by an earlier emulator', () => {
  let own: OwnEmulator | undefined

  afterAll(() => own?.stop())

  it('are shown by a new emulator on the same database', async () => {
    own = await startOwnEmulator('local_long_names_restart')
    const table = nameOf('restart_', 100)
    const first = await connect(own.local.url)
    await first.query(`create table ${q(table)} (${q(COLUMN)} int)`)
    await first.end()
    await own.local.stop()
    const { startLocalRedshift } = await import('../../src/local/index.js')
    const again = await startLocalRedshift({
      port: 0,
      pgUrl: own.local.pgUrl,
      database: own.db.name,
    })
    try {
      const client = await connect(again.url)
      // A view over the table, planned by this emulator without the long name in its text.
      await client.query(`create view plain as select * from ${q(table)}`)
      const { fields } = await client.query('select * from plain')
      expect(fields.map((f) => f.name)).toEqual([COLUMN])
      await client.end()
    } finally {
      await again.stop()
    }
  })
})
