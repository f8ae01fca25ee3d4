import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { connect, errorOf, openEmulatorDatabase } from './local-test-helpers.js'

// What Redshift refuses, refused by the emulator with Redshift's SQLSTATE and
// message; and each refusal's twin that Redshift accepts, still running. Every
// row names the Developer Guide page it comes from, so the next case of a
// category goes next to its page.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const UNSUPPORTED_FUNCTIONS = `${DG}c_unsupported-postgresql-functions.html`
const LEADER_NODE = `${DG}c_SQL_functions_leader_node_only.html`

/** A statement Redshift refuses: SQL, SQLSTATE, a fragment of the message, the page. */
interface Refused {
  readonly sql: string
  readonly code: string
  readonly message: string
  readonly doc: string
}

const refused = (
  sql: string,
  code: string,
  message: string,
  doc: string,
): Refused => ({ sql, code, message, doc })

const fn = (sql: string, name: string): Refused =>
  refused(
    sql,
    '42883',
    `function ${name} does not exist`,
    UNSUPPORTED_FUNCTIONS,
  )

const leader = (sql: string, doc = LEADER_NODE): Refused =>
  refused(sql, '0A000', 'not supported on Amazon Redshift tables', doc)

const REFUSED: readonly Refused[] = [
  // COPY has no STDIN source and no TO.
  refused('copy items from stdin', '42601', '"STDIN"', `${DG}r_COPY.html`),
  refused('copy items to stdout', '42601', '"TO"', `${DG}r_COPY.html`),
  refused(
    'copy (select * from items) to stdout',
    '42601',
    '"("',
    `${DG}r_COPY.html`,
  ),
  refused(
    "copy items from program 'cat'",
    '42601',
    '"PROGRAM"',
    `${DG}r_COPY.html`,
  ),

  // The unsupported-functions page, function by function.
  fn("select string_agg(id::varchar, ',') from items", 'string_agg'),
  fn('select array_agg(id) from items', 'array_agg'),
  fn('select every(qty > 0) from items', 'every'),
  fn('select xmlagg(id) from items', 'xmlagg'),
  fn('select corr(id, qty) from items', 'corr'),
  fn('select covar_pop(id, qty) from items', 'covar_pop'),
  fn('select covar_samp(id, qty) from items', 'covar_samp'),
  fn('select regr_avgx(id, qty) from items', 'regr_avgx'),
  fn('select regr_avgy(id, qty) from items', 'regr_avgy'),
  fn('select regr_count(id, qty) from items', 'regr_count'),
  fn('select regr_intercept(id, qty) from items', 'regr_intercept'),
  fn('select regr_r2(id, qty) from items', 'regr_r2'),
  fn('select regr_slope(id, qty) from items', 'regr_slope'),
  fn('select regr_sxx(id, qty) from items', 'regr_sxx'),
  fn('select regr_sxy(id, qty) from items', 'regr_sxy'),
  fn('select regr_syy(id, qty) from items', 'regr_syy'),
  fn('select clock_timestamp()', 'clock_timestamp'),
  fn("select justify_days(interval '35 days')", 'justify_days'),
  fn("select justify_hours(interval '27 hours')", 'justify_hours'),
  fn("select justify_interval(interval '1 mon -1 hour')", 'justify_interval'),
  fn('select pg_sleep(0)', 'pg_sleep'),
  fn('select transaction_timestamp()', 'transaction_timestamp'),
  fn('select div(7, 2)', 'div'),
  fn('select setseed(0.5)', 'setseed'),
  fn('select width_bucket(5.35, 0.024, 10.06, 5)', 'width_bucket'),
  fn('select generate_subscripts(1, 1)', 'generate_subscripts'),
  fn("select bit_length('abc')", 'bit_length'),
  fn("select overlay('Txxxxas' placing 'hom' from 2 for 4)", 'overlay'),
  fn("select convert(name, 'UTF8', 'LATIN1') from items", 'convert'),
  fn("select convert_from(name, 'UTF8') from items", 'convert_from'),
  fn("select convert_to('abc', 'UTF8')", 'convert_to'),
  fn("select encode(name, 'hex') from items", 'encode'),
  fn("select format('%s', 1)", 'format'),
  fn('select quote_nullable(1)', 'quote_nullable'),
  fn("select regexp_matches('foobar', 'o+')", 'regexp_matches'),
  fn("select regexp_split_to_array('a b', ' ')", 'regexp_split_to_array'),
  fn("select regexp_split_to_table('a b', ' ')", 'regexp_split_to_table'),
  fn('select current_catalog', 'current_catalog'),
  fn('select current_query()', 'current_query'),
  fn('select inet_client_addr()', 'inet_client_addr'),
  fn('select inet_client_port()', 'inet_client_port'),
  fn('select inet_server_addr()', 'inet_server_addr'),
  fn('select inet_server_port()', 'inet_server_port'),
  fn('select pg_conf_load_time()', 'pg_conf_load_time'),
  fn('select pg_is_other_temp_schema(1)', 'pg_is_other_temp_schema'),
  fn('select pg_listening_channels()', 'pg_listening_channels'),
  fn('select pg_my_temp_schema()', 'pg_my_temp_schema'),
  fn('select pg_postmaster_start_time()', 'pg_postmaster_start_time'),
  fn('select pg_trigger_depth()', 'pg_trigger_depth'),
  // ... and family by family.
  fn('select pg_advisory_lock(1)', 'pg_advisory_lock'),
  fn('select array_length(1, 1)', 'array_length'),
  fn("select array_to_string(1, ',')", 'array_to_string'),
  fn('select unnest(1)', 'unnest'),
  fn('select pg_is_in_backup()', 'pg_is_in_backup'),
  fn("select pg_relation_filepath('items')", 'pg_relation_filepath'),
  fn("select pg_relation_size('items')", 'pg_relation_size'),
  fn('select pg_size_pretty(1024)', 'pg_size_pretty'),
  fn('select enum_first(null)', 'enum_first'),
  fn('select area(1)', 'area'),
  fn("select pg_ls_dir('.')", 'pg_ls_dir'),
  fn('select host(1)', 'host'),
  fn('select isempty(1)', 'isempty'),
  fn('select pg_is_in_recovery()', 'pg_is_in_recovery'),
  fn('select pg_wal_replay_resume()', 'pg_wal_replay_resume'),
  fn('select pg_reload_conf()', 'pg_reload_conf'),
  fn('select pg_export_snapshot()', 'pg_export_snapshot'),
  fn("select nextval('s')", 'nextval'),
  fn("select to_tsvector('fat cats')", 'to_tsvector'),
  fn('select txid_current()', 'txid_current'),
  fn(
    'select suppress_redundant_updates_trigger()',
    'suppress_redundant_updates_trigger',
  ),
  fn("select xmlcomment('x')", 'xmlcomment'),
  fn('select pg_catalog.width_bucket(1, 0, 2, 2)', 'width_bucket'),

  // Leader-node-only functions with user or system tables, in every form.
  leader('select current_schema(), id from items'),
  leader('insert into items (id) select generate_series(1, 3)'),
  leader('create table gs_ctas as select generate_series(1, 3) as n'),
  leader('select generate_series(1, 3) as n into gs_into'),
  leader(
    'update items set qty = g.n from (select generate_series(1, 3) as n) g where g.n = items.id',
  ),
  leader('delete from items where id in (select generate_series(10, 12))'),
  leader("select has_table_privilege('items', 'select'), count(*) from items"),
  leader('select now(), id from items'),
  leader('select current_timestamp, id from items'),
  leader('select age(current_date), id from items'),
  leader('select current_schema(), count(*) from stv_recents'),
  leader(
    'select pg_typeof(id) from items',
    UNSUPPORTED_FUNCTIONS, // system catalog information functions
  ),
  leader(
    "select 'items'::regclass, id from items",
    `${DG}c_unsupported-postgresql-datatypes.html`,
  ),

  // Array and row constructors, VALUES as a table, LIMIT inside set operations.
  refused(
    'select array[1, 2]',
    '42601',
    '"["',
    `${DG}c_unsupported-postgresql-datatypes.html`,
  ),
  refused(
    'select array(select id from items)',
    '0A000',
    'ARRAY(subquery)',
    `${DG}c_unsupported-postgresql-datatypes.html`,
  ),
  refused(
    'select row(1, 2)',
    '0A000',
    'row constructors',
    `${DG}c_unsupported-postgresql-features.html`,
  ),
  refused(
    'select (id, qty) from items',
    '0A000',
    'row constructors',
    `${DG}c_unsupported-postgresql-features.html`,
  ),
  refused(
    'select * from (values (1), (2)) as v(a)',
    '42601',
    '"VALUES"',
    `${DG}r_FROM_clause30.html`,
  ),
  refused(
    'values (1), (2)',
    '42601',
    '"VALUES"',
    `${DG}r_SELECT_synopsis.html`,
  ),
  refused(
    'with v(a) as (values (1)) select a from v',
    '42601',
    '"VALUES"',
    `${DG}r_WITH_clause.html`,
  ),
  refused(
    'insert into items (id, qty) select * from (values (1, 2)) as v',
    '42601',
    '"VALUES"',
    `${DG}r_INSERT_30.html`,
  ),
  refused(
    '(select id from items limit 1) union select id from items',
    '0A000',
    'LIMIT may not be used within input to set operations.',
    `${DG}r_UNION.html`,
  ),
  refused(
    'select id from items intersect (select id from items offset 1)',
    '0A000',
    'LIMIT may not be used within input to set operations.',
    `${DG}r_UNION.html`,
  ),
  refused(
    'select id from items intersect all select id from items',
    '0A000',
    'INTERSECT ALL',
    `${DG}r_UNION.html`,
  ),
  refused(
    'select id from items except all select id from items',
    '0A000',
    'EXCEPT ALL',
    `${DG}r_UNION.html`,
  ),

  // OID types and system column names.
  refused(
    'create table oid_col (a oid)',
    '42704',
    'type "oid" does not exist',
    `${DG}c_unsupported-postgresql-datatypes.html`,
  ),
  refused(
    'create table reg_col (a regclass)',
    '42704',
    'type "regclass" does not exist',
    `${DG}c_unsupported-postgresql-datatypes.html`,
  ),
  refused(
    'create table sys_oid (oid int)',
    '42701',
    'column name "oid" conflicts with a system column name',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'create table sys_xmin (id int, xmin int)',
    '42701',
    '"xmin" conflicts with a system column name',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'create table sys_dist (ctid int) diststyle even',
    '42701',
    '"ctid" conflicts with a system column name',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'alter table items add column deletexid int',
    '42701',
    '"deletexid" conflicts with a system column name',
    `${DG}r_ALTER_TABLE.html`,
  ),
  refused(
    'create table sys_ctas as select id as insertxid from items',
    '42701',
    '"insertxid" conflicts with a system column name',
    `${DG}r_CREATE_TABLE_AS.html`,
  ),

  // Statement options Redshift's grammar does not have.
  refused(
    'explain analyze select * from items',
    '42601',
    '"ANALYZE"',
    `${DG}r_EXPLAIN.html`,
  ),
  refused(
    'explain (format json) select * from items',
    '42601',
    '"FORMAT"',
    `${DG}r_EXPLAIN.html`,
  ),
  refused('lock items in share mode', '42601', '"IN"', `${DG}r_LOCK.html`),
  refused(
    'lock table items in access exclusive mode',
    '42601',
    '"IN"',
    `${DG}r_LOCK.html`,
  ),
  refused('lock items nowait', '42601', '"NOWAIT"', `${DG}r_LOCK.html`),
  refused(
    'create table gen_always (id int generated always as identity, v int)',
    '42601',
    '"ALWAYS"',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'create temp table on_commit (a int) on commit drop',
    '42601',
    '"ON"',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'create temp table on_commit_ctas on commit delete rows as select 1 as a',
    '42601',
    '"ON"',
    `${DG}r_CREATE_TABLE_AS.html`,
  ),
  refused(
    'create table like_all (like items including all)',
    '42601',
    '"ALL"',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'create table like_idx (like items including indexes)',
    '42601',
    'syntax error',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'create table like_ex (like items excluding constraints)',
    '42601',
    '"constraints"',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'create function f_plpgsql() returns int language plpgsql as $$ begin return 1; end $$',
    '0A000',
    'language "plpgsql" for a user-defined function',
    `${DG}r_CREATE_FUNCTION.html`,
  ),
  refused(
    'create function f_sql_body() returns int language sql return 1',
    '42601',
    '"RETURN"',
    `${DG}r_CREATE_FUNCTION.html`,
  ),
  refused(
    'create procedure p_sql() language sql as $$ select 1 $$',
    '0A000',
    'language "sql" for a stored procedure',
    `${DG}r_CREATE_PROCEDURE.html`,
  ),
  refused(
    'alter table items add column a1 int, add column a2 int',
    '42601',
    '","',
    `${DG}r_ALTER_TABLE.html`,
  ),
  refused(
    'alter table keyed drop column k',
    '0A000',
    'DISTKEY',
    `${DG}r_ALTER_TABLE.html`,
  ),
  refused(
    'alter table keyed drop column s',
    '0A000',
    'SORTKEY',
    `${DG}r_ALTER_TABLE.html`,
  ),
  refused(
    'alter table lone drop column x',
    '0A000',
    'cannot drop the last column',
    `${DG}r_ALTER_TABLE.html`,
  ),

  // Password rules.
  refused(
    "create user fid_short password 'Ab1'",
    '22023',
    '8 to 64 characters',
    `${DG}r_CREATE_USER.html`,
  ),
  refused(
    `create user fid_long password 'Ab1${'x'.repeat(62)}'`,
    '22023',
    '8 to 64 characters',
    `${DG}r_CREATE_USER.html`,
  ),
  refused(
    "create user fid_upper password 'abcdefg1'",
    '22023',
    'upper case letter',
    `${DG}r_CREATE_USER.html`,
  ),
  refused(
    "create user fid_lower with password 'ABCDEFG1'",
    '22023',
    'lower case letter',
    `${DG}r_CREATE_USER.html`,
  ),
  refused(
    "create user fid_digit password 'Abcdefgh'",
    '22023',
    'number',
    `${DG}r_CREATE_USER.html`,
  ),
  refused(
    "create user fid_chars password 'Abcdefg1@'",
    '22023',
    'printable ASCII',
    `${DG}r_CREATE_USER.html`,
  ),
  refused(
    "create user fid_space password 'Abc defg1'",
    '22023',
    'printable ASCII',
    `${DG}r_CREATE_USER.html`,
  ),
  refused(
    "create user fid_sha password 'sha256|abc'",
    '22023',
    '8 to 64 characters',
    `${DG}r_CREATE_USER.html`,
  ),
  refused(
    "alter user fid_anyone password 'lowercase1'",
    '22023',
    'upper case letter',
    `${DG}r_ALTER_USER.html`,
  ),
]

