import type net from 'node:net'

import type { SessionEndReason } from '../catalog/connection-log.js'
import type { ConnectionFacts } from '../server/connection-events.js'

import { MessageReader } from '../protocol/message-reader.js'
import { BackendChannel } from './backend-channel.js'
import { BackendResponses } from './backend-responses.js'
import { BulkStatements } from './bulk-statements.js'
import { ExtendedProtocol } from './extended-protocol.js'
import { ResultMetadata } from './extended-row-description.js'
import { StoredFieldTypes } from './stored-field-types.js'
import { IdentifierFolding } from './identifier-folding.js'
import { MessageGates } from './message-gates.js'
import { OutputBatch } from './output-batch.js'
import type { PendingMessage } from './pending-message.js'
import { PreparedGenerations } from './prepared-generations.js'
import { QueryRuns } from './query-runs.js'
import { cancelledError, refuseMessage } from './refuse-message.js'
import type { SessionParts } from './session-parts.js'
import { SessionRouting } from './session-routing.js'
import type { SessionRuntime } from './session-runtime.js'
import { SessionSettings } from './session-settings.js'
import { SimpleQuery } from './simple-query.js'
import { StatementEffects } from './statement-effects.js'
import { TransactionState } from './transaction-state.js'
import { Unit, UnitKind } from './unit.js'
import { UnitQueue } from './unit-queue.js'
import { TERMINATE } from './wire-constants.js'
import { WlmSlot } from './wlm-slot.js'

const EMPTY = Buffer.alloc(0)

/** Who is connected, as the start-up message said. */
export interface SessionIdentity {
  readonly user: string
  readonly database: string
  /** The Redshift protocol version settled at start-up (0, the base protocol, when absent). */
  readonly protocolVersion?: number
  /** What STL_CONNECTION_LOG records of the connection; without it the session's end is not recorded. */
  readonly connection?: ConnectionFacts
}

/**
 * One client connection and its PostgreSQL connection. Bytes flow straight
 * through in both directions; the session only decodes the messages it must
 * see: Query, Parse, Bind, Execute and Close from the client (to classify,
 * refuse or rewrite SQL and to log each statement), and CommandComplete,
 * ErrorResponse, PortalSuspended and ReadyForQuery from PostgreSQL (to log
 * results, reshape errors and follow the transaction state).
 *
 * PostgreSQL answers messages in order, so the session keeps a queue of
 * {@link Unit}s, one per client message that gets an answer; the head unit owns
 * the next response. A statement the emulator refuses is replaced by one
 * PostgreSQL cannot parse, and the resulting error by the emulator's own,
 * which keeps pipelining, transaction aborts and skip-until-Sync exactly as
 * PostgreSQL does them.
 *
 * The session itself keeps the two sockets, their flow control and the gate
 * holds; {@link SimpleQuery} and {@link ExtendedProtocol} prepare client
 * messages, and {@link BackendResponses} handles PostgreSQL's.
 *
 * @example
 * ```ts
 * const session = new ProxySession(runtime, client, backend, { user: 'awsuser', database: 'dev' })
 * session.start()
 * ```
 */
export class ProxySession {
  /** PostgreSQL's pid for this connection: what pg_backend_pid() and CANCEL use. */
  readonly pid: number
  /** Secret the client must present in a CancelRequest (the emulator's own). */
  readonly clientSecret: number
  readonly user: string
  readonly database: string
  readonly settings = new SessionSettings()

