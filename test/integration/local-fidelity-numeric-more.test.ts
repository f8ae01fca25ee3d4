import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf, openEmulatorDatabase } from './local-test-helpers.js'
import { COMPUTATIONS, DG, NUMERIC, typmod } from './numeric-typing-checks.js'

// DECIMAL result types of the math functions, window aggregates, lateral
// column aliases, USING / NATURAL and aliased joins, and MERGE, over table
// columns. Each row is a query, the values Redshift answers in its LAST
// column, the type it describes (RowDescription's type OID and modifier)
// and the Developer Guide pages the rule comes from.

const SETUP = [
  'create table sales (id int, price decimal(8,2), qty decimal(8,2), n int, b bigint, d float8, w decimal(20,5), big decimal(38,0))',
  `insert into sales values
     (1, 28.05, 3.00, 3, 5, 2.5, 1.12345, 99999999999999999999999999999999999999),
     (2, -10.55, 4.00, 4, 6, 3.5, 2.5, 1)`,
  'create table rates (id int, tax decimal(5,3))',
  'insert into rates values (1, 0.080), (2, 0.125)',
  'create table tags (price decimal(8,2), tagno int)',
  'insert into tags values (28.05, 7)',
  'create table other (price decimal(9,2))',
  'insert into other values (28.05)',
]

interface Case {
  readonly sql: string
  /** The last column's values, in order. */
  readonly values: readonly unknown[]
  /** DECIMAL(p,s), another type's OID, or -1: PostgreSQL's NUMERIC without a modifier (a limit). */
  readonly type: readonly [number, number] | number
  readonly name?: string
  readonly doc: string
}

const CASES: readonly Case[] = [
  // SIGN of a DECIMAL is DECIMAL(1,0); of a DOUBLE PRECISION, DOUBLE PRECISION.
  {
    sql: 'select sign(price) as g from sales order by id',
    values: ['1', '-1'],
    type: [1, 0],
    doc: `${DG}r_SIGN.html`,
  },
  {
    sql: 'select sign(d) as g from sales order by id',
    values: [1, 1],
    type: 701,
    doc: `${DG}r_SIGN.html`,
  },
  // ABS keeps its argument's type, also as an operand.
  {
    sql: 'select abs(price) from sales order by id',
    values: ['28.05', '10.55'],
    type: [8, 2],
    name: 'abs',
    doc: `${DG}r_ABS.html`,
  },
  {
    sql: 'select abs(price) / qty as q from sales order by id',
    values: ['9.350000000', '2.637500000'],
    type: [17, 9],
    doc: `${DG}r_ABS.html ${COMPUTATIONS}`,
  },
  // MOD and % of an INTEGER and a BIGINT are an INTEGER.
  {
    sql: 'select mod(n, b) as m from sales order by id',
    values: [3, 4],
    type: 23,
    doc: `${DG}r_MOD.html`,
  },
  {
    sql: 'select n % b from sales order by id',
    values: [3, 4],
    type: 23,
    name: '?column?',
    doc: `${DG}r_MOD.html`,
  },
  // GREATEST and LEAST: a common type, promoted as CASE's.
  {
    sql: 'select greatest(price, w) as g from sales order by id',
    values: ['28.05000', '2.50000'],
    type: [20, 5],
    doc: `${DG}r_GREATEST_LEAST.html ${COMPUTATIONS}`,
  },
  {
    sql: 'select least(price, qty) from sales order by id',
    values: ['3.00', '-10.55'],
    type: [8, 2],
    name: 'least',
    doc: `${DG}r_GREATEST_LEAST.html`,
  },
  // ROUND, TRUNC and CEILING of a DECIMAL: the pages' values (their
  // precision is not documented: PostgreSQL's type, see the README).
  {
    sql: 'select round(price, 1) as r from sales where id = 1',
    values: ['28.1'],
    type: -1,
    doc: `${DG}r_ROUND.html`,
  },
  {
    sql: 'select round(price, -1) as r from sales where id = 1',
    values: ['30'],
    type: -1,
    doc: `${DG}r_ROUND.html`,
  },
  {
    sql: 'select ceiling(price) as c from sales where id = 1',
    values: ['29'],
    type: -1,
    doc: `${DG}r_CEILING_FLOOR.html`,
  },
  {
    sql: 'select trunc(price, 1) as t from sales where id = 1',
    values: ['28.0'],
    type: -1,
    doc: `${DG}r_TRUNC.html`,
  },
  // Window aggregates: SUM and AVG of DECIMAL(p,s) are DECIMAL(38,s), MAX
  // keeps its argument's type.
  {
    sql: 'select sum(price) over () as s from sales order by id',
    values: ['17.50', '17.50'],
    type: [38, 2],
    doc: `${DG}r_WF_SUM.html ${DG}r_SUM.html`,
  },
  {
    sql: 'select avg(price / qty) over (order by id rows unbounded preceding) as a from sales order by id',
    values: ['9.350000000', '3.356250000'],
    type: [38, 9],
    doc: `${DG}r_WF_AVG.html ${DG}r_AVG.html ${COMPUTATIONS}`,
  },
  {
    sql: 'select max(price * qty) over (partition by id) as m from sales order by id',
    values: ['84.1500', '-42.2000'],
    type: [17, 4],
    doc: `${DG}r_WF_MAX.html ${COMPUTATIONS}`,
  },
  // A lateral column alias has its expression's type.
  {
    sql: 'select price * 2 as p2, p2 / qty as q from sales order by id',
    values: ['18.700000000', '-5.275000000'],
    type: [28, 9],
    doc: `${DG}r_SELECT_list.html ${COMPUTATIONS}`,
  },
  // A USING join column both tables type alike; NATURAL JOIN too.
  {
    sql: 'select price * 2 as d from sales join tags using (price)',
    values: ['56.10'],
    type: [19, 2],
    doc: `${DG}r_FROM_clause30.html ${COMPUTATIONS}`,
  },
  {
    sql: 'select price / qty as q from sales natural join tags',
    values: ['9.350000000'],
    type: [17, 9],
    doc: `${DG}r_FROM_clause30.html ${COMPUTATIONS}`,
  },
  // Typed differently on each side: PostgreSQL's type (an emulator limit).
  {
    sql: 'select price * 2 as d from sales join other using (price)',
    values: ['56.10'],
    type: -1,
    doc: `${DG}r_FROM_clause30.html`,
  },
  // `*` over an item whose columns are not known (a set operation) leaves
  // the column unresolved, not an enclosing level's `price` (an emulator limit).
  {
    sql: 'select (select price * 2 from (select * from other, (select 1 as k union select 2) u) x where k = 1) as d from sales where id = 1',
    values: ['56.10'],
    type: -1,
    doc: COMPUTATIONS,
  },
  // An aliased join's columns.
  {
    sql: 'select j.tax * j.price as t from (sales join rates using (id)) as j order by j.id',
    values: ['2.24400', '-1.31875'],
    type: [14, 5],
    doc: `${DG}r_FROM_clause30.html ${COMPUTATIONS}`,
  },
]

