import { createHash } from 'node:crypto'

import type { ParquetShape } from '../formats/read-parquet.js'
import { JsonNumber, type JsonValue } from '../load/json-value.js'
import { quoteIdentifier } from '../sql/quote.js'
import { ExternalReadLimit } from './external-read-limit.js'
import { externalValue } from './external-value.js'

/**
 * A nested column type of an external table, read from the text the
 * catalog keeps (`struct<given:varchar(20),family:varchar(20)>`, see
 * `sql/spectrum/nested-column-type.ts`). A map is the array of
 * `struct<key, value>` it reads as (tutorial-query-nested-data-sqlextensions.html).
 */
export type NestedType =
  | { readonly kind: 'scalar'; readonly pg: string }
  | {
      readonly kind: 'struct'
      readonly text: string
      readonly fields: readonly (readonly [string, NestedType])[]
    }
  | {
      readonly kind: 'array'
      readonly element: NestedType
      /** Read from a map: its elements are `struct<key, value>`. */
      readonly map: boolean
    }

/** Hive's scalar names (as the catalog keeps them) to PostgreSQL's. */
const SCALARS: Readonly<Record<string, string>> = {
  smallint: 'smallint',
  int: 'integer',
  bigint: 'bigint',
  float: 'real',
  double: 'double precision',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp without time zone',
  // STRING is Hive's VARCHAR without a length: Redshift's largest.
  string: 'character varying(65535)',
}

/**
 * Whether an external type text is nested.
 *
 * @example
 * ```ts
 * isNestedType('array<int>') // true
 * ```
 */
export function isNestedType(externalType: string): boolean {
  return /^(struct|array|map)</.test(externalType)
}

/**
 * Reads the catalog's text of a nested type.
 *
 * @example
 * ```ts
 * parseNestedType('array<struct<shipdate:timestamp,price:double>>')
 * ```
 */
export function parseNestedType(text: string): NestedType {
  let at = 0
  const word = (): string => {
    const match = /^[a-z_][a-z0-9_$]*/.exec(text.slice(at))
    if (match === null) return ''
    at += match[0].length
    return match[0]
  }
  const expect = (char: string) => {
    if (text[at] !== char) throw new Error(`bad nested type ${text}`)
    at++
  }
  const type = (): NestedType => {
    const start = at
    const name = word()
    if (name === 'struct') {
      expect('<')
      const fields: [string, NestedType][] = []
      do {
        const colon = text.indexOf(':', at)
        const field = text.slice(at, colon)
        at = colon + 1
        fields.push([field, type()])
      } while (text[at] === ',' && ++at)
      expect('>')
      return { kind: 'struct', text: text.slice(start, at), fields }
    }
    if (name === 'array') {
      expect('<')
      const element = type()
      expect('>')
      return { kind: 'array', element, map: false }
    }
    if (name === 'map') {
      expect('<')
      const key = type()
      expect(',')
      const value = type()
      expect('>')
      const fields: [string, NestedType][] = [
        ['key', key],
        ['value', value],
      ]
      // Named after the map itself: only its hash names the composite.
      const entry = `entry:${text.slice(start, at)}`
      return {
        kind: 'array',
        element: { kind: 'struct', text: entry, fields },
        map: true,
      }
    }
    const sized = /^\(\d+(,\d+)?\)/.exec(text.slice(at))
    if (sized !== null) at += sized[0].length
    const args = sized?.[0] ?? ''
    if (name === 'varchar')
      return { kind: 'scalar', pg: `character varying${args}` }
    if (name === 'char') return { kind: 'scalar', pg: `character${args}` }
    if (name === 'decimal') return { kind: 'scalar', pg: `numeric${args}` }
    const pg = SCALARS[name]
    if (pg === undefined) throw new Error(`bad nested type ${text}`)
    return { kind: 'scalar', pg }
  }
  const out = type()
  if (at !== text.length) throw new Error(`bad nested type ${text}`)
  return out
}

/**
 * The PostgreSQL type that holds a nested type in the session's table of an
 * external table: a struct is a composite type of the session's own
 * (`pg_temp."spectrum$struct$<hash>"`, one per struct shape, made once by
 * the statements `creates` collects, inner ones first), an array is an array
 * of its element's type, a map an array of `(key, value)` composites.
 *
 * @example
 * ```ts
 * const creates = new Map<string, string>()
 * nestedPgType(parseNestedType('array<int>'), creates) // 'integer[]'
 * ```
 */
export function nestedPgType(
  type: NestedType,
  creates: Map<string, string>,
): string {
  if (type.kind === 'scalar') return type.pg
  if (type.kind === 'array') {
    if (type.element.kind === 'array')
      throw new ExternalReadLimit('an array of arrays or maps')
    return `${nestedPgType(type.element, creates)}[]`
  }
  const name = `spectrum$struct$${createHash('sha256').update(type.text).digest('hex').slice(0, 32)}`
  const fields = type.fields.map(
    ([field, t]) => `${quoteIdentifier(field)} ${nestedPgType(t, creates)}`,
  )
  creates.set(
    name,
    `CREATE TYPE pg_temp.${quoteIdentifier(name)} AS (${fields.join(', ')})`,
  )
  return `pg_temp.${quoteIdentifier(name)}`
}

/** The lower-cased keys of an object, to find fields without regard to case. */
function byLowerName(value: object): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [k, v] of Object.entries(value)) out.set(k.toLowerCase(), v)
  return out
}