/** A statement Redshift accepts, with its page. */
interface Accepted {
  readonly sql: string
  readonly doc: string
}

const accepted = (sql: string, doc: string): Accepted => ({ sql, doc })

const ACCEPTED: readonly Accepted[] = [
  // Leader-node-only functions on their own, and over catalog tables.
  accepted('select current_schema()', LEADER_NODE),
  accepted('select generate_series(1, 3)', LEADER_NODE),
  accepted('select now(), current_timestamp, age(current_date)', LEADER_NODE),
  accepted(
    "select has_table_privilege('items', 'select')",
    `${DG}r_HAS_TABLE_PRIVILEGE.html`,
  ),
  accepted(
    "select c.relname, pg_get_userbyid(c.relowner), format_type(23, -1) from pg_class c where c.relname = 'items'",
    UNSUPPORTED_FUNCTIONS,
  ),
  accepted(
    "select 'items'::regclass::oid > 0 as found",
    `${DG}c_unsupported-postgresql-datatypes.html`,
  ),
  accepted('select pg_typeof(1)', UNSUPPORTED_FUNCTIONS),
  // Functions Redshift has, next to missing ones.
  accepted(
    'select getdate() is not null, sysdate is not null',
    `${DG}r_SYSDATE.html`,
  ),
  accepted(
    'select count(*) from items where id > 0 and pg_backend_pid() > 0',
    `${DG}PG_BACKEND_PID.html`,
  ),
  // A multi-row INSERT ... VALUES, row comparisons, a set operation's own LIMIT.
  accepted(
    'insert into items (id, qty) values (5, 5), (6, 6)',
    `${DG}r_INSERT_30.html`,
  ),
  accepted(
    'select id from items where (id, qty) in (select id, qty from items)',
    `${DG}r_in_condition.html`,
  ),
  accepted(
    'select id from items union select id from items order by id limit 2',
    `${DG}r_UNION.html`,
  ),
  accepted(
    'select * from (select id from items limit 1) as one union select 2',
    `${DG}r_UNION.html`,
  ),
  accepted('explain select * from items', `${DG}r_EXPLAIN.html`),
  accepted('explain verbose select * from items', `${DG}r_EXPLAIN.html`),
  accepted(
    'create table gen_default (id int generated by default as identity(1, 1), v int)',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  accepted(
    'create table ident (id bigint identity(0, 1), v int)',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  accepted(
    'create temp table plain_temp (a int)',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  accepted(
    'create table like_plain (like items)',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  accepted(
    'create table like_def (like items including defaults)',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  accepted(
    'create table like_nodef (like items excluding defaults)',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  accepted(
    'create function f_ok_sql(int) returns int stable as $$ select $1 + 1 $$ language sql',
    `${DG}r_CREATE_FUNCTION.html`,
  ),
  accepted(
    'create procedure p_ok() as $$ begin null; end $$ language plpgsql',
    `${DG}r_CREATE_PROCEDURE.html`,
  ),
  accepted('alter table items add column a3 int', `${DG}r_ALTER_TABLE.html`),
  accepted('alter table keyed drop column c', `${DG}r_ALTER_TABLE.html`),
  accepted(
    'create table ctas_ok as select id as item_id from items',
    `${DG}r_CREATE_TABLE_AS.html`,
  ),
]

/** Users the password rows create (users are cluster-wide: each run names its own). */
const SUFFIX = `${process.pid}_${Date.now() % 100000}`
const USERS = ['ok', 'md5', 'sha', 'off'].map((u) => `fid_${u}_${SUFFIX}`)

describe('local emulator: what Redshift rejects', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_fid_rejects', [
      'create table items (id int, qty int, name varchar(20))',
      "insert into items values (1, 1, 'a'), (2, 2, 'b')",
      'create table keyed (k int distkey, s int sortkey, c int)',
      'create table lone (x int)',
    ]))
  })
  afterAll(async () => {
    for (const user of USERS)
      await client.query(`drop user if exists ${user}`).catch(() => undefined)
    await close()
  })

  it.each(REFUSED)('refuses $sql ($doc)', async ({ sql, code, message }) => {
    const error = await errorOf(client.query(sql))
    expect({ code: error.code, message: error.message }).toEqual({
      code,
      message: expect.stringContaining(message),
    })
    expect((await client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }])
  })

  it.each(ACCEPTED)('accepts $sql ($doc)', async ({ sql }) => {
    await expect(client.query(sql)).resolves.toBeDefined()
  })

  it('keeps the table a refused DROP COLUMN would have changed', async () => {
    const { rows } = await client.query(
      "select count(*)::int as n from pg_attribute where attrelid = 'lone'::regclass and attnum > 0 and not attisdropped",
    )
    expect(rows).toEqual([{ n: 1 }])
  })

  it('LOCK without a mode runs inside a transaction', async () => {
    await client.query('begin')
    await client.query('lock items')
    await client.query('lock table items, keyed')
    await client.query('commit')
  })

  it('takes clear text, MD5 and SHA-256 passwords and PASSWORD DISABLE (r_CREATE_USER.html)', async () => {
    const [ok, md5, sha, off] = USERS as [string, string, string, string]
    await client.query(`create user ${ok} password 'Abcdefg1'`)
    await client.query(
      `create user ${md5} password 'md5153c434b4b77c89e6b94f12c5393af5b'`,
    )
    await client.query(`create user ${sha} password 'sha256|Mypassword1'`)
    await client.query(`create user ${off} password disable`)
    await client.query(`alter user ${ok} password disable`)
    await client.query(
      `alter user ${off} password 'Newpassw0rd' valid until '2040-01-01'`,
    )
    const { rows } = await client.query(
      `select usename, passwd is null as disabled from pg_shadow where usename in (${USERS.map((u) => `'${u}'`).join(', ')}) order by usename`,
    )
    expect(rows).toEqual(
      [
        { usename: md5, disabled: false },
        { usename: ok, disabled: true },
        { usename: off, disabled: false },
        { usename: sha, disabled: false },
      ].sort((a, b) => (a.usename < b.usename ? -1 : 1)),
    )
  })
})

