import fc from 'fast-check'
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

// Numeric typing as Redshift does it: each row is a query, the values
// Redshift answers, the type it describes (RowDescription's type OID and
// type modifier) and the Developer Guide page the rule comes from.

const INT4 = 23

const TYPED: readonly TypedCase[] = [
  // `/`: scale max(4, s1 + p2 - s2 + 1), precision p1 - s1 + s2 + scale.
  {
    sql: 'select 1.00::decimal(5,2) / 3.00::decimal(5,2) as q',
    values: ['0.333333'],
    type: [11, 6],
    doc: COMPUTATIONS,
  },
  // PRICEPAID / COMMISSION, both DECIMAL(8,2): DECIMAL(17,9). The ninth
  // digit is rounded, as Redshift rounds a fractional part it cannot keep.
  {
    sql: 'select 8.00::decimal(8,2) / 3.00::decimal(8,2) as q',
    values: ['2.666666667'],
    type: [17, 9],
    doc: `${COMPUTATIONS} ${CONVERSION}`,
  },
  {
    sql: 'select -2.00::decimal(3,2) / 3::decimal(1,0) as q',
    values: ['-0.6667'],
    type: [5, 4],
    doc: `${COMPUTATIONS} ${CONVERSION}`,
  },
  // An INTEGER operand counts as DECIMAL(10,0).
  {
    sql: 'select 1.00::decimal(5,2) / 3 as q',
    values: ['0.3333333333333'],
    type: [16, 13],
    doc: COMPUTATIONS,
  },
  // Over 38 digits the precision is 38 and the scale gives way:
  // DECIMAL(19,0) / DECIMAL(19,0) is DECIMAL(38,19) ...
  {
    sql: 'select 10::decimal(19,0) / 3::decimal(19,0) as q',
    values: ['3.3333333333333333333'],
    type: [38, 19],
    doc: COMPUTATIONS,
  },
  // ... and DECIMAL(19,2) / DECIMAL(38,19) keeps its minimum of 4 digits.
  {
    sql: 'select 100.00::decimal(19,2) / (10::decimal(19,0) / 3::decimal(19,0)) as q',
    values: ['30.0000'],
    type: [38, 4],
    doc: COMPUTATIONS,
  },
  // `+ -`: scale max(s1, s2), precision max(p1 - s1, p2 - s2) + 1 + scale.
  {
    sql: 'select 2.00::decimal(5,2) + 1.125::decimal(6,3) as s',
    values: ['3.125'],
    type: [7, 3],
    doc: COMPUTATIONS,
  },
  {
    sql: 'select 2.00::decimal(5,2) - 1.125::decimal(6,3) as s',
    values: ['0.875'],
    type: [7, 3],
    doc: COMPUTATIONS,
  },
  // `*`: scale s1 + s2, precision p1 + p2 + 1; SMALLINT counts as DECIMAL(5,0).
  {
    sql: 'select 1.50::decimal(8,2) * 3::smallint as m',
    values: ['4.50'],
    type: [14, 2],
    doc: COMPUTATIONS,
  },
  {
    sql: 'select 1.25::decimal(4,2) * 1.5::decimal(2,1) as m',
    values: ['1.875'],
    type: [7, 3],
    doc: COMPUTATIONS,
  },
  // Nested: (DECIMAL(5,2) + INTEGER) is DECIMAL(13,2), times DECIMAL(4,1) DECIMAL(18,3).
  {
    sql: 'select (1.00::decimal(5,2) + 2) * 3.0::decimal(4,1) as m',
    values: ['9.000'],
    type: [18, 3],
    doc: COMPUTATIONS,
  },
  // Unaliased, the column keeps PostgreSQL's (and Redshift's) name.
  {
    sql: 'select 1.00::decimal(5,2) / 3',
    values: ['0.3333333333333'],
    type: [16, 13],
    name: '?column?',
    doc: COMPUTATIONS,
  },
  // Bind parameters take the planner's path too (the extended protocol).
  {
    sql: 'select $1::decimal(5,2) / 3 as q',
    params: ['2.00'],
    values: ['0.6666666666667'],
    type: [16, 13],
    doc: COMPUTATIONS,
  },
  // Integers divide as integers.
  {
    sql: 'select 7/2 as q',
    values: [3],
    type: INT4,
    doc: COMPUTATIONS,
  },
  // DECIMAL without precision is DECIMAL(18,0).
  {
    sql: 'select 1.5::decimal as d',
    values: ['2'],
    type: [18, 0],
    doc: `${DG}r_Numeric_types201.html`,
  },
  {
    sql: "select cast('2.5' as numeric) as d",
    values: ['3'],
    type: [18, 0],
    doc: `${DG}r_Numeric_types201.html`,
  },
  // AVG and SUM of DECIMAL(p,s): DECIMAL(38,s).
  {
    sql: 'select avg(c1::decimal(7,2)) from dec1',
    values: ['1.92'],
    type: [38, 2],
    name: 'avg',
    doc: `${DG}r_AVG.html`,
  },
  {
    sql: 'select sum(c1::decimal(7,2)) from dec1',
    values: ['5.75'],
    type: [38, 2],
    name: 'sum',
    doc: `${DG}r_SUM.html`,
  },
  // AVG of a DECIMAL column: the column's type is read from the catalog.
  {
    sql: 'select avg(c1) as a from dec1',
    values: ['1.92'],
    type: [38, 2],
    doc: `${DG}r_AVG.html`,
  },
  // Set operations promote to the largest scale and the most integer digits.
  {
    sql: 'select 1::decimal(10,2) as r union select 2::decimal(8,4) order by 1',
    values: ['1.0000', '2.0000'],
    type: [12, 4],
    doc: `${DG}r_UNION.html`,
  },
  {
    sql: 'select 1.5::decimal(7,2) union all select 2.125::decimal(15,3) order by 1',
    values: ['1.500', '2.125'],
    type: [15, 3],
    name: 'numeric',
    doc: COMPUTATIONS,
  },
  {
    sql: 'select 1.5::decimal(7,2) as c intersect select 1.5::decimal(15,3)',
    values: ['1.500'],
    type: [15, 3],
    doc: COMPUTATIONS,
  },
  // So do CASE, COALESCE, NVL and DECODE.
  {
    sql: 'select case when true then 1.5::decimal(7,2) else 2::decimal(15,3) end as c',
    values: ['1.500'],
    type: [15, 3],
    doc: `${COMPUTATIONS} ${CONVERSION}`,
  },
  {
    sql: 'select coalesce(c1::decimal(7,2), 0::decimal(15,3)) as c from dec1 order by 1',
    values: ['1.500', '2.000', '2.250'],
    type: [15, 3],
    doc: COMPUTATIONS,
  },
  {
    sql: 'select nvl(1.5::decimal(7,2), 2::decimal(15,3)) as c',
    values: ['1.500'],
    type: [15, 3],
    doc: COMPUTATIONS,
  },
  {
    sql: 'select decode(1, 1, 1.5::decimal(7,2), 2::decimal(15,3)) as c',
    values: ['1.500'],
    type: [15, 3],
    doc: COMPUTATIONS,
  },
]

