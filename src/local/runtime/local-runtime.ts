import { cancelBackend } from '../protocol/backend-connection.js'
import type { OtherDatabaseTables } from './other-database-tables.js'
import type { OtherDatabaseRows } from '../session/read-all-database-views.js'
import type { BackendTarget } from '../protocol/backend-target.js'
import type { ProxySession } from '../session/proxy-session.js'
import type {
  ConflictingTransaction,
  SessionRuntime,
} from '../session/session-runtime.js'
import type { Planner } from '../sql/planner.js'
import type { StorageProvider } from '../storage/storage-provider.js'
import { FaultRegistry } from './faults.js'
import { QueryLog } from './query-log.js'
import type { SystemRecords } from './system-records.js'
import { ColumnTypes, type ColumnTypeLookup } from './column-types.js'
import { WriteLocks } from './write-locks.js'
import type { BlockingPids } from './mixed-deadlocks.js'
import {
  WriteLockTables,
  type WrittenNameBackend,
} from './write-lock-tables.js'
import { TableIds, type TableIdLookup } from './table-ids.js'
import { ResultSources, type ResultSourceLookup } from './result-sources.js'
import type { WlmScheduler } from './wlm.js'

interface EndedTransaction {
  readonly pid: number
  readonly xid: number
  readonly tables: readonly string[]
  readonly endedAt: number
}

/** A runtime built without its connections cannot record a COPY or UNLOAD. */
const NO_RECORDS: SystemRecords = Object.freeze({
  write: () =>
    Promise.reject(
      new Error('this runtime has no connection for system-table records'),
    ),
})

/** How long an ended transaction can still be named as the other side of a conflict. */
const CONFLICT_MEMORY_MS = 60_000

/**
 * What all sessions of one emulator share: the planner, WLM queues, faults,
 * the query log, id counters and the table of live sessions (by PostgreSQL
 * pid, which is the pid clients see).
 *
 * @example
 * ```ts
 * const runtime = new LocalRuntime({ target, planner, wlm, log, records, isolation: 'serializable' })
 * runtime.cancel(4242, 'stopped by operator')
 * ```
 */
export class LocalRuntime implements SessionRuntime {
  readonly planner: Planner
  readonly isolation: 'serializable' | 'snapshot'
  readonly wlm: WlmScheduler
  readonly faults = new FaultRegistry()
  /**
   * Redshift's table write locks, under SERIALIZABLE only: the Developer
   * Guide shows writers waiting for them there
   * (r_Serializable_isolation_example.html); what SNAPSHOT isolation does
   * to two writers of one table is not documented, so PostgreSQL's row
   * locks decide there.
   */
  readonly writeLocks: WriteLocks | undefined
  /** The OIDs written names resolve to, which the write locks are keyed by. */
  readonly writeLockTables: WriteLockTables | undefined
  /** PostgreSQL's lock waits, for deadlocks through both kinds of lock. */
  readonly blockingPids: BlockingPids | undefined
  readonly log: QueryLog
  readonly storage: StorageProvider | undefined
  readonly records: SystemRecords
  readonly tableIds: TableIds | undefined
  readonly columnTypes: ColumnTypes | undefined
  readonly resultSources: ResultSources | undefined
  readonly otherDatabaseRows: OtherDatabaseRows | undefined
  readonly otherDatabaseTables: OtherDatabaseTables | undefined
  readonly sessions = new Map<number, ProxySession>()
  readonly releaseDatabase: (database: string) => Promise<void>
  readonly #target: BackendTarget
  readonly #ended: EndedTransaction[] = []
  #queryId: number
  #xid: number