const CHARACTER_TYPES = `${DG}r_Character_types.html`
const CHARACTER_EXAMPLES = `${DG}r_Examples_with_character_types.html`

/**
 * A value stored into a column of `type` (INSERT, then UPDATE): kept as
 * `stored`, or refused with `error`. 2-, 3- and 4-byte UTF-8 characters:
 * é (c3 a9), € (e2 82 ac), 😀 (f0 9f 98 80).
 */
interface Stored {
  readonly type: string
  readonly value: string
  readonly stored?: string
  readonly error?: string
  readonly doc: string
}

const STORED: readonly Stored[] = [
  { type: 'varchar(3)', value: 'abc', stored: 'abc', doc: CHARACTER_TYPES },
  { type: 'varchar(3)', value: 'aé', stored: 'aé', doc: CHARACTER_TYPES },
  {
    type: 'varchar(3)',
    value: 'éé',
    error: 'value too long for type character varying(3)',
    doc: CHARACTER_TYPES,
  },
  { type: 'varchar(4)', value: 'éé', stored: 'éé', doc: CHARACTER_TYPES },
  { type: 'varchar(3)', value: '€', stored: '€', doc: CHARACTER_TYPES },
  {
    type: 'varchar(5)',
    value: '€€',
    error: 'value too long for type character varying(5)',
    doc: CHARACTER_TYPES,
  },
  {
    type: 'varchar(3)',
    value: '😀',
    error: 'value too long for type character varying(3)',
    doc: CHARACTER_TYPES,
  },
  { type: 'varchar(4)', value: '😀', stored: '😀', doc: CHARACTER_TYPES },
  {
    type: 'varchar(12)',
    value: '😀😀😀',
    stored: '😀😀😀',
    doc: CHARACTER_TYPES,
  },
  {
    type: 'varchar(11)',
    value: '😀😀😀',
    error: 'value too long for type character varying(11)',
    doc: CHARACTER_TYPES,
  },
  // Excess blanks are cut, not refused.
  { type: 'varchar(4)', value: 'éé  ', stored: 'éé', doc: CHARACTER_TYPES },
  { type: 'char(3)', value: 'ab', stored: 'ab ', doc: CHARACTER_TYPES },
  {
    type: 'char(3)',
    value: 'abcd',
    error: 'value too long for type character(3)',
    doc: CHARACTER_EXAMPLES,
  },
  {
    type: 'char(4)',
    value: 'é',
    error: 'Multibyte character not supported for CHAR',
    doc: `${DG}multi-byte-character-load-errors.html`,
  },
  {
    type: 'char(8)',
    value: 'a€',
    error: 'Invalid char: e282ac',
    doc: `${DG}multi-byte-character-load-errors.html`,
  },
]

