import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase,
} from './fidelity-steps.js'

// Stored-procedure and configuration behaviours the earlier audits left as
// differences: nested exception handlers, cursors opened in procedures,
// control flow in NONATOMIC exception blocks, context variables after RESET,
// SET_CONFIG of PostgreSQL-only settings and SECURITY DEFINER procedures
// that commit. Each case names the page it checks.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const TRAPPING = `${DG}stored-procedure-trapping-errors.html`
const RESULT_SET = `${DG}stored-procedure-result-set.html`
const NONATOMIC_IF = `create procedure sp_na_if(x int) nonatomic as $$
begin
  insert into na_if_log values ('start');
  if 10 / x > 1 then
    insert into na_if_log values ('big');
  elsif x = 10 then
    insert into na_if_log values ('ten');
  else
    insert into na_if_log values ('small');
  end if;
  insert into na_if_log values ('after');
exception when others then
  insert into na_if_log values ('handler: ' || sqlerrm);
end $$ language plpgsql`
const ONE_CURSOR = 'only one cursor at a time can be open per session'
const GET_RESULT_SET = `CREATE OR REPLACE PROCEDURE get_result_set (param IN integer, rs_out INOUT refcursor)
AS $$
BEGIN
  OPEN rs_out FOR SELECT * FROM fact_tbl where id >= param;
END;
$$ LANGUAGE plpgsql`
const GUARDED =
  'ending the transaction inside the guarded part of an exception block in the local emulator is not supported'

