import {
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type FileMetaData,
  type SchemaElement,
  type SchemaTree,
} from 'hyparquet'
import { compressors } from 'hyparquet-compressors'

import {
  dateFromDays,
  decimalText,
  exactInteger,
  signedBigEndian,
  timeFromMicros,
  timestampFromMicros,
} from './columnar-values.js'
import { ColumnarFormatError } from './columnar-format-error.js'

/** A top-level column of a columnar file and its type, as text. */
export interface ColumnarColumn {
  readonly name: string
  /**
   * The file's type: `BOOLEAN`, `INT8`..`INT64`, `UINT8`..`UINT64`, `FLOAT`,
   * `DOUBLE`, `FLOAT16`, `DECIMAL(p,s)`, `STRING`, `ENUM`, `JSON`, `UUID`,
   * `BINARY`, `FIXED_LEN_BYTE_ARRAY(n)`, `DATE`, `TIME(unit)`,
   * `TIMESTAMP(unit)`, `INT96`, `LIST<t>`, `MAP<k,v>`, `STRUCT<a:t,...>`.
   */
  readonly type: string
}

/**
 * A Parquet column's type as a tree: a leaf's type text (as
 * {@link ColumnarColumn.type} names it), or a list, map or struct of them.
 * Field names can hold any character, so the type text alone cannot be
 * parsed back into it.
 */
export type ParquetShape =
  | { readonly kind: 'leaf'; readonly type: string }
  | { readonly kind: 'list'; readonly element: ParquetShape }
  | {
      readonly kind: 'map'
      readonly key: ParquetShape
      readonly value: ParquetShape
    }
  | {
      readonly kind: 'struct'
      readonly fields: readonly (readonly [string, ParquetShape])[]
    }

/** A top-level Parquet column, with its type as a tree. */
export interface ParquetColumn extends ColumnarColumn {
  readonly shape: ParquetShape
}

/** A Parquet file's columns and its rows. */
export interface ParquetContent {
  readonly columns: readonly ParquetColumn[]
  /** One array per row, values in column order; read one row group at a time. */
  readonly rows: AsyncIterable<readonly unknown[]>
}

/**
 * Reads a Parquet file with exact values (hyparquet's defaults are lossy):
 * integers as numbers (bigint beyond 2^53), DECIMAL as its exact text,
 * DATE as 'YYYY-MM-DD', TIMESTAMP (millis, micros, nanos truncated to
 * micros, INT96) as 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC, TIME as
 * 'HH:MM:SS[.ffffff]', strings, enums and JSON as strings (JSON as its
 * text, not parsed), other bytes as Buffer,
 * lists as arrays, structs and maps as plain objects, null for null. Every
 * Parquet codec is read (hyparquet-compressors).
 *
 * @example
 * ```ts
 * const { columns, rows } = await readParquet(await storage.read(location))
 * for await (const row of rows) console.log(columns[0].name, row[0])
 * ```
 */
export async function readParquet(file: Buffer): Promise<ParquetContent> {
  const buffer: AsyncBuffer = {
    byteLength: file.length,
    slice: (start, end) =>
      toArrayBuffer(file.subarray(start, end ?? file.length)),
  }
  const metadata = await parquetMetadataAsync(buffer).catch(
    (error: unknown) => {
      throw new ColumnarFormatError(
        'parquet',
        `The file is not a readable Parquet file: ${(error as Error).message}`,
        { cause: error },
      )
    },
  )
  const tree = parquetSchema(metadata)
  const columns = Object.freeze(
    tree.children.map((child) =>
      Object.freeze({
        name: child.element.name,
        type: typeText(child),
        shape: shapeOf(child),
      }),
    ),
  )
  const converters = tree.children.map((child) => converterFor(child))
  // hyparquet turns DECIMAL into a double with no hook to stop it: read a
  // copy of the metadata without the annotation, so the unscaled integer (or
  // its bytes) comes through, and scale it here from the original schema.
  // JSON likewise: its text is kept, since JSON.parse loses big integers.
  const exactMetadata: FileMetaData = {
    ...metadata,
    schema: metadata.schema.map(withoutParsedAnnotation),
  }
  return Object.freeze({
    columns,
    rows: rowsOf(buffer, exactMetadata, converters),
  })
}

async function* rowsOf(
  file: AsyncBuffer,
  metadata: FileMetaData,
  converters: readonly Converter[],
): AsyncGenerator<readonly unknown[]> {
  let start = 0
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows)
    let rows: unknown[][] = []
    await parquetRead({
      file,
      metadata,
      rowStart: start,
      rowEnd: end,
      compressors,
      utf8: false,
      parsers: EXACT_PARSERS,
      rowFormat: 'array',
      onComplete: (complete) => {
        rows = complete
      },
    }).catch((error: unknown) => {
      throw new ColumnarFormatError(
        'parquet',
        `A row group of the Parquet file cannot be read: ${(error as Error).message}`,
        { cause: error },
      )
    })
    start = end
    for (const row of rows) {
      const out = new Array<unknown>(converters.length)
      for (let i = 0; i < converters.length; i++) {
        out[i] = converters[i]!(row[i])
      }
      yield Object.freeze(out)
    }
  }
}

