import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf, openEmulatorDatabase } from './local-test-helpers.js'

// The Developer Guide's lists of what PostgreSQL has and Redshift does not,
// item by item, each refused by the emulator. The pages are lists, not
// samples: every entry of "Unsupported PostgreSQL features", "... data types",
// "... functions" and "Leader node-only functions" has a row here, and so has
// each PostgreSQL statement or clause that the SQL commands reference has no
// synopsis for. Where a page names a whole family ("Geometric functions and
// operators"), the rows take members of the family, and its operators where
// PostgreSQL has some that need no unsupported type to reach.
//
// Where Redshift's error is documented (leader-node-only functions), the row
// checks its text. Elsewhere the SQLSTATE is the one Redshift gives for that
// kind of refusal (42883 for a function it does not have, 42704 for a type,
// 42601 for grammar it does not have, 0A000 for a feature it refuses), and the
// message only has to name the function, type or feature: those words are the
// emulator's, not Redshift's, whose wording is not documented.
//
// Entries with no row, and why: "the psql query tool" is a client, not SQL;
// "NULLS clause in window functions" is unclear, since Redshift's window
// synopsis itself documents NULLS FIRST / LAST and IGNORE / RESPECT NULLS;
// "RULE and TRIGGER privileges" are granted by GRANT ALL, the page says;
// "Database roles" (on some translations of the page) means PostgreSQL's
// roles, while Redshift's CREATE ROLE is its own. Entries of older versions
// of the pages that Redshift has since gained (stored procedures, recursive
// CTEs, TIME, the qualified INTERVAL column types) are accepted; an
// unqualified INTERVAL column still is not.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const FEATURES = `${DG}c_unsupported-postgresql-features.html`
const TYPES = `${DG}c_unsupported-postgresql-datatypes.html`
const FUNCTIONS = `${DG}c_unsupported-postgresql-functions.html`
const LEADER = `${DG}c_SQL_functions_leader_node_only.html`
const COMMANDS = `${DG}c_SQL_commands.html`

/** One documented item, one statement that uses it, and the refusal. */
interface Refused {
  readonly item: string
  readonly sql: string
  readonly code: string
  /** A fragment of the message (Redshift's own text where documented). */
  readonly message: string
  readonly doc: string
}

const refused = (
  item: string,
  sql: string,
  code: string,
  message: string,
  doc: string,
): Refused => ({ item, sql, code, message, doc })

/** A function Redshift does not have: 42883, the message names it. */
const fn = (item: string, sql: string, name: string): Refused =>
  refused(item, sql, '42883', name, FUNCTIONS)

/** A type Redshift does not have: 42704, the message names it. */
const type = (item: string, sql: string, name: string): Refused =>
  refused(item, sql, '42704', `type "${name}" does not exist`, TYPES)

/** Redshift's documented refusal of a leader-node-only function or type with a table. */
const LEADER_TEXT =
  'Specified types or functions (one per INFO message) not supported on Amazon Redshift tables.'
const leader = (item: string, sql: string, doc = LEADER): Refused =>
  refused(item, sql, '0A000', LEADER_TEXT, doc)

