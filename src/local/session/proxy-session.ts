import type net from 'node:net'

import { serialize } from 'pg-protocol'

import { reject } from '../errors/reject.js'
import { reshapeError } from '../errors/reshape-error.js'
import { commandComplete } from '../protocol/backend-messages.js'
import {
  decodeErrorFields,
  encodeErrorMessage,
  type ErrorFields,
} from '../protocol/error-fields.js'
import { MessageReader } from '../protocol/message-reader.js'
import { QueryRun } from '../runtime/query-run.js'
import type { WlmGrant, WlmQueue } from '../runtime/wlm.js'
import { quoteLiteral } from '../sql/quote.js'
import type { PlannedStatement, StatementPlan } from '../sql/statement-plan.js'
import { applyFaultCommand } from './apply-fault-command.js'
import { OutputBatch } from './output-batch.js'
import type { Portal, PreparedStatement } from './prepared.js'
import type { SessionRuntime } from './session-runtime.js'
import { SessionSettings } from './session-settings.js'
import { Unit, UnitKind } from './unit.js'
import { newPendingMessage, type PendingMessage } from './pending-message.js'
import {
  SENTINEL,
  SENTINEL_PARSE,
  SENTINEL_QUERY,
  tagRows,
  TERMINATE,
} from './wire-constants.js'

const EMPTY = Buffer.alloc(0)

/** What the session's settings say about routing, cached per settings version. */
interface Routing {
  readonly version: number
  readonly label: string
  readonly queue: WlmQueue
  readonly slots: number
}

/** Who is connected, as the start-up message said. */
export interface SessionIdentity {
  readonly user: string
  readonly database: string
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
  /** Emulator transaction id of the open transaction block (0 outside one). */
  xid = 0
  /** Tables touched in the open transaction block. */
  readonly txTables = new Set<string>()
  /** Query id of the last statement that completed (PG_LAST_QUERY_ID()). */
  lastQueryId: number | null = null

