import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely'

import { deallocatedError } from './client-statements.js'
import { runAsNamedStatement, StatementHandle } from './named-statement.js'
import { PreparedStatementError } from './prepared-statement-error.js'

/**
 * The parameters a prepared query's builder is called with: the values given
 * to `execute`, read-only. Reading one that `execute` was not given throws
 * {@link PreparedStatementError} (`missing-parameter`).
 *
 * ```ts
 * prepare(db, 'sales_by_id', (p: Params<{ id: number }>) =>
 *   db.selectFrom('sales').selectAll().where('id', '=', p.id))
 * ```
 */
export type Params<P extends object> = Readonly<P>

/**
 * A Kysely query prepared once per pooled connection as a named server-side
 * statement (see {@link prepare}). Each execute builds the query with its
 * parameters and checks that the SQL is the prepared one, then runs it
 * through the Kysely instance like any query (plugins, query settings, the
 * log and telemetry see it as usual); only the wire differs: Bind and
 * Execute of the statement, parsed on that connection the first time.
 *
 * ```ts
 * const bySale = prepare(db, 'sales_by_id', (p: Params<{ id: number }>) =>
 *   db.selectFrom('sales').selectAll().where('id', '=', p.id))
 * const rows = await bySale.execute({ id: 1 })
 * bySale.deallocate()
 * ```
 */
export class PreparedQuery<P extends object, O> {
  readonly #db: Kysely<any>
  readonly #build: (params: Params<P>) => Compilable<O>
  readonly #handle: StatementHandle
  #text: string | undefined

  constructor(
    db: Kysely<any>,
    name: string,
    build: (params: Params<P>) => Compilable<O>,
  ) {
    this.#db = db
    this.#build = build
    this.#handle = new StatementHandle(name)
  }

  /** The statement's name on the server. */
  get name(): string {
    return this.#handle.name
  }

  /** True once {@link deallocate} was called. */
  get deallocated(): boolean {
    return this.#handle.deallocated
  }

  /**
   * Runs the statement with these parameters and returns its rows.
   *
   * ```ts
   * const [sale] = await bySale.execute({ id: 1 })
   * ```
   */
  async execute(params: P): Promise<O[]> {
    return (await this.executeQuery(params)).rows
  }

  /**
   * Runs the statement and returns its first row, if any.
   *
   * ```ts
   * const sale = await bySale.executeTakeFirst({ id: 1 })
   * ```
   */
  async executeTakeFirst(params: P): Promise<O | undefined> {
    return (await this.executeQuery(params)).rows[0]
  }

  /**
   * Runs the statement and returns Kysely's whole result, with
   * `numAffectedRows` for an INSERT, UPDATE or DELETE.
   *
   * ```ts
   * const { numAffectedRows } = await setQty.executeQuery({ id: 1, qty: 5 })
   * ```
   */
  executeQuery(params: P): Promise<QueryResult<O>> {
    try {
      return this.#db.executeQuery(this.compile(params))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /**
   * The query compiled with these parameters, marked to run as this named
   * statement: `db.executeQuery(compiled)` runs it.
   *
   * ```ts
   * const compiled = bySale.compile({ id: 1 })
   * compiled.sql // 'select * from "sales" where "id" = $1'
   * ```
   */
  compile(params: P): CompiledQuery<O> {
    const name = this.#handle.name
    if (this.#handle.deallocated) {
      throw deallocatedError(name)
    }
    const compiled = this.#build(guarded(name, params)).compile()
    if (this.#text === undefined) {
      this.#text = compiled.sql
    } else if (compiled.sql !== this.#text) {
      throw new PreparedStatementError({
        statement: name,
        problem: 'text-changed',
        message:
          'the builder produced other SQL for these parameters than the first time; a prepared statement must be the same SQL for every set of parameters (an IN list of varying length, an optional condition or an expression as a parameter changes it)',
      })
    }
    runAsNamedStatement(compiled, this.#handle)
    return compiled
  }

  /**
   * Forgets the statement: later executes throw
   * {@link PreparedStatementError} (`deallocated`), and each connection that
   * prepared it deallocates it on the server the next time it runs a
   * statement outside a transaction (so nothing is sent now).
   *
   * ```ts
   * bySale.deallocate()
   * await bySale.execute({ id: 1 }) // throws PreparedStatementError
   * ```
   */
  deallocate(): void {
    this.#handle.deallocate()
  }
}

/** The parameters, refusing to read one that was not given. */
function guarded<P extends object>(name: string, params: P): P {
  if (typeof params !== 'object' || params === null) {
    throw new PreparedStatementError({
      statement: name,
      problem: 'missing-parameter',
      message: `execute() takes an object of parameters, got ${params === null ? 'null' : typeof params}`,
    })
  }
  return new Proxy(params, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target)) {
        throw new PreparedStatementError({
          statement: name,
          problem: 'missing-parameter',
          message: `the parameter ${JSON.stringify(key)} was not given to execute()`,
          parameter: key,
        })
      }
      return Reflect.get(target, key, receiver)
    },
  })
}
