import type pg from 'pg'
import { expect, it } from 'vitest'

import {
  fails,
  rows,
  run,
  describeFidelityCases,
  type FidelityCase,
} from './fidelity-steps.js'
import { connect, errorOf } from './local-test-helpers.js'

// The stored procedures chapter of the Developer Guide, page by page, run
// through the emulator with the documented results. What other files check
// already (TRUNCATE in an atomic context, NONATOMIC and SHOW PROCEDURE as
// emulator limits, languages other than plpgsql) is not repeated here.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const CREATE = `${DG}stored-procedure-create.html`
const NAMING = `${DG}stored-procedure-naming.html`
const SECURITY = `${DG}stored-procedure-security-and-privileges.html`
const RESULT_SET = `${DG}stored-procedure-result-set.html`
const TRANSACTIONS = `${DG}stored-procedure-transaction-management.html`
const TRAPPING = `${DG}stored-procedure-trapping-errors.html`
const CONSTRAINTS = `${DG}stored-procedure-constraints.html`
const STRUCTURE = `${DG}c_PLpgSQL-structure.html`
const STATEMENTS = `${DG}c_PLpgSQL-statements.html`
const CREATE_PROCEDURE = `${DG}r_CREATE_PROCEDURE.html`
const ALTER_PROCEDURE = `${DG}r_ALTER_PROCEDURE.html`
const DROP_PROCEDURE = `${DG}r_DROP_PROCEDURE.html`
const CALL = `${DG}r_CALL_procedure.html`
const MESSAGES_VIEW = `${DG}r_SVL_STORED_PROC_MESSAGES.html`
const CALL_VIEW = `${DG}r_SVL_STORED_PROC_CALL.html`
const LIMIT = 'in the local emulator is not supported'

const TEST_SP2 = `CREATE OR REPLACE PROCEDURE test_sp2(f1 IN int, f2 INOUT varchar(256), out_var OUT varchar(256))
AS $$
DECLARE
  loop_var int;
BEGIN
  IF f1 is null OR f2 is null THEN
    RAISE EXCEPTION 'input cannot be null';
  END IF;
  DROP TABLE if exists my_etl;
  CREATE TEMP TABLE my_etl(a int, b varchar);
    FOR loop_var IN 1..f1 LOOP
        insert into my_etl values (loop_var, f2);
        f2 := f2 || '+' || f2;
    END LOOP;
  SELECT INTO out_var count(*) from my_etl;
END;
$$ LANGUAGE plpgsql`

const UPDATE_EMPLOYEE_SP = `CREATE OR REPLACE PROCEDURE update_employee_sp() AS
$$
BEGIN
    UPDATE employee SET firstname = 'Adam' WHERE lastname = 'Smith';
    EXECUTE 'select invalid';
EXCEPTION WHEN OTHERS THEN
    RAISE INFO 'An exception occurred.';
    INSERT INTO employee_error_log VALUES ('Error message: ' || SQLERRM);
END;
$$
LANGUAGE plpgsql`

/** `n` arguments `a1 int, a2 int, ...`, each with `mode`. */
const argumentList = (n: number, mode: string) =>
  Array.from({ length: n }, (_, i) => `a${i + 1} ${mode} int`).join(', ')

