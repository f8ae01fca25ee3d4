import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { errorOf, openEmulatorDatabase } from './local-test-helpers.js'

// SUPER and PartiQL as Redshift documents them: each row is a query, the rows
// Redshift answers (SUPER values compared as the JSON text Redshift prints),
// and the Developer Guide page that shows them.

const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'

interface Result {
  readonly sql: string
  readonly rows: readonly Record<string, unknown>[]
  readonly doc: string
}

const r = (
  sql: string,
  rows: readonly Record<string, unknown>[],
  doc: string,
): Result => ({ sql, rows, doc: `${DG}${doc}` })

const QS = 'query-super.html'
const NAV = 'navigation.html'
const UNNEST = 'unnest.html'

const RESULTS: readonly Result[] = [
  // JSON_PARSE / JSON_SERIALIZE: compact text, keys in their written order.
  r(
    `select json_serialize(json_parse('[10001,10002,"abc"]'))`,
    [{ json_serialize: '[10001,10002,"abc"]' }],
    'JSON_SERIALIZE.html',
  ),
  r(
    `select json_parse('[10001,10002,"abc"]')`,
    [{ json_parse: '[10001,10002,"abc"]' }],
    'JSON_PARSE.html',
  ),
  r(
    `select json_typeof(json_parse('[10001,10002,"abc"]'))`,
    [{ json_typeof: 'array' }],
    'JSON_PARSE.html',
  ),
  r(
    `select json_serialize(json_parse('{ "b" : 1,  "a" : [ 1, 2.50 ] }')) as s`,
    [{ s: '{"b":1,"a":[1,2.50]}' }],
    'JSON_SERIALIZE.html',
  ),
  r('select json_serialize(null) as s', [{ s: 'null' }], 'JSON_SERIALIZE.html'),
  r(
    `select products from orders where order_id = 1001`,
    [
      {
        products:
          '[{"product_id":"P456","name":"Monitor","price":299.99,"quantity":1,"specs":{"size":"27 inch","resolution":"4K"}}]',
      },
    ],
    'r_FROM_clause-unnest-examples.html',
  ),
  // Navigation: column first, alias first, subscripts, lax NULLs.
  r(
    'select c_orders[0].o_orderkey as k from customer_orders_lineitem',
    [{ k: '1' }],
    QS,
  ),
  r(
    'select cust.c_orders[0].o_orderkey as k from customer_orders_lineitem as cust',
    [{ k: '1' }],
    NAV,
  ),
  r(
    'select customer_orders_lineitem.c_orders[0].o_orderstatus as s from customer_orders_lineitem',
    [{ s: '"F"' }],
    NAV,
  ),
  r(
    'select c_orders[0].o_lineitems[1].l_partkey as p from customer_orders_lineitem',
    [{ p: '11' }],
    NAV,
  ),
  r(
    'select c_orders[5].o_orderkey as k, c_orders[0].missing as m, c_orders.o_orderkey as o from customer_orders_lineitem',
    [{ k: null, m: null, o: null }],
    QS,
  ),
  r(
    'select c_orders[0].o_orderkey[0] as k, c_name from customer_orders_lineitem',
    [{ k: null, c_name: 'Customer#1' }],
    QS,
  ),
  r(
    'select count(*) as n from customer_orders_lineitem where c_orders[0].o_orderkey is not null',
    [{ n: '1' }],
    NAV,
  ),
  r(
    "select c_custkey from customer_orders_lineitem where c_orders[0].o_orderstatus = 'F'",
    [{ c_custkey: 1 }],
    'super-overview.html',
  ),
  r(
    'select c_custkey from customer_orders_lineitem where c_orders[0].o_orderkey = 1',
    [{ c_custkey: 1 }],
    'super-overview.html',
  ),
  r(
    "select c_custkey from customer_orders_lineitem where c_orders[0].o_orderstatus in ('O', 'F')",
    [{ c_custkey: 1 }],
    'super-overview.html',
  ),
  r(
    'select c_orders[0].o_orderstatus, count(*) as n from customer_orders_lineitem group by c_orders[0].o_orderstatus order by c_orders[0].o_orderstatus',
    [{ o_orderstatus: '"F"', n: '1' }],
    NAV,
  ),
  // Casts to scalar types and back (limitations-super.html).
  r(
    'select c_orders[0].o_orderkey::int + 1 as k, c_orders[0].o_orderstatus::varchar as s from customer_orders_lineitem',
    [{ k: 2, s: 'F' }],
    'limitations-super.html',
  ),
  r(
    'select 5::super::bool as a, 5.0::super::bool as b',
    [{ a: true, b: null }],
    'limitations-super.html',
  ),
  r(
    `select json_parse('"2001-09-08"')::date as d`,
    [{ d: '2001-09-08' }],
    'limitations-super.html',
  ),
  r(
    `select 'abc'::varchar::super as s, 12::super as i, true::super as b`,
    [{ s: '"abc"', i: '12', b: 'true' }],
    'r_SUPER_type.html',
  ),
  // SUPER values compare, group and join (dynamic typing: query-super.html).
  r(
    'select count(distinct c_orders[0].o_orderstatus) as n from customer_orders_lineitem',
    [{ n: '1' }],
    QS,
  ),
  r(
    `select c.c_custkey from customer_orders_lineitem c join arrays a on c.c_orders[0].o_orderkey = a.v[0]`,
    [{ c_custkey: 1 }],
    QS,
  ),
  r(
    // Equality of different dynamic types is false (dynamic typing).
    `select json_parse('1.0') = json_parse('1') as n, json_parse('"1"') = 1 as s`,
    [{ n: true, s: false }],
    QS,
  ),
  // Case of attribute names (enable_case_sensitive_super_attribute off by default).
  r(
    'select col.A as a1, col.a as a2 from tbl',
    [{ a1: '"123"', a2: '"123"' }],
    'r_enable_case_sensitive_super_attribute.html',
  ),
  // Unnesting: FROM t, t.arr AS e [AT i], nested unnesting.
  r(
    'select c.c_custkey, o.o_orderkey as k from customer_orders_lineitem c, c.c_orders o',
    [{ c_custkey: 1, k: '1' }],
    UNNEST,
  ),
  r(
    'select l.l_partkey as p, i from customer_orders_lineitem c, c.c_orders o, o.o_lineitems l at i order by i',
    [
      { p: '10', i: 0 },
      { p: '11', i: 1 },
    ],
    UNNEST,
  ),
  r(
    'select e, i from arrays a, a.v as e at i order by i',
    [
      { e: '1', i: 0 },
      { e: '"two"', i: 1 },
      { e: '[3]', i: 2 },
    ],
    UNNEST,
  ),
  r(
    'select * from arrays a, a.v as e where e = 1',
    [{ v: '[1,"two",[3]]', scalar: '7', e: '1' }],
    UNNEST,
  ),
  r('select count(*) as n from arrays a, a.scalar as e', [{ n: '0' }], UNNEST),
  r(
    'select o.order_id, p.name, p.price from orders o, o.products p order by o.order_id, p.name',
    [
      { order_id: 1001, name: '"Monitor"', price: '299.99' },
      { order_id: 1002, name: '"Headphones"', price: '159.99' },
      { order_id: 1002, name: '"USB Cable"', price: '9.99' },
    ],
    'r_FROM_clause-unnest-examples.html',
  ),
  r(
    'select o.order_id, unnested_products.product from orders o, unnest(o.products) as unnested_products(product) order by o.order_id, unnested_products.product.name',
    [
      {
        order_id: 1001,
        product:
          '{"product_id":"P456","name":"Monitor","price":299.99,"quantity":1,"specs":{"size":"27 inch","resolution":"4K"}}',
      },
      {
        order_id: 1002,
        product:
          '{"product_id":"P678","name":"Headphones","price":159.99,"quantity":1,"specs":{"type":"Wireless","battery_life":"20 hours"}}',
      },
      {
        order_id: 1002,
        product:
          '{"product_id":"P567","name":"USB Cable","price":9.99,"quantity":3}',
      },
    ],
    'r_FROM_clause-unnest-examples.html',
  ),
  // Arithmetic on SUPER: numbers, + concatenates strings, anything else is NULL.
  r(
    `select c_orders[0].o_orderkey + 1 as a, c_orders[0].o_orderstatus + c_orders[0].o_orderstatus as b, c_orders[0].o_orderstatus * 2 as c, -c_orders[0].o_orderkey as d from customer_orders_lineitem`,
    [{ a: '2', b: '"FF"', c: null, d: '-1' }],
    'operators-functions.html',
  ),
  // UNPIVOT ... AT over objects.
  r(
    `select attr, val from (select json_parse('{"a":1,"b":"c"}') as data) as t, unpivot t.data as val at attr`,
    [
      { attr: 'a', val: '1' },
      { attr: 'b', val: '"c"' },
    ],
    QS,
  ),
  // Type information functions.
  r(
    `select is_array(json_parse('[1]')) as a, is_object(json_parse('{}')) as o, is_scalar(json_parse('1')) as s, is_boolean(json_parse('true')) as b`,
    [{ a: true, o: true, s: true, b: true }],
    'c_Type_Info_Functions.html',
  ),
  r(
    'select s, is_decimal(s) from dec',
    [{ s: '1.22', is_decimal: true }],
    'r_is_decimal.html',
  ),
  r(
    `select is_integer(json_parse('5')) as i, is_smallint(json_parse('70000')) as s, is_bigint(json_parse('3000000000')) as b, is_number(json_parse('"5"')) as n`,
    [{ i: true, s: false, b: true, n: false }],
    'c_Type_Info_Functions.html',
  ),
  r(
    `select is_varchar(json_parse('"abc"')) as v, is_char(json_parse('"abc"')) as c, is_float(json_parse('1.5')) as f, is_array(null) as a`,
    [{ v: true, c: true, f: false, a: false }],
    'c_Type_Info_Functions.html',
  ),
  r(
    `select json_size(json_parse('[1,2,"ab"]')) as n`,
    [{ n: 10 }],
    'r_json_size.html',
  ),
  // Array functions.
  r(
    `select array(1, 'abc', true, null) as a`,
    [{ a: '[1,"abc",true,null]' }],
    'r_array.html',
  ),
  r(
    `select get_array_length(json_parse('[1,2,3]')) as n`,
    [{ n: 3 }],
    'get_array_length.html',
  ),
  r(
    'select array_concat(array(10001, 10002), array(10003, 10004)) as a',
    [{ a: '[10001,10002,10003,10004]' }],
    'r_array_concat.html',
  ),
  r(
    `select subarray(array('a', 'b', 'c', 'd', 'e', 'f'), 2, 3) as a`,
    [{ a: '["c","d","e"]' }],
    'r_subarray.html',
  ),
  r(
    'select array_flatten(array(array(1, 2), array(3, 4))) as a',
    [{ a: '[1,2,3,4]' }],
    'array_flatten.html',
  ),
  r(
    `select object('a', 1, 'b', array(2)) as o`,
    [{ o: '{"a":1,"b":[2]}' }],
    'r_object_function.html',
  ),
]

