import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'

// "Supported PL/pgSQL statements" (c_PLpgSQL-statements.html), section by
// section: each procedure is the page's example, or its statement inside a
// procedure that reports what it did through an OUT or INOUT argument
// (CALL names OUT results column1, column2 ..., as
// local-fidelity-procedures-audit shows, and INOUT ones by their names).

const PAGE = `${DG}c_PLpgSQL-statements.html`

const CASES: readonly Case[] = [
  {
    title:
      'assignment with := and =, and SELECT INTO before or after the select list, FOUND and zero rows',
    doc: PAGE,
    steps: [
      run('create table ps_users (user_id int, webpage varchar(256))'),
      run("insert into ps_users values (1, 'http://a')"),
      run(`CREATE OR REPLACE PROCEDURE ps_select_into_null(return_webpage OUT varchar(256))
AS $$
DECLARE
  customer_rec RECORD;
BEGIN
  SELECT INTO customer_rec * FROM ps_users WHERE user_id=3;
  IF customer_rec.webpage IS NULL THEN
    -- user entered no webpage, return "http://"
    return_webpage = 'http://';
  END IF;
END;
$$ LANGUAGE plpgsql`),
      rows('call ps_select_into_null()', [{ column1: 'http://' }]),
      run(`create or replace procedure ps_found(id int, webpage out varchar(256), found_it out boolean, tip out numeric)
as $$
declare subtotal int := 20;
begin
  select u.webpage into webpage from ps_users u where u.user_id = id;
  found_it := found;
  tip := subtotal * 0.15;
end;
$$ language plpgsql`),
      rows('call ps_found(1)', [
        { column1: 'http://a', column2: true, column3: '3.00' },
      ]),
      rows('call ps_found(2)', [
        { column1: null, column2: false, column3: '3.00' },
      ]),
    ],
  },
  {
    title:
      'NULL; as a no-op, IF ... ELSIF / ELSEIF ... ELSE, and simple and searched CASE (CASE_NOT_FOUND without ELSE)',
    doc: PAGE,
    steps: [
      run(`create or replace procedure ps_sign(number int, result out varchar(10), msg out varchar(40))
as $$
begin
  IF number = 0 THEN
    result := 'zero';
  ELSIF number > 0 THEN
    result := 'positive';
  ELSEIF number < 0 THEN
    result := 'negative';
  ELSE
    -- the only other possibility is that number is null
    result := 'NULL';
  END IF;
  CASE number
  WHEN 1, 2 THEN
    msg := 'one or two';
  ELSE
    msg := 'other value than one or two';
  END CASE;
  IF number = 7 THEN
    NULL;
  END IF;
end;
$$ language plpgsql`),
      rows('call ps_sign(2)', [{ column1: 'positive', column2: 'one or two' }]),
      rows('call ps_sign(-4)', [
        { column1: 'negative', column2: 'other value than one or two' },
      ]),
      rows('call ps_sign(null)', [
        { column1: 'NULL', column2: 'other value than one or two' },
      ]),
      run(`create or replace procedure ps_range(x int, msg out varchar(40))
as $$
begin
  CASE
  WHEN x BETWEEN 0 AND 10 THEN
    msg := 'value is between zero and ten';
  WHEN x BETWEEN 11 AND 20 THEN
    msg := 'value is between eleven and twenty';
  END CASE;
end;
$$ language plpgsql`),
      rows('call ps_range(12)', [
        { column1: 'value is between eleven and twenty' },
      ]),
      fails('call ps_range(30)', '20000', 'case not found'),
    ],
  },
  {
    title:
      'loops: LOOP with a labelled EXIT, EXIT WHEN, CONTINUE WHEN, WHILE, FOR over a range (REVERSE too), a query and EXECUTE',
    doc: PAGE,
    steps: [
      run('create table tbl_dynamic_sql (a int)'),
      run('insert into tbl_dynamic_sql values (1), (2), (3)'),
      run(`CREATE OR REPLACE PROCEDURE ps_loops(x int, trace INOUT varchar(200))
LANGUAGE plpgsql
AS $$
DECLARE
  i INTEGER := 0;
  rec RECORD;
  query text;
BEGIN
  <<simple_while>>
  LOOP
    trace := trace || 'once;';
    EXIT simple_while;
  END LOOP;
  <<simple_loop_when>>
  LOOP
    i := i + 1;
    EXIT simple_loop_when WHEN (i >= x);
  END LOOP;
  trace := trace || 'i=' || i || ';';
  WHILE i > 0 LOOP
    i := i - 1;
    CONTINUE WHEN i = 1;
    trace := trace || 'w' || i || ';';
  END LOOP;
  FOR j IN REVERSE 3..1 LOOP
    trace := trace || j;
  END LOOP;
  FOR j IN 3..1 LOOP
    trace := trace || 'never';
  END LOOP;
  FOR rec IN SELECT a FROM tbl_dynamic_sql ORDER BY a LOOP
    trace := trace || ';q' || rec.a;
  END LOOP;
  query := 'SELECT * FROM tbl_dynamic_sql ORDER BY a LIMIT ' || x;
  FOR rec IN EXECUTE query LOOP
    trace := trace || ';e' || rec.a;
  END LOOP;
END;
$$`),
      rows("call ps_loops(2, '')", [
        { trace: 'once;i=2;w0;321;q1;q2;q3;e1;e2' },
      ]),
    ],
  },
  {
    title:
      'dynamic SQL with quote_ident and quote_literal; COMMIT cannot run as dynamic SQL',
    doc: PAGE,
    steps: [
      run('create table ps_tbl (key varchar(10), note varchar(20))'),
      run("insert into ps_tbl values ('k''1', 'old')"),
      run(`create or replace procedure ps_update(colname varchar, newvalue varchar, keyvalue varchar)
as $$
begin
  EXECUTE 'UPDATE ps_tbl SET '
    || quote_ident(colname)
    || ' = '
    || quote_literal(newvalue)
    || ' WHERE key = '
    || quote_literal(keyvalue);
end;
$$ language plpgsql`),
      run("call ps_update('note', 'it''s new', 'k''1')"),
      rows('select note from ps_tbl', [{ note: "it's new" }]),
      run(
        "create or replace procedure ps_dynamic_commit() as $$ begin execute 'commit'; end; $$ language plpgsql",
      ),
      fails('call ps_dynamic_commit()', '0A000', 'transaction commands'),
    ],
  },
  {
    title:
      'cursors: a bound cursor with arguments, OPEN FOR EXECUTE, FETCH INTO, CLOSE, and a refcursor returned to the caller',
    doc: PAGE,
    steps: [
      run('create table tenk1 (unique1 int, name varchar(10))'),
      run("insert into tenk1 values (42, 'answer'), (7, 'seven')"),
      run(`create or replace procedure ps_cursors(found_name out varchar(10), first_id out int)
as $$
DECLARE
  curs1 refcursor;
  curs2 CURSOR FOR SELECT * FROM tenk1;
  curs3 CURSOR (key integer) IS SELECT * FROM tenk1 WHERE unique1 = key;
  rowvar RECORD;
BEGIN
  OPEN curs3(42);
  FETCH curs3 INTO rowvar;
  found_name := rowvar.name;
  CLOSE curs3;
  OPEN curs1 FOR EXECUTE 'SELECT * FROM ' || quote_ident('tenk1') || ' ORDER BY unique1';
  FETCH curs1 INTO rowvar;
  first_id := rowvar.unique1;
  CLOSE curs1;
END;
$$ language plpgsql`),
      rows('call ps_cursors()', [{ column1: 'answer', column2: 7 }]),
      run(`create or replace procedure ps_rs(rs_out INOUT refcursor)
as $$
begin
  OPEN rs_out FOR SELECT unique1 FROM tenk1 ORDER BY unique1;
end;
$$ language plpgsql`),
      run('begin'),
      rows("call ps_rs('ps_cursor')", [{ rs_out: 'ps_cursor' }]),
      rows('fetch all from ps_cursor', [{ unique1: 7 }, { unique1: 42 }]),
      run('commit'),
    ],
  },
  {
    title:
      'RAISE: the levels, % from variables only (not expressions or literals), and RAISE; only in a NONATOMIC procedure',
    doc: PAGE,
    steps: [
      run(`create or replace procedure ps_raise(v_job_id int)
as $$
begin
  RAISE NOTICE 'Calling cs_create_job(%)', v_job_id;
  RAISE INFO 'info %%';
  RAISE LOG 'log';
  RAISE WARNING 'warning';
  RAISE EXCEPTION 'job % failed', v_job_id;
end;
$$ language plpgsql`),
      fails('call ps_raise(7)', 'P0001', 'job 7 failed'),
      fails(
        "create procedure ps_raise_expression(x int) as $$ begin raise info 'x is %', x + 1; end; $$ language plpgsql",
        '42601',
        'syntax error at or near "+"',
      ),
      fails(
        "create procedure ps_raise_call() as $$ begin raise info 'x is %', upper('a'); end; $$ language plpgsql",
        '42601',
        'syntax error at or near "("',
      ),
      fails(
        "create procedure ps_raise_literal() as $$ begin raise info 'x is %', 1; end; $$ language plpgsql",
        '42601',
        'syntax error at or near "1"',
      ),
      fails(
        'create procedure ps_rethrow() as $$ begin raise; end; $$ language plpgsql',
        '0A000',
        'RAISE without a level',
      ),
    ],
  },
  {
    title:
      'transaction control: START TRANSACTION in a NONATOMIC procedure, without isolation or access keywords',
    doc: PAGE,
    steps: [
      run('create table ps_started (n int)'),
      run(`create or replace procedure ps_start() nonatomic
as $$
begin
  START TRANSACTION;
  insert into ps_started values (1);
  COMMIT;
end;
$$ language plpgsql`),
      run('call ps_start()'),
      rows('select n from ps_started', [{ n: 1 }]),
      fails(
        `create or replace procedure ps_start_serializable() nonatomic
as $$ begin START TRANSACTION ISOLATION LEVEL SERIALIZABLE; COMMIT; end; $$ language plpgsql`,
        '42601',
        'syntax error at or near "ISOLATION"',
      ),
      fails(
        `create or replace procedure ps_start_read_only() nonatomic
as $$ begin START TRANSACTION READ ONLY; COMMIT; end; $$ language plpgsql`,
        '42601',
        'syntax error at or near "READ"',
      ),
    ],
  },
]

describeFidelityCases(
  'local emulator: supported PL/pgSQL statements',
  'local_fidelity_plpgsql_statements',
  CASES,
)
