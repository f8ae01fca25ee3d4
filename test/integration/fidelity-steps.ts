import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { connect, errorOf, openEmulatorDatabase } from './local-test-helpers.js'

/** A result row as pg returns it. */
export type Row = Readonly<Record<string, unknown>>

/** One statement; with `rows`, the rows it must return; with `error`, how it must fail. */
export interface Step {
  readonly sql: string
  readonly rows?: readonly Row[]
  /** With `rows`, the result's type OIDs, one a column, as RowDescription carries them. */
  readonly types?: readonly number[]
  readonly error?: { readonly code: string; readonly message: string }
}

/**
 * A system view's columns in order, each as `name type` with the type as
 * PostgreSQL's format_type() spells it, to compare with a page's table.
 *
 * ```ts
 * expect(await viewColumns(client, 'stl_scan')).toEqual(['userid integer', ...])
 * ```
 */
export async function viewColumns(
  client: Pick<pg.Client, 'query'>,
  view: string,
): Promise<string[]> {
  const { rows } = await client.query<{ c: string }>(
    `select a.attname || ' ' || format_type(a.atttypid, a.atttypmod) as c
     from pg_attribute a where a.attrelid = $1::regclass and a.attnum > 0 order by a.attnum`,
    [`pg_catalog.${view}`],
  )
  return rows.map((r) => r.c)
}

/** A documented behaviour: the page it comes from and the statements that show it. */
export interface FidelityCase {
  readonly title: string
  readonly doc: string
  readonly steps: readonly Step[]
}

/** A statement that must succeed. */
export const run = (sql: string): Step => ({ sql })

/** A statement that must return exactly `expected`. */
export const rows = (sql: string, expected: readonly Row[]): Step => ({
  sql,
  rows: expected,
})

/** A statement that must return exactly `expected`, its columns of the type OIDs `types`. */
export const typed = (
  sql: string,
  expected: readonly Row[],
  types: readonly number[],
): Step => ({ sql, rows: expected, types })

/** A statement that must fail with SQLSTATE `code` and a message containing `message`. */
export const fails = (sql: string, code: string, message: string): Step => ({
  sql,
  error: { code, message },
})

/**
 * Runs a case's steps in order on `client`, `{db}` in statements and in
 * expected string values standing for `database`; each failure names the
 * statement and the page.
 *
 * ```ts
 * await runSteps(client, testCase, db.name)
 * ```
 */
export async function runSteps(
  client: pg.Client,
  testCase: FidelityCase,
  database: string,
): Promise<void> {
  const named = (expected: readonly Row[]): Row[] =>
    expected.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          typeof value === 'string'
            ? value.replaceAll('{db}', database)
            : value,
        ]),
      ),
    )
  for (const step of testCase.steps) {
    const sql = step.sql.replaceAll('{db}', database)
    const where = `${sql} (${testCase.doc})`
    if (step.error) {
      const error = await errorOf(client.query(sql))
      expect(error.code, where).toBe(step.error.code)
      expect(error.message, where).toContain(step.error.message)
      // Redshift's errors never show the emulator's own functions as context.
      expect(
        `${error.where ?? ''} ${error.internalQuery ?? ''}`,
        where,
      ).not.toMatch(/redshift_local/)
    } else {
      const result = await client.query(sql)
      if (step.rows) expect(result.rows, where).toEqual(named(step.rows))
      if (step.types)
        expect(
          result.fields.map((f) => f.dataTypeID),
          where,
        ).toEqual(step.types)
    }
  }
}

/**
 * One test per case, on an emulator database of the file's own (named from
 * `prefix`), each case on a connection of its own; `{db}` in a step stands
 * for that database's name. `more` adds tests of its own to the same
 * `describe`, given the database's URL once it is open.
 *
 * ```ts
 * describeFidelityCases('local emulator: Redshift DDL', 'local_fidelity_ddl', CASES)
 * ```
 */
export function describeFidelityCases(
  title: string,
  prefix: string,
  cases: readonly FidelityCase[],
  more?: (url: () => string) => void,
): void {
  describe(title, () => {
    let url: string
    let close: () => Promise<void>
    let database: string

    beforeAll(async () => {
      let db: { readonly name: string }
      ;({ url, close, db } = await openEmulatorDatabase(prefix))
      database = db.name
    })
    afterAll(() => close())

    it.each(cases.map((c) => [c.title, c] as const))(
      '%s',
      async (_title, testCase) => {
        const client = await connect(url)
        try {
          await runSteps(client, testCase, database)
        } finally {
          await client.end()
        }
      },
    )

    more?.(() => url)
  })
}