/** A cast and its result: an explicit cast cuts to n bytes, between characters. */
const CASTS: readonly (readonly [string, string, string])[] = [
  ["'éé'::varchar(3)", 'é', CHARACTER_EXAMPLES],
  ["'éé'::varchar(4)", 'éé', CHARACTER_EXAMPLES],
  ["'€€'::varchar(5)", '€', CHARACTER_EXAMPLES],
  ["'a😀'::varchar(4)", 'a', CHARACTER_EXAMPLES],
  ["'😀b'::varchar(4)", '😀', CHARACTER_EXAMPLES],
  ["'abcdef'::varchar(3)", 'abc', CHARACTER_EXAMPLES],
  [
    "cast('City of South San Francisco' as char(20))",
    'City of South San Fr',
    CHARACTER_EXAMPLES,
  ],
]

describe('local emulator: CHAR and VARCHAR lengths count bytes', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_fid_bytes', [
      'create table source_rows (v varchar(20))',
      "insert into source_rows values ('éé'), ('ab')",
    ]))
  })
  afterAll(() => close())

  it.each(STORED.map((row, i) => ({ ...row, i })))(
    'stores $value in $type ($doc)',
    async ({ type, value, stored, error, i }) => {
      const table = `stored_${i}`
      await client.query(`create table ${table} (id int, v ${type})`)
      const insert = client.query(`insert into ${table} values (1, $1)`, [
        value,
      ])
      if (error !== undefined) {
        const refusal = await errorOf(insert)
        expect(refusal.code).toBe('22001')
        expect(refusal.message).toContain(error)
        // UPDATE checks the same way.
        await client.query(`insert into ${table} values (2, null)`)
        const update = await errorOf(
          client.query(`update ${table} set v = $1 where id = 2`, [value]),
        )
        expect(update.message).toContain(error)
        // A literal in the text, not a parameter, too.
        const literal = await errorOf(
          client.query(`insert into ${table} values (3, '${value}')`),
        )
        expect(literal.message).toContain(error)
      } else {
        await insert
        const { rows } = await client.query(`select v from ${table}`)
        expect(rows).toEqual([{ v: stored }])
      }
    },
  )

  it.each(CASTS)('casts %s to %j (%s)', async (cast, result) => {
    const { rows } = await client.query(`select ${cast} as v`)
    expect(rows).toEqual([{ v: result }])
  })

  it('INSERT ... SELECT and CREATE TABLE AS keep the byte rule (r_CREATE_TABLE_AS.html)', async () => {
    await client.query('create table narrow (v varchar(3))')
    const error = await errorOf(
      client.query('insert into narrow select v from source_rows'),
    )
    expect(error.message).toBe('value too long for type character varying(3)')
    await client.query(
      'create table cut as select v::varchar(3) as v from source_rows',
    )
    const { rows } = await client.query('select v from cut order by v')
    expect(rows).toEqual([{ v: 'ab' }, { v: 'é' }])
    const { rows: types } = await client.query(
      "select format_type(atttypid, atttypmod) as t from pg_attribute where attrelid = 'cut'::regclass and attname = 'v'",
    )
    expect(types).toEqual([{ t: 'character varying(3)' }])
  })
})

