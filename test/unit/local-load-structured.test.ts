import { gzipSync } from 'node:zlib'

import avro from 'avsc'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { describe, expect, test } from 'vitest'

import { col, runLoad } from './local-load-helpers.js'

const S3 = "copy t from 's3://b/f' iam_role default"

describe('JSON', () => {
  const columns = [
    col('id', 'bigint'),
    col('name', 'character varying(20)'),
    col('price', 'numeric(5,2)'),
    col('tags', 'super'),
    col('ok', 'boolean'),
  ]
  const file =
    '{"id": 9007199254740993, "name": "a\\"b\\\\c\\n\\u00e9", "price": 1.005,\n "tags": {"x": [1, 2.50]}, "ok": true}\n' +
    '{"id": -1, "name": null, "ok": false, "extra": 1}{"ID": 3, "name": "", "tags": "s"}\n'

  test.each([1, 4, 64 * 1024])(
    "'auto': keys are column names, numbers exact, nested values as JSON (read %i bytes at a time)",
    async (piece) => {
      const out = await runLoad(
        `${S3} json 'auto'`,
        { 's3://b/f': file },
        columns,
        piece,
      )
      expect(out.error).toBeUndefined()
      expect(out.rows).toEqual([
        ['9007199254740993', 'a"b\\c\né', '1.00', '{"x":[1,2.50]}', 't'],
        ['-1', null, null, null, 'f'],
        [null, '', null, '"s"', null],
      ])
    },
  )

  test("'auto ignorecase' matches keys whatever their case", async () => {
    const out = await runLoad(
      `${S3} json 'auto ignorecase' emptyasnull`,
      { 's3://b/f': '{"ID": 3, "Name": "", "OK": "t"}' },
      columns,
    )
    expect(out.rows).toEqual([['3', null, null, null, 't']])
  })

  test('a JSONPaths file picks each column by path (dot or bracket notation)', async () => {
    const out = await runLoad(
      `${S3} json 's3://b/paths.json'`,
      {
        's3://b/f':
          '{"a": {"b": 12345678901234567890}, "c": ["x", "y"]}\n{"c": []}\n',
        's3://b/paths.json': '{"jsonpaths": ["$.a.b", "$[\'c\'][1]"]}',
      },
      [col('big', 'numeric(38,0)'), col('second', 'character varying(5)')],
    )
    expect(out.rows).toEqual([
      ['12345678901234567890', 'y'],
      [null, null],
    ])
  })

  test.each([
    [
      '{"jsonpaths": ["$.a"]}',
      'Number of jsonpaths and the number of columns should match. JSONPath size: 1, Number of columns in table or column list: 2',
    ],
    [
      '{"jsonpaths": ["$.a", "$.b[*]"]}',
      'Invalid JSONPath format: wildcards, filters and unquoted names are not supported: $.b[*]',
    ],
    [
      '{"jsonpaths": ["$.a.b", "$[\'a\'].c"]}',
      "Invalid JSONPath format: dot and bracket notation cannot be mixed: $['a'].c",
    ],
    [
      '{"paths": []}',
      'Invalid JSONPath format: the file must be an object with a non-empty "jsonpaths" array',
    ],
  ])('a bad JSONPaths file %s', async (paths, message) => {
    const out = await runLoad(
      `${S3} json 's3://b/paths.json'`,
      { 's3://b/f': '{}', 's3://b/paths.json': paths },
      [col('a', 'integer'), col('b', 'integer')],
    )
    expect(out.error?.fields).toMatchObject({ code: 'XX000', message })
  })

  test("'noshred' loads each document whole into one SUPER column", async () => {
    const out = await runLoad(
      `${S3} json 'noshred'`,
      { 's3://b/f': '{"a": 1.10, "b": [true, null]}\n[1]\n' },
      [col('doc', 'super')],
    )
    expect(out.rows).toEqual([['{"a":1.10,"b":[true,null]}'], ['[1]']])
    const refused = await runLoad(
      `${S3} json 'noshred'`,
      { 's3://b/f': '{}' },
      [col('doc', 'super'), col('x', 'integer')],
    )
    expect(refused.error?.fields.message).toMatch(
      /^JSON 'noshred' loads each document into one SUPER column/,
    )
  })

  test('malformed JSON and text outside objects are load errors on their line', async () => {
    const out = await runLoad(
      `${S3} json 'auto' maxerror 5`,
      { 's3://b/f': '{"id": 1}\n{"id": }\nnot json\n{"id": 2}\n[3]\n' },
      columns,
    )
    expect(out.rows.map((r) => r[0])).toEqual(['1', '2'])
    expect(
      out.result.errors.map((e) => [e.line_number, e.err_code, e.raw_line]),
    ).toEqual([
      [2, 1224, '{"id": }'],
      [3, 1224, 'not json'],
      [5, 1224, '[3]'],
    ])
  })

  test('gzip-compressed JSON', async () => {
    const out = await runLoad(
      `${S3} json 'auto' gzip`,
      { 's3://b/f': gzipSync('{"id": 7, "name": "z"}') },
      columns,
    )
    expect(out.rows).toEqual([['7', 'z', null, null, null]])
  })
})