const FEATURE_ROWS: readonly Refused[] = [
  refused(
    'Table partitioning (range)',
    'create table part_range (a int) partition by range (a)',
    '0A000',
    'partitioned tables',
    FEATURES,
  ),
  refused(
    'Table partitioning (list)',
    'create table part_list (a int) partition by list (a)',
    '0A000',
    'partitioned tables',
    FEATURES,
  ),
  refused(
    'Tablespaces (CREATE TABLESPACE)',
    "create tablespace ts location '/tmp/none'",
    '0A000',
    'CREATE TABLESPACE',
    FEATURES,
  ),
  refused(
    'Tablespaces (CREATE TABLE ... TABLESPACE)',
    'create table in_ts (a int) tablespace pg_default',
    '0A000',
    'tablespaces',
    FEATURES,
  ),
  refused(
    'Tablespaces (CREATE TABLE AS ... TABLESPACE)',
    'create table in_ts_ctas tablespace pg_default as select id from items',
    '0A000',
    'tablespaces',
    FEATURES,
  ),
  refused(
    'Check constraints',
    'create table chk (a int check (a > 0))',
    '0A000',
    'CHECK constraints',
    FEATURES,
  ),
  refused(
    'Check constraints (ALTER TABLE)',
    'alter table items add constraint qty_positive check (qty > 0)',
    '0A000',
    'CHECK constraints',
    FEATURES,
  ),
  refused(
    'Exclusion constraints',
    'create table excl (a int, exclude using btree (a with =))',
    '0A000',
    'EXCLUDE constraints',
    FEATURES,
  ),
  refused(
    'Inheritance',
    'create table child (extra int) inherits (items)',
    '0A000',
    'table inheritance',
    FEATURES,
  ),
  refused(
    'Inheritance (ALTER TABLE INHERIT)',
    'alter table other inherit items',
    '0A000',
    'INHERIT',
    FEATURES,
  ),
  ...['oid', 'tableoid', 'xmin', 'cmin', 'xmax', 'cmax', 'ctid'].map((name) =>
    refused(
      `PostgreSQL system column name ${name}`,
      `create table sys_${name} (id int, ${name} int)`,
      '42701',
      `column name "${name}" conflicts with a system column name`,
      FEATURES,
    ),
  ),
  ...['xmin', 'ctid', 'tableoid'].map((name) =>
    refused(
      `PostgreSQL system columns are not defined: ${name}`,
      `select ${name}, id from items`,
      '42703',
      `column "${name}" does not exist`,
      FEATURES,
    ),
  ),
  refused(
    'PostgreSQL system column name (RENAME COLUMN)',
    'alter table other rename column b to xmax',
    '42701',
    'column name "xmax" conflicts with a system column name',
    FEATURES,
  ),
  refused(
    'Indexes (CREATE INDEX)',
    'create index items_id on items (id)',
    '0A000',
    'CREATE INDEX',
    FEATURES,
  ),
  refused(
    'Indexes (CREATE UNIQUE INDEX)',
    'create unique index items_uid on items (id)',
    '0A000',
    'CREATE INDEX',
    FEATURES,
  ),
  refused(
    'Indexes (DROP INDEX)',
    'drop index if exists items_id',
    '0A000',
    'DROP INDEX',
    FEATURES,
  ),
  refused(
    'Indexes (ALTER INDEX)',
    'alter index if exists items_id rename to items_id2',
    '0A000',
    'ALTER INDEX',
    FEATURES,
  ),
  refused(
    'Indexes (REINDEX)',
    'reindex table items',
    '0A000',
    'REINDEX',
    FEATURES,
  ),
  refused(
    'Collations (COLLATE in an expression)',
    'select name collate "C" from items',
    '0A000',
    'COLLATE "c"',
    FEATURES,
  ),
  refused(
    'Collations (COLLATE in DDL)',
    'create table coll (a varchar(10) collate "C")',
    '0A000',
    'COLLATE "c"',
    FEATURES,
  ),
  refused(
    'Collations (CREATE COLLATION)',
    "create collation my_coll (locale = 'C')",
    '0A000',
    'CREATE COLLATION',
    FEATURES,
  ),
  refused(
    'Value expressions: subscripted expressions',
    'select (current_schemas(false))[1], id from items',
    '0A000',
    LEADER_TEXT,
    FEATURES,
  ),
  refused(
    'Value expressions: array constructors',
    'select array[1, 2]',
    '42601',
    '"["',
    FEATURES,
  ),
  refused(
    'Value expressions: array constructors (ARRAY(subquery))',
    'select array(select id from items)',
    '0A000',
    'ARRAY(subquery)',
    FEATURES,
  ),
  refused(
    'Value expressions: row constructors',
    'select row(1, 2)',
    '0A000',
    'row constructors',
    FEATURES,
  ),
  refused(
    'Triggers (CREATE TRIGGER)',
    'create trigger trg before insert on items for each row execute function suppress_redundant_updates_trigger()',
    '0A000',
    'CREATE TRIGGER',
    FEATURES,
  ),
  refused(
    'Triggers (CREATE EVENT TRIGGER)',
    'create event trigger etrg on ddl_command_start execute function suppress_redundant_updates_trigger()',
    '0A000',
    'CREATE EVENT TRIGGER',
    FEATURES,
  ),
  refused(
    'Triggers (DROP TRIGGER)',
    'drop trigger if exists trg on items',
    '0A000',
    'DROP TRIGGER',
    FEATURES,
  ),
  refused(
    'Triggers (ALTER TABLE ENABLE TRIGGER)',
    'alter table items enable trigger all',
    '0A000',
    'ENABLE TRIGGER',
    FEATURES,
  ),
  refused(
    'SQL/MED (CREATE FOREIGN DATA WRAPPER)',
    'create foreign data wrapper fdw',
    '0A000',
    'CREATE FOREIGN DATA WRAPPER',
    FEATURES,
  ),
  refused(
    'SQL/MED (CREATE SERVER)',
    'create server srv foreign data wrapper fdw',
    '0A000',
    'CREATE SERVER',
    FEATURES,
  ),
  refused(
    'SQL/MED (CREATE FOREIGN TABLE)',
    'create foreign table ft (a int) server srv',
    '0A000',
    'CREATE FOREIGN TABLE',
    FEATURES,
  ),
  refused(
    'SQL/MED (CREATE USER MAPPING)',
    'create user mapping for current_user server srv',
    '0A000',
    'CREATE USER MAPPING',
    FEATURES,
  ),
  refused(
    'SQL/MED (IMPORT FOREIGN SCHEMA)',
    'import foreign schema s from server srv into public',
    '0A000',
    'IMPORT FOREIGN SCHEMA',
    FEATURES,
  ),
  refused(
    'Table functions (XMLTABLE)',
    "select * from xmltable('/a' passing '<a/>' columns x int path '.')",
    '0A000',
    'table functions',
    FEATURES,
  ),
  refused(
    'Table functions (JSON_TABLE)',
    "select * from json_table('[1]', '$[*]' columns (x int path '$'))",
    '0A000',
    'table functions',
    FEATURES,
  ),
  refused(
    'VALUES list used as a constant table',
    'select * from (values (1), (2)) as v(a)',
    '42601',
    '"VALUES"',
    FEATURES,
  ),
  refused(
    'VALUES list used as a constant table (VALUES statement)',
    'values (1), (2)',
    '42601',
    '"VALUES"',
    FEATURES,
  ),
  refused(
    'Sequences (CREATE SEQUENCE)',
    'create sequence seq',
    '0A000',
    'CREATE SEQUENCE',
    FEATURES,
  ),
  refused(
    'Sequences (ALTER SEQUENCE)',
    'alter sequence if exists seq restart',
    '0A000',
    'ALTER SEQUENCE',
    FEATURES,
  ),
  refused(
    'Sequences (DROP SEQUENCE)',
    'drop sequence if exists seq',
    '0A000',
    'DROP SEQUENCE',
    FEATURES,
  ),
  refused(
    'Sequences (GRANT ON SEQUENCE)',
    'grant usage on sequence seq to public',
    '0A000',
    'GRANT ON SEQUENCE',
    FEATURES,
  ),
  refused(
    'Sequences (column default)',
    "create table seq_default (id int default nextval('seq'))",
    '42883',
    'nextval',
    FEATURES,
  ),
  refused(
    'Full text search (function)',
    "select to_tsvector('fat cats')",
    '42883',
    'to_tsvector',
    FEATURES,
  ),
  refused(
    'Full text search (@@ operator)',
    "select id from items where name @@ 'cats'",
    '42883',
    'operator does not exist: @@',
    FEATURES,
  ),
  refused(
    'Full text search (CREATE TEXT SEARCH CONFIGURATION)',
    'create text search configuration my_ts (copy = simple)',
    '0A000',
    'CREATE TEXT SEARCH CONFIGURATION',
    FEATURES,
  ),
  refused(
    'Full text search (CREATE TEXT SEARCH DICTIONARY)',
    'create text search dictionary my_dict (template = simple)',
    '0A000',
    'CREATE TEXT SEARCH DICTIONARY',
    FEATURES,
  ),
  refused(
    'Full text search (ALTER TEXT SEARCH CONFIGURATION)',
    'alter text search configuration simple drop mapping if exists for word',
    '0A000',
    'ALTER TEXT SEARCH CONFIGURATION',
    FEATURES,
  ),
]

