import type { ColumnarColumn } from '../formats/read-parquet.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { ColumnConverter } from './convert-field.js'
import { copyError } from './copy-errors.js'
import { stringifyJsonExact } from './json-value.js'

/** How one Parquet column's values become the target column's: `undefined` keeps `fromValue`. */
export type ParquetValueReader = ((value: unknown) => string | null) | undefined

const NESTED = /^(?:LIST|MAP|STRUCT)</
const BYTES = /^(?:BINARY|FIXED_LEN_BYTE_ARRAY)/

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
 * - With SERIALIZETOJSON, a scalar column becomes the SUPER scalar of its
 *   value (a string stays a string, a DECIMAL is a number, a date or time
 *   is its text, as ingest-super says of ORC dates). Without it the page
 *   is silent: a value is read as the field text of a text file is, so a
 *   string must hold JSON.
 * - BINARY into SUPER is documented nowhere: refused as an emulator limit.
 *
 * @example
 * ```ts
 * const readers = parquetValueReaders(content.columns, converters, true, url, 12)
 * if (!Array.isArray(readers)) throw new CopyLoadError(readers)
 * ```
 */
export function parquetValueReaders(
  columns: readonly ColumnarColumn[],
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
    if (BYTES.test(file.type))
      return copyError.emulatorLimit(
        `COPY of the Parquet ${file.type} column "${file.name}" into a SUPER column`,
        'store the column as a UTF-8 STRING or JSON column',
      )
    if (file.type === 'JSON' || file.type.startsWith('DECIMAL('))
      // JSON text, or a DECIMAL's exact digits: parsed as JSON.
      readers.push((v) => (v === null ? null : conv.fromText(v as string)))
    else if (serializeToJson)
      readers.push((v) => (v === null ? null : stringifyJsonExact(v, true)))
    else readers.push(undefined)
  }
  return readers
}
