import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { parquetMetadata } from 'hyparquet'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  fails,
  rows,
  run,
  runSteps,
  type FidelityCase,
} from './fidelity-steps.js'
import { DG } from './function-answers.js'
import {
  connect,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

// COPY from Parquet into SUPER columns, with and without SERIALIZETOJSON,
// and UNLOAD of SUPER to Parquet, audited against the pages that describe
// them. Where a page is silent the emulator's choice is named in the case.

const INGEST = `${DG}ingest-super.html#copy_json-from-parquet-orc`
const COLUMNAR = `${DG}copy-usage_notes-copy-from-columnar.html`
const UNLOAD_SUPER = `${DG}unload-super-parquet.html`
const ROLE = "iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"
const from = (key: string) => `from 's3://bucket/${key}' ${ROLE} format parquet`
const utf8 = { type: 'BYTE_ARRAY', converted_type: 'UTF8' } as const

const write = (schema: unknown[], columnData: unknown[]): Uint8Array =>
  new Uint8Array(parquetWriteBuffer({ schema, columnData } as never))

/** id INT32, tags LIST<STRING>, point STRUCT<x:INT64,s:STRING>, attrs MAP<STRING,INT32>. */
const NESTED = write(
  [
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
  [
    { name: 'id', data: [1, 2] },
    { name: 'tags', data: [['a', null], null] },
    { name: 'point', data: [{ x: 7n, s: 'p' }, null] },
    { name: 'attrs', data: [{ k: 1 }, {}] },
  ],
)

/** id, then one STRUCT column: for the refusals into a non-SUPER column. */
const ONE_STRUCT = write(
  [
    { name: 'root', num_children: 2 },
    { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
    { name: 'point', repetition_type: 'OPTIONAL', num_children: 1 },
    { name: 'x', type: 'INT32', repetition_type: 'OPTIONAL' },
  ],
  [
    { name: 'id', data: [1] },
    { name: 'point', data: [{ x: 1 }] },
  ],
)

/** Scalars: s STRING, n INT64, flag BOOLEAN, price DECIMAL(5,2), day DATE. */
const SCALARS = write(
  [
    { name: 'root', num_children: 5 },
    { name: 's', ...utf8, repetition_type: 'OPTIONAL' },
    { name: 'n', type: 'INT64', repetition_type: 'OPTIONAL' },
    { name: 'flag', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
    // prettier-ignore
    { name: 'price', type: 'INT32', converted_type: 'DECIMAL', precision: 5, scale: 2, repetition_type: 'OPTIONAL' },
    {
      name: 'day',
      type: 'INT32',
      converted_type: 'DATE',
      repetition_type: 'OPTIONAL',
    },
  ],
  [
    { name: 's', data: ['{"a":1}', null] },
    { name: 'n', data: [9007199254740993n, null] },
    { name: 'flag', data: [true, null] },
    { name: 'price', data: [-150n, null] },
    { name: 'day', data: [19723, null] },
  ],
)

/** One STRING column that is not JSON text. */
const PLAIN_TEXT = write(
  [
    { name: 'root', num_children: 1 },
    { name: 's', ...utf8, repetition_type: 'OPTIONAL' },
  ],
  [{ name: 's', data: ['hello'] }],
)

/** A JSON-annotated column, as UNLOAD writes SUPER. */
const JSON_COLUMN = write(
  [
    { name: 'root', num_children: 1 },
    {
      name: 'doc',
      type: 'BYTE_ARRAY',
      converted_type: 'JSON',
      repetition_type: 'OPTIONAL',
    },
  ],
  [{ name: 'doc', data: [{ a: [1, 'x'] }, 'txt', null] }],
)

/** A BINARY column with no annotation. */
const BINARY = write(
  [
    { name: 'root', num_children: 1 },
    { name: 'b', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
  ],
  [{ name: 'b', data: [new Uint8Array([1, 2])] }],
)

const FILES: Readonly<Record<string, Uint8Array>> = {
  'pq/nested.parquet': NESTED,
  'pq/struct.parquet': ONE_STRUCT,
  'pq/scalars.parquet': SCALARS,
  'pq/plain.parquet': PLAIN_TEXT,
  'pq/json.parquet': JSON_COLUMN,
  'pq/binary.parquet': BINARY,
}

const CASES: readonly FidelityCase[] = [
  {
    title: 'SERIALIZETOJSON loads lists, structs and maps into SUPER',
    doc: INGEST,
    steps: [
      run(
        'create table ps_nested (id int, tags super, point super, attrs super)',
      ),
      run(`copy ps_nested ${from('pq/nested.parquet')} serializetojson`),
      rows(
        `select id, json_serialize(tags) as tags, json_serialize(point) as point,
           json_serialize(attrs) as attrs, json_typeof(tags) as t from ps_nested order by id`,
        [
          {
            id: 1,
            tags: '["a",null]',
            point: '{"x":7,"s":"p"}',
            attrs: '{"k":1}',
            t: 'array',
          },
          { id: 2, tags: 'null', point: 'null', attrs: '{}', t: null },
        ],
      ),
    ],
  },
  {
    title: 'without SERIALIZETOJSON a nested column into SUPER fails the load',
    doc: INGEST,
    steps: [
      run(
        'create table ps_no_flag (id int, tags super, point super, attrs super)',
      ),
      fails(
        `copy ps_no_flag ${from('pq/nested.parquet')}`,
        'XX000',
        "incompatible Parquet schema for column 'tags'",
      ),
      rows('select count(*)::int as n from ps_no_flag', [{ n: 0 }]),
    ],
  },
  {
    title:
      'a nested column into a non-SUPER column fails, with or without SERIALIZETOJSON',
    doc: COLUMNAR,
    steps: [
      run('create table ps_varchar (id int, point varchar(100))'),
      fails(
        `copy ps_varchar ${from('pq/struct.parquet')}`,
        'XX000',
        "incompatible Parquet schema for column 'point'",
      ),
      fails(
        `copy ps_varchar ${from('pq/struct.parquet')} serializetojson`,
        'XX000',
        'Parquet schema: STRUCT<x:INT32>',
      ),
    ],
  },
  {
    title:
      'SERIALIZETOJSON loads scalar columns as SUPER scalars of their values',
    doc: INGEST,
    steps: [
      run(
        'create table ps_scalars (s super, n super, flag super, price super, day super)',
      ),
      run(`copy ps_scalars ${from('pq/scalars.parquet')} serializetojson`),
      rows(
        `select json_serialize(s) as s, json_typeof(s) as ts, json_serialize(n) as n,
           json_typeof(flag) as tf, json_serialize(price) as price, json_typeof(price) as tp,
           json_serialize(day) as day from ps_scalars order by n`,
        [
          {
            // A string stays a string (the page: any column type loads "as SUPER").
            s: '"{\\"a\\":1}"',
            ts: 'string',
            n: '9007199254740993',
            tf: 'boolean',
            price: '-1.50',
            tp: 'number',
            // Silent for Parquet; ingest-super says ORC dates become varchar.
            day: '"2024-01-01"',
          },
          {
            s: 'null',
            ts: null,
            n: 'null',
            tf: null,
            price: 'null',
            tp: null,
            day: 'null',
          },
        ],
      ),
    ],
  },
  {
    // Undocumented: without SERIALIZETOJSON a value is read as a text
    // file's field is, so a string column must hold JSON text.
    title:
      'without SERIALIZETOJSON a string column into SUPER is read as JSON text',
    doc: COLUMNAR,
    steps: [
      run(
        'create table ps_text (s super, n super, flag super, price super, day varchar(10))',
      ),
      run(`copy ps_text ${from('pq/scalars.parquet')}`),
      rows(
        `select json_serialize(s) as s, json_typeof(s) as ts, json_serialize(n) as n,
           json_serialize(price) as price, day from ps_text where day is not null`,
        [
          {
            s: '{"a":1}',
            ts: 'object',
            n: '9007199254740993',
            price: '-1.50',
            day: '2024-01-01',
          },
        ],
      ),
      run('create table ps_plain (s super)'),
      fails(`copy ps_plain ${from('pq/plain.parquet')}`, 'XX000', 'ps_plain'),
      run(`copy ps_plain ${from('pq/plain.parquet')} serializetojson`),
      rows('select json_serialize(s) as s from ps_plain', [{ s: '"hello"' }]),
    ],
  },
  {
    title:
      'a JSON column is parsed into SUPER, with or without SERIALIZETOJSON',
    doc: UNLOAD_SUPER,
    steps: [
      run('create table ps_json (doc super)'),
      run(`copy ps_json ${from('pq/json.parquet')}`),
      run(`copy ps_json ${from('pq/json.parquet')} serializetojson`),
      rows(
        `select json_serialize(doc) as doc, count(*)::int as n from ps_json group by 1 order by 1`,
        [
          { doc: '"txt"', n: 2 },
          { doc: 'null', n: 2 },
          { doc: '{"a":[1,"x"]}', n: 2 },
        ],
      ),
    ],
  },
  {
    title: 'a BINARY column into SUPER is refused as an emulator limit',
    doc: INGEST,
    steps: [
      run('create table ps_binary (b super)'),
      fails(
        `copy ps_binary ${from('pq/binary.parquet')} serializetojson`,
        '0A000',
        'BINARY',
      ),
      run('create table ps_varbyte (b varbyte)'),
      run(`copy ps_varbyte ${from('pq/binary.parquet')}`),
      rows('select to_hex(b) as b from ps_varbyte', [{ b: '0102' }]),
    ],
  },
  {
    title: 'UNLOAD FORMAT PARQUET writes SUPER as JSON that COPY reads back',
    doc: UNLOAD_SUPER,
    steps: [
      run('create table ps_unload (id int, doc super)'),
      run(
        `insert into ps_unload values (1, json_parse('{"a":[1,"x,y"],"b":12345678901234567890}')), (2, 'te"xt'), (3, null)`,
      ),
      run(
        `unload ('select id, doc from ps_unload order by id') to 's3://bucket/out/super_' ${ROLE} format parquet parallel off`,
      ),
      run('create table ps_back (id int, doc super)'),
      run(`copy ps_back ${from('out/super_')}`),
      rows('select id, json_serialize(doc) as doc from ps_back order by id', [
        { id: 1, doc: '{"a":[1,"x,y"],"b":12345678901234567890}' },
        { id: 2, doc: '"te\\"xt"' },
        { id: 3, doc: 'null' },
      ]),
    ],
  },
]

describe('local emulator: Parquet and SUPER', () => {
  let own: OwnEmulator
  let dir: string

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parquet-super-'))
    for (const [key, body] of Object.entries(FILES)) {
      const target = path.join(dir, 'bucket', key)
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.writeFileSync(target, body)
    }
    own = await startOwnEmulator('local_fid_parquet_super', { s3Dir: dir })
  })
  afterAll(async () => {
    await own.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it.each(CASES.map((c) => [c.title, c] as const))(
    '%s',
    async (_title, testCase) => {
      const client = await connect(own.local.url)
      try {
        await runSteps(client, testCase, own.db.name)
      } finally {
        await client.end()
      }
    },
  )

  it(`the unloaded SUPER column is annotated JSON (${UNLOAD_SUPER})`, async () => {
    const client = await connect(own.local.url)
    try {
      await client.query('create table ps_annot (doc super)')
      await client.query(`insert into ps_annot values (json_parse('[1]'))`)
      await client.query(
        `unload ('select doc from ps_annot') to 's3://bucket/out/annot_' ${ROLE} format parquet parallel off`,
      )
    } finally {
      await client.end()
    }
    const out = fs
      .readdirSync(path.join(dir, 'bucket', 'out'))
      .filter((f) => f.startsWith('annot_'))
    expect(out).toHaveLength(1)
    const body = fs.readFileSync(path.join(dir, 'bucket', 'out', out[0]!))
    const buffer = body.buffer.slice(
      body.byteOffset,
      body.byteOffset + body.byteLength,
    )
    const doc = parquetMetadata(buffer as ArrayBuffer).schema[1]!
    expect(doc.name).toBe('doc')
    expect(doc.converted_type).toBe('JSON')
    expect(doc.logical_type?.type).toBe('JSON')
  })
})