const TYPE_ROWS: readonly Refused[] = [
  refused(
    'Arrays (column)',
    'create table arr_col (a int[])',
    '0A000',
    'unsupported type "int4[]"',
    TYPES,
  ),
  leader('Arrays (cast with a table)', "select '{1,2}'::int[], id from items"),
  ...['bit', 'bit varying'].flatMap((name) => {
    const pg = name === 'bit' ? 'bit' : 'varbit'
    return [
      type(
        `${name.toUpperCase()} (column)`,
        `create table t_${pg} (a ${name})`,
        pg,
      ),
      type(`${name.toUpperCase()} (cast)`, `select '1'::${name}`, pg),
    ]
  }),
  leader(
    'BIT (bit-string literal with a table)',
    "select b'101', id from items",
  ),
  type('BYTEA (column)', 'create table t_bytea (a bytea)', 'bytea'),
  type('BYTEA (cast)', "select 'a'::bytea", 'bytea'),
  refused(
    'Composite types (CREATE TYPE AS)',
    'create type pair as (a int, b int)',
    '0A000',
    'CREATE TYPE',
    TYPES,
  ),
  type(
    'Composite types (a table row type as a column type)',
    'create table t_row (a items)',
    'items',
  ),
  refused(
    'Composite types (CREATE TYPE, shell)',
    'create type shell_type',
    '0A000',
    'CREATE TYPE',
    TYPES,
  ),
  refused(
    'Composite types (DROP TYPE)',
    'drop type if exists pair',
    '0A000',
    'DROP TYPE',
    TYPES,
  ),
  refused(
    'Enumerated types',
    "create type mood as enum ('sad', 'ok')",
    '0A000',
    'CREATE TYPE',
    TYPES,
  ),
  ...['point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle'].flatMap(
    (name) => [
      type(
        `Geometric types: ${name} (column)`,
        `create table t_${name} (a ${name})`,
        name,
      ),
      type(
        `Geometric types: ${name} (cast)`,
        `select '((0,0),(1,1))'::${name}`,
        name,
      ),
    ],
  ),
  type('HSTORE (column)', 'create table t_hstore (a hstore)', 'hstore'),
  type('HSTORE (cast)', "select 'a=>1'::hstore", 'hstore'),
  ...['json', 'jsonb', 'jsonpath'].flatMap((name) => [
    type(`JSON: ${name} (column)`, `create table t_${name} (a ${name})`, name),
    type(`JSON: ${name} (cast)`, `select '{}'::${name}`, name),
  ]),
  ...['inet', 'cidr', 'macaddr', 'macaddr8'].flatMap((name) => [
    type(
      `Network address types: ${name} (column)`,
      `create table t_${name} (a ${name})`,
      name,
    ),
    type(
      `Network address types: ${name} (cast)`,
      `select '10.0.0.1'::${name}`,
      name,
    ),
  ]),
  ...['serial', 'bigserial', 'smallserial'].map((name) =>
    refused(
      `Numeric types: ${name.toUpperCase()}`,
      `create table t_${name} (id ${name})`,
      '0A000',
      `${name.toUpperCase()} is not supported`,
      TYPES,
    ),
  ),
  type(
    'Numeric types: MONEY (column)',
    'create table t_money (a money)',
    'money',
  ),
  type('Numeric types: MONEY (cast)', 'select 1::money', 'money'),
  ...['oid', 'regclass', 'regproc', 'regtype', 'xid', 'cid', 'tid'].map(
    (name) =>
      type(
        `Object identifier types: ${name} (column)`,
        `create table t_${name} (a ${name})`,
        name,
      ),
  ),
  leader(
    'Object identifier types (cast with a table)',
    "select 'items'::regclass, id from items",
    TYPES,
  ),
  type('Pseudo-types (column)', 'create table t_record (a record)', 'record'),
  type('Pseudo-types (cast)', 'select null::void', 'void'),
  type(
    'Pseudo-types (UDF argument)',
    'create function f_anyarray(anyarray) returns int immutable as $$ select 1 $$ language sql',
    'anyarray',
  ),
  type(
    'Pseudo-types (UDF result)',
    'create function f_void() returns void volatile as $$ select 1 $$ language sql',
    'void',
  ),
  refused(
    'Pseudo-types (set-returning UDF)',
    'create function f_setof() returns setof int immutable as $$ select 1 $$ language sql',
    '42601',
    'SETOF',
    TYPES,
  ),
  ...[
    'int4range',
    'int8range',
    'numrange',
    'tsrange',
    'tstzrange',
    'daterange',
    'int4multirange',
    'datemultirange',
  ].flatMap((name) => [
    type(
      `Range types: ${name} (column)`,
      `create table t_${name} (a ${name})`,
      name,
    ),
    type(`Range types: ${name} (cast)`, `select '[1,2)'::${name}`, name),
  ]),
  type(
    'Special character types: "char" (column)',
    'create table t_qchar (a "char")',
    'char',
  ),
  type(
    'Special character types: name (column)',
    'create table t_name (a name)',
    'name',
  ),
  leader(
    'Special character types: "char" (cast with a table)',
    `select 'a'::"char", id from items`,
    TYPES,
  ),
  leader(
    'Special character types: name (cast with a table)',
    "select 'a'::name, id from items",
    TYPES,
  ),
  ...['tsvector', 'tsquery'].flatMap((name) => [
    type(
      `Text search types: ${name} (column)`,
      `create table t_${name} (a ${name})`,
      name,
    ),
    type(`Text search types: ${name} (cast)`, `select 'a'::${name}`, name),
  ]),
  type(
    'TXID_SNAPSHOT (column)',
    'create table t_txid (a txid_snapshot)',
    'txid_snapshot',
  ),
  type(
    'TXID_SNAPSHOT (cast)',
    "select '10:20:'::txid_snapshot",
    'txid_snapshot',
  ),
  type('UUID (column)', 'create table t_uuid (a uuid)', 'uuid'),
  type(
    'UUID (cast)',
    "select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid",
    'uuid',
  ),
  type(
    'UUID (UDF argument)',
    'create function f_uuid(uuid) returns int immutable as $$ select 1 $$ language sql',
    'uuid',
  ),
  type('XML (column)', 'create table t_xml (a xml)', 'xml'),
  type('XML (cast)', "select '<a/>'::xml", 'xml'),
  refused(
    'INTERVAL as an unqualified column type',
    'create table t_interval (a interval)',
    '0A000',
    'unsupported type "interval"',
    TYPES,
  ),
]

