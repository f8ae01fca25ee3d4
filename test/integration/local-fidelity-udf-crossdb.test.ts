import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// The Developer Guide's "Creating user-defined functions" chapter (SQL UDFs,
// naming, Lambda UDFs and their privileges, Python UDF libraries), querying
// data across databases, the time zone appendix and the sample database
// (TICKIT), page by page. Where Redshift's own error text is not documented,
// the cases check the SQLSTATE and the words the emulator names. Users and
// databases are the cluster's, so their names carry this file's prefix.

const page = (name: string) => `${DG}${name}`
const EXTERNAL_FUNCTION = page('r_CREATE_EXTERNAL_FUNCTION.html')
const LAMBDA_UDF = page('udf-creating-a-lambda-sql-udf.html')
const CROSS_DATABASE = page('cross-database_example.html')
const TIME_ZONE_NAMES = page('time-zone-names.html')
const CONVERT_TIMEZONE = page('CONVERT_TIMEZONE.html')
const LIMIT = 'an emulator limit'
const ROLE = "IAM_ROLE 'arn:aws:iam::123456789012:role/Redshift-Exfunc-Test'"

/** TICKIT's seven tables as the Getting Started guide's CREATE TABLE statements print them. */
const TICKIT = [
  `create table users(
	userid integer not null distkey sortkey,
	username char(8),
	firstname varchar(30),
	lastname varchar(30),
	city varchar(30),
	state char(2),
	email varchar(100),
	phone char(14),
	likesports boolean,
	liketheatre boolean,
	likeconcerts boolean,
	likejazz boolean,
	likeclassical boolean,
	likeopera boolean,
	likerock boolean,
	likevegas boolean,
	likebroadway boolean,
	likemusicals boolean);`,
  `create table venue(
	venueid smallint not null distkey sortkey,
	venuename varchar(100),
	venuecity varchar(30),
	venuestate char(2),
	venueseats integer);`,
  `create table category(
	catid smallint not null distkey sortkey,
	catgroup varchar(10),
	catname varchar(10),
	catdesc varchar(50));`,
  `create table date(
	dateid smallint not null distkey sortkey,
	caldate date not null,
	day character(3) not null,
	week smallint not null,
	month character(5) not null,
	qtr character(5) not null,
	year smallint not null,
	holiday boolean default('N'));`,
  `create table event(
	eventid integer not null distkey,
	venueid smallint not null,
	catid smallint not null,
	dateid smallint not null sortkey,
	eventname varchar(200),
	starttime timestamp);`,
  `create table listing(
	listid integer not null distkey,
	sellerid integer not null,
	eventid integer not null,
	dateid smallint not null  sortkey,
	numtickets smallint not null,
	priceperticket decimal(8,2),
	totalprice decimal(8,2),
	listtime timestamp);`,
  `create table sales(
	salesid integer not null,
	listid integer not null distkey,
	sellerid integer not null,
	buyerid integer not null,
	eventid integer not null,
	dateid smallint not null sortkey,
	qtysold smallint not null,
	pricepaid decimal(8,2),
	commission decimal(8,2),
	saletime timestamp);`,
]

