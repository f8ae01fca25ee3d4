import { expect, it } from 'vitest'

import {
  fails,
  rows,
  run,
  describeFidelityCases,
  type FidelityCase,
} from './fidelity-steps.js'
import { connect, errorOf } from './local-test-helpers.js'

// NONATOMIC stored procedures, from the pages that document them, run
// through the emulator with the documented results. Redshift shows the
// per-statement commits through SVL_STATEMENTTEXT's xid; here they show as
// what survives a later error or a ROLLBACK.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const TRANSACTIONS = `${DG}stored-procedure-transaction-management.html`
const TRAPPING = `${DG}stored-procedure-trapping-errors.html`
const CREATE_PROCEDURE = `${DG}r_CREATE_PROCEDURE.html`
const LIMIT = 'in the local emulator is not supported'

const INSERT_TABLE_A = `CREATE OR REPLACE PROCEDURE sp_nonatomic_insert_table_a(a int, b int) NONATOMIC AS
$$
BEGIN
    INSERT INTO test_table_a values (a);
    INSERT INTO test_table_b values (b);
END;
$$
LANGUAGE plpgsql`

const TXN_BLOCK = `CREATE OR REPLACE PROCEDURE sp_nonatomic_txn_block(a int, b int) NONATOMIC AS
$$
BEGIN
    START TRANSACTION;
    INSERT INTO test_table_a VALUES (a);
    INSERT INTO test_table_b VALUES (b);
    COMMIT;
END;
$$
LANGUAGE plpgsql`

const cursorProcedure = (
  name: string,
  explicit: boolean,
) => `CREATE OR REPLACE PROCEDURE ${name}() NONATOMIC
LANGUAGE plpgsql
AS $$
DECLARE
    rec RECORD;
    cur1 cursor for select * from test_table_a order by 1;
BEGIN
    ${explicit ? 'START TRANSACTION;' : ''}
    open cur1;
    Loop
        fetch cur1 into rec;
        exit when not found;
        raise info '%', rec.v;
        insert into test_table_b values (rec.v);
    End Loop;
    ${explicit ? 'COMMIT;' : ''}
END
$$`

const EMPLOYEE = [
  'CREATE TABLE employee (firstname varchar, lastname varchar)',
  "INSERT INTO employee VALUES ('Tomas','Smith')",
  'CREATE TABLE employee_error_log (message varchar)',
]

const UPDATE_EMPLOYEE_SP_2 = `CREATE OR REPLACE PROCEDURE update_employee_sp_2() NONATOMIC AS
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

const UPDATE_EMPLOYEE_SP_3 = `CREATE OR REPLACE PROCEDURE update_employee_sp_3() NONATOMIC AS
$$
BEGIN
    BEGIN
        UPDATE employee SET firstname = 'Adam' WHERE lastname = 'Smith';
        EXECUTE 'select invalid1';
    EXCEPTION WHEN OTHERS THEN
        RAISE INFO 'An exception occurred in the first block.';
        INSERT INTO employee_error_log VALUES ('Error message: ' || SQLERRM);
    END;
    BEGIN
        INSERT INTO employee VALUES ('Edie','Robertson');
        EXECUTE 'select invalid2';
    EXCEPTION WHEN OTHERS THEN
        RAISE INFO 'An exception occurred in the second block.';
        INSERT INTO employee_error_log VALUES ('Error message: ' || SQLERRM);
    END;
END;
$$
LANGUAGE plpgsql`

const LOGGING = [
  'CREATE TABLE tbl_1 (a int)',
  'CREATE TABLE tbl_error_logging(info varchar, err_state varchar, err_msg varchar)',
]

const EXC_HANDLING_1 = `CREATE OR REPLACE PROCEDURE sp_exc_handling_1() NONATOMIC AS
$$
BEGIN
    INSERT INTO tbl_1 VALUES (1);
    -- Expect an error for the insert statement following, because of the invalid value
    INSERT INTO tbl_1 VALUES ("val");
    INSERT INTO tbl_1 VALUES (2);
