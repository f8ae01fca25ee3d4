import { expect, it } from 'vitest'

import {
  describeFidelityCases,
  fails,
  rows,
  run,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import { connect } from './local-test-helpers.js'

// What the stored procedure logs record for the calls a procedure makes:
// each nested call has a row of its own, `from_sp_call` naming the call
// that made it.

const CALL = `${DG}r_CALL_procedure.html`
const SVL_CALL = `${DG}r_SVL_STORED_PROC_CALL.html`
const SYS_CALL = `${DG}SYS_PROCEDURE_CALL.html`

/** The calls whose text names `name`, with whether each was made by the call `caller` names. */
const CALLS = (name: string, caller: string): string =>
  `select trim(c.querytxt) as call, c.aborted,
     c.from_sp_call = (select max(o.query) from svl_stored_proc_call o where o.querytxt like '%${caller}%') as from_caller,
     c.from_sp_call is null as top, c.starttime <= c.endtime as timed
   from svl_stored_proc_call c where c.querytxt like '%${name}%' order by c.query`

const CASES: readonly Case[] = [
  {
    title:
      'a nested call is logged with from_sp_call the outer call (the INOUT example)',
    doc: CALL,
    steps: [
      run(`CREATE OR REPLACE PROCEDURE q3_inner_proc(INOUT a int, b int, INOUT c int) LANGUAGE plpgsql AS $$
BEGIN
  a := b * a;
  c := b * c;
END;
$$`),
      run(`CREATE OR REPLACE PROCEDURE q3_outer_proc(multiplier int) LANGUAGE plpgsql AS $$
DECLARE
  x int := 3;
  y int := 4;
BEGIN
  DROP TABLE IF EXISTS q3_test_tbl;
  CREATE TEMP TABLE q3_test_tbl(a int, b varchar(256));
  CALL q3_inner_proc(x, multiplier, y);
  insert into q3_test_tbl values (x, y::varchar);
END;
$$`),
      run('CALL q3_outer_proc(5)'),
      rows('SELECT * from q3_test_tbl', [{ a: 15, b: '20' }]),
      rows(CALLS('q3_outer_proc', 'q3_outer_proc'), [
        {
          call: 'CALL q3_outer_proc(5)',
          aborted: 0,
          from_caller: null,
          top: true,
          timed: true,
        },
      ]),
      rows(CALLS('q3_inner_proc', 'CALL q3_outer_proc'), [
        {
          call: 'CALL q3_inner_proc(x, multiplier, y)',
          aborted: 0,
          from_caller: true,
          top: false,
          timed: true,
        },
      ]),
    ],
  },
  {
    title:
      'each nested call names the call that made it, two levels deep and side by side',
    doc: SVL_CALL,
    steps: [
      run(`create procedure q3_leaf(n int) language plpgsql as $$
begin
  raise info 'leaf %', n;
end $$`),
      run(`create procedure q3_mid() language plpgsql as $$
begin
  call q3_leaf(1);
end $$`),
      run(`create procedure q3_top() language plpgsql as $$
begin
  call q3_mid();
  call q3_leaf(2);
end $$`),
      run('call q3_top()'),
      rows(CALLS('q3_mid', 'call q3_top'), [
        {
          call: 'call q3_mid()',
          aborted: 0,
          from_caller: true,
          top: false,
          timed: true,
        },
      ]),
      rows(CALLS('q3_leaf(1)', 'call q3_mid'), [
        {
          call: 'call q3_leaf(1)',
          aborted: 0,
          from_caller: true,
          top: false,
          timed: true,
        },
      ]),
      rows(CALLS('q3_leaf(2)', 'call q3_top'), [
        {
          call: 'call q3_leaf(2)',
          aborted: 0,
          from_caller: true,
          top: false,
          timed: true,
        },
      ]),
      // The inner call runs while the one that made it runs.
      rows(
        `select bool_and(m.starttime <= l.starttime and l.endtime <= m.endtime) as inside
         from svl_stored_proc_call m, svl_stored_proc_call l
         where trim(m.querytxt) = 'call q3_mid()' and trim(l.querytxt) = 'call q3_leaf(1)'`,
        [{ inside: true }],
      ),
      // The RAISE messages stay those of the CALL the client sent.
      rows(
        `select trim(message) as message from svl_stored_proc_messages
         where query = (select max(query) from svl_stored_proc_call where trim(querytxt) = 'call q3_top()')
         order by recordtime, message`,
        [{ message: 'leaf 1' }, { message: 'leaf 2' }],
      ),
    ],
  },
  {
    title:
      'SYS_PROCEDURE_CALL shows the hierarchy in caller_procedure_query_id; a failed nested call is canceled',
    doc: SYS_CALL,
    steps: [
      run(`create procedure q3_sys_inner(n int) language plpgsql as $$
begin
  if n > 1 then
    raise exception 'q3 too big %', n;
  end if;
end $$`),
      run(`create procedure q3_sys_outer(n int) language plpgsql as $$
begin
  call q3_sys_inner(1);
  call q3_sys_inner(n);
end $$`),
      run('call q3_sys_outer(1)'),
      fails('call q3_sys_outer(2)', 'P0001', 'q3 too big 2'),
      rows(
        `select trim(c.query_text) as call, trim(c.status) as status,
           trim(o.query_text) as caller
         from sys_procedure_call c
         left join sys_procedure_call o on o.query_id = c.caller_procedure_query_id
         where c.query_text like '%q3_sys_%' order by c.query_id`,
        [
          { call: 'call q3_sys_outer(1)', status: 'success', caller: null },
          {
            call: 'call q3_sys_inner(1)',
            status: 'success',
            caller: 'call q3_sys_outer(1)',
          },
          {
            call: 'call q3_sys_inner(n)',
            status: 'success',
            caller: 'call q3_sys_outer(1)',
          },
          { call: 'call q3_sys_outer(2)', status: 'canceled', caller: null },
          {
            call: 'call q3_sys_inner(1)',
            status: 'success',
            caller: 'call q3_sys_outer(2)',
          },
          {
            call: 'call q3_sys_inner(n)',
            status: 'canceled',
            caller: 'call q3_sys_outer(2)',
          },
        ],
      ),
    ],
  },
  {
    title: 'a CALL a body runs through EXECUTE is logged as a nested call too',
    doc: SVL_CALL,
    steps: [
      run(`create procedure q3_dyn_inner(n int) language plpgsql as $$
begin
  raise info 'dyn %', n;
end $$`),
      run(`create procedure q3_dyn_outer() language plpgsql as $$
begin
  execute 'call q3_dyn_inner(7)';
  call q3_dyn_inner(8);
end $$`),
      run('call q3_dyn_outer()'),
      rows(CALLS('q3_dyn_inner', 'call q3_dyn_outer'), [
        {
          call: 'call q3_dyn_inner(7)',
          aborted: 0,
          from_caller: true,
          top: false,
          timed: true,
        },
        {
          call: 'call q3_dyn_inner(8)',
          aborted: 0,
          from_caller: true,
          top: false,
          timed: true,
        },
      ]),
    ],
  },
]

describeFidelityCases(
  'local emulator: the stored procedure logs of nested calls',
  'local_fidelity_procedure_logs',
  CASES,
  (url) => {
    it('a nested call sends the client nothing of its own (r_CALL_procedure.html)', async () => {
      const client = await connect(url())
      const notices: string[] = []
      client.on('notice', (n) => notices.push(n.message ?? ''))
      try {
        await client.query(`create procedure q3_quiet_inner() language plpgsql as $$
begin
  raise notice 'q3 inner';
end $$`)
        await client.query(`create procedure q3_quiet_outer() language plpgsql as $$
begin
  call q3_quiet_inner();
end $$`)
        await client.query('call q3_quiet_outer()')
        expect(notices).toEqual(['q3 inner'])
      } finally {
        await client.end()
      }
    })
  },
)