  readonly #runtime: SessionRuntime
  readonly #client: net.Socket
  readonly #backend: net.Socket
  readonly #backendSecret: number
  readonly #onClose: (session: ProxySession) => void
  readonly #front = new MessageReader()
  readonly #back = new MessageReader()
  readonly #parts: SessionParts
  readonly #simple: SimpleQuery
  readonly #extended: ExtendedProtocol
  readonly #responses: BackendResponses
  #pending: PendingMessage | null = null
  /** A message waits for its column types before it is planned. */
  #planWait = false
  /** The message about to be planned already waited for them once. */
  #planWaited = false
  #closed = false
  /** Why the session ends (STL_SESSIONS.timed_out), once something ends it. */
  #endReason: SessionEndReason | undefined
  readonly #connection: ConnectionFacts | undefined
  readonly #startedAt = new Date()
  readonly #startedMs = performance.now()
  /** PostgreSQL's stream is held while a RowDescription's relations are looked up. */
  #backHeld = false
  /** The RowDescription about to be read again already waited once. */
  #backWaited = false
  /**
   * A drop fault fired: the client loses its connection at the next
   * ReadyForQuery it would see, once PostgreSQL has finished (and, in
   * autocommit, committed) the statement, so its outcome is settled and
   * only the answer is lost.
   */
  #dropAtReady = false

  constructor(
    runtime: SessionRuntime,
    client: net.Socket,
    backend: {
      readonly socket: net.Socket
      readonly pid: number
      readonly secret: number
    },
    identity: SessionIdentity,
    clientSecret: number,
    onClose: (session: ProxySession) => void,
  ) {
    this.#runtime = runtime
    this.#client = client
    this.#backend = backend.socket
    this.#backendSecret = backend.secret
    this.pid = backend.pid
    this.clientSecret = clientSecret
    this.user = identity.user
    this.database = identity.database
    this.#onClose = onClose
    this.#connection = identity.connection
    this.#parts = this.#assemble(identity.protocolVersion ?? 0)
    this.#simple = new SimpleQuery(this.#parts)
    this.#extended = new ExtendedProtocol(this.#parts)
    this.#responses = new BackendResponses(this.#parts, this.#extended)
  }

  /** Emulator transaction id of the open transaction block (0 outside one). */
  get xid(): number {
    return this.#parts.transaction.xid
  }

  /** Tables touched in the open transaction block. */
  get txTables(): ReadonlySet<string> {
    return this.#parts.transaction.tables
  }

  /** Query id of the last statement that completed (PG_LAST_QUERY_ID()). */
  get lastQueryId(): number | null {
    return this.#parts.runs.lastQueryId
  }

  /** Transaction status as the session predicts it from what it sent. */
  get transactionStatus(): string {
    return this.#parts.transaction.status
  }

