import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf, openEmulatorDatabase } from './local-test-helpers.js'

// Redshift's plan text: https://docs.aws.amazon.com/redshift/latest/dg/c-the-query-plan.html
// Distribution steps: https://docs.aws.amazon.com/redshift/latest/dg/c_data_redistribution.html
describe('local emulator: EXPLAIN in Redshift form', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_explain', [
      // Large (outer) tables, 1000 rows each.
      'create table big_key (id int, other int) distkey(id)',
      'create table big_even (id int, other int) diststyle even',
      'create table big_all (id int, other int) diststyle all',
      // Small (inner) tables, 10 rows each.
      'create table small_key (id int, name varchar(10)) distkey(id)',
      'create table small_even (id int, name varchar(10)) diststyle even',
      'create table small_all (id int, name varchar(10)) diststyle all',
      // As large as big_even: neither side is worth broadcasting.
      'create table peer_even (id int, other int) diststyle even',
      'create table never_analyzed (id int) diststyle even',
      // Distributed on a VARCHAR column each.
      'create table names_a (name varchar(10), n int) distkey(name)',
      'create table names_b (name varchar(10), n int) distkey(name)',
      // Distributed and sorted on id: Redshift merges them.
      'create table sorted_big (id int, other int) distkey(id) sortkey(id)',
      'create table sorted_small (id int, name varchar(10)) distkey(id) compound sortkey(id, name)',
      'create table sorted_other (id int, other int) distkey(id) sortkey(other)',
    ]))
    // Rows 1..n, then ANALYZE, so the planner's estimates (and so which side is inner) are fixed.
    for (const [table, n] of [
      ['big_key', 1000],
      ['big_even', 1000],
      ['big_all', 1000],
      ['small_key', 10],
      ['small_even', 10],
      ['small_all', 10],
      ['peer_even', 900],
      ['sorted_big', 1000],
      ['sorted_small', 10],
      ['sorted_other', 10],
    ] as const) {
      await client.query(
        `insert into ${table} (id) values ${Array.from({ length: n }, (_, i) => `(${i + 1})`).join(',')}`,
      )
      await client.query(`analyze ${table}`)
    }
  })
  afterAll(() => close())

  async function explain(sql: string): Promise<string[]> {
    const result = await client.query(`explain ${sql}`)
    expect(result.command).toBe('EXPLAIN')
    expect(result.fields.map((f) => f.name)).toEqual(['QUERY PLAN'])
    return result.rows.map((row: Record<string, string>) => row['QUERY PLAN']!)
  }

  /** The plan with PostgreSQL's cost and width estimates (not Redshift's to predict) replaced by C and W. */
  const shape = (lines: readonly string[]) =>
    lines.map((line) =>
      line
        .replace(/cost=\d+\.\d\d\.\.\d+\.\d\d/, 'cost=C')
        .replace(/width=\d+/, 'width=W'),
    )

  it('renders a hash join in Redshift form: XN operators, the DS step, "outer"/"inner", cost format', async () => {
    const lines = await explain(
      'select * from big_key b join small_even s on b.id = s.id',
    )
    expect(shape(lines)).toEqual([
      'XN Hash Join DS_DIST_INNER  (cost=C rows=10 width=W)',
      '  Hash Cond: ("outer".id = "inner".id)',
      '  ->  XN Seq Scan on big_key b  (cost=C rows=1000 width=W)',
      '  ->  XN Hash  (cost=C rows=10 width=W)',
      '        ->  XN Seq Scan on small_even s  (cost=C rows=10 width=W)',
    ])
    for (const line of lines.filter((l) => l.includes('cost=')))
      expect(line).toMatch(
        /\(cost=\d+\.\d{2}\.\.\d+\.\d{2} rows=\d+ width=\d+\)$/,
      )
  })

  it.each([
    ['big_key', 'small_key', 'DS_DIST_NONE'],
    ['big_key', 'small_even', 'DS_DIST_INNER'],
    ['big_even', 'small_key', 'DS_DIST_OUTER'],
    ['big_key', 'small_all', 'DS_DIST_ALL_NONE'],
    ['big_even', 'small_all', 'DS_DIST_ALL_NONE'],
    ['big_all', 'small_even', 'DS_DIST_ALL_INNER'],
    ['big_even', 'small_even', 'DS_BCAST_INNER'],
    ['big_even', 'peer_even', 'DS_DIST_BOTH'],
  ])(
    'a join of %s (outer) and %s (inner) on their ids takes %s',
    async (outer, inner, step) => {
      const lines = await explain(
        `select count(*) from ${outer} o join ${inner} i on o.id = i.id`,
      )
      const join = lines.find((line) => line.includes('Join'))
      expect(join).toMatch(new RegExp(`^\\s*->  XN Hash Join ${step}  \\(`))
    },
  )

  it('merges tables distributed and sorted on the join column: XN Merge Join, no hash table', async () => {
    const lines = await explain(
      'select * from sorted_big b join sorted_small s on b.id = s.id',
    )
    expect(shape(lines)).toEqual([
      'XN Merge Join DS_DIST_NONE  (cost=C rows=10 width=W)',
      '  Merge Cond: ("outer".id = "inner".id)',
      '  ->  XN Seq Scan on sorted_big b  (cost=C rows=1000 width=W)',
      '  ->  XN Seq Scan on sorted_small s  (cost=C rows=10 width=W)',
    ])
    // A merge join returns its first row at once.
    expect(lines[0]).toMatch(/\(cost=0\.00\.\.\d+\.\d\d /)
  })

  it.each([
    [
      'an outer join',
      'sorted_big b left join sorted_small s on b.id = s.id',
      'XN Merge Join DS_DIST_NONE',
    ],
    [
      'a full join',
      'sorted_big b full join sorted_small s on b.id = s.id',
      'XN Hash Join DS_DIST_NONE',
    ],
    [
      'a table not sorted on it',
      'big_key b join sorted_small s on b.id = s.id',
      'XN Hash Join DS_DIST_NONE',
    ],
    [
      'a table sorted on another column',
      'sorted_big b join sorted_other s on b.id = s.id',
      'XN Hash Join DS_DIST_NONE',
    ],
  ])('%s: %s takes %s', async (_, from, operator) => {
    const lines = await explain(`select count(*) from ${from}`)
    const join = lines.find((line) => line.includes('Join'))!
    expect(join.replace(/^\s*(->  )?/, '').replace(/  \(.*$/, '')).toBe(
      operator,
    )
  })

  it('a join on a column that is not the distribution key redistributes', async () => {
    const lines = await explain(
      'select count(*) from big_key o join small_key i on o.other = i.id',
    )
    expect(lines.find((l) => l.includes('Join'))).toContain(
      'XN Hash Join DS_DIST_OUTER',
    )
    expect(lines.map((l) => l.trim())).toContain(
      'Hash Cond: ("outer".other = "inner".id)',
    )
  })

  it('a cross join is a nested loop that broadcasts, with the nested loop warning', async () => {
    const lines = await explain(
      'select * from big_even b, small_even s where b.other > s.id',
    )
    expect(lines[0]).toMatch(/^XN Nested Loop DS_BCAST_INNER {2}\(/)
    expect(lines).toContain(
      '----- Nested Loop Join in the query plan - review the join predicates to avoid Cartesian products -----',
    )
    expect(
      lines.some((l) => /Join Filter: \("outer".other > "inner".id\)/.test(l)),
    ).toBe(true)
  })

  it('names tables without statistics, as Redshift does', async () => {
    const lines = await explain('select * from never_analyzed where id = 1')
    // An empty, never analyzed table: PostgreSQL guesses its rows.
    expect(shape(lines).map((l) => l.replace(/rows=\d+/, 'rows=N'))).toEqual([
      'XN Seq Scan on never_analyzed  (cost=C rows=N width=W)',
      '  Filter: (id = 1)',
      '----- Tables missing statistics: never_analyzed -----',
      '----- Update statistics by running the ANALYZE command on these tables -----',
    ])
    const analyzed = await explain('select * from small_even where id = 1')
    expect(analyzed.some((l) => l.startsWith('-----'))).toBe(false)
  })

  it('an ORDER BY sorts on the slices and merges on the leader', async () => {
    const lines = await explain(
      'select i.id, count(*) from big_even o join small_all i on o.id = i.id group by i.id order by 2 desc limit 5',
    )
    const names = shape(lines).map((l) => l.replace(/ {2}\(cost=C.*$/, ''))
    expect(names.slice(0, 7)).toEqual([
      'XN Limit',
      '  ->  XN Merge',
      '        Merge Key: (count(*)) DESC',
      '        ->  XN Network',
      '              Send to leader',
      '              ->  XN Sort',
      '                    Sort Key: (count(*)) DESC',
    ])
    expect(names.some((l) => /->  XN (Hash|Group)Aggregate$/.test(l))).toBe(
      true,
    )
    expect(names.some((l) => l.endsWith('XN Hash Join DS_DIST_ALL_NONE'))).toBe(
      true,
    )
  })

  it('shows plain aggregates and scan filters', async () => {
    const lines = await explain(
      "select count(*) from small_key where name = 'x'",
    )
    expect(shape(lines)).toEqual([
      'XN Aggregate  (cost=C rows=1 width=W)',
      '  ->  XN Seq Scan on small_key  (cost=C rows=1 width=W)',
      "        Filter: ((name)::text = 'x'::text)",
    ])
  })

  it('a join on VARCHAR distribution keys: DS_DIST_NONE, the condition on the plain columns', async () => {
    // VARCHAR comparisons ignore trailing blanks, which the backing
    // database does with rtrim(): neither the plan nor its DS step shows it.
    const lines = await explain(
      'select a.n from names_a a join names_b b on a.name = b.name',
    )
    expect(lines[0]).toMatch(/^XN Hash Join DS_DIST_NONE {2}\(/)
    expect(lines.join('\n')).toMatch(
      /Hash Cond: \(\("outer"\.name\)::text = \("inner"\.name\)::text\)/,
    )
    expect(lines.join('\n')).not.toMatch(/rtrim/)
  })

  it("leaves EXPLAIN VERBOSE PostgreSQL's and refuses bind parameters as an emulator limit", async () => {
    const verbose = await client.query(
      'explain verbose select * from small_key',
    )
    expect(verbose.rows[0]['QUERY PLAN']).toMatch(
      /^Seq Scan on public\.small_key/,
    )
    const bound = await errorOf(
      client.query('explain select * from small_key where id = $1', [1]),
    )
    expect(bound.code).toBe('0A000')
    expect(bound.message).toMatch(/bind parameters/)
  })

  it('explains DML without running it', async () => {
    const lines = await explain('delete from small_even where id > 5')
    expect(lines[0]).toMatch(/^XN Seq Scan on small_even {2}\(/)
    const { rows } = await client.query(
      'select count(*)::int as n from small_even',
    )
    expect(rows).toEqual([{ n: 10 }])
  })
})
