import { Kysely, type KyselyPlugin } from 'kysely'

import { extendKysely } from '../client.js'
import {
  parseRedshiftConfig,
  type RedshiftConfigInput,
} from '../config/index.js'
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

const DEFAULT_CONFIG: RedshiftConfigInput = { host: 'localhost', user: 'mock' }

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
   * The configuration `db.config` reports, validated and defaulted as
   * `createRedshift` does (a bad one throws the same `RedshiftConfigError`);
   * nothing connects. Default: `{ host: 'localhost', user: 'mock' }`.
   */
  readonly config?: RedshiftConfigInput | string
  /**
   * The session every query runs with unless a `QuerySettingsPlugin` says
   * otherwise, like the `session` part of the real config. Recorded on each
   * query as `session`. Default: the `session` of `config`.
   */
  readonly session?: Readonly<SessionSettings>
  /** Plugins for `db`, as the application configures its real instance. */
  readonly plugins?: readonly KyselyPlugin[]
}

/**
 * Creates an in-process mock of a Redshift client: a `RedshiftClient<DB>`
 * that compiles queries with the SDK's Redshift compiler (so it refuses what
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
  const config = parseRedshiftConfig(options.config ?? DEFAULT_CONFIG)
  const session = options.session ?? config.session
  const backend = new MockBackend({
    strict: options.strict ?? false,
    session: Object.freeze({
      queryGroup: session.queryGroup,
      statementTimeoutMs: session.statementTimeoutMs,
      searchPath: session.searchPath,
    }),
  })
  const dialect = new MockRedshiftDialect(
    backend,
    options.databaseIsolation ?? 'serializable',
  )
  const kysely = new Kysely<DB>({
    dialect,
    plugins: options.plugins ? [...options.plugins] : undefined,
  })
  // The real client's extensions, so code typed against RedshiftClient<DB>
  // takes the mock; close() ends it as on the real client.
  const db = extendKysely(kysely, {
    config,
    close: () => dialect.destroyDriver(),
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
