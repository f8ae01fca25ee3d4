import { crc32, inflateRawSync } from 'node:zlib'

import avro from 'avsc'
import { decompress as zstdDecompress } from 'fzstd'
import { snappyUncompress } from 'hyparquet'
import Bunzip from 'seek-bzip'

import {
  dateFromDays,
  decimalText,
  exactInteger,
  signedBigEndian,
  timeFromMicros,
  timestampFromMicros,
} from './columnar-values.js'
import { ColumnarFormatError } from './columnar-format-error.js'
import type { ColumnarColumn } from './read-parquet.js'

/** An Avro container file's top-level fields and its records. */
export interface AvroContent {
  /**
   * The record's fields. `type` is Avro's: `int`, `long`, `string`, `bytes`,
   * `fixed(n)`, `enum`, `decimal(p,s)`, `date`, `time-millis`,
   * `timestamp-micros`, `array<t>`, `map<t>`, `record<a:t,...>`,
   * `union<a,b>`; a union of null and one type is that type.
   */
  readonly fields: readonly ColumnarColumn[]
  readonly records: AsyncIterable<Readonly<Record<string, unknown>>>
}

/**
 * Reads an Avro object container file (what COPY ... FORMAT AVRO loads) with
 * exact values: `long` as a number (bigint beyond 2^53, never rounded),
 * `decimal` as its exact text, `date` as 'YYYY-MM-DD', `time-*` as
 * 'HH:MM:SS[.ffffff]', `timestamp-*` and `local-timestamp-*` as
 * 'YYYY-MM-DD HH:MM:SS[.ffffff]' (UTC), bytes and fixed as Buffer, enums as
 * strings, arrays, maps and records as plain arrays and objects, null for
 * null. Codecs: null, deflate, snappy, zstandard and bzip2.
 *
 * @example
 * ```ts
 * const { fields, records } = await readAvro(await storage.read(location))
 * for await (const record of records) console.log(record[fields[0].name])
 * ```
 */
export async function readAvro(file: Buffer): Promise<AvroContent> {
  if (file.length < 4 || !file.subarray(0, 4).equals(MAGIC)) {
    throw new ColumnarFormatError(
      'avro',
      'The file is not an Avro object container file (it does not start with Obj\\x01).',
    )
  }
  const header = HEADER_META.decode(file, 4)
  if (header.offset < 0 || header.offset + 16 > file.length) {
    throw truncated()
  }
  const meta = header.value as Record<string, Buffer>
  const codecName = meta['avro.codec']?.toString() ?? 'null'
  const codec = CODECS[codecName]
  if (codec === undefined) {
    throw new ColumnarFormatError(
      'avro',
      `The Avro file uses the codec '${codecName}', which the local emulator cannot read (it reads null, deflate, snappy, zstandard and bzip2).`,
    )
  }
  let schema: avro.Schema
  let type: avro.Type
  try {
    schema = JSON.parse(
      meta['avro.schema']?.toString() ?? 'null',
    ) as avro.Schema
    type = avro.Type.forSchema(schema, {
      typeHook: exactLongHook(),
      logicalTypes: LOGICAL_TYPES,
      wrapUnions: false,
    })
  } catch (error) {
    throw new ColumnarFormatError(
      'avro',
      `The Avro file's schema cannot be read: ${(error as Error).message}`,
      { cause: error },
    )
  }
  const sync = file.subarray(header.offset, header.offset + 16)
  return Object.freeze({
    fields: fieldsOf(schema),
    records: recordsOf(file, header.offset + 16, sync, type, codec),
  })
}

const MAGIC = Buffer.from('Obj\x01', 'latin1')
const HEADER_META = avro.Type.forSchema({ type: 'map', values: 'bytes' })
const BLOCK_LONG = avro.Type.forSchema('long')

/**
 * The records, block by block. Each block is decompressed and decoded
 * synchronously: avsc's stream decoder costs about three times as much per
 * record in stream overhead.
 */