/** A value inside PostgreSQL's array or composite text, always quoted. */
function quoted(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`
}

/** Reads one nested value's scalars; null for NULL. */
type ScalarReader = (
  type: Extract<NestedType, { kind: 'scalar' }>,
  value: unknown,
  path: string,
) => string | null

/**
 * A nested value (as a file reader gives it: arrays, plain objects for
 * structs and maps, scalars) as PostgreSQL's input text for its
 * {@link nestedPgType}; null for NULL. A struct field the value lacks is
 * NULL; a value of another shape throws {@link ExternalReadLimit}.
 */
function nestedText(
  type: NestedType,
  value: unknown,
  path: string,
  scalar: ScalarReader,
  where: () => string,
): string | null {
  if (value === null || value === undefined) return null
  if (type.kind === 'scalar') return scalar(type, value, path)
  const refuse = (): never => {
    throw new ExternalReadLimit(
      `a value of another shape than ${type.kind === 'array' ? (type.map ? 'a map' : 'an array') : 'a struct'} for "${path}"`,
      where(),
    )
  }
  if (type.kind === 'struct') {
    if (typeof value !== 'object' || Array.isArray(value)) refuse()
    const fields = byLowerName(value as object)
    const parts = type.fields.map(([name, t]) => {
      const text = nestedText(
        t,
        fields.get(name),
        `${path}.${name}`,
        scalar,
        where,
      )
      return text === null ? '' : quoted(text)
    })
    return `(${parts.join(',')})`
  }
  let elements: unknown[]
  if (type.map) {
    if (typeof value !== 'object' || Array.isArray(value)) refuse()
    elements = Object.entries(value as object).map(([key, v]) => ({
      key,
      value: v,
    }))
  } else {
    if (!Array.isArray(value)) refuse()
    elements = value as unknown[]
  }
  const parts = elements.map((e) => {
    const text = nestedText(type.element, e, path, scalar, where)
    return text === null ? 'NULL' : quoted(text)
  })
  return `{${parts.join(',')}}`
}

/**
 * A Parquet value of a nested column as PostgreSQL's input text; null for NULL.
 *
 * @example
 * ```ts
 * nestedParquetText(parseNestedType('array<int>'), [1, 2], 'phones', where) // '{"1","2"}'
 * ```
 */
export function nestedParquetText(
  type: NestedType,
  value: unknown,
  column: string,
  where: () => string,
): string | null {
  return nestedText(
    type,
    value,
    column,
    (t, v, path) => {
      const leaf = { name: path, type: t.pg }
      if (typeof v === 'boolean' && t.pg === 'boolean') return String(v)
      if (typeof v === 'bigint') return externalValue(leaf, v.toString(), where)
      if (typeof v === 'number')
        return externalValue(
          leaf,
          Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v),
          where,
        )
      if (typeof v === 'string') return externalValue(leaf, v, where)
      throw new ExternalReadLimit(
        `a Parquet value for "${path}" (${t.pg})`,
        where(),
      )
    },
    where,
  )
}

/**
 * A JSON value of a nested column as PostgreSQL's input text; null for
 * NULL. A struct's keys name its fields without regard to case; a map's
 * keys are strings (tutorial-query-nested-data-sqlextensions.html).
 *
 * @example
 * ```ts
 * nestedJsonText(parseNestedType('array<varchar(20)>'), ['a'], 'phones', where) // '{"a"}'
 * ```
 */
export function nestedJsonText(
  type: NestedType,
  value: JsonValue,
  column: string,
  where: () => string,
): string | null {
  return nestedText(
    type,
    value,
    column,
    (t, v, path) => {
      const leaf = { name: path, type: t.pg }
      const character = /^character/.test(t.pg)
      if (v instanceof JsonNumber && !character && t.pg !== 'boolean')
        return externalValue(leaf, v.text, where)
      if (typeof v === 'boolean' && t.pg === 'boolean') return String(v)
      if (
        typeof v === 'string' &&
        (character || t.pg === 'date' || t.pg === 'timestamp without time zone')
      )
        return externalValue(leaf, v, where)
      throw new ExternalReadLimit(
        `the JSON value ${JSON.stringify(v instanceof JsonNumber ? v.text : v)} for "${path}" (${t.pg})`,
        where(),
      )
    },
    where,
  )
}

/**
 * Whether a Parquet column's shape reads into a nested type: structs by
 * field name (without regard to case; a field the file lacks does not fit),
 * lists as arrays, maps as maps, scalars as `fits` says.
 *
 * @example
 * ```ts
 * parquetShapeFits({ kind: 'list', element: { kind: 'leaf', type: 'INT32' } }, parseNestedType('array<int>'), fits)
 * ```
 */
export function parquetShapeFits(
  shape: ParquetShape,
  type: NestedType,
  fits: (fileType: string, pgType: string) => boolean,
): boolean {
  if (type.kind === 'scalar')
    return shape.kind === 'leaf' && fits(shape.type, type.pg)
  if (type.kind === 'array' && type.map) {
    if (shape.kind !== 'map' || type.element.kind !== 'struct') return false
    const [key, value] = type.element.fields
    return (
      parquetShapeFits(shape.key, key![1], fits) &&
      parquetShapeFits(shape.value, value![1], fits)
    )
  }
  if (type.kind === 'array')
    return (
      shape.kind === 'list' &&
      parquetShapeFits(shape.element, type.element, fits)
    )
  if (shape.kind !== 'struct') return false
  const fields = new Map(shape.fields.map(([n, s]) => [n.toLowerCase(), s]))
  return type.fields.every(([name, t]) => {
    const s = fields.get(name.toLowerCase())
    return s !== undefined && parquetShapeFits(s, t, fits)
  })
}
