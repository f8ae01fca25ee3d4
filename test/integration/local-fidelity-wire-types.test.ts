import { sql } from 'kysely'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createRedshift } from '../../src/client.js'
import { errorOf, openEmulatorDatabase } from './local-test-helpers.js'

// The type OIDs of result columns as Redshift sends them in RowDescription:
// each row is a query, the OIDs of its columns, and the Developer Guide page
// that gives their types. The OIDs are the AWS drivers' (SUPER 4000,
// VARCHAR 1043, NAME 19; /work/shared/reference/redshift-catalog.json).

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'

const SUPER = 4000
const VARCHAR = 1043
const NAME = 19
const INT4 = 23

interface Shape {
  readonly sql: string
  readonly params?: readonly unknown[]
  readonly types: readonly number[]
  readonly doc: string
}

const s = (
  sql: string,
  types: readonly number[],
  doc: string,
  params?: readonly unknown[],
): Shape => ({
  sql,
  types,
  doc: `${DG}${doc}`,
  ...(params ? { params } : {}),
})

const SHAPES: readonly Shape[] = [
  // SUPER columns, JSON_PARSE, navigation and SUPER constructors are SUPER.
  s('select doc from docs', [SUPER], 'r_SUPER_type.html'),
  s(`select json_parse('{"a":1}') as j`, [SUPER], 'JSON_PARSE.html'),
  s(
    'select doc.a as a, doc.b[0] as b from docs',
    [SUPER, SUPER],
    'query-super.html',
  ),
  s(
    `select array(1, 'a') as a, object('k', 1) as o`,
    [SUPER, SUPER],
    'r_array.html',
  ),
  s('select doc from docs where id = $1', [SUPER], 'r_SUPER_type.html', [1]),
  // JSON_SERIALIZE is VARCHAR.
  s(
    'select json_serialize(doc) as t from docs',
    [VARCHAR],
    'JSON_SERIALIZE.html',
  ),
  // Character results are VARCHAR: Redshift has no TEXT results (TEXT
  // becomes VARCHAR), string functions return their input's type.
  s(`select 'abc' as a`, [VARCHAR], 'r_Character_types.html'),
  s(`select 'a' as v union select 'b'`, [VARCHAR], 'r_Character_types.html'),
  s(
    'select upper(name) as u, lower(name) as l from docs',
    [VARCHAR, VARCHAR],
    'r_UPPER.html',
  ),
  s(`select name || 'x' as c from docs`, [VARCHAR], 'r_concat_op.html'),
  s(`select concat(name, 'x') as c from docs`, [VARCHAR], 'r_CONCAT.html'),
  s(
    `select to_char(12, '999') as c, to_char(timestamp '2009-12-31 23:15:59', 'YYYY') as d`,
    [VARCHAR, VARCHAR],
    'r_TO_CHAR.html',
  ),
  s(
    `select substring(name, 1, 2) as s, replace(name, 'b', 'c') as r from docs`,
    [VARCHAR, VARCHAR],
    'r_SUBSTRING.html',
  ),
  s(`select $1::varchar || 'x' as c`, [VARCHAR], 'r_concat_op.html', ['a']),
  // CURRENT_USER is a NAME (r_CURRENT_USER.html: "returns a NAME data type").
  s('select current_user', [NAME], 'r_CURRENT_USER.html'),
  // Columns keep their types: a TEXT column is VARCHAR(256) already.
  s(
    'select id, name, note from docs',
    [INT4, VARCHAR, VARCHAR],
    'r_Character_types.html',
  ),
  // System views keep the TEXT columns Redshift documents for them.
  s(
    'select esoid, databasename, esoptions from svv_external_schemas',
    [26, 25, 25],
    'r_SVV_EXTERNAL_SCHEMAS.html',
  ),
]

