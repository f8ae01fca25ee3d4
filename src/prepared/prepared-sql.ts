import {
  sql,
  type CompiledQuery,
  type Kysely,
  type QueryResult,
  type RawBuilder,
} from 'kysely'

import { deallocatedError } from './client-statements.js'
import { runAsNamedStatement, StatementHandle } from './named-statement.js'
import {
  positionalParameters,
  type PositionalParameters,
} from './positional-parameters.js'
import { PreparedStatementError } from './prepared-statement-error.js'

/**
 * Raw SQL with positional parameters (`$1`, `$2`...) prepared once per pooled
 * connection as a named server-side statement (see {@link prepare}).
 * `execute` takes the values in order and checks their number against the
 * highest `$n` of the text before anything is sent.
 *
 * ```ts
 * const byId = prepare<{ id: number; qty: number }, [number]>(
 *   db, 'qty_by_id', sql`select id, qty from sales where id = $1`)
 * const rows = await byId.execute([1])
 * ```
 */
export class PreparedSql<O, V extends readonly unknown[] = readonly unknown[]> {
  readonly #db: Kysely<any>
  readonly #handle: StatementHandle
  readonly #parameters: PositionalParameters
  readonly #fragments: readonly RawBuilder<unknown>[]

  constructor(db: Kysely<any>, name: string, query: RawBuilder<O>) {
    this.#db = db
    this.#handle = new StatementHandle(name)
    const compiled = query.compile(db)
    if (compiled.parameters.length > 0) {
      throw new PreparedStatementError({
        statement: name,
        problem: 'interpolated-values',
        message: `the SQL interpolates ${compiled.parameters.length} value(s); write the parameters as $1, $2... and pass their values to execute() (interpolate only identifiers and raw SQL)`,
      })
    }
    this.#parameters = positionalParameters(compiled.sql)
    this.#fragments = this.#parameters.fragments.map((f) => sql.raw(f))
  }

  /** The statement's name on the server. */
  get name(): string {
    return this.#handle.name
  }

  /** How many values `execute` takes (the highest `$n` in the text). */
  get parameterCount(): number {
    return this.#parameters.count
  }

  /** True once {@link deallocate} was called. */
  get deallocated(): boolean {
    return this.#handle.deallocated
  }

  /**
   * Runs the statement with these values (in `$1`, `$2`... order) and
   * returns its rows.
   *
   * ```ts
   * const rows = await byId.execute([1])
   * ```
   */
  async execute(values: V): Promise<O[]> {
    return (await this.executeQuery(values)).rows
  }

  /**
   * Runs the statement and returns its first row, if any.
   *
   * ```ts
   * const row = await byId.executeTakeFirst([1])
   * ```
   */
  async executeTakeFirst(values: V): Promise<O | undefined> {
    return (await this.executeQuery(values)).rows[0]
  }

  /**
   * Runs the statement and returns Kysely's whole result, with
   * `numAffectedRows` for an INSERT, UPDATE or DELETE.
   *
   * ```ts
   * const { numAffectedRows } = await bump.executeQuery([5, 1])
   * ```
   */
  executeQuery(values: V): Promise<QueryResult<O>> {
    try {
      return this.#db.executeQuery(this.compile(values))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /**
   * The statement compiled with these values, marked to run as this named
   * statement. Each `$n` becomes a bind parameter of its own, numbered in
   * order of appearance, so the text is the same for every set of values.
   *
   * ```ts
   * byId.compile([1]).parameters // [1]
   * ```
   */
  compile(values: V): CompiledQuery<O> {
    const name = this.#handle.name
    if (this.#handle.deallocated) {
      throw deallocatedError(name)
    }
    const expected = this.#parameters.count
    const given = Array.isArray(values) ? values.length : undefined
    if (given !== expected) {
      throw new PreparedStatementError({
        statement: name,
        problem: 'parameter-count',
        message:
          given === undefined
            ? `execute() takes an array of ${expected} value(s)`
            : `the statement takes ${expected} parameter(s) ($1..$${expected}) but ${given} value(s) were given`,
        expected,
        ...(given === undefined ? {} : { given }),
      })
    }
    const parts: unknown[] = [this.#fragments[0]]
    this.#parameters.numbers.forEach((n, i) => {
      // sql.val: a value is always a bind parameter, never inlined SQL.
      parts.push(sql.val(values[n - 1]), this.#fragments[i + 1])
    })
    const compiled = sql
      .join<O>(parts, sql.raw(''))
      .compile(this.#db) as CompiledQuery<O>
    runAsNamedStatement(compiled, this.#handle)
    return compiled
  }

  /**
   * Forgets the statement: later executes throw
   * {@link PreparedStatementError} (`deallocated`), and each connection that
   * prepared it deallocates it on the server the next time it runs a
   * statement outside a transaction.
   *
   * ```ts
   * byId.deallocate()
   * ```
   */
  deallocate(): void {
    this.#handle.deallocate()
  }
}
