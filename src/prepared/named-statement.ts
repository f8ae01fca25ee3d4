import type { CompiledQuery } from 'kysely'

/**
 * The identity of one prepared statement: its server-side name and whether
 * it was deallocated. Shared by every compilation of the statement, so a
 * connection that prepared it can tell, later, that it is gone.
 *
 * ```ts
 * const handle = new StatementHandle('sales_by_id')
 * handle.deallocate()
 * handle.deallocated // true
 * ```
 */
export class StatementHandle {
  /** The name the server knows the statement by. */
  readonly name: string
  #deallocated = false

  constructor(name: string) {
    this.name = name
  }

  /** True once {@link deallocate} was called. */
  get deallocated(): boolean {
    return this.#deallocated
  }

  /**
   * Marks the statement gone. Connections that prepared it deallocate it on
   * the server the next time they run a statement outside a transaction.
   */
  deallocate(): void {
    if (this.#deallocated) return
    this.#deallocated = true
    deallocations++
  }
}

// Bumped by every deallocation: a connection whose last sweep saw the same
// number has nothing to drop, which keeps the check on the hot path to one
// comparison.
let deallocations = 0

/**
 * How many statements were deallocated in this process so far.
 * @internal
 */
export function deallocationCount(): number {
  return deallocations
}

// The compiled queries that run as a named statement. A WeakMap, as for the
// query settings: a compiled query that is never run leaks nothing.
const handles = new WeakMap<CompiledQuery, StatementHandle>()

/**
 * Marks a compiled query to run as the named server-side statement of
 * `handle`: the driver sends `{ name, text, values }`, which pg parses once
 * per connection and then only binds and executes.
 *
 * ```ts
 * const compiled = query.compile()
 * runAsNamedStatement(compiled, handle)
 * await db.executeQuery(compiled)
 * ```
 */
export function runAsNamedStatement(
  compiled: CompiledQuery,
  handle: StatementHandle,
): void {
  handles.set(compiled, handle)
}

/**
 * The named statement a compiled query runs as, or `undefined` for an
 * ordinary query. Read by the driver before it runs the query.
 *
 * ```ts
 * const handle = namedStatementOf(compiledQuery)
 * ```
 */
export function namedStatementOf(
  compiled: CompiledQuery,
): StatementHandle | undefined {
  return handles.get(compiled)
}
