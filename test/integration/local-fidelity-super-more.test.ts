import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BOOL, connectAsText, DG, SUPER, VARCHAR } from './function-answers.js'
import { errorOf, openEmulatorDatabase } from './local-test-helpers.js'

// More of the semi-structured data chapter, audited against the emulator
// after local-fidelity-super-audit.test.ts: each case names its page and
// runs its examples (or its documented rule) on a connection of its own.
// Values are read as the server's text, as Redshift prints SUPER: JSON text,
// strings quoted; `types` are RowDescription's type OIDs.

const QUERY_SUPER = `${DG}query-super.html`
const PARSE_JSON = `${DG}parse_json.html`
const IS_FLOAT = `${DG}r_is_float.html`
const CONFIGURATIONS = `${DG}super-configurations.html`
const LIMIT = 'emulator'

type Value = string | null

/** One statement of a case and what it must give. */
type Step =
  | { readonly sql: string }
  | {
      readonly sql: string
      readonly rows: readonly (readonly Value[])[]
      readonly types?: readonly number[]
    }
  | { readonly sql: string; readonly code: string; readonly message: string }

interface Case {
  readonly title: string
  readonly doc: string
  readonly steps: readonly Step[]
}

const run = (sql: string): Step => ({ sql })
const answer = (
  sql: string,
  rows: readonly (readonly Value[])[],
  types?: readonly number[],
): Step => ({ sql, rows, ...(types ? { types } : {}) })

const fails = (sql: string, code: string, message: string): Step => ({
  sql,
  code,
  message,
})

/** A SUPER document navigated from a subquery (alias d). */
const DOC = `(select json_parse('{"a":{"b":1},"z":null,"arr":[1],"s":"Good","f":5.0}') as d) as t`

