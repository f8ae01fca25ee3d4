import { reject } from '../../errors/reject.js'
import { quoteLiteral } from '../quote.js'
import {
  NESTED_PG_TYPE,
  readExternalColumnType,
} from './external-column-type.js'
import { readFileFormat, TEXTFILE } from './external-file-format.js'
import { checkTableProperties } from './external-table-properties.js'
import { type SpectrumCursor, SpectrumSyntaxError } from './spectrum-cursor.js'

/**
 * Without the pseudocolumns `$path` and `$size`; with them (the default,
 * `spectrum_enable_pseudo_columns` on) the catalog procedure allows 1,598.
 */
const MAX_COLUMNS = 1600

/** ROW FORMAT's default field terminator: `\A`, Ctrl-A. */
const DEFAULT_FIELD_DELIMITER = '\u0001'

interface Column {
  readonly name: string
  readonly pg_type: string
  readonly external_type: string
  readonly part_key: number
}

/**
 * `CREATE EXTERNAL TABLE [db.]schema.table (col type, ...) [PARTITIONED BY
 * (col type, ...)] [ROW FORMAT DELIMITED ... | ROW FORMAT SERDE '...' [WITH
 * SERDEPROPERTIES (...)]] STORED AS format LOCATION 's3://...' [TABLE
 * PROPERTIES (...)]` as the call that creates it in the emulator's catalog,
 * with the rules of
 * https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_TABLE.html:
 * the name is qualified by an external schema (checked when it runs), the
 * clauses come in that order, STORED AS and LOCATION are required, a
 * partition column is not also a table column, `$path` and `$size` are not
 * column names, at most 1,598 columns, a terminator is one ASCII character,
 * table properties are the documented ones. CREATE EXTERNAL TABLE AS
 * (which writes files to S3) is an emulator limit. Called with the cursor
 * after `CREATE EXTERNAL TABLE`.
 *
 * @example
 * ```ts
 * createExternalTable(cursor) // "CALL redshift_local.create_external_table('spectrum', 'sales', ...)"
 * ```
 */
export function createExternalTable(c: SpectrumCursor): string {
  const parts = c.expectQualifiedName('table name')
  if (parts.length < 2 || parts.length > 3) {
    throw new SpectrumSyntaxError(
      reject.other(
        '42601',
        `external table "${parts.join('.')}" must be qualified by its external schema`,
        undefined,
        'write CREATE EXTERNAL TABLE external_schema.table_name (...)',
      ),
    )
  }
  const [table, schema, database] = [...parts].reverse() as [
    string,
    string,
    string | undefined,
  ]
  if (c.peekKind() !== 'open') {
    if (c.peekWord() === 'partitioned' || c.peekWord() === 'stored') {
      throw asSelect()
    }
    throw c.syntaxError()
  }
  const columns = readColumns(c, 0)
  let partitionColumns: Column[] = []
  if (c.word('partitioned', 'by')) {
    partitionColumns = readColumns(c, 1)
    for (const p of partitionColumns) {
      // "The data type can be SMALLINT, INTEGER, BIGINT, DECIMAL, REAL,
      // DOUBLE PRECISION, BOOLEAN, CHAR, VARCHAR, DATE, or TIMESTAMP"
      // (c-spectrum-external-tables.html).
      if (p.pg_type === NESTED_PG_TYPE) {
        throw new SpectrumSyntaxError(
          reject.other(
            '0A000',
            `partition column "${p.name}" has type ${p.external_type}, which partition columns do not support`,
            undefined,
            'a partition column is SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE PRECISION, BOOLEAN, CHAR, VARCHAR, DATE or TIMESTAMP',
          ),
        )
      }
      if (columns.some((col) => col.name === p.name)) {
        throw new SpectrumSyntaxError(
          reject.other(
            '42701',
            `partition column "${p.name}" is also a column of the table`,
            undefined,
            "partition columns don't exist within the table data; give them names of their own",
          ),
        )
      }
    }
  }
  const all = [...columns, ...partitionColumns]
  if (all.length > MAX_COLUMNS) {
    throw new SpectrumSyntaxError(
      reject.other('54011', `tables can have at most ${MAX_COLUMNS} columns`),
    )
  }
  let serde: string | undefined
  let serdeParameters: Record<string, string> = {}
  let delimiters: Record<string, string> | undefined
  if (c.word('row', 'format')) {
    if (c.word('delimited')) {
      delimiters = readDelimiters(c)
    } else {
      c.expectWords('serde')
      serde = c.expectLiteral('the SerDe class name')
      if (c.word('with', 'serdeproperties')) {
        serdeParameters = c.expectProperties('SERDEPROPERTIES')
      }
    }
  }
  // The Guide's own SerDe examples (JsonSerDe, the S3 access log's
  // RegexSerDe) leave STORED AS out: the files are then text files.
  const format =
    serde !== undefined && c.peekWord() === 'location'
      ? TEXTFILE
      : (c.expectWords('stored', 'as'), readFileFormat(c))
  c.expectWords('location')
  const location = readLocation(c)
  let properties: Record<string, string> = {}
  if (c.word('table', 'properties')) {
    properties = c.expectProperties('TABLE PROPERTIES')
    const bad = checkTableProperties(properties)
    if (bad !== undefined) throw new SpectrumSyntaxError(bad)
  }
  if (c.word('as')) throw asSelect()
  if (!c.done) throw c.syntaxError()

  if (serde === undefined && (delimiters !== undefined || format.delimited)) {
    const field = delimiters?.['field.delim'] ?? DEFAULT_FIELD_DELIMITER
    serdeParameters = {
      'field.delim': field,
      ...(delimiters?.['line.delim'] !== undefined
        ? { 'line.delim': delimiters['line.delim'] }
        : {}),
      'serialization.format': field,
    }
  } else if (serde === undefined) {
    serdeParameters = { 'serialization.format': '1' }
  }
  const args = [
    quoteLiteral(schema),
    quoteLiteral(table),
    `${quoteLiteral(JSON.stringify(all))}::jsonb`,
    quoteLiteral(location),
    quoteLiteral(format.inputFormat),
    quoteLiteral(format.outputFormat),
    quoteLiteral(serde ?? format.serializationLib),
    quoteLiteral(JSON.stringify(serdeParameters)),
    quoteLiteral(JSON.stringify({ EXTERNAL: 'TRUE', ...properties })),
    database === undefined ? 'null' : quoteLiteral(database),
  ]
  return `CALL redshift_local.create_external_table(${args.join(', ')})`
}