const CASES: readonly Case[] = [
  // Scalar SQL UDFs and their names.
  {
    title:
      'the scalar SQL UDF example runs over SALES; its body takes no clause',
    doc: page('udf-creating-a-scalar-sql-udf.html'),
    steps: [
      run(
        'create table udf_sales (salesid integer not null, pricepaid decimal(8,2), commission decimal(8,2))',
      ),
      run(
        'insert into udf_sales values (1, 728.00, 109.20), (2, 76.00, 11.40)',
      ),
      run(`create function f_sql_greater (float, float)
  returns float
stable
as $$
  select case when $1 > $2 then $1
    else $2
  end
$$ language sql;`),
      rows(
        'select f_sql_greater(commission, pricepaid*0.20) as g from udf_sales order by 1',
        [{ g: 15.2 }, { g: 145.6 }],
      ),
      fails(
        'create function f_udf_into (int) returns int immutable as $$ select $1 into t_x $$ language sql',
        '42601',
        'cannot have an INTO clause',
      ),
      // The synopsis's { VOLATILE | STABLE | IMMUTABLE } has no default.
      fails(
        'create function f_udf_novol (int) returns int as $$ select $1 $$ language sql',
        '42P13',
        'create function must specify volatility attribute (IMMUTABLE|STABLE|VOLATILE)',
      ),
      run(
        'create function f_udf_vol (int) returns int volatile as $$ select $1 $$ language sql',
      ),
      fails(
        'create function f_udf_where (int) returns int immutable as $$ select $1 where $1 > 0 $$ language sql',
        '42601',
        'WHERE',
      ),
    ],
  },
  {
    title:
      "CREATE FUNCTION's usage notes: nested UDFs untracked, 32 arguments, OR REPLACE keeps the types",
    doc: page('r_CREATE_FUNCTION.html'),
    steps: [
      run(
        'create function f_sql_greater2 (float, float) returns float stable as $$ select case when $1 > $2 then $1 else $2 end $$ language sql',
      ),
      run(`create function f_sql_commission (float, float )
  returns float
stable
as $$
  select f_sql_greater2 ($1, $2)
$$ language sql;`),
      rows('select f_sql_commission(1, 2) as c', [{ c: 2 }]),
      // "The nested function must exist when you run the CREATE FUNCTION command."
      fails(
        'create function f_udf_nested_missing (int) returns int stable as $$ select f_udf_nope($1) $$ language sql',
        '42883',
        'f_udf_nope',
      ),
      // No dependency is tracked: the drop works, the outer UDF then fails.
      run('drop function f_sql_greater2(float, float)'),
      fails('select f_sql_commission(1, 2)', '42883', 'f_sql_greater2'),
      run(
        `create function f_udf_32 (${Array(32).fill('int').join(', ')}) returns int immutable as $$ select $32 $$ language sql`,
      ),
      fails(
        `create function f_udf_33 (${Array(33).fill('int').join(', ')}) returns int immutable as $$ select $1 $$ language sql`,
        '54023',
        '32 arguments',
      ),
      fails(
        `create external function exfunc_33 (${Array(33).fill('int').join(', ')}) returns int volatile lambda 'f' iam_role default`,
        '54023',
        '32 arguments',
      ),
      fails(
        'create or replace function f_sql_commission (float, float) returns int stable as $$ select 1 $$ language sql',
        '42P13',
        'return type',
      ),
      // The grant examples name the arguments, which the signature ignores.
      run(
        'revoke execute on function f_sql_commission(a float, b float) from PUBLIC',
      ),
      run(
        'grant execute on function f_sql_commission(a float, b float) to PUBLIC',
      ),
    ],
  },
  {
    title:
      'overloaded UDF names; a built-in of the same signature wins unless pg_catalog comes last',
    doc: page('udf-naming-udfs.html'),
    steps: [
      run(
        'create function f_udf_over (int) returns int immutable as $$ select 1 $$ language sql',
      ),
      run(
        'create function f_udf_over (int, int) returns int immutable as $$ select 2 $$ language sql',
      ),
      rows('select f_udf_over(5) as one, f_udf_over(5, 6) as two', [
        { one: 1, two: 2 },
      ]),
      run(
        'create function public.abs (float) returns float immutable as $$ select 42::float $$ language sql',
      ),
      rows('select abs(-1::float) as a', [{ a: 1 }]),
      run('set search_path to public, pg_catalog'),
      rows('select abs(-1::float) as a', [{ a: 42 }]),
      run('reset search_path'),
      run('drop function public.abs(float)'),
    ],
  },
  {
    title: "DROP FUNCTION's examples: RESTRICT by default, CASCADE drops views",
    doc: page('r_DROP_FUNCTION.html'),
    steps: [
      run(
        'create function f_sqrt (int) returns float immutable as $$ select sqrt($1) $$ language sql',
      ),
      run('create view udf_v_sqrt as select f_sqrt(4) as r'),
      fails('drop function f_sqrt(int)', '2BP01', 'depend'),
      // "The function's signature ... must be specified."
      fails('drop function f_sqrt', '42601', 'argument types'),
      fails('drop function f_sqrt cascade', '42601', 'argument types'),
      run('drop function f_sqrt(int)cascade'),
      rows(
        "select count(*)::int as n from pg_views where viewname = 'udf_v_sqrt'",
        [{ n: 0 }],
      ),
    ],
  },
  // Lambda UDFs: created, granted and dropped; a call is an emulator limit.
  {
    title:
      'CREATE EXTERNAL FUNCTION runs; calling it is an emulator limit (no Lambda)',
    doc: EXTERNAL_FUNCTION,
    steps: [
      run(`CREATE EXTERNAL FUNCTION exfunc_sum(INT,INT)
RETURNS INT
VOLATILE
LAMBDA 'lambda_sum'
${ROLE};`),
      fails('select exfunc_sum(1,2)', '0A000', LIMIT),
      run('CREATE TABLE t_sum(c1 int, c2 int)'),
      // No row, no call.
      rows('SELECT exfunc_sum(c1,c2) FROM t_sum', []),
      run('INSERT INTO t_sum VALUES (4,5), (6,7)'),
      fails('SELECT exfunc_sum(c1,c2) FROM t_sum', '0A000', "'lambda_sum'"),
      rows(
        "select function_name, function_type, argument_type, result_type from svv_redshift_functions where database_name = current_database() and function_name = 'exfunc_sum'",
        [
          {
            function_name: 'exfunc_sum',
            function_type: 'functions',
            argument_type: 'integer, integer',
            result_type: 'integer',
          },
        ],
      ),
      run(
        `CREATE OR REPLACE EXTERNAL FUNCTION exfunc_upper(varchar) RETURNS varchar VOLATILE LAMBDA 'exfunc_sleep_3' ${ROLE} RETRY_TIMEOUT 0;`,
      ),
      run(
        `CREATE OR REPLACE EXTERNAL FUNCTION exfunc_upper(varchar) RETURNS varchar VOLATILE LAMBDA 'exfunc_sleep_3' ${ROLE} RETRY_TIMEOUT 3000;`,
      ),
      run(
        `CREATE EXTERNAL FUNCTION exfunc_multiplication(int, int, int) RETURNS INT VOLATILE LAMBDA 'lambda_multiplication' ${ROLE};`,
      ),
      run(
        "create external function exfunc_batch(double precision) returns double precision volatile lambda 'f' iam_role default max_batch_rows 10 max_batch_size 5 mb",
      ),
      run(
        "create external function exfunc_sm(varchar(20)) returns numeric(10,2) volatile sagemaker 'endpoint' iam_role default",
      ),
      fails("select exfunc_sm('a')", '0A000', 'Amazon SageMaker'),
      // The Lambda name is a literal of its own: quotes, $$ and backslashes stay text.
      run(
        String.raw`create external function exfunc_quoted(int) returns int volatile lambda 'it''s $$ a\\b' iam_role default`,
      ),
      fails('select exfunc_quoted(1)', '0A000', String.raw`'it's $$ a\b'`),
      run('drop function exfunc_sum(int, int)'),
      fails('select exfunc_sum(1,2)', '42883', 'exfunc_sum'),
    ],
  },
  {
    title: "CREATE EXTERNAL FUNCTION's synopsis: VOLATILE, IAM_ROLE and ranges",
    doc: EXTERNAL_FUNCTION,
    steps: [
      fails(
        "create external function exfunc_bad(int) returns int stable lambda 'f' iam_role default",
        '0A000',
        'STABLE',
      ),
      fails(
        "create external function exfunc_bad(int) returns int immutable lambda 'f' iam_role default",
        '0A000',
        'IMMUTABLE',
      ),
      fails(
        "create external function exfunc_bad(int) returns int lambda 'f' iam_role default",
        '42601',
        'lambda',
      ),
      fails(
        "create external function exfunc_bad(int) returns int volatile lambda 'f'",
        '42601',
        'end of input',
      ),
      fails(
        "create external function exfunc_bad(int) returns int volatile lambda 'f' iam_role default max_batch_rows 0",
        '22023',
        'MAX_BATCH_ROWS',
      ),
      fails(
        "create external function exfunc_bad(int) returns int volatile lambda 'f' iam_role default max_batch_size 6 mb",
        '22023',
        'MAX_BATCH_SIZE',
      ),
      fails(
        "create external function exfunc_bad(int) returns int volatile lambda 'f' iam_role default max_batch_size 0",
        '22023',
        'MAX_BATCH_SIZE',
      ),
      fails(
        "create external function exfunc_bad(int) returns int volatile sagemaker 'e' iam_role default retry_timeout 0",
        '42601',
        'retry_timeout',
      ),
      // A Lambda UDF is not written as a CREATE FUNCTION of its own.
      fails(
        'create function f_udf_exfunc (int) returns int volatile language exfunc as $$ begin return 1; end $$',
        '0A000',
        'language "exfunc"',
      ),
    ],
  },
  {
    title:
      'USAGE ON LANGUAGE exfunc and EXECUTE on a Lambda UDF (examples); only a superuser creates one',
    doc: LAMBDA_UDF,
    steps: [
      run(
        `create external function exfunc_priv(int, int) returns int volatile lambda 'lambda_sum' ${ROLE}`,
      ),
      run('create group udfx_lambda_udf_devs'),
      run("create user udfx_dev password 'Redshift01'"),
      run('alter group udfx_lambda_udf_devs add user udfx_dev'),
      run('grant usage on language exfunc to PUBLIC'),
      run('revoke usage on language exfunc from PUBLIC'),
      run('grant usage on language exfunc to group udfx_lambda_udf_devs'),
      rows(
        "select language_name, privilege_type, identity_name, identity_type from svv_language_privileges where language_name = 'exfunc'",
        [
          {
            language_name: 'exfunc',
            privilege_type: 'USAGE',
            identity_name: 'udfx_lambda_udf_devs',
            identity_type: 'group',
          },
        ],
      ),
      rows(
        "select has_function_privilege('udfx_dev', 'exfunc_priv(int, int)', 'execute') as x",
        [{ x: true }],
      ),
      run('revoke execute on function exfunc_priv(int, int) from PUBLIC'),
      rows(
        "select has_function_privilege('udfx_dev', 'exfunc_priv(int, int)', 'execute') as x",
        [{ x: false }],
      ),
      run(
        'grant execute on function exfunc_priv(int, int) to group udfx_lambda_udf_devs',
      ),
      rows(
        "select has_function_privilege('udfx_dev', 'exfunc_priv(int, int)', 'execute') as x",
        [{ x: true }],
      ),
      run('set session authorization udfx_dev'),
      fails(
        "create external function exfunc_dev(int) returns int volatile lambda 'f' iam_role default",
        '42501',
        'superuser',
      ),
      run('reset session authorization'),
      run('drop function exfunc_priv(int, int)'),
      run('revoke usage on language exfunc from group udfx_lambda_udf_devs'),
      run('alter group udfx_lambda_udf_devs drop user udfx_dev'),
      run('drop user udfx_dev'),
      run('drop group udfx_lambda_udf_devs'),
    ],
  },
  {
    title:
      'CREATE LIBRARY and DROP LIBRARY (Python UDF libraries) are emulator limits',
    doc: page('r_CREATE_LIBRARY.html'),
    steps: [
      fails(
        "create library f_urlparse language plpythonu from 's3://mybucket/urlparse3-1.0.3.zip' iam_role 'arn:aws:iam::123456789012:role/MyRedshiftRole'",
        '0A000',
        LIMIT,
      ),
      fails(
        "create or replace library f_urlparse language plpythonu from 'https://example.com/urlparse3-1.0.3.zip'",
        '0A000',
        LIMIT,
      ),
      fails('drop library f_urlparse', '0A000', LIMIT),
    ],
  },
  // Querying data across databases.
  {
    title:
      'three-part names of the connected database run, in FROM, columns and writes',
    doc: page('cross-database-overview.html'),
    steps: [
      run('create table xdb_table1 (c1 int, c2 int, c3 int)'),
      run('insert into {db}.public.xdb_table1 values (1,2,3),(4,5,6)'),
      run('update {db}.public.xdb_table1 set c3 = 9 where c1 = 4'),
      run('create table xdb_local (a int, b int, c int)'),
      run('insert into xdb_local values (1,2,3), (4,5,6)'),
      rows(
        'SELECT a AS col_1, ({db}.public.xdb_table1.c2 + b) AS sum_col2, ({db}.public.xdb_table1.c3 + c) AS sum_col3 FROM {db}.public.xdb_table1, xdb_local WHERE {db}.public.xdb_table1.c1 = a ORDER BY 1',
        [
          { col_1: 1, sum_col2: 4, sum_col3: 6 },
          { col_1: 4, sum_col2: 10, sum_col3: 15 },
        ],
      ),
    ],
  },
  {
    title:
      'another database of the emulator by three-part name or through an external schema is read only',
    doc: CROSS_DATABASE,
    steps: [
      run('create database {db}_xdb2'),
      fails(
        'SELECT * from {db}_xdb2.public.table1 ORDER BY c1',
        '42P01',
        '_xdb2.public.table1" does not exist',
      ),
      fails(
        'select x.c1 from {db}_xdb2.public.table1 x join xdb_local on x.c1 = a',
        '42P01',
        '_xdb2.public.table1',
      ),
      fails(
        'insert into {db}_xdb2.public.table1 values (1)',
        '0A000',
        'can only be read',
      ),
      fails('create table {db}_xdb2.public.t (a int)', '0A000', LIMIT),
      run(
        "CREATE EXTERNAL SCHEMA db1_public_sch FROM REDSHIFT DATABASE '{db}_xdb2' SCHEMA 'public'",
      ),
      fails(
        'SELECT * FROM db1_public_sch.table1 ORDER BY c1',
        '42P01',
        'table1',
      ),
      run('drop schema db1_public_sch'),
      rows(
        "select database_name, database_type from svv_redshift_databases where database_name in ('{db}', '{db}_xdb2') order by 1",
        [
          { database_name: '{db}', database_type: 'local' },
          { database_name: '{db}_xdb2', database_type: 'local' },
        ],
      ),
      run('drop database {db}_xdb2'),
    ],
  },
  // The time zone appendix.
  {
    title:
      'pg_timezone_names() and pg_timezone_abbrevs() list the zones and abbreviations',
    doc: TIME_ZONE_NAMES,
    steps: [
      rows(
        "select count(*)::int as n from (select pg_timezone_names() as z) s where (s.z).name = 'Africa/Abidjan'",
        [{ n: 1 }],
      ),
      rows(
        "select count(*)::int as n from (select pg_timezone_abbrevs() as z) s where (s.z).abbrev = 'PST'",
        [{ n: 1 }],
      ),
    ],
  },
  {
    title:
      'CONVERT_TIMEZONE and SET timezone take the listed names the tz database renamed',
    doc: TIME_ZONE_NAMES,
    steps: [
      rows(
        "select convert_timezone('US/Pacific-New', '2008-07-01 00:00:00')::text as a, convert_timezone('Canada/East-Saskatchewan', '2008-07-01 00:00:00')::text as b, convert_timezone('US/Pacific-New', 'UTC', '2008-01-01 00:00:00')::text as c",
        [
          {
            a: '2008-06-30 17:00:00',
            b: '2008-06-30 18:00:00',
            c: '2008-01-01 08:00:00',
          },
        ],
      ),
      run("set timezone to 'US/Pacific-New'"),
      rows('show timezone', [{ timezone: 'US/Pacific-New' }]),
      rows("select '2008-07-01 00:00:00+00'::timestamptz::text as t", [
        { t: '2008-06-30 17:00:00-07' },
      ]),
      run("set timezone to 'Europe/London'"),
      rows("select '2008-07-01 00:00:00+00'::timestamptz::text as t", [
        { t: '2008-07-01 01:00:00+01' },
      ]),
      // Riyadh's solar time, which PostgreSQL would read as 87 hours west.
      fails(
        "select convert_timezone('Asia/Riyadh87', '2008-01-01 00:00:00')",
        '0A000',
        LIMIT,
      ),
      fails("set timezone to 'Mideast/Riyadh88'", '0A000', LIMIT),
    ],
  },
  {
    title:
      "CONVERT_TIMEZONE's names, abbreviations and POSIX offsets (examples)",
    doc: CONVERT_TIMEZONE,
    steps: [
      rows(
        "select convert_timezone('America/New_York', '2013-06-01 08:00:00')::text as t",
        [{ t: '2013-06-01 04:00:00' }],
      ),
      rows(
        "SELECT CONVERT_TIMEZONE('GMT','NEWZONE +2','2014-05-17 12:00:00')::text as newzone_plus_2, CONVERT_TIMEZONE('GMT','NEWZONE-2:15','2014-05-17 12:00:00')::text as newzone_minus_2_15, CONVERT_TIMEZONE('GMT','America/Los_Angeles+2','2014-05-17 12:00:00')::text as la_plus_2, CONVERT_TIMEZONE('GMT','GMT+2','2014-05-17 12:00:00')::text as gmt_plus_2",
        [
          {
            newzone_plus_2: '2014-05-17 10:00:00',
            newzone_minus_2_15: '2014-05-17 14:15:00',
            la_plus_2: '2014-05-17 10:00:00',
            gmt_plus_2: '2014-05-17 10:00:00',
          },
        ],
      ),
      // time-zone-abbrevs.html lists PHOT (UTC+13), which PostgreSQL's Default set lacks.
      rows(
        "select convert_timezone('PHOT', '2008-01-01 00:00:00')::text as phot, convert_timezone('PHOT', 'PST', '2008-01-01 13:00:00')::text as pst",
        [{ phot: '2008-01-01 13:00:00', pst: '2007-12-31 16:00:00' }],
      ),
      rows(
        "select convert_timezone('PRC', '2008-01-01 00:00:00')::text as prc, convert_timezone('GB', 'ROK', '2008-01-01 00:00:00')::text as rok",
        [{ prc: '2008-01-01 08:00:00', rok: '2008-01-01 09:00:00' }],
      ),
    ],
  },
  // The sample database.
  {
    title:
      "TICKIT's CREATE TABLE statements run as printed; the sample query runs",
    doc: page('c_sampledb.html'),
    steps: [
      run('create schema tickit_s'),
      run('set search_path to tickit_s'),
      ...TICKIT.map((sql) => run(sql)),
      rows(
        "select \"column\", distkey, sortkey from pg_table_def where schemaname = 'tickit_s' and tablename = 'sales' and (distkey or sortkey <> 0) order by 1",
        [
          { column: 'dateid', distkey: false, sortkey: 1 },
          { column: 'listid', distkey: true, sortkey: 0 },
        ],
      ),
      run(
        "insert into date (dateid, caldate, day, week, month, qtr, year) values (1827, '2008-01-01', 'TU', 1, 'JAN', '1', 2008)",
      ),
      rows('select holiday from date', [{ holiday: false }]),
      run(
        "insert into users (userid, username, firstname, lastname, city) values (49977, 'JJK84WTE', 'Julie', 'Hanson', 'San Diego'), (19750, 'AAS23BDR', 'Charity', 'Zimmerman', 'San Diego'), (3, 'XXX00XXX', 'Ann', 'Other', 'Boston')",
      ),
      run(
        "insert into sales values (1, 1, 49977, 2, 3, 1827, 22, 100, 15, '2008-01-01 10:00'), (2, 2, 19750, 2, 3, 1827, 21, 100, 15, '2008-01-01 11:00'), (3, 3, 3, 2, 3, 1827, 40, 100, 15, '2008-01-01 12:00')",
      ),
      rows(
        `select sellerid, username, (firstname ||' '|| lastname) as name,
city, sum(qtysold)
from sales, date, users
where sales.sellerid = users.userid
and sales.dateid = date.dateid
and year = 2008
and city = 'San Diego'
group by sellerid, username, name, city
order by 5 desc
limit 5;`,
        [
          {
            sellerid: 49977,
            username: 'JJK84WTE',
            name: 'Julie Hanson',
            city: 'San Diego',
            sum: '22',
          },
          {
            sellerid: 19750,
            username: 'AAS23BDR',
            name: 'Charity Zimmerman',
            city: 'San Diego',
            sum: '21',
          },
        ],
      ),
      run('reset search_path'),
    ],
  },
]

describeFidelityCases(
  'local emulator: UDFs, cross-database queries, time zones and TICKIT (Developer Guide)',
  'local_fidelity_udf_crossdb',
  CASES,
)