const CASES: readonly Case[] = [
  // A VARCHAR stored into SUPER is a string scalar, for a table of the
  // still-open block too (its columns are not in the committed catalog yet).
  {
    title: 'a string literal stored into a table of the open block is a string',
    doc: PARSE_JSON,
    steps: [
      run('begin'),
      run('create table more_block (id int, doc super, d decimal(10,2))'),
      run(`insert into more_block values (1, 'abc', 1.5)`),
      run(`insert into more_block select 2, '{"a":1}', 2`),
      run(`update more_block set doc = '[1]' where id = 2`),
      answer(
        'select id, doc, json_typeof(doc), d / 3 from more_block order by id',
        [
          ['1', '"abc"', 'string', '0.5000000000000'],
          ['2', '"[1]"', 'string', '0.6666666666667'],
        ],
      ),
      answer(`select id from more_block where doc = 'abc'`, [['1']]),
      run('commit'),
      answer('select doc from more_block order by id', [['"abc"'], ['"[1]"']]),
    ],
  },
  // An untyped literal out of a subquery is a VARCHAR on Redshift (TEXT in
  // PostgreSQL): stored into or cast to SUPER, a string scalar.
  {
    title: 'a string out of a subquery stored into or cast to SUPER',
    doc: PARSE_JSON,
    steps: [
      run('create table more_sub (s super)'),
      run(`insert into more_sub (s) select 'a'`),
      run(`insert into more_sub (s) select x from (select 'b' as x)`),
      answer('select s, json_typeof(s) from more_sub order by 1', [
        ['"a"', 'string'],
        ['"b"', 'string'],
      ]),
      answer(
        `select x::super, json_typeof(x::super) from (select '{"a":1}' as x)`,
        [['"{\\"a\\":1}"', 'string']],
        [SUPER, VARCHAR],
      ),
      answer(`select 'x'::text::super`, [['"x"']], [SUPER]),
    ],
  },
  // Dynamic typing keeps a SUPER float a float: FLOAT arithmetic, and a
  // float cast to SUPER printed as Redshift prints it (2.22e+0).
  {
    title: 'a FLOAT stored into SUPER is a float, printed with an exponent',
    doc: IS_FLOAT,
    steps: [
      run('create table more_float (s super)'),
      run('insert into more_float values (2.22::float)'),
      answer('select s, is_float(s), is_decimal(s) from more_float', [
        ['2.22e+0', 't', 'f'],
      ]),
    ],
  },
  {
    title: 'arithmetic with a SUPER float computes as FLOAT',
    doc: `${QUERY_SUPER}#dynamic-typing-lax-processing`,
    steps: [
      answer(
        `select json_parse('1.5e0') * 2, json_parse('1.5e0') + json_parse('2'),
           json_parse('2') * 1.5::float8, - json_parse('1e3'), json_parse('1.5') * 2`,
        [['3e+0', '3.5e+0', '3e+0', '-1e+3', '3.0']],
        [SUPER, SUPER, SUPER, SUPER, SUPER],
      ),
      answer(
        `select is_float(json_parse('1.5e0') * 2), is_decimal(json_parse('1.5') * 2),
           json_parse('1.5e0') > 1.2::float8, json_parse('3e0') = json_parse('3')`,
        [['t', 't', 't', 't']],
        [BOOL, BOOL, BOOL, BOOL],
      ),
      answer(`select array(1, 2.5::float8, 'a'), object('x', 1::float4)`, [
        ['[1,2.5e+0,"a"]', '{"x":1e+0}'],
      ]),
    ],
  },
  // Lax mode (the default): an invalid navigation or cast is NULL.
  {
    title: 'lax mode: a missing member or element, a wrong cast, give NULL',
    doc: `${QUERY_SUPER}#lax-semantics`,
    steps: [
      answer(`select d.a.c, d.arr[3], d.s.x, d.s::int, d.f::bool from ${DOC}`, [
        [null, null, null, null, null],
      ]),
    ],
  },
  // Strict navigation: a nonexistent member or element is an error.
  {
    title: 'navigate_super_null_on_error off makes invalid navigation an error',
    doc: `${DG}r_navigate_super_null_on_error.html`,
    steps: [
      run('set navigate_super_null_on_error = off'),
      answer(`select d.a.b, d.z, d.arr[0] from ${DOC}`, [['1', 'null', '1']]),
      fails(`select d.a.c from ${DOC}`, 'XX000', 'no attribute c'),
      fails(`select d.arr[3] from ${DOC}`, 'XX000', 'out of bounds'),
      fails(`select d.s.x from ${DOC}`, 'XX000', 'is not an object'),
      fails(`select d.a[0] from ${DOC}`, 'XX000', 'is not an array'),
      answer('select d.x from (select null::super as d) as t', [[null]]),
      answer(`select d.s::int from ${DOC}`, [[null]]),
      run('reset navigate_super_null_on_error'),
      answer(`select d.a.c from ${DOC}`, [[null]]),
    ],
  },
  // Strict casting: a SUPER value cast to a type it does not convert to.
  {
    title: 'cast_super_null_on_error off makes an invalid SUPER cast an error',
    doc: `${DG}r_cast_super_null_on_error.html`,
    steps: [
      run('begin'),
      run('set cast_super_null_on_error = off'),
      fails(`select d.s::int from ${DOC}`, 'XX000', 'to integer'),
      run('rollback'),
      run('set cast_super_null_on_error = off'),
      answer(`select d.a.b::int, d.z::int, d.a.c::int from ${DOC}`, [
        ['1', null, null],
      ]),
      fails(`select d.f::bool from ${DOC}`, 'XX000', 'to boolean'),
      fails(`select d.a::varchar from ${DOC}`, 'XX000', 'cannot cast'),
      run('set cast_super_null_on_error = on'),
      answer(`select d.s::int from ${DOC}`, [[null]]),
    ],
  },
  // What parse_super_null_on_error on turns into NULL is not documented.
  {
    title: 'parse_super_null_on_error on is an emulator limit',
    doc: CONFIGURATIONS,
    steps: [
      run('set parse_super_null_on_error = off'),
      fails('set parse_super_null_on_error = on', '0A000', LIMIT),
    ],
  },
]

describe('local emulator: SUPER and PartiQL, more of the chapter', () => {
  let url: string
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ url, close } = await openEmulatorDatabase('local_fid_super_more'))
  })
  afterAll(() => close())

  it.each(CASES.map((c) => [c.title, c] as const))(
    '%s',
    async (_title, testCase) => {
      const client = await connectAsText(url)
      try {
        await runCase(client, testCase)
      } finally {
        await client.end()
      }
    },
  )
})

async function runCase(client: pg.Client, testCase: Case): Promise<void> {
  for (const step of testCase.steps) {
    const where = `${step.sql} (${testCase.doc})`
    if ('code' in step) {
      const error = await errorOf(client.query(step.sql))
      expect(error.code, where).toBe(step.code)
      expect(error.message, where).toContain(step.message)
      continue
    }
    const result = await client.query({ text: step.sql, rowMode: 'array' })
    if (!('rows' in step)) continue
    expect(result.rows, where).toEqual(step.rows)
    if (step.types !== undefined) {
      expect(
        result.fields.map((f) => f.dataTypeID),
        where,
      ).toEqual(step.types)
    }
  }
}
