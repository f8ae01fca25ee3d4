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
  /**
   * `wlm_query_slot_count`: how many of its WLM queue's slots each query
   * takes (1..50, at most the queue's concurrency), for a heavy query that
   * needs more memory.
   */
  readonly wlmQuerySlotCount?: number | null
  /**
   * The statements may safely run more than once (an insert with a unique
   * key that is checked first, a `DELETE ... WHERE id = ...`, an UPDATE that
   * sets fixed values): outside a transaction they are then retried after a
   * retryable failure like reads are, even when the connection was lost
   * after they were sent. `false` takes the mark back off.
   */
  readonly idempotent?: boolean
  /**
   * Time limit of each statement in ms, enforced by the client: on expiry
   * the statement is cancelled on the server and fails with a
   * `QueryTimeoutError`. Overrides the config's `queryTimeoutMs`; `0` or
   * `null` means none. Unlike `statementTimeoutMs` it also covers the time
   * on the network and costs no `SET`.
   */
  readonly timeoutMs?: number | null
}

/**
 * What the plugins recorded for one compiled query: its session settings
 * (only the keys that were given), and the statement's own policies.
 */
export interface StatementSettings {
  /** Session keys for the statement; `undefined` when none was given. */
  readonly session?: Readonly<SessionSettings>
  /** See {@link QuerySettings.idempotent}. */
  readonly idempotent?: boolean
  /** See {@link QuerySettings.timeoutMs}; `undefined` keeps the config's. */
  readonly timeoutMs?: number | null
}

// Kysely hands the same QueryId object to transformQuery and to the
// compiler, but a builder (or a `sql` template) keeps one QueryId for every
// run, whichever instance runs it. So the plugins' settings are pending on
// the QueryId only between this run's transformQuery and its compilation,
// where the compiler moves them onto the CompiledQuery the driver sees: a
// later run through an instance without the plugin finds nothing stale.
// WeakMaps, so a query compiled but never run leaks nothing.
const pendingByQuery = new WeakMap<QueryId, StatementSettings>()
const settingsByCompiled = new WeakMap<CompiledQuery, StatementSettings>()

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
  return settingsByCompiled.get(compiled)?.session
}

/**
 * Everything recorded for a compiled query: session settings, the
 * idempotent mark and the time limit; `undefined` when nothing was.
 *
 * ```ts
 * statementSettingsOf(compiledQuery)?.idempotent // true under withQuerySettings(db, { idempotent: true })
 * ```
 */
export function statementSettingsOf(
  compiled: CompiledQuery,
): StatementSettings | undefined {
  return settingsByCompiled.get(compiled)
}

/**
 * A copy of `compiled` carrying `settings` on top of what it already had:
 * the way to give a query that was compiled already (and so bypasses the
 * plugins) an idempotent mark or a time limit.
 *
 * ```ts
 * const marked = withStatementSettings(CompiledQuery.raw('delete from t where id = 1'), { idempotent: true })
 * await db.executeQuery(marked)
 * ```
 */
export function withStatementSettings(
  compiled: CompiledQuery,
  settings: QuerySettings,
): CompiledQuery {
  const copy: CompiledQuery = Object.freeze({ ...compiled })
  const own = validateQuerySettings(settings)
  const outer = settingsByCompiled.get(compiled)
  settingsByCompiled.set(copy, outer === undefined ? own : overlay(outer, own))
  return copy
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
  readonly #settings: StatementSettings
  readonly #given: Readonly<QuerySettings>

  constructor(settings: QuerySettings) {
    this.#settings = validateQuerySettings(settings)
    this.#given = Object.freeze({
      ...this.#settings.session,
      ...(this.#settings.idempotent === undefined
        ? {}
        : { idempotent: this.#settings.idempotent }),
      ...(this.#settings.timeoutMs === undefined
        ? {}
        : { timeoutMs: this.#settings.timeoutMs }),
    })
  }

  /** The settings this plugin applies. */
  get settings(): Readonly<QuerySettings> {
    return this.#given
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
  under: StatementSettings,
  over: StatementSettings,
): StatementSettings {
  const session =
    under.session === undefined
      ? over.session
      : over.session === undefined
        ? under.session
        : overlaySession(under.session, over.session)
  const idempotent = over.idempotent ?? under.idempotent
  const timeoutMs =
    over.timeoutMs === undefined ? under.timeoutMs : over.timeoutMs
  return Object.freeze({
    ...(session === undefined ? {} : { session }),
    ...(idempotent === undefined ? {} : { idempotent }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  })
}

function overlaySession(
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
    wlmQuerySlotCount:
      over.wlmQuerySlotCount === undefined
        ? under.wlmQuerySlotCount
        : over.wlmQuerySlotCount,
  })
}

function validateQuerySettings(settings: QuerySettings): StatementSettings {
  const {
    queryGroup,
    statementTimeoutMs,
    searchPath,
    wlmQuerySlotCount,
    idempotent,
    timeoutMs,
  } = settings
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
  if (
    wlmQuerySlotCount != null &&
    (typeof wlmQuerySlotCount !== 'number' ||
      !Number.isSafeInteger(wlmQuerySlotCount) ||
      wlmQuerySlotCount < 1 ||
      wlmQuerySlotCount > 50)
  ) {
    throw new TypeError(
      'wlmQuerySlotCount must be an integer from 1 to 50 or null',
    )
  }
  if (idempotent !== undefined && typeof idempotent !== 'boolean') {
    throw new TypeError('idempotent must be a boolean')
  }
  if (
    timeoutMs != null &&
    (typeof timeoutMs !== 'number' ||
      !Number.isSafeInteger(timeoutMs) ||
      timeoutMs < 0)
  ) {
    throw new TypeError(
      'timeoutMs must be a non-negative integer of milliseconds (0 = none) or null',
    )
  }
  const session: {
    -readonly [K in keyof SessionSettings]: SessionSettings[K]
  } = {}
  let sessionGiven = false
  if (queryGroup !== undefined) {
    session.queryGroup = queryGroup
    sessionGiven = true
  }
  if (statementTimeoutMs !== undefined) {
    session.statementTimeoutMs = statementTimeoutMs
    sessionGiven = true
  }
  if (wlmQuerySlotCount !== undefined) {
    session.wlmQuerySlotCount = wlmQuerySlotCount
    sessionGiven = true
  }
  if (searchPath !== undefined) {
    session.searchPath =
      searchPath === null ? null : Object.freeze([...searchPath])
    sessionGiven = true
  }
  return Object.freeze({
    ...(sessionGiven ? { session: Object.freeze(session) } : {}),
    ...(idempotent === undefined ? {} : { idempotent }),
    // 0 and null both mean "no limit"; null is kept so it overrides the
    // config's default the same way.
    ...(timeoutMs === undefined
      ? {}
      : { timeoutMs: timeoutMs === 0 ? null : timeoutMs }),
  })
}
