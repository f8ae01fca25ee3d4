import { loadModule } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'

import {
  RelationCollector,
  relationKey,
  type ColumnSource,
  type ColumnType,
} from '../../src/local/sql/column-scopes.js'
import { decimal } from '../../src/local/sql/numeric-types.js'
import { rewriteNumeric } from '../../src/local/sql/rewrite-numeric.js'

// DECIMAL typing of expressions over table columns, as
// https://docs.aws.amazon.com/redshift/latest/dg/r_numeric_computations201.html
// types them, with the columns' types given as the catalog would. Each row:
// the statement, what PostgreSQL gets (null: unchanged, the expression keeps
// PostgreSQL's type because the reference does not resolve for certain).

const COMPUTATIONS =
  'https://docs.aws.amazon.com/redshift/latest/dg/r_numeric_computations201.html'

const CATALOG: Readonly<Record<string, Record<string, ColumnType>>> = {
  sales: {
    id: { kind: 'int4' },
    price: decimal(8, 2),
    qty: decimal(8, 2),
    n: { kind: 'int4' },
    note: null,
  },
  [relationKey('etl', 'staging')]: { id: { kind: 'int4' }, v: decimal(5, 1) },
  items: { id: { kind: 'int4' }, price: decimal(10, 4), w: decimal(6, 3) },
  Mixed: { Amount: decimal(9, 3) },
}

function source(fold: boolean): ColumnSource {
  return {
    fold,
    columnsOf: (key) => {
      const columns = CATALOG[key]
      return columns === undefined
        ? undefined
        : new Map(Object.entries(columns))
    },
  }
}

