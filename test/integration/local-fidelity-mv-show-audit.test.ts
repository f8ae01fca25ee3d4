import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// The Developer Guide's materialized-view chapter and its SHOW commands,
// page by page: system views with their documented columns, the queries a
// materialized view may not have, and the DDL text SHOW TABLE / VIEW /
// PROCEDURE return. Redshift's wording for the refusals is not documented:
// the cases check the SQLSTATE and the words the emulator names.

const MV_CREATE = `${DG}materialized-view-create-sql-command.html`
const MV_DROP = `${DG}materialized-view-drop-sql-command.html`
const STV_MV_INFO = `${DG}r_STV_MV_INFO.html`
const STV_MV_DEPS = `${DG}r_STV_MV_DEPS.html`
const SVV_MV_DEPENDENCY = `${DG}r_SVV_MV_DEPENDENCY.html`
const ALTER_MV = `${DG}r_ALTER_MATERIALIZED_VIEW.html`
const SHOW_TABLE = `${DG}r_SHOW_TABLE.html`
const SHOW_VIEW = `${DG}r_SHOW_VIEW.html`
const SHOW_PROCEDURE = `${DG}r_SHOW_PROCEDURE.html`
const SHOW_FUNCTIONS = `${DG}r_SHOW_FUNCTIONS.html`
const LIMIT = 'in the local emulator is not supported'