/** One call per function of a family, each refused by name. */
const family = (item: string, calls: readonly string[]): Refused[] =>
  calls.map((call) =>
    fn(`${item}: ${call.split('(')[0]}`, `select ${call}`, call.split('(')[0]!),
  )

const FUNCTION_ROWS: readonly Refused[] = [
  // Access privilege inquiry, comment information, schema visibility and
  // system catalog information functions run on the leader node (drivers'
  // catalog queries use them), and fail with a table.
  ...[
    "has_any_column_privilege('items', 'select')",
    "has_column_privilege('items', 'id', 'select')",
    "has_function_privilege('now()', 'execute')",
    "has_language_privilege('sql', 'usage')",
    "pg_has_role(current_user, 'usage')",
  ].map((call) =>
    leader(
      `Access privilege inquiry functions: ${call.split('(')[0]}`,
      `select ${call}, id from items`,
      FUNCTIONS,
    ),
  ),
  ...family('Advisory lock functions', [
    'pg_advisory_lock(1)',
    'pg_advisory_unlock(1)',
    'pg_try_advisory_lock(1)',
    'pg_advisory_xact_lock(1)',
  ]),
  ...[
    ["string_agg(name, ',')", 'string_agg'],
    ['array_agg(id)', 'array_agg'],
    ['every(qty > 0)', 'every'],
    ["xmlagg(xmlcomment('a'))", 'xmlagg'],
    ['xml_agg(id)', 'xml_agg'],
    ['corr(id, qty)', 'corr'],
    ['covar_pop(id, qty)', 'covar_pop'],
    ['covar_samp(id, qty)', 'covar_samp'],
    ['regr_avgx(id, qty)', 'regr_avgx'],
    ['regr_avgy(id, qty)', 'regr_avgy'],
    ['regr_count(id, qty)', 'regr_count'],
    ['regr_intercept(id, qty)', 'regr_intercept'],
    ['regr_r2(id, qty)', 'regr_r2'],
    ['regr_slope(id, qty)', 'regr_slope'],
    ['regr_sxx(id, qty)', 'regr_sxx'],
    ['regr_sxy(id, qty)', 'regr_sxy'],
    ['regr_syy(id, qty)', 'regr_syy'],
  ].map(([call, name]) =>
    fn(
      `Aggregate functions: ${name!.toUpperCase()}()`,
      `select ${call} from items`,
      name!,
    ),
  ),
  ...family('Array functions and operators', [
    'array_append(null, 1)',
    'array_cat(null, null)',
    'array_dims(null)',
    'array_fill(1, null)',
    'array_length(null, 1)',
    'array_lower(null, 1)',
    'array_ndims(null)',
    'array_prepend(1, null)',
    'array_remove(null, 1)',
    'array_replace(null, 1, 2)',
    "array_to_string(null, ',')",
    'array_upper(null, 1)',
    'cardinality(null)',
    "string_to_array('a,b', ',')",
    'unnest(null)',
    'trim_array(null, 1)',
  ]),
  leader(
    'Array functions and operators: = ANY(array)',
    "select id from items where id = any('{1,2}'::int[])",
    FUNCTIONS,
  ),
  ...family('Backup control functions', [
    "pg_backup_start('x')",
    'pg_backup_stop()',
    'pg_switch_wal()',
    "pg_create_restore_point('x')",
  ]),
  ...[
    "obj_description('items'::regclass, 'pg_class')",
    "col_description('items'::regclass, 1)",
    "shobj_description(1, 'pg_database')",
  ].map((call) =>
    leader(
      `Comment information functions: ${call.split('(')[0]}`,
      `select ${call}, id from items`,
      FUNCTIONS,
    ),
  ),
  ...family('Database object location functions', [
    "pg_relation_filenode('items')",
    "pg_relation_filepath('items')",
    'pg_filenode_relation(0, 1)',
  ]),
  ...family('Database object size functions', [
    'pg_column_size(1)',
    'pg_database_size(current_database())',
    "pg_indexes_size('items')",
    "pg_relation_size('items')",
    'pg_size_pretty(1024)',
    "pg_table_size('items')",
    "pg_tablespace_size('pg_default')",
    "pg_total_relation_size('items')",
  ]),
  ...family('Date/Time functions and operators', [
    'clock_timestamp()',
    "justify_days(interval '35 days')",
    "justify_hours(interval '27 hours')",
    "justify_interval(interval '1 mon -1 hour')",
    'pg_sleep(0)',
    'transaction_timestamp()',
  ]),
  ...family('ENUM support functions', [
    'enum_first(null)',
    'enum_last(null)',
    'enum_range(null)',
  ]),
  ...family('Geometric functions and operators', [
    'area(null)',
    'center(null)',
    'diameter(null)',
    'npoints(null)',
    'point(1, 2)',
    'box(null)',
    'circle(null)',
    'polygon(null)',
  ]),
  ...family('Generic file access functions', [
    "pg_ls_dir('.')",
    "pg_read_file('x')",
    "pg_read_binary_file('x')",
    "pg_stat_file('x')",
  ]),
  refused(
    'IS DISTINCT FROM',
    'select id from items where qty is distinct from 1',
    '0A000',
    'IS DISTINCT FROM',
    FUNCTIONS,
  ),
  refused(
    'IS DISTINCT FROM (IS NOT DISTINCT FROM)',
    'select id from items where qty is not distinct from 1',
    '0A000',
    'IS DISTINCT FROM',
    FUNCTIONS,
  ),
  ...family('Network address functions and operators', [
    'abbrev(null)',
    'broadcast(null)',
    'family(null)',
    'host(null)',
    'hostmask(null)',
    'masklen(null)',
    'netmask(null)',
    'network(null)',
    'set_masklen(null, 1)',
    'inet_merge(null, null)',
  ]),
  ...family('Mathematical functions', [
    'div(7, 2)',
    'setseed(0.5)',
    'width_bucket(5.35, 0.024, 10.06, 5)',
  ]),
  leader(
    'Set returning functions: GENERATE_SERIES()',
    'select generate_series(1, 3), id from items',
    FUNCTIONS,
  ),
  ...family('Set returning functions', ['generate_subscripts(null, 1)']),
  ...family('Range functions and operators', [
    'isempty(null)',
    'lower_inc(null)',
    'upper_inc(null)',
    'lower_inf(null)',
    'upper_inf(null)',
    'range_merge(null, null)',
    'int4range(1, 2)',
    'int4multirange()',
    'datemultirange()',
  ]),
  ...family('Recovery control functions', [
    'pg_is_wal_replay_paused()',
    'pg_wal_replay_pause()',
    'pg_wal_replay_resume()',
    'pg_promote()',
  ]),
  ...family('Recovery information functions', [
    'pg_is_in_recovery()',
    'pg_last_wal_receive_lsn()',
    'pg_last_wal_replay_lsn()',
    'pg_last_xact_replay_timestamp()',
  ]),
  refused(
    'ROLLBACK TO SAVEPOINT function',
    'rollback to savepoint sp',
    '0A000',
    'ROLLBACK TO SAVEPOINT',
    FUNCTIONS,
  ),
  refused(
    'ROLLBACK TO SAVEPOINT function (SAVEPOINT)',
    'savepoint sp',
    '0A000',
    'SAVEPOINT',
    FUNCTIONS,
  ),
  ...[
    "pg_table_is_visible('items'::regclass)",
    'pg_type_is_visible(23)',
    'pg_function_is_visible(1)',
  ].map((call) =>
    leader(
      `Schema visibility inquiry functions: ${call.split('(')[0]}`,
      `select ${call}, id from items`,
      FUNCTIONS,
    ),
  ),
  ...family('Server signaling functions', [
    'pg_reload_conf()',
    'pg_rotate_logfile()',
    'pg_log_backend_memory_contexts(1)',
  ]),
  ...family('Snapshot synchronization functions', ['pg_export_snapshot()']),
  ...family('Sequence manipulation functions', [
    "nextval('seq')",
    "currval('seq')",
    "setval('seq', 1)",
    'lastval()',
  ]),
  ...[
    ["bit_length('abc')", 'bit_length'],
    ["overlay('Txxxxas' placing 'hom' from 2 for 4)", 'overlay'],
    ["overlay('Txxxxas', 'hom', 2, 4)", 'overlay'],
    ["convert('abc', 'UTF8', 'LATIN1')", 'convert'],
    ["convert_from('abc', 'UTF8')", 'convert_from'],
    ["convert_to('abc', 'UTF8')", 'convert_to'],
    ["encode('abc', 'hex')", 'encode'],
    ["format('%s', 1)", 'format'],
    ['quote_nullable(1)', 'quote_nullable'],
    ["regexp_matches('foobar', 'o+')", 'regexp_matches'],
    ["regexp_split_to_array('a b', ' ')", 'regexp_split_to_array'],
    ["regexp_split_to_table('a b', ' ')", 'regexp_split_to_table'],
  ].map(([call, name]) =>
    fn(`String functions: ${name!.toUpperCase()}()`, `select ${call}`, name!),
  ),
  ...[
    "pg_get_viewdef('items'::regclass)",
    'format_type(23, null)',
    'pg_get_userbyid(1)',
    'pg_typeof(id)',
  ].map((call) =>
    leader(
      `System catalog information functions: ${call.split('(')[0]}`,
      `select ${call}, id from items`,
      FUNCTIONS,
    ),
  ),
  fn(
    'System information functions: CURRENT_CATALOG',
    'select current_catalog',
    'current_catalog',
  ),
  ...family('System information functions', [
    'current_query()',
    'inet_client_addr()',
    'inet_client_port()',
    'inet_server_addr()',
    'inet_server_port()',
    'pg_conf_load_time()',
    'pg_is_other_temp_schema(1)',
    'pg_listening_channels()',
    'pg_my_temp_schema()',
    'pg_postmaster_start_time()',
    'pg_trigger_depth()',
  ]),
  refused(
    'System information functions: SHOW VERSION()',
    'show version()',
    '42601',
    'syntax error',
    FUNCTIONS,
  ),
  ...family('Text search functions and operators', [
    "to_tsvector('fat cats')",
    "to_tsquery('cat')",
    "plainto_tsquery('cat')",
    "websearch_to_tsquery('cat')",
    'ts_rank(null, null)',
    "ts_headline('a', null)",
    'setweight(null, null)',
    'strip(null)',
  ]),
  refused(
    'Text search functions and operators: @@',
    "select 'fat cats' @@ 'cat'",
    '42883',
    'operator does not exist: @@',
    FUNCTIONS,
  ),
  ...family('Transaction IDs and snapshots functions', [
    'txid_current()',
    'txid_current_snapshot()',
    'pg_current_xact_id()',
    'pg_current_snapshot()',
    'pg_xact_status(null)',
    'mxid_age(null)',
  ]),
  ...family('Trigger functions', [
    'suppress_redundant_updates_trigger()',
    'tsvector_update_trigger()',
    'tsvector_update_trigger_column()',
  ]),
  ...family('XML functions', [
    "xmlcomment('x')",
    'xmlconcat(null)',
    'xmlforest(1 as a)',
    "xml_is_well_formed('<a/>')",
    "xpath('/a', null)",
    "xpath_exists('/a', null)",
    "query_to_xml('select 1', true, false, '')",
    "table_to_xml('items', true, false, '')",
    "xmltext('x')",
  ]),
  ...[
    ['xmlelement(name a)', 'xmlelement'],
    ["xmlpi(name php, 'echo')", 'xmlpi'],
    ["xmlroot(null, version '1.0')", 'xmlroot'],
    ["xmlparse(document '<a/>')", 'xmlparse'],
    ['xmlserialize(content null as varchar)', 'xmlserialize'],
    ["xmlexists('/a' passing null)", 'xmlexists'],
  ].map(([call, name]) =>
    fn(`XML functions: ${name}`, `select ${call}`, name!),
  ),
  // Redshift's JSON lives in VARCHAR and SUPER (JSON_PARSE, JSON_EXTRACT_PATH_TEXT ...);
  // PostgreSQL's json and jsonb functions, and its SQL/JSON syntax, are not Redshift's.
  ...family('JSON functions', [
    "json_build_object('a', 1)",
    'to_json(1)',
    'row_to_json(null)',
    "jsonb_set(null, '{a}', null)",
    'json_each(null)',
    'jsonb_path_query(null, null)',
    'json_object_keys(null)',
    'jsonb_pretty(null)',
    'json_strip_nulls(null)',
    'jsonb_array_elements(null)',
    'json_populate_record(null, null)',
    "json_object('{a,1}')",
  ]),
  ...['->', '->>', '#>', '#>>'].map((op) =>
    refused(
      `JSON operators: ${op}`,
      `select doc ${op} ${op.startsWith('#') ? "'{a}'" : "'a'"} from docs`,
      '42883',
      `operator does not exist: ${op}`,
      FUNCTIONS,
    ),
  ),
  refused(
    'Array functions and operators: @> (containment)',
    "select id from items where '{1}' @> '{1}'",
    '42883',
    'operator does not exist: @>',
    FUNCTIONS,
  ),
  refused(
    'JSON functions: JSON_OBJECT(key: value)',
    "select json_object('a': 1)",
    '42883',
    'json_object',
    FUNCTIONS,
  ),
  refused(
    'JSON functions: JSON_ARRAY()',
    'select json_array(1, 2)',
    '42883',
    'json_array',
    FUNCTIONS,
  ),
  refused(
    'JSON functions: IS JSON',
    "select '{}' is json",
    '42601',
    '"JSON"',
    FUNCTIONS,
  ),
  refused(
    'JSON functions: JSON_VALUE()',
    "select json_value('{}', '$.a')",
    '42883',
    'json_value',
    FUNCTIONS,
  ),
]

