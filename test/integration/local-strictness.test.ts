import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  errorOf,
  openEmulatorDatabase,
  psqlAvailable,
  runPsql,
} from './local-test-helpers.js'

/** [statement, SQLSTATE, message pattern] that Redshift refuses. */
const REFUSED: readonly (readonly [string, string, RegExp])[] = [
  [
    'insert into items values (1, 1) returning id',
    '42601',
    /syntax error at or near "RETURNING"/,
  ],
  ['update items set qty = 2 returning id', '42601', /RETURNING/],
  [
    'insert into items values (1, 1) on conflict do nothing',
    '42601',
    /syntax error at or near "ON"/,
  ],
  [
    'select distinct on (id) id from items',
    '0A000',
    /DISTINCT ON is not supported/,
  ],
  [
    'select id from items for update',
    '0A000',
    /FOR UPDATE\/SHARE is not supported/,
  ],
  ['select id from items for share', '0A000', /FOR UPDATE\/SHARE/],
  ['create table s1 (id serial)', '0A000', /SERIAL is not supported/],
  ['create table s2 (id bigserial)', '0A000', /BIGSERIAL is not supported/],
  ['create sequence seq1', '0A000', /CREATE SEQUENCE is not supported/],
  ['alter sequence seq1 restart', '0A000', /ALTER SEQUENCE is not supported/],
  ["select nextval('seq1')", '42883', /function nextval does not exist/],
  ['create table a1 (tags int[])', '0A000', /unsupported type "int4\[\]"/],
  ['savepoint sp1', '0A000', /SAVEPOINT is not supported/],
  [
    'rollback to savepoint sp1',
    '0A000',
    /ROLLBACK TO SAVEPOINT is not supported/,
  ],
  ['release savepoint sp1', '0A000', /RELEASE SAVEPOINT is not supported/],
  ['select * from items i, lateral (select i.id) x', '42601', /LATERAL/],
  [
    'select id from items where qty is distinct from 1',
    '0A000',
    /IS DISTINCT FROM is not supported/,
  ],
  [
    'select id from items where qty is not distinct from 1',
    '0A000',
    /IS DISTINCT FROM/,
  ],
  [
    'create index items_idx on items (id)',
    '0A000',
    /CREATE INDEX is not supported/,
  ],
  [
    "create type mood as enum ('sad', 'ok')",
    '0A000',
    /CREATE TYPE is not supported/,
  ],
  [
    'create type pair as (a int, b int)',
    '0A000',
    /CREATE TYPE is not supported/,
  ],
  ['create table u1 (id uuid)', '42704', /type "uuid" does not exist/],
  ['create table j1 (doc json)', '42704', /type "json" does not exist/],
  ['create table j2 (doc jsonb)', '42704', /type "jsonb" does not exist/],
  ['create table b1 (raw bytea)', '42704', /type "bytea" does not exist/],
  ["select '{}'::jsonb", '42704', /type "jsonb" does not exist/],
  [
    'select sum(qty) over (order by id range between unbounded preceding and current row) from items',
    '0A000',
    /RANGE window frames is not supported/,
  ],
  [
    'select sum(qty) over (order by id) from items',
    '0A000',
    /require a frame clause/,
  ],
  [
    'select sum(qty) over w from items window w as (order by id)',
    '42601',
    /"WINDOW"/,
  ],
  ['select id from items fetch first 2 rows only', '42601', /"FETCH"/],
  [
    "select string_agg(id::varchar, ',') from items",
    '42883',
    /function string_agg does not exist/,
  ],
  [
    'select array_agg(id) from items',
    '42883',
    /function array_agg does not exist/,
  ],
  [
    'select generate_series(1, 3), id from items',
    '0A000',
    /not supported on Amazon Redshift tables/,
  ],
  ['select pg_sleep(1)', '42883', /function pg_sleep does not exist/],
  [
    'create trigger t1 before insert on items for each row execute function f()',
    '0A000',
    /CREATE TRIGGER/,
  ],
  [
    'create table c1 (qty int check (qty > 0))',
    '0A000',
    /CHECK constraints is not supported/,
  ],
  [
    'create table p1 (id int) partition by range (id)',
    '0A000',
    /partitioned tables/,
  ],
  ['do $$ begin end $$', '0A000', /DO is not supported/],
  ["copy items from '/etc/passwd'", '0A000', /file on the server/],
  ['listen channel1', '0A000', /LISTEN is not supported/],
  [
    'alter table items alter column qty set not null',
    '0A000',
    /SET NOT NULL is not supported/,
  ],
  [
    'alter table items alter column qty type bigint',
    '0A000',
    /target data type "int8" is not supported/,
  ],
  [
    'with a as (with b as (select 1) select * from b) select * from a',
    '0A000',
    /WITH clause inside/,
  ],
  [
    'with recursive r as (select 1 union all select 1 from r) select * from r',
    '0A000',
    /column list/,
  ],
  ['select sum(qty) filter (where qty > 1) from items', '42601', /"FILTER"/],
  [
    'set work_mem = 1024',
    '42704',
    /unrecognized configuration parameter "work_mem"/,
  ],
  ['show work_mem', '42704', /unrecognized configuration parameter "work_mem"/],
  [
    "set query_label to 'x'",
    '42704',
    /unrecognized configuration parameter "query_label"/,
  ],
  ['create table rw1 (open int)', '42601', /syntax error at or near "open"/],
  [
    'select timestamp from items',
    '42601',
    /syntax error at or near "timestamp"/,
  ],
  ['create table tag (id int)', '42601', /syntax error at or near "tag"/],
  [
    'select current_schema(), id from items',
    '0A000',
    /not supported on Amazon Redshift tables/,
  ],
  [
    "unload ('select 1') to 's3://bucket/x' iam_role default",
    '0A000',
    /UNLOAD/,
  ],
]