const CREATED: readonly CreatedCase[] = [
  {
    sql: 'create table ctas_math as select 8.00::decimal(8,2) / 3.00::decimal(8,2) as q, 1.5::decimal as d, 1.50::decimal(8,2) * 3::smallint as m',
    table: 'ctas_math',
    types: ['numeric(17,9)', 'numeric(18,0)', 'numeric(14,2)'],
    doc: COMPUTATIONS,
  },
  {
    sql: 'create table ctas_aggregates as select avg(c1::decimal(7,2)) as a, sum(c1::decimal(7,2)) as s from dec1',
    table: 'ctas_aggregates',
    types: ['numeric(38,2)', 'numeric(38,2)'],
    doc: `${DG}r_AVG.html ${DG}r_SUM.html`,
  },
  {
    sql: 'create table ctas_union as select c1::decimal(7,2) as c1 from dec1 union select c1::decimal(15,3) from dec2',
    table: 'ctas_union',
    types: ['numeric(15,3)'],
    doc: COMPUTATIONS,
  },
  // The page's own example: DEC1's DECIMAL(7,2) UNION DEC2's DECIMAL(15,3) columns.
  {
    sql: 'create table dec3 as select * from dec1 union select * from dec2',
    table: 'dec3',
    types: ['numeric(15,3)'],
    doc: COMPUTATIONS,
  },
  // A 128-bit input allows 38 digits; INTERSECT and EXCEPT promote alike.
  {
    sql: 'create table dec4 as (select c1 from dec1) union all select c1 from dec2 except select c1::decimal(20,1) from dec1 order by 1',
    table: 'dec4',
    types: ['numeric(22,3)'],
    doc: `${DG}r_UNION.html`,
  },
  {
    sql: 'select 1.5::decimal(7,2) / 2 as q into ctas_into',
    table: 'ctas_into',
    types: ['numeric(18,13)'],
    doc: `${COMPUTATIONS} ${DG}r_SELECT_INTO.html`,
  },
]

interface Failure {
  readonly sql: string
  readonly code: string
  readonly message: string | RegExp
  readonly doc: string
}

