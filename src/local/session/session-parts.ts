import type { BackendChannel } from './backend-channel.js'
import type { BulkStatements } from './bulk-statements.js'
import type { ResultMetadata } from './extended-row-description.js'
import type { StoredFieldTypes } from './stored-field-types.js'
import type { IdentifierFolding } from './identifier-folding.js'
import type { MessageGates } from './message-gates.js'
import type { OutputBatch } from './output-batch.js'
import type { PreparedGenerations } from './prepared-generations.js'
import type { QueryRuns } from './query-runs.js'
import type { SessionRuntime } from './session-runtime.js'
import type { SessionSettings } from './session-settings.js'
import type { StatementEffects } from './statement-effects.js'
import type { TransactionState } from './transaction-state.js'
import type { UnitQueue } from './unit-queue.js'
import type { WlmSlot } from './wlm-slot.js'

/**
 * The state of one connection that its protocol handlers share: each piece
 * has one owner class; the handlers only reach them through this record.
 */
export interface SessionParts {
  readonly runtime: SessionRuntime
  readonly pid: number
  readonly settings: SessionSettings
  readonly folding: IdentifierFolding
  readonly transaction: TransactionState
  /** When the session's prepared statements were planned (masked tables). */
  readonly prepared: PreparedGenerations
  readonly runs: QueryRuns
  readonly queue: UnitQueue
  readonly slot: WlmSlot
  readonly gates: MessageGates
  readonly effects: StatementEffects
  /** The emulator's own line to PostgreSQL (COPY from S3, UNLOAD). */
  readonly channel: BackendChannel
  /** PostgreSQL skips messages until the next Sync (an extended-protocol error). */
  readonly skippingToSync: () => boolean
  readonly bulk: BulkStatements
  /** Bytes for PostgreSQL from the current client read. */
  readonly toBackend: OutputBatch
  /** Bytes for the client from the current PostgreSQL read. */
  readonly toClient: OutputBatch
  /** Protocol version 1's extended result metadata; undefined for the base protocol. */
  readonly metadata: ResultMetadata | undefined
  /** Redshift's OIDs of fields read from GEOMETRY, GEOGRAPHY and HLLSKETCH columns. */
  readonly fieldTypes: StoredFieldTypes | undefined
}
