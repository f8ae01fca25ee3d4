import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  fails,
  rows,
  run,
  runSteps,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { connect, errorOf, openEmulatorDatabase } from './local-test-helpers.js'

// The Developer Guide's semi-structured data chapter and SUPER function
// pages, audited against the emulator: each case names its page and runs the
// page's examples (or its documented rule) on a connection of its own. SUPER
// values come back as the JSON text Redshift prints.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
const PARSE_JSON = `${DG}parse_json.html`
const SUPER_TYPE = `${DG}r_SUPER_type.html`
const LIMITS = `${DG}limitations-super.html`
const CONTAINS = `${DG}array_contains.html`
const POSITION = `${DG}array_position.html`
const POSITIONS = `${DG}array_positions.html`
const NULL_HANDLING = `${DG}r_default_array_search_null_handling.html`
const TRANSFORM = `${DG}r_object_transform_function.html`
const CONFIGURATIONS = `${DG}super-configurations.html`

const LIMIT = 'emulator'

const CASES: readonly Case[] = [
  // Ingesting: a VARCHAR stored into SUPER without JSON_PARSE is one string.
  {
    title: 'INSERT VALUES of a string literal stores a string scalar',
    doc: PARSE_JSON,
    steps: [
      run('create table pj_values (id int, all_data super)'),
      run(
        `insert into pj_values values (1, JSON_PARSE('{"name": {"first_name": "Jake"}, "age": 30}')), (2, '{"a":1}'), (3, 'not json')`,
      ),
      rows(
        'select id, all_data, json_typeof(all_data) as t from pj_values order by id',
        [
          {
            id: 1,
            all_data: '{"name":{"first_name":"Jake"},"age":30}',
            t: 'object',
          },
          { id: 2, all_data: '"{\\"a\\":1}"', t: 'string' },
          { id: 3, all_data: '"not json"', t: 'string' },
        ],
      ),
    ],
  },
  {
    title:
      'INSERT with a column list, INSERT SELECT and UPDATE SET store strings',
    doc: PARSE_JSON,
    steps: [
      run('create table pj_forms (id int, doc super, note varchar(10))'),
      run(`insert into pj_forms (note, doc, id) values ('n', '[1]', 1)`),
      run(`insert into pj_forms select 2, 'x', 'y'`),
      run(`insert into pj_forms (id) values (3)`),
      run(`update pj_forms set doc = '{}' where id = 3`),
      rows(
        'select id, doc, json_typeof(doc) as t, note from pj_forms order by id',
        [
          { id: 1, doc: '"[1]"', t: 'string', note: 'n' },
          { id: 2, doc: '"x"', t: 'string', note: 'y' },
          { id: 3, doc: '"{}"', t: 'string', note: null },
        ],
      ),
    ],
  },
  {
    title: 'MERGE UPDATE SET and INSERT VALUES store strings',
    doc: `${DG}r_MERGE.html`,
    steps: [
      run('create table pj_merge (id int, doc super)'),
      run('create table pj_merge_src (id int, v varchar(10))'),
      run(`insert into pj_merge values (1, json_parse('{"a":1}'))`),
      run(`insert into pj_merge_src values (1, 'a'), (2, 'b')`),
      run(
        `merge into pj_merge using pj_merge_src s on pj_merge.id = s.id
         when matched then update set doc = 'x'
         when not matched then insert values (s.id, '{"y":1}')`,
      ),
      rows('select id, doc, json_typeof(doc) as t from pj_merge order by id', [
        { id: 1, doc: '"x"', t: 'string' },
        { id: 2, doc: '"{\\"y\\":1}"', t: 'string' },
      ]),
    ],
  },
  {
    title: 'a SUPER column compared with a string literal compares a string',
    doc: PARSE_JSON,
    steps: [
      run('create table pj_compare (id int, doc super)'),
      run(
        `insert into pj_compare values (1, 'abc'), (2, json_parse('"abc"')), (3, json_parse('{"a":1}'))`,
      ),
      rows(`select id from pj_compare where doc = 'abc' order by id`, [
        { id: 1 },
        { id: 2 },
      ]),
      rows(`select count(*)::int as n from pj_compare where doc = '{"a":1}'`, [
        { n: 0 },
      ]),
      rows(`select id from pj_compare where doc in ('abc', 'zz') and id < 2`, [
        { id: 1 },
      ]),
      rows(`select doc::text as t from pj_compare where id = 1`, [
        { t: 'abc' },
      ]),
    ],
  },
  {
    title: 'JSON_PARSE and CAN_JSON_PARSE take a VARBYTE',
    doc: `${DG}JSON_PARSE.html`,
    steps: [
      rows(
        `select json_parse(to_varbyte('[10001,10002,"abc"]', 'utf8')) as j`,
        [{ j: '[10001,10002,"abc"]' }],
      ),
      rows(
        `select can_json_parse(to_varbyte('{"a":1}', 'utf8')) as y, can_json_parse(to_varbyte('nope', 'utf8')) as n`,
        [{ y: true, n: false }],
      ),
    ],
  },
  // Unnesting: an unnested element unnested in turn, even one named ARRAY.
  {
    title: 'unnesting an unnesting alias, named array',
    doc: `${DG}query-super.html`,
    steps: [
      run(
        `create table foo as select json_parse('[[1.1, 1.2], [2.1, 2.2]]') as multi_level_array`,
      ),
      rows(
        'select array, element from foo as f, f.multi_level_array as array, array as element',
        [
          { array: '[1.1,1.2]', element: '1.1' },
          { array: '[1.1,1.2]', element: '1.2' },
          { array: '[2.1,2.2]', element: '2.1' },
          { array: '[2.1,2.2]', element: '2.2' },
        ],
      ),
      rows(
        'select count(*)::int as n from foo as f, f.multi_level_array as a, a as e',
        [{ n: 4 }],
      ),
    ],
  },
  // The SUPER type as users and tools read it.
  {
    title:
      'information_schema.columns and format_type name SUPER columns super',
    doc: SUPER_TYPE,
    steps: [
      run('create table st_types (id int, doc super)'),
      rows(
        `select column_name::text, data_type::text from information_schema.columns where table_name = 'st_types' order by ordinal_position`,
        [
          { column_name: 'id', data_type: 'integer' },
          { column_name: 'doc', data_type: 'super' },
        ],
      ),
      rows(
        `select format_type(atttypid, atttypmod) as t from pg_attribute where attrelid = 'st_types'::regclass and attnum = 2`,
        [{ t: 'super' }],
      ),
    ],
  },
  {
    title: 'a SUPER column is no distribution or sort key',
    doc: LIMITS,
    steps: [
      fails(
        'create table st_sortkey (s super) sortkey(s)',
        '0A000',
        'cannot be a sort key',
      ),
      fails(
        'create table st_sortkey (i int, s super sortkey)',
        '0A000',
        'cannot be a sort key',
      ),
      fails(
        'create table st_distkey (s super distkey)',
        '0A000',
        'cannot be a distribution key',
      ),
      fails(
        'create table st_distkey (i int, s super) diststyle key distkey(s)',
        '0A000',
        'cannot be a distribution key',
      ),
    ],
  },
  // Array search functions and their NULL handling.
  {
    title: 'ARRAY_CONTAINS and its null_match',
    doc: CONTAINS,
    steps: [
      rows(`select array_contains(array('red', 'green'), 'red')`, [
        { array_contains: true },
      ]),
      run('set default_array_search_null_handling to true'),
      rows(`select array_contains(array('red', null, 'green'), null)`, [
        { array_contains: true },
      ]),
      rows(`select array_contains(array('red', null, 'green'), 'blue', true)`, [
        { array_contains: false },
      ]),
      rows(`select array_contains(array('red', null, 'green'), null, false)`, [
        { array_contains: null },
      ]),
      rows(
        `select array_contains(array('red', null, 'green'), 'blue', false)`,
        [{ array_contains: null }],
      ),
      rows(`select array_contains(json_parse('[1, 2.0]'), 2)`, [
        { array_contains: true },
      ]),
      rows(`select array_contains(json_parse('[1, 2]'), '2')`, [
        { array_contains: false },
      ]),
    ],
  },
  {
    title: 'ARRAY_POSITION: the first 0-based position, -1 when absent',
    doc: POSITION,
    steps: [
      rows(`select array_position(array('red', 'green'), 'red') as p`, [
        { p: 0 },
      ]),
      rows('select array_position(array(1, 2, 3), 4) as p', [{ p: -1 }]),
      rows(`select array_position(array('red', 'green', 'red'), 'red') as p`, [
        { p: 0 },
      ]),
      rows(`select array_position(array('red', null, 'green'), null) as p`, [
        { p: 1 },
      ]),
      rows(
        `select array_position(array('red', null, 'green'), 'blue', false) as p`,
        [{ p: null }],
      ),
    ],
  },
  {
    title: 'ARRAY_POSITIONS: every 0-based position, [] when absent',
    doc: POSITIONS,
    steps: [
      rows(`select array_positions(array('red', 'green', 'red'), 'red') as p`, [
        { p: '[0,2]' },
      ]),
      rows('select array_positions(array(1, 2, 3), 4) as p', [{ p: '[]' }]),
      rows(
        `select array_positions(array('red', null, 'green', null), null) as p`,
        [{ p: '[1,3]' }],
      ),
      rows(
        `select array_positions(array('red', null, 'green'), 'blue', true) as p`,
        [{ p: '[]' }],
      ),
      rows(
        `select array_positions(array('red', null, 'green'), 'blue', false) as p`,
        [{ p: null }],
      ),
    ],
  },
  {
    title:
      'default_array_search_null_handling: TRUE by default, SET, SHOW, RESET',
    doc: NULL_HANDLING,
    steps: [
      rows('show default_array_search_null_handling', [
        { default_array_search_null_handling: 'on' },
      ]),
      rows(`select array_position(array('red', null, 'green'), 'blue') as p`, [
        { p: -1 },
      ]),
      run('set default_array_search_null_handling to false'),
      rows(
        `select current_setting('default_array_search_null_handling') as v`,
        [{ v: 'off' }],
      ),
      rows(`select array_contains(array('red', 'green'), null) as c`, [
        { c: null },
      ]),
      rows(`select array_position(array('red', null, 'green'), 'blue') as p`, [
        { p: null },
      ]),
      // The argument overrides the setting.
      rows(
        `select array_contains(array('red', null, 'green'), null, true) as c`,
        [{ c: true }],
      ),
      run('reset default_array_search_null_handling'),
      rows(`select array_contains(array('red', null, 'green'), null) as c`, [
        { c: true },
      ]),
    ],
  },
  {
    title: 'a SET of default_array_search_null_handling is undone by ROLLBACK',
    doc: NULL_HANDLING,
    steps: [
      run('begin'),
      run('set default_array_search_null_handling to false'),
      rows(`select array_contains(array('a', null), 'b') as c`, [{ c: null }]),
      run('rollback'),
      rows(`select array_contains(array('a', null), 'b') as c`, [{ c: false }]),
    ],
  },
  {
    title: 'ARRAY_DISTINCT keeps one of each element, one NULL',
    doc: `${DG}array_distinct.html`,
    steps: [
      rows(`select array_distinct(array(1, 1, 'a', 'a', null, null))`, [
        { array_distinct: '[1,"a",null]' },
      ]),
      rows(
        'select array_distinct(array_concat(array(1,2,3,3),array(2,3,4,4)))',
        [{ array_distinct: '[1,2,3,4]' }],
      ),
    ],
  },
  {
    title: 'ARRAY_UNION keeps each element of both arrays once',
    doc: `${DG}array_union.html`,
    steps: [
      rows(`select array_union(array('a','b','b'), array('b','c','c'))`, [
        { array_union: '["a","b","c"]' },
      ]),
      rows(`select array_union(array('b','a','b'), array(null,'b',null))`, [
        { array_union: '["b","a",null]' },
      ]),
    ],
  },
  {
    title: 'ARRAY_SORT orders by type, then value; NULLs last ascending',
    doc: `${DG}array_sort.html`,
    steps: [
      rows(`select array_sort(array('b', 'a', 0, null, 1, false))`, [
        { array_sort: '[false,0,1,"a","b",null]' },
      ]),
      rows(`select array_sort(array('b', 'a', 0, null, 1, false), false)`, [
        { array_sort: '[null,"b","a",1,0,false]' },
      ]),
      rows(
        `select array_sort(array('b', 'a', 0, null, 1, false), false, false)`,
        [{ array_sort: '["b","a",1,0,false,null]' }],
      ),
      rows(`select array_sort(json_parse('[10, 9.5, 2, "b", "a", true]'))`, [
        { array_sort: '[true,2,9.5,10,"a","b"]' },
      ]),
    ],
  },
  // OBJECT_TRANSFORM.
  {
    title: 'OBJECT_TRANSFORM with KEEP and SET (the page example)',
    doc: TRANSFORM,
    steps: [
      run('create table employees (col_person super)'),
      run(`insert into employees values
        (json_parse('{"name": {"first": "John", "last": "Doe"}, "age": 25, "ssn": "111-22-3333", "company": "Company Inc.", "country": "U.S."}')),
        (json_parse('{"name": {"first": "Jane", "last": "Appleseed"}, "age": 34, "ssn": "444-55-7777", "company": "Organization Org.", "country": "Ukraine"}'))`),
      rows(
        `select object_transform(
           col_person
           keep '"name"."first"', '"age"', '"company"', '"country"'
           set '"name"."first"', upper(col_person.name.first::text),
               '"age"', col_person.age + 5,
               '"company"', 'Amazon'
         ) as col_person_transformed
         from employees order by col_person.age`,
        [
          {
            col_person_transformed:
              '{"name":{"first":"JOHN"},"age":30,"company":"Amazon","country":"U.S."}',
          },
          {
            col_person_transformed:
              '{"name":{"first":"JANE"},"age":39,"company":"Amazon","country":"Ukraine"}',
          },
        ],
      ),
    ],
  },
  {
    title:
      'OBJECT_TRANSFORM without clauses or of a non-object returns the input',
    doc: TRANSFORM,
    steps: [
      rows(`select object_transform(json_parse('{"a":1,"b":2}'))`, [
        { object_transform: '{"a":1,"b":2}' },
      ]),
      rows(`select object_transform(json_parse('[1]') keep '"a"')`, [
        { object_transform: '[1]' },
      ]),
      rows(`select object_transform(json_parse('{"a":1}') set '"b"."c"', 2)`, [
        { object_transform: '{"a":1,"b":{"c":2}}' },
      ]),
      fails(
        `select object_transform(json_parse('{"a":1}') keep 'a')`,
        '0A000',
        LIMIT,
      ),
    ],
  },
  // System information functions written without parentheses.
  {
    title: 'CURRENT_AWS_ACCOUNT is an integer',
    doc: `${DG}r_CURRENT_AWS_ACCOUNT.html`,
    steps: [
      rows('select current_aws_account', [{ current_aws_account: 987654321 }]),
    ],
  },
  {
    title: 'CURRENT_NAMESPACE is the namespace id',
    doc: `${DG}r_CURRENT_NAMESPACE.html`,
    steps: [
      rows('select current_namespace', [
        { current_namespace: '86b5169f-01dc-4a6f-9fbb-e2e24359e9a8' },
      ]),
      rows('select 1 as current_namespace', [{ current_namespace: 1 }]),
    ],
  },
  // Lax and strict modes: lax is the default; strict is an emulator limit.
  {
    title: 'the lax-mode parameters default on, strict parsing is refused',
    doc: CONFIGURATIONS,
    steps: [
      rows('show cast_super_null_on_error', [
        { cast_super_null_on_error: 'on' },
      ]),
      rows('show navigate_super_null_on_error', [
        { navigate_super_null_on_error: 'on' },
      ]),
      rows('show parse_super_null_on_error', [
        { parse_super_null_on_error: 'off' },
      ]),
      run('set navigate_super_null_on_error = on'),
      run('set cast_super_null_on_error = on'),
      run('set parse_super_null_on_error = off'),
      fails('set parse_super_null_on_error = on', '0A000', LIMIT),
    ],
  },
]

