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
const GUARDED =
  'ending the transaction inside the guarded part of an exception block in the local emulator is not supported'

const CASES: readonly FidelityCase[] = [
  {
    // Redshift rolls back, runs the inner handler in a new transaction that
    // commits, re-throws, and the outer handler does the same. PostgreSQL
    // cannot end the transaction inside the outer block's subtransaction:
    // the call fails as an emulator limit, with nothing of the failed
    // transaction kept, rather than commit the outer handler's work alone.
    title:
      'a handler nested in the guarded part of another block is an emulator limit when it would end the transaction',
    doc: TRAPPING,
    steps: [
      run('create table nest_log (v varchar)'),
      run(`create procedure sp_nest() as $$
begin
  insert into nest_log values ('before');
  begin
    insert into nest_log values ('inner guarded');
    perform 1/0;
  exception when others then
    insert into nest_log values ('inner handler');
  end;
exception when others then
  insert into nest_log values ('outer handler');
end $$ language plpgsql`),
      fails('call sp_nest()', '0A000', GUARDED),
      rows('select count(*)::int as n from nest_log', [{ n: 0 }]),
      // Inside a transaction block no handler ends the transaction: both
      // run and the error is thrown again, as on Redshift.
      run('begin'),
      fails('call sp_nest()', '22012', 'by zero'),
      run('rollback'),
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
        'create procedure sp_commits4() as $$ begin insert into nest4_t values (1); commit; end $$ language plpgsql',
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
]

describeFidelityCases(
  'local emulator: stored procedure and configuration gaps',
  'local_procs_config_gaps',
  CASES,
)
