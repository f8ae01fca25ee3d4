import { CommandOptionError } from '../../errors/command-option-error.js'
import { quoteIdentifier, quoteQualifiedName } from '../../sql/literal.js'
import { commandLiteral } from '../command-literal.js'
import {
  EXTERNAL_FILE_FORMATS,
  EXTERNAL_TABLE_PROPERTIES,
  type ExternalFileFormat,
} from './spectrum-rules.js'

function fail(command: string, option: string, rule: string): never {
  throw new CommandOptionError({ command, option, rule })
}

/**
 * `'s3://bucket/folder/'` (or a manifest's `'s3://bucket/manifest'`), as
 * LOCATION and SET LOCATION take it: a non-empty `s3://` path with a bucket.
 *
 * ```ts
 * locationLiteral('CREATE EXTERNAL TABLE', 's3://b/sales/') // 's3://b/sales/'
 * ```
 */
export function locationLiteral(command: string, location: unknown): string {
  const literal = commandLiteral(command, 'LOCATION', location)
  if (!/^s3:\/\/[^/\s]+/.test(location as string)) {
    fail(
      command,
      'LOCATION',
      "the location is an Amazon S3 path: 's3://bucket/folder/' or 's3://bucket/manifest_file'",
    )
  }
  return literal
}

/**
 * A file format as STORED AS and SET FILE FORMAT write it: one of
 * {@link EXTERNAL_FILE_FORMATS}, or `INPUTFORMAT 'class' OUTPUTFORMAT
 * 'class'`.
 *
 * ```ts
 * fileFormatClause('ALTER TABLE', 'parquet') // PARQUET
 * ```
 */
export function fileFormatClause(
  command: string,
  format: ExternalFileFormat,
): string {
  if (typeof format === 'object' && format !== null) {
    return (
      `INPUTFORMAT ${commandLiteral(command, 'INPUTFORMAT', format.inputFormat)} ` +
      `OUTPUTFORMAT ${commandLiteral(command, 'OUTPUTFORMAT', format.outputFormat)}`
    )
  }
  const keyword = typeof format === 'string' ? format.toUpperCase() : ''
  if (!(EXTERNAL_FILE_FORMATS as readonly string[]).includes(keyword)) {
    fail(
      command,
      'STORED AS',
      `unknown file format ${JSON.stringify(format)}: give one of ${EXTERNAL_FILE_FORMATS.join(', ')} ` +
        'or { inputFormat, outputFormat }',
    )
  }
  return keyword
}

/**
 * `('name'='value', ...)` of TABLE PROPERTIES: documented names only (they
 * are case-sensitive), each value in the property's list or of its kind.
 *
 * ```ts
 * tablePropertiesClause('CREATE EXTERNAL TABLE', { 'skip.header.line.count': 1 })
 * // ('skip.header.line.count'='1')
 * ```
 */