EXCEPTION CONTINUE_HANDLER WHEN OTHERS THEN
    INSERT INTO tbl_error_logging VALUES ('Encountered error', SQLSTATE, SQLERRM);
END;
$$ LANGUAGE plpgsql`

const EXC_HANDLING_2 = `CREATE OR REPLACE PROCEDURE sp_exc_handling_2() NONATOMIC AS
$$
BEGIN
    INSERT INTO tbl_1 VALUES (1);
    BEGIN
        INSERT INTO tbl_1 VALUES (100);
        -- Expect an error for the insert statement following, because of the invalid value
        INSERT INTO tbl_1 VALUES ("val");
        INSERT INTO tbl_1 VALUES (101);
    EXCEPTION EXIT_HANDLER WHEN OTHERS THEN
        INSERT INTO tbl_error_logging VALUES ('Encountered error', SQLSTATE, SQLERRM);
    END;
    INSERT INTO tbl_1 VALUES (2);
    -- Expect an error for the insert statement following, because of the invalid value
    INSERT INTO tbl_1 VALUES ("val");
    INSERT INTO tbl_1 VALUES (3);
EXCEPTION CONTINUE_HANDLER WHEN OTHERS THEN
    INSERT INTO tbl_error_logging VALUES ('Encountered error', SQLSTATE, SQLERRM);
