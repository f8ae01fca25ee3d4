import { execFileSync, spawnSync } from 'node:child_process'
import { crc32 } from 'node:zlib'

import avro from 'avsc'
import { snappyCompress } from 'hyparquet-writer/src/snappy.js'
import { describe, expect, it } from 'vitest'

import { zstdRawFrame } from '../../src/local/codecs/zstd-raw-frames.js'
import { ColumnarFormatError } from '../../src/local/formats/columnar-format-error.js'
import { readAvro } from '../../src/local/formats/read-avro.js'

// Files are written with avsc from raw physical values (longs as bigint,
// decimals as two's-complement bytes, epoch micros and day numbers), so each
// expected value is the exact text of what was written.

/** A writer-side long that takes bigint, so values beyond 2^53 are written exactly. */
const WRITER_LONG = avro.types.LongType.__with({
  fromBuffer: (b: Buffer) => b.readBigInt64LE(0),
  toBuffer: (n: bigint | number) => {
    const b = Buffer.alloc(8)
    b.writeBigInt64LE(BigInt(n))
    return b
  },
  fromJSON: (n: number) => BigInt(n),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint' || Number.isInteger(n),
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
})

/** Keeps a logical type's attributes in the file's schema; values pass as they are. */
class PassThroughLogical extends avro.types.LogicalType {
  readonly #schema: Record<string, unknown>
  constructor(schema: avro.Schema, opts?: unknown) {
    super(schema, opts)
    this.#schema = schema as never
  }
  protected override _export(attributes: avro.Schema): void {
    for (const key of ['precision', 'scale']) {
      if (key in this.#schema) {
        ;(attributes as Record<string, unknown>)[key] = this.#schema[key]
      }
    }
  }
  protected override _fromValue(value: unknown): unknown {
    return value
  }
  protected override _toValue(value: unknown): unknown {
    return value
  }
}

function writerType(schema: avro.Schema): avro.Type {
  const logical = new WeakSet<object>()
  const passThrough = Object.fromEntries(
    [
      'decimal',
      'date',
      'time-millis',
      'time-micros',
      'timestamp-millis',
      'timestamp-micros',
      'local-timestamp-micros',
    ].map((name) => [name, PassThroughLogical]),
  )
  return avro.Type.forSchema(schema, {
    logicalTypes: passThrough,
    wrapUnions: false,
    typeHook: (s: avro.Schema) => {
      if (s === 'long') return WRITER_LONG
      const o = s as { type?: unknown; logicalType?: unknown }
      if (typeof s !== 'object' || o.type !== 'long') return undefined
      if (o.logicalType !== undefined && !logical.has(s as object)) {
        logical.add(s as object)
        return undefined
      }
      return WRITER_LONG
    },
  } as never)
}

type Callback = (error: Error | null, data?: Buffer) => void

async function writeFile(
  schema: avro.Schema,
  records: readonly unknown[],
  codec = 'null',
): Promise<Buffer> {
  const encoder = new avro.streams.BlockEncoder(writerType(schema), {
    codec,
    blockSize: 2048,
    codecs: {
      ...avro.streams.BlockEncoder.defaultCodecs(),
      zstandard: (buffer: Buffer, callback: Callback) =>
        callback(null, zstdRawFrame(buffer)),
      bzip2: (buffer: Buffer, callback: Callback) =>
        callback(null, execFileSync('bzip2', ['-c'], { input: buffer })),
      snappy: (
        buffer: Buffer,
        callback: (e: Error | null, b?: Buffer) => void,
      ) => {
        const checksum = Buffer.alloc(4)
        checksum.writeUInt32BE(crc32(buffer))
        callback(
          null,
          Buffer.concat([Buffer.from(snappyCompress(buffer)), checksum]),
        )
      },
    },
  } as never)
  const chunks: Buffer[] = []
  encoder.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise((resolve, reject) => {
    encoder.on('end', resolve)
    encoder.on('error', reject)
  })
  for (const record of records) encoder.write(record)
  encoder.end()
  await ended
  return Buffer.concat(chunks)
}

async function readAll(file: Buffer) {
  const { fields, records } = await readAvro(file)
  const all: Readonly<Record<string, unknown>>[] = []
  for await (const record of records) all.push(record)
  return { fields, records: all }
}

