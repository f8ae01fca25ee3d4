import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// What the catalog answers to the metadata queries clients and tools run
// (column lists of tables and views), page by page.

const CREATE_VIEW = `${DG}r_CREATE_VIEW.html#r_CREATE_VIEW_late-binding-views`
const LATE_BINDING_COLS = `${DG}PG_GET_LATE_BINDING_VIEW_COLS.html`

const CASES: readonly Case[] = [
  // A late-binding view's columns are known when it is read, so
  // information_schema.columns has none of them; SVV_COLUMNS ("including
  // late-binding views", r_SVV_COLUMNS.html) and
  // PG_GET_LATE_BINDING_VIEW_COLS list them. Tools that read both (a union
  // of the two) see each column once.
  {
    title:
      'late-binding views: no columns in information_schema.columns, listed by SVV_COLUMNS and PG_GET_LATE_BINDING_VIEW_COLS',
    doc: CREATE_VIEW,
    steps: [
      run('create table public.cm_t (a int, b varchar(20))'),
      run(
        'create view public.cm_lbv as select * from public.cm_t with no schema binding',
      ),
      run('create view public.cm_v as select * from public.cm_t'),
      rows(
        `select table_name, column_name from information_schema.columns
         where table_name like 'cm%' order by 1, 2`,
        [
          { table_name: 'cm_t', column_name: 'a' },
          { table_name: 'cm_t', column_name: 'b' },
          { table_name: 'cm_v', column_name: 'a' },
          { table_name: 'cm_v', column_name: 'b' },
        ],
      ),
      rows(
        `select table_name, column_name from svv_columns
         where table_name = 'cm_lbv' order by ordinal_position`,
        [
          { table_name: 'cm_lbv', column_name: 'a' },
          { table_name: 'cm_lbv', column_name: 'b' },
        ],
      ),
      rows(
        `with bound as (
           select ordinal_position, table_schema, column_name, data_type
           from information_schema."columns" where table_name = 'cm_lbv'),
         unbound as (
           select ordinal_position, view_schema, col_name, col_type
           from pg_get_late_binding_view_cols()
             cols(view_schema name, view_name name, col_name name, col_type varchar, ordinal_position int)
           where view_name = 'cm_lbv')
         select column_name, data_type from (select * from bound union all select * from unbound) u
         order by ordinal_position`,
        [
          { column_name: 'a', data_type: 'integer' },
          { column_name: 'b', data_type: 'character varying(20)' },
        ],
      ),
    ],
  },
  // Quoted catalog names read the same views (dbt writes
  // information_schema."columns"): none of the emulator's own relations.
  {
    title:
      'a quoted information_schema or pg_catalog view name reads the same rows',
    doc: `${DG}c_intro_catalog_views.html`,
    steps: [
      rows(
        `select count(*)::int as n from information_schema."tables"
         where table_schema::text like 'redshift%'`,
        [{ n: 0 }],
      ),
      rows(
        `select count(*)::int as n from "information_schema"."columns"
         where table_schema::text like 'redshift%'`,
        [{ n: 0 }],
      ),
      rows(
        `select count(*)::int as n from pg_catalog."pg_namespace"
         where nspname like 'redshift%'`,
        [{ n: 0 }],
      ),
    ],
  },
  // The external catalog's views and the SVV views that join it with the
  // PG_* tables are leader-node views: column reflection reads them in one
  // UNION with pg_catalog and FORMAT_TYPE (a leader-node-only function).
  // System tables the compute nodes hold still refuse it
  // (c_sql-functions-leader-node.html's example).
  {
    title:
      'FORMAT_TYPE over pg_catalog UNION SVV_EXTERNAL_COLUMNS and late-binding view columns runs; over SVV_TABLE_INFO it does not',
    doc: `${DG}c_sql-functions-leader-node.html`,
    steps: [
      run('create table public.cm3_t (a int, b varchar(7))'),
      rows(
        `select c.relname as table_name, a.attname as name,
           pg_catalog.format_type(a.atttypid, a.atttypmod) as type, a.attnum::int as num
         from pg_catalog.pg_class c
         join pg_catalog.pg_namespace n on n.oid = c.relnamespace
         join pg_catalog.pg_attribute a on a.attrelid = c.oid
         where n.nspname = 'public' and c.relname = 'cm3_t' and a.attnum > 0 and not a.attisdropped
         union
         select tablename, columnname, external_type, columnnum
         from svv_external_columns where tablename = 'cm3_t'
         union
         select view_name, col_name, col_type, col_num
         from pg_get_late_binding_view_cols()
           cols(view_schema name, view_name name, col_name name, col_type varchar, col_num int)
         where view_name = 'cm3_t'
         order by num`,
        [
          { table_name: 'cm3_t', name: 'a', type: 'integer', num: 1 },
          {
            table_name: 'cm3_t',
            name: 'b',
            type: 'character varying(7)',
            num: 2,
          },
        ],
      ),
      rows(
        `select format_type(23, -1) as t, count(*)::int as n from svv_columns
         where table_name = 'cm3_t'`,
        [{ t: 'integer', n: 2 }],
      ),
      fails(
        `select format_type(23, -1) from svv_table_info`,
        '0A000',
        'not supported on Amazon Redshift tables',
      ),
      fails(
        'select current_schema(), query from stl_query limit 1',
        '0A000',
        'not supported on Amazon Redshift tables',
      ),
    ],
  },
  {
    title: 'PG_GET_LATE_BINDING_VIEW_COLS lists a late-binding view only',
    doc: LATE_BINDING_COLS,
    steps: [
      run('create table public.cm2_t (a int)'),
      run(
        'create view public.cm2_lbv as select a from public.cm2_t with no schema binding',
      ),
      run('create view public.cm2_v as select a from public.cm2_t'),
      rows(
        `select view_name, col_name from pg_get_late_binding_view_cols()
           cols(view_schema name, view_name name, col_name name, col_type varchar, col_num int)
         where view_name like 'cm2%'`,
        [{ view_name: 'cm2_lbv', col_name: 'a' }],
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: catalog answers to client metadata queries',
  'local_fid_client_meta',
  CASES,
)
