import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf, openEmulatorDatabase } from './local-test-helpers.js'
import {
  COMPUTATIONS,
  CONVERSION,
  DG,
  expectCreated,
  expectTyped,
  typmod,
  type CreatedCase,
  type TypedCase,
} from './numeric-typing-checks.js'

// DECIMAL typing where only the catalog knows the operands' types: columns
// of tables. Each row is a query, the values Redshift answers, the type it
// describes (RowDescription's type OID and type modifier) and the Developer
// Guide page the rule comes from.

const SETUP = [
  'create table sales (id int, price decimal(8,2), qty decimal(8,2), n int, big decimal(38,0))',
  'insert into sales values (1, 8.00, 3.00, 3, 99999999999999999999999999999999999999), (2, 10.00, 4.00, 4, 1)',
  'create table rates (id int, rate decimal(5,4))',
  'insert into rates values (1, 0.0825), (2, 0.1000)',
  'create table bound (v decimal(6,2))',
  'insert into bound values (2.00)',
  'create table dec1 (c1 decimal(7,2))',
  'insert into dec1 values (1.50), (2.00), (2.25)',
  'create table dec2 (c1 decimal(15,3))',
  'insert into dec2 values (1.125)',
]

const TYPED: readonly TypedCase[] = [
  // Bound parameters take the extended protocol: its Parse waits for the
  // table's column types, looked up for the first time here.
  {
    sql: 'select v / $1::decimal(8,2) as q from bound',
    params: ['3.00'],
    values: ['0.666666667'],
    type: [15, 9],
    doc: `${COMPUTATIONS} ${CONVERSION}`,
  },
  // column / column: DECIMAL(8,2) / DECIMAL(8,2) is DECIMAL(17,9), the
  // ninth digit rounded half away from zero.
  {
    sql: 'select price / qty as q from sales order by id',
    values: ['2.666666667', '2.500000000'],
    type: [17, 9],
    doc: `${COMPUTATIONS} ${CONVERSION}`,
  },
  // column * column: the scales add, the precisions add plus one.
  {
    sql: 'select price * qty as m from sales order by id',
    values: ['24.0000', '40.0000'],
    type: [17, 4],
    doc: COMPUTATIONS,
  },
  // column + INTEGER constant: the INTEGER counts as DECIMAL(10,0).
  {
    sql: 'select price + 1 as s from sales order by id',
    values: ['9.00', '11.00'],
    type: [13, 2],
    doc: COMPUTATIONS,
  },
  // DECIMAL column / INTEGER column.
  {
    sql: 'select price / n as q from sales order by id',
    values: ['2.6666666666667', '2.5000000000000'],
    type: [19, 13],
    doc: COMPUTATIONS,
  },
  // AVG and SUM of a column expression: DECIMAL(38,s).
  {
    sql: 'select avg(price * qty) as a from sales',
    values: ['32.0000'],
    type: [38, 4],
    doc: `${DG}r_AVG.html ${COMPUTATIONS}`,
  },
  {
    sql: 'select sum(price / qty) as s from sales',
    values: ['5.166666667'],
    type: [38, 9],
    doc: `${DG}r_SUM.html ${COMPUTATIONS}`,
  },
  {
    sql: 'select avg(price) from sales',
    values: ['9.00'],
    type: [38, 2],
    name: 'avg',
    doc: `${DG}r_AVG.html`,
  },
  // MIN and MAX return their argument's type.
  {
    sql: 'select max(price * qty) as m from sales',
    values: ['40.0000'],
    type: [17, 4],
    doc: `${DG}r_MAX.html ${COMPUTATIONS}`,
  },
  {
    sql: 'select min(price::decimal(10,3)) as m from sales',
    values: ['8.000'],
    type: [10, 3],
    doc: `${DG}r_MIN.html`,
  },
  // CASE and COALESCE over columns promote to the most integer digits and
  // the largest scale.
  {
    sql: 'select case when id = 1 then price else qty * qty end as c from sales order by id',
    values: ['8.0000', '16.0000'],
    type: [17, 4],
    doc: COMPUTATIONS,
  },
  {
    sql: 'select coalesce(price, qty * n) as c from sales order by id',
    values: ['8.00', '10.00'],
    type: [19, 2],
    doc: COMPUTATIONS,
  },
  // A table aliased; unaliased, the column keeps its name.
  {
    sql: 'select s.price / s.qty from sales s order by s.id',
    values: ['2.666666667', '2.500000000'],
    type: [17, 9],
    name: '?column?',
    doc: COMPUTATIONS,
  },
  // Schema-qualified.
  {
    sql: 'select price - qty as d from public.sales order by id',
    values: ['5.00', '6.00'],
    type: [9, 2],
    doc: COMPUTATIONS,
  },
  // Joined tables.
  {
    sql: 'select s.price * r.rate as tax from sales s join rates r on r.id = s.id order by s.id',
    values: ['0.660000', '1.000000'],
    type: [14, 6],
    doc: COMPUTATIONS,
  },
  // A subquery in FROM, then the outer query over its column.
  {
    sql: 'select q * 2 as d from (select id, price / qty as q from sales) x order by id',
    values: ['5.333333334', '5.000000000'],
    type: [28, 9],
    doc: COMPUTATIONS,
  },
  // A WITH query's plain columns keep their table's types.
  {
    sql: 'with w as (select id, price, qty from sales) select w.price / w.qty as q from w order by id',
    values: ['2.666666667', '2.500000000'],
    type: [17, 9],
    doc: COMPUTATIONS,
  },
  // A correlated scalar subquery over both levels' columns.
  {
    sql: 'select (select r.rate * s.price from rates r where r.id = s.id) as t from sales s order by s.id',
    values: ['0.660000', '1.000000'],
    type: [14, 6],
    doc: COMPUTATIONS,
  },
  // UNION of DECIMAL columns in a plain SELECT: the page's DEC1 and DEC2.
  {
    sql: 'select c1 from dec1 union select c1 from dec2 order by 1',
    values: ['1.125', '1.500', '2.000', '2.250'],
    type: [15, 3],
    name: 'c1',
    doc: COMPUTATIONS,
  },
]

