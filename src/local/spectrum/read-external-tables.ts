import { CopyChunks } from '../load/copy-text.js'
import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { ChannelResult } from '../session/backend-channel.js'
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js'
import type { ExternalRead } from '../sql/spectrum/external-reads.js'
import type { ObjectStorage } from '../storage/object-storage.js'
import { StorageError } from '../storage/storage-error.js'
import { externalFileBody, externalFiles } from './external-files.js'
import { externalFormat, type ExternalFormat } from './external-format.js'
import { ExternalReadLimit } from './external-read-limit.js'
import { externalRows } from './external-rows.js'
import type { ExternalColumn } from './external-value.js'
import {
  isNestedType,
  nestedPgType,
  parseNestedType,
  type NestedType,
} from './nested-values.js'

/** What reading external tables needs from the session. */
export interface ExternalReadChannel {
  query(text: string): Promise<ChannelResult>
  copyIn(text: string, chunks: AsyncIterable<Buffer>): Promise<string>
}

/** The type of `"$path"`: an S3 URL is at most 1,024 bytes of key and a bucket name. */
const PATH_TYPE = 'character varying(2048)'

/**
 * Reads each external table a statement reads into the session's temporary
 * table its text names instead (see `sql/spectrum/external-reads.ts`), on
 * the session's own connection and in its transaction, just before the
 * statement runs, so the statement sees the files as they are then. The
 * table has the external table's columns (partition columns last, with the
 * partition's values) and, when the statement names them and
 * `spectrum_enable_pseudo_columns` is on, `"$path"` (the file's URL) and
 * `"$size"` (its size in bytes). A partitioned table reads its partitions'
 * locations, an unpartitioned one its LOCATION. A reference whose schema is
 * not an external one in this database (a local schema with the name of one
 * met elsewhere) is read as a copy of that relation. Returns the error the
 * statement fails with, or undefined.
 *
 * @example
 * ```ts
 * const error = await readExternalTables(channel, storage, statement.externalReads)
 * ```
 */
export async function readExternalTables(
  channel: ExternalReadChannel,
  storage: ObjectStorage | undefined,
  reads: readonly ExternalRead[],
): Promise<ErrorFields | undefined> {
  try {
    for (const read of reads) await readOne(channel, storage, read)
    return undefined
  } catch (error) {
    if (error instanceof ExternalReadLimit) return error.fields
    if (error instanceof ExternalReadDenied) return error.fields
    if (error instanceof StorageError)
      return reject.other(
        'XX000',
        `Spectrum could not read ${error.url}: ${error.message}`,
      )
    throw error
  }
}

async function readOne(
  channel: ExternalReadChannel,
  storage: ObjectStorage | undefined,
  read: ExternalRead,
): Promise<void> {
  const temp = `pg_temp.${quoteIdentifier(read.temp)}`
  const { rows } = await channel.query(
    `SELECT pg_catalog.has_schema_privilege(f.schema_oid, 'USAGE'), f.location, f.input_format, f.serialization_lib, f.serde_parameters, f.parameters, f.columns, f.partitions, f.pg_columns, pg_catalog.current_setting('redshift_local.spectrum_enable_pseudo_columns', true), pg_catalog.to_regclass(${quoteLiteral(temp)}) IS NOT NULL, pg_catalog.current_setting('redshift_local.json_serialization_enable', true) FROM (SELECT 1) one LEFT JOIN redshift_local.external_table_files(${quoteLiteral(read.schema)}, ${quoteLiteral(read.table)}) f ON true`,
  )
  const row = rows[0]!
  // The table may be another role's, after SET SESSION AUTHORIZATION.
  if (row[10] === 't')
    await channel.query(
      `SELECT redshift_local.drop_external_session_table(${quoteLiteral(read.temp)})`,
    )
  const source = `${quoteIdentifier(read.schema)}.${quoteIdentifier(read.table)}`
  if (row[1] === null) {
    // Not an external table here: PostgreSQL names what is wrong, if anything.
    await channel.query(
      `CREATE TEMP TABLE ${quoteIdentifier(read.temp)} AS SELECT * FROM ${source}`,
    )
    return
  }
  if (row[0] !== 't' && read.checked !== true)
    throw new ExternalReadDenied(
      reject.other('42501', `permission denied for schema ${read.schema}`),
    )
  const catalog = JSON.parse(row[6]!) as {
    name: string
    part_key: number
    external_type: string
  }[]
  const types = new Map(
    (JSON.parse(row[8]!) as [string, string][]).map(([n, t]) => [n, t]),
  )
  // Struct, array and map columns are held in PostgreSQL's composite and
  // array types, which the rewritten navigation and unnesting read.
  const creates = new Map<string, string>()
  const nestedTypes = new Map(
    catalog
      .filter((c) => isNestedType(c.external_type))
      .map((c) => [c.name, parseNestedType(c.external_type)] as const),
  )
  const nestedError = nestedUseError(read, nestedTypes, row[11])
  if (nestedError !== undefined) throw new ExternalReadDenied(nestedError)
  const column = (name: string): ExternalColumn => {
    const nested = nestedTypes.get(name)
    if (nested === undefined)
      return { name, type: types.get(name) ?? 'unknown' }
    return { name, type: nestedPgType(nested, creates), nested }
  }
  const data = catalog
    .filter((c) => c.part_key === 0)
    .map((c) => column(c.name))
  const keys = catalog
    .filter((c) => c.part_key > 0)
    .sort((a, b) => a.part_key - b.part_key)
    .map((c) => column(c.name))
  const pseudoOn = read.pseudo && settingOn(row[9])
  const definitions = [...data, ...keys].map(
    (c) => `${quoteIdentifier(c.name)} ${c.type}`,
  )
  if (pseudoOn) definitions.push(`"$path" ${PATH_TYPE}`, `"$size" bigint`)
  if (creates.size > 0) await createStructTypes(channel, creates)
  await channel.query(
    `CREATE TEMP TABLE ${quoteIdentifier(read.temp)} (${definitions.join(', ')})`,
  )
  const format = externalFormat({
    inputFormat: row[2]!,
    serializationLib: row[3]!,
    serdeParameters: JSON.parse(row[4]!) as Record<string, string>,
    parameters: JSON.parse(row[5]!) as Record<string, string>,
  })
  const places: { location: string; values: readonly string[] }[] =
    keys.length === 0
      ? [{ location: row[1]!, values: [] }]
      : (JSON.parse(row[7]!) as [string[], string][]).map(
          ([values, location]) => ({ location, values }),
        )
  if (places.length === 0) return
  if (storage === undefined)
    throw new ExternalReadLimit(
      'the files of a table while the emulator has no S3 (start it with --s3-dir or --s3-endpoint)',
    )
  const names = [...data, ...keys].map((c) => quoteIdentifier(c.name))
  if (pseudoOn) names.push('"$path"', '"$size"')
  await channel.copyIn(
    `COPY ${temp} (${names.join(', ')}) FROM STDIN`,
    chunks(storage, places, format, data, pseudoOn),
  )
}

