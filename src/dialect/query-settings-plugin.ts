import type {
  CompiledQuery,
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'

import type { SessionSettings } from '../pool/index.js'

/**
 * Session settings for the queries run through one Kysely instance. A key
 * left out keeps the connection's baseline (the `session` part of the
 * config); `null` asks for the server's default.
 *
 * ```ts
 * const settings: QuerySettings = { queryGroup: 'etl', statementTimeoutMs: 60_000 }
 * ```
 */
export interface QuerySettings {
  /** `query_group`: routes the queries to a WLM queue and labels them in the query log. */
  readonly queryGroup?: string | null
  /** `statement_timeout` in milliseconds; `0` disables it. */
  readonly statementTimeoutMs?: number | null
  /** `search_path` for these queries. */
  readonly searchPath?: readonly string[] | null
}

// Kysely hands the same QueryId object to transformQuery and to the
// compiler, but a builder (or a `sql` template) keeps one QueryId for every
// run, whichever instance runs it. So the plugins' settings are pending on
// the QueryId only between this run's transformQuery and its compilation,
// where the compiler moves them onto the CompiledQuery the driver sees: a
// later run through an instance without the plugin finds nothing stale.
// WeakMaps, so a query compiled but never run leaks nothing.
const pendingByQuery = new WeakMap<QueryId, Readonly<SessionSettings>>()
const settingsByCompiled = new WeakMap<
  CompiledQuery,
  Readonly<SessionSettings>
>()

/**
 * Moves the settings the plugins recorded for this compilation onto the
 * compiled query. Called by the Redshift query compiler for every query it
 * compiles.
 *
 * ```ts
 * const compiled = super.compileQuery(node, queryId)
 * claimQuerySettings(compiled)
 * ```
 */
export function claimQuerySettings(compiled: CompiledQuery): void {
  const settings = pendingByQuery.get(compiled.queryId)
  if (settings === undefined) return
  pendingByQuery.delete(compiled.queryId)
  settingsByCompiled.set(compiled, settings)
}

/**
 * The settings recorded for a compiled query by {@link QuerySettingsPlugin},
 * or `undefined` when it has none. The driver reads this before it runs the
 * query.
 *
 * ```ts
 * const settings = querySettingsOf(compiledQuery)
 * ```
 */
export function querySettingsOf(
  compiled: CompiledQuery,
): Readonly<SessionSettings> | undefined {
  return settingsByCompiled.get(compiled)
}

/**
 * A Kysely plugin that makes every query run through its instance (and
 * every query of a transaction started from it) use the given session
 * settings. The SQL is not changed: the driver sends `SET` only when the
 * connection's session differs, so a steady workload still costs one round
 * trip per query.
 *
 * ```ts
 * const etl = db.withPlugin(new QuerySettingsPlugin({ queryGroup: 'etl' }))
 * await etl.selectFrom('sales').selectAll().execute() // runs in the 'etl' queue
 * ```
 */
export class QuerySettingsPlugin implements KyselyPlugin {
  readonly #settings: Readonly<SessionSettings>

  constructor(settings: QuerySettings) {
    this.#settings = validateQuerySettings(settings)
  }

  /** The settings this plugin applies. */
  get settings(): Readonly<QuerySettings> {
    return this.#settings
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const outer = pendingByQuery.get(args.queryId)
    // Stacked plugins: the one added last wins, key by key.
    pendingByQuery.set(
      args.queryId,
      outer === undefined ? this.#settings : overlay(outer, this.#settings),
    )
    return args.node
  }

  async transformResult(
    args: PluginTransformResultArgs,
  ): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

/**
 * Returns a view of `db` whose queries (and transactions) run with
 * `settings`; `db` itself is unchanged. The view is what `db.withPlugin()`
 * gives, so it has `db`'s type: a `Kysely<DB>` for a `Kysely<DB>`, a
 * `Transaction<DB>` for a transaction, and a `RedshiftClient<DB>` (with
 * `config`, `close()` and every other extension) for a `createRedshift`
 * client or the mock's `db`.
 *
 * The view shares `db`'s pool: `close()` (or `destroy()`) on it closes the
 * client it came from, as Kysely's `destroy()` on any derived instance does.
 * A view needs no closing of its own.
 *
 * ```ts
 * const reports = withQuerySettings(db, { queryGroup: 'reports', statementTimeoutMs: 30_000 })
 * await reports.transaction().execute(async (trx) => {
 *   await trx.selectFrom('sales').selectAll().execute()
 * })
 * ```
 */
export function withQuerySettings<K extends Kysely<any>>(
  db: K,
  settings: QuerySettings,
): ReturnType<K['withPlugin']> {
  // Generic over the instance rather than over DB: inferring DB from a
  // subtype of Kysely<DB> (such as RedshiftClient<DB>) goes structurally
  // through every builder method and lands on a wrong database type.
  return db.withPlugin(new QuerySettingsPlugin(settings)) as ReturnType<
    K['withPlugin']
  >
}

function overlay(
  under: Readonly<SessionSettings>,
  over: Readonly<SessionSettings>,
): Readonly<SessionSettings> {
  return Object.freeze({
    queryGroup:
      over.queryGroup === undefined ? under.queryGroup : over.queryGroup,
    statementTimeoutMs:
      over.statementTimeoutMs === undefined
        ? under.statementTimeoutMs
        : over.statementTimeoutMs,
    searchPath:
      over.searchPath === undefined ? under.searchPath : over.searchPath,
  })
}

function validateQuerySettings(
  settings: QuerySettings,
): Readonly<SessionSettings> {
  const { queryGroup, statementTimeoutMs, searchPath } = settings
  if (queryGroup != null && typeof queryGroup !== 'string') {
    throw new TypeError('queryGroup must be a string or null')
  }
  if (
    statementTimeoutMs != null &&
    (typeof statementTimeoutMs !== 'number' ||
      !Number.isSafeInteger(statementTimeoutMs) ||
      statementTimeoutMs < 0)
  ) {
    throw new TypeError(
      'statementTimeoutMs must be a non-negative integer of milliseconds or null',
    )
  }
  if (
    searchPath != null &&
    (!Array.isArray(searchPath) ||
      searchPath.some((schema) => typeof schema !== 'string'))
  ) {
    throw new TypeError('searchPath must be an array of schema names or null')
  }
  const result: { -readonly [K in keyof SessionSettings]: SessionSettings[K] } =
    {}
  if (queryGroup !== undefined) result.queryGroup = queryGroup
  if (statementTimeoutMs !== undefined)
    result.statementTimeoutMs = statementTimeoutMs
  if (searchPath !== undefined)
    result.searchPath =
      searchPath === null ? null : Object.freeze([...searchPath])
  return Object.freeze(result)
}