const CASES: readonly {
  readonly sql: string
  readonly out: string | null
  readonly fold?: boolean
  readonly why: string
}[] = [
  {
    sql: 'select price / qty as q from sales',
    out: 'select redshift_local.decimal_div(price , qty, 9)::numeric(17,9) as q from sales',
    why: 'column / column: scale max(4, s1 + p2 - s2 + 1)',
  },
  {
    sql: 'select price * qty from sales',
    out: 'select (price * qty)::numeric(17,4) AS "?column?" from sales',
    why: 'column * column: scales add, the name stays ?column?',
  },
  {
    sql: 'select price + 1 as s from sales',
    out: 'select (price + 1)::numeric(13,2) as s from sales',
    why: 'column + INTEGER constant: DECIMAL(10,0)',
  },
  {
    sql: 'select s.price / s.n as q from sales s',
    out: 'select redshift_local.decimal_div(s.price , s.n, 13)::numeric(19,13) as q from sales s',
    why: 'an aliased table, an INTEGER column',
  },
  {
    sql: 'select sales.price - etl.staging.v as d from sales, etl.staging',
    out: 'select (sales.price - etl.staging.v)::numeric(9,2) as d from sales, etl.staging',
    why: 'schema-qualified references',
  },
  {
    sql: 'select a.price * b.w as m from sales a join items b on a.id = b.id',
    out: 'select (a.price * b.w)::numeric(15,5) as m from sales a join items b on a.id = b.id',
    why: 'joined tables by alias',
  },
  {
    sql: 'select qty * w as m from sales join items using (id)',
    out: 'select (qty * w)::numeric(15,5) as m from sales join items using (id)',
    why: 'unqualified columns only one joined table has',
  },
  {
    sql: 'select avg(price * qty) as a, sum(price) as s from sales',
    out: 'select (avg((price * qty)::numeric(17,4)))::numeric(38,4) as a, (sum(price))::numeric(38,2) as s from sales',
    why: 'AVG and SUM of DECIMAL(p,s) are DECIMAL(38,s)',
  },
  {
    sql: 'select max(price * qty) as m, min(n) as i from sales',
    out: 'select (max((price * qty)::numeric(17,4)))::numeric(17,4) as m, min(n) as i from sales',
    why: "MIN and MAX keep their argument's type (r_MAX.html, r_MIN.html)",
  },
  {
    sql: 'select case when id = 1 then price else w end as c from sales, items',
    out: null,
    why: 'id is in both tables: ambiguous, PostgreSQL reports it',
  },
  {
    sql: 'select case when n = 1 then price else qty * qty end as c from sales',
    out: 'select (case when n = 1 then price else (qty * qty)::numeric(17,4) end)::numeric(17,4) as c from sales',
    why: 'CASE promotes to the most integer digits and the largest scale',
  },
  {
    sql: 'select coalesce(qty, w) as c from sales, items',
    out: 'select (coalesce(qty, w))::numeric(9,3) as c from sales, items',
    why: 'COALESCE over columns of two tables',
  },
  {
    sql: 'select q * 2 as d from (select price / qty as q from sales) x',
    out: 'select (q * 2)::numeric(28,9) as d from (select redshift_local.decimal_div(price , qty, 9)::numeric(17,9) as q from sales) x',
    why: 'a subquery in FROM: its select list types the outer reference',
  },
  {
    sql: 'with t as (select price p from sales) select p * 2 as d from t',
    out: 'with t as (select price p from sales) select (p * 2)::numeric(19,2) as d from t',
    why: 'a WITH query types its references',
  },
  {
    sql: 'with sales as (select 1.5 as price) select price * 2 as d from sales',
    out: null,
    why: 'a WITH query shadows the table of its name',
  },
  {
    sql: 'select price * 2 as d from sales where id in (select id from items where items.price * 2 > 1)',
    out: 'select (price * 2)::numeric(19,2) as d from sales where id in (select id from items where (items.price * 2)::numeric(21,4) > 1)',
    why: 'a subquery sees its own table first',
  },
  {
    sql: 'select (select max(id) from items where items.w > sales.price * n) from sales',
    out: 'select (select max(id) from items where items.w > (sales.price * n)::numeric(19,2)) from sales',
    why: 'a correlated reference to the outer table',
  },
  {
    sql: 'select price * 2 as d from sales, generate_series(1, 2) g',
    out: 'select (price * 2)::numeric(19,2) as d from sales, generate_series(1, 2) g',
    why: 'a function in FROM with a column of that name would make it ambiguous',
  },
  {
    sql: 'select (select price * 2 from generate_series(1, 2) as price) as d from sales',
    out: null,
    why: 'a FROM function of the inner level may hold the column: the outer one is not asked',
  },
  {
    sql: 'select sales.price * 2 as d from sales, generate_series(1, 2) g',
    out: 'select (sales.price * 2)::numeric(19,2) as d from sales, generate_series(1, 2) g',
    why: 'qualified by a table, it resolves',
  },
  {
    sql: 'select id * price as d from sales natural join items',
    out: null,
    why: 'NATURAL join columns are merged',
  },
  {
    sql: 'select price * 2 as d from unknown_table',
    out: null,
    why: 'a table the catalog does not know',
  },
  {
    sql: 'select note * 2 as d from sales',
    out: null,
    why: 'a column of another type',
  },
  {
    sql: 'select x.price * 2 as d from (sales join items using (id)) as x',
    out: null,
    why: 'an aliased join is not modelled',
  },
  {
    sql: 'select price * 2 as d from sales s(a, b)',
    out: null,
    why: 'column aliases on a table are not modelled',
  },
  {
    sql: 'select c1 from (select price as c1 from sales) a union select w from items',
    out: 'select (c1)::numeric(9,3) AS "c1" from (select price as c1 from sales) a union select (w)::numeric(9,3) from items',
    why: 'UNION of DECIMAL columns of different types: the promoted type',
  },
  {
    sql: 'update sales set price = price / qty',
    out: 'update sales set price = redshift_local.decimal_div(price , qty, 9)::numeric(17,9)',
    why: 'UPDATE computes over its own table',
  },
  {
    sql: 'select "Amount" * 2 as d from "Mixed"',
    out: 'select ("Amount" * 2)::numeric(20,3) as d from "Mixed"',
    fold: false,
    why: 'case-sensitive names as written',
  },
  {
    sql: 'select "Amount" * 2 as d from "Mixed"',
    out: null,
    fold: true,
    why: 'folded names: "Mixed" is the table mixed',
  },
]

describe('DECIMAL typing over table columns', () => {
  beforeAll(async () => {
    await loadModule()
  })

  it.each(CASES)(`$sql: $why (${COMPUTATIONS})`, ({ sql, out, fold }) => {
    const type = sql.startsWith('update') ? 'UpdateStmt' : 'SelectStmt'
    expect(rewriteNumeric(sql, type, source(fold ?? true))).toEqual(out)
  })

  it('collects only the relations a computation over columns reads', () => {
    const cases: readonly [string, readonly string[]][] = [
      ['select price / qty from sales s, items', ['sales', 'items']],
      ['select * from sales', []],
      ['select id - 1 from etl.staging', [relationKey('etl', 'staging')]],
      ['select a from (select price * 2 as a from sales) x', ['sales']],
      [
        'with w as (select price from sales) select w.price / 2 from w',
        ['sales'],
      ],
      [
        'select x.p * 2 from (select price p from etl.staging) x',
        [relationKey('etl', 'staging')],
      ],
      ['select 1', []],
    ]
    for (const [sql, asked] of cases) {
      const collector = new RelationCollector(true)
      expect(rewriteNumeric(sql, 'SelectStmt', collector)).toBeNull()
      expect([...collector.asked]).toEqual(asked)
    }
  })
})
