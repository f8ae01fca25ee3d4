import type pg from 'pg'
import { expect } from 'vitest'

/** The Developer Guide, and the pages of its numeric rules. */
export const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'
export const COMPUTATIONS = `${DG}r_numeric_computations201.html`
export const CONVERSION = `${DG}r_Type_conversion.html`

/** PostgreSQL's type OID of NUMERIC. */
export const NUMERIC = 1700

/** The type modifier PostgreSQL's protocol gives NUMERIC(p,s). */
export function typmod(precision: number, scale: number): number {
  return ((precision << 16) | scale) + 4
}

/** A query, the values Redshift answers and the type it describes. */
export interface TypedCase {
  readonly sql: string
  readonly params?: readonly unknown[]
  /** The one column's values, in order. */
  readonly values: readonly unknown[]
  /** DECIMAL(p,s), or another type's OID with no modifier. */
  readonly type: readonly [number, number] | number
  readonly name?: string
  readonly doc: string
}

/** A CREATE TABLE AS (or SELECT INTO) and the column types it creates. */
export interface CreatedCase {
  readonly sql: string
  readonly table: string
  /** PG_TABLE_DEF's type of each column, in order. */
  readonly types: readonly string[]
  readonly doc: string
}

/**
 * Runs a {@link TypedCase} and checks its values and RowDescription.
 *
 * @example
 * ```ts
 * it.each(TYPED)('$sql ($doc)', (c) => expectTyped(client, c))
 * ```
 */
export async function expectTyped(
  client: pg.Client,
  { sql, params, values, type, name }: TypedCase,
): Promise<void> {
  const result = await client.query(sql, params ? [...params] : undefined)
  expect(result.rows.map((row) => Object.values(row)[0])).toEqual(values)
  const field = result.fields[0]!
  if (typeof type === 'number') {
    expect(field.dataTypeID).toBe(type)
  } else {
    expect([field.dataTypeID, field.dataTypeModifier]).toEqual([
      NUMERIC,
      typmod(type[0], type[1]),
    ])
  }
  if (name !== undefined) expect(field.name).toBe(name)
}

/**
 * Runs a {@link CreatedCase} and checks PG_TABLE_DEF's column types, in
 * column order.
 *
 * @example
 * ```ts
 * it.each(CREATED)('$sql ($doc)', (c) => expectCreated(client, c))
 * ```
 */
export async function expectCreated(
  client: pg.Client,
  { sql, table, types }: CreatedCase,
): Promise<void> {
  await client.query(sql)
  const { rows } = await client.query(
    `select d.type from pg_table_def d
     join information_schema.columns c on c.table_name = d.tablename and c.column_name = d."column"
     where d.tablename = $1 order by c.ordinal_position`,
    [table],
  )
  expect(rows.map((r: { type: string }) => r.type)).toEqual(types)
}