describe('local emulator: TRUNCATE in a stored procedure (stored-procedure-transaction-management.html)', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_fid_truncate', [
      'create table test_table_b (id int)',
      'create procedure sp_truncate_atomic() language plpgsql as $$ begin truncate test_table_b; end; $$',
      'create procedure sp_insert_then_truncate() language plpgsql as $$ begin insert into test_table_b values (7); truncate test_table_b; insert into test_table_b values (8); end $$',
      "create procedure sp_truncate_dynamic(t varchar) language plpgsql as $$ declare n int; begin insert into test_table_b values (7); execute 'truncate ' || t; execute format('select count(*) from %s', t) into n; insert into test_table_b values (8 + n); end $$",
    ]))
  })
  afterAll(() => close())

  it('refuses a procedure that truncates when called inside a transaction block', async () => {
    await client.query('insert into test_table_b values (1)')
    await client.query('begin')
    const error = await errorOf(client.query('call sp_truncate_atomic()'))
    expect(error.code).toBe('2D000')
    expect(error.message).toBe(
      'TRUNCATE cannot be invoked from a procedure that is executing in an atomic context.',
    )
    expect(error.hint).toContain(
      'Try calling the procedure as a top-level call',
    )
    await client.query('rollback')
    const { rows } = await client.query('select id from test_table_b')
    expect(rows).toEqual([{ id: 1 }])
  })

  it('runs it as a top-level call, TRUNCATE committing what came before', async () => {
    await client.query('call sp_truncate_atomic()')
    expect(
      (await client.query('select count(*)::int as n from test_table_b')).rows,
    ).toEqual([{ n: 0 }])
    await client.query('call sp_insert_then_truncate()')
    expect((await client.query('select id from test_table_b')).rows).toEqual([
      { id: 8 },
    ])
    // A block that ended leaves no mark on the next top-level call.
    await client.query('begin')
    await client.query('commit')
    await client.query('call sp_truncate_atomic()')
  })

  it('treats a TRUNCATE run through EXECUTE the same way', async () => {
    await client.query('insert into test_table_b values (1)')
    await client.query('begin')
    const error = await errorOf(
      client.query("call sp_truncate_dynamic('test_table_b')"),
    )
    expect({ code: error.code, message: error.message }).toEqual({
      code: '2D000',
      message:
        'TRUNCATE cannot be invoked from a procedure that is executing in an atomic context.',
    })
    await client.query('rollback')
    expect((await client.query('select id from test_table_b')).rows).toEqual([
      { id: 1 },
    ])
    // Top level: the EXECUTEd TRUNCATE commits the insert before it, then
    // empties the table; the EXECUTE ... INTO after it runs as written.
    await client.query("call sp_truncate_dynamic('test_table_b')")
    expect((await client.query('select id from test_table_b')).rows).toEqual([
      { id: 8 },
    ])
  })
})