async function* recordsOf(
  file: Buffer,
  start: number,
  sync: Buffer,
  type: avro.Type,
  codec: Codec,
): AsyncGenerator<Readonly<Record<string, unknown>>> {
  let position = start
  while (position < file.length) {
    const count = BLOCK_LONG.decode(file, position)
    const size =
      count.offset < 0 ? count : BLOCK_LONG.decode(file, count.offset)
    if (size.offset < 0) throw truncated()
    const end = size.offset + (size.value as number)
    if (end + 16 > file.length) throw truncated()
    if (!file.subarray(end, end + 16).equals(sync)) {
      throw new ColumnarFormatError(
        'avro',
        'The Avro file is corrupt: a block does not end with the sync marker.',
      )
    }
    let data: Buffer
    try {
      data = codec(file.subarray(size.offset, end))
    } catch (error) {
      throw new ColumnarFormatError(
        'avro',
        `An Avro block cannot be decompressed: ${(error as Error).message}`,
        { cause: error },
      )
    }
    let at = 0
    for (let i = 0; i < (count.value as number); i++) {
      const record = type.decode(data, at)
      if (record.offset < 0) throw truncated()
      at = record.offset
      const plain = toPlain(record.value)
      yield (
        plain !== null && typeof plain === 'object' && !Array.isArray(plain)
          ? plain
          : { value: plain }
      ) as Readonly<Record<string, unknown>>
    }
    position = end + 16
  }
}

function truncated(): ColumnarFormatError {
  return new ColumnarFormatError('avro', 'The Avro file is truncated.')
}

/** avsc's generated record classes (and nested ones) as plain objects. */
function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (typeof value !== 'object' || Buffer.isBuffer(value)) return value
  if (Array.isArray(value)) return value.map(toPlain)
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) out[key] = toPlain(field)
  return out
}

/**
 * `long` as a number while exact and a bigint beyond 2^53: avsc's own long
 * is a double and silently rounds. avsc unpacks the zig-zag varint into 8
 * little-endian bytes before calling these.
 */
const EXACT_LONG = avro.types.LongType.__with({
  fromBuffer: (buffer: Buffer) => exactInteger(buffer.readBigInt64LE(0)),
  toBuffer: (value: number | bigint) => {
    const buffer = Buffer.alloc(8)
    buffer.writeBigInt64LE(BigInt(value))
    return buffer
  },
  fromJSON: (value: number | string) => exactInteger(BigInt(value)),
  toJSON: (value: number | bigint) => Number(value),
  isValid: (value: unknown) =>
    (typeof value === 'number' && Number.isSafeInteger(value)) ||
    typeof value === 'bigint',
  compare: (a: number | bigint, b: number | bigint) =>
    a < b ? -1 : a > b ? 1 : 0,
})

/**
 * Puts {@link EXACT_LONG} wherever the schema has a long, including under a
 * logical type (a timestamp such as 9999-12-31 has more microseconds than a
 * double holds). avsc asks the hook twice for a logical type's schema: first
 * for the logical type itself (left to avsc), then for its underlying type.
 */
function exactLongHook(): (schema: avro.Schema) => avro.Type | undefined {
  const logical = new WeakSet<object>()
  return (schema) => {
    if (schema === 'long') return EXACT_LONG
    if (typeof schema !== 'object' || schema === null) return undefined
    const s = schema as { type?: unknown; logicalType?: unknown }
    if (s.type !== 'long') return undefined
    if (
      typeof s.logicalType === 'string' &&
      s.logicalType in LOGICAL_TYPES &&
      !logical.has(schema)
    ) {
      logical.add(schema)
      return undefined
    }
    return EXACT_LONG
  }
}

type Underlying = number | bigint | Buffer

