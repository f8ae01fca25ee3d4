import { Kysely, type KyselyPlugin } from 'kysely'

import type { SessionSettings } from '../pool/index.js'

import type { CannedResponse } from './canned-result.js'
import { MockBackend } from './mock-backend.js'
import type { MockRedshift } from './mock-redshift.js'
import { MockRedshiftDialect } from './mock-redshift-dialect.js'
import type { DatabaseIsolation } from './mock-redshift-driver.js'
import {
  assertValidRuleOptions,
  type MockRuleBuilder,
  type MockRuleOptions,
} from './mock-rule.js'
import { matchesQuery, type QueryMatcher } from './query-matcher.js'

/**
 * Options of {@link createMockRedshift}.
 *
 * @example
 * ```ts
 * createMockRedshift<DB>({ strict: true, plugins: [new CamelCasePlugin()] })
 * ```
 */
export interface MockRedshiftOptions {
  /**
   * Fail queries that no rule matches with an {@link UnmatchedQueryError}
   * listing the SQL, instead of answering them with no rows. Transaction
   * control (BEGIN, COMMIT, ROLLBACK) is always answered. Default `false`.
   */
  readonly strict?: boolean
  /**
   * The isolation the database runs: `serializable` (provisioned clusters'
   * default) or `snapshot` (Serverless' default). As with the real driver,
   * `setIsolationLevel('snapshot')` is refused unless it is `snapshot`.
   * Default `serializable`.
   */
  readonly databaseIsolation?: DatabaseIsolation
  /**
   * The session every query runs with unless a `QuerySettingsPlugin` says
   * otherwise, like the `session` part of the real config. Recorded on each
   * query as `session`.
   */
  readonly session?: Readonly<SessionSettings>
  /** Plugins for `db`, as the application configures its real instance. */
  readonly plugins?: readonly KyselyPlugin[]
}

/**
 * Creates an in-process mock of a Redshift client: a `Kysely<DB>` that
 * compiles queries with the SDK's Redshift compiler (so it refuses what
 * Redshift refuses), records every statement, and answers from canned
 * results and injected errors instead of a server.
 *
 * @example
 * ```ts
 * import { createMockRedshift, redshiftError } from 'kysely-redshift/testing'
 *
 * const mock = createMockRedshift<DB>()
 * mock.on(/from "sales"/).returns([{ id: 1, amount: '9.99' }])
 * mock.on(/^insert into "sales"/, { times: 1 }).fails(redshiftError.serializationFailure())
 *
 * await importSales(mock.db)
 *
 * expect(mock.queriesMatching(/^insert into "sales"/)).toHaveLength(2)
 * ```
 */
export function createMockRedshift<DB>(
  options: MockRedshiftOptions = {},
): MockRedshift<DB> {
  const backend = new MockBackend({
    strict: options.strict ?? false,
    session: Object.freeze({
      queryGroup: options.session?.queryGroup,
      statementTimeoutMs: options.session?.statementTimeoutMs,
      searchPath: options.session?.searchPath,
    }),
  })
  const dialect = new MockRedshiftDialect(
    backend,
    options.databaseIsolation ?? 'serializable',
  )
  const db = new Kysely<DB>({
    dialect,
    plugins: options.plugins ? [...options.plugins] : undefined,
  })
  return Object.freeze({
    db,
    dialect,
    get queries() {
      return backend.queries
    },
    get rules() {
      return backend.rules
    },
    on(
      matcher: QueryMatcher,
      ruleOptions: MockRuleOptions = {},
    ): MockRuleBuilder {
      assertValidRuleOptions(ruleOptions)
      return Object.freeze({
        returns: (response?: CannedResponse) =>
          backend.addRule(matcher, ruleOptions, {
            kind: 'result',
            response: response ?? [],
          }),
        fails: (error: unknown) =>
          backend.addRule(matcher, ruleOptions, { kind: 'error', error }),
      })
    },
    lastQuery() {
      return backend.lastQuery
    },
    queriesMatching(matcher: QueryMatcher) {
      return Object.freeze(
        backend.queries.filter((query) => matchesQuery(matcher, query)),
      )
    },
    clearQueries() {
      backend.clearQueries()
    },
    reset() {
      backend.reset()
    },
  })
}
