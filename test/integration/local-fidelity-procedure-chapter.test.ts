import { afterAll, beforeAll, expect, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect, emulatorUrl, errorOf } from './local-test-helpers.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'

// The stored procedure chapter of the Developer Guide and its command
// pages: parameters qualified by the procedure's name, the statements a
// body cannot run, the HINT of a refusal where the body runs it, and DROP
// USER in a body after the user read another database.

const STRUCTURE = `${DG}c_PLpgSQL-structure.html`
const STATEMENTS = `${DG}c_PLpgSQL-statements.html`
const CONSTRAINTS = `${DG}stored-procedure-constraints.html`
const CREATE = `${DG}stored-procedure-create.html`
const CREATE_PROCEDURE = `${DG}r_CREATE_PROCEDURE.html`
const SECURITY = `${DG}stored-procedure-security-and-privileges.html`
const ALTER_PROCEDURE = `${DG}r_ALTER_PROCEDURE.html`
const SHOW_PROCEDURE = `${DG}r_SHOW_PROCEDURE.html`
const NAMING = `${DG}stored-procedure-naming.html`
const DROP_PROCEDURE = `${DG}r_DROP_PROCEDURE.html`
const TRAPPING = `${DG}stored-procedure-trapping-errors.html`
const PROC_INFO = `${DG}r_PG_PROC_INFO.html`
const RESULT_SET = `${DG}stored-procedure-result-set.html`
const SAME_MODE =
  'nested stored procedure calls must all be in the same transaction mode'
const DROP_USER = `${DG}r_DROP_USER.html`
const CROSS_DATABASE = `${DG}cross-database-overview.html`
const CALL = `${DG}r_CALL_procedure.html`
const NOT_IN_CALL =
  "OUT arguments aren't specified as part of the CALL statement"
const NOT_NESTED = "OUT arguments aren't allowed in a nested procedure call"

/** A body declaring `n` variables, one DECLARE line each, and one more in a subblock. */
const declaring = (n: number): string =>
  `declare\n${Array.from({ length: n }, (_, i) => `v${i} int;`).join('\n')}\nbegin declare w int; begin null; end; end`

