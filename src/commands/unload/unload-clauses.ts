import { CommandOptionError } from '../../errors/command-option-error.js'
import { quoteIdentifier } from '../../sql/literal.js'
import { commandLiteral } from '../command-literal.js'

/**
 * One option of an UNLOAD as it is written, with the keywords the option
 * rules know it by.
 *
 * ```ts
 * const clause: UnloadClause = { keywords: ['MANIFEST', 'VERBOSE'], sql: 'MANIFEST VERBOSE' }
 * ```
 */
export interface UnloadClause {
  readonly keywords: readonly string[]
  readonly sql: string
}

/** A size with its unit, as MAXFILESIZE and ROWGROUPSIZE take it. */
export type SizeUnit = 'MB' | 'GB'

const MB_PER_GB = 1024

function fail(option: string, rule: string): never {
  throw new CommandOptionError({ command: 'UNLOAD', option, rule })
}

/**
 * A string that becomes a literal of the statement: any text but NUL (SQL
 * text ends at NUL) and, unless `allowEmpty`, not empty. The value itself is
 * never put in the error.
 *
 * ```ts
 * literalOf('NULL AS', '\\N') // '\\\\N'
 * ```
 */
export function literalOf(
  option: string,
  value: unknown,
  allowEmpty = false,
): string {
  return commandLiteral('UNLOAD', option, value, allowEmpty)
}

/**
 * The TO clause: an `s3://bucket/prefix` path. Access-point aliases
 * (`...-s3alias` buckets) are refused, as Redshift refuses them.
 *
 * ```ts
 * toClause('s3://b/out/sales_') // TO 's3://b/out/sales_'
 * ```
 */
export function toClause(prefix: unknown): string {
  const literal = literalOf('TO', prefix)
  const path = prefix as string
  const match = /^s3:\/\/([^/]+)/.exec(path)
  if (match === null) {
    return fail('TO', "the target is an S3 path: 's3://bucket/prefix'")
  }
  if (match[1]!.endsWith('-s3alias')) {
    return fail(
      'TO',
      'UNLOAD does not support S3 access-point aliases; use the bucket name',
    )
  }
  return `TO ${literal}`
}

/**
 * `PARTITION BY ("a", "b") [INCLUDE]`. `quote` writes each name; the
 * builder passes one that runs the names through the instance's plugins
 * (a CamelCasePlugin turns `personId` into `"person_id"`, as it does in the
 * query's select list).
 *
 * ```ts
 * partitionClause(['region'], true).sql // PARTITION BY ("region") INCLUDE
 * ```
 */
export function partitionClause(
  columns: readonly unknown[],
  include: boolean,
  quote: (name: string) => string = quoteIdentifier,
): UnloadClause {
  if (!Array.isArray(columns) || columns.length === 0) {
    return fail('PARTITION BY', 'give at least one column')
  }
  const names = columns.map((column, index) => {
    if (typeof column !== 'string') {
      return fail('PARTITION BY', `column ${index} must be a column name`)
    }
    return quote(column)
  })
  if (new Set(columns).size !== columns.length) {
    fail('PARTITION BY', 'a column is listed twice')
  }
  const sql = `PARTITION BY (${names.join(', ')})`
  return include
    ? { keywords: ['PARTITION BY', 'INCLUDE'], sql: `${sql} INCLUDE` }
    : { keywords: ['PARTITION BY'], sql }
}

/**
 * `DELIMITER AS 'c'`: one ASCII character other than NUL, as Redshift
 * requires.
 *
 * ```ts
 * delimiterClause('\t').sql // DELIMITER AS '	'
 * ```
 */
export function delimiterClause(delimiter: unknown): UnloadClause {
  const literal = literalOf('DELIMITER', delimiter)
  const text = delimiter as string
  if (text.length !== 1 || text.charCodeAt(0) > 127) {
    fail('DELIMITER', 'the delimiter is a single ASCII character')
  }
  return { keywords: ['DELIMITER'], sql: `DELIMITER AS ${literal}` }
}