const CASES: readonly FidelityCase[] = [
  {
    title: 'OUT arguments come back unnamed, INOUT ones by name (f2 | column2)',
    doc: CREATE,
    steps: [
      run(TEST_SP2),
      rows("call test_sp2(2,'2019')", [
        { f2: '2019+2019+2019+2019', column2: '2' },
      ]),
      fails("call test_sp2(null,'2019')", 'P0001', 'input cannot be null'),
    ],
  },
  {
    title: 'an OUT argument is still the body variable it names',
    doc: STATEMENTS,
    steps: [
      run('CREATE TABLE users (user_id int, webpage varchar(256))'),
      run(`CREATE OR REPLACE PROCEDURE select_into_null(return_webpage OUT varchar(256))
AS $$
DECLARE
  customer_rec RECORD;
BEGIN
  SELECT INTO customer_rec * FROM users WHERE user_id=3;
  IF customer_rec.webpage IS NULL THEN
    return_webpage = 'http://';
  END IF;
END;
$$ LANGUAGE plpgsql`),
      rows('call select_into_null()', [{ column1: 'http://' }]),
      run(
        "create procedure sp_out_label(out a int, b out varchar) as $$ <<lbl>> begin lbl.a := 1; b := $2 || 'x'; end $$ language plpgsql",
      ),
      rows('call sp_out_label()', [{ column1: 1, column2: null }]),
    ],
  },
  {
    title: 'the argument list takes no defaults',
    doc: CREATE_PROCEDURE,
    steps: [
      fails(
        'create procedure sp_default(a int default 1) as $$ begin null; end $$ language plpgsql',
        '42601',
        'syntax error at or near "default"',
      ),
    ],
  },
  {
    title: 'at most 32 input and 32 output arguments',
    doc: CREATE_PROCEDURE,
    steps: [
      run(
        `create procedure sp_args32(${argumentList(32, 'in')}) as $$ begin null; end $$ language plpgsql`,
      ),
      fails(
        `create procedure sp_args33(${argumentList(33, 'in')}) as $$ begin null; end $$ language plpgsql`,
        '54023',
        'more than 32 input arguments',
      ),
      fails(
        `create procedure sp_out33(x int, ${argumentList(33, 'out')}) as $$ begin null; end $$ language plpgsql`,
        '54023',
        'more than 32 output arguments',
      ),
    ],
  },
  {
    title: 'ALTER and DROP PROCEDURE take the full signature with OUT',
    doc: ALTER_PROCEDURE,
    steps: [
      run(
        'create procedure first_quarter_revenue(volume INOUT bigint, at_price IN numeric, result OUT int) as $$ begin result := volume * at_price; end $$ language plpgsql',
      ),
      rows('call first_quarter_revenue(2, 1.5)', [{ volume: '2', column2: 3 }]),
      run(
        'ALTER PROCEDURE first_quarter_revenue(volume INOUT bigint, at_price IN numeric, result OUT int) RENAME TO quarterly_revenue',
      ),
      rows('call quarterly_revenue(2, 1.5)', [{ volume: '2', column2: 3 }]),
    ],
  },
  {
    title: 'DROP PROCEDURE with the OUT argument in the signature',
    doc: DROP_PROCEDURE,
    steps: [
      run(
        'create procedure drop_revenue(volume INOUT bigint, at_price IN numeric, result OUT int) as $$ begin null; end $$ language plpgsql',
      ),
      run(
        'DROP PROCEDURE drop_revenue(volume INOUT bigint, at_price IN numeric,result OUT int)',
      ),
      fails('call drop_revenue(1, 1)', '42883', 'drop_revenue'),
    ],
  },
  {
    title: 'ALTER and DROP PROCEDURE find a procedure by its input types alone',
    doc: ALTER_PROCEDURE,
    steps: [
      run(
        'create procedure first_quarter(volume INOUT bigint, at_price IN numeric, result OUT int) as $$ begin result := 1; end $$ language plpgsql',
      ),
      run('ALTER PROCEDURE first_quarter(bigint, numeric) RENAME TO quarterly'),
      run("create user etl_proc_user password 'Abcdefgh1'"),
      run('ALTER PROCEDURE quarterly(bigint, numeric) OWNER TO etl_proc_user'),
      rows(
        "select pg_get_userbyid(proowner) as owner from pg_proc where proname = 'quarterly'",
        [{ owner: 'etl_proc_user' }],
      ),
      run('ALTER PROCEDURE quarterly(bigint, numeric) OWNER TO current_user'),
      run('drop user etl_proc_user'),
      run('DROP PROCEDURE quarterly(bigint, numeric)'),
      fails(
        'DROP PROCEDURE quarterly(bigint, numeric)',
        '42883',
        'procedure quarterly(bigint, numeric) does not exist',
      ),
      fails(
        'drop procedure quarterly(nosuchtype)',
        '42704',
        'type "nosuchtype" does not exist',
      ),
    ],
  },
  {
    title: 'SECURITY DEFINER with SET search_path reads the admin schema',
    doc: SECURITY,
    steps: [
      run('create schema admin'),
      run('create table admin.user_creds (user_id int, creds varchar)'),
      run("insert into admin.user_creds values (1, 'secret1')"),
      run(`CREATE OR REPLACE PROCEDURE sp_get_credentials(userid int, o_creds OUT varchar)
AS $$
BEGIN
  SELECT creds INTO o_creds
  FROM user_creds
  WHERE user_id = $1;
END;
$$ LANGUAGE plpgsql
SECURITY DEFINER
-- Set a secure search_path
SET search_path = admin`),
      rows('call sp_get_credentials(1)', [{ column1: 'secret1' }]),
      // A procedure created with SET options cannot end a transaction.
      run(
        'create procedure sp_set_commit() as $$ begin commit; end $$ language plpgsql set search_path = public',
      ),
      fails('call sp_set_commit()', '2D000', 'invalid transaction termination'),
    ],
  },
  {
    title: 'a CALL argument may be a function call but not a query',
    doc: CALL,
    steps: [
      run(
        'create procedure sp_arg(inout a int) as $$ begin a := a * 2; end $$ language plpgsql',
      ),
      rows('call sp_arg(pg_backend_pid() - pg_backend_pid() + 21)', [
        { a: 42 },
      ]),
      fails('call sp_arg((select 1))', '0A000', 'subquery in CALL argument'),
    ],
  },
  {
    title: 'procedures overload on their input argument types',
    doc: NAMING,
    steps: [
      run(
        "create procedure sp_over(a int, inout r varchar) as $$ begin r := 'int'; end $$ language plpgsql",
      ),
      run(
        "create procedure sp_over(a varchar, inout r varchar) as $$ begin r := 'varchar'; end $$ language plpgsql",
      ),
      rows("call sp_over(1, '')", [{ r: 'int' }]),
      rows("call sp_over('x'::varchar, '')", [{ r: 'varchar' }]),
      // Not on their output argument types alone.
      run(
        'create procedure sp_out_over(a int, b out int) as $$ begin b := a; end $$ language plpgsql',
      ),
      fails(
        'create procedure sp_out_over(a int, b out varchar) as $$ begin b := a; end $$ language plpgsql',
        '42723',
        'already exists with the same input argument types',
      ),
      run(
        'create or replace procedure sp_out_over(a int, b out int) as $$ begin b := a + 1; end $$ language plpgsql',
      ),
      rows('call sp_out_over(1)', [{ column1: 2 }]),
    ],
  },
  {
    title: 'a nested call passes variables through INOUT arguments',
    doc: CALL,
    steps: [
      run(`CREATE OR REPLACE PROCEDURE inner_proc(INOUT a int, b int, INOUT c int) LANGUAGE plpgsql
AS $$
BEGIN
  a := b * a;
  c := b * c;
END;
$$`),
      run(`CREATE OR REPLACE PROCEDURE outer_proc(multiplier int) LANGUAGE plpgsql
AS $$
DECLARE
  x int := 3;
  y int := 4;
BEGIN
  DROP TABLE IF EXISTS test_tbl;
  CREATE TEMP TABLE test_tbl(a int, b varchar(256));
  CALL inner_proc(x, multiplier, y);
  insert into test_tbl values (x, y::varchar);
END;
$$`),
      run('CALL outer_proc(5)'),
      rows('SELECT * from test_tbl', [{ a: 15, b: '20' }]),
    ],
  },
  {
    title: 'calls nest 16 levels deep, not 17',
    doc: CALL,
    steps: [
      run(
        'create procedure sp_recurse(n int) as $$ begin if n > 1 then call sp_recurse(n - 1); end if; end $$ language plpgsql',
      ),
      run('call sp_recurse(16)'),
      fails('call sp_recurse(17)', '54000', 'more than 16 levels'),
    ],
  },
  {
    title: 'a refcursor INOUT argument returns a result set in a transaction',
    doc: RESULT_SET,
    steps: [
      run('create table fact_tbl(id int, secondary_id int, name varchar)'),
      run(
        "insert into fact_tbl values (1, 1, 'Joe'), (1, 2, 'Ed'), (2, 1, 'Mary'), (1, 3, 'Mike')",
      ),
      run(`CREATE OR REPLACE PROCEDURE get_result_set (param IN integer, rs_out INOUT refcursor)
AS $$
BEGIN
  OPEN rs_out FOR SELECT * FROM fact_tbl where id >= param;
END;
$$ LANGUAGE plpgsql`),
      run('BEGIN'),
      rows("CALL get_result_set(1, 'mycursor')", [{ rs_out: 'mycursor' }]),
      rows('FETCH ALL FROM mycursor', [
        { id: 1, secondary_id: 1, name: 'Joe' },
        { id: 1, secondary_id: 2, name: 'Ed' },
        { id: 2, secondary_id: 1, name: 'Mary' },
        { id: 1, secondary_id: 3, name: 'Mike' },
      ]),
      run('COMMIT'),
    ],
  },
  {
    // The page shows all four rows for id >= 2; only Mary's matches.
    title: 'a temp table named by an INOUT argument returns a result set',
    doc: RESULT_SET,
    steps: [
      run('create table fact_tmp(id int, secondary_id int, name varchar)'),
      run(
        "insert into fact_tmp values (1, 1, 'Joe'), (1, 2, 'Ed'), (2, 1, 'Mary'), (1, 3, 'Mike')",
      ),
      run(`CREATE PROCEDURE get_result_tmp(param IN integer, tmp_name INOUT varchar(256)) as $$
DECLARE
  row record;
BEGIN
  EXECUTE 'drop table if exists ' || tmp_name;
  EXECUTE 'create temp table ' || tmp_name || ' as select * from fact_tmp where id >= ' || param;
END;
$$ LANGUAGE plpgsql`),
      rows("CALL get_result_tmp(2, 'myresult')", [{ tmp_name: 'myresult' }]),
      rows('SELECT * from myresult', [
        { id: 2, secondary_id: 1, name: 'Mary' },
      ]),
    ],
  },
  {
    title:
      'COMMIT twice and ROLLBACK inside a procedure start new transactions',
    doc: TRANSACTIONS,
    steps: [
      run('create table test_table (c1 int)'),
      run(`CREATE OR REPLACE PROCEDURE sp_commit(a int, b int) LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO test_table values (a);
  COMMIT;
  INSERT INTO test_table values (b);
  COMMIT;
END;
$$`),
      run('call sp_commit(1,2)'),
      rows('select c1 from test_table order by c1', [{ c1: 1 }, { c1: 2 }]),
      run(`CREATE OR REPLACE PROCEDURE sp_rollback(a int, b int) LANGUAGE plpgsql
AS $$
DECLARE
  sum_vals int;
BEGIN
  INSERT INTO test_table values (a);
  SELECT sum(c1) into sum_vals from test_table;
  IF sum_vals > 2 THEN
    ROLLBACK;
  END IF;
  INSERT INTO test_table values (b);
END;
$$`),
      run('call sp_rollback(1, 2)'),
      rows('select c1 from test_table order by c1', [
        { c1: 1 },
        { c1: 2 },
        { c1: 2 },
      ]),
      // Called inside a transaction block, the procedure cannot commit.
      run('begin'),
      fails('call sp_commit(3, 4)', '2D000', 'invalid transaction termination'),
      run('rollback'),
    ],
  },
  {
    title: 'a TRUNCATE in a nested call commits the outer and inner work',
    doc: TRANSACTIONS,
    steps: [
      run('create table outer_table (c1 int)'),
      run('create table inner_table (c1 int)'),
      run(`CREATE OR REPLACE PROCEDURE sp_inner(c int, d int) LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO inner_table values (c);
  TRUNCATE outer_table;
  INSERT INTO inner_table values (d);
END;
$$`),
      run(`CREATE OR REPLACE PROCEDURE sp_outer(a int, b int, c int, d int) LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO outer_table values (a);
  Call sp_inner(c, d);
  INSERT INTO outer_table values (b);
END;
$$`),
      run('Call sp_outer(1, 2, 3, 4)'),
      rows('select c1 from outer_table', [{ c1: 2 }]),
      rows('select c1 from inner_table order by c1', [{ c1: 3 }, { c1: 4 }]),
    ],
  },
  {
    title: 'the cursor cur1 is closed by the TRUNCATE that commits',
    doc: TRANSACTIONS,
    steps: [
      run('create table test_table_c (c1 int)'),
      run('create table test_table_d (c1 int)'),
      run('insert into test_table_c values (1), (2)'),
      run(`CREATE OR REPLACE PROCEDURE sp_open_cursor_truncate()
LANGUAGE plpgsql
AS $$
DECLARE
  rec RECORD;
  cur1 cursor for select * from test_table_c order by 1;
BEGIN
  open cur1;
  TRUNCATE table test_table_d;
  Loop
    fetch cur1 into rec;
    raise info '%', rec.c1;
    exit when not found;
  End Loop;
END
$$`),
      fails(
        'call sp_open_cursor_truncate()',
        '34000',
        'cursor "cur1" does not exist',
      ),
    ],
  },
  {
    title: 'a COMMIT in a FOR loop over a query closes the loop cursor',
    doc: TRANSACTIONS,
    steps: [
      run('create table loop_src (a int)'),
      run('insert into loop_src values (1), (2)'),
      run('create table loop_dst (a int)'),
      run(
        'create procedure sp_loop_commit() as $$ declare r record; begin for r in select a from loop_src order by a loop insert into loop_dst values (r.a); commit; end loop; end $$ language plpgsql',
      ),
      fails('call sp_loop_commit()', '34000', 'cursor'),
      rows('select a from loop_dst', [{ a: 1 }]),
      // A loop over a range has no cursor; a loop that leaves after the
      // COMMIT never fetches again.
      run(
        'create procedure sp_range_commit() as $$ begin for i in 1..2 loop insert into loop_dst values (10 + i); commit; end loop; end $$ language plpgsql',
      ),
      run('call sp_range_commit()'),
      run(
        'create procedure sp_loop_exit() as $$ declare r record; begin for r in select a from loop_src loop insert into loop_dst values (100); commit; exit; end loop; end $$ language plpgsql',
      ),
      run('call sp_loop_exit()'),
      rows('select a from loop_dst order by a', [
        { a: 1 },
        { a: 11 },
        { a: 12 },
        { a: 100 },
      ]),
    ],
  },
  {
    title: 'a bound cursor opened in a procedure is fetched by its name',
    doc: STATEMENTS,
    steps: [
      run(
        'create procedure sp_bound() as $$ declare curs2 cursor for select 7 as x; begin open curs2; end $$ language plpgsql',
      ),
      run('begin'),
      run('call sp_bound()'),
      rows('fetch all from curs2', [{ x: 7 }]),
      run('rollback'),
    ],
  },
  {
    title:
      'an exception handler rolls back, logs in a new transaction, then re-throws',
    doc: TRAPPING,
    steps: [
      run('CREATE TABLE employee (firstname varchar, lastname varchar)'),
      run("INSERT INTO employee VALUES ('Tomas','Smith')"),
      run('CREATE TABLE employee_error_log (message varchar)'),
      run(UPDATE_EMPLOYEE_SP),
      fails(
        'CALL update_employee_sp()',
        '42703',
        'column "invalid" does not exist',
      ),
      rows('SELECT * from employee', [
        { firstname: 'Tomas', lastname: 'Smith' },
      ]),
      rows('SELECT * from employee_error_log', [
        { message: 'Error message: column "invalid" does not exist' },
      ]),
      // Inside a transaction block the handler runs and the error stays.
      run('begin'),
      fails(
        'CALL update_employee_sp()',
        '42703',
        'column "invalid" does not exist',
      ),
      run('rollback'),
      rows('SELECT count(*)::int AS n from employee_error_log', [{ n: 1 }]),
    ],
  },
  {
    title: 'the whole transaction is rolled back, not only the failed block',
    doc: TRAPPING,
    steps: [
      run('create table trap_t (a int)'),
      run(
        'create procedure sp_trap() as $$ begin insert into trap_t values (1); begin insert into trap_t values (2); perform 1/0; exception when others then insert into trap_t values (3); end; end $$ language plpgsql',
      ),
      fails('call sp_trap()', '22012', 'by zero'),
      rows('select a from trap_t', [{ a: 3 }]),
    ],
  },
  {
    title: 'an error raised in the handler is the one the call fails with',
    doc: MESSAGES_VIEW,
    steps: [
      run(`CREATE OR REPLACE PROCEDURE test_proc1(f1 int) AS
$$
BEGIN
    RAISE INFO 'Log Level: Input f1 is %',f1;
    RAISE NOTICE 'Notice Level: Input f1 is %',f1;
    EXECUTE 'select invalid';
    RAISE NOTICE 'Should not print this';

EXCEPTION WHEN OTHERS THEN
     raise exception 'EXCEPTION level: Exception Handling';
END;
$$ LANGUAGE plpgsql`),
      fails(
        'CALL test_proc1(2)',
        'P0001',
        'EXCEPTION level: Exception Handling',
      ),
    ],
  },
  {
    title: 'SVL_STORED_PROC_MESSAGES keeps the messages of a failed call',
    doc: MESSAGES_VIEW,
    steps: [
      fails(
        'CALL test_proc1(2)',
        'P0001',
        'EXCEPTION level: Exception Handling',
      ),
      rows(
        'SELECT loglevel, loglevel_text, trim(message) as message, aborted FROM svl_stored_proc_messages WHERE loglevel > 30 AND query = (select max(query) from svl_stored_proc_call) ORDER BY recordtime',
        [
          {
            loglevel: 40,
            loglevel_text: 'NOTICE    ',
            message: 'Notice Level: Input f1 is 2',
            aborted: 1,
          },
          {
            loglevel: 60,
            loglevel_text: 'EXCEPTION ',
            message: 'EXCEPTION level: Exception Handling',
            aborted: 1,
          },
        ],
      ),
    ],
  },
  {
    title: 'SET stored_proc_log_min_messages = NOTICE logs NOTICE and above',
    doc: MESSAGES_VIEW,
    steps: [
      run(`CREATE OR REPLACE PROCEDURE test_proc() AS
$$
BEGIN
    RAISE LOG 'Raise LOG messages';
    RAISE INFO 'Raise INFO messages';
    RAISE NOTICE 'Raise NOTICE messages';
    RAISE WARNING 'Raise WARNING messages';
    RAISE EXCEPTION 'Raise EXCEPTION messages';
    RAISE WARNING 'Raise WARNING messages again'; -- not reachable
END;
$$ LANGUAGE plpgsql SET stored_proc_log_min_messages = NOTICE`),
      fails('CALL test_proc()', 'P0001', 'Raise EXCEPTION messages'),
      rows(
        'SELECT trim(loglevel_text) as loglevel_text, trim(message) as message, aborted FROM svl_stored_proc_messages WHERE query = (select max(query) from svl_stored_proc_call) ORDER BY recordtime',
        [
          {
            loglevel_text: 'NOTICE',
            message: 'Raise NOTICE messages',
            aborted: 1,
          },
          {
            loglevel_text: 'WARNING',
            message: 'Raise WARNING messages',
            aborted: 1,
          },
          {
            loglevel_text: 'EXCEPTION',
            message: 'Raise EXCEPTION messages',
            aborted: 1,
          },
        ],
      ),
      // The session's level counts for procedures without the option.
      rows('show stored_proc_log_min_messages', [
        { stored_proc_log_min_messages: 'LOG' },
      ]),
    ],
  },
  {
    title: 'SVL_STORED_PROC_CALL has a row per call, aborted when it failed',
    doc: CALL_VIEW,
    steps: [
      run(
        "create procedure sp_logged(a int) as $$ begin raise info 'a = %', a; end $$ language plpgsql",
      ),
      run('call sp_logged(1)'),
      rows(
        'select aborted, trim(querytxt) as call, from_sp_call, datediff(seconds, starttime, endtime) >= 0 as timed from svl_stored_proc_call where query = (select max(query) from svl_stored_proc_call)',
        [
          {
            aborted: 0,
            call: 'call sp_logged(1)',
            from_sp_call: null,
            timed: true,
          },
        ],
      ),
      rows(
        'select trim(loglevel_text) as level, trim(message) as message, linenum from svl_stored_proc_messages where query = (select max(query) from svl_stored_proc_call)',
        [{ level: 'INFO', message: 'a = 1', linenum: 1 }],
      ),
      rows(
        "select count(*)::int as n from svl_stored_proc_call where trim(querytxt) = 'CALL test_proc()' and aborted = 1",
        [{ n: 1 }],
      ),
    ],
  },
  {
    title: 'OTHERS is the only exception condition; RAISE; is NONATOMIC only',
    doc: TRAPPING,
    steps: [
      fails(
        'create procedure sp_cond() as $$ begin perform 1/0; exception when division_by_zero then null; end $$ language plpgsql',
        '0A000',
        'exception condition "division_by_zero"',
      ),
      fails(
        "create procedure sp_cond2() as $$ begin perform 1/0; exception when others or sqlstate '22012' then null; end $$ language plpgsql",
        '0A000',
        'exception condition "sqlstate"',
      ),
      fails(
        'create procedure sp_reraise() as $$ begin perform 1/0; exception when others then raise; end $$ language plpgsql',
        '0A000',
        'RAISE without a level',
      ),
      fails(
        "create procedure sp_commit_guarded() as $$ begin begin insert into employee values ('a', 'b'); commit; exception when others then null; end; end $$ language plpgsql",
        '0A000',
        LIMIT,
      ),
    ],
  },
  {
    title: 'statements that need a transaction context of their own fail',
    doc: CONSTRAINTS,
    steps: [
      run(
        'create procedure sp_prepare() as $$ begin prepare p1 as select 1; end $$ language plpgsql',
      ),
      fails('call sp_prepare()', '0A000', 'PREPARE'),
      run(
        'create procedure sp_set_local() as $$ begin if true then set local search_path to public; end if; end $$ language plpgsql',
      ),
      fails('call sp_set_local()', '0A000', 'SET LOCAL'),
      run(
        'create procedure sp_vacuum() as $$ begin vacuum; end $$ language plpgsql',
      ),
      fails('call sp_vacuum()', '25001', 'VACUUM'),
      run(
        'create procedure sp_create_db() as $$ begin create database sp_db; end $$ language plpgsql',
      ),
      fails('call sp_create_db()', '25001', 'CREATE DATABASE'),
      run(
        'create procedure sp_start() as $$ begin start transaction; end $$ language plpgsql',
      ),
      fails('call sp_start()', '0A000', 'transaction command'),
      run(
        "create procedure sp_dynamic_commit() as $$ begin execute 'commit'; end $$ language plpgsql",
      ),
      fails('call sp_dynamic_commit()', '0A000', 'transaction commands'),
    ],
  },
  {
    title: 'CASE without a matching WHEN and no ELSE raises CASE_NOT_FOUND',
    doc: STATEMENTS,
    steps: [
      run(
        "create procedure sp_case(x int, inout msg varchar) as $$ begin CASE x WHEN 1, 2 THEN msg := 'one or two'; ELSE msg := 'other value than one or two'; END CASE; CASE WHEN x BETWEEN 0 AND 10 THEN msg := msg || ' (0-10)'; END CASE; end $$ language plpgsql",
      ),
      rows("call sp_case(2, '')", [{ msg: 'one or two (0-10)' }]),
      fails("call sp_case(50, '')", '20000', 'case not found'),
    ],
  },
  {
    title: 'FOUND after SELECT INTO; RAISE EXCEPTION fails the call',
    doc: STRUCTURE,
    steps: [
      run('CREATE TABLE employee2(empname varchar)'),
      run(`CREATE OR REPLACE PROCEDURE show_found()
AS  $$
DECLARE
  myrec record;
BEGIN
  SELECT INTO myrec * FROM employee2 WHERE empname = 'John';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'employee John not found';
  END IF;
END;
$$ LANGUAGE plpgsql`),
      fails('call show_found()', 'P0001', 'employee John not found'),
    ],
  },
]

