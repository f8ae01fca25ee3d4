import type { Dialect } from 'kysely'

import type { RedshiftClient } from '../client.js'
import type { MockRule, MockRuleBuilder, MockRuleOptions } from './mock-rule.js'
import type { QueryMatcher } from './query-matcher.js'
import type { RecordedQuery } from './recorded-query.js'

/**
 * An in-process stand-in for a Redshift client, for unit tests of code that
 * takes a `RedshiftClient<DB>` or a `Kysely<DB>`. Made by
 * {@link createMockRedshift}.
 *
 * @example
 * ```ts
 * const mock = createMockRedshift<DB>()
 * mock.on(/from "sales"/).returns([{ id: 1, amount: '9.99' }])
 *
 * const sales = await listSales(mock.db)
 *
 * expect(sales).toHaveLength(1)
 * expect(mock.lastQuery()?.sql).toBe('select "id", "amount" from "sales"')
 * ```
 */
export interface MockRedshift<DB> {
  /**
   * The client to hand to the code under test: a `RedshiftClient<DB>` like
   * `createRedshift`'s, so the same signature takes both. `config` is the
   * parsed `config` option; `close()` ends it as the real client's does,
   * after which its queries fail. `withQuerySettings(mock.db, ...)` and
   * Kysely's `withPlugin`/`withSchema` views keep `config` and `close()`.
   * `db.retryingTransaction()` and `db.begin()` work as on the real client:
   * an injected serialization failure (`redshiftError.serializationFailure()`)
   * makes the retrying transaction run its callback again.
   *
   * @example
   * ```ts
   * async function importSales(db: RedshiftClient<DB>) {
   *   await db.insertInto('sales').values(rows).execute()
   *   await db.close()
   * }
   * await importSales(mock.db)
   *
   * mock.on(/^update "accounts"/, { times: 1 }).fails(redshiftError.serializationFailure())
   * await mock.db.retryingTransaction().execute((trx) => transfer(trx, 1, 2, 10)) // runs twice
   * ```
   */
  readonly db: RedshiftClient<DB>

  /** The dialect behind `db`, to build another Kysely (other plugins, say). */
  readonly dialect: Dialect

  /**
   * Every statement the connections received, in order, including the
   * BEGIN / COMMIT / ROLLBACK of transactions. A frozen snapshot taken when
   * read.
   */
  readonly queries: readonly RecordedQuery[]

  /** The registered rules, in the order they are tried. */
  readonly rules: readonly MockRule[]

  /**
   * Starts a rule for the queries `matcher` selects; finish it with
   * `.returns(...)` or `.fails(...)`. Rules are tried in the order they were
   * added and the first one that matches and has uses left answers, so add
   * one-shot or narrow rules before broad ones.
   *
   * @example
   * ```ts
   * mock.on('commit', { times: 1 }).fails(redshiftError.serializationFailure())
   * mock.on(/from "sales"/).returns([{ id: 1 }])
   * mock.on(/^delete/).returns({ numAffectedRows: 2 })
   * ```
   */
  on(matcher: QueryMatcher, options?: MockRuleOptions): MockRuleBuilder

  /**
   * The most recent statement, or `undefined` if none ran.
   *
   * @example
   * ```ts
   * await db.deleteFrom('sales').where('id', '=', 1).execute()
   * expect(mock.lastQuery()?.parameters).toEqual([1])
   * ```
   */
  lastQuery(): RecordedQuery | undefined

  /**
   * The recorded statements `matcher` selects, in order.
   *
   * @example
   * ```ts
   * expect(mock.queriesMatching(/^insert into "sales"/)).toHaveLength(3)
   * expect(mock.queriesMatching((q) => q.transactionId === 1)).toHaveLength(4)
   * ```
   */
  queriesMatching(matcher: QueryMatcher): readonly RecordedQuery[]

  /**
   * Empties the query log and keeps the rules.
   *
   * @example
   * ```ts
   * beforeEach(() => mock.clearQueries())
   * ```
   */
  clearQueries(): void

  /**
   * Empties the query log, removes every rule and restarts transaction
   * numbering at 1.
   *
   * @example
   * ```ts
   * afterEach(() => mock.reset())
   * ```
   */
  reset(): void
}