/** The documented leader-node-only functions, each next to a user table. */
const LEADER_CALLS: readonly string[] = [
  'current_schema()',
  'current_schemas(false)',
  "has_database_privilege(current_database(), 'connect')",
  "has_schema_privilege('public', 'usage')",
  "has_table_privilege('items', 'select')",
  'age(current_date)',
  'current_time',
  'current_timestamp',
  'localtime',
  "isfinite(date '2024-01-01')",
  'now()',
  "getbit('a', 1)",
  "get_byte('a', 1)",
  "set_bit('a', 1, 1)",
  "set_byte('a', 1, 1)",
  "to_ascii('a')",
]

/** The forms in which a leader-node-only function meets or feeds a user table. */
const LEADER_FORMS: readonly (readonly [
  string,
  (call: string, n: number) => string,
])[] = [
  ['next to a user table', (call) => `select ${call}, id from items`],
  [
    'joined with a user table',
    (call) => `select i.id from items i join (select ${call} as v) s on true`,
  ],
  [
    'feeding INSERT ... SELECT',
    (call) => `insert into items (name) select ${call}`,
  ],
  [
    'feeding CREATE TABLE AS',
    (call, n) => `create table leader_ctas_${n} as select ${call} as v`,
  ],
  [
    'feeding SELECT INTO',
    (call, n) => `select ${call} as v into leader_into_${n}`,
  ],
  ['in UPDATE ... SET', (call) => `update items set name = ${call}`],
]