/** A call whose documented output is the messages it raises. */
interface MessageCase {
  readonly title: string
  readonly doc: string
  readonly setup: readonly string[]
  readonly call: string
  readonly messages: readonly string[]
  /** SQLSTATE the call fails with after its messages. */
  readonly fails?: string
  /** The messages' levels, where the page shows them. */
  readonly severities?: readonly string[]
}

const MESSAGE_CASES: readonly MessageCase[] = [
  {
    title: 'IN arguments by default (INFO: f1 = 5, f2 = abc)',
    doc: CREATE,
    setup: [
      `CREATE OR REPLACE PROCEDURE test_sp1(f1 int, f2 varchar)
AS $$
BEGIN
  RAISE INFO 'f1 = %, f2 = %', f1, f2;
END;
$$ LANGUAGE plpgsql`,
    ],
    call: "call test_sp1(5, 'abc')",
    messages: ['f1 = 5, f2 = abc'],
  },
  {
    title: 'SELECT INTO a variable (INFO: min_val = 3, f2 = book)',
    doc: CALL,
    setup: [
      `CREATE OR REPLACE PROCEDURE test_sp1b(f1 int, f2 varchar(20))
AS $$
DECLARE
  min_val int;
BEGIN
  DROP TABLE IF EXISTS tmp_tbl;
  CREATE TEMP TABLE tmp_tbl(id int);
  INSERT INTO tmp_tbl values (f1),(10001),(10002);
  SELECT INTO min_val MIN(id) FROM tmp_tbl;
  RAISE INFO 'min_val = %, f2 = %', min_val, f2;
END;
$$ LANGUAGE plpgsql`,
    ],
    call: "call test_sp1b(3,'book')",
    messages: [
      'Table "tmp_tbl" does not exist and will be skipped',
      'min_val = 3, f2 = book',
    ],
    severities: ['INFO', 'INFO'],
  },
  {
    title: 'a subblock declares its own variable',
    doc: STRUCTURE,
    setup: [
      `CREATE PROCEDURE update_value() AS $$
DECLARE
  value integer := 20;
BEGIN
  RAISE NOTICE 'Value here is %', value;  -- Value here is 20
  value := 50;
  DECLARE
    value integer := 80;
  BEGIN
    RAISE NOTICE 'Value here is %', value;  -- Value here is 80
  END;
  RAISE NOTICE 'Value here is %', value;  -- Value here is 50
END;
$$ LANGUAGE plpgsql`,
    ],
    call: 'call update_value()',
    messages: ['Value here is 20', 'Value here is 80', 'Value here is 50'],
  },
  {
    title: 'SQLERRM and SQLSTATE in the handler, then the error again',
    doc: STRUCTURE,
    setup: [
      'CREATE TABLE employee3 (firstname varchar, lastname varchar)',
      `CREATE OR REPLACE PROCEDURE sqlstate_sqlerrm() AS
$$
BEGIN
  UPDATE employee3 SET firstname = 'Adam' WHERE lastname = 'Smith';
  EXECUTE 'select invalid';
  EXCEPTION WHEN OTHERS THEN
  RAISE INFO 'error message SQLERRM %', SQLERRM;
  RAISE INFO 'error message SQLSTATE %', SQLSTATE;
END;
$$ LANGUAGE plpgsql`,
    ],
    call: 'call sqlstate_sqlerrm()',
    messages: [
      'error message SQLERRM column "invalid" does not exist',
      'error message SQLSTATE 42703',
    ],
    fails: '42703',
  },
  {
    title: 'GET DIAGNOSTICS integer_var := ROW_COUNT',
    doc: STRUCTURE,
    setup: [
      'create table tbl_row_count (a int)',
      `CREATE OR REPLACE PROCEDURE sp_row_count() AS
$$
DECLARE
  integer_var int;
BEGIN
  INSERT INTO tbl_row_count VALUES(1);
  GET DIAGNOSTICS integer_var := ROW_COUNT;
  RAISE INFO 'rows inserted = %', integer_var;
END;
$$ LANGUAGE plpgsql`,
    ],
    call: 'call sp_row_count()',
    messages: ['rows inserted = 1'],
  },
  {
    title: 'a RECORD takes the row of a FOR loop over a query',
    doc: STRUCTURE,
    setup: [
      'CREATE TABLE tbl_record(a int, b int)',
      'INSERT INTO tbl_record VALUES(1, 2)',
      `CREATE OR REPLACE PROCEDURE record_example()
LANGUAGE plpgsql
AS $$
DECLARE
  rec RECORD;
BEGIN
  FOR rec IN SELECT a FROM tbl_record
  LOOP
    RAISE INFO 'a = %', rec.a;
  END LOOP;
END;
$$`,
    ],
    call: 'call record_example()',
    messages: ['a = 1'],
  },
  {
    title: 'RETURN leaves the procedure',
    doc: STATEMENTS,
    setup: [
      `CREATE OR REPLACE PROCEDURE return_example(a int)
AS $$
BEGIN
  FOR b in 1..10 LOOP
    IF b < a THEN
      RAISE INFO 'b = %', b;
    ELSE
      RETURN;
    END IF;
  END LOOP;
END;
$$ LANGUAGE plpgsql`,
    ],
    call: 'call return_example(3)',
    messages: ['b = 1', 'b = 2'],
  },
  {
    title: 'EXIT a labelled loop, EXIT ... WHEN',
    doc: STATEMENTS,
    setup: [
      `CREATE OR REPLACE PROCEDURE simple_loop()
LANGUAGE plpgsql
AS $$
BEGIN
  <<simple_while>>
  LOOP
    RAISE INFO 'I am raised once';
    EXIT simple_while;
    RAISE INFO 'I am not raised';
  END LOOP;
  RAISE INFO 'I am raised once as well';
END;
$$`,
      `CREATE OR REPLACE PROCEDURE simple_loop_when(x int)
LANGUAGE plpgsql
AS $$
DECLARE i INTEGER := 0;
BEGIN
  <<simple_loop_when>>
  LOOP
    RAISE INFO 'i %', i;
    i := i + 1;
    EXIT simple_loop_when WHEN (i >= x);
  END LOOP;
END;
$$`,
      'call simple_loop()',
    ],
    call: 'call simple_loop_when(2)',
    messages: ['i 0', 'i 1'],
  },
  {
    title: 'a FOR loop over EXECUTE',
    doc: STATEMENTS,
    setup: [
      'create table tbl_dynamic_sql (a int)',
      'insert into tbl_dynamic_sql values (1), (2), (3)',
      `CREATE OR REPLACE PROCEDURE for_loop_dynamic_sql(x int)
LANGUAGE plpgsql
AS $$
DECLARE
  rec RECORD;
  query text;
BEGIN
  query := 'SELECT * FROM tbl_dynamic_sql ORDER BY a LIMIT ' || x;
  FOR rec IN EXECUTE query
  LOOP
    RAISE INFO 'a %', rec.a;
  END LOOP;
END;
$$`,
    ],
    call: 'call for_loop_dynamic_sql(2)',
    messages: ['a 1', 'a 2'],
  },
  {
    title: 'OPEN, FETCH and CLOSE of unbound, bound and parameterised cursors',
    doc: STATEMENTS,
    setup: [
      'create table tenk1 (unique1 int, name varchar)',
      "insert into tenk1 values (42, 'answer'), (7, 'seven')",
      `create procedure sp_cursors() as $$
DECLARE
  curs1 refcursor;
  curs2 CURSOR FOR SELECT * FROM tenk1 ORDER BY unique1;
  curs3 CURSOR (key integer) IS SELECT * FROM tenk1 WHERE unique1 = key;
  r record;
BEGIN
  OPEN curs1 FOR EXECUTE 'SELECT * FROM ' || quote_ident('tenk1') || ' ORDER BY unique1 DESC';
  FETCH curs1 INTO r;
  RAISE INFO 'curs1 %', r.unique1;
  CLOSE curs1;
  OPEN curs2;
  FETCH curs2 INTO r;
  RAISE INFO 'curs2 %', r.unique1;
  CLOSE curs2;
  OPEN curs3(42);
  FETCH curs3 INTO r;
  RAISE INFO 'curs3 % %', r.name, FOUND;
  FETCH curs3 INTO r;
  RAISE INFO 'found %', FOUND;
  CLOSE curs3;
END
$$ language plpgsql`,
    ],
    call: 'call sp_cursors()',
    messages: ['curs1 42', 'curs2 7', 'curs3 answer t', 'found f'],
  },
  {
    title: 'RAISE levels and %% in the format',
    doc: STATEMENTS,
    setup: [
      "create procedure sp_raise() as $$ declare v_job_id int := 5; begin raise notice 'Calling cs_create_job(%)', v_job_id; raise warning '100%%'; raise info 'done'; end $$ language plpgsql",
    ],
    call: 'call sp_raise()',
    messages: ['Calling cs_create_job(5)', '100%', 'done'],
  },
  {
    title:
      'a SECURITY DEFINER procedure truncates (RowCount before 2, after 0)',
    doc: TRANSACTIONS,
    setup: [
      'create table test_tbl_trunc (id int, name varchar(20))',
      "insert into test_tbl_trunc values (1, 'john'), (2, 'mary')",
      `CREATE OR REPLACE PROCEDURE sp_truncate_test_tbl() LANGUAGE plpgsql
AS $$
DECLARE
  tbl_rows int;
BEGIN
  select count(*) into tbl_rows from test_tbl_trunc;
  RAISE INFO 'RowCount before Truncate: %', tbl_rows;
  TRUNCATE test_tbl_trunc;
  select count(*) into tbl_rows from test_tbl_trunc;
  RAISE INFO 'RowCount after Truncate: %', tbl_rows;
END;
$$ SECURITY DEFINER`,
    ],
    call: 'call sp_truncate_test_tbl()',
    messages: ['RowCount before Truncate: 2', 'RowCount after Truncate: 0'],
  },
]

describeFidelityCases(
  'local emulator: stored procedures (Developer Guide audit)',
  'local_proc_audit',
  CASES,
  (url) => {
    it.each(MESSAGE_CASES.map((c) => [c.title, c] as const))(
      'messages: %s',
      async (_title, testCase) => {
        const client: pg.Client = await connect(url())
        try {
          for (const sql of testCase.setup) await client.query(sql)
          const messages: string[] = []
          const severities: string[] = []
          client.on('notice', (notice) => {
            messages.push(notice.message ?? '')
            severities.push(notice.severity ?? '')
          })
          const where = `${testCase.call} (${testCase.doc})`
          if (testCase.fails !== undefined) {
            const error = await errorOf(client.query(testCase.call))
            expect(error.code, where).toBe(testCase.fails)
          } else await client.query(testCase.call)
          expect(messages, where).toEqual(testCase.messages)
          if (testCase.severities !== undefined)
            expect(severities, where).toEqual(testCase.severities)
        } finally {
          await client.end()
        }
      },
    )
  },
)
