import { isUtf8 } from 'node:buffer'

import { readParquet } from '../formats/read-parquet.js'
import {
  JsonNumber,
  parseJsonExact,
  type JsonValue,
} from '../load/json-value.js'
import type { ExternalFormat } from './external-format.js'
import { ExternalReadLimit } from './external-read-limit.js'
import { externalValue, type ExternalColumn } from './external-value.js'
import {
  nestedJsonText,
  nestedParquetText,
  parquetShapeFits,
} from './nested-values.js'

/**
 * The rows of one file of an external table, as PostgreSQL input for its
 * data columns (null for NULL), in file order. Text formats read the file
 * as UTF-8 lines; a text row with fewer or more fields than the table has
 * columns, and any value {@link externalValue} does not read, throws
 * {@link ExternalReadLimit} naming the file and line.
 *
 * @example
 * ```ts
 * for await (const row of externalRows(body, format, columns, 's3://b/t/part-0')) console.log(row)
 * ```
 */
export async function* externalRows(
  body: Buffer,
  format: ExternalFormat,
  columns: readonly ExternalColumn[],
  url: string,
): AsyncGenerator<(string | null)[]> {
  if (format.kind === 'parquet') {
    yield* parquetRows(body, columns, url)
    return
  }
  if (!isUtf8(body))
    throw new ExternalReadLimit('a file that is not valid UTF-8', url)
  const lines = splitLines(body.toString('utf8'), format)
  const nested = columns.find((c) => c.nested !== undefined)
  if (format.kind !== 'json' && nested !== undefined)
    throw new ExternalReadLimit(
      `the nested column "${nested.name}" in a text file that is not JSON`,
      url,
    )
  const skip = format.kind === 'json' ? 0 : format.skipHeader
  for (let i = skip; i < lines.length; i++) {
    const where = () => `file ${url}, line ${i + 1}`
    const line = lines[i]!
    if (format.kind === 'json') {
      // Blank lines hold no row for the JSON SerDes.
      if (line.trim() === '') continue
      yield jsonRow(line, columns, where)
      continue
    }
    const fields =
      format.kind === 'delimited'
        ? line.split(format.field)
        : csvFields(line, format, where)
    if (fields.length !== columns.length) {
      throw new ExternalReadLimit(
        `a row of ${fields.length} field(s) for ${columns.length} column(s)`,
        where(),
      )
    }
    yield fields.map((raw, c) => {
      if (format.kind === 'delimited' && raw === format.nullFormat) return null
      return externalValue(columns[c]!, raw, where)
    })
  }
}

