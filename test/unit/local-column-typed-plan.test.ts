import { loadModule } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'

import {
  ColumnTypes,
  columnTypeParameters,
  columnTypesOf,
} from '../../src/local/runtime/column-types.js'
import { columnTypedPlan } from '../../src/local/session/column-typed-plan.js'
import type { RelationColumns } from '../../src/local/sql/column-scopes.js'
import { decimal } from '../../src/local/sql/numeric-types.js'
import { Planner } from '../../src/local/sql/planner.js'

// When a statement waits for column types, and when it never does: the
// common path (no DECIMAL computation over columns) must not pay a lookup.
// https://docs.aws.amazon.com/redshift/latest/dg/r_numeric_computations201.html

const SALES: RelationColumns = new Map([
  ['price', decimal(8, 2)],
  ['qty', decimal(8, 2)],
])

function setup(fail = false) {
  const asked: string[][] = []
  const types = new ColumnTypes(async (_db, keys) => {
    asked.push([...keys])
    if (fail) throw new Error('connection lost')
    return new Map(keys.includes('sales') ? [['sales', SALES]] : [])
  })
  const planner = new Planner({ isolation: 'serializable' })
  const runtime = { planner, columnTypes: types }
  const tx = { database: 'dev', columnTyping: true, blockColumns: new Map() }
  const plan = (text: string, waited = false, typing = true) =>
    columnTypedPlan(
      runtime,
      { ...tx, columnTyping: typing },
      planner.plan(text, true),
      text,
      true,
      waited,
    )
  return { asked, types, planner, plan }
}

describe('column-typed plans', () => {
  beforeAll(async () => {
    await loadModule()
  })

  it('a statement computing nothing over columns never looks anything up', () => {
    const { asked, plan, planner } = setup()
    for (const text of [
      'select 1',
      'select * from sales where price > 1',
      'select price from sales',
      'select 1.00::decimal(5,2) / 3',
    ]) {
      expect(plan(text)).toBe(planner.plan(text, true))
    }
    expect(asked).toEqual([])
  })

  it('waits once for the types, then plans with them and keeps the plan', async () => {
    const { asked, plan } = setup()
    const text = 'select price / qty as q from sales'
    const first = plan(text)
    expect(first).toBeInstanceOf(Promise)
    await first
    const typed = plan(text)
    expect(typed).not.toBeInstanceOf(Promise)
    expect((typed as { text: string }).text).toBe(
      'select redshift_local.decimal_div(price , qty, 9)::numeric(17,9) as q from sales',
    )
    expect(plan(text)).toBe(typed)
    expect(asked).toEqual([['sales']])
  })

  it('looks the types up again after DDL', async () => {
    const { asked, plan, types } = setup()
    const text = 'select price * qty from sales'
    await plan(text)
    types.forget('dev')
    expect(plan(text)).toBeInstanceOf(Promise)
    expect(asked).toEqual([['sales'], ['sales']])
  })

  it('a failed lookup leaves the statement with PostgreSQL types instead of waiting again', async () => {
    const { plan, planner } = setup(true)
    const text = 'select price - qty from sales'
    await plan(text)
    expect(plan(text, true)).toBe(planner.plan(text, true))
  })

  it('is off while the session has DDL in flight', () => {
    const { asked, plan, planner } = setup()
    const text = 'select price + qty from sales'
    expect(plan(text, false, false)).toBe(planner.plan(text, true))
    expect(asked).toEqual([])
  })

  it('reads the lookup rows: NUMERIC(p,s), integers, floats, other types', () => {
    const keys = ['sales', 'etl\u0000staging']
    expect(columnTypeParameters(keys)).toEqual([
      [null, 'etl'],
      ['sales', 'staging'],
    ])
    const columns = columnTypesOf(keys, [
      { i: 1, name: 'price', type: 1700, typmod: ((8 << 16) | 2) + 4 },
      { i: 1, name: 'n', type: 23, typmod: -1 },
      { i: 2, name: 'f', type: 701, typmod: -1 },
      { i: 2, name: 'raw', type: 1700, typmod: -1 },
      { i: 2, name: 'note', type: 25, typmod: -1 },
    ])
    expect([...columns.get('sales')!]).toEqual([
      ['price', decimal(8, 2)],
      ['n', { kind: 'int4' }],
    ])
    expect([...columns.get('etl\u0000staging')!]).toEqual([
      ['f', { kind: 'float8' }],
      ['raw', null],
      ['note', null],
    ])
  })
})