const OVERFLOWS: readonly string[] = [
  // DECIMAL(38,0) columns holding 38 nines: each result needs 39 digits.
  'select sum(big) over () from sales',
  'select big + 0 as b0, b0 + 1 from sales',
  'select abs(big) + 1 from sales',
  'select greatest(big, 0::decimal(1,0)) + 1 from sales',
  'select j.big + 1 from (sales join rates using (id)) as j',
]

async function expectLast(client: pg.Client, c: Case): Promise<void> {
  const result = await client.query(c.sql)
  const field = result.fields.at(-1)!
  expect(result.rows.map((row) => row[field.name])).toEqual(c.values)
  if (typeof c.type !== 'number') {
    expect([field.dataTypeID, field.dataTypeModifier]).toEqual([
      NUMERIC,
      typmod(c.type[0], c.type[1]),
    ])
  } else if (c.type === -1) {
    expect([field.dataTypeID, field.dataTypeModifier]).toEqual([NUMERIC, -1])
  } else {
    expect(field.dataTypeID).toBe(c.type)
  }
  if (c.name !== undefined) expect(field.name).toBe(c.name)
}

describe('local emulator: DECIMAL typing of functions, windows, aliases, joins and MERGE', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase(
      'local_fid_numeric_more',
      SETUP,
    ))
  })
  afterAll(() => close())

  it.each(CASES)('$sql ($doc)', (c) => expectLast(client, c))

  it(`CREATE TABLE AS over SIGN of a DECIMAL makes a NUMERIC(1,0) column (${DG}r_SIGN.html)`, async () => {
    await client.query(
      'create table signs as select sign(d) as d, sign(price) as n from sales',
    )
    const { rows } = await client.query(
      'select "column", type from pg_table_def where tablename = \'signs\' order by 1',
    )
    expect(rows).toEqual([
      { column: 'd', type: 'double precision' },
      { column: 'n', type: 'numeric(1,0)' },
    ])
  })

  it(`MERGE computes its UPDATE SET and INSERT VALUES over the tables' columns at Redshift's scale (${DG}r_MERGE.html ${COMPUTATIONS})`, async () => {
    await client.query('create table merged (id int, r decimal(20,10))')
    await client.query('insert into merged values (1, null)')
    // INTEGER / DECIMAL(8,2) is DECIMAL(19,7): 0.3333333 and 1.3333333, then
    // stored with 10 digits.
    await client.query(
      `merge into merged using sales on merged.id = sales.id
       when matched then update set r = 1 / sales.qty
       when not matched then insert (id, r) values (sales.id, sales.n / (sales.qty - 1)::decimal(8,2))`,
    )
    const { rows } = await client.query('select id, r from merged order by id')
    expect(rows).toEqual([
      { id: 1, r: '0.3333333000' },
      { id: 2, r: '1.3333333000' },
    ])
  })

  it.each(OVERFLOWS)(
    `%s fails past 38 digits as on Redshift (${COMPUTATIONS})`,
    async (sql) => {
      const error = await errorOf(client.query(sql))
      expect(error.code).toBe('22003')
      expect(error.message).toBe('Numeric data overflow (result precision)')
    },
  )

  it(`MERGE fails past 38 digits as on Redshift (${DG}r_MERGE.html ${COMPUTATIONS})`, async () => {
    await client.query('create table bigs (id int, v decimal(38,0))')
    await client.query('insert into bigs values (1, 0)')
    const error = await errorOf(
      client.query(
        `merge into bigs using sales on bigs.id = sales.id
         when matched then update set v = sales.big + 1
         when not matched then insert (id, v) values (sales.id, sales.big)`,
      ),
    )
    expect(error.code).toBe('22003')
    expect(error.message).toBe('Numeric data overflow (result precision)')
  })
})
