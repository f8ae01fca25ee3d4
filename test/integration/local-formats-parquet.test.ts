import { brotliCompressSync, gzipSync } from 'node:zlib'

import { parquetWriteBuffer } from 'hyparquet-writer'
import { describe, expect, it } from 'vitest'

import { zstdRawFrame } from '../../src/local/codecs/zstd-raw-frames.js'
import { ColumnarFormatError } from '../../src/local/formats/columnar-format-error.js'
import { readParquet } from '../../src/local/formats/read-parquet.js'

// Files are written by hyparquet-writer from raw physical values (unscaled
// decimals, epoch micros, day numbers), so every expected value below is the
// exact text of what was written, not what a reader happened to return.

type Row = readonly unknown[]

async function readAll(file: Uint8Array | ArrayBuffer): Promise<{
  columns: readonly { name: string; type: string }[]
  rows: Row[]
}> {
  const { columns, rows } = await readParquet(Buffer.from(file as ArrayBuffer))
  const all: Row[] = []
  for await (const row of rows) all.push(row)
  // Each column's name and type text; its type tree (`shape`) is what the
  // SUPER loads read, checked in local-fidelity-parquet-super.
  return {
    columns: columns.map(({ name, type }) => ({ name, type })),
    rows: all,
  }
}

const INVALID_UTF8 = Buffer.from([0xff, 0x00, 0xc3, 0x28, 0x80])