/** hyparquet's hooks for the types it does convert, made exact. */
const EXACT_PARSERS = {
  timestampFromMilliseconds: (millis: bigint) =>
    timestampFromMicros(BigInt(millis) * 1000n),
  timestampFromMicroseconds: (micros: bigint) =>
    timestampFromMicros(BigInt(micros)),
  timestampFromNanoseconds: (nanos: bigint) => {
    const n = BigInt(nanos)
    // Truncate toward the past, as a timestamp's fraction is.
    const micros = n / 1000n - (n % 1000n < 0n ? 1n : 0n)
    return timestampFromMicros(micros)
  },
  dateFromDays: (days: number) => dateFromDays(days),
}

type Converter = (value: unknown) => unknown

function isNull(value: unknown): boolean {
  return value === null || value === undefined
}

/** Walks a schema node and builds the function that makes its values exact. */
function converterFor(node: SchemaTree, asElement = false): Converter {
  const element = node.element
  let convert: Converter
  if (isList(node)) {
    const inner = node.children[0]!
    // Three-level lists name the element below the repeated group; legacy
    // two-level ones repeat the element itself.
    const item =
      inner.children.length === 1
        ? converterFor(inner.children[0]!)
        : converterFor(inner, true)
    convert = (value) =>
      isNull(value) ? null : (value as unknown[]).map((v) => item(v))
  } else if (isMap(node)) {
    const entry = node.children[0]!
    const valueNode = entry.children.find((c) => c.element.name === 'value')
    const valueOf =
      valueNode === undefined ? (v: unknown) => v : converterFor(valueNode)
    convert = (value) => {
      if (isNull(value)) return null
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value as object)) out[k] = valueOf(v)
      return out
    }
  } else if (node.children.length > 0) {
    const fields = node.children.map(
      (child) => [child.element.name, converterFor(child)] as const,
    )
    convert = (value) => {
      if (isNull(value)) return null
      const out: Record<string, unknown> = {}
      for (const [name, field] of fields) {
        out[name] = field((value as Record<string, unknown>)[name])
      }
      return out
    }
  } else {
    convert = leafConverter(element)
  }
  // A repeated field outside a LIST annotation is an array of its values.
  if (element.repetition_type === 'REPEATED' && !asElement) {
    const one = convert
    return (value) =>
      isNull(value) ? [] : (value as unknown[]).map((v) => one(v))
  }
  return convert
}

function leafConverter(element: SchemaElement): Converter {
  const logical = element.logical_type
  const converted = element.converted_type
  if (converted === 'DECIMAL' || logical?.type === 'DECIMAL') {
    const scale =
      logical?.type === 'DECIMAL' ? logical.scale : (element.scale ?? 0)
    return (value) => {
      if (isNull(value)) return null
      const unscaled =
        value instanceof Uint8Array
          ? signedBigEndian(value)
          : BigInt(value as number | bigint)
      return decimalText(unscaled, scale)
    }
  }
  if (
    converted === 'TIME_MILLIS' ||
    converted === 'TIME_MICROS' ||
    logical?.type === 'TIME'
  ) {
    const unit =
      logical?.type === 'TIME'
        ? logical.unit
        : converted === 'TIME_MILLIS'
          ? 'MILLIS'
          : 'MICROS'
    return (value) => {
      if (isNull(value)) return null
      const raw = BigInt(value as number | bigint)
      const micros =
        unit === 'MILLIS' ? raw * 1000n : unit === 'NANOS' ? raw / 1000n : raw
      return timeFromMicros(micros)
    }
  }
  if (
    converted === 'ENUM' ||
    logical?.type === 'ENUM' ||
    converted === 'JSON' ||
    logical?.type === 'JSON'
  ) {
    const decoder = new TextDecoder()
    return (value) =>
      value instanceof Uint8Array ? decoder.decode(value) : (value ?? null)
  }
  return exactLeaf
}

/** What hyparquet already gives exactly, in the contract's types. */
function exactLeaf(value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (typeof value === 'bigint') return exactInteger(value)
  if (value instanceof Uint8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  }
  return value
}

function withoutParsedAnnotation(element: SchemaElement): SchemaElement {
  if (
    element.converted_type !== 'DECIMAL' &&
    element.logical_type?.type !== 'DECIMAL' &&
    element.converted_type !== 'JSON' &&
    element.logical_type?.type !== 'JSON'
  ) {
    return element
  }
  const { converted_type: _c, logical_type: _l, ...rest } = element
  return rest
}

