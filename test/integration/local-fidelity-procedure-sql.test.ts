import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// Redshift SQL inside stored procedure bodies: the static statements of a
// body take the form a client's statement takes (DDL attributes, TOP,
// SUPER navigation), and the Redshift attributes of the tables a procedure
// creates are recorded when it runs.

const CREATE_PROCEDURE = `${DG}r_CREATE_PROCEDURE.html`
const OVERVIEW = `${DG}stored-procedure-create.html`
const CREATE_TABLE = `${DG}r_CREATE_TABLE_NEW.html`
const CTAS = `${DG}r_CREATE_TABLE_AS.html`
const TOP = `${DG}r_TOP_clause.html`
const SUPER = `${DG}query-super.html`
const STATEMENTS = `${DG}c_PLpgSQL-statements.html`

const KEYS = `select "column", type, trim(encoding) as encoding, distkey, sortkey
  from pg_table_def where tablename = $t$TABLE$t$ order by "column"`
const keys = (table: string) => KEYS.replace('TABLE', table)
const INFO = `select "table", diststyle, sortkey1 from svv_table_info where "table" = $t$TABLE$t$`
const info = (table: string) => INFO.replace('TABLE', table)

const CASES: readonly Case[] = [
  {
    title:
      'a procedure creates a table with DISTKEY, SORTKEY, ENCODE and IDENTITY; PG_TABLE_DEF shows them after the CALL',
    doc: CREATE_TABLE,
    steps: [
      run(
        `create procedure pb6_make() as $$
         begin
           create table pb6_sales (id int identity(1, 1), region varchar encode zstd, amount int)
             distkey(region) compound sortkey(id);
           insert into pb6_sales (region, amount) values ('east', 10), ('west', 20);
         end $$ language plpgsql`,
      ),
      run('call pb6_make()'),
      rows(keys('pb6_sales'), [
        {
          column: 'amount',
          type: 'integer',
          encoding: 'az64',
          distkey: false,
          sortkey: 0,
        },
        {
          column: 'id',
          type: 'integer',
          encoding: 'none',
          distkey: false,
          sortkey: 1,
        },
        {
          column: 'region',
          type: 'character varying(256)',
          encoding: 'zstd',
          distkey: true,
          sortkey: 0,
        },
      ]),
      rows(info('pb6_sales'), [
        { table: 'pb6_sales', diststyle: 'KEY(region)', sortkey1: 'id' },
      ]),
      rows('select id, region from pb6_sales order by id', [
        { id: 1, region: 'east' },
        { id: 2, region: 'west' },
      ]),
    ],
  },
  {
    title:
      'the documented procedure with a temporary table, here DISTSTYLE ALL, and SELECT INTO a variable',
    doc: OVERVIEW,
    steps: [
      run(
        `create or replace procedure pb6_sp2(f1 in int, f2 inout varchar(256), out_var out varchar(256))
         as $$
         declare
           loop_var int;
         begin
           if f1 is null or f2 is null then
             raise exception 'input cannot be null';
           end if;
           drop table if exists pb6_my_etl;
           create temp table pb6_my_etl(a int, b varchar) diststyle all;
           for loop_var in 1..f1 loop
             insert into pb6_my_etl values (loop_var, f2);
             f2 := f2 || '+' || f2;
           end loop;
           select into out_var count(*) from pb6_my_etl;
         end;
         $$ language plpgsql`,
      ),
      rows("call pb6_sp2(2, '2019')", [
        { f2: '2019+2019+2019+2019', column2: '2' },
      ]),
      rows(info('pb6_my_etl'), [
        { table: 'pb6_my_etl', diststyle: 'ALL', sortkey1: 'AUTO(SORTKEY)' },
      ]),
    ],
  },
  {
    title: 'CREATE TABLE AS with DISTKEY and SORTKEY in a procedure',
    doc: CTAS,
    steps: [
      run('create table pb6_src (a int, b varchar(10))'),
      run("insert into pb6_src values (1, 'x'), (2, 'y')"),
      run(
        `create procedure pb6_ctas() as $$
         begin
           create table pb6_copy distkey(b) sortkey(a) as select a, b from pb6_src;
         end $$ language plpgsql`,
      ),
      run('call pb6_ctas()'),
      rows(info('pb6_copy'), [
        { table: 'pb6_copy', diststyle: 'KEY(b)', sortkey1: 'a' },
      ]),
    ],
  },
  {
    title: 'SELECT TOP into a variable, with a parameter in the query',
    doc: TOP,
    steps: [
      run('create table pb6_top (a int)'),
      run('insert into pb6_top values (3), (1), (2)'),
      run(
        `create procedure pb6_first(floor_value int, lowest out int) as $$
         begin
           select top 1 a into lowest from pb6_top where a >= floor_value order by a;
         end $$ language plpgsql`,
      ),
      // An OUT argument comes back as columnN (stored-procedure-create.html).
      rows('call pb6_first(2)', [{ column1: 2 }]),
      // A FOR loop's query and an OPEN's are rewritten too.
      run('create table pb6_top_out (a int)'),
      run(
        `create procedure pb6_loop() as $$
         declare
           r record;
           c refcursor;
           v int;
         begin
           for r in select top 2 a from pb6_top order by a desc loop
             insert into pb6_top_out values (r.a);
           end loop;
           open c for select top 1 a from pb6_top order by a;
           fetch c into v;
           close c;
           insert into pb6_top_out values (v);
         end $$ language plpgsql`,
      ),
      run('call pb6_loop()'),
      rows('select a from pb6_top_out order by a', [
        { a: 1 },
        { a: 2 },
        { a: 3 },
      ]),
    ],
  },
  {
    title:
      'SUPER navigation in a procedure; a record variable’s field stays a field',
    doc: SUPER,
    steps: [
      run('create table pb6_docs (id int, doc super)'),
      run(
        `insert into pb6_docs values (1, json_parse('{"a": {"b": 7}}')), (2, json_parse('{"a": {"b": 8}}'))`,
      ),
      run('create table pb6_out (id int, b int)'),
      run(
        `create procedure pb6_nav() as $$
         declare
           r record;
         begin
           for r in select id from pb6_docs order by id loop
             insert into pb6_out select r.id, d.doc.a.b::int from pb6_docs d where d.id = r.id;
           end loop;
         end $$ language plpgsql`,
      ),
      run('call pb6_nav()'),
      rows('select id, b from pb6_out order by id', [
        { id: 1, b: 7 },
        { id: 2, b: 8 },
      ]),
    ],
  },
  {
    title:
      'a NONATOMIC procedure creates a table with keys; each statement commits',
    doc: CREATE_PROCEDURE,
    steps: [
      run(
        `create procedure pb6_na() nonatomic as $$
         begin
           create table pb6_na_t (a int, b int) diststyle even sortkey(b);
           insert into pb6_na_t values (1, 2);
         end $$ language plpgsql`,
      ),
      run('call pb6_na()'),
      rows(info('pb6_na_t'), [
        { table: 'pb6_na_t', diststyle: 'EVEN', sortkey1: 'b' },
      ]),
    ],
  },
  {
    title:
      'a rewritten statement keeps its lines: RAISE reports the line it is written on',
    doc: `${DG}r_SVL_STORED_PROC_MESSAGES.html`,
    steps: [
      run('create table pb6_lines_src (a int)'),
      run('insert into pb6_lines_src values (5)'),
      run(
        [
          'create procedure pb6_lines() as $$',
          'declare v int;',
          'begin',
          '  select top 1',
          '    a into v',
          '    from pb6_lines_src;',
          '  create table pb6_lines_t (a int)',
          '    distkey(a)',
          '    sortkey(a);',
          "  raise info 'v = %', v;",
          'end $$ language plpgsql',
        ].join('\n'),
      ),
      run('call pb6_lines()'),
      rows(
        'select trim(message) as message, linenum from svl_stored_proc_messages where query = (select max(query) from svl_stored_proc_call)',
        [{ message: 'v = 5', linenum: 10 }],
      ),
    ],
  },
  {
    title:
      'a syntax error refuses the procedure; a statement Redshift refuses fails when it runs',
    doc: STATEMENTS,
    steps: [
      fails(
        `create procedure pb6_fetch() as $$
         begin
           perform a from pb6_top fetch first 1 rows only;
         end $$ language plpgsql`,
        '42601',
        'syntax error at or near "FETCH"',
      ),
      run(
        `create procedure pb6_serial(make boolean) as $$
         begin
           if make then
             create table pb6_serial_t (a serial);
           end if;
         end $$ language plpgsql`,
      ),
      run('call pb6_serial(false)'),
      fails('call pb6_serial(true)', '0A000', 'SERIAL is not supported'),
    ],
  },
  {
    title:
      'SELECT * EXCLUDE in a procedure is an emulator limit when it runs (its columns are read when it runs)',
    doc: `${DG}r_EXCLUDE_list.html`,
    steps: [
      run('create table pb6_wide (a int, b int)'),
      run(
        `create procedure pb6_exclude() as $$
         begin
           create table pb6_narrow as select * exclude b from pb6_wide;
         end $$ language plpgsql`,
      ),
      fails('call pb6_exclude()', '0A000', 'emulator limit'),
    ],
  },
]

describeFidelityCases(
  'local emulator: Redshift SQL in stored procedure bodies',
  'local_fidelity_procedure_sql',
  CASES,
)