/** The file's lines; a last line terminator ends the last line, it does not start one. */
function splitLines(text: string, format: ExternalFormat): string[] {
  const custom = format.kind === 'delimited' ? format.line : undefined
  const lines =
    custom === undefined ? text.split(/\r\n|\r|\n/) : text.split(custom)
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/**
 * One line as OpenCSVSerde splits it: fields between separators, a field
 * that starts with the quote character runs to its closing quote (a doubled
 * quote inside is one quote), and the escape character makes a quote or
 * itself literal. A quote elsewhere, or a quote never closed (OpenCSVSerde
 * reads line by line), throws {@link ExternalReadLimit}.
 */
function csvFields(
  line: string,
  format: Extract<ExternalFormat, { kind: 'csv' }>,
  where: () => string,
): string[] {
  const { separator, quote, escape } = format
  const fields: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  let started = true
  while (i < line.length) {
    const c = line[i]!
    const next = line[i + 1]
    if (c === escape && (next === quote || next === escape)) {
      field += next
      i += 2
      started = false
      continue
    }
    if (quoted) {
      if (c === quote && next === quote) {
        field += quote
        i += 2
      } else if (c === quote) {
        quoted = false
        i++
        if (i < line.length && line[i] !== separator)
          throw new ExternalReadLimit(
            'a CSV field with text after its closing quote',
            where(),
          )
      } else {
        field += c
        i++
      }
      continue
    }
    if (c === separator) {
      fields.push(field)
      field = ''
      started = true
      i++
      continue
    }
    if (c === quote) {
      if (!started || field.length > 0)
        throw new ExternalReadLimit(
          'a CSV field with a quote inside it',
          where(),
        )
      quoted = true
      started = false
      i++
      continue
    }
    field += c
    started = false
    i++
  }
  if (quoted)
    throw new ExternalReadLimit('a CSV field whose quotes span lines', where())
  fields.push(field)
  return fields
}

/**
 * A line of a JsonSerDe table: an object whose keys name columns (without
 * regard to case, as the SerDes lower-case them); a missing key or a JSON
 * null is NULL. A number for a numeric column and a string for any column
 * are read as their text; other values throw {@link ExternalReadLimit}.
 */
function jsonRow(
  line: string,
  columns: readonly ExternalColumn[],
  where: () => string,
): (string | null)[] {
  let value: JsonValue
  try {
    value = parseJsonExact(line)
  } catch {
    throw new ExternalReadLimit('a line that is not one JSON object', where())
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ExternalReadLimit('a line that is not one JSON object', where())
  const byName = new Map<string, JsonValue>()
  for (const [key, v] of Object.entries(value as Record<string, JsonValue>)) {
    const name = key.toLowerCase()
    if (byName.has(name))
      throw new ExternalReadLimit(
        `an object with the key "${name}" twice`,
        where(),
      )
    byName.set(name, v)
  }
  return columns.map((column) => {
    const v = byName.get(column.name.toLowerCase())
    if (v === undefined || v === null) return null
    if (column.nested !== undefined)
      return nestedJsonText(column.nested, v, column.name, where)
    const numeric = !/^character/.test(column.type) && column.type !== 'boolean'
    if (v instanceof JsonNumber && numeric)
      return externalValue(column, v.text, where)
    if (typeof v === 'boolean' && column.type === 'boolean') return String(v)
    if (typeof v === 'string' && /^character/.test(column.type))
      return externalValue(column, v, where)
    if (
      typeof v === 'string' &&
      (column.type === 'date' || column.type === 'timestamp without time zone')
    )
      return externalValue(column, v, where)
    throw new ExternalReadLimit(
      `the JSON value ${JSON.stringify(v instanceof JsonNumber ? v.text : v)} for column "${column.name}" (${column.type})`,
      where(),
    )
  })
}

/**
 * A Parquet file's rows, its columns found by name (without regard to
 * case). A table column the file lacks, or a file column type that does not
 * match the table's, throws {@link ExternalReadLimit}.
 */
async function* parquetRows(
  body: Buffer,
  columns: readonly ExternalColumn[],
  url: string,
): AsyncGenerator<(string | null)[]> {
  const content = await readParquet(body)
  const index = columns.map((column) => {
    const at = content.columns.findIndex(
      (c) => c.name.toLowerCase() === column.name.toLowerCase(),
    )
    if (at < 0)
      throw new ExternalReadLimit(
        `a Parquet file without the column "${column.name}"`,
        url,
      )
    const fileType = content.columns[at]!.type
    if (
      column.nested !== undefined
        ? !parquetShapeFits(
            content.columns[at]!.shape,
            column.nested,
            parquetFits,
          )
        : !parquetFits(fileType, column.type)
    )
      throw new ExternalReadLimit(
        `the Parquet type ${fileType} for column "${column.name}" (${column.type})`,
        url,
      )
    return at
  })
  let row = 0
  for await (const values of content.rows) {
    row++
    const where = () => `file ${url}, row ${row}`
    yield columns.map((column, c) => {
      const v = values[index[c]!]
      if (v === null || v === undefined) return null
      if (column.nested !== undefined)
        return nestedParquetText(column.nested, v, column.name, where)
      if (typeof v === 'boolean') return String(v)
      if (typeof v === 'number' || typeof v === 'bigint')
        return externalValue(column, numberText(v), where)
      if (typeof v === 'string') return externalValue(column, v, where)
      throw new ExternalReadLimit(
        `a Parquet value for column "${column.name}" (${column.type})`,
        where(),
      )
    })
  }
}

/** Whether a Parquet column of `fileType` reads into a column of PostgreSQL type `type`. */
export function parquetFits(fileType: string, type: string): boolean {
  if (type === 'smallint' || type === 'integer' || type === 'bigint')
    return /^U?INT(8|16|32|64)$/.test(fileType)
  if (type === 'real' || type === 'double precision')
    return fileType === 'FLOAT' || fileType === 'DOUBLE'
  if (type === 'boolean') return fileType === 'BOOLEAN'
  if (type === 'date') return fileType === 'DATE'
  if (type === 'timestamp without time zone')
    return /^TIMESTAMP\(/.test(fileType) || fileType === 'INT96'
  if (/^character/.test(type))
    return fileType === 'STRING' || fileType === 'ENUM' || fileType === 'UTF8'
  const numeric = /^numeric\((\d+),(\d+)\)$/.exec(type)
  if (numeric !== null) {
    const file = /^DECIMAL\((\d+),(\d+)\)$/.exec(fileType)
    return (
      file !== null &&
      file[2] === numeric[2] &&
      Number(file[1]) <= Number(numeric[1])
    )
  }
  return false
}

/** A float's shortest exact text, an integer's digits. */
function numberText(v: number | bigint): string {
  if (typeof v === 'bigint') return v.toString()
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return v.toFixed(0)
  return String(v)
}
