import type { ParquetColumn, ParquetShape } from '../formats/read-parquet.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { ColumnConverter } from './convert-field.js'
import { CopyLoadError, copyError } from './copy-errors.js'

/** How one Parquet column's values become the target column's: `undefined` keeps `fromValue`. */
export type ParquetValueReader = ((value: unknown) => string | null) | undefined

const NESTED = /^(?:LIST|MAP|STRUCT)</

/**
 * Checks a Parquet file's columns against the target columns and says how
 * each value is read, as ingest-super.html ("Copying data from columnar-
 * format Parquet and ORC") and unload-super-parquet.html describe:
 *
 * - A nested column (LIST, MAP, STRUCT) loads only into a SUPER column and
 *   only with SERIALIZETOJSON ("you can load any column type in the file
 *   that aligns with a SUPER column ... as SUPER. This includes structure
 *   and array types"); anything else fails the load, since the table must
 *   match "the column data types of the Parquet or ORC files"
 *   (copy-usage_notes-copy-from-columnar.html). The message and the
 *   internal error code Redshift uses are not documented: Spectrum's
 *   incompatible-schema wording is used, with code 15007.
 * - A JSON column (how UNLOAD writes SUPER) is parsed into SUPER, with or
 *   without SERIALIZETOJSON: the unload page says such files are ingested
 *   back with COPY.
 * - With SERIALIZETOJSON, a value becomes the SUPER value of it, at the top
 *   level and nested alike (a string stays a string, an integer, float or
 *   DECIMAL is a number, a date, time or timestamp is its text, as
 *   ingest-super says of ORC dates; a JSON value is parsed). Without it the
 *   page is silent: a value is read as the field text of a text file is, so
 *   a string must hold JSON.
 * - What no page describes is refused as an emulator limit, naming the
 *   column and the type, rather than guessed: bytes (BINARY, fixed-length
 *   bytes, UUID, BSON, FLOAT16), a map whose keys are not strings, and a
 *   NaN or infinite float.
 *
 * @example
 * ```ts
 * const readers = parquetValueReaders(content.columns, converters, true, url, 12)
 * if (!Array.isArray(readers)) throw new CopyLoadError(readers)
 * ```
 */
export function parquetValueReaders(
  columns: readonly ParquetColumn[],
  converters: readonly ColumnConverter[],
  serializeToJson: boolean,
  url: string,
  query: number,
): readonly ParquetValueReader[] | ErrorFields {
  const readers: ParquetValueReader[] = []
  for (let i = 0; i < converters.length; i++) {
    const conv = converters[i]!
    const file = columns[i]!
    const isSuper = conv.info.kind.kind === 'super'
    if (NESTED.test(file.type) && (!isSuper || !serializeToJson))
      return copyError.executor(
        `File '${url}' has an incompatible Parquet schema for column '${conv.column.name}'. Column type: ${conv.column.type.toUpperCase()}, Parquet schema: ${file.type}${isSuper ? ' (nested columns load into SUPER with SERIALIZETOJSON)' : ''}`,
        15007,
        query,
      )
    if (!isSuper) {
      readers.push(undefined)
      continue
    }
    const write = superWriter(file.shape, file.name)
    if (typeof write !== 'function')
      return copyError.emulatorLimit(
        `COPY of the Parquet ${write.type} in column "${file.name}" (${file.type}) into a SUPER column`,
        'store the value as a UTF-8 STRING, a number or a JSON column',
      )
    if (file.type === 'JSON' || file.type.startsWith('DECIMAL('))
      // JSON text, or a DECIMAL's exact digits: parsed as JSON.
      readers.push((v) => (v === null ? null : conv.fromText(v as string)))
    else if (serializeToJson)
      readers.push((v) => (v === null ? null : conv.fromText(write(v))))
    else readers.push(undefined)
  }
  return readers
}

/** Writes one value of a Parquet type as JSON text. */
type JsonWriter = (value: unknown) => string

/** A Parquet type that has no documented SUPER value. */
interface Unsupported {
  readonly type: string
}

/**
 * Builds the writer of a column's values as the JSON text of their SUPER
 * value, from the column's type: the values alone cannot tell a DECIMAL
 * (read as its exact text) from a string.
 */
function superWriter(
  shape: ParquetShape,
  column: string,
): JsonWriter | Unsupported {
  switch (shape.kind) {
    case 'leaf':
      return leafWriter(shape.type, column) ?? { type: shape.type }
    case 'list': {
      const element = superWriter(shape.element, column)
      if (typeof element !== 'function') return element
      return (v) =>
        isNull(v) ? 'null' : `[${(v as unknown[]).map(element).join(',')}]`
    }
    case 'map': {
      if (shape.key.kind !== 'leaf' || !TEXT.has(shape.key.type))
        return { type: `MAP key type ${typeName(shape.key)}` }
      const value = superWriter(shape.value, column)
      if (typeof value !== 'function') return value
      return (v) =>
        isNull(v)
          ? 'null'
          : `{${Object.entries(v as object)
              .map(([k, x]) => `${JSON.stringify(k)}:${value(x)}`)
              .join(',')}}`
    }
    case 'struct': {
      const fields: (readonly [string, JsonWriter])[] = []
      for (const [name, field] of shape.fields) {
        const write = superWriter(field, column)
        if (typeof write !== 'function') return write
        fields.push([JSON.stringify(name), write])
      }
      return (v) => {
        if (isNull(v)) return 'null'
        const record = v as Record<string, unknown>
        const parts = fields.map(
          ([key, write], at) => `${key}:${write(record[shape.fields[at]![0]])}`,
        )
        return `{${parts.join(',')}}`
      }
    }
  }
}

const TEXT: ReadonlySet<string> = new Set(['STRING', 'UTF8', 'ENUM'])
const TEXT_VALUES = /^(?:STRING|UTF8|ENUM|DATE|TIME\(|TIMESTAMP\(|INT96$)/

function leafWriter(type: string, column: string): JsonWriter | undefined {
  const nullable =
    (write: JsonWriter): JsonWriter =>
    (v) =>
      isNull(v) ? 'null' : write(v)
  if (/^U?INT(?:8|16|32|64)$/.test(type))
    return nullable((v) => String(v as number | bigint))
  if (type.startsWith('DECIMAL(')) return nullable((v) => v as string)
  if (type === 'FLOAT' || type === 'DOUBLE')
    return nullable((v) => {
      if (Number.isFinite(v)) return String(v)
      throw new CopyLoadError(
        copyError.emulatorLimit(
          `COPY of the Parquet ${type} value ${String(v)} in column "${column}" into a SUPER column`,
          'SUPER has no NaN or infinite number: load it as NULL or a string',
        ),
      )
    })
  if (type === 'BOOLEAN') return nullable((v) => (v ? 'true' : 'false'))
  // JSON text is embedded as it is, and parsed with the whole value.
  if (type === 'JSON') return nullable((v) => v as string)
  if (TEXT_VALUES.test(type)) return nullable((v) => JSON.stringify(v))
  return undefined
}

function typeName(shape: ParquetShape): string {
  return shape.kind === 'leaf' ? shape.type : shape.kind.toUpperCase()
}

function isNull(value: unknown): boolean {
  return value === null || value === undefined
}
