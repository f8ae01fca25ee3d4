import type pg from 'pg'
import { expect } from 'vitest'

import { connect } from './local-test-helpers.js'

/** The Developer Guide's address; a case names its page after it. */
export const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'

// Result type OIDs as RowDescription carries them.
export const BOOL = 16
export const INT8 = 20
export const INT4 = 23
export const FLOAT8 = 701
export const VARCHAR = 1043
export const DATE = 1082
export const TIME = 1083
export const TIMESTAMP = 1114
export const TIMESTAMPTZ = 1184
export const TIMETZ = 1266
export const NUMERIC = 1700
export const SUPER = 4000

/** A query and what Redshift answers: values as the server's text, one array per row. */
export interface Answer {
  readonly sql: string
  readonly rows: readonly (readonly (string | null)[])[]
  /** Type OID of each column; omitted where only the value is documented. */
  readonly types?: readonly number[]
  readonly doc: string
}

/**
 * An answer of one row: `values` as the server's text, the result type OIDs
 * where the page documents them (null where it does not), and the page.
 *
 * ```ts
 * row("select len('abc')", ['3'], [INT4], 'r_LEN.html')
 * ```
 */
export const row = (
  sql: string,
  values: readonly (string | null)[],
  types: readonly number[] | null,
  page: string,
): Answer => rows(sql, [values], types, page)

/**
 * An answer of several rows, as `row`.
 *
 * ```ts
 * rows('select 1 union all select 2', [['1'], ['2']], [INT4], 'r_UNION.html')
 * ```
 */
export const rows = (
  sql: string,
  values: readonly (readonly (string | null)[])[],
  types: readonly number[] | null,
  page: string,
): Answer => ({
  sql,
  rows: values,
  ...(types === null ? {} : { types }),
  doc: `${DG}${page}`,
})

/**
 * A client that reads every value as the server's text, so that
 * `2008-04-30 00:00:00` is compared as printed, not as a Date in the test's
 * time zone.
 *
 * ```ts
 * const client = await connectAsText(url)
 * ```
 */
export function connectAsText(url: string): Promise<pg.Client> {
  return connect(url, {
    types: { getTypeParser: () => (value: string) => value },
  })
}

/**
 * Runs `answer.sql` on `client` and checks its rows and, where documented,
 * its result types.
 *
 * ```ts
 * it.each(ANSWERS)('$sql ($doc)', (answer) => expectAnswer(client, answer))
 * ```
 */
export async function expectAnswer(
  client: pg.Client,
  { sql, rows, types }: Answer,
): Promise<void> {
  const result = await client.query({ text: sql, rowMode: 'array' })
  expect(result.rows).toEqual(rows)
  if (types !== undefined) {
    expect(result.fields.map((f) => f.dataTypeID)).toEqual(types)
  }
}
