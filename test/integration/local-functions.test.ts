import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { installCatalog } from '../../src/local/catalog/install-catalog.js'
import { rewriteRedshiftDdl } from '../../src/local/sql/redshift-ddl.js'
import {
  rewriteRedshiftFunctions,
  type FunctionRewriteContext,
} from '../../src/local/sql/rewrite-functions.js'
import { openTestDatabase } from '../setup/test-database.js'

describe('Redshift functions on PostgreSQL', () => {
  let client: pg.Client
  let close: () => Promise<void>
  const ctx: FunctionRewriteContext = { lastQueryId: null }

  /** Runs Redshift SQL the way the emulator does: rewritten, then executed. */
  async function run(sql: string, context: FunctionRewriteContext = ctx) {
    return client.query(rewriteRedshiftFunctions(sql, context))
  }
  async function value(sql: string, context?: FunctionRewriteContext) {
    const { rows } = await run(sql, context)
    return Object.values(rows[0] as Record<string, unknown>)[0]
  }

  beforeAll(async () => {
    ;({ client, close } = await openTestDatabase('local_functions'))
    await installCatalog(client, { redshiftVersion: '1.0.81234' })
    await client.query(`create table people (id int, name varchar(20), grp char(2), score numeric(10,2), born date, seen timestamp);
      insert into people values
        (1, 'carol', 'a', 10, '2000-01-31', '2024-01-01 10:00'),
        (2, 'alice', 'a', 20, '2001-02-28', '2024-01-02 11:30'),
        (3, 'bob',   'b', 30, null,        null),
        (4, null,    'b', 40, '2003-12-31', '2024-03-01 00:00')`)
  })
  afterAll(() => close())

  describe('DATEDIFF counts boundaries crossed', () => {
    it.each([
      ["datediff(day, '2024-01-01', '2024-03-01')", '60'],
      ["datediff('day', '2024-03-01', '2024-01-01')", '-60'],
      ["datediff(year, '2023-12-31', '2024-01-01')", '1'],
      ["datediff(yrs, '2023-01-01', '2023-12-31')", '0'],
      ["datediff(month, '2024-01-31', '2024-02-01')", '1'],
      ["datediff(qtr, '2023-12-31', '2024-04-01')", '2'],
      ["datediff(week, '2024-01-06', '2024-01-07')", '1'],
      ["datediff(w, '2024-01-07', '2024-01-13')", '0'],
      ["datediff(hour, '2024-01-01 10:59', '2024-01-01 11:00')", '1'],
      ["datediff(m, '2024-01-01 10:00:59', '2024-01-01 10:01:00')", '1'],
      [
        "datediff(second, '2024-01-01 10:00:00.9', '2024-01-01 10:00:01.1')",
        '1',
      ],
      ["datediff(ms, '2024-01-01 10:00:00', '2024-01-01 10:00:01.5')", '1500'],
      ["datediff(day, date '2024-02-28', date '2024-03-01')", '2'],
      ["datediff(minute, time '10:00', time '12:30')", '150'],
    ])('%s = %s', async (expr, expected) => {
      expect(await value(`select ${expr}`)).toBe(expected)
    })

    it('works on table columns of date and timestamp types', async () => {
      const { rows } = await run(
        `select id, datediff(day, born, seen) as d from people where id in (1, 2) order by id`,
      )
      expect(rows).toEqual([
        { id: 1, d: '8736' },
        { id: 2, d: '8343' },
      ])
    })

    it('rejects an unknown date part', async () => {
      await expect(
        run("select datediff(fortnight, '2024-01-01', '2024-02-01')"),
      ).rejects.toThrow(/Invalid datepart: fortnight/)
    })
  })

  describe('DATEADD', () => {
    it.each([
      ["dateadd(month, 1, '2024-01-31')", '2024-02-29 00:00:00'],
      ["dateadd(day, -1, date '2024-03-01')", '2024-02-29 00:00:00'],
      ["dateadd(qtr, 1, '2024-01-15 08:30')", '2024-04-15 08:30:00'],
      ["dateadd(h, 36, '2024-01-01')", '2024-01-02 12:00:00'],
      ["dateadd(ms, 1500, '2024-01-01')", '2024-01-01 00:00:01.5'],
      // A year steps over the missing Feb 29 into Mar 1; twelve months clamp
      // (https://docs.aws.amazon.com/redshift/latest/dg/r_DATEADD_function.html).
      ["dateadd(year, 1, '2024-02-29')", '2025-03-01 00:00:00'],
      ["dateadd(month, 12, '2024-02-29')", '2025-02-28 00:00:00'],
    ])('%s = %s', async (expr, expected) => {
      expect(await value(`select (${expr})::text`)).toBe(expected)
    })

    it('returns a timestamp for a date, like Redshift', async () => {
      expect(
        await value(
          "select pg_typeof(dateadd(day, 1, date '2024-01-01'))::text",
        ),
      ).toBe('timestamp without time zone')
    })

    it('ADD_MONTHS keeps month ends, LAST_DAY and TRUNC work on dates', async () => {
      expect(
        await value("select add_months('2024-02-29'::date, 1)::text"),
      ).toBe('2024-03-31 00:00:00')
      expect(
        await value(
          "select add_months('2024-01-15 10:00'::timestamp, 1)::text",
        ),
      ).toBe('2024-02-15 10:00:00')
      expect(await value("select last_day('2024-02-10'::date)::text")).toBe(
        '2024-02-29',
      )
      expect(
        await value("select trunc('2024-02-10 13:14'::timestamp)::text"),
      ).toBe('2024-02-10')
    })
  })

  describe('LISTAGG', () => {
    it('orders WITHIN GROUP and skips nulls', async () => {
      const { rows } = await run(
        `select grp, listagg(name, ', ') within group (order by name) as names
         from people group by grp order by grp`,
      )
      expect(rows).toEqual([
        { grp: 'a ', names: 'alice, carol' },
        { grp: 'b ', names: 'bob' },
      ])
    })

    it('takes non-text values, DISTINCT, and no delimiter', async () => {
      expect(
        await value(
          'select listagg(id) within group (order by id desc) from people',
        ),
      ).toBe('4321')
      expect(
        await value(
          "select listagg(distinct grp, '|') within group (order by grp) from people",
        ),
      ).toBe('a|b') // CHAR values lose their padding when cast to text
    })

    it('works as a window function over the whole partition', async () => {
      const { rows } = await run(
        `select id, listagg(id, ',') within group (order by id desc) over (partition by grp) as ids
         from people order by id`,
      )
      expect(rows.map((r) => r.ids)).toEqual(['2,1', '2,1', '4,3', '4,3'])
    })

    it('returns VARCHAR and refuses results over 65535 bytes', async () => {
      expect(
        await value(
          "select pg_typeof(listagg(name, ',') within group (order by name))::text from people",
        ),
      ).toBe('character varying')
      await expect(
        run(
          "select listagg(repeat('x', 1000), ',') from generate_series(1, 70)",
        ),
      ).rejects.toThrow(/Result size exceeds LISTAGG limit/)
    })
  })

  it('NVL and NVL2 choose values like COALESCE and CASE', async () => {
    const { rows } = await run(
      `select id, nvl(name, 'n/a') as a, nvl(null, null, name, 'x') as b,
         nvl2(born, 'has', 'none') as c, nvl(score, 0) + 1 as d
       from people where id in (3, 4) order by id`,
    )
    expect(rows).toEqual([
      { id: 3, a: 'bob', b: 'bob', c: 'none', d: '31.00' },
      { id: 4, a: 'n/a', b: 'x', c: 'has', d: '41.00' },
    ])
  })

  it('LEN ignores trailing blanks of CHAR but counts them in VARCHAR', async () => {
    const { rows } = await run(
      `select len('abc  '::char(5)) as c, len('abc  '::varchar(5)) as v, len('abc') as l,
         len(grp) as g from people where id = 1`,
    )
    expect(rows[0]).toEqual({ c: 3, v: 5, l: 3, g: 1 })
  })

  it('CONVERT_TIMEZONE converts from UTC or from a given zone', async () => {
    expect(
      await value(
        "select convert_timezone('America/New_York', '2024-01-01 12:00:00')::text",
      ),
    ).toBe('2024-01-01 07:00:00')
    expect(
      await value(
        "select convert_timezone('America/New_York', 'UTC', '2024-07-01 12:00:00'::timestamp)::text",
      ),
    ).toBe('2024-07-01 16:00:00')
    expect(
      await value(
        "select convert_timezone('PST', timestamptz '2024-01-01 12:00:00+00')::text",
      ),
    ).toBe('2024-01-01 04:00:00')
  })

  it('DECODE maps values, defaults, and matches a NULL search to a null value', async () => {
    const { rows } = await run(
      `select id, decode(grp, 'a', 'first', 'b', 'second') as g,
         decode(id, 1, 'one', 2, 'two', 'many') as n,
         decode(born, null, 'unknown', 'known') as b
       from people order by id`,
    )
    expect(rows).toEqual([
      { id: 1, g: 'first', n: 'one', b: 'known' },
      { id: 2, g: 'first', n: 'two', b: 'known' },
      { id: 3, g: 'second', n: 'many', b: 'unknown' },
      { id: 4, g: 'second', n: 'many', b: 'known' },
    ])
    expect(
      await value("select encode(decode('aGk=', 'base64'), 'escape')"),
    ).toBe('hi')
  })

  it('MEDIAN gives DECIMAL for integers and decimals, DOUBLE for floats', async () => {
    const { rows } = await run(
      `select median(id) as i, median(score) as s, median(id::float8) as f,
         pg_typeof(median(id))::text as t from people`,
    )
    expect(rows[0]).toEqual({ i: '2.5', s: '25.00', f: 2.5, t: 'numeric' })
    expect(
      await value('select median(v) from (values (10.01), (10.02)) as t(v)'),
    ).toBe('10.015')
    const window = await run(
      'select id, median(score) over (partition by grp) as m from people order by id',
    )
    expect(window.rows.map((r) => Number(r.m))).toEqual([15, 15, 35, 35])
  })

  it('STRTOL and CHARINDEX', async () => {
    const { rows } = await run(
      `select strtol('0xf', 16) as a, strtol('abcd1234', 16) as b, strtol('-101', 2) as c,
         strtol('  17zz', 10) as d, charindex('dog', 'the dog') as e, charindex('cat', 'dog') as f`,
    )
    expect(rows[0]).toEqual({
      a: '15',
      b: '2882343476',
      c: '-5',
      d: '17',
      e: 5,
      f: 0,
    })
  })

  it('JSON functions work on VARCHAR JSON text', async () => {
    const doc = `'{"f2":{"f3":1},"f4":{"f5":99,"f6":"star"}}'`
    const { rows } = await run(
      `select json_extract_path_text(${doc}, 'f4', 'f6') as a,
         json_extract_path_text(${doc}, 'f4', 'nope') as b,
         json_extract_path_text('{bad', 'f4', true) as c,
         is_valid_json(${doc}) as d, is_valid_json('{"a"') as e,
         is_valid_json_array('[1,2]') as f, json_array_length('[1,2,3]') as g,
         json_extract_array_element_text('[111,112]', 1) as h,
         json_serialize(json_parse(${doc})) is not null as i`,
    )
    expect(rows[0]).toEqual({
      a: 'star',
      b: null,
      c: null,
      d: true,
      e: false,
      f: true,
      g: 3,
      h: '112',
      i: true,
    })
    await expect(
      run("select json_extract_path_text('{bad', 'f4')"),
    ).rejects.toThrow(/json/)
  })

  it('GETDATE has whole seconds; SYSDATE is the transaction start, named "timestamp"', async () => {
    const { rows, fields } = await run('select getdate() as g, sysdate')
    expect((rows[0].g as Date).getMilliseconds()).toBe(0)
    expect(fields.map((f) => f.name)).toEqual(['g', 'timestamp'])
    expect(await value('select pg_typeof(sysdate)::text')).toBe(
      'timestamp without time zone',
    )
    await client.query('begin')
    try {
      const a = await value('select sysdate::text')
      await new Promise((resolve) => setTimeout(resolve, 5))
      expect(await value('select sysdate::text')).toBe(a)
    } finally {
      await client.query('rollback')
    }
  })

  it('PG_LAST_* and version() answer from the session, under their Redshift column names', async () => {
    const { rows, fields } = await run(
      'select pg_last_query_id(), pg_last_copy_id(), pg_last_copy_count(), pg_last_unload_count(), version()',
      { lastQueryId: 1234, lastCopyCount: 17n },
    )
    expect(fields.map((f) => f.name)).toEqual([
      'pg_last_query_id',
      'pg_last_copy_id',
      'pg_last_copy_count',
      'pg_last_unload_count',
      'version',
    ])
    expect(rows[0]).toEqual({
      pg_last_query_id: 1234,
      pg_last_copy_id: -1,
      pg_last_copy_count: '17',
      pg_last_unload_count: '0',
      version:
        'PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.81234',
    })
    expect(await value('select pg_last_query_id()')).toBe(-1)
  })

  it('TOP, MINUS, APPROXIMATE COUNT and #temp names run on PostgreSQL', async () => {
    const top = await run('select top 2 id from people order by id desc')
    expect(top.rows).toEqual([{ id: 4 }, { id: 3 }])
    const nested = await run(
      'select id from people where id in (select distinct top 1 id from people order by id) ',
    )
    expect(nested.rows).toEqual([{ id: 1 }])
    const minus = await run(
      "select id from people minus select id from people where grp = 'a' order by 1",
    )
    expect(minus.rows).toEqual([{ id: 3 }, { id: 4 }])
    expect(
      await value('select approximate count(distinct grp) from people'),
    ).toBe('2')
    await client.query('create temp table "#scratch" (a int)')
    await run('insert into #scratch select id from people where id > 2')
    expect(
      await value('select count(*) from #scratch where #scratch.a # 1 = 2'),
    ).toBe('1')
  })

  describe('the rewrite itself', () => {
    const samples = [
      "select listagg(a, ',') within group (order by b) over (partition by c), decode(x, null, 1, 2) from t",
      'select top 3 datediff(day, a, b), dateadd(m, 1, c), sysdate, version(), pg_last_query_id() from #t minus select 1',
    ]

    it('returns statements without trigger words as the same string', () => {
      const sql =
        'select "person"."id" from "person" where "person"."name" = $1'
      expect(rewriteRedshiftFunctions(sql, ctx)).toBe(sql)
    })

    it('is idempotent', () => {
      for (const sql of samples) {
        const once = rewriteRedshiftFunctions(sql, { lastQueryId: 5 })
        expect(rewriteRedshiftFunctions(once, { lastQueryId: 5 })).toBe(once)
      }
    })

    it('never touches literals, quoted names or comments', () => {
      const sql = `select 'listagg(a) within group (order by a)', "sysdate", $$ decode(a,b,c) $$ /* top 1 */ -- minus\n`
      expect(rewriteRedshiftFunctions(sql, ctx)).toBe(sql)
    })

    it('leaves a column named version and user-schema functions alone', () => {
      const sql =
        'select version, s.datediff(day, a, b), t.decode(a, b, c) from t'
      expect(rewriteRedshiftFunctions(sql, ctx)).toBe(sql)
    })

    it('lets the DDL rewrite run before or after it', () => {
      const sql =
        'create table #stage (at timestamp default sysdate) distkey(at)'
      const ddlFirst = rewriteRedshiftDdl(sql)
      const functionsFirst = rewriteRedshiftDdl(
        rewriteRedshiftFunctions(sql, ctx),
      )
      expect(ddlFirst && 'sql' in ddlFirst).toBe(true)
      expect(functionsFirst && 'sql' in functionsFirst).toBe(true)
      if (
        ddlFirst &&
        'sql' in ddlFirst &&
        functionsFirst &&
        'sql' in functionsFirst
      ) {
        expect(rewriteRedshiftFunctions(ddlFirst.sql, ctx)).toBe(
          functionsFirst.sql,
        )
        expect(functionsFirst.attributes).toEqual(ddlFirst.attributes)
      }
    })
  })
})
