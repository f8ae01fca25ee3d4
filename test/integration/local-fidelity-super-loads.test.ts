import { parquetWriteBuffer } from 'hyparquet-writer'

import { DG } from './function-answers.js'
import {
  answer,
  describeS3FidelityCases,
  fails,
  file,
  put,
  run,
  type S3Case as Case,
} from './s3-fidelity-steps.js'

// Loading and unloading SUPER, and string literals stored into SUPER columns
// the emulator's catalog lookup cannot see yet, audited against the
// emulator: each case names its page and runs on a connection of its own.
// Values are read as the server's text (SUPER as its JSON text).

const COPY_JSON = `${DG}copy_json.html`
const PARSE_JSON = `${DG}parse_json.html`
const UNLOAD = `${DG}r_UNLOAD.html`
const ROLE = "iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"

/** A Parquet file: `id` INT32, `tags` LIST<STRING>, `point` STRUCT<x:INT64,s:STRING>, `attrs` MAP<STRING,INT32>. */
function nestedParquet(): Uint8Array {
  const utf8 = { type: 'BYTE_ARRAY', converted_type: 'UTF8' }
  return new Uint8Array(
    parquetWriteBuffer({
      schema: [
        { name: 'root', num_children: 4 },
        { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
        // prettier-ignore
        { name: 'tags', converted_type: 'LIST', repetition_type: 'OPTIONAL', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', ...utf8, repetition_type: 'OPTIONAL' },
        { name: 'point', repetition_type: 'OPTIONAL', num_children: 2 },
        { name: 'x', type: 'INT64', repetition_type: 'OPTIONAL' },
        { name: 's', ...utf8, repetition_type: 'OPTIONAL' },
        // prettier-ignore
        { name: 'attrs', converted_type: 'MAP', repetition_type: 'OPTIONAL', num_children: 1 },
        { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
        { name: 'key', ...utf8, repetition_type: 'REQUIRED' },
        { name: 'value', type: 'INT32', repetition_type: 'OPTIONAL' },
      ],
      columnData: [
        { name: 'id', data: [1, 2] },
        { name: 'tags', data: [['a', null], null] },
        { name: 'point', data: [{ x: 7n, s: 'p' }, null] },
        { name: 'attrs', data: [{ k: 1 }, {}] },
      ],
    } as never),
  )
}

const CASES: readonly Case[] = [
  // --- string literals stored into SUPER columns the lookup cannot see ---
  {
    title: 'a literal stored into a SUPER column added in the open block',
    doc: PARSE_JSON,
    steps: [
      run('begin'),
      run('create table ld_added (id int)'),
      run('alter table ld_added add column doc super'),
      run(`insert into ld_added values (1, '{"a":1}')`),
      run(`insert into ld_added (id, doc) values (2, '[1]')`),
      run(`update ld_added set doc = 'x' where id = 2`),
      answer('select id, doc, json_typeof(doc) from ld_added order by id', [
        ['1', '"{\\"a\\":1}"', 'string'],
        ['2', '"x"', 'string'],
      ]),
      run('commit'),
      run(`insert into ld_added values (3, '{}')`),
      answer('select doc, json_typeof(doc) from ld_added where id = 3', [
        ['"{}"', 'string'],
      ]),
    ],
  },
  {
    title: 'a literal stored into a committed table altered in the open block',
    doc: PARSE_JSON,
    steps: [
      run('create table ld_altered (id int, doc super)'),
      run('begin'),
      run('alter table ld_altered add column n int'),
      run(`insert into ld_altered values (1, '[1,2]', 3)`),
      run('alter table ld_altered add column extra super'),
      run(`insert into ld_altered (id, extra) values (2, '{"b":2}')`),
      answer(
        'select id, doc, json_typeof(doc), extra, json_typeof(extra) from ld_altered order by id',
        [
          ['1', '"[1,2]"', 'string', null, null],
          ['2', null, null, '"{\\"b\\":2}"', 'string'],
        ],
      ),
      run('rollback'),
    ],
  },
  {
    title: 'a literal stored into a table created earlier in the same message',
    doc: PARSE_JSON,
    steps: [
      run(
        `create table ld_message (id int, doc super); insert into ld_message values (1, '{"c":3}'); insert into ld_message (doc, id) values ('7', 2)`,
      ),
      answer('select id, doc, json_typeof(doc) from ld_message order by id', [
        ['1', '"{\\"c\\":3}"', 'string'],
        ['2', '"7"', 'string'],
      ]),
    ],
  },
  {
    title: 'a literal stored into a column added earlier in the same message',
    doc: PARSE_JSON,
    steps: [
      run('create table ld_message_alter (id int)'),
      run(
        `alter table ld_message_alter add column doc super; insert into ld_message_alter values (1, '[3]')`,
      ),
      answer('select doc, json_typeof(doc) from ld_message_alter', [
        ['"[3]"', 'string'],
      ]),
    ],
  },
  // --- SUPER in the catalog ---
  {
    title: 'format_type and the catalog name OID 4000 super',
    doc: `${DG}r_SUPER_type.html`,
    steps: [
      answer(`select format_type(4000, null), 'super'::regtype::text`, [
        ['super', 'super'],
      ]),
      // A regtype result names Redshift's types, not their backing ones
      // (json, bytea) or a bare OID.
      answer(
        `select pg_typeof(json_parse('[1]')), 4000::regtype, pg_typeof(from_hex('aa')), 6551::regtype, 3000::regtype, 3001::regtype, 2935::regtype, 23::regtype`,
        [
          [
            'super',
            'super',
            'varbyte',
            'varbyte',
            'geometry',
            'geography',
            'hllsketch',
            'integer',
          ],
        ],
      ),
      run('create table ld_types (s super)'),
      answer(
        `select format_type(atttypid, atttypmod), atttypid::int from pg_attribute where attrelid = 'ld_types'::regclass and attname = 's'`,
        [['super', '4000']],
      ),
    ],
  },
  // --- COPY into SUPER ---
  {
    title: 'COPY CSV with a JSON field into a SUPER column',
    doc: `${COPY_JSON}#copy_json-from-text-csv`,
    steps: [
      run('create table ld_csv (id int, doc super)'),
      put(
        'loads/doc.csv',
        '1,"{""r"":[{""n"":0}],""s"":""x""}"\n2,"""text"""\n3,12.50\n4,\n',
      ),
      run(`copy ld_csv from 's3://bucket/loads/doc.csv' ${ROLE} csv`),
      answer('select id, doc, json_typeof(doc) from ld_csv order by id', [
        ['1', '{"r":[{"n":0}],"s":"x"}', 'object'],
        ['2', '"text"', 'string'],
        ['3', '12.50', 'number'],
        ['4', null, null],
      ]),
      answer('select doc.r[0].n, doc.s from ld_csv where id = 1', [
        ['0', '"x"'],
      ]),
      put('loads/bad.csv', '1,abc\n'),
      fails(
        `copy ld_csv from 's3://bucket/loads/bad.csv' ${ROLE} csv`,
        'XX000',
        'Load into table',
      ),
    ],
  },
  {
    title: 'COPY delimited text with a JSON field into a SUPER column',
    doc: `${COPY_JSON}#copy_json-from-text-csv`,
    steps: [
      run('create table ld_text (id int, doc super)'),
      put('loads/doc.txt', '1|{"a":[1,2],"b":{"c":true}}\n2|[]\n'),
      run(`copy ld_text from 's3://bucket/loads/doc.txt' ${ROLE}`),
      answer('select id, doc, json_serialize(doc) from ld_text order by id', [
        ['1', '{"a":[1,2],"b":{"c":true}}', '{"a":[1,2],"b":{"c":true}}'],
        ['2', '[]', '[]'],
      ]),
    ],
  },
  {
    title: "COPY JSON 'noshred' keeps the document navigable",
    doc: `${COPY_JSON}#copy_json-one-column`,
    steps: [
      run('create table ld_noshred (rdata super)'),
      put(
        'loads/region.json',
        '{"r_regionkey":0,"r_name":"AFRICA","r_nations":[{"n_name":"ALGERIA","n_nationkey":0}]}\n',
      ),
      run(
        `copy ld_noshred from 's3://bucket/loads/region.json' ${ROLE} format json 'noshred'`,
      ),
      answer(
        'select rdata.r_name, rdata.r_nations[0].n_name, json_serialize(rdata.r_nations) from ld_noshred',
        [['"AFRICA"', '"ALGERIA"', '[{"n_name":"ALGERIA","n_nationkey":0}]']],
      ),
      run('create table ld_noshred_two (a super, b int)'),
      fails(
        `copy ld_noshred_two from 's3://bucket/loads/region.json' ${ROLE} format json 'noshred'`,
        'XX000',
        'exactly one column',
      ),
    ],
  },
  {
    title: "COPY JSON 'auto' shreds into scalar and SUPER columns",
    doc: `${COPY_JSON}#copy_json-multiple-columns`,
    steps: [
      run(
        'create table ld_auto (r_regionkey int, r_name varchar, r_nations super)',
      ),
      put(
        'loads/region.json',
        '{"r_regionkey":0,"r_name":"AFRICA","r_nations":[{"n_name":"ALGERIA","n_nationkey":0}]}\n',
      ),
      run(
        `copy ld_auto from 's3://bucket/loads/region.json' ${ROLE} format json 'auto'`,
      ),
      answer(
        'select r_regionkey, r_name, r_nations[0].n_nationkey, json_typeof(r_nations) from ld_auto',
        [['0', 'AFRICA', '0', 'array']],
      ),
    ],
  },
  {
    title:
      'COPY PARQUET SERIALIZETOJSON loads lists, structs and maps as SUPER',
    doc: `${COPY_JSON}#copy_json-from-parquet-orc`,
    steps: [
      run(
        'create table ld_parquet (id int, tags super, point super, attrs super)',
      ),
      put('loads/nested.parquet', nestedParquet()),
      run(
        `copy ld_parquet from 's3://bucket/loads/nested.parquet' ${ROLE} format parquet serializetojson`,
      ),
      answer(
        'select id, tags, point, attrs, json_serialize(point) from ld_parquet order by id',
        [
          ['1', '["a",null]', '{"x":7,"s":"p"}', '{"k":1}', '{"x":7,"s":"p"}'],
          // JSON_SERIALIZE of a NULL is 'null' (JSON_SERIALIZE.html).
          ['2', null, null, '{}', 'null'],
        ],
      ),
      answer('select tags[0], point.x, attrs.k from ld_parquet where id = 1', [
        ['"a"', '7', '1'],
      ]),
    ],
  },
  {
    title: 'COPY FORMAT ORC into SUPER is refused as an emulator limit',
    doc: `${COPY_JSON}#copy_json-from-parquet-orc`,
    steps: [
      run('create table ld_orc (doc super)'),
      fails(
        `copy ld_orc from 's3://bucket/loads/none.orc' ${ROLE} format orc serializetojson`,
        '0A000',
        'ORC',
      ),
      fails(
        `copy ld_orc from 's3://bucket/loads/doc.csv' ${ROLE} csv serializetojson`,
        '42601',
        'SERIALIZETOJSON',
      ),
    ],
  },
  // --- UNLOAD of SUPER ---
  {
    title: 'UNLOAD of SUPER to CSV, JSON and Parquet',
    doc: UNLOAD,
    steps: [
      run('create table ld_unload (id int, doc super)'),
      run(
        `insert into ld_unload values (1, json_parse('{"a":[1,"x,y"]}')), (2, 'te"xt'), (3, null)`,
      ),
      run(
        `unload ('select id, doc from ld_unload order by id') to 's3://bucket/unload/csv_' ${ROLE} format csv parallel off`,
      ),
      file('unload/csv_000', '1,"{""a"":[1,""x,y""]}"\n2,"""te\\""xt"""\n3,\n'),
      run(
        `unload ('select id, doc from ld_unload order by id') to 's3://bucket/unload/json_' ${ROLE} format json parallel off`,
      ),
      file(
        'unload/json_000',
        '{"id":1,"doc":{"a":[1,"x,y"]}}\n{"id":2,"doc":"te\\"xt"}\n{"id":3,"doc":null}\n',
      ),
    ],
  },
]

describeS3FidelityCases(
  'local emulator: loading and unloading SUPER',
  'local_fid_super_loads',
  CASES,
)
