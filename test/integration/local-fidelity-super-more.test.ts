import { BOOL, DG, INT4, SUPER, VARCHAR } from './function-answers.js'
import {
  answer,
  describeS3FidelityCases,
  fails,
  file,
  put,
  run,
  type S3Case as Case,
} from './s3-fidelity-steps.js'

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
/** VARBYTE's type OID. */
const VARBYTE = 6551

const ROLE = "iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"

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
  // UNNEST(...) WITH OFFSET names an element and a 0-based offset column.
  {
    title: 'UNNEST ... WITH OFFSET gives each element its offset',
    doc: `${DG}r_FROM_clause-unnest-examples.html`,
    steps: [
      run('create table more_orders (order_id int, products super)'),
      run(
        `insert into more_orders values
           (1001, json_parse('[{"product_id":"P456","name":"Monitor"}]')),
           (1002, json_parse('[{"product_id":"P567","name":"USB Cable"},{"product_id":"P678","name":"Headphones"}]'))`,
      ),
      answer(
        `select o.order_id, u.product.name, u.idx
         from more_orders o, unnest(o.products) with offset as u(product, idx)
         order by 1, 3`,
        [
          ['1001', '"Monitor"', '0'],
          ['1002', '"USB Cable"', '0'],
          ['1002', '"Headphones"', '1'],
        ],
        [INT4, SUPER, INT4],
      ),
      fails(
        `select u.p from more_orders o, unnest(o.products) with offset as u(p)`,
        '0A000',
        LIMIT,
      ),
    ],
  },
  // Array slices are not in Redshift's PartiQL (navigation takes one index).
  {
    title: 'an array slice is refused',
    doc: `${QUERY_SUPER}#navigation`,
    steps: [fails(`select d.arr[0:1] from ${DOC}`, '0A000', 'array slices')],
  },
  // "The left operand can also use the dot and bracket notation for regular
  // navigation": an unnested path may go deeper than t.column.attribute and
  // take subscripts; a path that names no SUPER value stays a bad table name.
  {
    title: 'unnesting a path of any depth, with subscripts',
    doc: `${QUERY_SUPER}#unnest`,
    steps: [
      run('create table more_paths (id int, c super)'),
      run(
        `insert into more_paths values (1, json_parse('{"o":{"orders":[{"items":[{"x":1},{"x":2}]},{"items":[{"x":3}]}]}}'))`,
      ),
      answer(
        'select i.x from more_paths t, t.c.o.orders[0].items i order by 1',
        [['1'], ['2']],
        [SUPER],
      ),
      answer(
        `select e.items[0].x, n from more_paths t, t.c.o.orders as e at n order by n`,
        [
          ['1', '0'],
          ['3', '1'],
        ],
        [SUPER, INT4],
      ),
      answer(
        'select count(*) from more_paths t, t.c.o.orders o, o.items[0] as i',
        [['0']],
      ),
      answer(
        'select i.x from more_paths t, t.c."o".orders[1].items as i',
        [['3']],
        [SUPER],
      ),
      fails(
        'select * from more_paths t, nosuch.a.b.c e',
        '42601',
        'improper qualified name (too many dotted names): nosuch.a.b.c',
      ),
      fails('select * from more_paths t, nosuch.a[0] e', '42601', '['),
    ],
  },
  // ORDER BY ranks dynamic types: boolean, number, string, array, object.
  {
    title: 'ORDER BY, GROUP BY and DISTINCT over SUPER values of several types',
    doc: `${QUERY_SUPER}#order-by`,
    steps: [
      run(
        'create table more_nations (r_regionkey int, r_name varchar(10), r_comment varchar(10), r_nations super)',
      ),
      run(
        `insert into more_nations values (100,'name1','comment1','AWS'), (200,'name2','comment2',1),
           (300,'name3','comment3',array(1, 'abc', null)), (400,'name4','comment4',-2.5),
           (500,'name5','comment5','Amazon')`,
      ),
      answer('select r_nations from more_nations order by r_nations', [
        ['-2.5'],
        ['1'],
        ['"Amazon"'],
        ['"AWS"'],
        ['[1,"abc",null]'],
      ]),
      answer(
        `select x from (select json_parse('[{"a":1}, [1], "x", 2, true, 1.5, false]') as j) as t, t.j as x order by x`,
        [['false'], ['true'], ['1.5'], ['2'], ['"x"'], ['[1]'], ['{"a":1}']],
      ),
      answer(
        `select r, count(*) from (select json_parse('1') as r union all select json_parse('1.0')
           union all select json_parse('"1"')) as t group by r order by r`,
        [
          ['1', '2'],
          ['"1"', '1'],
        ],
      ),
      answer(
        `select r_nations from more_nations where r_regionkey < 300
         union select json_parse('1') order by 1`,
        [['1'], ['"AWS"']],
      ),
    ],
  },
  // Equality of different dynamic types is false, an order between them NULL;
  // strings compare without trailing blanks; objects and arrays deep.
  {
    title: 'comparisons between SUPER values of different dynamic types',
    doc: `${QUERY_SUPER}#dynamic-typing-lax-processing-dynamic-and-static`,
    steps: [
      answer(
        `select json_parse('1') = json_parse('"1"'), json_parse('1') <> json_parse('"1"'),
           json_parse('1') < json_parse('"1"'), json_parse('"a "') = json_parse('"a"'),
           json_parse('[1,{"a":2}]') = json_parse('[1.0,{"a":2}]')`,
        [['f', 't', null, 't', 't']],
        [BOOL, BOOL, BOOL, BOOL, BOOL],
      ),
      answer(
        `select d.a.b = 'P', d.a.b <= 'P', d.s = 'Good', d.s <= 'P', d.s = 'Good  ' from ${DOC}`,
        [['f', null, 't', 't', 't']],
      ),
    ],
  },
  // JSON_PARSE refuses an attribute named twice in one object unless
  // json_parse_dedup_attributes keeps the last.
  {
    title: 'JSON_PARSE and duplicate attributes',
    doc: `${CONFIGURATIONS}#parsing-options-super`,
    steps: [
      answer(`select json_parse('{"a":{"a":1}}')`, [['{"a":{"a":1}}']]),
      fails(`select json_parse('{"a":1,"a":2}')`, 'XX000', 'duplicate'),
      run('set json_parse_dedup_attributes = on'),
      answer(`select json_parse('{"a":1,"b":3,"a":2}')`, [['{"b":3,"a":2}']]),
      run('reset json_parse_dedup_attributes'),
      fails(`select json_parse('{"a":1,"a":2}')`, 'XX000', 'duplicate'),
    ],
  },
  // The function pages' examples.
  {
    title:
      'JSON_SERIALIZE, JSON_SERIALIZE_TO_VARBYTE, JSON_SIZE, GET_ARRAY_LENGTH',
    doc: `${DG}JSON_SERIALIZE.html`,
    steps: [
      answer(
        `select json_serialize(json_parse('[10001,10002,"abc"]'))`,
        [['[10001,10002,"abc"]']],
        [VARCHAR],
      ),
      answer(
        `select json_serialize_to_varbyte(json_parse('[10001,10002,"abc"]')),
           json_serialize_to_varbyte(json_parse('[10001,10002,"abc"]'))::varchar`,
        [['5b31303030312c31303030322c22616263225d', '[10001,10002,"abc"]']],
        [VARBYTE, VARCHAR],
      ),
      answer(`select json_size(json_parse('[10001,10002,"⬤"]'))`, [['19']]),
      answer('select get_array_length(array(1,2,3,4,5,6,7,8,9,10))', [['10']]),
    ],
  },
  // Casting limits (limitations-super.html).
  {
    title:
      'SUPER casting limits: date to SUPER, arrays to VARCHAR, 5.0 to bool',
    doc: `${DG}limitations-super.html`,
    steps: [
      fails(
        `select '2019-09-09'::date::super`,
        '42846',
        'cannot cast type date to super',
      ),
      answer('select 5::super::bool, 5.0::super::bool', [['t', null]]),
      answer(
        `select r_nations::varchar, json_serialize(r_nations) from (select array(1, 'abc', null) as r_nations) as t`,
        [[null, '[1,"abc",null]']],
      ),
    ],
  },
  // enable_case_sensitive_super_attribute (the page's example).
  {
    title: 'enable_case_sensitive_super_attribute',
    doc: `${DG}r_enable_case_sensitive_super_attribute.html`,
    steps: [
      run('create table more_case (col super)'),
      run(`insert into more_case values (json_parse('{"A": "A", "a": "a"}'))`),
      run('set enable_case_sensitive_super_attribute to on'),
      answer('select col.A from more_case', [['"A"']]),
      answer('select col.a from more_case', [['"a"']]),
      run('set enable_case_sensitive_super_attribute to off'),
      answer('select col.A from more_case', [['"a"']]),
    ],
  },
  // SUPER is type OID 4000 named super in every catalog answer, as in the
  // result descriptions (r_SUPER_type.html; the drivers' type tables).
  {
    title: 'the catalog names SUPER columns super, type OID 4000',
    doc: `${DG}r_SUPER_type.html`,
    steps: [
      run('create table more_catalog (id int, doc super)'),
      answer(
        `select column_name, data_type, udt_name from information_schema.columns
         where table_name = 'more_catalog' order by ordinal_position`,
        [
          ['id', 'integer', 'int4'],
          ['doc', 'super', 'super'],
        ],
      ),
      answer(
        `select a.attname, a.atttypid, t.typname, format_type(a.atttypid, a.atttypmod)
         from pg_attribute a join pg_catalog.pg_type t on t.oid = a.atttypid
         where a.attrelid = 'more_catalog'::regclass and a.attnum > 0 order by a.attnum`,
        [
          ['id', '23', 'int4', 'integer'],
          ['doc', '4000', 'super', 'super'],
        ],
      ),
      answer(
        `select oid, typname from pg_type where oid in (114, 4000) or typname in ('super', 'json')`,
        [['4000', 'super']],
      ),
      answer('select doc from more_catalog', [], [SUPER]),
    ],
  },
  // SUPER in right and full outer joins is refused (limitations-super.html).
  {
    title: 'SUPER in a RIGHT or FULL OUTER JOIN condition is refused',
    doc: `${DG}limitations-super.html`,
    steps: [
      run('create table more_join (k int, s super)'),
      run(`insert into more_join values (1, json_parse('1')), (2, 'a')`),
      fails(
        'select a.k from more_join a full join more_join b on a.s = b.s',
        '0A000',
        'FULL OUTER JOIN',
      ),
      fails(
        'select a.k from more_join a right join more_join b on a.s = b.s',
        '0A000',
        'RIGHT JOIN',
      ),
      answer(
        'select a.k from more_join a left join more_join b on a.s = b.s order by 1',
        [['1'], ['2']],
      ),
      answer(
        'select a.k from more_join a right join more_join b on a.k = b.k order by 1',
        [['1'], ['2']],
      ),
    ],
  },
  // COPY FORMAT JSON into SUPER: a number written with an exponent is a
  // SUPER float, stored as JSON_PARSE stores it (ingest-super.html).
  {
    title: "COPY JSON 'noshred' and 'auto' into SUPER, floats as SUPER floats",
    doc: `${DG}ingest-super.html`,
    steps: [
      run('create table more_noshred (s super)'),
      put('super/doc.json', '{"a":{"b":[1,2.50]},"f":1.5E3}\n'),
      run(
        `copy more_noshred from 's3://bucket/super/doc.json' ${ROLE} format json 'noshred'`,
      ),
      answer('select s, is_float(s.f) from more_noshred', [
        ['{"a":{"b":[1,2.50]},"f":1.5e+3}', 't'],
      ]),
      answer(
        `select s = json_parse('{"a":{"b":[1,2.50]},"f":1.5E3}') from more_noshred`,
        [['t']],
      ),
      run('create table more_auto (id int, doc super)'),
      put('super/auto.json', '{"id":1,"doc":{"x":[1,2e-3]}}\n'),
      run(
        `copy more_auto from 's3://bucket/super/auto.json' ${ROLE} format json 'auto'`,
      ),
      answer('select id, doc from more_auto', [['1', '{"x":[1,2e-3]}']]),
    ],
  },
  // UNLOAD writes a SUPER value as its JSON text (r_UNLOAD.html).
  {
    title: 'UNLOAD of SUPER values writes their JSON text',
    doc: `${DG}r_UNLOAD.html`,
    steps: [
      run('create table more_unload (id int, doc super)'),
      run(
        `insert into more_unload values (1, json_parse('{"a":[1,"x"]}')), (2, 'text'), (3, 2.5::float)`,
      ),
      run(
        `unload ('select id, doc from more_unload order by id') to 's3://bucket/out/doc_' ${ROLE} parallel off`,
      ),
      file('out/doc_000', '1|{"a":[1,"x"]}\n2|"text"\n3|2.5e+0\n'),
    ],
  },
]

describeS3FidelityCases(
  'local emulator: SUPER and PartiQL, more of the chapter',
  'local_fid_super_more',
  CASES,
)
