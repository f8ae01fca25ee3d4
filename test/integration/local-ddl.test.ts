import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { installCatalog } from '../../src/local/catalog/install-catalog.js'
import { buildTableAttributesUpsert } from '../../src/local/catalog/table-attributes.js'
import { rewriteRedshiftDdl } from '../../src/local/sql/redshift-ddl.js'
import { rewriteRedshiftFunctions } from '../../src/local/sql/rewrite-functions.js'
import { openTestDatabase } from '../setup/test-database.js'

describe('Redshift DDL on PostgreSQL', () => {
  let client: pg.Client
  let close: () => Promise<void>

  /**
   * What the emulator does with a CREATE: rewrite the DDL, rewrite function
   * syntax, run it, then record the attributes in the same session.
   */
  async function create(sql: string): Promise<void> {
    const ddl = rewriteRedshiftDdl(sql)
    if (ddl !== null && 'error' in ddl) throw new Error(ddl.error.message)
    const text = rewriteRedshiftFunctions(ddl?.sql ?? sql, {
      lastQueryId: null,
    })
    await client.query(text)
    if (ddl?.attributes) {
      const { text: upsert, values } = buildTableAttributesUpsert([
        ddl.attributes,
      ])
      await client.query(upsert, [...values])
      const { schema, name } = ddl.attributes.relation
      const recorded = await client.query(
        `select 1 from redshift_local.table_attributes
         where table_name = $1 and ($2::text is null or schema_name = $2)`,
        [name, schema],
      )
      expect(recorded.rowCount).toBe(1)
    }
  }

  beforeAll(async () => {
    ;({ client, close } = await openTestDatabase('local_ddl'))
    await installCatalog(client)
  })
  afterAll(() => close())

  it('creates a table with Redshift attributes that PG_TABLE_DEF and SVV_TABLE_INFO show', async () => {
    await create(`create table public.sales (
        id bigint identity(1, 1),
        region varchar distkey,
        sold_at timestamp sortkey,
        amount decimal encode az64,
        note text encode zstd,
        doc super,
        raw_bytes varbyte(100),
        flag bpchar
      ) backup no`)
    const def = await client.query(
      `select "column", type, trim(encoding) as encoding, distkey, sortkey, "notnull"
       from pg_table_def where tablename = 'sales' order by "column"`,
    )
    expect(def.rows).toEqual([
      {
        column: 'amount',
        type: 'numeric(18,0)',
        encoding: 'az64',
        distkey: false,
        sortkey: 0,
        notnull: false,
      },
      {
        column: 'doc',
        type: 'super',
        encoding: 'none',
        distkey: false,
        sortkey: 0,
        notnull: false,
      },
      {
        column: 'flag',
        type: 'character(256)',
        encoding: 'lzo',
        distkey: false,
        sortkey: 0,
        notnull: false,
      },
      {
        column: 'id',
        type: 'bigint',
        encoding: 'az64',
        distkey: false,
        sortkey: 0,
        notnull: true,
      },
      {
        column: 'note',
        type: 'character varying(256)',
        encoding: 'zstd',
        distkey: false,
        sortkey: 0,
        notnull: false,
      },
      {
        column: 'raw_bytes',
        type: 'varbyte(100)',
        encoding: 'none',
        distkey: false,
        sortkey: 0,
        notnull: false,
      },
      {
        column: 'region',
        type: 'character varying(256)',
        encoding: 'lzo',
        distkey: true,
        sortkey: 0,
        notnull: false,
      },
      {
        column: 'sold_at',
        type: 'timestamp without time zone',
        encoding: 'none',
        distkey: false,
        sortkey: 1,
        notnull: false,
      },
    ])
    expect(
      (
        await client.query(
          'select count(*) from svv_table_info where "table" = \'sales\'',
        )
      ).rows[0].count,
    ).toBe('0') // Redshift leaves empty tables out
    await client.query(
      rewriteRedshiftFunctions(
        `insert into sales (region, sold_at, amount, note, doc) values ('eu', getdate(), 10, 'n', json_parse('{"a":1}'))`,
        { lastQueryId: null },
      ),
    )
    const info = await client.query(
      `select encoded, diststyle, sortkey1, sortkey_num, max_varchar, tbl_rows from svv_table_info where "table" = 'sales'`,
    )
    expect(info.rows).toEqual([
      {
        encoded: 'Y',
        diststyle: 'KEY(region)',
        sortkey1: 'sold_at',
        sortkey_num: 1,
        max_varchar: 256,
        tbl_rows: '1',
      },
    ])
    const columns = await client.query(
      `select column_name, data_type from svv_columns where table_name = 'sales' and column_name in ('doc', 'raw_bytes') order by 1`,
    )
    expect(columns.rows).toEqual([
      { column_name: 'doc', data_type: 'super' },
      { column_name: 'raw_bytes', data_type: 'varbyte' },
    ])
  })

  it('enforces Redshift lengths: TEXT and VARCHAR hold 256 characters', async () => {
    await expect(
      client.query(`insert into sales (note) values (repeat('x', 257))`),
    ).rejects.toThrow(/value too long for type character varying\(256\)/)
  })

  it('IDENTITY refuses explicit values; GENERATED BY DEFAULT takes them', async () => {
    await create(
      'create table ids (a int identity(10, 5), b int generated by default as identity(1, 1), c int)',
    )
    await client.query('insert into ids (c) values (1), (2)')
    await client.query('insert into ids (b, c) values (100, 3)')
    const { rows } = await client.query('select a, b, c from ids order by c')
    expect(rows).toEqual([
      { a: 10, b: 1, c: 1 },
      { a: 15, b: 2, c: 2 },
      { a: 20, b: 100, c: 3 },
    ])
    await expect(
      client.query('insert into ids (a, c) values (1, 4)'),
    ).rejects.toThrow(/cannot insert a non-DEFAULT value into column "a"/)
  })

  it('creates #temp tables as session temporary tables and records them from that session', async () => {
    await create(
      'create table #stage (k int, v varchar(10)) distkey(k) sortkey(k)',
    )
    await client.query(
      rewriteRedshiftFunctions("insert into #stage values (1, 'a')", {
        lastQueryId: null,
      }),
    )
    const { rows } = await client.query(
      `select n.nspname like 'pg_temp%' as temp, "column", distkey, sortkey
       from pg_table_def d join pg_namespace n on n.nspname = d.schemaname
       where tablename = '#stage' order by "column"`,
    )
    expect(rows).toEqual([
      { temp: true, column: 'k', distkey: true, sortkey: 1 },
      { temp: true, column: 'v', distkey: false, sortkey: 0 },
    ])
  })

  it('CREATE TABLE AS and LIKE carry their attributes', async () => {
    await create('create table sales_copy (like public.sales)')
    await create(
      'create table totals diststyle even sortkey(region) as select region, sum(amount) as total from sales group by region',
    )
    const { rows } = await client.query(
      `select tablename, "column", distkey, sortkey, trim(encoding) as encoding from pg_table_def
       where (tablename = 'sales_copy' and "column" in ('region', 'sold_at', 'note'))
          or tablename = 'totals'
       order by tablename, "column"`,
    )
    expect(rows).toEqual([
      {
        tablename: 'sales_copy',
        column: 'note',
        distkey: false,
        sortkey: 0,
        encoding: 'zstd',
      },
      {
        tablename: 'sales_copy',
        column: 'region',
        distkey: true,
        sortkey: 0,
        encoding: 'lzo',
      },
      {
        tablename: 'sales_copy',
        column: 'sold_at',
        distkey: false,
        sortkey: 1,
        encoding: 'none',
      },
      {
        tablename: 'totals',
        column: 'region',
        distkey: false,
        sortkey: 1,
        encoding: 'none',
      },
      {
        tablename: 'totals',
        column: 'total',
        distkey: false,
        sortkey: 0,
        encoding: 'az64',
      },
    ])
    const info = await client.query(
      `select diststyle, sortkey1 from svv_table_info where "table" = 'totals'`,
    )
    expect(info.rows).toEqual([{ diststyle: 'EVEN', sortkey1: 'region' }])
  })

  it('creates late-binding views and materialized views', async () => {
    await create(
      'create view public.v_sales as select region, amount from public.sales with no schema binding',
    )
    await create(
      'create materialized view mv_sales backup no auto refresh yes as select region, count(*) as n from public.sales group by region',
    )
    const { rows } = await client.query(
      `select table_name, kind, is_late_binding_view, mv_auto_refresh, backup
       from redshift_local.table_attributes where table_name in ('v_sales', 'mv_sales') order by table_name`,
    )
    expect(rows).toEqual([
      {
        table_name: 'mv_sales',
        kind: 'materialized_view',
        is_late_binding_view: false,
        mv_auto_refresh: true,
        backup: false,
      },
      {
        table_name: 'v_sales',
        kind: 'view',
        is_late_binding_view: true,
        mv_auto_refresh: null,
        backup: true,
      },
    ])
    expect(
      (await client.query('select count(*) from v_sales')).rows[0].count,
    ).toBe('1')
    expect((await client.query('select n from mv_sales')).rows[0].n).toBe('1')
    const columns = await client.query(
      "select column_name from svv_columns where table_name = 'v_sales' order by ordinal_position",
    )
    expect(columns.rows.map((r) => r.column_name)).toEqual(['region', 'amount'])
  })

  it('runs Redshift defaults that need function rewrites (SYSDATE)', async () => {
    await create(
      'create table audit (id int, at timestamp default sysdate, day date default getdate())',
    )
    await client.query('insert into audit (id) values (1)')
    const { rows } = await client.query(
      'select at is not null and day = current_date as ok from audit',
    )
    expect(rows[0].ok).toBe(true)
  })
})