describe('local emulator: a table created after the snapshot (c_serial_isolation.html)', () => {
  let url: string
  let reader: pg.Client
  let writer: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({
      url,
      client: reader,
      close,
    } = await openEmulatorDatabase('local_fid_snapshot', [
      'create table existing (id int)',
    ]))
    writer = await connect(url)
  })
  afterAll(async () => {
    await writer.end()
    await close()
  })

  it('refuses to read it with 1018 once the snapshot is taken', async () => {
    await reader.query('begin')
    await reader.query('select count(*) from existing')
    await writer.query('create table made_later (id int)')
    const error = await errorOf(reader.query('select * from made_later'))
    expect({
      code: error.code,
      message: error.message,
      detail: error.detail,
    }).toEqual({
      code: 'XX000',
      message: '1018',
      detail: 'Relation does not exist.',
    })
    await reader.query('rollback')
  })

  it('counts a table created in a block from its commit, through the extended protocol too', async () => {
    await reader.query('begin')
    await reader.query('select count(*) from existing')
    await writer.query('begin')
    await writer.query('create table made_in_block as select 1 as id')
    await writer.query('commit')
    const error = await errorOf(
      reader.query('select id from made_in_block where id = $1', [1]),
    )
    expect(error.message).toBe('1018')
    await reader.query('rollback')
    expect((await reader.query('select id from made_in_block')).rows).toEqual([
      { id: 1 },
    ])
  })

  it('refuses it however the statement names it (qualified, quoted, in a join)', async () => {
    await reader.query('begin')
    await reader.query('select count(*) from existing')
    await writer.query('create table made_named (id int)')
    for (const sql of [
      'select * from public.made_named',
      'select * from "made_named"',
      'select * from existing e join public."MADE_NAMED" m on m.id = e.id',
      'insert into existing select id from made_named',
    ]) {
      const error = await errorOf(reader.query(sql))
      expect({ sql, message: error.message, detail: error.detail }).toEqual({
        sql,
        message: '1018',
        detail: 'Relation does not exist.',
      })
      await reader.query('rollback')
      await reader.query('begin')
      await reader.query('select count(*) from existing')
      // A new snapshot sees the table: recreate it after this one.
      await writer.query('drop table made_named')
      await writer.query('create table made_named (id int)')
    }
    await reader.query('rollback')
  })

  it('reads it when the snapshot comes after it', async () => {
    await writer.query('create table made_before (id int)')
    await reader.query('begin')
    // SELECT 1 takes no snapshot; the first statement on a table does.
    await reader.query('select 1')
    await writer.query('create table made_between (id int)')
    await reader.query('select * from made_between')
    await reader.query('select * from made_before')
    await reader.query('commit')
    await reader.query('select * from made_later')
  })
})