  constructor(options: {
    readonly target: BackendTarget
    readonly planner: Planner
    readonly wlm: WlmScheduler
    readonly log: QueryLog
    readonly isolation: 'serializable' | 'snapshot'
    /** Lets go of the emulator's own connection to a database. */
    readonly releaseDatabase: (database: string) => Promise<void>
    /** Last query id already in the log (ids continue after it). */
    readonly firstQueryId?: number
    /** The S3 of COPY and UNLOAD (`s3Dir` / `s3Endpoint`); without it they fail saying so. */
    readonly storage?: StorageProvider
    /**
     * The emulator's own connections, for the COPY and UNLOAD system-table
     * rows. Without it COPY and UNLOAD fail when they record their run.
     */
    readonly records?: SystemRecords
    /** Resolves table names to OIDs on the emulator's own connection (the 1023 detail). */
    readonly tableIds?: TableIdLookup
    /** Reads the column types of tables on the emulator's own connection (DECIMAL typing over columns). */
    readonly columnTypes?: ColumnTypeLookup
    /** Reads the relations of result columns by OID on the emulator's own connection (extended result metadata). */
    readonly resultSources?: ResultSourceLookup
    /**
     * Resolves written table names to OIDs as each session's search_path
     * does, on the emulator's own connection (the write locks' keys).
     * Without it a write lock is keyed by the name as written.
     */
    readonly writtenNames?: WrittenNameBackend
    /**
     * Reads PostgreSQL's lock waits on the emulator's own connection, so a
     * deadlock through write locks and PostgreSQL's locks together is found.
     */
    readonly blockingPids?: BlockingPids
    /**
     * Reads another database's rows of a view that lists every database,
     * on the emulator's own connection to it, as the session's user.
     */
    readonly otherDatabaseRows?: OtherDatabaseRows
    /**
     * Sets up the foreign tables that read another database's relations by
     * three-part name; without it such a name is an emulator limit.
     */
    readonly otherDatabaseTables?: OtherDatabaseTables
  }) {
    this.#target = options.target
    this.planner = options.planner
    this.wlm = options.wlm
    this.log = options.log
    this.isolation = options.isolation
    this.writeLocks =
      options.isolation === 'serializable' ? new WriteLocks() : undefined
    this.writeLockTables =
      this.writeLocks !== undefined && options.writtenNames !== undefined
        ? new WriteLockTables(options.writtenNames)
        : undefined
    this.blockingPids = options.blockingPids
    this.otherDatabaseRows = options.otherDatabaseRows
    this.otherDatabaseTables = options.otherDatabaseTables
    this.releaseDatabase = options.releaseDatabase
    this.storage = options.storage
    this.records = options.records ?? NO_RECORDS
    this.tableIds =
      options.tableIds === undefined
        ? undefined
        : new TableIds(options.tableIds)
    this.columnTypes =
      options.columnTypes === undefined
        ? undefined
        : new ColumnTypes(options.columnTypes)
    this.resultSources =
      options.resultSources === undefined
        ? undefined
        : new ResultSources(options.resultSources)
    this.#queryId = options.firstQueryId ?? 0
    this.#xid = 1000
  }

  nextQueryId(): number {
    // int4 like STL_QUERY.query; wraps rather than overflows.
    this.#queryId = this.#queryId >= 2147483647 ? 1 : this.#queryId + 1
    return this.#queryId
  }

  nextXid(): number {
    return ++this.#xid
  }

  cancel(pid: number, message?: string): boolean {
    const session = this.sessions.get(pid)
    if (session === undefined) return false
    session.cancel(message)
    return true
  }

  cancelQueued(pid: number): boolean {
    return this.sessions.get(pid)?.cancelQueued() ?? false
  }

  /** A CancelRequest from a client: honoured only with the key the session handed out. */
  cancelByKey(pid: number, secret: number): void {
    const session = this.sessions.get(pid)
    if (session !== undefined && session.clientSecret === secret)
      session.cancel()
  }

  cancelBackend(pid: number, secret: number): void {
    void cancelBackend(this.#target, pid, secret)
  }

  transactionEnded(pid: number, xid: number, tables: readonly string[]): void {
    const now = Date.now()
    this.#ended.push({ pid, xid, tables, endedAt: now })
    while (
      this.#ended.length > 0 &&
      (this.#ended.length > 200 ||
        now - this.#ended[0]!.endedAt > CONFLICT_MEMORY_MS)
    ) {
      this.#ended.shift()
    }
  }

  conflictingTransaction(
    pid: number,
    table: string | undefined,
  ): ConflictingTransaction | undefined {
    let fallback: ConflictingTransaction | undefined
    for (const session of this.sessions.values()) {
      if (session.pid === pid || session.xid === 0) continue
      if (table !== undefined && session.txTables.has(table))
        return { xid: session.xid, pid: session.pid }
      fallback ??= { xid: session.xid, pid: session.pid }
    }
    for (let i = this.#ended.length - 1; i >= 0; i--) {
      const ended = this.#ended[i]!
      if (ended.pid === pid) continue
      if (table === undefined || ended.tables.includes(table))
        return { xid: ended.xid, pid: ended.pid }
    }
    return fallback
  }
}