const SCHEMA: avro.Schema = {
  type: 'record',
  name: 'Everything',
  fields: [
    { name: 'id', type: 'int' },
    { name: 'big', type: 'long' },
    { name: 'maybe', type: ['null', 'long'] },
    { name: 'flag', type: 'boolean' },
    { name: 'f32', type: 'float' },
    { name: 'f64', type: 'double' },
    { name: 'text', type: ['null', 'string'] },
    { name: 'raw', type: 'bytes' },
    { name: 'fixed3', type: { type: 'fixed', name: 'Three', size: 3 } },
    {
      name: 'color',
      type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'] },
    },
    // prettier-ignore
    { name: 'dec', type: { type: 'bytes', logicalType: 'decimal', precision: 38, scale: 10 } },
    // prettier-ignore
    { name: 'dec_fixed', type: ['null', { type: 'fixed', name: 'D8', size: 8, logicalType: 'decimal', precision: 18, scale: 2 }] },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 't_ms', type: { type: 'int', logicalType: 'time-millis' } },
    { name: 't_us', type: { type: 'long', logicalType: 'time-micros' } },
    { name: 'ts_ms', type: { type: 'long', logicalType: 'timestamp-millis' } },
    {
      name: 'ts_us',
      type: ['null', { type: 'long', logicalType: 'timestamp-micros' }],
    },
    {
      name: 'local_us',
      type: { type: 'long', logicalType: 'local-timestamp-micros' },
    },
    { name: 'tags', type: { type: 'array', items: ['null', 'string'] } },
    { name: 'counts', type: { type: 'map', values: 'long' } },
    {
      name: 'sub',
      type: [
        'null',
        {
          type: 'record',
          name: 'Sub',
          fields: [
            { name: 'x', type: 'long' },
            { name: 'when', type: { type: 'int', logicalType: 'date' } },
            { name: 'inner', type: { type: 'array', items: 'long' } },
          ],
        },
      ],
    },
  ],
} as never

const RECORDS = [
  {
    id: 1,
    big: 9007199254740993n,
    maybe: null,
    flag: true,
    f32: 1.5,
    f64: 0.1,
    text: 'pipe|tab\tnl\n"q"\\ ü',
    raw: Buffer.from([0xff, 0x00, 0xc3, 0x28]),
    fixed3: Buffer.from([1, 2, 3]),
    color: 'GREEN',
    dec: Buffer.from('4b3b4ca85a86c47a098a223fffffffff', 'hex'), // 10^38 - 1
    dec_fixed: Buffer.from('fffffffffffffffb', 'hex'), // -5
    day: 19723,
    t_ms: 45296789,
    t_us: 86399999999n,
    ts_ms: 1704067200123n,
    ts_us: 253402300799999999n,
    local_us: -1n,
    tags: ['a', null, ''],
    counts: { one: 1n, huge: -9223372036854775808n },
    sub: { x: -9007199254740993n, when: -719162, inner: [1n, 2n ** 62n] },
  },
  {
    id: 2,
    big: -1n,
    maybe: 42n,
    flag: false,
    f32: -0.25,
    f64: -1e300,
    text: null,
    raw: Buffer.alloc(0),
    fixed3: Buffer.from([255, 0, 128]),
    color: 'RED',
    dec: Buffer.from([0x00]),
    dec_fixed: null,
    day: 0,
    t_ms: 0,
    t_us: 1n,
    ts_ms: -1n,
    ts_us: null,
    local_us: 1704067200000000n,
    tags: [],
    counts: {},
    sub: null,
  },
]

const EXPECTED = [
  {
    id: 1,
    big: 9007199254740993n,
    maybe: null,
    flag: true,
    f32: 1.5,
    f64: 0.1,
    text: 'pipe|tab\tnl\n"q"\\ ü',
    raw: Buffer.from([0xff, 0x00, 0xc3, 0x28]),
    fixed3: Buffer.from([1, 2, 3]),
    color: 'GREEN',
    dec: '9999999999999999999999999999.9999999999',
    dec_fixed: '-0.05',
    day: '2024-01-01',
    t_ms: '12:34:56.789',
    t_us: '23:59:59.999999',
    ts_ms: '2024-01-01 00:00:00.123',
    ts_us: '9999-12-31 23:59:59.999999',
    local_us: '1969-12-31 23:59:59.999999',
    tags: ['a', null, ''],
    counts: { one: 1, huge: -9223372036854775808n },
    sub: { x: -9007199254740993n, when: '0001-01-01', inner: [1, 2n ** 62n] },
  },
  {
    id: 2,
    big: -1,
    maybe: 42,
    flag: false,
    f32: -0.25,
    f64: -1e300,
    text: null,
    raw: Buffer.alloc(0),
    fixed3: Buffer.from([255, 0, 128]),
    color: 'RED',
    dec: '0.0000000000',
    dec_fixed: null,
    day: '1970-01-01',
    t_ms: '00:00:00',
    t_us: '00:00:00.000001',
    ts_ms: '1969-12-31 23:59:59.999',
    ts_us: null,
    local_us: '2024-01-01 00:00:00',
    tags: [],
    counts: {},
    sub: null,
  },
]