const LEADER_ROWS: readonly Refused[] = [
  ...LEADER_CALLS.flatMap((call, n) =>
    LEADER_FORMS.map(([form, sql]) =>
      leader(`${call.split('(')[0]!.toUpperCase()} ${form}`, sql(call, n)),
    ),
  ),
  leader(
    'Leader-node function feeding INSERT ... SELECT',
    'insert into items (name) select current_schema()',
  ),
  leader(
    'Leader-node function feeding CREATE TABLE AS',
    'create table leader_ctas as select now() as t',
  ),
  leader(
    'Leader-node function feeding SELECT INTO',
    'select current_schema() as s into leader_into',
  ),
  leader(
    'Leader-node function in UPDATE ... SET',
    'update items set name = current_schema()',
  ),
  leader(
    'Leader-node function in UPDATE ... FROM',
    'update items set qty = g.n from (select generate_series(1, 3) as n) g where g.n = items.id',
  ),
  leader(
    'Leader-node function joined with a user table',
    'select s.n, i.id from (select generate_series(1, 2) as n) s join items i on i.id = s.n',
  ),
  leader(
    'Leader-node function in a CTE read with a user table',
    'with s as (select now() as t) select s.t, items.id from s, items',
  ),
  leader(
    'Leader-node function in a subquery over a user table',
    'select id from items where id in (select generate_series(1, 2))',
  ),
  leader(
    'Leader-node function with a system table',
    'select current_schema(), count(*) from stv_recents',
  ),
]

