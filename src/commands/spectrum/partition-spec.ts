import { CommandOptionError } from '../../errors/command-option-error.js'
import { ExternalColumnError } from '../../errors/external-column-error.js'
import { commandLiteral } from '../command-literal.js'
import type { CompiledColumnType } from './external-column-type.js'
import { columnName } from './spectrum-clauses.js'

/**
 * A value of one partition column, as ADD / DROP PARTITION take it.
 *
 * ```ts
 * const values: Record<string, PartitionScalar> = { saledate: '2008-01-01', year: 2008 }
 * ```
 */
export type PartitionScalar = string | number | bigint | boolean | Date

/**
 * The partition columns of a table the builder knows, in order, with their types.
 *
 * ```ts
 * const columns: PartitionColumns = [['saledate', { sql: 'date', family: 'date' }]]
 * ```
 */
export type PartitionColumns = readonly (readonly [
  name: string,
  type: CompiledColumnType,
])[]

const COMMAND = 'ALTER TABLE'
const DATE = /^\d{4}-\d{2}-\d{2}$/
const INTEGER = /^[+-]?\d+$/
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

/**
 * `(col='value', ...)` of ADD / DROP PARTITION and PARTITION ... SET
 * LOCATION. Every value is written as a string literal through the escaping
 * module (Redshift reads it as the column's type). When the table's
 * partition columns are known (the builder was given the table's
 * definition), the values must name each of them once, in any order, and
 * fit its type: an {@link ExternalColumnError} names the column otherwise.
 * The spec is written in the partition columns' order.
 *
 * ```ts
 * partitionSpec({ saledate: '2008-01-01' }, [['saledate', { sql: 'date', family: 'date' }]])
 * // (saledate='2008-01-01')
 * ```
 */
export function partitionSpec(
  values: Readonly<Record<string, unknown>>,
  columns?: PartitionColumns,
): string {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new CommandOptionError({
      command: COMMAND,
      option: 'PARTITION',
      rule: 'give the partition values as a record: { column: value }',
    })
  }
  const given = Object.entries(values)
  if (given.length === 0) {
    throw new CommandOptionError({
      command: COMMAND,
      option: 'PARTITION',
      rule: 'give a value for each partition column',
    })
  }
  let ordered = given
  if (columns !== undefined) {
    const known = new Map(columns)
    for (const [name] of given) {
      if (!known.has(name)) {
        throw columnError(
          name,
          `not a partition column of the table (its partition columns are ${columns.map(([n]) => n).join(', ') || 'none'})`,
        )
      }
    }
    const missing = columns.find(([name]) => !Object.hasOwn(values, name))
    if (missing !== undefined) {
      throw columnError(missing[0], 'the partition column has no value')
    }
    ordered = columns.map(([name]) => [name, values[name]])
  }
  const pairs = ordered.map(([name, value]) => {
    const type = columns?.find(([n]) => n === name)?.[1]
    const text = valueText(name, value, type)
    return `${columnName(COMMAND, 'PARTITION', name)}=${commandLiteral(COMMAND, 'PARTITION', text, true)}`
  })
  return `(${pairs.join(', ')})`
}

function valueText(
  column: string,
  value: unknown,
  type: CompiledColumnType | undefined,
): string {
  const text = scalarText(column, value, type)
  if (type === undefined) return text
  const fits = (() => {
    switch (type.family) {
      case 'integer':
        return INTEGER.test(text)
      case 'decimal':
      case 'float':
        return DECIMAL.test(text)
      case 'boolean':
        return /^(true|false)$/i.test(text)
      case 'date':
        return DATE.test(text)
      case 'timestamp':
        return !Number.isNaN(Date.parse(text.replace(' ', 'T')))
      case 'varchar':
      case 'char':
        return Buffer.byteLength(text, 'utf8') <= type.length!
    }
  })()
  if (!fits) {
    throw columnError(
      column,
      type.family === 'varchar' || type.family === 'char'
        ? `the value is longer than ${type.sql}'s ${type.length} bytes`
        : `the value is not a ${type.sql}`,
    )
  }
  return text
}

function scalarText(
  column: string,
  value: unknown,
  type: CompiledColumnType | undefined,
): string {
  switch (typeof value) {
    case 'string':
      return value
    case 'bigint':
      return String(value)
    case 'boolean':
      return String(value)
    case 'number':
      if (!Number.isFinite(value)) {
        throw columnError(column, 'the value is a finite number')
      }
      return String(value)
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw columnError(column, 'the value is an invalid Date')
    }
    const iso = value.toISOString()
    // A DATE partition is the UTC calendar day; a TIMESTAMP is written
    // without a zone, in UTC, as the driver reads TIMESTAMP columns.
    return type?.family === 'date'
      ? iso.slice(0, 10)
      : iso.slice(0, 23).replace('T', ' ')
  }
  throw columnError(
    column,
    'a partition value is a string, number, bigint, boolean or Date',
  )
}

function columnError(column: string, rule: string): ExternalColumnError {
  return new ExternalColumnError({
    command: COMMAND,
    option: 'PARTITION',
    column,
    rule,
  })
}
