import type { CompiledQuery } from 'kysely'

import type { SessionSettings } from '../pool/index.js'

import type { MockRule } from './mock-rule.js'

/**
 * The transaction-control statement a query stands for, when the driver
 * sent it to begin, commit or roll back a transaction.
 */
export type TransactionControl = 'begin' | 'commit' | 'rollback'

/**
 * A query as the mock sees it when it runs: what rules and predicates match
 * against.
 *
 * @example
 * ```ts
 * mock.on((query: MockQuery) => query.transactionId !== undefined).returns([])
 * ```
 */
export interface MockQuery {
  /** The SQL text exactly as the compiler produced it. */
  readonly sql: string
  /** The bind parameters, in `$1`, `$2`, ... order. */
  readonly parameters: readonly unknown[]
  /** The compiled query, including its operation node tree. */
  readonly compiledQuery: CompiledQuery
  /** When the query reached the connection. */
  readonly timestamp: Date
  /**
   * The transaction the query ran in, numbered from 1 in the order
   * transactions began; `undefined` outside a transaction.
   */
  readonly transactionId: number | undefined
  /** Whether the query ran inside a transaction. */
  readonly inTransaction: boolean
  /** Set when the driver sent this statement to begin, commit or roll back. */
  readonly transactionControl: TransactionControl | undefined
  /** Whether the query was run with `.stream()` rather than `.execute()`. */
  readonly streamed: boolean
  /**
   * The session the query ran with (query group, statement timeout, search
   * path): the mock's `session` option overridden by a
   * `QuerySettingsPlugin` on the instance that ran it, as the real driver
   * would set it.
   */
  readonly session: Readonly<SessionSettings>
}

/**
 * One entry of the mock's query log.
 *
 * @example
 * ```ts
 * await db.selectFrom('sales').selectAll().execute()
 * const query: RecordedQuery | undefined = mock.lastQuery()
 * query?.sql // 'select * from "sales"'
 * ```
 */
export interface RecordedQuery extends MockQuery {
  /**
   * The rule that answered, or `undefined` when none matched (default
   * result) or the session answered by itself (25P02 after a failure).
   */
  readonly rule: MockRule | undefined
  /** The error the query failed with (as the caller saw it), if it failed. */
  readonly error: unknown
  /** Whether the query failed. */
  readonly failed: boolean
}