  readonly #runtime: SessionRuntime
  readonly #client: net.Socket
  readonly #backend: net.Socket
  readonly #backendSecret: number
  readonly #onClose: (session: ProxySession) => void
  readonly #front = new MessageReader()
  readonly #back = new MessageReader()
  readonly #toBackend = new OutputBatch()
  readonly #toClient = new OutputBatch()
  #units: Unit[] = []
  #head = 0
  readonly #statements = new Map<string, PreparedStatement>()
  readonly #portals = new Map<string, Portal>()
  /** Transaction status as predicted from what was sent ('I', 'T' or 'E'). */
  #tx = 'I'
  #grant: WlmGrant | null = null
  #active = 0
  #cancelMessage: string | undefined
  #pending: PendingMessage | null = null
  #rows = 0
  #foldVersion = -1
  #fold = true
  #closed = false
  #routingCache: Routing | undefined
  /** Tables of the transaction that just ended (a failing COMMIT names them). */
  #endedTables: readonly string[] = []

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
  }

  /** Transaction status as the session predicts it from what it sent. */
  get transactionStatus(): string {
    return this.#tx
  }

  /** Starts relaying; `leftover` is anything the client sent after start-up. */
  start(leftover?: Buffer): void {
    const client = this.#client
    const backend = this.#backend
    client.on('data', this.#onClientData)
    backend.on('data', this.#onBackendData)
    client.on('close', this.#close)
    backend.on('close', this.#close)
    client.on('error', this.#close)
    backend.on('error', this.#close)
    if (leftover && leftover.length > 0) this.#onClientData(leftover)
  }

  /**
   * Cancels what the session runs or waits for: a statement waiting for a
   * WLM slot fails at once; one running in PostgreSQL gets a CancelRequest.
   * `message` replaces the usual "Query (N) cancelled on user's request".
   */
  cancel(message?: string): void {
    const pending = this.#pending
    if (pending?.wait !== undefined && pending.wait.cancel()) {
      const run = pending.unit.currentRun
      this.#refuse(
        pending,
        reject.other(
          '57014',
          message ??
            `Query (${run?.queryId ?? -1}) cancelled on user's request`,
        ),
      )
      pending.needsSlot = false
      pending.wait = undefined
      pending.release?.()
      return
    }
    this.#cancelMessage = message
    this.#runtime.cancelBackend(this.pid, this.#backendSecret)
  }

  /** Closes both connections (used when the emulator stops). */
  destroy(): void {
    this.#client.destroy()
    this.#backend.destroy()
  }

  // ---------------------------------------------------------------- client side

  readonly #onClientData = (chunk: Buffer): void => {
    if (this.#pending !== null) {
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
    if (!this.#toBackend.writeTo(this.#backend)) {
      this.#client.pause()
      this.#backend.once('drain', () => {
        if (this.#pending === null) this.#client.resume()
      })
    }
  }

  readonly #onFront = (
    type: number,
    buf: Buffer,
    start: number,
    end: number,
  ): boolean => {
    switch (type) {
      case 0x51 /* Q */:
        return this.#query(buf, start, end)
      case 0x50 /* P */:
        return this.#parse(buf, start, end)
      case 0x42 /* B */:
        return this.#bind(buf, start, end)
      case 0x45 /* E */:
        return this.#execute(buf, start, end)
      case 0x44 /* D */:
        this.#push(new Unit(UnitKind.Describe))
        break
      case 0x43 /* C */:
        this.#closeMessage(buf, start)
        break
      case 0x53 /* S */:
        this.#push(new Unit(UnitKind.Sync))
        break
      case 0x46 /* F */:
        this.#push(new Unit(UnitKind.Function))
        break
      default:
        // Flush, Terminate, CopyData/CopyDone/CopyFail: nothing to answer or see.
        break
    }
    this.#toBackend.pass(buf, start, end)
    return true
  }

  #folding(): boolean {
    const settings = this.settings
    if (settings.version !== this.#foldVersion) {
      this.#foldVersion = settings.version
      this.#fold =
        settings.get('enable_case_sensitive_identifier') === 'off' &&
        settings.get('downcase_delimited_identifier') === 'on'
    }
    return this.#fold
  }

  #query(buf: Buffer, start: number, end: number): boolean {
    let pending = this.#pending
    if (pending === null) {
      const text = buf.toString('utf8', start + 5, end - 1)
      pending = this.#prepareQuery(
        text,
        this.#runtime.planner.plan(text, this.#folding()),
      )
      this.#pending = pending
    }
    if (!this.#gates(pending)) return false
    this.#pending = null
    this.#send(pending, buf, start, end)
    return true
  }

  #prepareQuery(text: string, plan: StatementPlan): PendingMessage {
    const unit = new Unit(UnitKind.Query)
    const pending = newPendingMessage(unit)
    unit.statements = plan.statements
    if (plan.reject) {
      unit.runs = [
        this.#newRun(text.trim(), this.xid || this.#runtime.nextXid()),
      ]
      this.#refuse(pending, plan.reject)
      return pending
    }
    const statements = plan.statements
    if (statements.length > 0 && statements[0]!.action?.kind !== 'fault') {
      const verdict = this.#runtime.faults.check(text)
      pending.latencyMs = verdict.latencyMs
      pending.drop = verdict.drop
      if (verdict.fail) {
        unit.runs = [
          this.#newRun(text.trim(), this.xid || this.#runtime.nextXid()),
        ]
        this.#refuse(
          pending,
          reject.other(
            verdict.fail.code,
            verdict.fail.message,
            verdict.fail.detail,
          ),
        )
        return pending
      }
    }
    if (!plan.dynamic) {
      // The common case: nothing depends on the session; one run per statement.
      const runs: QueryRun[] = []
      for (const s of statements) {
        runs.push(this.#newRun(s.original, this.#statementXid(s)))
      }
      unit.runs = runs
      if (!plan.unchanged)
        pending.replacement = Buffer.from(serialize.query(plan.text))
      this.#gateFlags(pending, plan)
      return pending
    }
    // Statements whose text or effect depends on the session: render one by one.
    const savedTx = this.#tx
    const savedXid = this.xid
    const savedSettings = this.settings.save()
    const runs: (QueryRun | null)[] = []
    const renderedStatements: PlannedStatement[] = []
    const texts: string[] = []
    for (const s of statements) {
      if (s.notInBlock !== undefined && this.#tx !== 'I') {
        this.#tx = savedTx
        this.xid = savedXid
        this.settings.restore(savedSettings)
        unit.statements = statements
        unit.runs = [
          this.#newRun(text.trim(), this.xid || this.#runtime.nextXid()),
        ]
        this.#refuse(pending, s.notInBlock)
        return pending
      }
      if (s.commitsFirst && this.#tx === 'T') {
        // TRUNCATE commits the open transaction first, as on Redshift.
        texts.push('COMMIT')
        runs.push(null)
        renderedStatements.push(s)
        this.#endTransaction(true)
      }
      if (s.dropsDatabase !== undefined) {
        const database = s.dropsDatabase
        pending.before = () => this.#runtime.releaseDatabase(database)
      }
      const xidBefore = this.xid
      const rendered = this.#render(s, unit, pending)
      texts.push(rendered)
      runs.push(this.#newRun(s.original, this.#runXid(s, xidBefore)))
      renderedStatements.push(s)
      if (s.after !== undefined) {
        texts.push(s.after)
        runs.push(null)
        renderedStatements.push(s)
      }
    }
    unit.runs = runs
    unit.statements = renderedStatements
    pending.replacement = Buffer.from(serialize.query(texts.join(';\n')))
    this.#gateFlags(pending, plan)
    return pending
  }

  /**
   * Applies what a statement does to the session when it is sent (SET of a
   * Redshift parameter, BEGIN/COMMIT bookkeeping, fault commands) and returns
   * the text PostgreSQL runs for it.
   */
  #render(s: PlannedStatement, unit: Unit, pending: PendingMessage): string {
    if (s.transaction === 'begin') {
      if (this.#tx === 'I') {
        this.#tx = 'T'
        this.xid = this.#runtime.nextXid()
        this.txTables.clear()
        this.settings.begin()
      }
    } else if (s.transaction === 'commit' || s.transaction === 'rollback') {
      this.#endTransaction(s.transaction === 'commit' && this.#tx !== 'E')
    } else if (s.table !== undefined && this.#tx !== 'I') {
      this.txTables.add(s.table)
    }
    const action = s.action
    if (action === undefined) {
      return s.contextual
        ? this.#runtime.planner.renderContextual(
            s,
            { lastQueryId: this.lastQueryId },
            this.#folding(),
          )
        : s.text
    }
    switch (action.kind) {
      case 'set':
        unit.settingsBefore ??= this.settings.save()
        this.settings.set(action.name, action.value, {
          local: action.local,
          inTransaction: this.#tx !== 'I',
        })
        return s.text
      case 'mirror':
        unit.settingsBefore ??= this.settings.save()
        this.settings.set(action.name, action.value, {
          local: action.local,
          inTransaction: this.#tx !== 'I',
        })
        return s.text
      case 'reset-all':
        unit.settingsBefore ??= this.settings.save()
        this.settings.resetAll()
        return s.text
      case 'show': {
        const value = action.constant ?? this.settings.get(action.name)
        return `SELECT ${quoteLiteral(value)}::text AS ${action.name}`
      }
      case 'cancel':
        ;(pending.cancels ??= []).push({
          pid: action.pid,
          ...(action.message !== undefined ? { message: action.message } : {}),
        })
        return s.text
      case 'fault':
        applyFaultCommand(this.#runtime.faults, action.command)
        return s.text
    }
  }

  #endTransaction(committed: boolean): void {
    if (this.#tx === 'I') return
    this.#endedTables = [...this.txTables]
    this.#runtime.transactionEnded(this.pid, this.xid, this.#endedTables)
    this.txTables.clear()
    if (committed) this.settings.commit()
    else this.settings.rollback()
    this.#tx = 'I'
    this.xid = 0
  }

  /** A rendered statement's xid: COMMIT and ROLLBACK belong to the block they end. */
  #runXid(s: PlannedStatement, xidBefore: number): number {
    if (
      (s.transaction === 'commit' || s.transaction === 'rollback') &&
      xidBefore !== 0
    ) {
      return xidBefore
    }
    return this.#statementXid(s)
  }

  #statementXid(s: PlannedStatement): number {
    if (this.#tx !== 'I') {
      if (s.table !== undefined) this.txTables.add(s.table)
      return this.xid
    }
    return this.#runtime.nextXid()
  }

  #gateFlags(pending: PendingMessage, plan: StatementPlan): void {
    pending.needsFlush = plan.readsSystemView
    if (plan.usesWlm) this.#wantSlot(pending)
  }

  #wantSlot(pending: PendingMessage): void {
    const routing = this.#routing()
    pending.needsSlot = true
    pending.queue = routing.queue
    pending.slots = routing.slots
  }

  /** Label, WLM queue and slot count for the current settings (recomputed when they change). */
  #routing(): Routing {
    const settings = this.settings
    let routing = this.#routingCache
    if (routing === undefined || routing.version !== settings.version) {
      const group = settings.has('query_group')
        ? settings.get('query_group')
        : undefined
      routing = {
        version: settings.version,
        label: group === undefined ? 'default' : group.slice(0, 30),
        queue: this.#runtime.wlm.route(group, this.user),
        slots: Number(settings.get('wlm_query_slot_count')),
      }
      this.#routingCache = routing
    }
    return routing
  }

  #newRun(text: string, xid: number): QueryRun {
    const routing = this.#routing()
    return new QueryRun({
      queryId: this.#runtime.nextQueryId(),
      pid: this.pid,
      user: this.user,
      database: this.database,
      label: routing.label,
      text,
      xid,
      serviceClass: routing.queue.serviceClass,
      slots: routing.slots,
    })
  }

  /** Makes a held message fail with `error` instead of running. */
  #refuse(pending: PendingMessage, error: ErrorFields): void {
    pending.unit.reject = error
    pending.unit.wlm = false
    pending.needsSlot = false
    pending.needsFlush = false
    pending.replacement =
      pending.unit.kind === UnitKind.Query ? SENTINEL_QUERY : SENTINEL_PARSE
  }

  /** Runs the gates a message must pass; false means it is held for now. */
  #gates(pending: PendingMessage): boolean {
    if (pending.before !== undefined) {
      const before = pending.before
      pending.before = undefined
      this.#hold(before())
      return false
    }
    if (pending.latencyMs > 0) {
      const ms = pending.latencyMs
      pending.latencyMs = 0
      this.#hold(new Promise<void>((resolve) => setTimeout(resolve, ms)))
      return false
    }
    if (pending.needsFlush) {
      pending.needsFlush = false
      this.#hold(this.#runtime.log.flush(this.database))
      return false
    }
    if (pending.needsSlot) {
      pending.needsSlot = false
      if (this.#grant === null) {
        const queue = pending.queue!
        const slots = pending.slots
        if (slots > queue.concurrency) {
          this.#refuse(
            pending,
            reject.other(
              '53000',
              `wlm_query_slot_count (${slots}) exceeds the concurrency (${queue.concurrency}) of WLM queue "${queue.name}"`,
            ),
          )
          return true
        }
        const grant = this.#runtime.wlm.tryAcquire(queue, slots)
        if (grant === null) {
          const run = pending.unit.currentRun
          if (run) {
            run.queue()
            run.serviceClass = queue.serviceClass
            run.slots = slots
            this.#runtime.log.started(run)
          }
          const wait = this.#runtime.wlm.wait(queue, slots)
          pending.wait = wait
          // statement_timeout counts the time spent waiting for a slot too.
          const timeoutMs = Number(this.settings.get('statement_timeout') || 0)
          const timer =
            timeoutMs > 0
              ? setTimeout(() => {
                  if (!wait.cancel()) return
                  this.#refuse(
                    pending,
                    reject.other(
                      '57014',
                      `Query (${run?.queryId ?? -1}) cancelled on user's request`,
                    ),
                  )
                  pending.wait = undefined
                  pending.release?.()
                }, timeoutMs)
              : undefined
          this.#hold(
            new Promise<void>((resolve) => {
              pending.release = resolve
              void wait.promise.then((granted) => {
                if (timer !== undefined) clearTimeout(timer)
                this.#grant = granted
                pending.wait = undefined
                pending.unit.wlm = true
                if (this.#closed) this.#releaseSlot()
                resolve()
              })
            }),
          )
          return false
        }
        this.#grant = grant
      }
      pending.unit.wlm = true
    }
    return true
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
    if (pending.replacement !== undefined)
      this.#toBackend.push(pending.replacement)
    else this.#toBackend.pass(buf, start, end)
    const unit = pending.unit
    if (unit.wlm) {
      this.#active++
      for (const run of unit.runs ?? []) {
        if (run !== null && run !== undefined) {
          run.inWlm = true
          if (this.#grant) {
            run.serviceClass = this.#grant.queue.serviceClass
            run.slots = this.#grant.slots
          }
        }
      }
    }
    this.#push(unit)
    const after =
      unit.kind === UnitKind.Execute && unit.reject === undefined
        ? unit.statements?.[0]?.after
        : undefined
    if (after !== undefined) this.#hiddenStatement(after)
    if (pending.cancels) {
      for (const c of pending.cancels) this.#runtime.cancel(c.pid, c.message)
    }
    if (pending.drop) {
      // The statement goes out with this batch; the client loses its connection right after.
      setImmediate(() => this.#client.destroy())
    }
  }

  #push(unit: Unit): void {
    this.#units.push(unit)
    if (this.#units.length - 1 === this.#head) this.#becameHead(unit)
  }

  /** A unit reached the head of the queue: PostgreSQL is now working on it. */
  #becameHead(unit: Unit): void {
    this.#rows = 0
    const run = unit.currentRun
    if (run === undefined || run === null) return
    if (run.state === 'queued' || !this.#runtime.log.active.has(run)) {
      run.start()
      this.#runtime.log.started(run)
    }
  }

  #parse(buf: Buffer, start: number, end: number): boolean {
    let pending = this.#pending
    if (pending === null) {
      pending = this.#prepareParse(buf, start)
      this.#pending = pending
    }
    if (!this.#gates(pending)) return false
    this.#pending = null
    this.#send(pending, buf, start, end)
    return true
  }

  #prepareParse(buf: Buffer, start: number): PendingMessage {
    const nameEnd = buf.indexOf(0, start + 5)
    const name = buf.toString('utf8', start + 5, nameEnd)
    const textEnd = buf.indexOf(0, nameEnd + 1)
    const text = buf.toString('utf8', nameEnd + 1, textEnd)
    const plan = this.#runtime.planner.plan(text, this.#folding())
    this.#statements.set(name, { text, plan })
    const pending = newPendingMessage(new Unit(UnitKind.Parse))
    const sentinel = () =>
      Buffer.from(serialize.parse({ name, text: SENTINEL }))
    if (plan.reject) {
      pending.unit.reject = plan.reject
      pending.replacement = sentinel()
      return pending
    }
    // Under SERIALIZABLE, PostgreSQL fixes the snapshot when it analyses the
    // statement at Parse: the query log must be written before that.
    pending.needsFlush = plan.readsSystemView
    const s = plan.statements[0]
    if (
      plan.statements.length !== 1 ||
      s === undefined ||
      (plan.unchanged && !plan.dynamic)
    ) {
      return pending
    }
    if (s.notInBlock !== undefined && this.#tx !== 'I') {
      pending.unit.reject = s.notInBlock
      pending.needsFlush = false
      pending.replacement = sentinel()
      return pending
    }
    if (s.commitsFirst && this.#tx === 'T') {
      // TRUNCATE commits the open transaction first, as on Redshift.
      this.#hiddenStatement('COMMIT')
      this.#endTransaction(true)
    }
    let backendText = s.text
    if (s.action?.kind === 'show') {
      backendText = `SELECT ${quoteLiteral(s.action.constant ?? this.settings.get(s.action.name))}::text AS ${s.action.name}`
    } else if (s.contextual) {
      backendText = this.#runtime.planner.renderContextual(
        s,
        { lastQueryId: this.lastQueryId },
        this.#folding(),
      )
    }
    const count = buf.readInt16BE(textEnd + 1)
    const types: number[] = []
    for (let i = 0; i < count; i++)
      types.push(buf.readInt32BE(textEnd + 3 + i * 4))
    pending.replacement = Buffer.from(
      serialize.parse({ name, text: backendText, types }),
    )
    return pending
  }

  /**
   * Runs a statement of the emulator's own through the extended protocol
   * (a named statement and portal, so the client's unnamed ones survive),
   * its answers hidden from the client.
   */
  #hiddenStatement(text: string): void {
    const name = 'redshift_local_hidden'
    this.#toBackend.push(Buffer.from(serialize.parse({ name, text })))
    this.#toBackend.push(
      Buffer.from(serialize.bind({ portal: name, statement: name })),
    )
    this.#toBackend.push(Buffer.from(serialize.execute({ portal: name })))
    this.#toBackend.push(Buffer.from(serialize.close({ type: 'S', name })))
    for (const kind of [
      UnitKind.Parse,
      UnitKind.Bind,
      UnitKind.Execute,
      UnitKind.Close,
    ]) {
      const unit = new Unit(kind)
      unit.hidden = true
      this.#push(unit)
    }
  }

  #bind(buf: Buffer, start: number, end: number): boolean {
    let pending = this.#pending
    if (pending === null) {
      const portalEnd = buf.indexOf(0, start + 5)
      const portal = buf.toString('utf8', start + 5, portalEnd)
      const statementEnd = buf.indexOf(0, portalEnd + 1)
      const statement = buf.toString('utf8', portalEnd + 1, statementEnd)
      const previous = this.#portals.get(portal)
      if (previous?.run) this.#finishPortal(previous)
      const prepared = this.#statements.get(statement)
      this.#portals.set(portal, { prepared, run: null, rows: 0 })
      pending = newPendingMessage(new Unit(UnitKind.Bind))
      // A new transaction takes its snapshot at Bind (a statement prepared
      // earlier is bound again): write the query log before that too.
      pending.needsFlush = prepared?.plan.readsSystemView === true
      if (!pending.needsFlush) {
        this.#push(pending.unit)
        this.#toBackend.pass(buf, start, end)
        return true
      }
      this.#pending = pending
    }
    if (!this.#gates(pending)) return false
    this.#pending = null
    this.#send(pending, buf, start, end)
    return true
  }

  #execute(buf: Buffer, start: number, end: number): boolean {
    let pending = this.#pending
    if (pending === null) {
      const portalName = buf.toString(
        'utf8',
        start + 5,
        buf.indexOf(0, start + 5),
      )
      const portal = this.#portals.get(portalName)
      const plan = portal?.prepared?.plan
      const unit = new Unit(UnitKind.Execute)
      unit.portal = portalName
      const s = plan?.statements[0]
      if (
        portal === undefined ||
        plan === undefined ||
        plan.reject ||
        s === undefined ||
        plan.statements.length !== 1
      ) {
        this.#push(unit)
        this.#toBackend.pass(buf, start, end)
        return true
      }
      pending = newPendingMessage(unit)
      unit.statements = [s]
      if (portal.run !== null) {
        // The next batch of a portal read in batches: same query, same run.
        unit.runs = [portal.run]
        unit.rowsBefore = portal.rows
        if (s.usesWlm) this.#wantSlot(pending)
      } else {
        this.#prepareExecute(pending, portal.prepared!, s)
      }
      this.#pending = pending
    }
    if (!this.#gates(pending)) return false
    this.#pending = null
    this.#send(pending, buf, start, end)
    return true
  }

  #prepareExecute(
    pending: PendingMessage,
    prepared: PreparedStatement,
    s: PlannedStatement,
  ): void {
    const unit = pending.unit
    if (s.action?.kind !== 'fault') {
      const verdict = this.#runtime.faults.check(prepared.text)
      pending.latencyMs = verdict.latencyMs
      pending.drop = verdict.drop
      if (verdict.fail) {
        unit.runs = [
          this.#newRun(s.original, this.xid || this.#runtime.nextXid()),
        ]
        this.#refuse(
          pending,
          reject.other(
            verdict.fail.code,
            verdict.fail.message,
            verdict.fail.detail,
          ),
        )
        return
      }
    }
    if (s.notInBlock !== undefined && this.#tx !== 'I') {
      unit.runs = [
        this.#newRun(s.original, this.xid || this.#runtime.nextXid()),
      ]
      this.#refuse(pending, s.notInBlock)
      return
    }
    if (s.dropsDatabase !== undefined) {
      const database = s.dropsDatabase
      pending.before = () => this.#runtime.releaseDatabase(database)
    }
    const xidBefore = this.xid
    if (
      s.action !== undefined ||
      s.transaction !== undefined ||
      s.table !== undefined
    ) {
      // SET / BEGIN / COMMIT / CANCEL take effect when executed, not when parsed.
      this.#render(s, unit, pending)
    }
    unit.runs = [this.#newRun(s.original, this.#runXid(s, xidBefore))]
    if (s.usesWlm) this.#wantSlot(pending)
  }

  #closeMessage(buf: Buffer, start: number): void {
    const kind = buf[start + 5]
    const name = buf.toString('utf8', start + 6, buf.indexOf(0, start + 6))
    if (kind === 0x50 /* P */) {
      const portal = this.#portals.get(name)
      if (portal?.run) this.#finishPortal(portal)
      this.#portals.delete(name)
    } else {
      this.#statements.delete(name)
    }
    this.#push(new Unit(UnitKind.Close))
  }

  #finishPortal(portal: Portal): void {
    const run = portal.run
    if (run !== null) {
      run.finish('done', portal.rows)
      this.#runtime.log.finished(run)
      this.lastQueryId = run.queryId
      portal.run = null
    }
  }

  // --------------------------------------------------------------- backend side

  readonly #onBackendData = (chunk: Buffer): void => {
    this.#back.read(chunk, this.#onBack)
    if (!this.#toClient.writeTo(this.#client)) {
      this.#backend.pause()
      this.#client.once('drain', () => this.#backend.resume())
    }
  }

  readonly #onBack = (
    type: number,
    buf: Buffer,
    start: number,
    end: number,
  ): void => {
    switch (type) {
      case 0x44 /* D DataRow */:
        this.#rows++
        this.#toClient.pass(buf, start, end)
        return
      case 0x43 /* C CommandComplete */:
        this.#commandComplete(buf, start, end)
        return
      case 0x5a /* Z ReadyForQuery */:
        this.#readyForQuery(buf, start, end)
        return
      case 0x54 /* T RowDescription */:
      case 0x6e /* n NoData */: {
        const unit = this.#units[this.#head]
        if (unit?.kind === UnitKind.Describe) this.#shift()
        if (unit?.hidden !== true) this.#toClient.pass(buf, start, end)
        return
      }
      case 0x31 /* 1 ParseComplete */:
      case 0x32 /* 2 BindComplete */:
      case 0x33 /* 3 CloseComplete */: {
        const unit = this.#units[this.#head]
        this.#shift()
        if (unit?.hidden !== true) this.#toClient.pass(buf, start, end)
        return
      }
      case 0x45 /* E ErrorResponse */:
        this.#error(buf, start, end)
        return
      case 0x49 /* I EmptyQueryResponse */:
        this.#emptyQuery(buf, start, end)
        return
      case 0x73 /* s PortalSuspended */:
        this.#portalSuspended(buf, start, end)
        return
      default:
        this.#toClient.pass(buf, start, end)
        return
    }
  }

  #shift(): void {
    const units = this.#units
    units[this.#head] = undefined as unknown as Unit
    this.#head++
    if (this.#head === units.length) {
      this.#units = []
      this.#head = 0
      return
    }
    if (this.#head > 256 && this.#head * 2 > units.length) {
      this.#units = units.slice(this.#head)
      this.#head = 0
    }
    this.#becameHead(this.#units[this.#head]!)
  }

  #unitDone(unit: Unit): void {
    if (unit.wlm) {
      unit.wlm = false
      if (--this.#active === 0) this.#releaseSlot()
    }
  }

  #releaseSlot(): void {
    const grant = this.#grant
    if (grant !== null) {
      this.#grant = null
      this.#runtime.wlm.release(grant)
    }
  }

  #commandComplete(buf: Buffer, start: number, end: number): void {
    const unit = this.#units[this.#head]
    if (unit === undefined) {
      this.#toClient.pass(buf, start, end)
      return
    }
    if (unit.kind === UnitKind.Query) {
      const run = unit.runs?.[unit.index]
      const statement = unit.statements?.[unit.index]
      unit.index++
      if (run === null) {
        // The emulator's own COMMIT before TRUNCATE: not the client's business.
        this.#startNext(unit)
        return
      }
      this.#completed(run, statement, buf, start, end)
      this.#startNext(unit)
      return
    }
    if (unit.hidden) {
      this.#shift()
      return
    }
    const run =
      unit.kind === UnitKind.Execute ? (unit.runs?.[0] ?? undefined) : undefined
    const statement = unit.statements?.[0]
    if (run !== undefined && unit.portal !== undefined) {
      const portal = this.#portals.get(unit.portal)
      if (portal?.run === run) portal.run = null
    }
    this.#completed(run, statement, buf, start, end, unit.rowsBefore)
    this.#unitDone(unit)
    this.#shift()
  }

  #completed(
    run: QueryRun | undefined,
    statement: PlannedStatement | undefined,
    buf: Buffer,
    start: number,
    end: number,
    rowsBefore = 0,
  ): void {
    if (statement?.tag !== undefined)
      this.#toClient.push(commandComplete(statement.tag))
    else this.#toClient.pass(buf, start, end)
    if (run === undefined) return
    const isSelect =
      buf[start + 5] === 0x53 /* S */ && buf[start + 6] === 0x45 /* E */
    const rows = isSelect ? rowsBefore + this.#rows : tagRows(buf, start, end)
    this.#rows = 0
    run.finish('done', rows)
    this.#runtime.log.finished(run)
    this.lastQueryId = run.queryId
    if (statement === undefined) return
    if (
      statement.transaction === 'commit' &&
      buf[start + 5] === 0x52 /* R(OLLBACK) */
    ) {
      this.settings.revertLastCommit()
    }
  }

  /** A multi-statement Query moves on to its next statement. */
  #startNext(unit: Unit): void {
    const next = unit.runs?.[unit.index]
    if (next !== undefined && next !== null) {
      next.start()
      this.#runtime.log.started(next)
    }
  }

  #emptyQuery(buf: Buffer, start: number, end: number): void {
    const unit = this.#units[this.#head]
    if (unit !== undefined && unit.kind !== UnitKind.Query) {
      this.#unitDone(unit)
      this.#shift()
    }
    this.#toClient.pass(buf, start, end)
  }

  #portalSuspended(buf: Buffer, start: number, end: number): void {
    const unit = this.#units[this.#head]
    if (unit?.kind === UnitKind.Execute) {
      const run = unit.runs?.[0]
      const portal =
        unit.portal !== undefined ? this.#portals.get(unit.portal) : undefined
      if (run !== undefined && run !== null && portal !== undefined) {
        portal.run = run
        portal.rows = unit.rowsBefore + this.#rows
      }
      this.#rows = 0
      this.#unitDone(unit)
      this.#shift()
    }
    this.#toClient.pass(buf, start, end)
  }

  #error(buf: Buffer, start: number, end: number): void {
    const unit = this.#units[this.#head]
    const fields = decodeErrorFields(buf, start, end)
    if (
      unit === undefined ||
      fields.severity === 'FATAL' ||
      fields.severity === 'PANIC'
    ) {
      this.#toClient.pass(buf, start, end)
      return
    }
    const run =
      unit.kind === UnitKind.Query
        ? (unit.runs?.[unit.index] ?? undefined)
        : unit.kind === UnitKind.Execute
          ? (unit.runs?.[0] ?? undefined)
          : undefined
    const statement =
      unit.kind === UnitKind.Query
        ? unit.statements?.[unit.index]
        : unit.statements?.[0]
    let out = unit.reject
    if (out === undefined) {
      const table =
        statement?.table ?? [...this.txTables][0] ?? this.#endedTables[0]
      const other =
        fields.code === '40001'
          ? this.#runtime.conflictingTransaction(this.pid, table)
          : undefined
      out = reshapeError(fields, {
        queryId: run?.queryId,
        cancelMessage: this.#cancelMessage,
        isolation: this.#runtime.isolation,
        table,
        xid: run?.xid ?? this.xid,
        otherXid: other?.xid,
        otherPid: other?.pid,
      })
    }
    if (out !== undefined) this.#toClient.push(encodeErrorMessage(out))
    else this.#toClient.pass(buf, start, end)
    this.#cancelMessage = undefined
    this.#rows = 0
    const code = (out ?? fields).code
    if (run !== undefined && run !== null) {
      run.finish(
        code === '57014' ? 'cancelled' : 'failed',
        0,
        code,
        (out ?? fields).message,
      )
      this.#runtime.log.finished(run)
      this.lastQueryId = run.queryId
      if (unit.portal !== undefined) {
        const portal = this.#portals.get(unit.portal)
        if (portal?.run === run) portal.run = null
      }
    }
    if (unit.settingsBefore !== undefined)
      this.settings.restore(unit.settingsBefore)
    if (this.#tx === 'T') this.#tx = 'E'
    if (unit.kind === UnitKind.Query || unit.kind === UnitKind.Function) {
      // The rest of the Query does not run; ReadyForQuery still follows.
      for (let i = unit.index + 1; i < (unit.runs?.length ?? 0); i++) {
        const skipped = unit.runs![i]
        if (skipped) this.#runtime.log.forget(skipped)
      }
      unit.index = unit.runs?.length ?? 0
      this.#unitDone(unit)
      return
    }
    // Extended protocol: PostgreSQL skips everything up to the next Sync.
    this.#unitDone(unit)
    this.#shift()
    while (
      this.#head < this.#units.length &&
      this.#units[this.#head]!.kind !== UnitKind.Sync
    ) {
      const skipped = this.#units[this.#head]!
      for (const r of skipped.runs ?? []) if (r) this.#runtime.log.forget(r)
      if (skipped.settingsBefore !== undefined)
        this.settings.restore(skipped.settingsBefore)
      this.#unitDone(skipped)
      this.#shift()
    }
  }

  #readyForQuery(buf: Buffer, start: number, end: number): void {
    const unit = this.#units[this.#head]
    const hidden = unit?.hidden === true
    if (
      unit !== undefined &&
      (unit.kind === UnitKind.Sync ||
        unit.kind === UnitKind.Query ||
        unit.kind === UnitKind.Function)
    ) {
      this.#unitDone(unit)
      this.#shift()
    }
    const status = String.fromCharCode(buf[start + 5]!)
    if (this.#head === this.#units.length) {
      // Nothing else in flight: the prediction must match PostgreSQL.
      if (status === 'I' && this.#tx !== 'I') this.#endTransaction(false)
      this.#tx = status
      if (status === 'I') {
        this.xid = 0
        for (const portal of this.#portals.values())
          if (portal.run) this.#finishPortal(portal)
      }
      this.#cancelMessage = undefined
    }
    if (!hidden) this.#toClient.pass(buf, start, end)
  }

  // ------------------------------------------------------------------ lifecycle

  readonly #close = (): void => {
    if (this.#closed) return
    this.#closed = true
    const pending = this.#pending
    if (pending?.wait) pending.wait.cancel()
    this.#pending = null
    this.#releaseSlot()
    for (let i = this.#head; i < this.#units.length; i++) {
      for (const run of this.#units[i]!.runs ?? []) {
        if (run && run.state !== 'done' && run.state !== 'failed') {
          run.finish('cancelled', 0, '57P01')
          this.#runtime.log.finished(run)
        }
      }
    }
    for (const portal of this.#portals.values())
      if (portal.run) this.#finishPortal(portal)
    if (!this.#backend.destroyed) {
      this.#backend.end(TERMINATE)
    }
    this.#client.destroy()
    this.#onClose(this)
  }
}
