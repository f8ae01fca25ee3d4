import fc from 'fast-check'
import { loadModule, parseSync } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'

import {
  arithmeticType,
  commonDecimal,
  decimal,
  type NumericType,
} from '../../src/local/sql/numeric-types.js'
import { rewriteNumeric } from '../../src/local/sql/rewrite-numeric.js'
import { setOperationColumnsSql } from '../../src/local/sql/set-operation-columns.js'

const COMPUTATIONS =
  'https://docs.aws.amazon.com/redshift/latest/dg/r_numeric_computations201.html'
const UNION = 'https://docs.aws.amazon.com/redshift/latest/dg/r_UNION.html'

const INT2: NumericType = { kind: 'int2' }
const INT4: NumericType = { kind: 'int4' }
const INT8: NumericType = { kind: 'int8' }
const FLOAT4: NumericType = { kind: 'float4' }
const FLOAT8: NumericType = { kind: 'float8' }

// The Developer Guide's worked examples and return-type table.
const ARITHMETIC: readonly {
  readonly op: '+' | '-' | '*' | '/'
  readonly left: NumericType
  readonly right: NumericType
  readonly result: NumericType
  readonly doc: string
}[] = [
  // PRICEPAID / COMMISSION, both DECIMAL(8,2).
  {
    op: '/',
    left: decimal(8, 2),
    right: decimal(8, 2),
    result: decimal(17, 9),
    doc: COMPUTATIONS,
  },
  // COMMISSION * QTYSOLD: DECIMAL(8,2) * DECIMAL(5,0).
  {
    op: '*',
    left: decimal(8, 2),
    right: INT2,
    result: decimal(14, 2),
    doc: COMPUTATIONS,
  },
  // Precision over 38: reduced to 38, the scale to max(38 + scale - precision, 4).
  {
    op: '/',
    left: decimal(19, 0),
    right: INT8,
    result: decimal(38, 19),
    doc: COMPUTATIONS,
  },
  {
    op: '/',
    left: decimal(19, 2),
    right: decimal(38, 19),
    result: decimal(38, 4),
    doc: COMPUTATIONS,
  },
  {
    op: '+',
    left: decimal(38, 10),
    right: decimal(38, 10),
    result: decimal(38, 10),
    doc: COMPUTATIONS,
  },
  {
    op: '-',
    left: decimal(5, 2),
    right: decimal(6, 3),
    result: decimal(7, 3),
    doc: COMPUTATIONS,
  },
  { op: '+', left: INT2, right: INT2, result: INT2, doc: COMPUTATIONS },
  { op: '*', left: INT2, right: INT8, result: INT8, doc: COMPUTATIONS },
  { op: '/', left: INT4, right: INT2, result: INT4, doc: COMPUTATIONS },
  { op: '+', left: FLOAT4, right: FLOAT4, result: FLOAT4, doc: COMPUTATIONS },
  { op: '+', left: FLOAT4, right: INT4, result: FLOAT8, doc: COMPUTATIONS },
  {
    op: '*',
    left: decimal(5, 2),
    right: FLOAT4,
    result: FLOAT8,
    doc: COMPUTATIONS,
  },
]

describe('Redshift numeric result types', () => {
  it.each(ARITHMETIC)(
    '$left.kind $op $right.kind ($doc)',
    ({ op, left, right, result }) => {
      expect(arithmeticType(op, left, right)).toEqual(result)
    },
  )

  it('a result scale over 37 is a limit, not a type (r_numeric_computations201.html)', () => {
    expect(arithmeticType('*', decimal(38, 20), decimal(38, 20))).toEqual({
      limit: expect.stringContaining('scale of 40'),
    })
  })

  it(`DEC1 (7,2) UNION DEC2 (15,3) is (15,3) (${COMPUTATIONS})`, () => {
    expect(commonDecimal([decimal(7, 2), decimal(15, 3)])).toEqual(
      decimal(15, 3),
    )
  })

  it(`REVENUE (10,2) UNION REVENUE (8,4) is (12,4) (${UNION})`, () => {
    expect(commonDecimal([decimal(10, 2), decimal(8, 4)])).toEqual(
      decimal(12, 4),
    )
  })

  it(`64-bit inputs stop at 19 digits, 128-bit at 38 (${UNION})`, () => {
    expect(commonDecimal([decimal(18, 0), decimal(18, 17)])).toEqual({
      limit: expect.stringContaining('more than 19'),
    })
    expect(commonDecimal([decimal(30, 0), decimal(18, 8)])).toEqual(
      decimal(38, 8),
    )
    expect(commonDecimal([decimal(5, 2), INT4])).toBeUndefined()
  })
})