const CASES: readonly Case[] = [
  {
    title: 'STV_MV_DEPS and SVV_MV_DEPENDENCY: mv_over_foo reads mv_foo',
    doc: STV_MV_DEPS,
    steps: [
      run('create schema test_ivm_setup'),
      run('create table test_ivm_setup.foo(a int)'),
      run(
        'create materialized view test_ivm_setup.mv_foo as select * from test_ivm_setup.foo',
      ),
      run(
        'create materialized view test_ivm_setup.mv_over_foo as select * from test_ivm_setup.mv_foo',
      ),
      rows(
        "select trim(db_name) as db, trim(schema) as s, trim(name) as n, trim(ref_schema) as rs, trim(ref_name) as rn, trim(ref_database_name) as rd from stv_mv_deps where schema = 'test_ivm_setup'",
        [
          {
            db: '{db}',
            s: 'test_ivm_setup',
            n: 'mv_over_foo',
            rs: 'test_ivm_setup',
            rn: 'mv_foo',
            rd: '{db}',
          },
        ],
      ),
    ],
  },
  {
    title: 'SVV_MV_DEPENDENCY has the documented columns',
    doc: SVV_MV_DEPENDENCY,
    steps: [
      run('create table t_dep (a int)'),
      run('create materialized view mv_dep1 as select a from t_dep'),
      run('create materialized view mv_dep2 as select a from mv_dep1'),
      rows(
        "select trim(database_name) as d, trim(schema_name) as s, trim(name) as n, trim(dependent_database_name) as dd, trim(dependent_schema_name) as ds, trim(dependent_name) as dn from svv_mv_dependency where name = 'mv_dep2'",
        [
          {
            d: '{db}',
            s: 'public',
            n: 'mv_dep2',
            dd: '{db}',
            ds: 'public',
            dn: 'mv_dep1',
          },
        ],
      ),
    ],
  },
  {
    title: 'STV_MV_INFO: one row per materialized view, documented columns',
    doc: STV_MV_INFO,
    steps: [
      run('create table t_info (a int)'),
      run(
        'create materialized view mv_info auto refresh yes as select a, count(*) as n from t_info group by a',
      ),
      rows(
        "select trim(db_name) as db, trim(schema) as s, trim(name) as n, updated_upto_xid, is_stale, trim(owner_user_name) = current_user as mine, state, autorewrite, autorefresh from stv_mv_info where name = 'mv_info'",
        [
          {
            db: '{db}',
            s: 'public',
            n: 'mv_info',
            updated_upto_xid: null,
            is_stale: 'f',
            mine: true,
            // COUNT and GROUP BY: refreshed incrementally.
            state: 1,
            autorewrite: 'f',
            autorefresh: 't',
          },
        ],
      ),
    ],
  },
  {
    title: 'a materialized view may not read a standard or system view',
    doc: MV_CREATE,
    steps: [
      run('create table t_lim (a int, d date)'),
      run('create view v_lim as select a from t_lim'),
      fails(
        'create materialized view mv_lim1 as select a from v_lim',
        '0A000',
        'standard or late-binding view "v_lim"',
      ),
      fails(
        'create materialized view mv_lim2 as select relname from pg_class',
        '0A000',
        'system table or view "pg_class"',
      ),
      fails(
        'create materialized view mv_lim3 as select * from stv_mv_info',
        '0A000',
        'system table or view',
      ),
      rows(
        "select count(*)::int as n from pg_class where relname like 'mv_lim%'",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title:
      'a materialized view may not call a UDF or leader node-only function',
    doc: MV_CREATE,
    steps: [
      run('create table t_udf (a int)'),
      run(
        'create function f_udf(int) returns int stable as $$ select $1 $$ language sql',
      ),
      fails(
        'create materialized view mv_udf as select f_udf(a) from t_udf',
        '0A000',
        'user-defined function "f_udf"',
      ),
      fails(
        "create materialized view mv_lno as select a, has_table_privilege('t_udf', 'select') from t_udf",
        '0A000',
        'not supported on Amazon Redshift tables',
      ),
    ],
  },
  {
    title: 'a materialized view query has no ORDER BY, LIMIT or OFFSET',
    doc: MV_CREATE,
    steps: [
      run('create table t_ord (a int)'),
      fails(
        'create materialized view mv_ord as select a from t_ord order by a',
        '0A000',
        'ORDER BY',
      ),
      fails(
        'create materialized view mv_lim as select a from t_ord limit 1',
        '0A000',
        'LIMIT',
      ),
      fails(
        'create materialized view mv_off as select a from t_ord offset 1',
        '0A000',
        'OFFSET',
      ),
      run(
        'create materialized view mv_ord_sub as select a from (select a from t_ord) s',
      ),
    ],
  },
  {
    title: 'AUTO REFRESH YES is refused with a mutable function',
    doc: MV_CREATE,
    steps: [
      run('create table t_mut (a int)'),
      fails(
        'create materialized view mv_mut auto refresh yes as select a, getdate() as g from t_mut',
        '0A000',
        'mutable function',
      ),
      fails(
        'create materialized view mv_mut2 auto refresh yes as select a, current_date as d from t_mut',
        '0A000',
        'mutable function',
      ),
      run(
        'create materialized view mv_mut3 as select a, getdate() as g from t_mut',
      ),
    ],
  },
  {
    title: 'ALTER MATERIALIZED VIEW ... AUTO REFRESH YES checks the same rule',
    doc: ALTER_MV,
    steps: [
      run('create table t_amut (a int)'),
      run(
        'create materialized view mv_amut as select a, getdate() as g from t_amut',
      ),
      fails(
        'alter materialized view mv_amut auto refresh yes',
        '0A000',
        'mutable function',
      ),
      rows("select autorefresh from stv_mv_info where name = 'mv_amut'", [
        { autorefresh: 'f' },
      ]),
    ],
  },
  {
    title: 'DROP MATERIALIZED VIEW IF EXISTS on a view is an error',
    doc: MV_DROP,
    steps: [
      run('create view v_drop as select 1 as x'),
      fails(
        'drop materialized view if exists v_drop',
        '42809',
        'is not a materialized view',
      ),
      run('drop materialized view if exists mv_never_made'),
    ],
  },
  // SHOW commands.
  {
    title: 'SHOW TABLE: columns, encodings, distkey, constraints, attributes',
    doc: SHOW_TABLE,
    steps: [
      run(
        'create table sales_show (salesid integer not null, listid integer not null distkey, dateid smallint not null, pricepaid decimal(8,2), catname varchar(10), saletime timestamp) diststyle key sortkey(dateid)',
      ),
      rows('show table sales_show', [
        {
          'Show Table DDL statement':
            'CREATE TABLE public.sales_show (\n    salesid integer NOT NULL ENCODE az64,\n    listid integer NOT NULL ENCODE az64 distkey,\n    dateid smallint NOT NULL,\n    pricepaid numeric(8,2) ENCODE az64,\n    catname character varying(10) ENCODE lzo,\n    saletime timestamp without time zone ENCODE az64\n)\nDISTSTYLE KEY SORTKEY ( dateid );',
        },
      ]),
    ],
  },
  {
    title: 'SHOW TABLE of a table with a primary key (DISTSTYLE AUTO)',
    doc: SHOW_TABLE,
    steps: [
      run('create table foo_show(a int PRIMARY KEY, b int)'),
      rows('show table public.foo_show', [
        {
          'Show Table DDL statement':
            'CREATE TABLE public.foo_show (\n    a integer NOT NULL ENCODE az64,\n    b integer ENCODE az64,\n    PRIMARY KEY (a)\n)\nDISTSTYLE AUTO;',
        },
      ]),
      fails('show table no_such_table', '42P01', 'does not exist'),
      run('create view v_show_t as select 1 as x'),
      fails('show table v_show_t', '42809', 'is not a table'),
    ],
  },
  {
    title:
      'SHOW VIEW: the query of a view, a materialized view, a late-binding view',
    doc: SHOW_VIEW,
    steps: [
      run('create table venue_show (venueid int, venuecity varchar(30))'),
      run(
        "create view la_venues_v as select * from venue_show where venuecity='Los Angeles'",
      ),
      rows('show view la_venues_v', [
        {
          'Show View DDL statement':
            "SELECT venueid,\n    venuecity\n   FROM public.venue_show\n  WHERE (venuecity = 'Los Angeles'::character varying);",
        },
      ]),
      run('create materialized view mv_show as select venueid from venue_show'),
      rows('show view mv_show', [
        {
          'Show View DDL statement':
            'create materialized view mv_show as select venueid from venue_show;',
        },
      ]),
      run(
        'create view lbv_show as select venueid from public.venue_show with no schema binding',
      ),
      rows('show view lbv_show', [
        {
          'Show View DDL statement':
            'create view lbv_show as select venueid from public.venue_show with no schema binding;',
        },
      ]),
      fails('show view venue_show', '42809', 'is not a view'),
    ],
  },
  {
    title: 'SHOW PROCEDURE: the definition, by name or by argument types',
    doc: SHOW_PROCEDURE,
    steps: [
      run(
        "create or replace procedure test_sp2(f1 int, inout f2 varchar(256), out varchar(256)) as $$\nbegin\n  f2 := f2 || '+';\nend;\n$$ language plpgsql",
      ),
      ...[
        'show procedure test_sp2',
        'show procedure test_sp2(int, varchar)',
        'show procedure test_sp2(int, varchar, varchar)',
      ].map((sql) =>
        rows(sql, [
          {
            'Stored Procedure Definition':
              "CREATE OR REPLACE PROCEDURE public.test_sp2(f1 integer, INOUT f2 character varying, OUT character varying)\nLANGUAGE plpgsql\nAS $_$\nbegin\n  f2 := f2 || '+';\nend;\n$_$",
          },
        ]),
      ),
      // The emulator runs a rewritten body (handlers, nesting depth); SHOW
      // PROCEDURE gives back the one written.
      run(
        "create procedure sp_handler() as $$\nbegin\n  raise info 'x';\nexception when others then\n  raise info 'caught';\nend;\n$$ language plpgsql",
      ),
      rows('show procedure sp_handler', [
        {
          'Stored Procedure Definition':
            "CREATE OR REPLACE PROCEDURE public.sp_handler()\nLANGUAGE plpgsql\nAS $_$\nbegin\n  raise info 'x';\nexception when others then\n  raise info 'caught';\nend;\n$_$",
        },
      ]),
      fails('show procedure test_sp2(int)', '42883', 'does not exist'),
      fails('show procedure no_such_sp', '42883', 'does not exist'),
    ],
  },
  {
    title: 'SHOW FUNCTIONS FROM SCHEMA: documented columns, LIKE and LIMIT',
    doc: SHOW_FUNCTIONS,
    steps: [
      run('create schema fn_show'),
      run(
        'create function fn_show.f2(int, varchar) returns varchar immutable as $$ select $2 $$ language sql',
      ),
      run(
        'create function fn_show.g1(int) returns int immutable as $$ select $1 $$ language sql',
      ),
      rows("show functions from schema {db}.fn_show like 'f%'", [
        {
          database_name: '{db}',
          schema_name: 'fn_show',
          function_name: 'f2',
          number_of_arguments: 2,
          argument_list: 'integer, character varying',
          return_type: 'character varying',
          remarks: null,
        },
      ]),
      rows('select count(*)::int as n from (select 1) x', [{ n: 1 }]),
      fails('show functions from schema pg_catalog', '0A000', 'emulator limit'),
    ],
  },
  {
    // SHOW DATABASES, COLUMN GRANTS and EXTERNAL TABLE run: local-fidelity-show-commands.test.ts;
    // SHOW GRANTS: local-fidelity-show-grants.test.ts.
    title: 'SHOW GRANTS ON TEMPLATE and SHOW MODEL are emulator limits',
    doc: `${DG}r_SHOW_MODEL.html`,
    steps: [
      fails('show grants on template t', '0A000', LIMIT),
      fails('show model m', '0A000', LIMIT),
    ],
  },
]

describeFidelityCases(
  'local emulator: materialized views and SHOW commands (audit)',
  'local_fidelity_mv_show',
  CASES,
)