/** What the emulator refuses (Redshift's own refusals, or an emulator limit). */
const REFUSED: readonly {
  sql: string
  code: string
  message: string
  doc: string
}[] = [
  {
    sql: 'select e from arrays a, a.v',
    code: '0A000',
    message: 'without an alias in the local emulator',
    doc: `${DG}${UNNEST}`,
  },
  {
    sql: 'select c_orders[0:1] from customer_orders_lineitem',
    code: '0A000',
    message: 'array slices',
    doc: `${DG}${NAV}`,
  },
  {
    sql: 'set parse_super_null_on_error to on',
    code: '0A000',
    message: 'in the local emulator',
    doc: `${DG}r_parse_super_null_on_error.html`,
  },
  {
    sql: `select val from (select json_parse('{"a":1}') as data) as t, unpivot t.data as val`,
    code: '0A000',
    message: 'UNPIVOT of a SUPER object without AT',
    doc: `${DG}${QS}`,
  },
]

describe('local emulator: SUPER and PartiQL', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_fid_super', [
      'create table customer_orders_lineitem (c_custkey int, c_name varchar(25), c_orders super)',
      `insert into customer_orders_lineitem values (1, 'Customer#1', json_parse('[{"o_orderkey": 1, "o_orderstatus": "F", "o_lineitems": [{"l_partkey": 10}, {"l_partkey": 11}]}]'))`,
      'create table orders (order_id int, products super)',
      `insert into orders values (1001, json_parse('[ { "product_id": "P456", "name": "Monitor", "price": 299.99, "quantity": 1, "specs": { "size": "27 inch", "resolution": "4K" } } ] ')), (1002, json_parse(' [ { "product_id": "P567", "name": "USB Cable", "price": 9.99, "quantity": 3 }, { "product_id": "P678", "name": "Headphones", "price": 159.99, "quantity": 1, "specs": { "type": "Wireless", "battery_life": "20 hours" } } ] '))`,
      'create table tbl (col super)',
      `insert into tbl values (json_parse('{ "A": "HELLO", "a": "123" }'))`,
      'create table arrays (v super, scalar super)',
      `insert into arrays values (json_parse('[1, "two", [3]]'), json_parse('7'))`,
      'create table dec (s super)',
      'insert into dec values (1.22)',
    ]))
    // SUPER values as the text Redshift prints: pg has no parser for
    // SUPER's OID 4000 and keeps its text.
    client.setTypeParser(3802, (text) => text)
    client.setTypeParser(1082, (text) => text)
  })
  afterAll(() => close())

  it.each(RESULTS)('$sql ($doc)', async ({ sql, rows }) => {
    const result = await client.query(sql)
    expect(result.rows).toEqual(rows)
  })

  it.each(REFUSED)('refuses $sql ($doc)', async ({ sql, code, message }) => {
    const error = await errorOf(client.query(sql))
    expect(error.code).toBe(code)
    expect(error.message).toContain(message)
  })

  it('follows enable_case_sensitive_super_attribute, and ROLLBACK undoes it (r_enable_case_sensitive_super_attribute.html)', async () => {
    await client.query('set enable_case_sensitive_super_attribute to on')
    expect(
      (await client.query('select col.A as a1, col.a as a2 from tbl')).rows,
    ).toEqual([{ a1: '"HELLO"', a2: '"123"' }])
    await client.query('begin')
    await client.query('set enable_case_sensitive_super_attribute to off')
    await client.query('rollback')
    expect((await client.query('select col.A as a from tbl')).rows).toEqual([
      { a: '"HELLO"' },
    ])
    await client.query('reset enable_case_sensitive_super_attribute')
    expect((await client.query('select col.A as a from tbl')).rows).toEqual([
      { a: '"123"' },
    ])
  })

  it("keeps a quoted attribute's case with enable_case_sensitive_identifier (r_enable_case_sensitive_super_attribute.html)", async () => {
    await client.query('set enable_case_sensitive_identifier to on')
    try {
      expect((await client.query('select col."A" as a from tbl')).rows).toEqual(
        [{ a: '"HELLO"' }],
      )
    } finally {
      await client.query('reset enable_case_sensitive_identifier')
    }
    expect((await client.query('select col."A" as a from tbl')).rows).toEqual([
      { a: '"123"' },
    ])
  })

  it('shows SUPER columns as super in the catalog and round-trips their text through a bind parameter (super-overview.html)', async () => {
    const columns = await client.query(
      "select data_type from svv_columns where table_name = 'orders' and column_name = 'products'",
    )
    expect(columns.rows).toEqual([{ data_type: 'super' }])
    await client.query('create table bound (v super)')
    await client.query('insert into bound values (json_parse($1))', [
      '{"z": 1, "a": [true]}',
    ])
    expect(
      (await client.query('select json_serialize(v) as s from bound')).rows,
    ).toEqual([{ s: '{"z":1,"a":[true]}' }])
  })
})