  /** Starts relaying; `leftover` is anything the client sent after start-up. */
  start(leftover?: Buffer): void {
    const client = this.#client
    const backend = this.#backend
    client.on('data', this.#onClientData)
    backend.on('data', this.#onBackendData)
    client.on('close', this.#clientGone)
    backend.on('close', this.#backendGone)
    client.on('error', this.#clientGone)
    backend.on('error', this.#backendGone)
    if (leftover && leftover.length > 0) this.#onClientData(leftover)
  }

  /**
   * Cancels what the session runs or waits for: a statement waiting for a
   * WLM slot fails at once; one running in PostgreSQL gets a CancelRequest.
   * `message` replaces the usual "Query (N) cancelled on user's request".
   */
  cancel(message?: string): void {
    if (this.cancelQueued(message)) return
    if (this.#parts.bulk.cancel(message)) {
      // A COPY being fed stops with CopyFail; a query reading rows needs PostgreSQL's cancel.
      if (this.#parts.channel.querying)
        this.#runtime.cancelBackend(this.pid, this.#backendSecret)
      return
    }
    this.#responses.cancelling(message)
    this.#runtime.cancelBackend(this.pid, this.#backendSecret)
  }

  /** Fails a statement waiting for a WLM slot; false when none waits. */
  cancelQueued(message?: string): boolean {
    const pending = this.#pending
    if (pending?.wait === undefined || !pending.wait.cancel()) return false
    const error = cancelledError(pending.unit.currentRun, message)
    refuseMessage(pending, error)
    pending.needsSlot = false
    pending.wait = undefined
    // Its Parse may be waiting on a lock in PostgreSQL: stop that as well,
    // so the statement ends now rather than once the lock is released.
    if (this.#responses.cancelPreparing(pending.unit, error))
      this.#runtime.cancelBackend(this.pid, this.#backendSecret)
    pending.release?.()
    return true
  }

  /** Closes both connections (used when the emulator stops). */
  destroy(): void {
    this.#endReason ??= 0
    this.#client.destroy()
    this.#backend.destroy()
  }

  #assemble(protocolVersion: number): SessionParts {
    const runtime = this.#runtime
    const settings = this.settings
    const routing = new SessionRouting(runtime.wlm, this.user, settings)
    const folding = new IdentifierFolding(settings)
    const transaction = new TransactionState(
      runtime,
      this.pid,
      settings,
      this.database,
    )
    const prepared = new PreparedGenerations(
      runtime.planner,
      () => folding.enabled,
    )
    const runs = new QueryRuns(runtime, this, routing, prepared)
    const slot = new WlmSlot(runtime.wlm)
    const gates = new MessageGates(runtime, settings, routing, slot, runs, {
      hold: (gate) => this.#hold(gate),
      isClosed: () => this.#closed,
      database: this.database,
    })
    const queue = new UnitQueue((unit) => this.#responses.becameHead(unit))
    const channel = new BackendChannel({
      write: (bytes) => this.#backend.write(bytes),
      drained: () =>
        new Promise<void>((resolve) => this.#backend.once('drain', resolve)),
      pauseBackend: () => this.#backend.pause(),
      resumeBackend: () => this.#resumeBackend(),
      idle: () => queue.whenEmpty(),
    })
    const bulk = new BulkStatements({
      runtime,
      pid: this.pid,
      database: this.database,
      channel,
      runs,
      transaction,
      settings,
      folds: () => folding.enabled,
      skippingToSync: () => this.#responses.skippingToSync,
      toClient: (bytes) => this.#client.write(bytes),
      contextualText: (s) => this.#parts.effects.contextualText(s),
    })
    return {
      runtime,
      pid: this.pid,
      settings,
      folding,
      transaction,
      prepared,
      runs,
      queue,
      slot,
      gates,
      effects: new StatementEffects(
        runtime,
        settings,
        transaction,
        runs,
        folding,
        bulk,
      ),
      channel,
      skippingToSync: () => this.#responses.skippingToSync,
      bulk,
      toBackend: new OutputBatch(),
      toClient: new OutputBatch(),
      metadata:
        protocolVersion >= 1 && runtime.resultSources !== undefined
          ? new ResultMetadata(
              runtime.resultSources,
              this.database,
              runtime.planner.longNames,
            )
          : undefined,
      fieldTypes:
        runtime.resultSources === undefined
          ? undefined
          : new StoredFieldTypes(runtime.resultSources, this.database),
    }
  }

  // ---------------------------------------------------------------- client side

  readonly #onClientData = (chunk: Buffer): void => {
    if (this.#pending !== null || this.#planWait) {
      this.#front.append(chunk)
      return
    }
    this.#front.read(chunk, this.#onFront)
    this.#flushToBackend()
  }

  #resume(): void {
    if (this.#closed) return
    this.#front.read(EMPTY, this.#onFront)
    this.#flushToBackend()
    if (this.#pending === null) this.#client.resume()
  }

  #flushToBackend(): void {
    if (!this.#parts.toBackend.writeTo(this.#backend)) {
      this.#client.pause()
      this.#backend.once('drain', () => {
        if (this.#pending === null) this.#client.resume()
      })
    }
  }

  /**
   * One client message. A held message is offered again (same bytes) when
   * its gate opens: `#pending` keeps what was prepared for it meanwhile.
   * False holds the client's stream.
   */
  readonly #onFront = (
    type: number,
    buf: Buffer,
    start: number,
    end: number,
  ): boolean => {
    let pending = this.#pending
    if (pending === null) {
      switch (type) {
        case 0x51 /* Q */:
        case 0x50 /* P */: {
          const waited = this.#planWaited
          this.#planWaited = false
          const prepared =
            type === 0x51
              ? this.#simple.prepare(buf, start, end, waited)
              : this.#extended.parse(buf, start, waited)
          if (prepared instanceof Promise) return this.#waitToPlan(prepared)
          pending = prepared
          break
        }
        case 0x42 /* B */:
          pending = this.#extended.bind(buf, start, end)
          break
        case 0x45 /* E */:
          pending = this.#extended.execute(buf, start, end)
          break
        default:
          this.#passMessage(type, buf, start, end)
          return true
      }
      // null: the message needed nothing and already went through.
      if (pending === null) return true
      this.#pending = pending
    }
    if (!this.#parts.gates.pass(pending)) return false
    this.#pending = null
    this.#send(pending, buf, start, end)
    return true
  }

  /** A message the session only queues (if it gets an answer) and passes on. */
  #passMessage(type: number, buf: Buffer, start: number, end: number): void {
    const queue = this.#parts.queue
    switch (type) {
      case 0x44 /* D */: {
        const unit = new Unit(UnitKind.Describe)
        unit.statements = this.#extended.described(buf, start)
        queue.push(unit)
        break
      }
      case 0x43 /* C */:
        this.#extended.close(buf, start)
        break
      case 0x53 /* S */:
        queue.push(new Unit(UnitKind.Sync))
        break
      case 0x46 /* F */:
        queue.push(new Unit(UnitKind.Function))
        break
      case 0x58 /* X Terminate */:
        // PostgreSQL closes its end first: the client ended the session.
        this.#endReason ??= 2
        break
      default:
        // Flush, CopyData/CopyDone/CopyFail: nothing to answer or see.
        break
    }
    this.#parts.toBackend.pass(buf, start, end)
  }

  /**
   * The message's column types are being looked up: it is planned again
   * once they are (it never waits twice).
   */
  #waitToPlan(lookup: Promise<void>): false {
    this.#planWait = true
    this.#planWaited = true
    this.#client.pause()
    void lookup.then(() => {
      this.#planWait = false
      this.#resume()
    })
    return false
  }

  #hold(gate: Promise<void>): void {
    this.#client.pause()
    gate.then(
      () => this.#resume(),
      () => this.#resume(),
    )
  }

  /** Sends a message that passed its gates, and queues its unit. */
  #send(
    pending: PendingMessage,
    buf: Buffer,
    start: number,
    end: number,
  ): void {
    const { toBackend, slot, queue } = this.#parts
    if (pending.dropBeforeSend) {
      // The fault: the client loses its connection and the statement never
      // reaches PostgreSQL.
      this.#client.destroy()
      return
    }
    if (pending.replacement !== undefined) toBackend.push(pending.replacement)
    else toBackend.pass(buf, start, end)
    const unit = pending.unit
    slot.sent(unit)
    queue.push(unit)
    if (unit.wlm && unit.kind === UnitKind.Execute)
      this.#responses.sentWithSlot(unit)
    const statement =
      unit.kind === UnitKind.Execute && unit.reject === undefined
        ? unit.statements?.[0]
        : undefined
    for (const text of statement?.after ?? [])
      this.#extended.hiddenStatement(text)
    if (this.#parts.transaction.status !== 'I')
      for (const text of statement?.afterInBlock ?? [])
        this.#extended.hiddenStatement(text)
    if (pending.cancels) {
      for (const c of pending.cancels) this.#runtime.cancel(c.pid, c.message)
    }
    if (pending.drop) this.#dropAtReady = true
  }

  // --------------------------------------------------------------- backend side

  readonly #onBackendData = (chunk: Buffer): void => {
    if (this.#backHeld) {
      this.#back.append(chunk)
      return
    }
    this.#back.read(chunk, this.#onBack)
    this.#flushToClient()
  }

  /** PostgreSQL's messages go to the channel while the emulator uses it. */
  readonly #onBack = (
    type: number,
    buf: Buffer,
    start: number,
    end: number,
  ): boolean => {
    const channel = this.#parts.channel
    if (channel.active) return channel.onMessage(type, buf, start, end)
    if (
      type === 0x54 /* T RowDescription */ &&
      this.#parts.queue.head?.hidden !== true
    ) {
      const waited = this.#backWaited
      this.#backWaited = false
      // The extended metadata looks up every field's relation, which covers
      // the text fields whose Redshift type only the catalog knows.
      const lookup = waited
        ? undefined
        : (this.#parts.metadata?.wait(buf, start, end) ??
          this.#parts.fieldTypes?.wait(buf, start, end))
      if (lookup !== undefined) return this.#holdBackend(lookup)
    }
    const dropNow =
      this.#dropAtReady &&
      type === 0x5a /* Z ReadyForQuery */ &&
      this.#parts.queue.head?.hidden !== true
    this.#responses.onMessage(type, buf, start, end)
    if (dropNow) {
      this.#dropAtReady = false
      // Nothing is in flight any more, so closing cancels nothing.
      this.#close()
      return false
    }
    return true
  }

  /**
   * A RowDescription waits for its fields' relations (all of them for
   * protocol version 1, those of text fields otherwise): PostgreSQL's stream stops there and is read again, that message
   * first, once they are known (it never waits twice).
   */
  #holdBackend(lookup: Promise<void>): false {
    this.#backHeld = true
    this.#backWaited = true
    this.#backend.pause()
    void lookup.then(() => {
      this.#backHeld = false
      this.#resumeBackend()
    })
    return false
  }

  /** The channel's reader caught up: messages held back are read again. */
  #resumeBackend(): void {
    if (this.#closed) return
    this.#back.read(EMPTY, this.#onBack)
    this.#flushToClient()
    this.#backend.resume()
  }

  #flushToClient(): void {
    if (this.#closed) return
    if (!this.#parts.toClient.writeTo(this.#client)) {
      this.#backend.pause()
      this.#client.once('drain', () => this.#backend.resume())
    }
  }

  // ------------------------------------------------------------------ lifecycle

  readonly #clientGone = (): void => {
    this.#endReason ??= 2
    this.#close()
  }

  readonly #backendGone = (): void => {
    this.#endReason ??= 3
    this.#close()
  }