/** SUPER values a string literal or JSON_PARSE makes, as JSON_SERIALIZE prints them. */
const SUPER_VALUES: readonly {
  readonly sql: string
  readonly rows: readonly Record<string, unknown>[]
  readonly doc: string
}[] = [
  // A VARCHAR literal stored as SUPER is a string scalar; JSON_PARSE parses.
  {
    sql: `select json_serialize('{"a":1}'::super) as s, json_serialize(cast('[1]' as super)) as c`,
    rows: [{ s: '"{\\"a\\":1}"', c: '"[1]"' }],
    doc: `${DG}parse_json.html`,
  },
  {
    sql: `select json_typeof('abc'::super) as t, is_varchar('12'::super) as v`,
    rows: [{ t: 'string', v: true }],
    doc: `${DG}parse_json.html`,
  },
  {
    sql: `select json_serialize(json_parse('{"a":1}')) as s`,
    rows: [{ s: '{"a":1}' }],
    doc: `${DG}JSON_PARSE.html`,
  },
]

/** What the emulator refuses as its own limit (0A000), where it cannot be exact. */
const SUPER_LIMITS: readonly {
  readonly sql: string
  readonly params?: readonly unknown[]
  readonly message: string
  readonly doc: string
}[] = [
  // PostgreSQL would read the parameter's text as JSON.
  {
    sql: 'select id from docs where doc.a = $1',
    params: ['1'],
    message: 'a bind parameter compared with a navigated SUPER value',
    doc: `${DG}query-super.html`,
  },
  {
    sql: 'select id from docs where $1 = doc.b[0]',
    params: ['x'],
    message: 'a bind parameter compared with a navigated SUPER value',
    doc: `${DG}query-super.html`,
  },
]

describe('local emulator: result column types', () => {
  let client: pg.Client
  let url: string
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, url, close } = await openEmulatorDatabase('local_fid_wire', [
      'create table docs (id int, name varchar(20), note text, doc super)',
      `insert into docs values (1, 'ab', 'n', json_parse('{"a":1,"b":["x"]}'))`,
    ]))
  })
  afterAll(() => close())

  it.each(SHAPES)('$sql ($doc)', async ({ sql, params, types }) => {
    const result = await client.query(sql, params ? [...params] : undefined)
    expect(result.fields.map((f) => f.dataTypeID)).toEqual(types)
  })

  it.each(SUPER_VALUES)('$sql ($doc)', async ({ sql, rows }) => {
    expect((await client.query(sql)).rows).toEqual(rows)
  })

  it.each(SUPER_LIMITS)(
    'refuses $sql as an emulator limit ($doc)',
    async ({ sql, params, message }) => {
      const error = await errorOf(
        client.query(sql, params ? [...params] : undefined),
      )
      expect(error.code).toBe('0A000')
      expect(error.message).toContain(message)
      expect(error.message).toContain('emulator')
    },
  )

  it('a bind parameter cast to the type it holds still compares with a navigated value (query-super.html)', async () => {
    const result = await client.query(
      'select id from docs where doc.a = $1::int and doc.b[0] = $2::varchar',
      [1, 'x'],
    )
    expect(result.rows).toEqual([{ id: 1 }])
  })

  it("a target row matched twice fails MERGE with Redshift's words, PostgreSQL's SQLSTATE (r_MERGE.html)", async () => {
    await client.query('create table m_target (id int, v int)')
    await client.query('create table m_source (id int, v int)')
    await client.query('insert into m_target values (1, 1)')
    await client.query('insert into m_source values (1, 2), (1, 3)')
    const error = await errorOf(
      client.query(
        'merge into m_target using m_source s on m_target.id = s.id when matched then update set v = s.v when not matched then insert values (s.id, s.v)',
      ),
    )
    expect({ code: error.code, message: error.message }).toEqual({
      code: '21000',
      message: 'Found multiple matches to update the same tuple.',
    })
  })

  it('a VARCHAR result reports no length (the length Redshift gives an expression is not documented)', async () => {
    const result = await client.query(`select 'abc' as a`)
    expect(result.fields[0]!.dataTypeModifier).toBe(-1)
  })

  it('the SDK reads SUPER values as JSON values (r_SUPER_type.html)', async () => {
    const db = createRedshift<any>(url)
    try {
      const rows = await db.selectFrom('docs').select(['doc', 'name']).execute()
      expect(rows).toEqual([{ doc: { a: 1, b: ['x'] }, name: 'ab' }])
      const { rows: scalars } = await sql<{
        s: unknown
        n: unknown
      }>`select json_parse('"abc"') as s, json_parse('12') as n`.execute(db)
      expect(scalars).toEqual([{ s: 'abc', n: 12 }])
    } finally {
      await db.close()
    }
  })
})
