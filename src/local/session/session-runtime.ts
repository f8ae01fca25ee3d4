import type { FaultRegistry } from '../runtime/faults.js'
import type { QueryLog } from '../runtime/query-log.js'
import type { SystemRecords } from '../runtime/system-records.js'
import type { ColumnTypes } from '../runtime/column-types.js'
import type { ResultSources } from '../runtime/result-sources.js'
import type { TableIds } from '../runtime/table-ids.js'
import type { WlmScheduler } from '../runtime/wlm.js'
import type { WriteLocks } from '../runtime/write-locks.js'
import type { WriteLockTables } from '../runtime/write-lock-tables.js'
import type { BlockingPids } from '../runtime/mixed-deadlocks.js'
import type { Planner } from '../sql/planner.js'
import type { StorageProvider } from '../storage/storage-provider.js'
import type { OtherDatabaseTables } from '../runtime/other-database-tables.js'
import type { OtherDatabaseRows } from './read-all-database-views.js'

/** A transaction of another session, named in a serialization-conflict detail. */
export interface ConflictingTransaction {
  readonly xid: number
  readonly pid: number
}

/** What a session needs from the emulator it runs in. */
export interface SessionRuntime {
  readonly planner: Planner
  readonly isolation: 'serializable' | 'snapshot'
  readonly wlm: WlmScheduler
  readonly faults: FaultRegistry
  readonly log: QueryLog
  /** The S3 that COPY and UNLOAD use; undefined when the emulator has none. */
  readonly storage: StorageProvider | undefined
  /** Where COPY and UNLOAD write their system-table rows. */
  readonly records: SystemRecords
  /** Table OIDs looked up ahead, for the 1023 detail; undefined names tables by name. */
  readonly tableIds?: TableIds | undefined
  /** Column types looked up ahead, for DECIMAL typing over columns; undefined keeps PostgreSQL's types. */
  readonly columnTypes?: ColumnTypes | undefined
  /** Relations of result columns, for extended result metadata; undefined: the emulator speaks only the base protocol. */
  readonly resultSources?: ResultSources | undefined
  /** Redshift's table write locks, shared by every session; undefined takes none. */
  readonly writeLocks?: WriteLocks | undefined
  /** The OIDs written table names resolve to (the write locks' keys); undefined keys them by name. */
  readonly writeLockTables?: WriteLockTables | undefined
  /** PostgreSQL's lock waits (pg_blocking_pids); undefined: deadlocks through them are not looked for. */
  readonly blockingPids?: BlockingPids | undefined
  /** Another database's rows of a view that lists every database; undefined lists the connected one's only. */
  readonly otherDatabaseRows?: OtherDatabaseRows | undefined
  /** Sets up foreign tables for three-part names of another database; undefined: such names are an emulator limit. */
  readonly otherDatabaseTables?: OtherDatabaseTables | undefined
  /** The next query id (int4, increasing across the emulator). */
  nextQueryId(): number
  /** The next transaction id of the emulator's own numbering. */
  nextXid(): number
  /** `CANCEL pid ['message']`: cancels what that session runs or waits for. */
  cancel(pid: number, message?: string): boolean
  /** Fails what that session waits for in a WLM queue (pg_cancel_backend); false when it waits for nothing. */
  cancelQueued(pid: number): boolean
  /** Sends PostgreSQL a CancelRequest for one of its backends. */
  cancelBackend(pid: number, secret: number): void
  /** Another session's open transaction that touched `table`, for conflict details. */
  conflictingTransaction(
    pid: number,
    table: string | undefined,
  ): ConflictingTransaction | undefined
  /** Lets go of the emulator's own connection to a database (before DROP DATABASE). */
  releaseDatabase(database: string): Promise<void>
  /** A transaction block ended (kept briefly to name it in conflict details). */
  transactionEnded(pid: number, xid: number, tables: readonly string[]): void
}
