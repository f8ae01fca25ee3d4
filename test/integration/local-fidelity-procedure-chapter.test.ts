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
const DROP_USER = `${DG}r_DROP_USER.html`
const CROSS_DATABASE = `${DG}cross-database-overview.html`

const CASES: readonly Case[] = [
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