export function tablePropertiesClause(
  command: string,
  properties: Readonly<Record<string, unknown>>,
): string {
  if (typeof properties !== 'object' || properties === null) {
    return fail(command, 'TABLE PROPERTIES', 'give a record of properties')
  }
  const entries = Object.entries(properties).filter(([, v]) => v !== undefined)
  if (entries.length === 0) {
    fail(command, 'TABLE PROPERTIES', 'give at least one property')
  }
  const pairs = entries.map(([name, raw]) => {
    if (!Object.hasOwn(EXTERNAL_TABLE_PROPERTIES, name)) {
      fail(
        command,
        'TABLE PROPERTIES',
        `unknown table property ${JSON.stringify(name)}; the documented ones are ` +
          `${Object.keys(EXTERNAL_TABLE_PROPERTIES).join(', ')} (names are case-sensitive)`,
      )
    }
    const value = propertyText(raw)
    if (value === undefined) {
      fail(
        command,
        'TABLE PROPERTIES',
        `${name}: the value is a string, a number or a boolean`,
      )
    }
    const allowed =
      EXTERNAL_TABLE_PROPERTIES[name as keyof typeof EXTERNAL_TABLE_PROPERTIES]
    if (allowed === 'integer') {
      const bad =
        !/^\d+$/.test(value) ||
        (name === 'write.maxfilesize.mb' &&
          (Number(value) < 5 || Number(value) > 6200))
      if (bad) {
        fail(
          command,
          'TABLE PROPERTIES',
          name === 'write.maxfilesize.mb'
            ? `${name}: the value is a whole number from 5 to 6200`
            : `${name}: the value is a whole number`,
        )
      }
    } else if (
      allowed !== 'text' &&
      !allowed.some((a) => a.toLowerCase() === value.toLowerCase())
    ) {
      fail(
        command,
        'TABLE PROPERTIES',
        `${name}: the value is one of ${allowed.join(', ')}`,
      )
    }
    return `${commandLiteral(command, 'TABLE PROPERTIES', name)}=${commandLiteral(command, 'TABLE PROPERTIES', value, true)}`
  })
  return `(${pairs.join(', ')})`
}

/** `('k'='v', ...)` of WITH SERDEPROPERTIES: any names and text values. */
export function serdePropertiesClause(
  properties: Readonly<Record<string, string>>,
): string {
  const command = 'CREATE EXTERNAL TABLE'
  if (typeof properties !== 'object' || properties === null) {
    return fail(command, 'WITH SERDEPROPERTIES', 'give a record of properties')
  }
  const entries = Object.entries(properties)
  if (entries.length === 0) {
    fail(command, 'WITH SERDEPROPERTIES', 'give at least one property')
  }
  return `(${entries
    .map(
      ([k, v]) =>
        `${commandLiteral(command, 'WITH SERDEPROPERTIES', k)}=${commandLiteral(command, 'WITH SERDEPROPERTIES', v, true)}`,
    )
    .join(', ')})`
}

/**
 * An external schema's or table's name, checked and quoted: a table is
 * `schema.table` (Redshift resolves external tables only through their
 * schema: search_path does not apply to external schemas).
 *
 * ```ts
 * externalName('DROP TABLE', 'table', 'spectrum.sales') // { parts: ['spectrum', 'sales'], sql: '"spectrum"."sales"' }
 * ```
 */
export function externalName(
  command: string,
  kind: 'schema' | 'table',
  name: unknown,
): { readonly parts: readonly string[]; readonly sql: string } {
  const option = kind === 'schema' ? 'schema name' : 'table name'
  if (typeof name !== 'string' || name.length === 0) {
    return fail(command, option, `the ${kind} name is a non-empty string`)
  }
  const parts = kind === 'schema' ? [name] : name.split('.')
  if (kind === 'table' && parts.length !== 2) {
    fail(
      command,
      option,
      `${JSON.stringify(name)}: an external table is named 'external_schema.table' ` +
        '(search_path does not apply to external schemas)',
    )
  }
  try {
    return { parts: Object.freeze(parts), sql: quoteQualifiedName(parts) }
  } catch (error) {
    return fail(command, option, (error as Error).message)
  }
}

/**
 * A column name, quoted; `$path` and `$size` are refused, being the
 * pseudocolumns of every external table.
 *
 * ```ts
 * columnName('CREATE EXTERNAL TABLE', 'column', 'saledate') // "saledate"
 * ```
 */
export function columnName(
  command: string,
  option: string,
  name: unknown,
): string {
  if (typeof name !== 'string' || name.length === 0) {
    return fail(command, option, 'a column name is a non-empty string')
  }
  if (name === '$path' || name === '$size') {
    fail(
      command,
      option,
      `"${name}" is a pseudocolumn of every external table; give the column another name`,
    )
  }
  try {
    return quoteIdentifier(name)
  } catch (error) {
    return fail(command, option, (error as Error).message)
  }
}

function propertyText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}
