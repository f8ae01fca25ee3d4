import type pg from 'pg'
import { afterAll, beforeAll, expect } from 'vitest'

import { connect, errorOf, openEmulatorDatabase } from './local-test-helpers.js'

/** The Developer Guide's address; a case names its page after it. */
export const DG = 'https://docs.aws.amazon.com/redshift/latest/dg/'

// Result type OIDs as RowDescription carries them.
export const BOOL = 16
export const INT8 = 20
export const INT4 = 23
export const FLOAT8 = 701
export const BPCHAR = 1042
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

/** A statement Redshift refuses: its SQLSTATE, words of its message, the page. */
export interface Refusal {
  readonly sql: string
  readonly code: string
  readonly message: string
  readonly doc: string
}

/**
 * A refusal named after its page of the Developer Guide.
 *
 * ```ts
 * refused('select 1 ~* 1', '42883', 'operator does not exist', 'pattern-matching-conditions-posix.html')
 * ```
 */
export const refused = (
  sql: string,
  code: string,
  message: string,
  page: string,
): Refusal => ({ sql, code, message, doc: `${DG}${page}` })

/**
 * Runs `refusal.sql` on `client` and checks that it fails with the SQLSTATE
 * and a message containing the words.
 *
 * ```ts
 * it.each(REFUSALS)('refuses $sql ($doc)', (r) => expectRefusal(client(), r))
 * ```
 */
export async function expectRefusal(
  client: pg.Client,
  { sql, code, message }: Refusal,
): Promise<void> {
  const error = await errorOf(client.query(sql))
  expect({ code: error.code, message: error.message }).toEqual({
    code,
    message: expect.stringContaining(message) as string,
  })
}

/**
 * One emulator database for the calling file, made from `setup`, with a
 * client that reads every value as the server's text; call inside
 * `describe`. The returned function gives the client once `beforeAll` ran.
 *
 * ```ts
 * const client = useTextDatabase('local_fid_window', SETUP)
 * it.each(ANSWERS)('$sql ($doc)', (answer) => expectAnswer(client(), answer))
 * ```
 */
export function useTextDatabase(
  name: string,
  setup: readonly string[],
): () => pg.Client {
  let client: pg.Client | undefined
  let close: (() => Promise<void>) | undefined
  beforeAll(async () => {
    const opened = await openEmulatorDatabase(name, setup)
    close = opened.close
    client = await connectAsText(opened.url)
  })
  afterAll(async () => {
    await client?.end()
    await close?.()
  })
  return () => {
    if (client === undefined) throw new Error(`${name} is not open yet`)
    return client
  }
}
