import type { Readable } from 'node:stream'

import {
  Kysely,
  type AccessMode,
  type Compilable,
  type InsertObject,
  type RawBuilder,
  type ConnectionBuilder,
  type ControlledTransaction,
  type ControlledTransactionBuilder,
  type DrainOuterGeneric,
  type IsolationLevel,
  type KyselyConfig,
  type KyselyPlugin,
  type Transaction,
  type TransactionBuilder,
} from 'kysely'

import {
  batchInsert,
  type BatchInsertOptions,
  type BatchInsertResult,
  type BatchRows,
} from './batch/index.js'
import { copyInto, type CopyFrom } from './commands/copy/index.js'
import {
  unload,
  type UnloadBuilder,
  type UnloadSource,
} from './commands/unload/index.js'
import { spectrum, type RedshiftSpectrum } from './commands/spectrum/index.js'
import type { RedshiftConfig } from './config/index.js'
import { RedshiftDialect } from './dialect/redshift-dialect.js'
import type { RedshiftDialectInput } from './dialect/redshift-dialect-config.js'
import {
  closeAsyncQueries,
  redshiftMonitor,
  type RedshiftMonitor,
} from './monitor/index.js'
import {
  prepare,
  type Params,
  type PreparedQuery,
  type PreparedSql,
} from './prepared/index.js'
import {
  beginTransaction,
  type RedshiftTransactionHandle,
} from './resilience/transaction-begin.js'
import { OpenTransactions } from './resilience/transaction-open-handles.js'
import type {
  RetryingTransactionOptions,
  TransactionOptions,
  TransactionRetryDefaults,
} from './resilience/transaction-options.js'
import {
  RetryingTransactionBuilder,
  retryingTransaction,
} from './resilience/transaction-retrying.js'
import {
  toReadable,
  type StreamableQuery,
  type ToReadableOptions,
} from './stream/index.js'
import type {
  WritableDeleteFrom,
  WritableInsertInto,
  WritableMergeInto,
  WritableReplaceInto,
  WritableRelationName,
  WritableUpdateTable,
} from './types/read-only-relation.js'
import { redshiftWlm, type RedshiftWlm } from './wlm/index.js'

/**
 * Options of {@link createRedshift} that are Kysely's, not the connection's.
 *
 * ```ts
 * createRedshift<DB>(url, { plugins: [new CamelCasePlugin()], log: ['error'] })
 * ```
 */
export interface RedshiftClientOptions {
  /** Kysely plugins applied to every query, e.g. `CamelCasePlugin`. */
  readonly plugins?: readonly KyselyPlugin[]
  /** Kysely's query log: `['query', 'error']` or a function. */
  readonly log?: KyselyConfig['log']
}

/**
 * What {@link createRedshift} adds to the Kysely instance. Each capability
 * of the SDK is one property here, so the client grows by adding
 * properties, never by changing how it is built or used.
 *
 * ```ts
 * const db = createRedshift<DB>(url)
 * db.config.pool.max // 10
 * await db.close()
 * ```
 */
export interface RedshiftClientExtensions {
  /** The parsed, fully defaulted configuration (frozen). */
  readonly config: RedshiftConfig
  /**
   * Waits for queries in flight and closes every connection (open streams
   * are ended); later queries, transactions and `connection()` calls fail
   * with `PoolClosedError`. Also runs on `await using`. A `begin()`
   * transaction still open is rolled back first and its connection
   * destroyed, with a `KYSELY_REDSHIFT_ABANDONED_TRANSACTION` warning.
   *
   * An instance derived from the client (`withPlugin`, `withSchema`,
   * `withQuerySettings`...) shares the client's pool, so its `close()`
   * closes the client itself, as Kysely's `destroy()` on a derived
   * instance does. Close the client once, where it was created.
   */
  close(): Promise<void>
}

/**
 * The SDK's commands on a client: bulk loads and unloads, prepared
 * statements and batch inserts. Each runs through the instance it is called
 * on, so a client derived with `withPlugin` / `withQuerySettings` runs them
 * with its plugins and settings.
 *
 * ```ts
 * await db.copyInto('sales').from('s3://bucket/sales/').iamRole('default').csv().execute()
 * await db.unload(db.selectFrom('sales').selectAll()).to('s3://bucket/out/').iamRole('default').execute()
 * ```
 */
