import { loadModule } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'

import {
  rewriteBodyStatements,
  type BodyStatementPlan,
} from '../../src/local/sql/procedure-statements.js'

// How the SQL statements of a procedure body reach the client statement
// rewrites and come back (r_CREATE_PROCEDURE.html, c_PLpgSQL-statements.html).

/** A planner that records what it is asked and answers from `answers`. */
function planner(answers: Record<string, BodyStatementPlan>) {
  const asked: string[] = []
  return {
    asked,
    plan: (sql: string): BodyStatementPlan => {
      asked.push(sql)
      return answers[sql] ?? null
    },
  }
}

describe('rewriteBodyStatements', () => {
  beforeAll(async () => {
    await loadModule()
  })

  it('plans SQL statements without PL/pgSQL INTO, and puts INTO back', () => {
    const p = planner({
      'select top 1 a  from t': { text: 'select a  from t LIMIT 1', after: [] },
    })
    const body =
      "declare n int; begin n := 1; select top 1 a into n from t; raise info '%', n; end"
    expect(rewriteBodyStatements(body, [], p.plan)).toBe(
      "declare n int; begin n := 1; select a  from t LIMIT 1 into n; raise info '%', n; end",
    )
    // The assignment's value is planned as the query PL/pgSQL evaluates.
    expect(p.asked).toEqual(['SELECT 1', 'select top 1 a  from t'])
  })

  it('plans the expressions of assignments, conditions and FOR bounds', () => {
    const p = planner({
      'SELECT dateadd(day, 1, $60001)': {
        text: "SELECT dateadd('day', 1, $60001)",
        after: [],
      },
      'SELECT nvl2($60001, 1, 2) = 1': {
        text: 'SELECT (CASE WHEN $60001 IS NOT NULL THEN 1 ELSE 2 END) = 1',
        after: [],
      },
      'SELECT len($60001)': { text: 'SELECT length($60001)', after: [] },
    })
    const body = [
      'declare d date; s varchar; begin',
      'd = dateadd(day, 1, d);',
      'if nvl2(d, 1, 2) = 1 then null; elseif nvl2(d, 1, 2) = 1 then null; end if;',
      'for i in 1..len(s) loop exit when nvl2(d, 1, 2) = 1; end loop;',
      'end',
    ].join('\n')
    expect(rewriteBodyStatements(body, [], p.plan)).toBe(
      [
        'declare d date; s varchar; begin',
        "d = dateadd('day', 1, d);",
        'if (CASE WHEN d IS NOT NULL THEN 1 ELSE 2 END) = 1 then null; elseif (CASE WHEN d IS NOT NULL THEN 1 ELSE 2 END) = 1 then null; end if;',
        'for i in 1..length(s) loop exit when (CASE WHEN d IS NOT NULL THEN 1 ELSE 2 END) = 1; end loop;',
        'end',
      ].join('\n'),
    )
    expect(p.asked).toContain('SELECT 1')
  })

  it('plans a path into a record field or a SUPER variable as a path into a value', () => {
    const p = planner({})
    rewriteBodyStatements(
      'declare r record; v super; begin x := r.s.x + v.k + r.a; end',
      [],
      p.plan,
    )
    expect(p.asked).toEqual(['SELECT $60001.x + $60002.k + $60003'])
  })

  it('raises the error of an expression Redshift refuses where it is evaluated', () => {
    const p = planner({
      'SELECT clock_timestamp()': {
        error: {
          severity: 'ERROR',
          code: '42883',
          message: 'function clock_timestamp does not exist',
        },
      },
    })
    expect(
      rewriteBodyStatements(
        'declare t timestamp; begin t := clock_timestamp(); end',
        [],
        p.plan,
      ),
    ).toBe(
      "declare t timestamp; begin t := redshift_local.raise_error('function clock_timestamp does not exist', '42883'); end",
    )
  })

  it('runs the statements that record attributes after the one it rewrote', () => {
    const p = planner({
      'create table t (a int) distkey(a)': {
        text: 'create table t (a int)',
        after: ["select f('t')", 'call g()'],
      },
    })
    expect(
      rewriteBodyStatements(
        'begin create table t (a int) distkey(a); end',
        [],
        p.plan,
      ),
    ).toBe("begin create table t (a int); PERFORM f('t'); call g(); end")
  })

  it('passes variables and parameters as parameters and restores them', () => {
    const p = planner({
      'insert into t select $60001, $60002 from u': {
        text: 'insert into t select $60001, $60002 from u LIMIT 1',
        after: [],
      },
    })
    expect(
      rewriteBodyStatements(
        'declare r record; begin insert into t select r.a, p from u; end',
        ['p'],
        p.plan,
      ),
    ).toBe(
      'declare r record; begin insert into t select r.a, p from u LIMIT 1; end',
    )
  })

  it('refuses a syntax error at once and another error when the statement runs', () => {
    const syntax = {
      severity: 'ERROR',
      code: '42601',
      message: 'syntax error at or near "FETCH"',
    }
    expect(
      rewriteBodyStatements(
        'begin select 1 fetch first 1 rows only; end',
        [],
        () => ({ error: syntax }),
      ),
    ).toEqual(syntax)
    expect(
      rewriteBodyStatements('begin create table t (a serial); end', [], () => ({
        error: {
          severity: 'ERROR',
          code: '0A000',
          message: 'SERIAL is not supported',
        },
      })),
    ).toBe(
      "begin PERFORM redshift_local.raise_error('SERIAL is not supported', '0A000'); end",
    )
  })

  it('keeps the statement on as many lines as it was written on', () => {
    const body =
      'begin\nselect top 1\n a into v\n from t;\nraise info $$x$$;\nend'
    const out = rewriteBodyStatements(body, [], () => ({
      text: 'select a from t LIMIT 1',
      after: [],
    }))
    expect(out).toBe(
      'begin\nselect a from t LIMIT 1 into v\n\n;\nraise info $$x$$;\nend',
    )
  })
})