/**
 * The composite types of the struct shapes a table holds that the session
 * does not have yet (inner ones were collected first).
 */
async function createStructTypes(
  channel: ExternalReadChannel,
  creates: ReadonlyMap<string, string>,
): Promise<void> {
  const names = [...creates.keys()]
  const { rows } = await channel.query(
    `SELECT n FROM pg_catalog.unnest(ARRAY[${names.map(quoteLiteral).join(', ')}]::text[]) n WHERE pg_catalog.to_regtype('pg_temp.' || pg_catalog.quote_ident(n)) IS NULL`,
  )
  const missing = new Set(rows.map((r) => r[0]!))
  for (const [name, sql] of creates)
    if (missing.has(name)) await channel.query(sql)
}

/**
 * The error for what a statement does with a table's nested columns that
 * Redshift refuses (nested-data-restrictions.html, serializing-complex-JSON.html):
 * `*` over the table, a struct, array or map column as a value (only paths
 * into structs and ranging over arrays and maps read them), the struct
 * elements of an array as values, or the pseudocolumns. With json_serialization_enable on, Redshift serializes
 * such a column to JSON text instead, in a form its pages show only by
 * example: an emulator limit.
 */
function nestedUseError(
  read: ExternalRead,
  types: ReadonlyMap<string, NestedType>,
  serialization: string | null | undefined,
): ErrorFields | undefined {
  const nested = [...types.keys()]
  if (nested.length === 0) return undefined
  const value = nested.find((name) => read.values?.includes(name) === true)
  const structs = read.elements?.find((name) => {
    const type = types.get(name)
    return type?.kind === 'array' && type.element.kind === 'struct'
  })
  if (structs !== undefined)
    return reject.other(
      '0A000',
      `the elements of "${structs}" are structs: a query returns their fields, not the structs`,
      undefined,
      'name the fields: element.field',
    )
  if ((read.star === true || value !== undefined) && settingTrue(serialization))
    return reject.other(
      '0A000',
      'reading a nested column as JSON text (json_serialization_enable) is not supported by the local emulator (an emulator limit)',
      undefined,
      'name the scalar fields: c.struct_column.field, or range over an array in FROM',
    )
  if (read.star === true)
    return reject.other(
      '0A000',
      "Nested tables do not support '*' in the SELECT clause.",
    )
  if (value !== undefined)
    return reject.other(
      '42703',
      `column "${value}" does not exist in ${read.table}`,
    )
  if (read.pseudo)
    return reject.other(
      '0A000',
      'the pseudocolumns "$path" and "$size" of a table with nested data are not supported',
    )
  return undefined
}

/** A Redshift boolean setting that is on. */
function settingTrue(value: string | null | undefined): boolean {
  return /^(on|true|t|yes|y|1)$/i.test(value ?? '')
}

/** spectrum_enable_pseudo_columns, on unless set to a false boolean. */
function settingOn(value: string | null | undefined): boolean {
  return !/^(off|false|f|no|n|0)$/i.test(value ?? '')
}

async function* chunks(
  storage: ObjectStorage,
  places: readonly { location: string; values: readonly string[] }[],
  format: ExternalFormat,
  data: readonly ExternalColumn[],
  pseudo: boolean,
): AsyncGenerator<Buffer> {
  const out = new CopyChunks()
  for (const place of places) {
    for (const file of await externalFiles(storage, place.location)) {
      const body = await externalFileBody(storage, file)
      const extra: (string | null)[] = [...place.values]
      if (pseudo) extra.push(file.url, String(file.size))
      for await (const values of externalRows(body, format, data, file.url)) {
        out.row(extra.length === 0 ? values : [...values, ...extra])
        if (out.full) yield out.take()
      }
    }
  }
  if (!out.empty) yield out.take()
}

/** The session may not read the external schema. */
class ExternalReadDenied extends Error {
  readonly fields: ErrorFields
  constructor(fields: ErrorFields) {
    super(fields.message)
    this.fields = fields
  }
}