export interface RedshiftCommands<DB> {
  /**
   * Starts a typed COPY into a table of `DB` (views refused), optionally
   * naming the columns the files fill, in file order.
   *
   * ```ts
   * const { rowsLoaded } = await db
   *   .copyInto('sales', ['id', 'qty'])
   *   .from('s3://bucket/sales/')
   *   .iamRole('default')
   *   .csv()
   *   .ignoreHeader(1)
   *   .execute()
   * ```
   */
  copyInto<T extends WritableRelationName<DB> & string>(
    table: T,
    columns?: readonly (keyof DB[T] & string)[],
  ): CopyFrom
  /**
   * Starts an UNLOAD of a typed SELECT (its values are inlined, as UNLOAD
   * takes no bind parameters) or of raw SQL.
   *
   * ```ts
   * const { files } = await db
   *   .unload(db.selectFrom('sales').select(['id', 'region']))
   *   .to('s3://bucket/out/sales_')
   *   .iamRole('default')
   *   .format('parquet')
   *   .execute()
   * ```
   */
  unload<O>(query: RawBuilder<O> | UnloadSource<O>): UnloadBuilder<O>
  /**
   * Prepares raw SQL with `$1`, `$2`... parameters as a named server-side
   * statement, parsed once per pooled connection.
   *
   * ```ts
   * const byId = db.prepare<{ qty: number }, [id: number]>('qty_by_id', sql`select qty from sales where id = $1`)
   * await byId.execute([1])
   * ```
   */
  prepare<O, V extends readonly unknown[] = readonly unknown[]>(
    name: string,
    query: RawBuilder<O>,
  ): PreparedSql<O, V>
  /**
   * Prepares a typed query whose parameters are an object.
   *
   * ```ts
   * const bySale = db.prepare('sales_by_id', (p: Params<{ id: number }>) =>
   *   db.selectFrom('sales').selectAll().where('id', '=', p.id))
   * await bySale.execute({ id: 1 })
   * ```
   */
  prepare<P extends object, O>(
    name: string,
    build: (params: Params<P>) => Compilable<O>,
  ): PreparedQuery<P, O>
  /**
   * Inserts many rows (an array or an async iterable) as chunked multi-row
   * INSERTs in one transaction: all or nothing.
   *
   * ```ts
   * const { rowsInserted } = await db.batchInsert('sales', rows, {
   *   onProgress: (p) => console.log(p.rowsInserted),
   * })
   * ```
   */
  batchInsert<TB extends WritableRelationName<DB>>(
    table: TB,
    rows: BatchRows<NoInfer<InsertObject<DB, TB>>>,
    options?: BatchInsertOptions,
  ): Promise<BatchInsertResult>
  /**
   * A query's rows as an object-mode Node `Readable` with back-pressure,
   * fed whole cursor chunks by this instance (faster than one promise per
   * row). Destroying it closes the cursor and returns the connection.
   *
   * ```ts
   * await pipeline(db.toReadable(db.selectFrom('events').selectAll(), { chunkSize: 1_000 }), sink)
   * ```
   */
  toReadable<O>(
    query: StreamableQuery<O>,
    options?: Omit<ToReadableOptions, 'db'>,
  ): Readable
  /**
   * Kysely's `transaction()`, run again whole when Redshift aborts it with a
   * serialization conflict (`1023`, `conflict with concurrent transaction`),
   * with jittered exponential backoff, bounded in attempts and time. `lock`
   * takes the tables first, in a fixed order, so the conflicts do not
   * happen at all. TRUNCATE and ALTER TABLE APPEND, which would commit the
   * transaction, are refused inside it. Bounds default to the config's
   * `retry` (at least 10 attempts; 1 when `retry.enabled` is false), 60 s.
   * See {@link RetryingTransactionBuilder}.
   *
   * ```ts
   * await db.retryingTransaction({ lock: ['accounts'] }).execute(async (trx) => {
   *   await trx.updateTable('accounts').set((eb) => ({ balance: eb('balance', '-', 10) })).where('id', '=', 1).execute()
   *   await trx.updateTable('accounts').set((eb) => ({ balance: eb('balance', '+', 10) })).where('id', '=', 2).execute()
   * })
   * ```
   */
  retryingTransaction(
    options?: RetryingTransactionOptions<DB>,
  ): RetryingTransactionBuilder<DB>
  /**
   * Opens a transaction and hands it back as an object with `commit()` and
   * `rollback()`, for code that cannot use a callback. One neither committed
   * nor rolled back before it is garbage-collected or the client closes is
   * rolled back and its connection destroyed, with a
   * `KYSELY_REDSHIFT_ABANDONED_TRANSACTION` warning. Not retried.
   *
   * ```ts
   * const trx = await db.begin({ lock: ['accounts'] })
   * await trx.insertInto('transfers').values(row).execute()
   * await trx.commit()
   * ```
   */
  begin(
    options?: TransactionOptions<DB>,
  ): Promise<RedshiftTransactionHandle<DB>>
  /**
   * Spectrum DDL: external schemas, external tables and their partitions,
   * as typed builders run through this instance. See {@link RedshiftSpectrum}.
   *
   * ```ts
   * await db.spectrum
   *   .createExternalTable('spectrum.sales')
   *   .columns({ salesid: 'integer', pricepaid: 'decimal(8,2)' })
   *   .storedAs('PARQUET')
   *   .location('s3://bucket/sales/')
   *   .execute()
   * ```
   */
  readonly spectrum: RedshiftSpectrum
  /**
   * Workload management: query groups, WLM queue state, running queries,
   * cancel and terminate. See {@link RedshiftWlm}.
   *
   * ```ts
   * await db.wlm.queryGroup('etl').insertInto('daily').values(rows).execute()
   * const running = await db.wlm.runningQueries()
   * ```
   */
  readonly wlm: RedshiftWlm<RedshiftClient<DB>, RedshiftKysely<DB>>
  /**
   * Monitoring: async queries, EXPLAIN as a plan tree, query metrics, load
   * errors. See {@link RedshiftMonitor}.
   *
   * ```ts
   * const plan = await db.monitor.explain(db.selectFrom('sales').selectAll())
   * ```
   */
  readonly monitor: RedshiftMonitor
}