/** `( name type [, ...] )`; `partKey` numbers partition columns from 1. */
function readColumns(c: SpectrumCursor, partKey: number): Column[] {
  c.expect('open')
  const columns: Column[] = []
  do {
    const name = c.expectName('column name')
    if (name === '$path' || name === '$size') {
      throw new SpectrumSyntaxError(
        reject.other(
          '42701',
          `column name "${name}" is reserved for a pseudocolumn of external tables`,
        ),
      )
    }
    if (columns.some((col) => col.name === name)) {
      throw new SpectrumSyntaxError(
        reject.other('42701', `column "${name}" specified more than once`),
      )
    }
    const type = readExternalColumnType(c, name)
    columns.push({
      name,
      pg_type: type.pgType,
      external_type: type.externalType,
      part_key: partKey === 0 ? 0 : partKey + columns.length,
    })
  } while (c.take('comma'))
  c.expect('close')
  return columns
}

/** `[FIELDS TERMINATED BY 'c'] [LINES TERMINATED BY 'c']`, each one ASCII character. */
function readDelimiters(c: SpectrumCursor): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [word, key] of [
    ['fields', 'field.delim'],
    ['lines', 'line.delim'],
  ] as const) {
    if (!c.word(word, 'terminated', 'by')) continue
    const value = c.expectLiteral(`the ${word.toUpperCase()} terminator`)
    // "Specify a single ASCII character", yet the page's data handling
    // example ends lines with '\n\l': a line terminator may be longer.
    const single = word === 'fields'
    if (
      value.length === 0 ||
      (single && value.length !== 1) ||
      [...value].some((char) => char.charCodeAt(0) > 0x7f)
    ) {
      throw new SpectrumSyntaxError(
        reject.other(
          '22023',
          `${word.toUpperCase()} TERMINATED BY takes a single ASCII character`,
          undefined,
          "write a non-printing character in octal, as '\\007'",
        ),
      )
    }
    out[key] = value
  }
  return out
}

/** `'s3://bucket/folder/'` or a manifest's `'s3://bucket/manifest'`. */
export function readLocation(c: SpectrumCursor): string {
  const location = c.expectLiteral("an 's3://...' LOCATION")
  if (!/^s3:\/\/[^/]+/i.test(location)) {
    throw new SpectrumSyntaxError(
      reject.other(
        '22023',
        `invalid LOCATION '${location}'`,
        undefined,
        "LOCATION is an Amazon S3 path: 's3://bucket/folder/' or 's3://bucket/manifest_file'",
      ),
    )
  }
  return location
}

function asSelect(): SpectrumSyntaxError {
  return new SpectrumSyntaxError(
    reject.other(
      '0A000',
      'CREATE EXTERNAL TABLE ... AS is not supported by the local emulator (an emulator limit)',
      undefined,
      'create the external table with a column list, or UNLOAD the query to S3',
    ),
  )
}
