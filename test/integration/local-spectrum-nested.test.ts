import { parquetWriteBuffer } from 'hyparquet-writer'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  fails,
  rows,
  run,
  runSteps,
  type FidelityCase as Case,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import {
  connect,
  startS3Emulator,
  type S3Emulator,
} from './local-test-helpers.js'

// Spectrum's nested data: struct, array and map columns of external tables
// read from Parquet and JSON files, queried with the SQL extensions of the
// Guide's tutorial, and the limitations it lists.

const TUTORIAL = `${DG}tutorial-query-nested-data-sqlextensions.html`
const USE_CASES = `${DG}nested-data-use-cases.html`
const LIMITS = `${DG}nested-data-restrictions.html`
const SERIALIZING = `${DG}serializing-complex-JSON.html`
const CREATE = `${DG}tutorial-nested-data-create-table.html`
const LIMIT = 'an emulator limit'

const utf8 = { type: 'BYTE_ARRAY', converted_type: 'UTF8' } as const
const micros = (text: string) => BigInt(Date.parse(`${text}Z`)) * 1000n

/** The tutorial's customers (id, name struct, phones list, orders list of structs). */
const CUSTOMERS = new Uint8Array(
  parquetWriteBuffer({
    schema: [
      { name: 'root', num_children: 4 },
      { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'name', repetition_type: 'OPTIONAL', num_children: 2 },
      { name: 'given', ...utf8, repetition_type: 'OPTIONAL' },
      { name: 'family', ...utf8, repetition_type: 'OPTIONAL' },
      // prettier-ignore
      { name: 'phones', converted_type: 'LIST', repetition_type: 'OPTIONAL', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', ...utf8, repetition_type: 'OPTIONAL' },
      // prettier-ignore
      { name: 'orders', converted_type: 'LIST', repetition_type: 'OPTIONAL', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
      // prettier-ignore
      { name: 'shipdate', type: 'INT64', converted_type: 'TIMESTAMP_MICROS', repetition_type: 'OPTIONAL' },
      { name: 'price', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
    ],
    columnData: [
      { name: 'id', data: [1, 2, 3] },
      {
        name: 'name',
        data: [
          { given: 'John', family: 'Smith' },
          { given: 'Jenny', family: 'Doe' },
          { given: 'Andy', family: 'Jones' },
        ],
      },
      {
        name: 'phones',
        data: [['123-457789'], ['858-8675309', '415-9876543'], []],
      },
      {
        name: 'orders',
        data: [
          [
            { shipdate: micros('2018-03-01T11:59:59'), price: 100.5 },
            { shipdate: micros('2018-03-01T09:10:00'), price: 99.12 },
          ],
          [],
          [{ shipdate: micros('2018-03-02T08:02:15'), price: 13.5 }],
        ],
      },
    ],
  } as never),
)

/** Customers whose phones are a map (type -> number). */
const MAP_CUSTOMERS = new Uint8Array(
  parquetWriteBuffer({
    schema: [
      { name: 'root', num_children: 2 },
      { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
      // prettier-ignore
      { name: 'phones', converted_type: 'MAP', repetition_type: 'OPTIONAL', num_children: 1 },
      { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
      { name: 'key', ...utf8, repetition_type: 'REQUIRED' },
      { name: 'value', ...utf8, repetition_type: 'OPTIONAL' },
    ],
    columnData: [
      { name: 'id', data: [1, 2, 3] },
      {
        name: 'phones',
        data: [
          { mobile: '123-457789', home: '555-0100' },
          { home: '858-8675309' },
          null,
        ],
      },
    ],
  } as never),
)

/** JSON lines with structs nested three deep and arrays of structs holding arrays. */
const DEEP = [
  '{"id": 1, "x": {"a": "top", "b": {"c": 7, "d": {"e": "deep"}}}, "toparray": [{"nestedarray": [{"morenestedarray": ["p", "q"]}]}]}',
  '{"id": 2, "x": {"a": "top2", "b": null}, "toparray": []}',
  '{"id": 3}',
].join('\n')

const FILES = {
  'customers/part-0.parquet': CUSTOMERS,
  'mapcustomers/part-0.parquet': MAP_CUSTOMERS,
  'deep/part-0.json': `${DEEP}\n`,
}

const CUSTOMERS_TABLE = `create external table spectrum.customers (
  id int,
  name struct<given:varchar(20), family:varchar(20)>,
  phones array<varchar(20)>,
  orders array<struct<shipdate:timestamp, price:double precision>>
) stored as parquet location 's3://bucket/customers/'`

const cases: Case[] = [
  {
    title: 'dot paths read the fields of a struct',
    doc: TUTORIAL,
    steps: [
      rows(
        'select c.id, c.name.given, c.name.family from spectrum.customers c order by c.id',
        [
          { id: 1, given: 'John', family: 'Smith' },
          { id: 2, given: 'Jenny', family: 'Doe' },
          { id: 3, given: 'Andy', family: 'Jones' },
        ],
      ),
      // A path filters too; without an alias it starts at the table's name.
      rows(
        "select customers.id from spectrum.customers where customers.name.family = 'Doe'",
        [{ id: 2 }],
      ),
      rows(
        "select spectrum.customers.id, c2.id as other from spectrum.customers join spectrum.customers as c2 on c2.id = customers.id + 1 where customers.name.given = 'John'",
        [{ id: 1, other: 2 }],
      ),
    ],
  },
  {
    title:
      'an array in FROM ranges over its elements: comma, INNER JOIN ... ON true, LEFT JOIN',
    doc: TUTORIAL,
    steps: [
      rows(
        'select c.id, o.shipdate::varchar as shipdate from spectrum.customers c, c.orders o order by 1, 2 desc',
        [
          { id: 1, shipdate: '2018-03-01 11:59:59' },
          { id: 1, shipdate: '2018-03-01 09:10:00' },
          { id: 3, shipdate: '2018-03-02 08:02:15' },
        ],
      ),
      rows(
        'select count(*)::int as n from spectrum.customers c inner join c.orders o on true',
        [{ n: 3 }],
      ),
      rows(
        'select c.id, c.name.given, c.name.family, o.price from spectrum.customers c left join c.orders o on true order by 1, 4 desc',
        [
          { id: 1, given: 'John', family: 'Smith', price: 100.5 },
          { id: 1, given: 'John', family: 'Smith', price: 99.12 },
          { id: 2, given: 'Jenny', family: 'Doe', price: null },
          { id: 3, given: 'Andy', family: 'Jones', price: 13.5 },
        ],
      ),
      // An array of scalars: its alias is the value.
      rows(
        'select c.name.given, p as phone from spectrum.customers c left join c.phones p on true order by 1, 2',
        [
          { given: 'Andy', phone: null },
          { given: 'Jenny', phone: '415-9876543' },
          { given: 'Jenny', phone: '858-8675309' },
          { given: 'John', phone: '123-457789' },
        ],
      ),
    ],
  },
  {
    title: 'a map ranges as an array of key and value structs',
    doc: TUTORIAL,
    steps: [
      run(
        "create external table spectrum.mapcustomers (id int, phones map<varchar(20), varchar(20)>) stored as parquet location 's3://bucket/mapcustomers/'",
      ),
      rows(
        "select c.id, p.value from spectrum.mapcustomers c, c.phones p where p.key = 'mobile'",
        [{ id: 1, value: '123-457789' }],
      ),
      rows(
        'select c.id, count(p.key)::int as n from spectrum.mapcustomers c left join c.phones p on true group by c.id order by 1',
        [
          { id: 1, n: 2 },
          { id: 2, n: 1 },
          { id: 3, n: 0 },
        ],
      ),
    ],
  },
  {
    title:
      'nested data aggregates by subquery, by GROUP BY, and by a subquery in FROM',
    doc: USE_CASES,
    steps: [
      rows(
        'select c.name.given, c.name.family, (select count(*) from c.orders o)::int as ordercount from spectrum.customers c order by 1',
        [
          { given: 'Andy', family: 'Jones', ordercount: 1 },
          { given: 'Jenny', family: 'Doe', ordercount: 0 },
          { given: 'John', family: 'Smith', ordercount: 2 },
        ],
      ),
      rows(
        'select c.name.given, count(o.shipdate)::int as ordercount from spectrum.customers c left join c.orders o on true group by c.id, c.name.given, c.name.family order by 1',
        [
          { given: 'Andy', ordercount: 1 },
          { given: 'Jenny', ordercount: 0 },
          { given: 'John', ordercount: 2 },
        ],
      ),
      rows(
        'select c.name.given, nvl(s.count, 0)::int as ordercount from spectrum.customers c, (select count(*) as count from c.orders o) s order by 1',
        [
          { given: 'Andy', ordercount: 1 },
          { given: 'Jenny', ordercount: 0 },
          { given: 'John', ordercount: 2 },
        ],
      ),
      rows(
        "select c.name.given from spectrum.customers c where (select count(*) from c.phones p where p like '858%') > 0",
        [{ given: 'Jenny' }],
      ),
      rows(
        'select c.id from spectrum.customers c where exists (select 1 from c.orders o where o.price > 100)',
        [{ id: 1 }],
      ),
    ],
  },
  {
    title: 'nested data joins local tables and is ingested by CREATE TABLE AS',
    doc: USE_CASES,
    steps: [
      run(
        'create table price_bands (band varchar(5), low float8, high float8)',
      ),
      run("insert into price_bands values ('low', 0, 50), ('high', 50, 1000)"),
      rows(
        "select c.name.given, count(o.price)::int as orders, sum(o.price) as total from spectrum.customers c, c.orders o join price_bands b on o.price >= b.low and o.price < b.high where b.band = 'high' group by c.id, c.name.given",
        [{ given: 'John', orders: 2, total: 199.62 }],
      ),
      run(
        'create table customerphones as select c.name.given, c.name.family, p as phone from spectrum.customers c left join c.phones p on true',
      ),
      rows('select given, family, phone from customerphones order by 1, 3', [
        { given: 'Andy', family: 'Jones', phone: null },
        { given: 'Jenny', family: 'Doe', phone: '415-9876543' },
        { given: 'Jenny', family: 'Doe', phone: '858-8675309' },
        { given: 'John', family: 'Smith', phone: '123-457789' },
      ]),
      // The struct fields keep their declared types.
      rows(
        'select "column", type from pg_table_def where tablename = \'customerphones\' and "column" <> \'phone\' order by 1',
        [
          { column: 'family', type: 'character varying(20)' },
          { column: 'given', type: 'character varying(20)' },
        ],
      ),
    ],
  },
  {
    title:
      'structs nest at any depth, and arrays of structs hold arrays (JsonSerDe)',
    doc: CREATE,
    steps: [
      run(
        "create external table spectrum.deep (id int, x struct<a: string, b: struct<c: integer, d: struct<e: string>>>, toparray array<struct<nestedarray: array<struct<morenestedarray: array<string>>>>>) row format serde 'org.openx.data.jsonserde.JsonSerDe' location 's3://bucket/deep/'",
      ),
      rows(
        'select t.id, t.x.a, t.x.b.c, t.x.b.d.e from spectrum.deep t order by 1',
        [
          { id: 1, a: 'top', c: 7, e: 'deep' },
          { id: 2, a: 'top2', c: null, e: null },
          { id: 3, a: null, c: null, e: null },
        ],
      ),
      rows(
        'select t.id, m from spectrum.deep t, t.toparray a, a.nestedarray n, n.morenestedarray m order by 2',
        [
          { id: 1, m: 'p' },
          { id: 1, m: 'q' },
        ],
      ),
      fails(
        "create external table spectrum.bad (a array<array<int>>) stored as parquet location 's3://bucket/bad/'",
        '0A000',
        'has an array of ARRAY',
      ),
    ],
  },
  {
    title:
      'results are scalar: * and nested columns as values are refused, as Redshift words it',
    doc: SERIALIZING,
    steps: [
      fails(
        'select * from spectrum.customers limit 1',
        '0A000',
        "Nested tables do not support '*' in the SELECT clause.",
      ),
      fails(
        'select c.* from spectrum.customers c',
        '0A000',
        "Nested tables do not support '*' in the SELECT clause.",
      ),
      fails(
        'select name from spectrum.customers limit 1',
        '42703',
        'column "name" does not exist in customers',
      ),
      fails(
        'select c.id from spectrum.customers c where c.orders is null',
        '42703',
        'column "orders" does not exist in customers',
      ),
      // Nor the structs an array holds, through its range's alias.
      fails(
        'select o from spectrum.customers c, c.orders o',
        '0A000',
        'are structs',
      ),
      // A * over a subquery of scalars is no * over the table.
      rows(
        'select * from (select c.id, c.name.given from spectrum.customers c) s where s.id = 1',
        [{ id: 1, given: 'John' }],
      ),
      run('set json_serialization_enable to true'),
      fails('select name from spectrum.customers', '0A000', LIMIT),
      run('reset json_serialization_enable'),
    ],
  },
  {
    title:
      'a late-binding view over a table with nested columns is an emulator limit',
    doc: `${DG}r_CREATE_VIEW.html`,
    steps: [
      run(
        'create view customer_ids as select c.id from spectrum.customers c with no schema binding',
      ),
      fails('select id from customer_ids', '0A000', LIMIT),
    ],
  },
  {
    title: 'the documented limitations of nested data are refused',
    doc: LIMITS,
    steps: [
      fails(
        'select c.orders[0].price from spectrum.customers c',
        '0A000',
        'by its position',
      ),
      fails(
        "select c.name.given from spectrum.customers c where (select count(c.id) from c.phones p where p like '858%') > 1",
        '0A000',
        'outside the FROM clause',
      ),
      fails(
        'select c.id from spectrum.customers c where c.id in (select o.price from c.orders o)',
        '0A000',
        '(NOT) IN',
      ),
      fails(
        'select c.id, (select count(*) from c.orders o, price_bands b) from spectrum.customers c',
        '0A000',
        'also names another table',
      ),
      // An outer join's condition over nested data names only its table and arrays.
      fails(
        'select c.id from spectrum.customers c left join c.orders o on o.price > 50 left join price_bands b on o.price >= b.low',
        '0A000',
        'OUTER JOIN condition',
      ),
      rows(
        'select c.id, o.price from spectrum.customers c left join c.orders o on o.price > 50 and c.id = 1 order by 1, 2',
        [
          { id: 1, price: 99.12 },
          { id: 1, price: 100.5 },
          { id: 2, price: null },
          { id: 3, price: null },
        ],
      ),
      // Redshift has no LATERAL, whatever the emulator writes for itself.
      fails(
        'select c.id from spectrum.customers c, lateral (select 1) s',
        '42601',
        'syntax error at or near "LATERAL"',
      ),
      fails(
        'select c.id, "$path" from spectrum.customers c',
        '0A000',
        'nested data',
      ),
    ],
  },
]

describe('Spectrum nested data', () => {
  let emulator: S3Emulator
  let client: pg.Client

  beforeAll(async () => {
    emulator = await startS3Emulator('spectrum_nested', FILES)
    client = await connect(emulator.local.url)
    await client.query(
      "create external schema spectrum from data catalog database 'spectrumdb' iam_role default create external database if not exists",
    )
    await client.query(CUSTOMERS_TABLE)
  })

  afterAll(async () => {
    await client?.end()
    await emulator?.stop()
  })

  for (const testCase of cases) {
    it(`${testCase.title} (${testCase.doc.replace(DG, '')})`, async () => {
      await runSteps(client, testCase, emulator.db.name)
    })
  }

  it('a path into a struct has the type of its field', async () => {
    const result = await client.query(
      'select c.name.given, o.price from spectrum.customers c, c.orders o limit 1',
    )
    // VARCHAR and FLOAT8, as the table declares them.
    expect(result.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
      ['given', 1043],
      ['price', 701],
    ])
  })
})