/**
 * A `Kysely<DB>` whose write methods (`insertInto`, `replaceInto`,
 * `updateTable`, `deleteFrom`, `mergeInto`) take only relations that can be
 * written: views, materialized views and external tables, whose generated
 * interfaces extend `ReadOnlyRelation`, are refused at compile time.
 * Reads are Kysely's own. It is what `db.connection().execute(...)` hands its
 * callback, and the base of {@link RedshiftClient}. Types only: at runtime
 * it is Kysely's instance, unchanged.
 *
 * Each write method keeps Kysely's type parameter and return type and only
 * narrows the argument, so the client is still a `Kysely<DB>` (and a
 * `Kysely<any>`, as Kysely's `Migrator` wants). Through a
 * `Kysely<DB>` reference (or `new Kysely<DB>()` without `createRedshift`) the
 * restriction does not apply.
 *
 * ```ts
 * await db.connection().execute(async (conn) => {
 *   await conn.insertInto('sales').values(row).execute()
 *   // conn.insertInto('daily_sales') does not compile: a view
 * })
 * ```
 */
export interface RedshiftKysely<DB> extends Kysely<DB> {
  /** Kysely's `insertInto`, for writable relations only. */
  readonly insertInto: WritableInsertInto<DB>
  /** Kysely's `replaceInto`, for writable relations only. */
  readonly replaceInto: WritableReplaceInto<DB>
  /** Kysely's `updateTable`, for writable relations only. */
  readonly updateTable: WritableUpdateTable<DB>
  /** Kysely's `deleteFrom`, for writable relations only. */
  readonly deleteFrom: WritableDeleteFrom<DB>
  /** Kysely's `mergeInto`, for a writable target only. */
  readonly mergeInto: WritableMergeInto<DB>
  /** Kysely's `transaction`, whose callback gets a {@link RedshiftTransaction}. */
  transaction(): RedshiftTransactionBuilder<DB>
  /** Kysely's `startTransaction`, giving a {@link RedshiftControlledTransaction}. */
  startTransaction(): RedshiftControlledTransactionBuilder<DB>
  /** Kysely's `connection`, whose callback gets a {@link RedshiftKysely}. */
  connection(): RedshiftConnectionBuilder<DB>
  /** Kysely's `withPlugin`, keeping the restriction. */
  withPlugin(plugin: KyselyPlugin): RedshiftKysely<DB>
  /** Kysely's `withoutPlugins`, keeping the restriction. */
  withoutPlugins(): RedshiftKysely<DB>
  /** Kysely's `withSchema`, keeping the restriction. */
  withSchema(schema: string): RedshiftKysely<DB>
  /** Kysely's `withTables`, keeping the restriction. */
  withTables<T extends Record<string, Record<string, any>>>(): RedshiftKysely<
    DrainOuterGeneric<DB & T>
  >
}