describe('local emulator: SUPER and PartiQL, audited', () => {
  let url: string
  let database: string
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    let db: { readonly name: string }
    ;({ url, close, db, client } = await openEmulatorDatabase(
      'local_fid_super_audit',
      [
        'create table bind_docs (id int, doc super)',
        `insert into bind_docs values (1, json_parse('{"a":1}'))`,
      ],
    ))
    database = db.name
  })
  afterAll(() => close())

  it.each(CASES.map((c) => [c.title, c] as const))(
    '%s',
    async (_title, testCase) => {
      const own = await connect(url)
      try {
        await runSteps(own, testCase, database)
      } finally {
        await own.end()
      }
    },
  )

  // Bind parameters (parse_json.html): a bound string is a string, as on
  // Redshift; JSON_PARSE($1) parses it.
  it('a bind parameter stored into a SUPER column is a string scalar', async () => {
    await client.query('insert into bind_docs values ($1, $2)', [2, '{"b":2}'])
    await client.query('insert into bind_docs values ($1, json_parse($2))', [
      3,
      '{"c":3}',
    ])
    await client.query('update bind_docs set doc = $1 where id = 1', ['plain'])
    const { rows: stored } = await client.query(
      'select id, json_serialize(doc) as s, json_typeof(doc) as t from bind_docs order by id',
    )
    expect(stored).toEqual([
      { id: 1, s: '"plain"', t: 'string' },
      { id: 2, s: '"{\\"b\\":2}"', t: 'string' },
      { id: 3, s: '{"c":3}', t: 'object' },
    ])
  })

  it('a bind parameter compared with a whole SUPER column is an emulator limit', async () => {
    const error = await errorOf(
      client.query('select id from bind_docs where doc = $1', ['plain']),
    )
    expect(error.code).toBe('0A000')
    expect(error.message).toContain(LIMIT)
    const { rows: cast } = await client.query(
      'select id from bind_docs where doc = $1::varchar',
      ['plain'],
    )
    expect(cast).toEqual([{ id: 1 }])
  })
})