/**
 * `FIXEDWIDTH AS 'id:10,name:20'`, from a record of column widths in the
 * order of the query's columns.
 *
 * ```ts
 * fixedWidthClause({ id: 10, name: 20 }).sql // FIXEDWIDTH AS 'id:10,name:20'
 * ```
 */
export function fixedWidthClause(
  widths: Readonly<Record<string, unknown>>,
): UnloadClause {
  if (typeof widths !== 'object' || widths === null) {
    return fail('FIXEDWIDTH', 'give a record of column widths')
  }
  const entries = Object.entries(widths)
  if (entries.length === 0) {
    fail('FIXEDWIDTH', 'give the width of every column')
  }
  const spec = entries.map(([label, width]) => {
    if (label.length === 0 || /[:,]/.test(label)) {
      fail('FIXEDWIDTH', 'a column label cannot be empty or contain ":" or ","')
    }
    if (!Number.isSafeInteger(width) || (width as number) < 1) {
      fail('FIXEDWIDTH', `the width of "${label}" must be a positive integer`)
    }
    return `${label}:${width as number}`
  })
  return {
    keywords: ['FIXEDWIDTH'],
    sql: `FIXEDWIDTH AS ${literalOf('FIXEDWIDTH', spec.join(','))}`,
  }
}

/**
 * `MAXFILESIZE AS n MB|GB` (5 MB to 6.2 GB) or `ROWGROUPSIZE AS n MB|GB`
 * (32 MB to 128 MB).
 *
 * ```ts
 * sizeClause('MAXFILESIZE', 1, 'GB').sql // MAXFILESIZE AS 1 GB
 * ```
 */
export function sizeClause(
  option: 'MAXFILESIZE' | 'ROWGROUPSIZE',
  size: unknown,
  unit: unknown,
): UnloadClause {
  if (unit !== 'MB' && unit !== 'GB') {
    return fail(option, "the unit is 'MB' or 'GB'")
  }
  const [min, max, range] =
    option === 'MAXFILESIZE'
      ? [5, 6.2 * MB_PER_GB, '5 MB to 6.2 GB']
      : [32, 128, '32 MB to 128 MB']
  if (typeof size !== 'number' || !Number.isFinite(size)) {
    return fail(option, 'the size is a finite number')
  }
  const mb = unit === 'GB' ? size * MB_PER_GB : size
  // Plain decimal digits only: String(n) would write 1e-7 for tiny values.
  if (mb < min || mb > max || !/^\d+(\.\d+)?$/.test(String(size))) {
    return fail(option, `the size is ${range}`)
  }
  return { keywords: [option], sql: `${option} AS ${size} ${unit}` }
}

const RAW_KEYWORD = /^[A-Za-z_][A-Za-z0-9_]*( [A-Za-z_][A-Za-z0-9_]*)*$/

/**
 * A raw option for what the builder does not model yet: bare keyword words
 * (letters, digits, `_`, single spaces), then an optional value, a string
 * (a literal through the escaping module) or a non-negative number.
 *
 * ```ts
 * rawClause('ROWGROUPSIZE', undefined).sql // ROWGROUPSIZE
 * rawClause('NULL AS', 'none').sql // NULL AS 'none'
 * ```
 */
export function rawClause(keyword: unknown, value: unknown): UnloadClause {
  if (typeof keyword !== 'string' || !RAW_KEYWORD.test(keyword)) {
    return fail(
      'option',
      'the keyword is one or more bare words (letters, digits, _) separated by single spaces',
    )
  }
  const upper = keyword.toUpperCase()
  if (value === undefined) return { keywords: [upper], sql: upper }
  if (typeof value === 'number') {
    if (
      !Number.isFinite(value) ||
      value < 0 ||
      !/^\d+(\.\d+)?$/.test(String(value))
    ) {
      return fail(upper, 'a numeric value is a non-negative decimal number')
    }
    return { keywords: [upper], sql: `${upper} ${value}` }
  }
  return {
    keywords: [upper],
    sql: `${upper} ${literalOf(upper, value, true)}`,
  }
}