/**
 * The transaction `db.transaction().execute(trx => ...)` hands its callback
 * when `db` is a {@link RedshiftClient}: Kysely's `Transaction<DB>` whose
 * write methods refuse read-only relations, like the client's. Types only.
 *
 * ```ts
 * await db.transaction().execute(async (trx: RedshiftTransaction<DB>) => {
 *   await trx.deleteFrom('sales').where('qty', '=', 0).execute()
 *   // trx.deleteFrom('daily_sales') does not compile: a view
 * })
 * ```
 */
export interface RedshiftTransaction<DB> extends Transaction<DB> {
  /** Kysely's `insertInto`, for writable relations only. */
  readonly insertInto: WritableInsertInto<DB>
  /** Kysely's `replaceInto`, for writable relations only. */
  readonly replaceInto: WritableReplaceInto<DB>
  /** Kysely's `updateTable`, for writable relations only. */
  readonly updateTable: WritableUpdateTable<DB>
  /** Kysely's `deleteFrom`, for writable relations only. */
  readonly deleteFrom: WritableDeleteFrom<DB>
  /** Kysely's `mergeInto`, for a writable target only. */
  readonly mergeInto: WritableMergeInto<DB>
  /** Kysely's `withPlugin`, keeping the restriction. */
  withPlugin(plugin: KyselyPlugin): RedshiftTransaction<DB>
  /** Kysely's `withoutPlugins`, keeping the restriction. */
  withoutPlugins(): RedshiftTransaction<DB>
  /** Kysely's `withSchema`, keeping the restriction. */
  withSchema(schema: string): RedshiftTransaction<DB>
  /** Kysely's `withTables`, keeping the restriction. */
  withTables<
    T extends Record<string, Record<string, any>>,
  >(): RedshiftTransaction<DrainOuterGeneric<DB & T>>
}

/**
 * The transaction `await db.startTransaction().execute()` returns when `db`
 * is a {@link RedshiftClient}: Kysely's `ControlledTransaction` whose write
 * methods refuse read-only relations. (Its savepoint methods return Kysely's
 * own type; Redshift has no savepoints and the dialect refuses them.)
 *
 * ```ts
 * const trx = await db.startTransaction().execute()
 * await trx.insertInto('sales').values(row).execute()
 * await trx.commit().execute()
 * ```
 */
export interface RedshiftControlledTransaction<
  DB,
  S extends string[] = [],
> extends ControlledTransaction<DB, S> {
  /** Kysely's `insertInto`, for writable relations only. */
  readonly insertInto: WritableInsertInto<DB>
  /** Kysely's `replaceInto`, for writable relations only. */
  readonly replaceInto: WritableReplaceInto<DB>
  /** Kysely's `updateTable`, for writable relations only. */
  readonly updateTable: WritableUpdateTable<DB>
  /** Kysely's `deleteFrom`, for writable relations only. */
  readonly deleteFrom: WritableDeleteFrom<DB>
  /** Kysely's `mergeInto`, for a writable target only. */
  readonly mergeInto: WritableMergeInto<DB>
  /** Kysely's `withPlugin`, keeping the restriction. */
  withPlugin(plugin: KyselyPlugin): RedshiftControlledTransaction<DB, S>
  /** Kysely's `withoutPlugins`, keeping the restriction. */
  withoutPlugins(): RedshiftControlledTransaction<DB, S>
  /** Kysely's `withSchema`, keeping the restriction. */
  withSchema(schema: string): RedshiftControlledTransaction<DB, S>
  /** Kysely's `withTables`, keeping the restriction. */
  withTables<
    T extends Record<string, Record<string, any>>,
  >(): RedshiftControlledTransaction<DrainOuterGeneric<DB & T>, S>
}

/**
 * Kysely's `TransactionBuilder`, whose callback gets a
 * {@link RedshiftTransaction}.
 *
 * ```ts
 * await db.transaction().execute(async (trx) => trx.insertInto('sales').values(row).execute())
 * ```
 */