const COMMAND_ROWS: readonly Refused[] = [
  ...[
    [
      'create aggregate my_sum (sfunc = int4pl, stype = int)',
      'CREATE AGGREGATE',
    ],
    [
      'create operator === (function = int4eq, leftarg = int, rightarg = int)',
      'CREATE OPERATOR',
    ],
    ['create domain posint as int', 'CREATE DOMAIN'],
    ['create rule r as on insert to items do instead nothing', 'CREATE RULE'],
    ['create extension if not exists hstore', 'CREATE EXTENSION'],
    ['create policy pol on items using (true)', 'CREATE POLICY'],
    ['create statistics st on id, qty from items', 'CREATE STATISTICS'],
    ['create publication pub for all tables', 'CREATE PUBLICATION'],
    ['create cast (int as bool) with inout', 'CREATE CAST'],
    ['create language plperl', 'CREATE LANGUAGE'],
    [
      'create access method am type table handler heap_tableam_handler',
      'CREATE ACCESS METHOD',
    ],
    [
      "create conversion cv for 'UTF8' to 'LATIN1' from utf8_to_iso8859_1",
      'CREATE CONVERSION',
    ],
    ['listen ch', 'LISTEN'],
    ["notify ch, 'x'", 'NOTIFY'],
    ['unlisten ch', 'UNLISTEN'],
    ['cluster items', 'CLUSTER'],
    ["load 'nothing'", 'LOAD'],
    ['checkpoint', 'CHECKPOINT'],
    ['do $$ begin end $$', 'DO'],
    ['reassign owned by current_user to current_user', 'REASSIGN OWNED'],
    ['drop owned by nobody_here', 'DROP OWNED'],
    ['set constraints all deferred', 'SET CONSTRAINTS'],
    ['move next from c', 'MOVE'],
    ["prepare transaction 'tx'", 'two-phase commit'],
    ["commit prepared 'tx'", 'two-phase commit'],
    ['release savepoint sp', 'RELEASE SAVEPOINT'],
    ['drop extension if exists hstore', 'DROP EXTENSION'],
    ['drop domain if exists posint', 'DROP DOMAIN'],
    ['drop rule if exists r on items', 'DROP RULE'],
    ['drop aggregate if exists my_sum(int)', 'DROP AGGREGATE'],
    ['drop tablespace if exists ts', 'DROP TABLESPACE'],
    ['drop server if exists srv', 'DROP SERVER'],
  ].map(([sql, what]) => refused(what!, sql!, '0A000', what!, COMMANDS)),
  refused('DISCARD', 'discard plans', '0A000', 'DISCARD', COMMANDS),
  refused(
    'TABLE name',
    'table items',
    '42601',
    '"TABLE"',
    `${DG}r_SELECT_synopsis.html`,
  ),
  refused(
    'COPY FROM STDIN',
    'copy items from stdin',
    '42601',
    '"STDIN"',
    `${DG}r_COPY.html`,
  ),
  refused(
    'COPY TO STDOUT',
    'copy items to stdout',
    '42601',
    '"TO"',
    `${DG}r_COPY.html`,
  ),
  refused(
    'EXPLAIN ANALYZE',
    'explain analyze select * from items',
    '42601',
    '"ANALYZE"',
    `${DG}r_EXPLAIN.html`,
  ),
  refused(
    'LOCK ... IN mode',
    'lock items in share mode',
    '42601',
    '"IN"',
    `${DG}r_LOCK.html`,
  ),
  refused(
    'GENERATED ALWAYS AS IDENTITY',
    'create table gen_always (id int generated always as identity, v int)',
    '42601',
    '"ALWAYS"',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'Generated columns',
    'create table gen_stored (a int, b int generated always as (a * 2) stored)',
    '0A000',
    'generated columns',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'ON COMMIT',
    'create temp table on_commit (a int) on commit drop',
    '42601',
    '"ON"',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'LIKE ... INCLUDING ALL',
    'create table like_all (like items including all)',
    '42601',
    '"ALL"',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'UNLOGGED tables',
    'create unlogged table unlogged_t (a int)',
    '42601',
    '"UNLOGGED"',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'Storage parameters (CREATE TABLE ... WITH)',
    'create table with_opts (a int) with (fillfactor = 70)',
    '42601',
    '"WITH"',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'Table access methods (CREATE TABLE ... USING)',
    'create table using_heap (a int) using heap',
    '42601',
    '"USING"',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'Typed tables (CREATE TABLE ... OF type)',
    'create table typed_t of pair',
    '0A000',
    'typed tables',
    `${DG}r_CREATE_TABLE_NEW.html`,
  ),
  refused(
    'PL/pgSQL user-defined functions',
    'create function f_plpgsql() returns int language plpgsql as $$ begin return 1; end $$',
    '0A000',
    'language "plpgsql" for a user-defined function',
    `${DG}r_CREATE_FUNCTION.html`,
  ),
  refused(
    'Several ALTER TABLE actions in one statement',
    'alter table items add column a1 int, add column a2 int',
    '42601',
    '","',
    `${DG}r_ALTER_TABLE.html`,
  ),
  refused(
    'ALTER TABLE ... SET (storage parameter)',
    'alter table items set (fillfactor = 70)',
    '0A000',
    'SET (...)',
    `${DG}r_ALTER_TABLE.html`,
  ),
  refused(
    'LIMIT inside a set-operation input',
    '(select id from items limit 1) union select id from items',
    '0A000',
    'LIMIT may not be used within input to set operations.',
    `${DG}r_UNION.html`,
  ),
  refused(
    'CREATE VIEW ... WITH CHECK OPTION',
    'create view checked_v as select id from items with check option',
    '42601',
    '"CHECK"',
    `${DG}r_CREATE_VIEW.html`,
  ),
  refused(
    'CREATE RECURSIVE VIEW',
    'create recursive view rv (n) as select 1 union all select n + 1 from rv where n < 3',
    '42601',
    '"RECURSIVE"',
    `${DG}r_CREATE_VIEW.html`,
  ),
  refused(
    'CREATE VIEW ... WITH (options)',
    'create view barrier_v with (security_barrier) as select id from items',
    '42601',
    '"WITH"',
    `${DG}r_CREATE_VIEW.html`,
  ),
  refused(
    'INSERT ... OVERRIDING',
    'insert into items (id) overriding user value select 1',
    '42601',
    '"OVERRIDING"',
    `${DG}r_INSERT_30.html`,
  ),
  refused(
    'UPDATE ... WHERE CURRENT OF',
    'update items set qty = 0 where current of c',
    '0A000',
    'WHERE CURRENT OF',
    `${DG}r_UPDATE.html`,
  ),
  refused(
    'Data-modifying statement in WITH',
    'with d as (delete from items where id = 0) select 1',
    '42601',
    '"DELETE"',
    `${DG}r_WITH_clause.html`,
  ),
  refused(
    'WITH ... AS MATERIALIZED',
    'with x as materialized (select id from items) select * from x',
    '42601',
    '"MATERIALIZED"',
    `${DG}r_WITH_clause.html`,
  ),
  refused(
    'WITH RECURSIVE ... SEARCH',
    'with recursive t(n) as (select 1 union all select n + 1 from t where n < 3) search depth first by n set ord select n from t',
    '42601',
    '"SEARCH"',
    `${DG}r_WITH_clause.html`,
  ),
  refused(
    'GROUP BY DISTINCT',
    'select qty from items group by distinct qty',
    '42601',
    '"DISTINCT"',
    `${DG}r_GROUP_BY_clause.html`,
  ),
  refused(
    'ORDER BY ... USING operator',
    'select id from items order by id using >',
    '42601',
    '"USING"',
    `${DG}r_ORDER_BY_clause.html`,
  ),
  refused(
    'DECLARE ... SCROLL',
    'declare c scroll cursor for select id from items',
    '42601',
    '"SCROLL"',
    `${DG}declare.html`,
  ),
  refused(
    'FETCH BACKWARD',
    'fetch backward 1 from c',
    '42601',
    '"BACKWARD"',
    `${DG}fetch.html`,
  ),
  refused(
    'FETCH PRIOR',
    'fetch prior from c',
    '42601',
    '"PRIOR"',
    `${DG}fetch.html`,
  ),
  refused(
    'CREATE USER password rules',
    "create user fid_unsup_short password 'Ab1'",
    '22023',
    '8 to 64 characters',
    `${DG}r_CREATE_USER.html`,
  ),
]