const SCALARS = {
  schema: [
    { name: 'root', num_children: 20 },
    { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
    { name: 'i16', type: 'INT32', converted_type: 'INT_16' },
    { name: 'i64', type: 'INT64' },
    { name: 'u64', type: 'INT64', converted_type: 'UINT_64' },
    { name: 'flag', type: 'BOOLEAN' },
    { name: 'f32', type: 'FLOAT' },
    { name: 'f64', type: 'DOUBLE' },
    { name: 'text', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
    { name: 'raw', type: 'BYTE_ARRAY' },
    { name: 'fixed', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 3 },
    // prettier-ignore
    { name: 'dec32', type: 'INT32', converted_type: 'DECIMAL', precision: 9, scale: 2 },
    // prettier-ignore
    { name: 'dec64', type: 'INT64', converted_type: 'DECIMAL', precision: 18, scale: 4 },
    // prettier-ignore
    { name: 'dec38', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', precision: 38, scale: 10 },
    // prettier-ignore
    { name: 'dec_int', type: 'BYTE_ARRAY', logical_type: { type: 'DECIMAL', precision: 20, scale: 0 } },
    { name: 'day', type: 'INT32', converted_type: 'DATE' },
    { name: 'ts_ms', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
    { name: 'ts_us', type: 'INT64', converted_type: 'TIMESTAMP_MICROS' },
    // prettier-ignore
    { name: 'ts_ns', type: 'INT64', logical_type: { type: 'TIMESTAMP', unit: 'NANOS', isAdjustedToUTC: false } },
    { name: 'time_us', type: 'INT64', converted_type: 'TIME_MICROS' },
    {
      name: 'uuid',
      type: 'FIXED_LEN_BYTE_ARRAY',
      type_length: 16,
      logical_type: { type: 'UUID' },
    },
  ].map((e, i) => (i === 0 ? e : { repetition_type: 'OPTIONAL', ...e })),
  columnData: [
    { name: 'id', data: [1, 2, 3] },
    { name: 'i16', data: [-32768, 32767, null] },
    { name: 'i64', data: [9007199254740993n, -9223372036854775808n, null] },
    { name: 'u64', data: [18446744073709551615n, 0n, null] },
    { name: 'flag', data: [true, false, null] },
    { name: 'f32', data: [1.5, -0.25, null] },
    { name: 'f64', data: [0.1, -1e300, null] },
    { name: 'text', data: ['pipe|tab\tnl\n"q"\\', '', null] },
    { name: 'raw', data: [INVALID_UTF8, new Uint8Array(0), null] },
    {
      name: 'fixed',
      data: [Uint8Array.of(1, 2, 3), Uint8Array.of(255, 0, 128), null],
    },
    { name: 'dec32', data: [-12345n, 99999999n, null] },
    { name: 'dec64', data: [123456789012345678n, -1n, null] },
    {
      name: 'dec38',
      data: [99999999999999999999999999999999999999n, -(10n ** 37n), null],
    },
    {
      name: 'dec_int',
      data: [twosComplement(-(10n ** 19n)), twosComplement(0n), null],
    },
    { name: 'day', data: [19723, -719162, null] },
    { name: 'ts_ms', data: [1704067200123n, -1n, null] },
    { name: 'ts_us', data: [253402300799999999n, -62135596800000000n, null] },
    { name: 'ts_ns', data: [1704067200123456789n, -1n, null] },
    { name: 'time_us', data: [45296000001n, 86399999999n, null] },
    {
      name: 'uuid',
      data: [
        Uint8Array.from(Buffer.from('0123456789abcdef0123456789abcdef', 'hex')),
        Uint8Array.from(Buffer.alloc(16)),
        null,
      ],
    },
  ],
}

const EXPECTED_SCALARS: Row[] = [
  [
    1,
    -32768,
    9007199254740993n,
    18446744073709551615n,
    true,
    1.5,
    0.1,
    'pipe|tab\tnl\n"q"\\',
    INVALID_UTF8,
    Buffer.from([1, 2, 3]),
    '-123.45',
    '12345678901234.5678',
    '9999999999999999999999999999.9999999999',
    '-10000000000000000000',
    '2024-01-01',
    '2024-01-01 00:00:00.123',
    '9999-12-31 23:59:59.999999',
    '2024-01-01 00:00:00.123456',
    '12:34:56.000001',
    '01234567-89ab-cdef-0123-456789abcdef',
  ],
  [
    2,
    32767,
    -9223372036854775808n,
    0,
    false,
    -0.25,
    -1e300,
    '',
    Buffer.alloc(0),
    Buffer.from([255, 0, 128]),
    '999999.99',
    '-0.0001',
    '-1000000000000000000000000000.0000000000',
    '0',
    '0001-01-01',
    '1969-12-31 23:59:59.999',
    '0001-01-01 00:00:00',
    '1969-12-31 23:59:59.999999',
    '23:59:59.999999',
    '00000000-0000-0000-0000-000000000000',
  ],
  [3, ...Array.from({ length: 19 }, () => null)],
]

describe('readParquet', () => {
  it('reads every scalar type exactly, with nulls', async () => {
    const { columns, rows } = await readAll(
      parquetWriteBuffer(SCALARS as never),
    )
    expect(columns).toEqual([
      { name: 'id', type: 'INT32' },
      { name: 'i16', type: 'INT16' },
      { name: 'i64', type: 'INT64' },
      { name: 'u64', type: 'UINT64' },
      { name: 'flag', type: 'BOOLEAN' },
      { name: 'f32', type: 'FLOAT' },
      { name: 'f64', type: 'DOUBLE' },
      { name: 'text', type: 'STRING' },
      { name: 'raw', type: 'BINARY' },
      { name: 'fixed', type: 'FIXED_LEN_BYTE_ARRAY(3)' },
      { name: 'dec32', type: 'DECIMAL(9,2)' },
      { name: 'dec64', type: 'DECIMAL(18,4)' },
      { name: 'dec38', type: 'DECIMAL(38,10)' },
      { name: 'dec_int', type: 'DECIMAL(20,0)' },
      { name: 'day', type: 'DATE' },
      { name: 'ts_ms', type: 'TIMESTAMP(MILLIS)' },
      { name: 'ts_us', type: 'TIMESTAMP(MICROS)' },
      { name: 'ts_ns', type: 'TIMESTAMP(NANOS)' },
      { name: 'time_us', type: 'TIME(MICROS)' },
      { name: 'uuid', type: 'UUID' },
    ])
    expect(rows).toEqual(EXPECTED_SCALARS)
    // Binary stays bytes: a Buffer, never a string.
    expect(Buffer.isBuffer(rows[0]![8])).toBe(true)
    expect(Object.isFrozen(rows[0])).toBe(true)
  })

  it('reads lists, structs and maps, nested and null at every level', async () => {
    const file = parquetWriteBuffer({
      schema: [
        { name: 'root', num_children: 4 },
        { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
        {
          name: 'tags',
          converted_type: 'LIST',
          repetition_type: 'OPTIONAL',
          num_children: 1,
        },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        {
          name: 'element',
          type: 'BYTE_ARRAY',
          converted_type: 'UTF8',
          repetition_type: 'OPTIONAL',
        },
        { name: 'point', repetition_type: 'OPTIONAL', num_children: 3 },
        { name: 'x', type: 'INT64', repetition_type: 'OPTIONAL' },
        // prettier-ignore
        { name: 'amount', type: 'INT64', converted_type: 'DECIMAL', precision: 18, scale: 2, repetition_type: 'OPTIONAL' },
        {
          name: 'seen',
          type: 'INT64',
          converted_type: 'TIMESTAMP_MICROS',
          repetition_type: 'OPTIONAL',
        },
        {
          name: 'attrs',
          converted_type: 'MAP',
          repetition_type: 'OPTIONAL',
          num_children: 1,
        },
        { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
        {
          name: 'key',
          type: 'BYTE_ARRAY',
          converted_type: 'UTF8',
          repetition_type: 'REQUIRED',
        },
        // prettier-ignore
        { name: 'value', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 4, converted_type: 'DECIMAL', precision: 9, scale: 3, repetition_type: 'OPTIONAL' },
      ],
      columnData: [
        { name: 'id', data: [1, 2, 3] },
        { name: 'tags', data: [['a', null, 'ü'], [], null] },
        {
          name: 'point',
          data: [
            { x: 9007199254740993n, amount: -5n, seen: 1704067200000001n },
            { x: null, amount: null, seen: null },
            null,
          ],
        },
        { name: 'attrs', data: [{ k1: 1500n, k2: null }, {}, null] },
      ],
    } as never)
    const { columns, rows } = await readAll(file)
    expect(columns).toEqual([
      { name: 'id', type: 'INT32' },
      { name: 'tags', type: 'LIST<STRING>' },
      {
        name: 'point',
        type: 'STRUCT<x:INT64,amount:DECIMAL(18,2),seen:TIMESTAMP(MICROS)>',
      },
      { name: 'attrs', type: 'MAP<STRING,DECIMAL(9,3)>' },
    ])
    expect(rows).toEqual([
      [
        1,
        ['a', null, 'ü'],
        {
          x: 9007199254740993n,
          amount: '-0.05',
          seen: '2024-01-01 00:00:00.000001',
        },
        { k1: '1.500', k2: null },
      ],
      [2, [], { x: null, amount: null, seen: null }, {}],
      [3, null, null, null],
    ])
  })

  it('reads every codec and many row groups, in order', async () => {
    const count = 10_000
    const ids = Array.from(
      { length: count },
      (_, i) => BigInt(i) * 1_000_000_007n,
    )
    const cents = Array.from({ length: count }, (_, i) =>
      BigInt(i * 37 - 400_000),
    )
    const names = Array.from({ length: count }, (_, i) =>
      i % 11 === 0 ? null : `name ${i % 500}`,
    )
    const expected = ids.map((id, i) => [
      id > 9007199254740991n ? id : Number(id),
      centsText(cents[i]!),
      names[i],
    ])
    for (const codec of ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'BROTLI', 'ZSTD']) {
      const file = parquetWriteBuffer({
        schema: [
          { name: 'root', num_children: 3 },
          { name: 'id', type: 'INT64', repetition_type: 'REQUIRED' },
          // prettier-ignore
          { name: 'cents', type: 'INT64', converted_type: 'DECIMAL', precision: 12, scale: 2, repetition_type: 'REQUIRED' },
          {
            name: 'name',
            type: 'BYTE_ARRAY',
            converted_type: 'UTF8',
            repetition_type: 'OPTIONAL',
          },
        ],
        columnData: [
          { name: 'id', data: ids },
          { name: 'cents', data: cents },
          { name: 'name', data: names },
        ],
        codec,
        compressors: {
          GZIP: (input: Uint8Array) => gzipSync(input),
          BROTLI: (input: Uint8Array) => brotliCompressSync(input),
          // Stored-block frames: also checks UNLOAD's zstd against another decoder.
          ZSTD: (input: Uint8Array) => zstdRawFrame(Buffer.from(input)),
        },
        rowGroupSize: 3_000,
      } as never)
      const { rows } = await readAll(file)
      expect(rows.length, codec).toBe(count)
      expect(rows, codec).toEqual(expected)
    }
  })

  it('fails with a ColumnarFormatError on a file that is not Parquet or is cut short', async () => {
    for (const file of [
      Buffer.from('id|name\n1|x\n'),
      Buffer.alloc(0),
      Buffer.from(parquetWriteBuffer(SCALARS as never)).subarray(0, 200),
    ]) {
      const error = await readParquet(file).then(
        async ({ rows }) => {
          for await (const _ of rows);
        },
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(ColumnarFormatError)
      expect((error as ColumnarFormatError).format).toBe('parquet')
    }
  })
})

function centsText(cents: bigint): string {
  const negative = cents < 0n
  const digits = (negative ? -cents : cents).toString().padStart(3, '0')
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`
}

/** Big-endian two's complement in the fewest bytes (how DECIMAL bytes are stored). */
function twosComplement(value: bigint): Uint8Array {
  let length = 1
  while (
    value < -(1n << BigInt(length * 8 - 1)) ||
    value >= 1n << BigInt(length * 8 - 1)
  ) {
    length++
  }
  let unsigned = value < 0n ? (1n << BigInt(length * 8)) + value : value
  const bytes = new Uint8Array(length)
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(unsigned & 0xffn)
    unsigned >>= 8n
  }
  return bytes
}