const CREATED: readonly CreatedCase[] = [
  {
    sql: 'create table ctas_columns as select price / qty as q, price * n as m from sales',
    table: 'ctas_columns',
    types: ['numeric(17,9)', 'numeric(19,2)'],
    doc: COMPUTATIONS,
  },
  {
    sql: 'create table ctas_column_sum as select sum(price * qty) as s from sales',
    table: 'ctas_column_sum',
    types: ['numeric(38,4)'],
    doc: `${DG}r_SUM.html ${COMPUTATIONS}`,
  },
]

const OVERFLOWS: readonly string[] = [
  // DECIMAL(38,0) + INTEGER is DECIMAL(38,0): 10^38 does not fit.
  'select big + 1 from sales',
  'select big * big from sales',
  'select price * big from sales',
]

describe('local emulator: DECIMAL typing over table columns', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase(
      'local_fid_numeric_cols',
      SETUP,
    ))
  })
  afterAll(() => close())

  it.each(TYPED)('$sql ($doc)', (c) => expectTyped(client, c))

  it.each(CREATED)('$sql ($doc)', (c) => expectCreated(client, c))

  it(`SVV_COLUMNS shows the precision and scale of a CREATE TABLE AS column over columns (${DG}r_SVV_COLUMNS.html ${COMPUTATIONS})`, async () => {
    await client.query(
      'create table ctas_svv_columns as select s.price * r.rate as tax from sales s join rates r using (id)',
    )
    const { rows } = await client.query(
      "select data_type, numeric_precision, numeric_scale from svv_columns where table_name = 'ctas_svv_columns'",
    )
    expect(rows).toEqual([
      { data_type: 'numeric', numeric_precision: 14, numeric_scale: 6 },
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

  it(`UPDATE computes a quotient over its table's columns at Redshift's scale (${COMPUTATIONS} ${CONVERSION})`, async () => {
    await client.query(
      'create table upd (a decimal(8,2), b decimal(8,2), r decimal(20,10))',
    )
    await client.query('insert into upd values (1.00, 3.00, null)')
    // DECIMAL(17,9) first: 0.333333333, then stored with 10 digits.
    await client.query('update upd set r = a / b')
    const { rows } = await client.query('select r from upd')
    expect(rows).toEqual([{ r: '0.3333333330' }])
  })

  it(`a temporary table's columns are typed (${COMPUTATIONS})`, async () => {
    await client.query('create temp table tmp_prices (p decimal(6,3))')
    await client.query('insert into tmp_prices values (1.500)')
    const result = await client.query('select p * 2 as d from tmp_prices')
    expect(result.rows).toEqual([{ d: '3.000' }])
    expect(result.fields[0]!.dataTypeModifier).toBe(typmod(17, 3))
  })

  it(`DDL that gives a table other columns re-types the same statement (${COMPUTATIONS})`, async () => {
    const query = 'select x / 3 as q from ddl_t'
    await client.query('create table ddl_t (x decimal(5,2))')
    await client.query('insert into ddl_t values (1.00)')
    const before = await client.query(query)
    expect(before.rows).toEqual([{ q: '0.3333333333333' }])
    expect(before.fields[0]!.dataTypeModifier).toBe(typmod(16, 13))
    await client.query('drop table ddl_t')
    await client.query('create table ddl_t (x decimal(10,4))')
    await client.query('insert into ddl_t values (1.0000)')
    const after = await client.query(query)
    expect(after.rows).toEqual([{ q: '0.333333333333333' }])
    expect(after.fields[0]!.dataTypeModifier).toBe(typmod(21, 15))
  })

  it("a bare name several schemas hold keeps PostgreSQL's type (an emulator limit, see the README)", async () => {
    await client.query('create table dup (v decimal(9,4))')
    await client.query('create schema other')
    await client.query('create table other.dup (v decimal(5,1))')
    await client.query('insert into dup values (1.0000)')
    const bare = await client.query('select v * 2 as d from dup')
    expect(bare.fields[0]!.dataTypeModifier).toBe(-1)
    // Qualified, the name is certain.
    const qualified = await client.query('select v * 2 as d from public.dup')
    expect(qualified.rows).toEqual([{ d: '2.0000' }])
    expect(qualified.fields[0]!.dataTypeModifier).toBe(typmod(20, 4))
  })
})