describe('Parquet', () => {
  const parquet = () =>
    Buffer.from(
      parquetWriteBuffer({
        columnData: [
          {
            name: 'Identifier',
            data: [9007199254740993n, -2n, null],
            type: 'INT64',
          },
          { name: 'label', data: ['a\tb', 'ü', null], type: 'STRING' },
          { name: 'flag', data: [true, false, null], type: 'BOOLEAN' },
          { name: 'ratio', data: [1.5, -0.25, null], type: 'DOUBLE' },
        ],
      }),
    )
  const columns = [
    col('id', 'bigint'),
    col('name', 'character varying(4)'),
    col('ok', 'boolean'),
    col('r', 'double precision'),
  ]

  test('columns are matched by position; values are exact', async () => {
    const out = await runLoad(
      `${S3} format as parquet`,
      { 's3://b/f': parquet() },
      columns,
    )
    expect(out.error).toBeUndefined()
    expect(out.rows).toEqual([
      ['9007199254740993', 'a\tb', 't', '1.5'],
      ['-2', 'ü', 'f', '-0.25'],
      [null, null, null, null],
    ])
    expect(out.result.files).toEqual([
      {
        url: 's3://b/f',
        lines: 3,
        bytes: parquet().length,
        began: expect.any(Date),
        loadtime: expect.any(Number),
      },
    ])
  })

  test('a gzip-compressed Parquet file is recognised by its content', async () => {
    const out = await runLoad(
      `${S3} format as parquet`,
      { 's3://b/f.gz': gzipSync(parquet()) },
      columns,
    )
    expect(out.rows).toHaveLength(3)
  })

  test('the column counts must match, the file must be Parquet, and any bad value fails the load', async () => {
    const fewer = await runLoad(
      `${S3} format as parquet`,
      { 's3://b/f': parquet() },
      columns.slice(0, 3),
    )
    expect(fewer.error?.fields.message).toBe(
      'Unmatched number of columns between table and file. Table columns: 3, Data columns: 4, File name: s3://b/f',
    )
    const text = await runLoad(
      `${S3} format as parquet`,
      { 's3://b/f': 'a,b\n' },
      columns,
    )
    expect(text.error?.fields.message).toBe(
      "File 's3://b/f' is not a valid Parquet file: it does not start with PAR1",
    )
    const narrow = await runLoad(
      `${S3} format as parquet`,
      { 's3://b/f': parquet() },
      [col('id', 'smallint'), ...columns.slice(1)],
    )
    expect(narrow.error?.loadErrors[0]).toMatchObject({
      err_code: 1204,
      colname: 'id',
      raw_field_value: '9007199254740993',
    })
  })
})

describe('Avro', () => {
  async function avroFile(): Promise<Buffer> {
    const type = avro.Type.forSchema({
      type: 'record',
      name: 'Row',
      fields: [
        { name: 'Id', type: 'int' },
        { name: 'name', type: ['null', 'string'] },
        { name: 'score', type: 'double' },
      ],
    })
    const encoder = new avro.streams.BlockEncoder(type)
    const parts: Buffer[] = []
    encoder.on('data', (b: Buffer) => parts.push(b))
    const done = new Promise((resolve) => encoder.on('end', resolve))
    encoder.write({ Id: 1, name: 'x|y', score: 0.5 })
    encoder.write({ Id: 2, name: null, score: -1 })
    encoder.end()
    await done
    return Buffer.concat(parts)
  }

  test("'auto' matches fields to columns by name, case-sensitively", async () => {
    const columns = [
      col('name', 'character varying(5)'),
      col('id', 'integer'),
      col('score', 'real'),
    ]
    const out = await runLoad(
      `${S3} format as avro 'auto'`,
      { 's3://b/f': await avroFile() },
      columns,
    )
    expect(out.error).toBeUndefined()
    expect(out.rows).toEqual([
      ['x|y', null, '0.5'],
      [null, null, '-1'],
    ])
    const ignoring = await runLoad(
      `${S3} format as avro 'auto ignorecase'`,
      { 's3://b/f': await avroFile() },
      columns,
    )
    expect(ignoring.rows).toEqual([
      ['x|y', '1', '0.5'],
      [null, '2', '-1'],
    ])
  })
})