const CASES: readonly FidelityCase[] = [
  {
    // Redshift rolls back, runs the inner handler in a new transaction that
    // commits, re-throws, and the outer handler does the same. The guarded
    // parts run statement by statement, so no PostgreSQL subtransaction is
    // open when a handler ends the transaction.
    title:
      'a handler nested in the guarded part of another block ends the transaction, then the outer one does',
    doc: TRAPPING,
    steps: [
      run('create table nest_log (v varchar)'),
      run(`create procedure sp_nest(x int) as $$
begin
  insert into nest_log values ('before');
  begin
    insert into nest_log values ('inner guarded');
    perform 1/x;
  exception when others then
    insert into nest_log values ('inner handler');
  end;
  insert into nest_log values ('after inner');
exception when others then
  insert into nest_log values ('outer handler: ' || sqlerrm);
end $$ language plpgsql`),
      fails('call sp_nest(0)', '22012', 'by zero'),
      rows('select v from nest_log', [
        { v: 'inner handler' },
        { v: 'outer handler: division by zero' },
      ]),
      run('call sp_nest(1)'),
      rows('select count(*)::int as n from nest_log', [{ n: 5 }]),
      // Inside a transaction block no handler ends the transaction: both
      // run and the error is thrown again, as on Redshift.
      run('begin'),
      fails('call sp_nest(0)', '22012', 'by zero'),
      run('rollback'),
      rows('select count(*)::int as n from nest_log', [{ n: 5 }]),
      // A FOR loop over EXECUTE's text in such a part: its rows are read in
      // guarded fetches, and the error in the third one reaches the handler.
      run(`create procedure sp_nest_for(q varchar) as $$
declare r record;
begin
  begin
    for r in execute q loop
      insert into nest_log values ('row ' || r.v);
    end loop;
  exception when others then
    insert into nest_log values ('inner: ' || sqlerrm);
  end;
exception when others then
  insert into nest_log values ('outer: ' || sqlerrm);
end $$ language plpgsql`),
      run('truncate nest_log'),
      fails(
        "call sp_nest_for('select 2 / (2 - g) as v from generate_series(0, 2) g')",
        '22012',
        'by zero',
      ),
      rows('select v from nest_log', [
        { v: 'inner: division by zero' },
        { v: 'outer: division by zero' },
      ]),
      // What the statement-by-statement rewrite refuses keeps the limit.
      run(`create procedure sp_nest_foreach() as $$
declare a int[] := array[1, 0]; x int;
begin
  begin
    foreach x in array a loop
      perform 1 / x;
    end loop;
  exception when others then
    insert into nest_log values ('inner');
  end;
exception when others then
  insert into nest_log values ('outer');
end $$ language plpgsql`),
      fails('call sp_nest_foreach()', '0A000', GUARDED),
    ],
  },
  {
    title:
      'a handler nested in another handler ends the transaction as the outer one does',
    doc: TRAPPING,
    steps: [
      run('create table nest2_log (v varchar)'),
      run(`create procedure sp_nest2() as $$
begin
  insert into nest2_log values ('guarded');
  perform 1/0;
exception when others then
  insert into nest2_log values ('outer handler');
  begin
    perform 1/0;
  exception when others then
    insert into nest2_log values ('inner handler');
  end;
end $$ language plpgsql`),
      fails('call sp_nest2()', '22012', 'by zero'),
      // The inner handler's rollback undoes the outer handler's insert.
      rows('select v from nest2_log', [{ v: 'inner handler' }]),
    ],
  },
  {
    title:
      'a procedure with a handler called in the guarded part of another is an emulator limit when it would end the transaction',
    doc: TRAPPING,
    steps: [
      run('create table nest3_log (v varchar)'),
      run(`create procedure sp_callee3() as $$
begin
  perform 1/0;
exception when others then
  insert into nest3_log values ('callee handler');
end $$ language plpgsql`),
      run(`create procedure sp_caller3() as $$
begin
  call sp_callee3();
exception when others then
  insert into nest3_log values ('caller handler');
end $$ language plpgsql`),
      fails('call sp_caller3()', '0A000', GUARDED),
      rows('select count(*)::int as n from nest3_log', [{ n: 0 }]),
    ],
  },
  {
    title:
      'a NONATOMIC handler around a call of a procedure that commits is an emulator limit',
    doc: TRAPPING,
    steps: [
      run('create table nest4_t (v int)'),
      run(
        // Nested procedures share their transaction mode (r_CREATE_PROCEDURE.html).
        'create procedure sp_commits4() nonatomic as $$ begin insert into nest4_t values (1); commit; end $$ language plpgsql',
      ),
      run(`create procedure sp_guards4() nonatomic as $$
begin
  call sp_commits4();
exception when others then
  insert into nest4_t values (2);
end $$ language plpgsql`),
      fails('call sp_guards4()', '0A000', GUARDED),
      rows('select count(*)::int as n from nest4_t', [{ n: 0 }]),
    ],
  },
  {
    // A cursor a procedure returns "is subject to the same constraints"
    // as DECLARE's (declare.html: one open cursor per session).
    title: "a cursor a procedure opens counts as the session's one open cursor",
    doc: RESULT_SET,
    steps: [
      run('create table fact_tbl (id int, secondary_id int, name varchar)'),
      run(
        "insert into fact_tbl values (1, 1, 'Joe'), (1, 2, 'Ed'), (2, 1, 'Mary')",
      ),
      run(GET_RESULT_SET),
      run('BEGIN'),
      run("CALL get_result_set(2, 'mycursor')"),
      rows('FETCH ALL FROM mycursor', [
        { id: 2, secondary_id: 1, name: 'Mary' },
      ]),
      fails('declare other cursor for select 1', '0A000', ONE_CURSOR),
      run('ROLLBACK'),
      run('BEGIN'),
      run('declare first_one cursor for select 1'),
      fails("CALL get_result_set(1, 'mycursor')", '0A000', ONE_CURSOR),
      run('ROLLBACK'),
      // Once the first is closed, another may open.
      run('BEGIN'),
      run("CALL get_result_set(1, 'c_a')"),
      fails("CALL get_result_set(1, 'c_b')", '0A000', ONE_CURSOR),
      run('ROLLBACK'),
      run('BEGIN'),
      run("CALL get_result_set(1, 'c_a')"),
      run('CLOSE c_a'),
      run("CALL get_result_set(2, 'c_b')"),
      rows('FETCH ALL FROM c_b', [{ id: 2, secondary_id: 1, name: 'Mary' }]),
      run('COMMIT'),
    ],
  },
  {
    title:
      'a procedure that opens two cursors fails; a FOR loop beside an open cursor does not',
    doc: `${DG}declare.html`,
    steps: [
      run(
        'create procedure sp_two_cursors() as $$ declare c1 cursor for select 1; c2 refcursor; begin open c1; open c2 for select 2; end $$ language plpgsql',
      ),
      run('begin'),
      fails('call sp_two_cursors()', '0A000', ONE_CURSOR),
      run('rollback'),
      run('create table loop_src (v int)'),
      run('insert into loop_src values (1), (2)'),
      run('create table loop_dst (v int)'),
      run(
        'create procedure sp_loop_beside() as $$ declare r record; c1 cursor for select 5 as x; begin open c1; for r in select v from loop_src loop insert into loop_dst values (r.v); end loop; end $$ language plpgsql',
      ),
      run('begin'),
      run('call sp_loop_beside()'),
      rows('fetch all from c1', [{ x: 5 }]),
      run('commit'),
      rows('select v from loop_dst order by v', [{ v: 1 }, { v: 2 }]),
    ],
  },
  {
    title:
      'RESET sets a session context variable to NULL; RESET ALL NULLs them all',
    doc: `${DG}r_RESET.html`,
    steps: [
      run("SET app_context.user_id TO 'cuddy'"),
      rows("select current_setting('app_context.user_id') as v", [
        { v: 'cuddy' },
      ]),
      run('RESET app_context.user_id'),
      rows("select current_setting('app_context.user_id') as v", [{ v: null }]),
      rows('show app_context.user_id', [{ 'app_context.user_id': null }]),
      // An empty string set on purpose stays one.
      run("SET app_context.user_id TO ''"),
      rows("select current_setting('app_context.user_id') as v", [{ v: '' }]),
      run("SET app_context.team TO 'ops'"),
      run("select set_config('app_context.region', 'eu', false)"),
      run('reset all'),
      rows(
        "select current_setting('app_context.user_id') as u, current_setting('app_context.team') as t, current_setting('app_context.region') as r",
        [{ u: null, t: null, r: null }],
      ),
      // A procedure reads the NULL too.
      run(
        "create procedure sp_reads_context(v inout varchar) as $$ begin v := coalesce(current_setting('app_context.team'), 'null'); end $$ language plpgsql",
      ),
      rows("call sp_reads_context('x')", [{ v: 'null' }]),
      // A RESET rolled back with its transaction block is undone.
      run("SET app_context.team TO 'ops'"),
      run('begin'),
      run('reset app_context.team'),
      run('rollback'),
      rows("select current_setting('app_context.team') as t", [{ t: 'ops' }]),
    ],
  },
  {
    title:
      'CURRENT_SETTING of a context variable never set fails, or is NULL with error_if_undefined false',
    doc: `${DG}r_CURRENT_SETTING.html`,
    steps: [
      fails(
        "select current_setting('app_context.never_set')",
        '42704',
        'unrecognized configuration parameter "app_context.never_set"',
      ),
      rows("SELECT CURRENT_SETTING('app_context.never_set', FALSE) as v", [
        { v: null },
      ]),
    ],
  },
  {
    // SET of a parameter Redshift does not have fails; SET_CONFIG, SET in a
    // function's form, fails the same way.
    title: 'SET_CONFIG of a PostgreSQL-only setting fails as SET does',
    doc: `${DG}r_SET_CONFIG.html`,
    steps: [
      fails(
        "set work_mem to '64MB'",
        '42704',
        'unrecognized configuration parameter "work_mem"',
      ),
      fails(
        "select set_config('work_mem', '64MB', false)",
        '42704',
        'unrecognized configuration parameter "work_mem"',
      ),
      fails(
        "select set_config('intervalstyle', 'iso_8601', false)",
        '42704',
        'unrecognized configuration parameter "intervalstyle"',
      ),
      fails(
        "select 1 as one, set_config('enable_seqscan', 'off', false)",
        '42704',
        'unrecognized configuration parameter "enable_seqscan"',
      ),
      fails(
        "set intervalstyle to 'iso_8601'",
        '42704',
        'unrecognized configuration parameter "intervalstyle"',
      ),
      rows("select set_config('datestyle', 'ISO, MDY', false) as d", [
        { d: 'ISO, MDY' },
      ]),
    ],
  },
  {
    // A procedure body's SET, RESET and SET_CONFIG (static or run by
    // EXECUTE) judge the parameter as the statement-level SET does: one
    // Redshift does not have fails when the statement runs, and a handler
    // catches it as any error.
    title:
      'SET, RESET and SET_CONFIG of a PostgreSQL-only setting fail in a procedure as outside one',
    doc: `${DG}r_SET.html`,
    steps: [
      run('create table proc_set_log (v varchar)'),
      run(
        "create procedure sp_set_pg() as $$ begin insert into proc_set_log values ('before'); set client_min_messages to warning; end $$ language plpgsql",
      ),
      fails(
        'call sp_set_pg()',
        '42704',
        'unrecognized configuration parameter "client_min_messages"',
      ),
      run(
        'create procedure sp_set_session() as $$ begin set session "Work_Mem" = \'8MB\'; end $$ language plpgsql',
      ),
      fails(
        'call sp_set_session()',
        '42704',
        'unrecognized configuration parameter "work_mem"',
      ),
      run(
        'create procedure sp_reset_pg() as $$ begin reset work_mem; end $$ language plpgsql',
      ),
      fails(
        'call sp_reset_pg()',
        '42704',
        'unrecognized configuration parameter "work_mem"',
      ),
      run(
        "create procedure sp_set_config_pg(p varchar) as $$ begin perform pg_catalog.set_config(p, 'off', false); end $$ language plpgsql",
      ),
      fails(
        "call sp_set_config_pg('enable_seqscan')",
        '42704',
        'unrecognized configuration parameter "enable_seqscan"',
      ),
      run(
        'create procedure sp_execute_set(q varchar) as $$ begin execute q; end $$ language plpgsql',
      ),
      fails(
        "call sp_execute_set('set intervalstyle to iso_8601')",
        '42704',
        'unrecognized configuration parameter "intervalstyle"',
      ),
      fails(
        "call sp_execute_set('select set_config(''work_mem'', ''8MB'', false)')",
        '42704',
        'unrecognized configuration parameter "work_mem"',
      ),
      // Redshift's own parameters live in the emulator, out of a body's reach.
      run(
        "create procedure sp_set_rs() as $$ begin set query_group to 'etl'; end $$ language plpgsql",
      ),
      fails(
        'call sp_set_rs()',
        '0A000',
        'SET of query_group in a stored procedure in the local emulator is not supported',
      ),
      // Redshift's parameters and context variables still set.
      run(
        "create procedure sp_set_ok() as $$ begin set datestyle to 'ISO, MDY'; set time zone 'UTC'; set app_ctx.who = 'a'; perform set_config('app_ctx.who', 'b', false); execute 'reset datestyle'; insert into proc_set_log values (current_setting('app_ctx.who')); end $$ language plpgsql",
      ),
      run('call sp_set_ok()'),
      // A NONATOMIC procedure's handler catches it; what committed stays.
      run(`create procedure sp_set_na() nonatomic as $$
begin
  insert into proc_set_log values ('na before');
  set work_mem to '8MB';
  insert into proc_set_log values ('not reached');
exception when others then
  insert into proc_set_log values ('handler: ' || sqlerrm);
end $$ language plpgsql`),
      run('call sp_set_na()'),
      rows('select v from proc_set_log', [
        { v: 'b' },
        { v: 'na before' },
        { v: 'handler: unrecognized configuration parameter "work_mem"' },
      ]),
    ],
  },
  {
    // SECURITY DEFINER runs as the owner (r_CREATE_PROCEDURE.html);
    // PostgreSQL's definer procedures cannot commit, so the emulator runs one
    // that commits as its caller: the same for the owner, a limit for others.
    title:
      'a SECURITY DEFINER procedure that commits runs as its owner for the owner, and is an emulator limit for another user',
    doc: `${DG}r_CREATE_PROCEDURE.html`,
    steps: [
      run('create table definer_t (who varchar)'),
      run("create user definer_bob password 'Bob12345'"),
      run(
        'create procedure sp_definer_commits() security definer as $$ begin insert into definer_t values (current_user); commit; end $$ language plpgsql',
      ),
      run(
        'create procedure sp_definer_plain() security definer as $$ begin insert into definer_t values (current_user); end $$ language plpgsql',
      ),
      run('call sp_definer_commits()'),
      run('grant execute on procedure sp_definer_commits() to definer_bob'),
      run('grant execute on procedure sp_definer_plain() to definer_bob'),
      run('set session authorization definer_bob'),
      fails(
        'call sp_definer_commits()',
        '0A000',
        'a SECURITY DEFINER procedure that commits, called by a user other than its owner',
      ),
      // One that does not end a transaction stays PostgreSQL's definer.
      run('call sp_definer_plain()'),
      run('reset session authorization'),
      rows(
        'select who = current_user as by_owner, count(*)::int as n from definer_t group by 1',
        [{ by_owner: true, n: 2 }],
      ),
    ],
  },
  {
    // An error in a condition of an IF in the guarded part reaches the
    // handler as an error in a statement does; what committed before stays.
    title:
      'IF / ELSIF / ELSE in the guarded part of a NONATOMIC exception block',
    doc: TRAPPING,
    steps: [
      run('create table na_if_log (v varchar)'),
      run(NONATOMIC_IF),
      run('call sp_na_if(1)'),
      run('call sp_na_if(10)'),
      run('call sp_na_if(20)'),
      run('call sp_na_if(0)'),
      rows('select v from na_if_log', [
        { v: 'start' },
        { v: 'big' },
        { v: 'after' },
        { v: 'start' },
        { v: 'ten' },
        { v: 'after' },
        { v: 'start' },
        { v: 'small' },
        { v: 'after' },
        { v: 'start' },
        { v: 'handler: division by zero' },
      ]),
    ],
  },
  {
    // PL/pgSQL's CASE without ELSE fails when no WHEN matches; under a
    // CONTINUE_HANDLER the procedure goes on after the CASE.
    title:
      'CASE, WHILE and EXIT WHEN in the guarded part of a NONATOMIC exception block',
    doc: TRAPPING,
    steps: [
      run('create table na_case_log (v varchar)'),
      run(`create procedure sp_na_case(x int) nonatomic as $$
begin
  case x
    when 1, 2 then insert into na_case_log values ('one or two');
    when 3 then insert into na_case_log values ('three');
  end case;
  insert into na_case_log values ('after');
exception continue_handler when others then
  insert into na_case_log values ('handler: ' || sqlerrm);
end $$ language plpgsql`),
      run('call sp_na_case(2)'),
      run('call sp_na_case(9)'),
      rows('select v from na_case_log', [
        { v: 'one or two' },
        { v: 'after' },
        { v: 'handler: case not found' },
        { v: 'after' },
      ]),
      run('create table na_while_log (v varchar)'),
      run(`create procedure sp_na_while(n int) nonatomic as $$
declare i int := 0;
begin
  while 10 / (n - i) > 0 loop
    i := i + 1;
    insert into na_while_log values ('i=' || i);
    exit when 10 / (3 - i) = 0;
  end loop;
  insert into na_while_log values ('after');
exception when others then
  insert into na_while_log values ('handler: ' || sqlerrm);
end $$ language plpgsql`),
      // The WHILE condition fails at i = 2.
      run('call sp_na_while(2)'),
      // EXIT WHEN's condition fails at i = 3.
      run('call sp_na_while(9)'),
      rows('select v from na_while_log', [
        { v: 'i=1' },
        { v: 'i=2' },
        { v: 'handler: division by zero' },
        { v: 'i=1' },
        { v: 'i=2' },
        { v: 'i=3' },
        { v: 'handler: division by zero' },
      ]),
    ],
  },
  {
    // The bounds of a FOR loop over a range are evaluated once, before the
    // loop, in a guarded statement: an error there reaches the handler, and
    // PL/pgSQL's own checks of the bounds fail as they do.
    title:
      'FOR over an integer range in the guarded part of a NONATOMIC exception block',
    doc: TRAPPING,
    steps: [
      run('create table na_range_log (v varchar)'),
      run(`create procedure sp_na_range(x int, step int) nonatomic as $$
begin
  insert into na_range_log values ('start');
  <<outer>>
  for i in reverse 10 / x .. 1 by step loop
    insert into na_range_log values ('i=' || i);
    exit outer when i < 3;
  end loop outer;
  insert into na_range_log values ('after');
exception when others then
  insert into na_range_log values ('handler: ' || sqlerrm);
end $$ language plpgsql`),
      run('call sp_na_range(1, 4)'),
      run('call sp_na_range(0, 1)'),
      run('call sp_na_range(1, 0)'),
      run('call sp_na_range(1, null)'),
      rows('select v from na_range_log', [
        { v: 'start' },
        { v: 'i=10' },
        { v: 'i=6' },
        { v: 'i=2' },
        { v: 'after' },
        { v: 'start' },
        { v: 'handler: division by zero' },
        { v: 'start' },
        { v: 'handler: BY value of FOR loop must be greater than zero' },
        { v: 'start' },
        { v: 'handler: BY value of FOR loop cannot be null' },
      ]),
    ],
  },
  {
    // A FOR loop over a query or EXECUTE's text opens it and fetches each
    // row in guarded statements: an error in the query reaches the handler;
    // under a CONTINUE_HANDLER the procedure goes on after the loop. A
    // commit in the body still closes the loop's cursor, as on Redshift.
    title:
      'FOR over a query and over EXECUTE in the guarded part of a NONATOMIC exception block',
    doc: TRAPPING,
    steps: [
      run('create table na_query_src (a int)'),
      run('insert into na_query_src values (1), (2), (4)'),
      run('create table na_query_log (v varchar)'),
      run(`create procedure sp_na_query(q varchar) nonatomic as $$
declare r record;
begin
  start transaction;
  for r in select a from na_query_src order by a loop
    insert into na_query_log values ('a=' || r.a);
  end loop;
  insert into na_query_log values ('found=' || found);
  for r in execute q using 8 loop
    insert into na_query_log values ('b=' || r.b);
  end loop;
  insert into na_query_log values ('after');
  commit;
exception continue_handler when others then
  insert into na_query_log values ('handler: ' || sqlerrm);
end $$ language plpgsql`),
      run(
        "call sp_na_query('select $1 / a as b from na_query_src where a > 1 order by a')",
      ),
      run(
        "call sp_na_query('select $1 / (a - 1) as b from na_query_src order by a')",
      ),
      rows('select v from na_query_log', [
        { v: 'a=1' },
        { v: 'a=2' },
        { v: 'a=4' },
        { v: 'found=true' },
        { v: 'b=4' },
        { v: 'b=2' },
        { v: 'after' },
        { v: 'a=1' },
        { v: 'a=2' },
        { v: 'a=4' },
        { v: 'found=true' },
        { v: 'handler: division by zero' },
        { v: 'after' },
      ]),
      // Each statement commits outside a transaction block: the next fetch
      // fails, and the handler catches it.
      run('truncate na_query_log'),
      run(`create procedure sp_na_query_commits() nonatomic as $$
declare r record;
begin
  for r in select a from na_query_src order by a loop
    insert into na_query_log values ('a=' || r.a);
  end loop;
exception when others then
  insert into na_query_log values ('handler: ' || sqlstate);
end $$ language plpgsql`),
      run('call sp_na_query_commits()'),
      rows('select v from na_query_log', [
        { v: 'a=1' },
        { v: 'handler: 34000' },
      ]),
    ],
  },
  {
    // A nested block's initial values are assigned in order in a guarded
    // statement: an error there reaches the enclosing handler (not the
    // block's own, as in PL/pgSQL), and under a CONTINUE_HANDLER the block
    // is skipped.
    title:
      'a nested DECLARE block in the guarded part of a NONATOMIC exception block',
    doc: TRAPPING,
    steps: [
      run('create table na_declare_log (v varchar)'),
      run(`create procedure sp_na_declare(x int) nonatomic as $$
begin
  insert into na_declare_log values ('start');
  declare
    y int := 10 / x;
    z int = y + 1;
    w varchar;
  begin
    w := y || '/' || z;
    insert into na_declare_log values (w);
  exception when others then
    insert into na_declare_log values ('inner handler');
  end;
  insert into na_declare_log values ('after');
exception continue_handler when others then
  insert into na_declare_log values ('handler: ' || sqlerrm);
end $$ language plpgsql`),
      run('call sp_na_declare(2)'),
      run('call sp_na_declare(0)'),
      rows('select v from na_declare_log', [
        { v: 'start' },
        { v: '5/6' },
        { v: 'after' },
        { v: 'start' },
        { v: 'handler: division by zero' },
        { v: 'after' },
      ]),
    ],
  },
]

describeFidelityCases(
  'local emulator: stored procedure and configuration gaps',
  'local_procs_config_gaps',
  CASES,
)