describe('rewriteNumeric', () => {
  beforeAll(async () => {
    await loadModule()
  })

  it('leaves statements that name no DECIMAL type alone, before any parse', () => {
    for (const sql of [
      'select 1',
      'select a / b, sum(c), avg(d) from t',
      'select 1 union select 2',
      'select numeric_precision from svv_columns',
    ]) {
      expect(rewriteNumeric(sql, 'SelectStmt')).toBeNull()
    }
    // DDL names types; only queries compute with them.
    expect(
      rewriteNumeric('create table t (a decimal)', 'CreateStmt'),
    ).toBeNull()
  })

  it('leaves expressions over operands of unknown type alone', () => {
    expect(
      rewriteNumeric('select price / qty, 1.5 * 2 from decimals', 'SelectStmt'),
    ).toBeNull()
  })

  it('keeps every rewritten statement one statement PostgreSQL parses, with its columns', () => {
    const leaf = fc.oneof(
      fc
        .tuple(fc.integer({ min: 1, max: 38 }), fc.integer({ min: 0, max: 6 }))
        .map(([p, s]) => `1::decimal(${p},${Math.min(s, p)})`),
      fc.integer({ min: 0, max: 1000 }).map(String),
      fc.constant('c'),
      fc.constant('c::decimal'),
      fc.constant('cast(c as numeric(12,3))'),
    )
    const expression = fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc
          .tuple(
            tie('expr'),
            fc.constantFrom('+', '-', '*', '/'),
            tie('expr'),
            fc.boolean(),
          )
          .map(([l, op, r, paren]) =>
            paren ? `(${l} ${op} ${r})` : `${l} ${op} ${r}`,
          ),
        fc
          .tuple(tie('expr'), tie('expr'))
          .map(([a, b]) => `coalesce(${a}, ${b})`),
        tie('expr').map((e) => `sum(${e})`),
      ),
    })).expr
    fc.assert(
      fc.property(
        fc.array(expression, { minLength: 1, maxLength: 3 }),
        (items) => {
          const sql = `select ${items.join(', ')} from t`
          const out = rewriteNumeric(sql, 'SelectStmt')
          if (out === null) return
          if (typeof out !== 'string') {
            expect(out.message).toMatch(/emulator limit/)
            return
          }
          const stmts = parseSync(out).stmts
          expect(stmts).toHaveLength(1)
          const targets = stmts[0].stmt.SelectStmt.targetList
          expect(targets).toHaveLength(items.length)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('setOperationColumnsSql', () => {
  beforeAll(async () => {
    await loadModule()
  })

  it(`describes each input of a CREATE TABLE AS over a set operation (${COMPUTATIONS})`, () => {
    expect(
      setOperationColumnsSql(
        'create table dec3 as select * from dec1 union select * from dec2',
        'CreateTableAsStmt',
      ),
    ).toBe(
      `select redshift_local.retype_set_operation('"dec3"', array['select * from dec1', 'select * from dec2']::text[])`,
    )
    expect(
      setOperationColumnsSql(
        "create table s.d as (select 'it''s' as a from x) union all select b from y except select c from z order by 1",
        'CreateTableAsStmt',
      ),
    ).toBe(
      `select redshift_local.retype_set_operation('"s"."d"', array['(select ''it''''s'' as a from x)', 'select b from y', 'select c from z']::text[])`,
    )
  })

  it('leaves other statements alone', () => {
    for (const [sql, type] of [
      ['select 1 union select 2', 'SelectStmt'],
      ['create table d as select 1', 'CreateTableAsStmt'],
      [
        'create table d as with w as (select 1 as a) select a from w union select 2',
        'CreateTableAsStmt',
      ],
    ] as const) {
      expect(setOperationColumnsSql(sql, type)).toBeNull()
    }
  })
})