const FAILURES: readonly Failure[] = [
  // A value that does not fit its DECIMAL.
  {
    sql: 'select 123.456::decimal(4,2)',
    code: '22003',
    message: 'Numeric data overflow (result precision)',
    doc: COMPUTATIONS,
  },
  // A sum past 38 digits overflows: the result precision stops at 38.
  {
    sql: 'select 99999999999999999999999999999999999999::decimal(38,0) + 1::decimal(38,0)',
    code: '22003',
    message: 'Numeric data overflow (result precision)',
    doc: COMPUTATIONS,
  },
  {
    sql: 'select 1::decimal(5,2) / 0',
    code: '22012',
    message: 'Divide by zero',
    doc: COMPUTATIONS,
  },
  // A result scale past Redshift's 37 digits: refused, not approximated.
  {
    sql: 'select 1::decimal(38,20) * 1::decimal(38,20)',
    code: '0A000',
    message: /emulator limit/,
    doc: COMPUTATIONS,
  },
]

describe('local emulator: numeric types as Redshift computes them', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_fid_numeric', [
      'create table dec1 (c1 decimal(7,2))',
      'insert into dec1 values (1.50), (2.00), (2.25)',
      'create table dec2 (c1 decimal(15,3))',
      'insert into dec2 values (1.125)',
    ]))
  })
  afterAll(() => close())

  it.each(TYPED)('$sql ($doc)', (c) => expectTyped(client, c))

  it.each(CREATED)('$sql ($doc)', (c) => expectCreated(client, c))

  it(`a quotient is exact to its scale, rounded half away from zero (${COMPUTATIONS} ${CONVERSION})`, async () => {
    // DECIMAL(12,3) / DECIMAL(6,2): scale max(4, 3 + 6 - 2 + 1) = 8, precision 12 - 3 + 2 + 8 = 19.
    const pairs = fc.sample(
      fc.tuple(
        fc.bigInt({ min: -(10n ** 12n) + 1n, max: 10n ** 12n - 1n }),
        fc
          .bigInt({ min: -(10n ** 6n) + 1n, max: 10n ** 6n - 1n })
          .filter((b) => b !== 0n),
      ),
      { numRuns: 40, seed: 10 },
    )
    const text = (units: bigint, scale: number): string => {
      const digits = (units < 0n ? -units : units)
        .toString()
        .padStart(scale + 1, '0')
      const sign = units < 0n ? '-' : ''
      return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`
    }
    await client.query(
      'create table quotients (id int, a decimal(12,3), b decimal(6,2))',
    )
    await client.query(
      `insert into quotients values ${pairs
        .map(([a, b], i) => `(${i}, ${text(a, 3)}, ${text(b, 2)})`)
        .join(', ')}`,
    )
    const result = await client.query(
      'select a::decimal(12,3) / b::decimal(6,2) as q from quotients order by id',
    )
    const expected = pairs.map(([a, b]) => {
      // a/1000 / (b/100) to 8 digits: a * 10^8 / (b * 10).
      const num = a * 10n ** 8n
      const den = b * 10n
      let q = num / den
      const r = num - q * den
      if (2n * (r < 0n ? -r : r) >= (den < 0n ? -den : den)) {
        q += num < 0n === den < 0n ? 1n : -1n
      }
      return text(q, 8)
    })
    expect(result.rows.map((r: { q: string }) => r.q)).toEqual(expected)
    expect(result.fields[0]!.dataTypeModifier).toBe(typmod(19, 8))
  })

  it(`CREATE TABLE AS over a UNION pads the values to the promoted scale (${COMPUTATIONS})`, async () => {
    await client.query(
      'create table dec5 as select c1 from dec1 union all select c1 from dec2',
    )
    const { rows } = await client.query('select c1 from dec5 order by c1')
    expect(rows.map((r: { c1: string }) => r.c1)).toEqual([
      '1.125',
      '1.500',
      '2.000',
      '2.250',
    ])
  })

  it('SVV_COLUMNS shows the precision and scale of a CREATE TABLE AS column (r_SVV_COLUMNS.html)', async () => {
    await client.query(
      'create table ctas_svv as select 1.00::decimal(5,2) / 3.00::decimal(5,2) as q',
    )
    const { rows } = await client.query(
      "select data_type, numeric_precision, numeric_scale from svv_columns where table_name = 'ctas_svv'",
    )
    expect(rows).toEqual([
      { data_type: 'numeric', numeric_precision: 11, numeric_scale: 6 },
    ])
  })

  it.each(FAILURES)('$sql fails as on Redshift ($doc)', async (failure) => {
    const error = await errorOf(client.query(failure.sql))
    expect(error.code).toBe(failure.code)
    expect(error.message).toMatch(failure.message)
  })
})