/** A logical type read only (the emulator never writes Avro). */
function readOnlyLogicalType(
  convert: (value: Underlying, schema: Record<string, unknown>) => unknown,
): new (schema: avro.Schema, opts?: unknown) => avro.types.LogicalType {
  return class extends avro.types.LogicalType {
    readonly #schema: Record<string, unknown>
    constructor(schema: avro.Schema, opts?: unknown) {
      super(schema, opts)
      this.#schema = schema as unknown as Record<string, unknown>
    }
    protected override _fromValue(value: Underlying): unknown {
      return convert(value, this.#schema)
    }
    protected override _toValue(value: unknown): unknown {
      return value
    }
  }
}

const LOGICAL_TYPES = {
  decimal: readOnlyLogicalType((value, schema) =>
    decimalText(signedBigEndian(value as Buffer), Number(schema.scale ?? 0)),
  ),
  date: readOnlyLogicalType((value) => dateFromDays(Number(value))),
  'time-millis': readOnlyLogicalType((value) =>
    timeFromMicros(BigInt(value as number) * 1000n),
  ),
  'time-micros': readOnlyLogicalType((value) =>
    timeFromMicros(BigInt(value as number | bigint)),
  ),
  'timestamp-millis': readOnlyLogicalType((value) =>
    timestampFromMicros(BigInt(value as number | bigint) * 1000n),
  ),
  'timestamp-micros': readOnlyLogicalType((value) =>
    timestampFromMicros(BigInt(value as number | bigint)),
  ),
  'local-timestamp-millis': readOnlyLogicalType((value) =>
    timestampFromMicros(BigInt(value as number | bigint) * 1000n),
  ),
  'local-timestamp-micros': readOnlyLogicalType((value) =>
    timestampFromMicros(BigInt(value as number | bigint)),
  ),
}

type Codec = (block: Buffer) => Buffer

/** Avro's block codecs. */
const CODECS: Record<string, Codec> = {
  null: (block) => block,
  deflate: (block) => inflateRawSync(block),
  snappy: (block) => {
    // A snappy block followed by the CRC-32 (big-endian) of the plain bytes.
    const data = block.subarray(0, block.length - 4)
    const plain = new Uint8Array(snappyLength(data))
    snappyUncompress(data, plain)
    const out = Buffer.from(plain.buffer, plain.byteOffset, plain.length)
    if (crc32(out) !== block.readUInt32BE(block.length - 4)) {
      throw new Error('snappy block checksum mismatch')
    }
    return out
  },
  zstandard: (block) => {
    const plain = zstdDecompress(block)
    return Buffer.from(plain.buffer, plain.byteOffset, plain.length)
  },
  bzip2: (block) => Bunzip.decode(block, undefined, true),
}

/** The uncompressed length a snappy block starts with (a varint). */
function snappyLength(data: Uint8Array): number {
  let length = 0
  for (let i = 0, shift = 0; i < 5; i++, shift += 7) {
    const byte = data[i]
    if (byte === undefined) break
    length += (byte & 0x7f) * 2 ** shift
    if ((byte & 0x80) === 0) return length
  }
  throw new Error('snappy block has no valid length')
}

function fieldsOf(schema: avro.Schema): readonly ColumnarColumn[] {
  const record = schema as {
    type?: unknown
    fields?: { name: string; type: unknown }[]
  }
  if (record.type === 'record' && Array.isArray(record.fields)) {
    return Object.freeze(
      record.fields.map((f) =>
        Object.freeze({ name: f.name, type: typeText(f.type) }),
      ),
    )
  }
  return Object.freeze([
    Object.freeze({ name: 'value', type: typeText(schema) }),
  ])
}

/** An Avro schema as the type text of {@link AvroContent.fields}. */
function typeText(schema: unknown): string {
  if (typeof schema === 'string') return schema
  if (Array.isArray(schema)) {
    const types = schema.filter((s) => s !== 'null')
    return types.length === 1 && types.length < schema.length
      ? typeText(types[0])
      : `union<${schema.map(typeText).join(',')}>`
  }
  const s = schema as Record<string, unknown>
  const logical = s.logicalType
  if (logical === 'decimal')
    return `decimal(${String(s.precision)},${String(s.scale ?? 0)})`
  if (typeof logical === 'string' && logical in LOGICAL_TYPES) return logical
  switch (s.type) {
    case 'array':
      return `array<${typeText(s.items)}>`
    case 'map':
      return `map<${typeText(s.values)}>`
    case 'fixed':
      return `fixed(${String(s.size)})`
    case 'enum':
      return 'enum'
    case 'record':
    case 'error':
      return `record<${(s.fields as { name: string; type: unknown }[])
        .map((f) => `${f.name}:${typeText(f.type)}`)
        .join(',')}>`
    default:
      return typeText(s.type)
  }
}
