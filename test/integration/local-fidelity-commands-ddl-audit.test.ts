import {
  fails,
  rows,
  run,
  describeFidelityCases,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// The Developer Guide's DDL and access-control commands, page by page: the
// documented forms the emulator must run, the documented refusals, and the
// PostgreSQL-only clauses Redshift's grammar does not have (which PostgreSQL
// would run). Users and roles are the cluster's, so their names carry this
// file's prefix and each case drops what it made. Redshift's own error texts
// for these refusals are not documented: the cases check the SQLSTATE and
// the words the emulator names.

const CREATE_USER = `${DG}r_CREATE_USER.html`
const ALTER_USER = `${DG}r_ALTER_USER.html`
const ALTER_TABLE = `${DG}r_ALTER_TABLE.html`
const GRANT = `${DG}r_GRANT.html`
const TRUNCATE = `${DG}r_TRUNCATE.html`
const CREATE_FUNCTION = `${DG}r_CREATE_FUNCTION.html`
const MV_CREATE = `${DG}materialized-view-create-sql-command.html`
const MV_REFRESH = `${DG}materialized-view-refresh-sql-command.html`
const CREATE_DATABASE = `${DG}r_CREATE_DATABASE.html`
const LIMIT = 'in the local emulator is not supported'

const userFlags = (user: string) =>
  `select usename::text, usesuper, usecreatedb from pg_user where usename = '${user}'`

const CASES: readonly Case[] = [
  // CREATE USER / ALTER USER.
  {
    title:
      'CREATE USER ... CREATEDB CREATEUSER CONNECTION LIMIT SYSLOG ACCESS SESSION TIMEOUT',
    doc: CREATE_USER,
    steps: [
      run('drop user if exists ddlaudit_u1'),
      run(
        "create user ddlaudit_u1 with password 'abcD1234' createdb createuser valid until '2030-06-10' connection limit 30 syslog access unrestricted session timeout 3600",
      ),
      rows(userFlags('ddlaudit_u1'), [
        { usename: 'ddlaudit_u1', usesuper: true, usecreatedb: true },
      ]),
      run('drop user ddlaudit_u1'),
    ],
  },
  {
    title: 'CREATE USER ... NOCREATEUSER CONNECTION LIMIT UNLIMITED IN GROUP',
    doc: CREATE_USER,
    steps: [
      run('drop user if exists ddlaudit_u2'),
      run('create group ddlaudit_g2'),
      run(
        "create user ddlaudit_u2 password 'abcD1234' nocreatedb nocreateuser connection limit unlimited syslog access restricted in group ddlaudit_g2",
      ),
      rows(
        "select rolconnlimit, rolsuper from pg_roles where rolname = 'ddlaudit_u2'",
        [{ rolconnlimit: -1, rolsuper: false }],
      ),
      rows(
        "select count(*)::int as n from pg_group where groname = 'ddlaudit_g2' and (select usesysid from pg_user where usename = 'ddlaudit_u2') = any(grolist)",
        [{ n: 1 }],
      ),
      run('drop user ddlaudit_u2'),
      run('drop group ddlaudit_g2'),
    ],
  },
  {
    title: 'CREATE USER needs a PASSWORD clause; PASSWORD DISABLE is one',
    doc: CREATE_USER,
    steps: [
      run('drop user if exists ddlaudit_u3'),
      fails('create user ddlaudit_u3', '42601', 'syntax error'),
      run('create user ddlaudit_u3 password disable'),
      run('drop user ddlaudit_u3'),
    ],
  },
  {
    title: 'password rules: length, cases and digits; md5 and sha256 hashes',
    doc: CREATE_USER,
    steps: [
      run('drop user if exists ddlaudit_u4'),
      fails(
        "create user ddlaudit_u4 password 'abcd1234'",
        '22023',
        'upper case',
      ),
      fails("create user ddlaudit_u4 password 'aB1'", '22023', '8 to 64'),
      run(
        "create user ddlaudit_u4 password 'md5153c434b4b77c89e6b94f12c5393af5b'",
      ),
      run("alter user ddlaudit_u4 password 'sha256|Mypassword1'"),
      run('drop user ddlaudit_u4'),
    ],
  },
  {
    title:
      "PostgreSQL's role options are not Redshift's: SUPERUSER, LOGIN, IN ROLE",
    doc: CREATE_USER,
    steps: [
      fails(
        "create user ddlaudit_u5 password 'abcD1234' superuser",
        '42601',
        '"superuser"',
      ),
      fails(
        "create user ddlaudit_u5 password 'abcD1234' login",
        '42601',
        '"login"',
      ),
      fails(
        "create user ddlaudit_u5 password 'abcD1234' in role ddlaudit_x",
        '42601',
        '"role"',
      ),
      fails(
        "create user ddlaudit_u5 password 'abcD1234' session timeout 10",
        '22023',
        'SESSION TIMEOUT',
      ),
      fails(
        'create user ddlaudit_u5 password \'abcD1234\' externalid "abc"',
        '22023',
        'PASSWORD DISABLE',
      ),
      fails('create role ddlaudit_r5 login', '42601', '"login"'),
    ],
  },
  {
    title: 'ALTER USER CREATEUSER, SESSION TIMEOUT, RESET SESSION TIMEOUT',
    doc: ALTER_USER,
    steps: [
      run('drop user if exists ddlaudit_u6'),
      run("create user ddlaudit_u6 password 'abcD1234'"),
      run('alter user ddlaudit_u6 createuser'),
      rows(userFlags('ddlaudit_u6'), [
        { usename: 'ddlaudit_u6', usesuper: true, usecreatedb: false },
      ]),
      run('alter user ddlaudit_u6 nocreateuser'),
      run('alter user ddlaudit_u6 session timeout 300'),
      run('alter user ddlaudit_u6 reset session timeout'),
      run('alter user ddlaudit_u6 syslog access unrestricted'),
      run('alter user ddlaudit_u6 connection limit unlimited'),
      rows(userFlags('ddlaudit_u6'), [
        { usename: 'ddlaudit_u6', usesuper: false, usecreatedb: false },
      ]),
      fails('alter user ddlaudit_u6 nologin', '42601', '"nologin"'),
      run('alter user ddlaudit_u6 rename to ddlaudit_u6b'),
      run('drop user ddlaudit_u6b'),
    ],
  },
  // CREATE TABLE, ALTER TABLE.
  {
    title: 'CREATE TABLE with Redshift attributes, LIKE and #temp (confirmed)',
    doc: `${DG}r_CREATE_TABLE_examples.html`,
    steps: [
      run(
        'create table t_sales (salesid integer not null, listid integer not null distkey, qtysold smallint encode mostly8, pricepaid decimal(8,2) encode delta32k, primary key(salesid)) compound sortkey(listid, salesid)',
      ),
      run('create table t_like (like t_sales including defaults)'),
      run('create table #t_temp (id int)'),
      rows(
        'select "column", distkey, sortkey from pg_table_def where tablename = \'t_sales\' order by "column"',
        [
          { column: 'listid', distkey: true, sortkey: 1 },
          { column: 'pricepaid', distkey: false, sortkey: 0 },
          { column: 'qtysold', distkey: false, sortkey: 0 },
          { column: 'salesid', distkey: false, sortkey: 2 },
        ],
      ),
    ],
  },
  {
    title: 'COLLATE CASE_INSENSITIVE | CI columns compare without case; CS too',
    doc: `${DG}r_CREATE_TABLE_NEW.html`,
    steps: [
      run(
        'create table t_ci (a varchar(10) collate case_insensitive, b varchar(10) collate cs, c char(4) collate ci)',
      ),
      run("insert into t_ci values ('ABC', 'ABC', 'Xy'), ('abc', 'abc', 'xY')"),
      rows(
        "select count(*)::int as a, (select count(*)::int from t_ci where b = 'abc') as b, (select count(*)::int from t_ci where c = 'XY') as c from t_ci where a = 'abc'",
        [{ a: 2, b: 1, c: 2 }],
      ),
      rows('select count(distinct a)::int as n from t_ci', [{ n: 1 }]),
    ],
  },
  {
    title: 'UNIQUE NULLS NOT DISTINCT is not in the grammar',
    doc: `${DG}r_CREATE_TABLE_NEW.html`,
    steps: [
      fails(
        'create table t_nnd (a int unique nulls not distinct)',
        '42601',
        'NULLS',
      ),
    ],
  },
  {
    title: 'ALTER TABLE ADD COLUMN with DEFAULT, RENAME, OWNER TO (confirmed)',
    doc: `${DG}r_ALTER_TABLE_examples_basic.html`,
    steps: [
      run('create table t_alter (a int not null, b varchar(10))'),
      run("alter table t_alter add column c varchar(5) default 'x'"),
      run('alter table t_alter rename column b to bb'),
      run('alter table t_alter rename to t_altered'),
      run('alter table t_altered owner to current_user'),
      run('alter table t_altered alter column bb type varchar(20)'),
      rows('select a, bb, c from t_altered', []),
    ],
  },
  {
    title: 'ADD COLUMN ... ENCODE and COLLATE are recorded',
    doc: ALTER_TABLE,
    steps: [
      run('create table t_enc (a int, b varchar(10))'),
      run('alter table t_enc add column n varchar(5) encode zstd'),
      run('alter table t_enc add m int default 3 encode delta not null'),
      run('alter table t_enc add column c varchar(5) collate case_insensitive'),
      fails(
        'alter table t_enc add column x int encode nope',
        '42704',
        'invalid encoding type "nope"',
      ),
      run("insert into t_enc (a, b, n, c) values (1, 'x', 'y', 'ABC')"),
      rows("select m from t_enc where c = 'abc'", [{ m: 3 }]),
      rows(
        "select \"column\", trim(encoding) as e from pg_table_def where tablename = 't_enc' and \"column\" in ('m', 'n') order by 1",
        [
          { column: 'm', e: 'delta' },
          { column: 'n', e: 'zstd' },
        ],
      ),
    ],
  },
  {
    title:
      'ALTER COLUMN TYPE refuses BYTEDICT columns, defaults and key columns, and changes nothing',
    doc: ALTER_TABLE,
    steps: [
      run(
        "create table t_type (a varchar(10) encode bytedict, b varchar(10) default 'x', c varchar(10) unique, d varchar(10))",
      ),
      fails(
        'alter table t_type alter column a type varchar(20)',
        '0A000',
        'BYTEDICT',
      ),
      fails(
        'alter table t_type alter column b type varchar(20)',
        '0A000',
        'default',
      ),
      fails(
        'alter table t_type alter column c type varchar(20)',
        '0A000',
        'UNIQUE',
      ),
      run('alter table t_type alter column d type varchar(20)'),
      rows(
        'select "column", type from pg_table_def where tablename = \'t_type\' order by 1',
        [
          { column: 'a', type: 'character varying(10)' },
          { column: 'b', type: 'character varying(10)' },
          { column: 'c', type: 'character varying(10)' },
          { column: 'd', type: 'character varying(20)' },
        ],
      ),
    ],
  },
  {
    title: 'ADD COLUMN cannot add UNIQUE, PRIMARY KEY or REFERENCES',
    doc: ALTER_TABLE,
    steps: [
      run('create table t_addcol (a int not null primary key)'),
      fails('alter table t_addcol add column b int unique', '0A000', 'UNIQUE'),
      fails(
        'alter table t_addcol add column b int primary key',
        '0A000',
        'PRIMARY KEY',
      ),
      fails(
        'alter table t_addcol add column b int references t_addcol(a)',
        '0A000',
        'REFERENCES',
      ),
      run('alter table t_addcol add column b int'),
    ],
  },
  {
    title:
      'no ALTER TABLE IF EXISTS, SET SCHEMA, RENAME CONSTRAINT, ALTER VIEW or # names',
    doc: ALTER_TABLE,
    steps: [
      run('create table t_shape (a int)'),
      run('create view v_shape as select a from t_shape'),
      fails('alter table if exists t_shape rename to t_x', '42601', 'EXISTS'),
      fails('alter table t_shape set schema public', '42601', 'SCHEMA'),
      fails(
        'alter table t_shape rename constraint c to d',
        '42601',
        'CONSTRAINT',
      ),
      fails('alter view v_shape rename to v_x', '42601', 'VIEW'),
      fails('alter view v_shape owner to current_user', '42601', 'VIEW'),
      fails('alter table t_shape rename to "#t_shape"', '42602', '#t_shape'),
      // A view is renamed with ALTER TABLE.
      run('alter table v_shape rename to v_renamed'),
      rows('select count(*)::int as n from v_renamed', [{ n: 0 }]),
    ],
  },
  {
    title: 'ALTER TABLE APPEND moves the rows (confirmed)',
    doc: `${DG}r_ALTER_TABLE_APPEND.html`,
    steps: [
      run('create table t_target (a int, b varchar(5))'),
      run('create table t_source (a int, b varchar(5))'),
      run("insert into t_source values (1, 'x'), (2, 'y')"),
      run('alter table t_target append from t_source'),
      rows('select count(*)::int as n from t_target', [{ n: 2 }]),
      rows('select count(*)::int as n from t_source', [{ n: 0 }]),
    ],
  },
  // DATABASE.
  {
    title:
      "CREATE DATABASE takes OWNER and CONNECTION LIMIT, not PostgreSQL's options",
    doc: CREATE_DATABASE,
    steps: [
      fails(
        'create database ddlaudit_db1 with template template0',
        '42601',
        'TEMPLATE',
      ),
      fails(
        "create database ddlaudit_db1 encoding 'UTF8'",
        '42601',
        'ENCODING',
      ),
      fails(
        'alter database {db} with allow_connections true',
        '42601',
        'ALLOW_CONNECTIONS',
      ),
      fails('drop database ddlaudit_db1 with (force)', '42601', 'WITH'),
    ],
  },
  {
    title:
      'CONNECTION LIMIT UNLIMITED, COLLATE CASE_SENSITIVE, DROP DATABASE ... FORCE',
    doc: CREATE_DATABASE,
    steps: [
      run(
        'create database ddlaudit_db2 with connection limit unlimited collate case_sensitive',
      ),
      run('alter database ddlaudit_db2 connection limit 7'),
      rows(
        "select datconnlimit from pg_database where datname = 'ddlaudit_db2'",
        [{ datconnlimit: 7 }],
      ),
      run('alter database ddlaudit_db2 connection limit unlimited'),
      fails(
        'alter database ddlaudit_db2 isolation level snapshot',
        '0A000',
        LIMIT,
      ),
      fails(
        'create database ddlaudit_db3 collate case_insensitive',
        '0A000',
        LIMIT,
      ),
      run('drop database ddlaudit_db2 force'),
    ],
  },
  // MATERIALIZED VIEW.
  {
    title:
      'CREATE MATERIALIZED VIEW with BACKUP, DISTSTYLE, SORTKEY, AUTO REFRESH (confirmed)',
    doc: MV_CREATE,
    steps: [
      run('create table t_mvbase (a int, b int)'),
      run('insert into t_mvbase values (1, 2), (1, 3)'),
      run(
        'create materialized view mv_sum backup no diststyle even sortkey(a) auto refresh yes as select a, sum(b) as s from t_mvbase group by a',
      ),
      run('refresh materialized view mv_sum'),
      rows('select a, s::int from mv_sum', [{ a: 1, s: 5 }]),
      fails(
        'create materialized view if not exists mv_sum as select 1',
        '42601',
        'NOT',
      ),
      fails(
        'create materialized view mv_nodata as select a from t_mvbase with no data',
        '42601',
        'NO',
      ),
    ],
  },
  {
    title: 'REFRESH MATERIALIZED VIEW has no CONCURRENTLY or WITH NO DATA',
    doc: MV_REFRESH,
    steps: [
      run('create table t_mvr (a int)'),
      run('create materialized view mv_r as select a from t_mvr'),
      fails(
        'refresh materialized view concurrently mv_r',
        '42601',
        'CONCURRENTLY',
      ),
      fails('refresh materialized view mv_r with no data', '42601', 'WITH'),
    ],
  },
  {
    title:
      'ALTER MATERIALIZED VIEW ... AUTO REFRESH; REFRESH ... RESTRICT | CASCADE',
    doc: `${DG}r_ALTER_MATERIALIZED_VIEW.html`,
    steps: [
      run('create table t_mva (a int)'),
      run('create materialized view mv_a as select a from t_mva'),
      run('alter materialized view mv_a auto refresh yes'),
      rows(
        "select trim(name) as name, autorefresh from svv_mv_info where name = 'mv_a'",
        [{ name: 'mv_a', autorefresh: 't' }],
      ),
      run('alter materialized view mv_a auto refresh no'),
      rows("select autorefresh from svv_mv_info where name = 'mv_a'", [
        { autorefresh: 'f' },
      ]),
      fails(
        'alter materialized view t_mva auto refresh yes',
        '42809',
        'is not a materialized view',
      ),
      run('insert into t_mva values (1)'),
      run('refresh materialized view mv_a restrict'),
      rows('select count(*)::int as n from mv_a', [{ n: 1 }]),
      run('insert into t_mva values (2)'),
      run('refresh materialized view mv_a cascade'),
      rows('select count(*)::int as n from mv_a', [{ n: 2 }]),
    ],
  },
  // TRUNCATE.
  {
    title: 'TRUNCATE [TABLE] one table; TRUNCATE commits the transaction',
    doc: TRUNCATE,
    steps: [
      run('create table t_trunc (a int)'),
      run('begin'),
      run('insert into t_trunc values (1)'),
      run('truncate table t_trunc'),
      run('rollback'),
      rows('select count(*)::int as n from t_trunc', [{ n: 0 }]),
      fails('truncate t_trunc, t_trunc', '42601', ','),
      fails('truncate only t_trunc', '42601', 'ONLY'),
      fails('truncate t_trunc cascade', '42601', 'CASCADE'),
      fails('truncate t_trunc restart identity', '42601', 'RESTART'),
    ],
  },
  // GRANT / REVOKE.
  {
    title:
      'GRANT on tables, columns, schemas, databases; to users, groups, roles (confirmed)',
    doc: GRANT,
    steps: [
      run('drop user if exists ddlaudit_gu'),
      run("create user ddlaudit_gu password 'abcD1234'"),
      run('create group ddlaudit_gg'),
      run('create role ddlaudit_gr'),
      run('create table t_grant (a int, b int)'),
      run(
        'grant select, insert on table t_grant to ddlaudit_gu with grant option',
      ),
      run('grant update (a) on t_grant to group ddlaudit_gg'),
      run('grant all on t_grant to role ddlaudit_gr'),
      run('grant usage, create on schema public to ddlaudit_gu'),
      run('grant temp on database {db} to ddlaudit_gu'),
      run('grant select on all tables in schema public to group ddlaudit_gg'),
      run('grant execute on all functions in schema public to ddlaudit_gu'),
      run(
        'alter default privileges in schema public grant execute on procedures to ddlaudit_gu',
      ),
      run(
        'alter default privileges in schema public revoke execute on procedures from ddlaudit_gu',
      ),
      rows(
        "select has_table_privilege('ddlaudit_gu', 't_grant', 'select') as s, has_column_privilege('ddlaudit_gg', 't_grant', 'a', 'update') as u",
        [{ s: true, u: true }],
      ),
      run('revoke all on t_grant from group ddlaudit_gg'),
      run(
        'revoke select on all tables in schema public from group ddlaudit_gg',
      ),
      run('revoke all on t_grant from role ddlaudit_gr'),
      run('revoke all on t_grant from ddlaudit_gu'),
      run('revoke all on schema public from ddlaudit_gu'),
      run('revoke all on database {db} from ddlaudit_gu'),
      run('revoke execute on all functions in schema public from ddlaudit_gu'),
      run('drop table t_grant'),
      run('drop user ddlaudit_gu'),
      run('drop group ddlaudit_gg'),
      run('drop role ddlaudit_gr force'),
    ],
  },
  {
    title:
      'GRANT refusals: WITH GRANT OPTION to a group or PUBLIC, GRANTED BY, TRIGGER',
    doc: GRANT,
    steps: [
      run('create group ddlaudit_gg2'),
      run('create table t_grant2 (a int)'),
      fails(
        'grant select on t_grant2 to group ddlaudit_gg2 with grant option',
        '0LP01',
        'a group',
      ),
      fails(
        'grant select on t_grant2 to public with grant option',
        '0LP01',
        'PUBLIC',
      ),
      fails(
        'grant select on t_grant2 to ddlaudit_gg2 granted by current_user',
        '42601',
        'GRANTED',
      ),
      fails('grant trigger on t_grant2 to public', '42601', 'TRIGGER'),
      fails(
        'alter default privileges grant usage on types to public',
        '42601',
        'TYPES',
      ),
      run('drop table t_grant2'),
      run('drop group ddlaudit_gg2'),
    ],
  },
  {
    title:
      'ALTER, DROP on a schema, system permissions and ASSUMEROLE are emulator limits',
    doc: GRANT,
    steps: [
      run('create table t_grant3 (a int)'),
      fails('grant drop on schema public to public', '0A000', LIMIT),
      fails('grant select, alter on table t_grant3 to public', '0A000', LIMIT),
      fails('grant alter on schema public to public', '0A000', LIMIT),
      fails('grant create user to role ddlaudit_none', '0A000', LIMIT),
      fails('revoke create table from role ddlaudit_none', '0A000', LIMIT),
      fails(
        "grant assumerole on 'arn:aws:iam::123456789012:role/R' to public for copy",
        '0A000',
        LIMIT,
      ),
    ],
  },
  // SHOW (row-level security runs: local-fidelity-rls.test.ts; masking:
  // local-fidelity-masking.test.ts).
  {
    // SHOW TABLE / VIEW / PROCEDURE run: local-fidelity-mv-show-audit.test.ts.
    // SHOW DATABASES runs: local-fidelity-show-commands.test.ts; SHOW GRANTS
    // (but ON TEMPLATE): local-fidelity-show-grants.test.ts.
    title:
      'SHOW DATABASES FROM DATA CATALOG and SHOW GRANTS ON TEMPLATE are emulator limits',
    doc: `${DG}r_SHOW_DATABASES.html`,
    steps: [
      fails('show databases from data catalog', '0A000', LIMIT),
      fails('show grants on template t_show', '0A000', LIMIT),
    ],
  },
  // Functions and procedures.
  {
    title: 'a SQL UDF is one SELECT over $1, $2 ... (example runs)',
    doc: CREATE_FUNCTION,
    steps: [
      run(
        'create function f_sql_greater (float, float) returns float stable as $$ select case when $1 > $2 then $1 else $2 end $$ language sql',
      ),
      rows('select f_sql_greater(1.5, 2.5)::text as g', [{ g: '2.5' }]),
      fails(
        'create function f_from (int) returns int immutable as $$ select a from t_none where a = $1 $$ language sql',
        '42601',
        'FROM',
      ),
      fails(
        'create function f_named (x int) returns int immutable as $$ select x $$ language sql',
        '42601',
        'named arguments',
      ),
      fails(
        'create function f_two (int) returns int immutable as $$ select 1; select 2 $$ language sql',
        '42601',
        'single SELECT',
      ),
    ],
  },
  {
    title: 'CALL passes the IN and INOUT arguments and returns INOUT and OUT',
    doc: `${DG}r_CREATE_PROCEDURE.html`,
    steps: [
      run(`create or replace procedure test_sp2(f1 in int, f2 inout varchar(256), out_var out varchar(256))
        as $$
        declare
          loop_var int;
        begin
          if f1 is null or f2 is null then
            raise exception 'input cannot be null';
          end if;
          drop table if exists my_etl;
          create temp table my_etl(a int, b varchar);
          for loop_var in 1..f1 loop
            insert into my_etl values (loop_var, f2);
            f2 := f2 || '+' || f2;
          end loop;
          select into out_var count(*) from my_etl;
        end;
        $$ language plpgsql`),
      rows("call test_sp2(2, '2019')", [
        { f2: '2019+2019+2019+2019', column2: '2' },
      ]),
      fails(
        'create procedure sp_out_first (a out int, b int) as $$ begin a := b; end $$ language plpgsql',
        '0A000',
        LIMIT,
      ),
    ],
  },
  {
    title: 'ALTER FUNCTION takes RENAME TO and OWNER TO only',
    doc: `${DG}r_ALTER_FUNCTION.html`,
    steps: [
      run(
        'create function f_alter (int) returns int immutable as $$ select $1 + 1 $$ language sql',
      ),
      run('alter function f_alter(int) rename to f_altered'),
      run('alter function f_altered(int) owner to current_user'),
      fails('alter function f_altered(int) stable', '42601', 'STABLE'),
      rows('select f_altered(1) as v', [{ v: 2 }]),
    ],
  },
]

describeFidelityCases(
  'local emulator: DDL and access-control commands (Developer Guide audit)',
  'local_cmd_ddl_audit',
  CASES,
)