const CASES: readonly Case[] = [
  {
    title:
      'CALL passes the IN and INOUT arguments only: a value for an OUT argument is refused',
    doc: CREATE_PROCEDURE,
    steps: [
      run(
        `create procedure r1_pc_out(a int, b out int, c out varchar(20)) as $$
         begin
           b := a + 1;
           c := 'c' || a;
         end $$ language plpgsql`,
      ),
      rows('call r1_pc_out(1)', [{ column1: 2, column2: 'c1' }]),
      fails('call r1_pc_out(1, 5)', '42883', NOT_IN_CALL),
      fails('call r1_pc_out(1, null, null)', '42883', NOT_IN_CALL),
      // Refused in a transaction block too, and the next CALL is judged afresh.
      run('begin'),
      fails('call r1_pc_out(2, 5)', '42883', NOT_IN_CALL),
      run('rollback'),
      rows('call r1_pc_out(3)', [{ column1: 4, column2: 'c3' }]),
      run(
        'create procedure r1_pc_only_out(out r int) as $$ begin r := 7; end $$ language plpgsql',
      ),
      rows('call r1_pc_only_out()', [{ column1: 7 }]),
      fails('call r1_pc_only_out(1)', '42883', NOT_IN_CALL),
      run(
        'create procedure r1_pc_inout(a int, inout b int) as $$ begin b := a * b; end $$ language plpgsql',
      ),
      rows('call r1_pc_inout(2, 3)', [{ b: 6 }]),
    ],
  },
  {
    title:
      'a nested call passes output through INOUT arguments; an inner procedure with OUT arguments is refused',
    doc: CALL,
    steps: [
      run(
        `create procedure r1_pc_inner(inout a int, b int, inout c int) language plpgsql as $$
         begin
           a := b * a;
           c := b * c;
         end $$`,
      ),
      run(
        `create procedure r1_pc_outer(multiplier int) language plpgsql as $$
         declare
           x int := 3;
           y int := 4;
         begin
           drop table if exists r1_pc_nested;
           create temp table r1_pc_nested(a int, b varchar(256));
           call r1_pc_inner(x, multiplier, y);
           insert into r1_pc_nested values (x, y::varchar);
         end $$`,
      ),
      run('call r1_pc_outer(5)'),
      rows('select a, b from r1_pc_nested', [{ a: 15, b: '20' }]),
      run(
        `create procedure r1_pc_outer_out() as $$
         declare
           x int;
           y varchar(20);
         begin
           call r1_pc_out_inner(1, x, y);
         end $$ language plpgsql`,
      ),
      run(
        `create procedure r1_pc_out_inner(a int, b out int, c out varchar(20)) as $$
         begin
           b := a + 1;
         end $$ language plpgsql`,
      ),
      fails('call r1_pc_outer_out()', '0A000', NOT_NESTED),
      run(
        `create procedure r1_pc_outer_dynamic() as $$
         begin
           execute 'call r1_pc_out_inner(1)';
         end $$ language plpgsql`,
      ),
      fails('call r1_pc_outer_dynamic()', '0A000', NOT_NESTED),
    ],
  },
  {
    title:
      "a parameter qualified by the procedure's name is the parameter, in Redshift expressions and statements",
    doc: STRUCTURE,
    steps: [
      run('create table h1_pc_named (n int, d timestamp, k int)'),
      run(
        `create procedure h1_pc_named_sp(n int, s super, out r varchar(40)) as $$
         declare
           x int;
           y varchar(10);
         begin
           x := h1_pc_named_sp.n + 1;
           y := nvl2(h1_pc_named_sp.n, 'set', 'unset');
           insert into h1_pc_named
             values (h1_pc_named_sp.n, dateadd(day, h1_pc_named_sp.n, '2020-01-01'), h1_pc_named_sp.s.k::int);
           r := x || ' ' || y || ' ' || decode(h1_pc_named_sp.n, 3, 'three', 'other');
         end $$ language plpgsql`,
      ),
      rows(`call h1_pc_named_sp(3, json_parse('{"k":5}'))`, [
        { column1: '4 set three' },
      ]),
      rows('select n, d::text as d, k from h1_pc_named', [
        { n: 3, d: '2020-01-04 00:00:00', k: 5 },
      ]),
    ],
  },
  {
    title:
      "the procedure's name qualifies only its parameters: a table of the same name keeps its columns",
    doc: STRUCTURE,
    steps: [
      run('create table h1_pc_same (c int)'),
      run('insert into h1_pc_same values (7)'),
      run(
        `create procedure h1_pc_same(p int, out r int) as $$
         begin
           select h1_pc_same.c + h1_pc_same.p into r from h1_pc_same;
         end $$ language plpgsql`,
      ),
      rows('call h1_pc_same(2)', [{ column1: 9 }]),
    ],
  },
  {
    title:
      'ALTER TABLE APPEND and CREATE EXTERNAL TABLE in a body fail when they run, as commands that need a transaction context of their own',
    doc: CONSTRAINTS,
    steps: [
      run('create table h1_pc_target (a int)'),
      run('create table h1_pc_source (a int)'),
      run(
        `create procedure h1_pc_append() as $$
         begin
           insert into h1_pc_target values (1);
           alter table public.h1_pc_target
             append from h1_pc_source;
         end $$ language plpgsql`,
      ),
      fails(
        'call h1_pc_append()',
        '0A000',
        'ALTER TABLE APPEND is not supported in a stored procedure',
      ),
      // The call's transaction is rolled back.
      rows('select count(*)::int as n from h1_pc_target', [{ n: 0 }]),
      run(
        `create procedure h1_pc_external() as $$
         begin
           create external table h1_pc_spectrum.sales (a int)
             stored as textfile location 's3://h1-bucket/sales/';
         end $$ language plpgsql`,
      ),
      fails(
        'call h1_pc_external()',
        '0A000',
        'CREATE EXTERNAL TABLE is not supported in a stored procedure',
      ),
    ],
  },
  {
    title:
      'nested calls: every procedure in the same transaction mode, NONATOMIC or not',
    doc: CREATE_PROCEDURE,
    steps: [
      run(
        "create procedure h1_pc_atomic(a int) as $$ begin raise info 'a = %', a; end $$ language plpgsql",
      ),
      run(
        "create procedure h1_pc_nonatomic() nonatomic as $$ begin raise info 'nonatomic'; end $$ language plpgsql",
      ),
      run(
        'create procedure h1_pc_atomic_outer() as $$ begin call h1_pc_atomic(1); end $$ language plpgsql',
      ),
      run('call h1_pc_atomic_outer()'),
      run(
        'create procedure h1_pc_nonatomic_outer() nonatomic as $$ begin call h1_pc_nonatomic(); end $$ language plpgsql',
      ),
      run('call h1_pc_nonatomic_outer()'),
      run(
        'create procedure h1_pc_mixed_a() as $$ begin call h1_pc_nonatomic(); end $$ language plpgsql',
      ),
      fails('call h1_pc_mixed_a()', '0A000', SAME_MODE),
      run(
        'create procedure h1_pc_mixed_n() nonatomic as $$ begin call h1_pc_atomic(2); end $$ language plpgsql',
      ),
      fails('call h1_pc_mixed_n()', '0A000', SAME_MODE),
      // Through EXECUTE too.
      run(
        "create procedure h1_pc_mixed_e() as $$ begin execute 'call h1_pc_nonatomic()'; end $$ language plpgsql",
      ),
      fails('call h1_pc_mixed_e()', '0A000', SAME_MODE),
      // Each mode called by the client, in a transaction block or not.
      run('call h1_pc_nonatomic()'),
      run('begin'),
      run('call h1_pc_nonatomic()'),
      run('call h1_pc_atomic(3)'),
      run('commit'),
    ],
  },
  {
    title:
      'ALTER PROCEDURE: the owner renames it, only a superuser changes its owner',
    doc: ALTER_PROCEDURE,
    steps: [
      run('create user h1_pc_owner password disable'),
      run('create user h1_pc_heir password disable'),
      run('grant create on schema public to h1_pc_owner'),
      run('set session authorization h1_pc_owner'),
      run(
        'create procedure h1_pc_owned(a int) as $$ begin null; end $$ language plpgsql',
      ),
      fails(
        'alter procedure h1_pc_owned(int) owner to h1_pc_heir',
        '42501',
        '',
      ),
      run('alter procedure h1_pc_owned(int) rename to h1_pc_renamed'),
      run('reset session authorization'),
      run('set session authorization h1_pc_heir'),
      fails(
        'alter procedure h1_pc_renamed(int) rename to h1_pc_taken',
        '42501',
        'must be owner',
      ),
      run('reset session authorization'),
      run('alter procedure h1_pc_renamed(int) owner to h1_pc_heir'),
      rows(
        "select u.usename as owner from pg_proc p join pg_user u on u.usesysid = p.proowner where p.proname = 'h1_pc_renamed'",
        [{ owner: 'h1_pc_heir' }],
      ),
      run('drop procedure h1_pc_renamed(int)'),
      run('revoke create on schema public from h1_pc_owner'),
      run('drop user h1_pc_owner'),
      run('drop user h1_pc_heir'),
    ],
  },
  {
    title:
      'SHOW PROCEDURE takes no argument types when the name is unique, and needs them when it is overloaded',
    doc: SHOW_PROCEDURE,
    steps: [
      run(
        'create procedure h1_pc_shown(a int) as $$ begin null; end $$ language plpgsql',
      ),
      rows('show procedure h1_pc_shown', [
        {
          'Stored Procedure Definition':
            'CREATE OR REPLACE PROCEDURE public.h1_pc_shown(a integer)\nLANGUAGE plpgsql\nAS $_$ begin null; end $_$',
        },
      ]),
      run(
        'create procedure h1_pc_shown(a varchar) as $$ begin null; end $$ language plpgsql',
      ),
      fails('show procedure h1_pc_shown', '42725', 'is not unique'),
      run('show procedure h1_pc_shown(int)'),
      run('show procedure h1_pc_shown(varchar)'),
    ],
  },
  {
    title:
      'overloads differ in their input argument types, never in their output ones alone',
    doc: NAMING,
    steps: [
      run(
        'create procedure h1_pc_over(a int, out b int) as $$ begin b := a; end $$ language plpgsql',
      ),
      fails(
        'create procedure h1_pc_over(a int, out b varchar) as $$ begin b := a; end $$ language plpgsql',
        '42723',
        'already exists',
      ),
      run(
        "create procedure h1_pc_over(a varchar, out b varchar) as $$ begin b := a || '!'; end $$ language plpgsql",
      ),
      rows('call h1_pc_over(1)', [{ column1: 1 }]),
      rows("call h1_pc_over('x'::varchar)", [{ column1: 'x!' }]),
    ],
  },
  {
    title:
      "EXECUTE on a new procedure is its owner's and superusers' only, until granted",
    doc: SECURITY,
    steps: [
      run('create user h1_pc_caller password disable'),
      run(
        "create procedure h1_pc_guarded() as $$ begin raise info 'ran'; end $$ language plpgsql",
      ),
      rows(
        "select has_function_privilege('h1_pc_caller', 'h1_pc_guarded()', 'execute') as p",
        [{ p: false }],
      ),
      run('set session authorization h1_pc_caller'),
      fails('call h1_pc_guarded()', '42501', 'permission denied'),
      run('reset session authorization'),
      run('grant execute on procedure h1_pc_guarded() to h1_pc_caller'),
      // CREATE OR REPLACE keeps the grants.
      run(
        "create or replace procedure h1_pc_guarded() as $$ begin raise info 'ran again'; end $$ language plpgsql",
      ),
      run('set session authorization h1_pc_caller'),
      run('call h1_pc_guarded()'),
      run('reset session authorization'),
      // A function's EXECUTE stays PUBLIC's.
      run(
        'create function h1_pc_open_fn() returns int stable as $$ select 1 $$ language sql',
      ),
      rows(
        "select has_function_privilege('h1_pc_caller', 'h1_pc_open_fn()', 'execute') as p",
        [{ p: true }],
      ),
      // A procedure in another schema, by CREATE OR REPLACE.
      run('create schema h1_pc_schema'),
      run(
        'create or replace procedure h1_pc_schema.h1_pc_far() as $$ begin null; end $$ language plpgsql',
      ),
      rows(
        "select has_function_privilege('h1_pc_caller', 'h1_pc_schema.h1_pc_far()', 'execute') as p",
        [{ p: false }],
      ),
      run('drop procedure h1_pc_schema.h1_pc_far()'),
      run('drop schema h1_pc_schema'),
      run('drop procedure h1_pc_guarded()'),
      run('drop function h1_pc_open_fn()'),
      run('drop user h1_pc_caller'),
    ],
  },
  {
    title:
      'DROP PROCEDURE needs the argument types, even of a procedure whose name is unique',
    doc: DROP_PROCEDURE,
    steps: [
      run(
        'create procedure h1_pc_dropped(a int) as $$ begin null; end $$ language plpgsql',
      ),
      fails(
        'drop procedure h1_pc_dropped',
        '42601',
        "DROP PROCEDURE needs the procedure's argument types",
      ),
      fails(
        'drop procedure if exists h1_pc_dropped',
        '42601',
        "DROP PROCEDURE needs the procedure's argument types",
      ),
      // In a body it is the syntax error that refuses the procedure.
      fails(
        'create procedure h1_pc_dropper() as $$ begin drop procedure h1_pc_dropped; end $$ language plpgsql',
        '42601',
        "DROP PROCEDURE needs the procedure's argument types",
      ),
      run('drop procedure h1_pc_dropped(int)'),
      rows(
        "select count(*)::int as n from pg_proc where proname = 'h1_pc_dropped'",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title:
      'an error in an exception handler is caught by an outer handler, which sees its message',
    doc: TRAPPING,
    steps: [
      run('create table h1_pc_log (m varchar(200))'),
      run(
        `create procedure h1_pc_nested_handlers() as $$
         begin
           begin
             insert into h1_pc_log values ('work');
             perform 1/0;
           exception when others then
             insert into h1_pc_log values ('inner: ' || sqlerrm);
             raise exception 'from the inner handler';
           end;
         exception when others then
           insert into h1_pc_log values ('outer: ' || sqlerrm);
         end $$ language plpgsql`,
      ),
      // The outer handler's transaction commits; the error is thrown again.
      fails('call h1_pc_nested_handlers()', 'P0001', 'from the inner handler'),
      rows('select m from h1_pc_log', [{ m: 'outer: from the inner handler' }]),
    ],
  },
  {
    title:
      'PG_PROC_INFO: prooid, prokind, and the modes and types of all the arguments, OUT ones included',
    doc: PROC_INFO,
    steps: [
      run(
        `CREATE OR REPLACE PROCEDURE h1_pc_info(f1 IN int, f2 INOUT varchar(256), out_var OUT varchar(256))
         AS $$ BEGIN out_var := f2; END; $$ LANGUAGE plpgsql`,
      ),
      run(
        'create procedure h1_pc_info_in(a int, b varchar) as $$ begin null; end $$ language plpgsql',
      ),
      rows(
        `select prooid = 'h1_pc_info'::regproc::oid as same, proname, prokind, pronargs,
           proargtypes::text as proargtypes, proargmodes::text as proargmodes,
           proallargtypes::text as proallargtypes, proargnames::text as proargnames
         from pg_proc_info where proname = 'h1_pc_info'`,
        [
          {
            same: true,
            proname: 'h1_pc_info',
            prokind: 'p',
            pronargs: 2,
            proargtypes: '23 1043',
            proargmodes: '{i,b,o}',
            proallargtypes: '{23,1043,1043}',
            proargnames: '{f1,f2,""}',
          },
        ],
      ),
      // All IN: no modes, no list of all the types.
      rows(
        "select pronargs, proargmodes, proallargtypes, proargnames::text as proargnames from pg_proc_info where proname = 'h1_pc_info_in'",
        [
          {
            pronargs: 2,
            proargmodes: null,
            proallargtypes: null,
            proargnames: '{a,b}',
          },
        ],
      ),
      // Functions are listed too.
      rows(
        "select distinct prokind, proisagg from pg_proc_info where proname = 'count'",
        [{ prokind: 'a', proisagg: true }],
      ),
      rows("select prosrc from pg_proc_info where proname = 'h1_pc_info_in'", [
        { prosrc: ' begin null; end ' },
      ]),
    ],
  },
  {
    title:
      "DROP USER in a body refuses a user who holds a privilege or owns an object in the statement's words",
    doc: DROP_USER,
    steps: [
      run('create user h1_pc_holder password disable'),
      run('create table h1_pc_held (a int)'),
      run('grant select on h1_pc_held to h1_pc_holder'),
      run(
        'create procedure h1_pc_drop_holder() as $$ begin drop user h1_pc_holder; end $$ language plpgsql',
      ),
      fails(
        'drop user h1_pc_holder',
        '55006',
        'user "h1_pc_holder" can\'t be dropped because the user has a privilege on some object',
      ),
      fails(
        'call h1_pc_drop_holder()',
        '55006',
        'user "h1_pc_holder" can\'t be dropped because the user has a privilege on some object',
      ),
      run('revoke select on h1_pc_held from h1_pc_holder'),
      run('alter table h1_pc_held owner to h1_pc_holder'),
      fails(
        'call h1_pc_drop_holder()',
        '55006',
        'user "h1_pc_holder" can\'t be dropped because the user owns some object',
      ),
      run('drop table h1_pc_held'),
      run('call h1_pc_drop_holder()'),
      rows(
        "select count(*)::int as n from pg_user where usename = 'h1_pc_holder'",
        [{ n: 0 }],
      ),
    ],
  },
  {
    title: 'at most 1,024 variables in a stored procedure, subblocks included',
    doc: CONSTRAINTS,
    steps: [
      run(
        `create procedure h1_pc_vars_ok() as $$ ${declaring(1023)} $$ language plpgsql`,
      ),
      run('call h1_pc_vars_ok()'),
      fails(
        `create procedure h1_pc_vars_over() as $$ ${declaring(1024)} $$ language plpgsql`,
        '54000',
        'more than 1024 variables',
      ),
    ],
  },
  {
    title:
      'a refcursor a procedure returns is fetched inside the transaction block only',
    doc: RESULT_SET,
    steps: [
      run('create table h1_pc_fact (id int, name varchar(10))'),
      run("insert into h1_pc_fact values (1, 'Joe'), (2, 'Mary')"),
      run(
        `CREATE OR REPLACE PROCEDURE h1_pc_result_set (param IN integer, rs_out INOUT refcursor)
         AS $$
         BEGIN
           OPEN rs_out FOR SELECT * FROM h1_pc_fact where id >= param order by id;
         END;
         $$ LANGUAGE plpgsql`,
      ),
      // Outside a block the call commits, which closes the cursor.
      rows("CALL h1_pc_result_set(1, 'h1_cursor')", [{ rs_out: 'h1_cursor' }]),
      fails(
        'FETCH ALL FROM h1_cursor',
        '34000',
        'cursor "h1_cursor" does not exist',
      ),
      run('BEGIN'),
      run("CALL h1_pc_result_set(2, 'h1_cursor')"),
      rows('FETCH ALL FROM h1_cursor', [{ id: 2, name: 'Mary' }]),
      run('COMMIT'),
    ],
  },
]

describeFidelityCases(
  'local emulator: the stored procedure chapter',
  'h1_procedure_chapter',
  CASES,
  (url) => {
    it(`a refusal where a body runs it keeps the HINT a client's statement gets, in an expression and in a statement (${STATEMENTS})`, async () => {
      const client = await connect(url())
      try {
        const top = await errorOf(client.query("select string_agg('a', ',')"))
        expect(top.hint).toBeDefined()
        await client.query(
          `create procedure h1_pc_hint_expr() as $$
           declare v varchar(10);
           begin
             v := string_agg('a', ',');
           end $$ language plpgsql`,
        )
        const expression = await errorOf(client.query('call h1_pc_hint_expr()'))
        expect([expression.code, expression.message, expression.hint]).toEqual([
          top.code,
          top.message,
          top.hint,
        ])
        const distinct = await errorOf(
          client.query('select 1 is distinct from 2'),
        )
        expect(distinct.hint).toBeDefined()
        await client.query('create table h1_pc_hint (a int)')
        await client.query(
          `create procedure h1_pc_hint_stmt() as $$
           begin
             insert into h1_pc_hint select 1 where 1 is distinct from 2;
           end $$ language plpgsql`,
        )
        const statement = await errorOf(client.query('call h1_pc_hint_stmt()'))
        expect([statement.code, statement.message, statement.hint]).toEqual([
          distinct.code,
          distinct.message,
          distinct.hint,
        ])
      } finally {
        await client.end()
      }
    })

    it(`a statement a body cannot run fails at its line as an SQL statement, as a statement that runs does (${CONSTRAINTS})`, async () => {
      const client = await connect(url())
      try {
        await client.query(
          `create procedure r1_pc_where_ran() as $$
           begin
             insert into r1_pc_where_missing values (1);
           end $$ language plpgsql`,
        )
        const ran = await errorOf(client.query('call r1_pc_where_ran()'))
        expect(ran.code).toBe('42P01')
        expect(ran.where).toBe(
          'PL/pgSQL function r1_pc_where_ran() line 3 at SQL statement',
        )
        await client.query(
          `create procedure r1_pc_where_refused() as $$
           begin
             null;
             prepare r1_pc_plan as select 1;
           end $$ language plpgsql`,
        )
        const refused = await errorOf(
          client.query('call r1_pc_where_refused()'),
        )
        expect([refused.code, refused.message, refused.where]).toEqual([
          '0A000',
          'PREPARE is not supported in a stored procedure',
          'PL/pgSQL function r1_pc_where_refused() line 4 at SQL statement',
        ])
      } finally {
        await client.end()
      }
    })

    describeDropUser(url)
  },
)

/**
 * DROP USER in a procedure body of a user who read another database by
 * three-part name, from the connected database and from the other one:
 * the emulator's objects for those reads do not keep the user.
 */
function describeDropUser(url: () => string): void {
  let other: TestDatabase
  beforeAll(async () => {
    other = await createTestDatabase('h1_procedure_other')
    const client = await connect(emulatorUrl(other.name))
    try {
      await client.query('create table h1_pc_shared (a int)')
      await client.query('insert into h1_pc_shared values (1)')
      await client.query('grant select on h1_pc_shared to public')
    } finally {
      await client.end()
    }
  })
  afterAll(() => other.drop())

  it(`DROP USER in a procedure drops a user who read another database, as the statement does (${DROP_USER}, ${CROSS_DATABASE}, ${CREATE})`, async () => {
    const admin = await connect(url())
    const database = new URL(url()).pathname.slice(1)
    const user = 'h1_pc_reader'
    try {
      await admin.query(`create user ${user} password disable`)
      await admin.query('create table h1_pc_mine (a int)')
      await admin.query('insert into h1_pc_mine values (2)')
      await admin.query(`grant select on h1_pc_mine to ${user}`)
      // It reads the other database from this one, and this one from the other.
      const here = await connect(url())
      const there = await connect(emulatorUrl(other.name))
      try {
        await here.query(`set session authorization ${user}`)
        const read = await here.query(
          `select a from ${other.name}.public.h1_pc_shared`,
        )
        expect(read.rows).toEqual([{ a: 1 }])
        await there.query(`set session authorization ${user}`)
        const back = await there.query(
          `select a from ${database}.public.h1_pc_mine`,
        )
        expect(back.rows).toEqual([{ a: 2 }])
      } finally {
        await here.end()
        await there.end()
      }
      await admin.query(`revoke select on h1_pc_mine from ${user}`)
      await admin.query(
        `create procedure h1_pc_drop_reader() as $$
         begin
           drop user ${user};
         end $$ language plpgsql`,
      )
      await admin.query('call h1_pc_drop_reader()')
      const { rows } = await admin.query(
        'select usename from pg_user where usename = $1',
        [user],
      )
      expect(rows).toEqual([])
      // STL_USERLOG records the drop, as for the statement.
      const log = await admin.query(
        'select trim(action) as action from stl_userlog where trim(username) = $1 order by recordtime desc limit 1',
        [user],
      )
      expect(log.rows).toEqual([{ action: 'drop' }])
    } finally {
      await admin.query(`drop user if exists ${user}`).catch(() => {})
      await admin.end()
    }
  })
}