END;
$$ LANGUAGE plpgsql`

const tables = (...names: string[]) =>
  names.flatMap((n) => [
    run(`drop table if exists ${n}`),
    run(`create table ${n}(v int)`),
  ])

const CASES: readonly FidelityCase[] = [
  {
    title: 'outside a transaction block each INSERT commits on its own',
    doc: TRANSACTIONS,
    steps: [
      ...tables('test_table_a', 'test_table_b'),
      run(INSERT_TABLE_A),
      run('call sp_nonatomic_insert_table_a(1,2)'),
      rows('select v from test_table_a', [{ v: 1 }]),
      rows('select v from test_table_b', [{ v: 2 }]),
      // A later error undoes only its own statement: the first INSERT stays.
      fails("call sp_nonatomic_insert_table_a(3, 'x'::int)", '22P02', 'x'),
      run(
        'create or replace procedure sp_fail_late() nonatomic as $$ begin insert into test_table_a values (7); perform 1/0; end $$ language plpgsql',
      ),
      fails('call sp_fail_late()', '22012', 'by zero'),
      rows('select v from test_table_a order by v', [{ v: 1 }, { v: 7 }]),
    ],
  },
  {
    title:
      "inside BEGIN ... COMMIT every statement is in the caller's transaction",
    doc: TRANSACTIONS,
    steps: [
      ...tables('test_table_a', 'test_table_b'),
      run(INSERT_TABLE_A),
      run('begin'),
      run('insert into test_table_a values (10)'),
      run('call sp_nonatomic_insert_table_a(20,30)'),
      run('insert into test_table_b values (40)'),
      run('rollback'),
      rows('select count(*)::int as n from test_table_a', [{ n: 0 }]),
      run('begin'),
      run('insert into test_table_a values (10)'),
      run('call sp_nonatomic_insert_table_a(20,30)'),
      run('insert into test_table_b values (40)'),
      run('commit'),
      rows('select v from test_table_a order by v', [{ v: 10 }, { v: 20 }]),
      rows('select v from test_table_b order by v', [{ v: 30 }, { v: 40 }]),
    ],
  },
  {
    title:
      'START TRANSACTION ... COMMIT inside the procedure is one transaction',
    doc: TRANSACTIONS,
    steps: [
      ...tables('test_table_a', 'test_table_b'),
      run(TXN_BLOCK),
      run('call sp_nonatomic_txn_block(1,2)'),
      rows('select v from test_table_a', [{ v: 1 }]),
      rows('select v from test_table_b', [{ v: 2 }]),
      // An error before the COMMIT undoes the whole block.
      run(
        `create or replace procedure sp_txn_fail() nonatomic as $$ begin start transaction; insert into test_table_a values (5); perform 1/0; commit; end $$ language plpgsql`,
      ),
      fails('call sp_txn_fail()', '22012', 'by zero'),
      rows('select v from test_table_a', [{ v: 1 }]),
    ],
  },
  {
    title:
      'COMMIT of a NONATOMIC procedure called inside BEGIN is an emulator limit',
    doc: TRANSACTIONS,
    steps: [
      ...tables('test_table_a', 'test_table_b'),
      run(TXN_BLOCK),
      run('begin'),
      run('insert into test_table_a values (10)'),
      fails(
        'call sp_nonatomic_txn_block(20,30)',
        '0A000',
        `COMMIT in a NONATOMIC procedure called inside a transaction block ${LIMIT}`,
      ),
      run('rollback'),
    ],
  },
  {
    title:
      'TRUNCATE in a NONATOMIC procedure commits, also inside START TRANSACTION',
    doc: TRANSACTIONS,
    steps: [
      ...tables('test_table_a', 'test_table_b'),
      run(
        `create or replace procedure sp_na_truncate() nonatomic as $$ begin start transaction; insert into test_table_a values (1); truncate test_table_b; insert into test_table_a values (2); perform 1/0; end $$ language plpgsql`,
      ),
      fails('call sp_na_truncate()', '22012', 'by zero'),
      // TRUNCATE committed the block; the INSERT after it committed on its own.
      rows('select v from test_table_a order by v', [{ v: 1 }, { v: 2 }]),
      run(
        `create or replace procedure sp_na_exec_truncate() nonatomic as $$ begin insert into test_table_b values (1); execute 'truncate test_table_b'; end $$ language plpgsql`,
      ),
      run('call sp_na_exec_truncate()'),
      rows('select count(*)::int as n from test_table_b', [{ n: 0 }]),
      run('begin'),
      fails(
        'call sp_na_exec_truncate()',
        '0A000',
        `TRUNCATE in a NONATOMIC procedure called inside a transaction block ${LIMIT}`,
      ),
      run('rollback'),
    ],
  },
  {
    title:
      'a cursor loop: the autocommit of the INSERT closes the cursor (cursor "cur1" does not exist)',
    doc: TRANSACTIONS,
    steps: [
      ...tables('test_table_a', 'test_table_b'),
      run('insert into test_table_a values (1), (2), (3)'),
      run(cursorProcedure('sp_nonatomic_cursor', false)),
      fails(
        'call sp_nonatomic_cursor()',
        '34000',
        'cursor "cur1" does not exist',
      ),
      rows('select v from test_table_b', [{ v: 1 }]),
      run('truncate test_table_b'),
      run(cursorProcedure('sp_nonatomic_cursor_2', true)),
      run('call sp_nonatomic_cursor_2()'),
      rows('select v from test_table_b order by v', [
        { v: 1 },
        { v: 2 },
        { v: 3 },
      ]),
    ],
  },
  {
    title:
      'a FOR loop over a query stops at its next fetch after an autocommit',
    doc: TRANSACTIONS,
    steps: [
      ...tables('test_table_a', 'test_table_b'),
      run('insert into test_table_a values (1), (2)'),
      run(
        `create or replace procedure sp_na_for() nonatomic as $$ declare r record; begin for r in select v from test_table_a order by v loop insert into test_table_b values (r.v); insert into test_table_b values (r.v * 10); end loop; end $$ language plpgsql`,
      ),
      fails('call sp_na_for()', '34000', 'cursor'),
      rows('select v from test_table_b order by v', [{ v: 1 }, { v: 10 }]),
      run(
        `create or replace procedure sp_na_for_2() nonatomic as $$ declare r record; begin start transaction; for r in select v from test_table_a order by v loop insert into test_table_b values (r.v); end loop; commit; end $$ language plpgsql`,
      ),
      run('call sp_na_for_2()'),
      rows('select count(*)::int as n from test_table_b', [{ n: 4 }]),
    ],
  },
  {
    title:
      'an exception handler keeps the UPDATE and throws nothing (update_employee_sp_2)',
    doc: TRAPPING,
    steps: [
      run('drop table if exists employee'),
      run('drop table if exists employee_error_log'),
      ...EMPLOYEE.map(run),
      run(UPDATE_EMPLOYEE_SP_2),
      run('CALL update_employee_sp_2()'),
      rows('SELECT * from employee', [
        { firstname: 'Adam', lastname: 'Smith' },
      ]),
      rows('SELECT * from employee_error_log', [
        { message: 'Error message: column "invalid" does not exist' },
      ]),
    ],
  },
  {
    title: 'two sub-blocks, each handling its error (update_employee_sp_3)',
    doc: TRAPPING,
    steps: [
      run('drop table if exists employee'),
      run('drop table if exists employee_error_log'),
      ...EMPLOYEE.map(run),
      run(UPDATE_EMPLOYEE_SP_3),
      run('CALL update_employee_sp_3()'),
      rows('SELECT * from employee order by lastname', [
        { firstname: 'Edie', lastname: 'Robertson' },
        { firstname: 'Adam', lastname: 'Smith' },
      ]),
      rows('SELECT * from employee_error_log order by message', [
        { message: 'Error message: column "invalid1" does not exist' },
        { message: 'Error message: column "invalid2" does not exist' },
      ]),
    ],
  },
  {
    title:
      "RAISE; re-throws the caught error in a NONATOMIC procedure, after the handler's work",
    doc: TRAPPING,
    steps: [
      run('drop table if exists employee_error_log'),
      run('CREATE TABLE employee_error_log (message varchar)'),
      run(
        `create or replace procedure sp_na_rethrow() nonatomic as $$ begin execute 'select invalid'; exception when others then insert into employee_error_log values (sqlerrm); raise; end $$ language plpgsql`,
      ),
      fails('call sp_na_rethrow()', '42703', 'column "invalid" does not exist'),
      rows('select * from employee_error_log', [
        { message: 'column "invalid" does not exist' },
      ]),
    ],
  },
  {
    title:
      'CONTINUE_HANDLER runs the statements after the failing one (sp_exc_handling_1)',
    doc: TRAPPING,
    steps: [
      run('drop table if exists tbl_1'),
      run('drop table if exists tbl_error_logging'),
      ...LOGGING.map(run),
      run(EXC_HANDLING_1),
      run('CALL sp_exc_handling_1()'),
      rows('select * from tbl_1 order by a', [{ a: 1 }, { a: 2 }]),
      rows('select info, err_state from tbl_error_logging', [
        { info: 'Encountered error', err_state: '42703' },
      ]),
    ],
  },
  {
    title:
      'an EXIT_HANDLER in a nested block inside a CONTINUE_HANDLER one (sp_exc_handling_2)',
    doc: TRAPPING,
    steps: [
      run('drop table if exists tbl_1'),
      run('drop table if exists tbl_error_logging'),
      ...LOGGING.map(run),
      run(EXC_HANDLING_2),
      run('CALL sp_exc_handling_2()'),
      rows('select * from tbl_1 order by a', [
        { a: 1 },
        { a: 2 },
        { a: 3 },
        { a: 100 },
      ]),
      rows('select info, err_state from tbl_error_logging', [
        { info: 'Encountered error', err_state: '42703' },
        { info: 'Encountered error', err_state: '42703' },
      ]),
    ],
  },
  {
    title: 'what cannot run soundly in a guarded part is an emulator limit',
    doc: TRAPPING,
    steps: [
      fails(
        'create or replace procedure sp_na_foreach() nonatomic as $$ declare a int[] := array[1]; x int; begin foreach x in array a loop null; end loop; exception when others then null; end $$ language plpgsql',
        '0A000',
        `FOREACH in the guarded part of an exception block of a NONATOMIC procedure ${LIMIT}`,
      ),
      fails(
        'create or replace procedure sp_na_for_cursor() nonatomic as $$ declare c cursor for select 1; begin for r in c loop null; end loop; exception when others then null; end $$ language plpgsql',
        '0A000',
        `a FOR loop over a bound cursor in the guarded part of an exception block of a NONATOMIC procedure ${LIMIT}`,
      ),
      // The handler's statements run where the error happened, inside the
      // loop or block, where the name would mean the loop's own variable.
      fails(
        "create or replace procedure sp_na_for_hides() nonatomic as $$ declare i int := 1; begin for i in 1..2 loop null; end loop; exception when others then raise info '%', i; end $$ language plpgsql",
        '0A000',
        `a FOR loop whose variable its exception handler uses in the guarded part of an exception block of a NONATOMIC procedure ${LIMIT}`,
      ),
      fails(
        "create or replace procedure sp_na_declare_hides() nonatomic as $$ declare k int := 1; begin declare k int; begin null; end; exception when others then raise info '%', k; end $$ language plpgsql",
        '0A000',
        `a nested block declaring a name its exception handler uses in the guarded part of an exception block of a NONATOMIC procedure ${LIMIT}`,
      ),
      fails(
        'create or replace procedure sp_na_constant() nonatomic as $$ begin declare k constant int := 1; begin null; end; exception when others then null; end $$ language plpgsql',
        '0A000',
        `a nested block declaring a CONSTANT or NOT NULL variable in the guarded part of an exception block of a NONATOMIC procedure ${LIMIT}`,
      ),
      fails(
        "create or replace procedure sp_na_set() nonatomic as $$ begin null; end $$ language plpgsql set datestyle to 'ISO'",
        '0A000',
        'the SET configuration_parameter option is not supported when NONATOMIC is specified',
      ),
    ],
  },
  {
    title:
      'CREATE PROCEDURE takes NONATOMIC before AS, with OR REPLACE and SECURITY INVOKER; SECURITY DEFINER is not supported with NONATOMIC',
    doc: CREATE_PROCEDURE,
    steps: [
      ...tables('test_table_a'),
      fails(
        'create or replace procedure sp_na_definer() nonatomic as $$ begin insert into test_table_a values (1); end $$ language plpgsql security definer',
        '0A000',
        'the SECURITY DEFINER option is not supported when NONATOMIC is specified',
      ),
      run(
        'create or replace procedure sp_na_invoker() nonatomic as $$ begin insert into test_table_a values (1); perform 1/0; end $$ language plpgsql security invoker',
      ),
      fails('call sp_na_invoker()', '22012', 'by zero'),
      rows('select v from test_table_a', [{ v: 1 }]),
    ],
  },
]

describeFidelityCases(
  'local emulator: NONATOMIC stored procedures',
  'local_nonatomic',
  CASES,
  (url) => {
    it('the documented INFO messages (stored-procedure-transaction-management.html, stored-procedure-trapping-errors.html)', async () => {
      const client = await connect(url())
      try {
        const messages: string[] = []
        client.on('notice', (n) => messages.push(n.message ?? ''))
        await client.query('drop table if exists test_table_a')
        await client.query('drop table if exists test_table_b')
        await client.query('create table test_table_a(v int)')
        await client.query('create table test_table_b(v int)')
        await client.query('insert into test_table_a values (1), (2), (3)')
        await client.query(cursorProcedure('sp_nonatomic_cursor_m', false))
        await client.query(cursorProcedure('sp_nonatomic_cursor_m2', true))
        expect(
          (await errorOf(client.query('call sp_nonatomic_cursor_m()'))).code,
        ).toBe('34000')
        expect(messages.splice(0)).toEqual(['1'])
        await client.query('call sp_nonatomic_cursor_m2()')
        expect(messages.splice(0)).toEqual(['1', '2', '3'])
        for (const sql of [
          'drop table if exists employee',
          'drop table if exists employee_error_log',
          ...EMPLOYEE,
        ])
          await client.query(sql)
        await client.query(UPDATE_EMPLOYEE_SP_3)
        await client.query('CALL update_employee_sp_3()')
        expect(messages.splice(0)).toEqual([
          'An exception occurred in the first block.',
          'An exception occurred in the second block.',
        ])
      } finally {
        await client.end()
      }
    })
  },
)