/** What Redshift accepts next to the refusals: the same names and forms, Redshift's way. */
const ACCEPTED: readonly { readonly sql: string; readonly doc: string }[] = [
  {
    sql: 'select current_schema(), now(), current_schemas(false)',
    doc: LEADER,
  },
  {
    sql: 'select nspname from pg_namespace where nspname = any(current_schemas(true))',
    doc: LEADER,
  },
  {
    sql: 'select relname::varchar from pg_class where relkind = \'r\'::"char" limit 1',
    doc: TYPES,
  },
  { sql: "select 'pg_class'::regclass::oid, 'a'::name", doc: TYPES },
  { sql: 'select oid, relname from pg_class limit 1', doc: FEATURES },
  {
    sql: 'select c.oid, c.xmin, c.ctid from pg_class c limit 1',
    doc: FEATURES,
  },
  {
    sql: 'select doc.a[0], json_size(doc) from docs',
    doc: `${DG}query-super.html`,
  },
  {
    sql: "select has_table_privilege('items', 'select'), pg_table_is_visible('items'::regclass)",
    doc: FUNCTIONS,
  },
  {
    sql: "select json_extract_path_text('{\"a\":\"b\"}', 'a'), json_array_length('[1,2]'), is_valid_json('{}')",
    doc: `${DG}json-functions.html`,
  },
  {
    sql: "select json_serialize(json_parse('{\"a\":1}')), json_typeof(json_parse('1'))",
    doc: `${DG}json-functions.html`,
  },
  { sql: 'select pg_backend_pid() > 0', doc: `${DG}PG_BACKEND_PID.html` },
  {
    sql: 'select getdate() is not null, sysdate is not null, id from items',
    doc: `${DG}r_GETDATE.html`,
  },
  {
    sql: 'select convert(varchar, 1), id from items',
    doc: `${DG}r_CAST_function.html`,
  },
  {
    sql: 'create table char_ok (a char(3), b character(2), c varchar(3))',
    doc: `${DG}r_Character_types.html`,
  },
  {
    sql: 'create table interval_ok (a interval year to month, b interval day to second)',
    doc: `${DG}r_interval_data_types.html`,
  },
  {
    sql: 'create function f_ok(int, anyelement) returns int immutable as $$ select $1 $$ language sql',
    doc: `${DG}r_CREATE_FUNCTION.html`,
  },
  { sql: 'drop table if exists char_ok', doc: `${DG}r_DROP_TABLE.html` },
  {
    sql: 'select id from items union select id from items order by 1 limit 1',
    doc: `${DG}r_UNION.html`,
  },
]

/**
 * Not on the lists, which are PostgreSQL 8's: functions, an operator and a
 * statement form later PostgreSQL releases added, which Redshift's SQL
 * reference does not have (its functions reference, r_CREATE_VIEW.html).
 */
const NEWER_POSTGRES_ROWS: readonly Refused[] = [
  refused(
    'MODE() WITHIN GROUP (PostgreSQL 9.4)',
    'select mode() within group (order by qty) from items',
    '42883',
    'mode',
    FUNCTIONS,
  ),
  fn(
    'STARTS_WITH (PostgreSQL 11)',
    "select starts_with(name, 'a') from items",
    'starts_with',
  ),
  fn('BIT_XOR (PostgreSQL 14)', 'select bit_xor(qty) from items', 'bit_xor'),
  refused(
    '^@ starts-with operator (PostgreSQL 11)',
    "select id from items where name ^@ 'a'",
    '42883',
    'operator does not exist: ^@',
    FUNCTIONS,
  ),
  refused(
    'CREATE TEMPORARY VIEW',
    'create temp view temp_v as select id from items',
    '42601',
    '"TEMPORARY"',
    `${DG}r_CREATE_VIEW.html`,
  ),
]

const ROWS: readonly Refused[] = [
  ...FEATURE_ROWS,
  ...TYPE_ROWS,
  ...FUNCTION_ROWS,
  ...LEADER_ROWS,
  ...COMMAND_ROWS,
  ...NEWER_POSTGRES_ROWS,
]

describe('local emulator: the documented lists of what Redshift does not support', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_fid_unsup', [
      'create table items (id int, qty int, name varchar(20))',
      "insert into items values (1, 1, 'a'), (2, 2, 'b')",
      'create table other (a int, b int)',
      'create table docs (id int, doc super)',
      `insert into docs select 1, json_parse('{"a": [1, 2]}')`,
    ]))
  })
  afterAll(() => close())

  it.each(ROWS)(
    'refuses $item: $sql ($doc)',
    async ({ sql, code, message }) => {
      const error = await errorOf(client.query(sql))
      expect({ code: error.code, message: error.message }).toEqual({
        code,
        message: expect.stringContaining(message),
      })
    },
  )

  it.each(ACCEPTED)('accepts $sql ($doc)', async ({ sql }) => {
    await expect(client.query(sql)).resolves.toBeDefined()
  })
})
