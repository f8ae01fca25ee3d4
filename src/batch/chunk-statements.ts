import { createHash } from 'node:crypto'

import type { CompiledQuery } from 'kysely'

import {
  runAsNamedStatement,
  StatementHandle,
} from '../prepared/named-statement.js'

/**
 * The named server-side statements of one batch insert, one per distinct
 * INSERT text. Chunks of the same shape (columns and row count) compile to
 * the same SQL, so the server parses and analyses a 32k-parameter INSERT
 * once and then only binds and executes it: on PostgreSQL that halves the
 * time per chunk. The name is derived from the text, so two batch inserts
 * that share a connection never give one name two texts. When the batch
 * insert ends, {@link release} deallocates them (each connection drops them
 * the next time it runs a statement outside a transaction).
 *
 * ```ts
 * const statements = new ChunkStatements()
 * const compiled = statements.named(db.insertInto('sales').values(rows).compile())
 * await db.executeQuery(compiled)
 * statements.release()
 * ```
 */
export class ChunkStatements {
  readonly #byText = new Map<string, StatementHandle>()

  /** Marks `compiled` to run as the named statement of its text. */
  named<C extends CompiledQuery>(compiled: C): C {
    let handle = this.#byText.get(compiled.sql)
    if (handle === undefined) {
      handle = new StatementHandle(statementName(compiled.sql))
      this.#byText.set(compiled.sql, handle)
    }
    runAsNamedStatement(compiled, handle)
    return compiled
  }

  /** Deallocates every statement of the batch insert. */
  release(): void {
    for (const handle of this.#byText.values()) handle.deallocate()
    this.#byText.clear()
  }
}

/** `batch_insert_` and 32 hex digits of the text's SHA-1: a lower-case name of 44 characters. */
function statementName(sql: string): string {
  return `batch_insert_${createHash('sha1').update(sql).digest('hex').slice(0, 32)}`
}
