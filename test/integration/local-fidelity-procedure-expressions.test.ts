import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// Redshift SQL in the PL/pgSQL of stored procedure bodies, outside their
// static statements: assignment values, IF / ELSIF / WHILE / CASE / EXIT
// conditions, FOR range bounds and SELECT INTO take Redshift's functions
// and datepart keywords as a client's query does; a SUPER path goes into a
// record's field or a SUPER variable; DROP, GRANT, REVOKE, CALL and
// TRUNCATE in a body are judged and recorded as a client's.

const STATEMENTS = `${DG}c_PLpgSQL-statements.html`
const STRUCTURE = `${DG}c_PLpgSQL-structure.html`
const CREATE = `${DG}stored-procedure-create.html`
const CREATE_PROCEDURE = `${DG}r_CREATE_PROCEDURE.html`
const TRANSACTIONS = `${DG}stored-procedure-transaction-management.html`

const CASES: readonly Case[] = [
  {
    title:
      'assignments take DATEADD / DATEDIFF with datepart keywords, NVL, NVL2, DECODE, LEN, CONVERT, GETDATE and SYSDATE',
    doc: STATEMENTS,
    steps: [
      run(
        `create procedure h2_assign(d in date, out r varchar(256)) as $$
         declare
           later date;
           days int;
           missing int;
           picked varchar(20);
           now_ok boolean;
         begin
           later := dateadd(month, 1, d);
           days := datediff(day, d, later);
           picked = decode(days, 29, 'leap', 31, 'long', 'other');
           now_ok := getdate() is not null and sysdate <= getdate() + interval '1 minute';
           r := to_char(later, 'YYYY-MM-DD') || ' ' || days || ' ' || picked || ' '
             || nvl(missing, -1) || ' ' || nvl2(missing, 'set', 'unset') || ' '
             || len('abc') || ' ' || convert(int, '42') + 1 || ' ' || now_ok;
         end $$ language plpgsql`,
      ),
      rows("call h2_assign('2024-02-10')", [
        { column1: '2024-03-10 29 leap -1 unset 3 43 true' },
      ]),
    ],
  },
  {
    title:
      'IF / ELSIF / ELSEIF, WHILE, CASE, EXIT WHEN and FOR bounds take Redshift functions',
    doc: STATEMENTS,
    steps: [
      run(
        `create procedure h2_flow(d in date, out n int) as $$
         declare
           i int := 0;
         begin
           n := 0;
           while datediff(month, '2024-01-01'::date, d) > i loop
             i := i + 1;
             exit when i >= decode(n, 0, 2, 10);
           end loop;
           for k in 1..datediff(day, d, dateadd(day, 3, d)) loop
             n := n + k;
           end loop;
           for k in reverse nvl(null, 2) .. 1 by len('a') loop
             n := n * 10 + k;
           end loop;
           if nvl2(null, 1, 0) = 1 then
             n := -1;
           elsif datediff(day, d, dateadd(week, 1, d)) = 7 then
             n := n + i * 1000;
           end if;
           if len('') > 0 then
             n := -2;
           elseif dateadd(day, 1, d) > d then
             n := n + 10000;
           end if;
           case datediff(year, d, dateadd(year, 1, d))
             when 1 then n := n + 100000;
             else n := -3;
           end case;
           case when convert(int, '1') = 1 then n := n + 1000000; end case;
         end $$ language plpgsql`,
      ),
      rows("call h2_flow('2024-05-01')", [{ column1: 1112621 }]),
    ],
  },
  {
    title:
      'a variable qualified by its block’s label stays a variable in a planned expression',
    doc: STRUCTURE,
    steps: [
      run(
        `create procedure h2_labels(out n int) as $$
         <<outer_block>>
         declare
           v int := 1;
         begin
           outer_block.v := nvl(outer_block.v, 0) + 1;
           <<inner_block>>
           declare
             v int := 10;
           begin
             n := datediff(day, '2024-01-01'::date, '2024-01-03'::date) * inner_block.v + outer_block.v;
           end;
         end $$ language plpgsql`,
      ),
      rows('call h2_labels()', [{ column1: 22 }]),
    ],
  },
  {
    title:
      'SELECT INTO a variable, a record and a record field with Redshift functions and TOP',
    doc: STATEMENTS,
    steps: [
      run('create table h2_into (a int, b varchar(10), d date)'),
      run(
        "insert into h2_into values (1, null, '2024-01-31'), (2, 'two', '2024-02-29')",
      ),
      run(
        `create procedure h2_select_into(out r varchar(256)) as $$
         declare
           due date;
           v varchar(10);
           rec record;
         begin
           select into due dateadd(month, 1, '2024-01-31'::date);
           select top 1 nvl(b, 'none') into v from h2_into order by a;
           select into rec top 1 a, dateadd(day, 1, due) as next_day from h2_into order by a desc;
           r := to_char(due, 'YYYY-MM-DD') || ' ' || v || ' ' || rec.a || ' '
             || to_char(rec.next_day, 'YYYY-MM-DD');
         end $$ language plpgsql`,
      ),
      rows('call h2_select_into()', [
        { column1: '2024-02-29 none 2 2024-03-01' },
      ]),
    ],
  },
  {
    title:
      'a function Redshift does not have fails when its expression runs; a syntax Redshift refuses refuses the procedure',
    doc: CREATE_PROCEDURE,
    steps: [
      run(
        `create procedure h2_unsupported(go in boolean, out n int) as $$
         begin
           n := 1;
           if go then
             n := extract(epoch from clock_timestamp());
           end if;
         end $$ language plpgsql`,
      ),
      rows('call h2_unsupported(false)', [{ column1: 1 }]),
      fails(
        'call h2_unsupported(true)',
        '42883',
        'function clock_timestamp does not exist',
      ),
      fails(
        `create procedure h2_fetch_first(out n int) as $$
         begin
           n := (select a from h2_into fetch first 1 rows only);
         end $$ language plpgsql`,
        '42601',
        'syntax error at or near "FETCH"',
      ),
    ],
  },
  {
    title:
      'a SUPER path into a FOR loop record’s field, a SUPER variable and a SUPER parameter',
    doc: STRUCTURE,
    steps: [
      run('create table h2_docs (id int, doc super)'),
      run(
        `insert into h2_docs values
           (1, json_parse('{"x": 5, "y": {"z": "q"}, "arr": [10, 20]}')),
           (2, json_parse('{"x": 6, "y": {"z": "w"}, "arr": [30, 40]}'))`,
      ),
      run(
        `create procedure h2_paths(p in super, out r varchar(256)) as $$
         declare
           rec record;
           v super;
         begin
           r := '';
           v := json_parse('{"k": {"m": 3}}');
           for rec in select id, doc from h2_docs order by id loop
             if rec.doc.y.z::varchar = 'q' and v.k.m::int = 3 then
               r := r || rec.doc.x::int + p.w::int || ',';
             end if;
             r := r || rec.doc.arr[1]::int || ';';
           end loop;
         end $$ language plpgsql`,
      ),
      rows(`call h2_paths(json_parse('{"w": 100}'))`, [
        { column1: '105,20;40;' },
      ]),
    ],
  },
  {
    title:
      'GRANT and REVOKE in a procedure check their grantee as a client statement does',
    doc: CREATE,
    steps: [
      run('create table h2_granted (a int)'),
      run('create user h2_reader password disable'),
      run(
        `create procedure h2_grant_missing() as $$
         begin
           grant select on h2_granted to h2_nobody;
         end $$ language plpgsql`,
      ),
      fails(
        'call h2_grant_missing()',
        '42704',
        'user "h2_nobody" does not exist',
      ),
      run(
        `create procedure h2_grant(give in boolean) as $$
         begin
           if give then
             grant select on h2_granted to h2_reader;
           else
             revoke select on h2_granted from h2_reader;
           end if;
         end $$ language plpgsql`,
      ),
      run('call h2_grant(true)'),
      rows(
        "select has_table_privilege('h2_reader', 'h2_granted', 'select') as granted",
        [{ granted: true }],
      ),
      run('call h2_grant(false)'),
      rows(
        "select has_table_privilege('h2_reader', 'h2_granted', 'select') as granted",
        [{ granted: false }],
      ),
      run('drop table h2_granted'),
      run('drop user h2_reader'),
    ],
  },
  {
    title:
      'DROP PROCEDURE by its input argument types and CALL with Redshift functions in a procedure',
    doc: CREATE_PROCEDURE,
    steps: [
      run(
        `create procedure h2_inner(d in date, r inout varchar(40)) as $$
         begin
           r := r || to_char(dateadd(day, 1, d), 'YYYY-MM-DD');
         end $$ language plpgsql`,
      ),
      run(
        `create procedure h2_outer(out r varchar(40)) as $$
         begin
           r := 'next ';
           call h2_inner(dateadd(month, 1, '2024-01-31'::date)::date, r);
           drop procedure h2_inner(date, varchar);
         end $$ language plpgsql`,
      ),
      rows('call h2_outer()', [{ column1: 'next 2024-03-01' }]),
      rows(
        "select count(*)::int as n from pg_proc where proname = 'h2_inner'",
        [{ n: 0 }],
      ),
      run(
        `create procedure h2_drop_missing() as $$
         begin
           drop procedure h2_not_there(int);
         end $$ language plpgsql`,
      ),
      fails(
        'call h2_drop_missing()',
        '42883',
        'procedure h2_not_there(integer) does not exist',
      ),
    ],
  },
  {
    title:
      'DROP TABLE in a procedure: a table created again after it has only its new attributes',
    doc: CREATE,
    steps: [
      run('create table h2_keys (a int, b int) distkey(b) sortkey(a)'),
      run(
        `create procedure h2_recreate() as $$
         begin
           drop table h2_keys;
           create table h2_keys (a int, b int) distkey(a);
         end $$ language plpgsql`,
      ),
      run('call h2_recreate()'),
      rows(
        `select "column", distkey, sortkey from pg_table_def where tablename = 'h2_keys' order by "column"`,
        [
          { column: 'a', distkey: true, sortkey: 0 },
          { column: 'b', distkey: false, sortkey: 0 },
        ],
      ),
    ],
  },
  {
    title:
      'TRUNCATE in a procedure commits and marks the materialized views over the table Recompute',
    doc: TRANSACTIONS,
    steps: [
      run('create table h2_base (a int)'),
      run('insert into h2_base values (1), (2)'),
      run('create materialized view h2_base_mv as select a from h2_base'),
      run(
        `create procedure h2_truncate() as $$
         begin
           truncate h2_base;
           insert into h2_base values (3);
         end $$ language plpgsql`,
      ),
      run('call h2_truncate()'),
      rows('select a from h2_base', [{ a: 3 }]),
      rows(
        `select trim(event_desc) as event, trim(state) as state from stl_mv_state
         where trim(mv_name) = 'h2_base_mv' and trim(event_desc) = 'TRUNCATE'`,
        [{ event: 'TRUNCATE', state: 'Recompute' }],
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: Redshift SQL in the expressions of stored procedure bodies',
  'local_fidelity_procedure_expressions',
  CASES,
)