function isList(node: SchemaTree): boolean {
  if (node.element.converted_type !== 'LIST' || node.children.length !== 1) {
    return false
  }
  const inner = node.children[0]!
  return (
    inner.children.length <= 1 && inner.element.repetition_type === 'REPEATED'
  )
}

function isMap(node: SchemaTree): boolean {
  if (
    (node.element.converted_type !== 'MAP' &&
      node.element.converted_type !== 'MAP_KEY_VALUE') ||
    node.children.length !== 1
  ) {
    return false
  }
  const entry = node.children[0]!
  return (
    entry.children.length === 2 && entry.element.repetition_type === 'REPEATED'
  )
}

/** The column's type as text (see {@link ColumnarColumn.type}). */
function typeText(node: SchemaTree, asElement = false): string {
  if (isList(node)) {
    const inner = node.children[0]!
    return `LIST<${inner.children.length === 1 ? typeText(inner.children[0]!) : typeText(inner, true)}>`
  }
  if (isMap(node)) {
    const [key, value] = node.children[0]!.children
    return `MAP<${typeText(key!)},${typeText(value!)}>`
  }
  if (node.children.length > 0) {
    const struct = `STRUCT<${node.children.map((c) => `${c.element.name}:${typeText(c)}`).join(',')}>`
    return node.element.repetition_type === 'REPEATED' && !asElement
      ? `LIST<${struct}>`
      : struct
  }
  const e = node.element
  const leaf = leafTypeText(e)
  return e.repetition_type === 'REPEATED' && !asElement ? `LIST<${leaf}>` : leaf
}

/** The column's type as a tree (see {@link ParquetShape}). */
function shapeOf(node: SchemaTree, asElement = false): ParquetShape {
  let shape: ParquetShape
  if (isList(node)) {
    const inner = node.children[0]!
    const element =
      inner.children.length === 1
        ? shapeOf(inner.children[0]!)
        : shapeOf(inner, true)
    return Object.freeze({ kind: 'list', element })
  }
  if (isMap(node)) {
    const [key, value] = node.children[0]!.children
    return Object.freeze({
      kind: 'map',
      key: shapeOf(key!),
      value: shapeOf(value!),
    })
  }
  if (node.children.length > 0) {
    const fields = node.children.map((c) =>
      Object.freeze([c.element.name, shapeOf(c)] as const),
    )
    shape = Object.freeze({ kind: 'struct', fields: Object.freeze(fields) })
  } else {
    shape = Object.freeze({ kind: 'leaf', type: leafTypeText(node.element) })
  }
  return node.element.repetition_type === 'REPEATED' && !asElement
    ? Object.freeze({ kind: 'list', element: shape })
    : shape
}

function leafTypeText(e: SchemaElement): string {
  const logical = e.logical_type
  if (logical?.type === 'DECIMAL')
    return `DECIMAL(${logical.precision},${logical.scale})`
  if (e.converted_type === 'DECIMAL')
    return `DECIMAL(${e.precision ?? 38},${e.scale ?? 0})`
  if (logical?.type === 'INTEGER') {
    return `${logical.isSigned ? 'INT' : 'UINT'}${logical.bitWidth}`
  }
  if (logical?.type === 'TIMESTAMP' || logical?.type === 'TIME') {
    return `${logical.type}(${logical.unit})`
  }
  if (
    logical !== undefined &&
    logical.type !== 'LIST' &&
    logical.type !== 'MAP'
  ) {
    return logical.type
  }
  switch (e.converted_type) {
    case 'UTF8':
      return 'STRING'
    case 'TIMESTAMP_MILLIS':
      return 'TIMESTAMP(MILLIS)'
    case 'TIMESTAMP_MICROS':
      return 'TIMESTAMP(MICROS)'
    case 'TIME_MILLIS':
      return 'TIME(MILLIS)'
    case 'TIME_MICROS':
      return 'TIME(MICROS)'
    case 'INT_8':
    case 'INT_16':
    case 'INT_32':
    case 'INT_64':
    case 'UINT_8':
    case 'UINT_16':
    case 'UINT_32':
    case 'UINT_64':
      return e.converted_type.replace('_', '')
    case undefined:
      break
    default:
      return e.converted_type
  }
  if (e.type === 'BYTE_ARRAY') return 'BINARY'
  if (e.type === 'FIXED_LEN_BYTE_ARRAY')
    return `FIXED_LEN_BYTE_ARRAY(${e.type_length ?? 0})`
  return e.type ?? 'NULL'
}

function toArrayBuffer(view: Buffer): ArrayBuffer {
  return view.buffer.slice(
    view.byteOffset,
    view.byteOffset + view.byteLength,
  ) as ArrayBuffer
}