describe('readAvro', () => {
  it('reads every type exactly, with nulls, nested records, arrays and maps', async () => {
    const { fields, records } = await readAll(await writeFile(SCHEMA, RECORDS))
    expect(fields).toEqual([
      { name: 'id', type: 'int' },
      { name: 'big', type: 'long' },
      { name: 'maybe', type: 'long' },
      { name: 'flag', type: 'boolean' },
      { name: 'f32', type: 'float' },
      { name: 'f64', type: 'double' },
      { name: 'text', type: 'string' },
      { name: 'raw', type: 'bytes' },
      { name: 'fixed3', type: 'fixed(3)' },
      { name: 'color', type: 'enum' },
      { name: 'dec', type: 'decimal(38,10)' },
      { name: 'dec_fixed', type: 'decimal(18,2)' },
      { name: 'day', type: 'date' },
      { name: 't_ms', type: 'time-millis' },
      { name: 't_us', type: 'time-micros' },
      { name: 'ts_ms', type: 'timestamp-millis' },
      { name: 'ts_us', type: 'timestamp-micros' },
      { name: 'local_us', type: 'local-timestamp-micros' },
      { name: 'tags', type: 'array<string>' },
      { name: 'counts', type: 'map<long>' },
      { name: 'sub', type: 'record<x:long,when:date,inner:array<long>>' },
    ])
    expect(records).toEqual(EXPECTED)
    // Plain objects, not avsc's record classes.
    expect(Object.getPrototypeOf(records[0])).toBe(Object.prototype)
    expect(Object.getPrototypeOf(records[0]!.sub)).toBe(Object.prototype)
  })

  it('reads the null, deflate, snappy, zstandard and bzip2 codecs over many blocks', async () => {
    const schema = {
      type: 'record',
      name: 'Row',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'name', type: ['null', 'string'] },
      ],
    } as never
    const rows = Array.from({ length: 2_000 }, (_, i) => ({
      id: BigInt(i) * 3_000_000_000_000_019n,
      name: i % 7 === 0 ? null : `name ${i % 300}`,
    }))
    const expected = rows.map((r) => ({
      id: r.id > 9007199254740991n ? r.id : Number(r.id),
      name: r.name,
    }))
    const bzip2 = spawnSync('bzip2', ['-h']).status === 0
    if (!bzip2)
      console.warn('bzip2 CLI not found: the Avro bzip2 codec is not checked')
    const codecs = [
      'null',
      'deflate',
      'snappy',
      'zstandard',
      ...(bzip2 ? ['bzip2'] : []),
    ]
    for (const codec of codecs) {
      const { records } = await readAll(await writeFile(schema, rows, codec))
      expect(records, codec).toEqual(expected)
    }
  })

  it('fails with a ColumnarFormatError on a file that is not Avro, is cut short or has an unknown codec', async () => {
    const good = await writeFile(SCHEMA, RECORDS)
    const unknownCodec = Buffer.from(
      good
        .toString('latin1')
        .replace('avro.codec\x08null', 'avro.codec\x08nope'),
      'latin1',
    )
    for (const [file, message] of [
      [Buffer.from('{"id": 1}\n'), /not an Avro object container/],
      [good.subarray(0, good.length - 30), /truncated|sync marker/],
      [unknownCodec, /codec 'nope'/],
    ] as const) {
      const error = await readAll(file).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(ColumnarFormatError)
      expect((error as ColumnarFormatError).format).toBe('avro')
      expect((error as Error).message).toMatch(message)
    }
  })
})