export interface RedshiftTransactionBuilder<DB> extends TransactionBuilder<DB> {
  setAccessMode(accessMode: AccessMode): RedshiftTransactionBuilder<DB>
  setIsolationLevel(
    isolationLevel: IsolationLevel,
  ): RedshiftTransactionBuilder<DB>
  execute<T>(callback: (trx: RedshiftTransaction<DB>) => Promise<T>): Promise<T>
}

/**
 * Kysely's `ControlledTransactionBuilder`, giving a
 * {@link RedshiftControlledTransaction}.
 *
 * ```ts
 * const trx = await db.startTransaction().execute()
 * ```
 */
export interface RedshiftControlledTransactionBuilder<
  DB,
> extends ControlledTransactionBuilder<DB> {
  setAccessMode(
    accessMode: AccessMode,
  ): RedshiftControlledTransactionBuilder<DB>
  setIsolationLevel(
    isolationLevel: IsolationLevel,
  ): RedshiftControlledTransactionBuilder<DB>
  execute(): Promise<RedshiftControlledTransaction<DB>>
}

/**
 * Kysely's `ConnectionBuilder`, whose callback gets a {@link RedshiftKysely}.
 *
 * ```ts
 * await db.connection().execute(async (conn) => conn.selectFrom('sales').selectAll().execute())
 * ```
 */
export interface RedshiftConnectionBuilder<DB> extends ConnectionBuilder<DB> {
  execute<T>(callback: (db: RedshiftKysely<DB>) => Promise<T>): Promise<T>
}

/**
 * The object applications hold: a Kysely instance for `DB` (every query
 * builder method, `transaction()`, `schema`, `introspection`...) with the
 * SDK's own capabilities as extra properties. The instances Kysely derives
 * from it (`withPlugin`, `withoutPlugins`, `withSchema`, `withTables`, and so
 * `withQuerySettings`) are clients too, with the same extensions, so code
 * typed against `RedshiftClient<DB>` takes any of them, and the mock's `db`
 * from `kysely-redshift/testing`.
 *
 * As a {@link RedshiftKysely}, its write methods, and those of the
 * transactions and connections it starts, refuse the read-only relations of
 * a generated `DB` (views, materialized views, external tables).
 *
 * ```ts
 * function report(db: RedshiftClient<DB>) {
 *   return db.selectFrom('sales').select('qty').execute()
 * }
 * await report(db)
 * await report(withQuerySettings(db, { queryGroup: 'reports' }))
 * ```
 */
export interface RedshiftClient<DB>
  extends RedshiftKysely<DB>, RedshiftClientExtensions, RedshiftCommands<DB> {
  /** Kysely's `withPlugin`, keeping the client's extensions. */
  withPlugin(plugin: KyselyPlugin): RedshiftClient<DB>
  /** Kysely's `withoutPlugins`, keeping the client's extensions. */
  withoutPlugins(): RedshiftClient<DB>
  /** Kysely's `withSchema`, keeping the client's extensions. */
  withSchema(schema: string): RedshiftClient<DB>
  /** Kysely's `withTables`, keeping the client's extensions. */
  withTables<T extends Record<string, Record<string, any>>>(): RedshiftClient<
    DrainOuterGeneric<DB & T>
  >
}

/**
 * Connects Kysely to Redshift: parses the configuration (reporting every
 * problem at once), builds the {@link RedshiftDialect} and returns the Kysely
 * instance extended with `config` and `close()`.
 *
 * ```ts
 * import { createRedshift } from 'kysely-redshift'
 * import type { DB } from './generated/db.js'
 *
 * const db = createRedshift<DB>({
 *   url: process.env.REDSHIFT_URL,
 *   session: { queryGroup: 'dashboards' },
 * })
 * const top = await db
 *   .selectFrom('sales')
 *   .select(['seller_id', (eb) => eb.fn.sum('qty').as('qty')])
 *   .groupBy('seller_id')
 *   .execute()
 * await db.close()
 * ```
 */
export function createRedshift<DB>(
  config: RedshiftDialectInput,
  options: RedshiftClientOptions = {},
): RedshiftClient<DB> {
  const dialect = new RedshiftDialect(config)
  const db = new Kysely<DB>({
    dialect,
    ...(options.plugins ? { plugins: [...options.plugins] } : {}),
    ...(options.log ? { log: options.log } : {}),
  })
  return extendKysely(db, extensionsOf(db, dialect))
}