/** Redshift syntax and features the emulator accepts. */
const ACCEPTED: readonly string[] = [
  'select top 2 id from items order by id',
  'select id from items minus select id from items where id > 1',
  "select listagg(id, ',') within group (order by id) from items",
  'select sum(qty) over (order by id rows between unbounded preceding and current row) from items',
  'select row_number() over (order by id), rank() over (partition by qty order by id) from items',
  'select generate_series(1, 3)',
  'select nvl(null, 1), getdate() is not null',
  "select datediff(day, '2024-01-01'::date, '2024-01-31'::date)",
  'select count(*) from items where qty in (select qty from items)',
  'with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) select * from r',
  'merge into items using items_stage s on items.id = s.id when matched then update set qty = s.qty when not matched then insert values (s.id, s.qty)',
  'create table ddl_ok (id int identity(1, 1), region varchar(10) distkey, amount decimal(10, 2) encode az64) diststyle key compound sortkey (id)',
  'create table ctas_ok as select id from items',
  'create table sk_ok (id int, v varchar(5) collate case_insensitive) sortkey auto',
  "select 'a\\'b' as escaped",
  'create table rw_quoted ("open" int, "timestamp" timestamp)',
  'select current_schema()',
]

describe('local emulator: strictness', () => {
  let url: string
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ url, client, close } = await openEmulatorDatabase('local_strict', [
      'create table items (id int, qty int)',
      'create table items_stage (id int, qty int)',
      'insert into items values (1, 1), (2, 2), (3, 3)',
    ]))
  })
  afterAll(() => close())

  it.each(REFUSED)('refuses %s', async (sql, code, message) => {
    const error = await errorOf(client.query(sql))
    expect(error.code).toBe(code)
    expect(error.message).toMatch(message)
    // The connection stays usable.
    expect((await client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }])
  })

  it.each(ACCEPTED)('accepts %s', async (sql) => {
    await expect(client.query(sql)).resolves.toBeDefined()
  })

  it('refuses through the extended protocol too (Parse fails, the batch is skipped)', async () => {
    const error = await errorOf(
      client.query('select id from items where id = $1 for update', [1]),
    )
    expect(error.code).toBe('0A000')
    expect((await client.query('select $1::int as v', [7])).rows).toEqual([
      { v: 7 },
    ])
  })

  it('refuses a whole multi-statement query when one statement is refused', async () => {
    const error = await errorOf(
      client.query(
        'insert into items values (9, 9); select id from items for update',
      ),
    )
    expect(error.code).toBe('0A000')
    const { rows } = await client.query(
      'select count(*)::int as n from items where id = 9',
    )
    expect(rows).toEqual([{ n: 0 }])
  })

  it('a refusal inside a transaction aborts it, as on Redshift', async () => {
    await client.query('begin')
    await errorOf(client.query('savepoint x'))
    const error = await errorOf(client.query('select 1'))
    expect(error.code).toBe('25P02')
    await client.query('rollback')
  })

  it('refuses a statement larger than 16 MB', async () => {
    const huge = `select '${'x'.repeat(16 * 1024 * 1024)}' as big`
    const error = await errorOf(client.query(huge))
    expect(error.code).toBe('54000')
    expect(error.message).toMatch(
      /^Statement is too large\. Statement Size: \d+ bytes\. Maximum Allowed: 16777216 bytes$/,
    )
  })

  it('reads backslash escapes in string literals the Redshift way', async () => {
    const { rows } = await client.query(
      "select 'it\\'s' as a, 'tab\\there' as b, length('\\\\') as c",
    )
    expect(rows).toEqual([{ a: "it's", b: 'tab\there', c: 1 }])
  })

  it.skipIf(!psqlAvailable)(
    'refuses through psql with the same errors',
    async () => {
      const refused = await runPsql(url, [
        '-c',
        'insert into items values (1, 1) returning id',
      ])
      expect(refused.code).not.toBe(0)
      expect(refused.stderr).toMatch(
        /ERROR:\s+syntax error at or near "RETURNING"/,
      )
      const savepoint = await runPsql(url, ['-c', 'begin', '-c', 'savepoint a'])
      expect(savepoint.stderr).toMatch(/SAVEPOINT is not supported/)
      const accepted = await runPsql(url, [
        '-At',
        '-c',
        'select top 1 id from items order by id desc',
      ])
      expect(accepted.code, accepted.stderr).toBe(0)
      expect(accepted.stdout.trim()).toBe('3')
    },
  )
})