  /** The disconnection, for STL_CONNECTION_LOG and STL_SESSIONS. */
  #recordEnd(): void {
    const connection = this.#connection
    if (connection === undefined) return
    this.#runtime.log.connection(this.database, {
      ...connection,
      event: 'disconnecting session',
      recordtime: new Date(),
      duration: Math.round((performance.now() - this.#startedMs) * 1000),
      session_start: this.#startedAt,
      timed_out: this.#endReason ?? 0,
    })
  }

  readonly #close = (): void => {
    if (this.#closed) return
    this.#closed = true
    this.#recordEnd()
    const pending = this.#pending
    const waiting = pending?.wait?.cancel() === true
    this.#pending = null
    const { slot, queue, runs, bulk, channel } = this.#parts
    // A message still waiting for its WLM slot never reached the queue.
    if (waiting)
      for (const run of pending!.unit.runs ?? []) if (run) runs.abandon(run)
    const bulkRunning = channel.active
    bulk.closed()
    slot.release()
    queue.forEach((unit) => {
      for (const run of unit.runs ?? []) if (run) runs.abandon(run)
    })
    this.#extended.finishPortals()
    this.#parts.transaction.closed()
    if (!this.#backend.destroyed) {
      // PostgreSQL reads Terminate only once the statement in hand ends; one
      // waiting on a lock or still running would keep its backend, its locks
      // and its transaction long after the client left.
      if (!queue.empty || bulkRunning)
        this.#runtime.cancelBackend(this.pid, this.#backendSecret)
      this.#backend.end(TERMINATE)
    }
    this.#client.destroy()
    this.#onClose(this)
  }
}