/** The SDK's capabilities for one client; new ones are added here. */
function extensionsOf<DB>(
  db: Kysely<DB>,
  dialect: RedshiftDialect,
): RedshiftClientExtensions {
  return {
    config: dialect.config,
    // Past Kysely's destroy(), which would answer later queries with a plain
    // Error before the driver could say PoolClosedError.
    close: () => dialect.destroyDriver(),
  }
}

// Kysely's methods that return a new instance over the same executor.
const DERIVING = [
  'withPlugin',
  'withoutPlugins',
  'withSchema',
  'withTables',
] as const

/**
 * Adds the extensions as read-only properties of the Kysely instance itself,
 * so the client is still a `Kysely<DB>` (`instanceof Kysely`, usable wherever
 * one is expected). Kysely's deriving methods are shadowed by ones that
 * extend what they return the same way: without that, `withPlugin` (and so
 * `withQuerySettings`) would hand back an instance with no `close()` or
 * `config`. Used by the mock in `kysely-redshift/testing` too, so its `db`
 * is a client in the same sense.
 *
 * ```ts
 * const client = extendKysely(new Kysely<DB>({ dialect }), { config, close })
 * ```
 */
export function extendKysely<DB>(
  db: Kysely<DB>,
  extensions: RedshiftClientExtensions,
): RedshiftClient<DB> {
  const client = clientStateOf(extensions)
  const properties: PropertyDescriptorMap = {}
  for (const [key, value] of Object.entries(client.extensions)) {
    properties[key] = {
      value,
      enumerable: true,
      writable: false,
      configurable: false,
    }
  }
  for (const [key, value] of Object.entries(commandsOf(db, client))) {
    properties[key] = {
      value,
      enumerable: false,
      writable: false,
      configurable: false,
    }
  }
  for (const name of DERIVING) {
    const derive = db[name] as (...args: unknown[]) => Kysely<unknown>
    properties[name] = {
      value: (...args: unknown[]) =>
        extendKysely(derive.apply(db, args), extensions),
      enumerable: false,
      writable: false,
      configurable: false,
    }
  }
  Object.defineProperties(db, properties)
  return db as RedshiftClient<DB>
}

/** What a client and every instance derived from it share. */
interface ClientState {
  /** The extensions, `close()` first rolling back open `begin()` handles. */
  readonly extensions: RedshiftClientExtensions
  readonly open: OpenTransactions
  readonly retry: TransactionRetryDefaults
}

// Keyed by the extensions object, which a client's derived instances are
// extended with too, so they all share one set of open transactions.
const clientStates = new WeakMap<RedshiftClientExtensions, ClientState>()

function clientStateOf(extensions: RedshiftClientExtensions): ClientState {
  let state = clientStates.get(extensions)
  if (state === undefined) {
    const open = new OpenTransactions()
    state = {
      extensions: {
        ...extensions,
        close: async () => {
          await open.abandonAll()
          await closeAsyncQueries(extensions.config)
          await extensions.close()
        },
      },
      open,
      retry: extensions.config.retry,
    }
    clientStates.set(extensions, state)
  }
  return state
}

// Bound to the instance they are read from, not to the client the
// extensions came from: a derived instance's plugins apply to its commands.
function commandsOf<DB>(
  db: Kysely<DB>,
  client: ClientState,
): RedshiftCommands<DB> {
  const any = db as Kysely<any>
  return {
    copyInto: (table, columns) => copyInto(any, table, columns),
    unload: (query) => unload(any, query),
    prepare: ((name: string, query: never) =>
      prepare(any, name, query)) as RedshiftCommands<DB>['prepare'],
    batchInsert: (table, rows, options) =>
      batchInsert(db, table, rows as never, options),
    toReadable: (query, options) => toReadable(query, { ...options, db }),
    retryingTransaction: (options) =>
      retryingTransaction(db, options, client.retry),
    begin: (options) => beginTransaction(db, client.open, options),
    spectrum: spectrum(any),
    wlm: redshiftWlm<RedshiftClient<DB>, RedshiftKysely<DB>>(
      db as RedshiftClient<DB>,
    ),
    monitor: redshiftMonitor(db),
  }
}
