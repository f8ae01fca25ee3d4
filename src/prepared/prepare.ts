import {
  isCompilable,
  type Compilable,
  type Kysely,
  type RawBuilder,
} from 'kysely'

import { PreparedQuery, type Params } from './prepared-query.js'
import { PreparedSql } from './prepared-sql.js'
import { validateStatementName } from './statement-name.js'

/**
 * Prepares raw SQL as a named server-side statement for a pool (see the
 * builder form below for how statements live on pooled connections). The
 * parameters are written `$1`, `$2`... in the text and
 * their values passed in order; the number of values is checked against
 * the highest `$n` before anything is sent. The row type and the values'
 * types are the type arguments (the first overload, so that `sql` takes its
 * row type from them).
 *
 * ```ts
 * const byId = prepare<{ qty: number }, [id: number]>(
 *   db, 'qty_by_id', sql`select qty from sales where id = $1`)
 * await byId.execute([1])
 * ```
 */
export function prepare<O, V extends readonly unknown[] = readonly unknown[]>(
  db: Kysely<any>,
  name: string,
  query: RawBuilder<O>,
): PreparedSql<O, V>

/**
 * Prepares a statement for a pool: a named server-side statement, parsed
 * lazily on whichever pooled connection runs it (once per connection: pg
 * remembers what it parsed on each client) and parsed again on a new
 * connection after a reconnect. Nothing is sent until the first execute.
 *
 * The name is a lower-case identifier of at most 63 characters, unique per
 * statement text: two prepared statements may share a name only when they
 * are the same SQL. Pass a transaction as `db` to run it inside one (the
 * statement is shared with the pool's other uses of that name and text).
 *
 * With a builder, the parameters are an object and the builder is called
 * with them on each execute; it must produce the same SQL every time.
 *
 * ```ts
 * const bySale = prepare(db, 'sales_by_id', (p: Params<{ id: number }>) =>
 *   db.selectFrom('sales').selectAll().where('id', '=', p.id))
 * const rows = await bySale.execute({ id: 1 }) // the query's row type
 * ```
 */
export function prepare<P extends object, O>(
  db: Kysely<any>,
  name: string,
  build: (params: Params<P>) => Compilable<O>,
): PreparedQuery<P, O>

export function prepare(
  db: Kysely<any>,
  name: string,
  query: ((params: never) => Compilable<unknown>) | RawBuilder<unknown>,
): PreparedQuery<object, unknown> | PreparedSql<unknown> {
  const checked = validateStatementName(name)
  if (typeof query === 'function') {
    return new PreparedQuery(
      db,
      checked,
      query as (params: Params<object>) => Compilable<unknown>,
    )
  }
  if (!isCompilable(query)) {
    throw new TypeError(
      'prepare() takes a function that builds a Kysely query, or raw SQL written with the sql tag',
    )
  }
  return new PreparedSql(db, checked, query)
}
