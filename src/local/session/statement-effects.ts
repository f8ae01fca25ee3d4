import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js'
import type { EmulatorAction, PlannedStatement } from '../sql/statement-plan.js'
import { applyFaultCommand } from './apply-fault-command.js'
import { otherDatabaseStatement } from './other-database-reads.js'
import type { BulkStatements } from './bulk-statements.js'
import type { IdentifierFolding } from './identifier-folding.js'
import type { PendingMessage } from './pending-message.js'
import type { QueryRuns } from './query-runs.js'
import { REDSHIFT_ONLY_PARAMETERS } from './redshift-parameters.js'
import { cancelledError, refuseMessage } from './refuse-message.js'
import { parseCopy } from '../load/parse-copy.js'
import { showAllSql } from './show-all.js'
import { resetAllSql } from '../sql/context-variables.js'
import type { SessionRuntime } from './session-runtime.js'
import type { SessionSettings } from './session-settings.js'
import type { TransactionState } from './transaction-state.js'
import type { WriteLocks } from '../runtime/write-locks.js'
import { closesMixedCycle } from '../runtime/mixed-deadlocks.js'
import type { WrittenName } from '../runtime/write-lock-tables.js'
import { UnitKind, type Unit } from './unit.js'

type ShowAction = Extract<EmulatorAction, { readonly kind: 'show' }>

/**
 * What statements do to the session when they are sent, shared by the
 * simple and the extended protocol: transaction bookkeeping, Redshift-only
 * SETs, SHOW and context-dependent rewrites, fault injection, COPY from S3
 * and UNLOAD (as the message's last gate), and refusals that still leave a
 * run in the query log.
 *
 * @example
 * ```ts
 * const text = effects.render(statement, unit, pending) // what PostgreSQL runs
 * ```
 */
export class StatementEffects {
  readonly #runtime: Pick<
    SessionRuntime,
    | 'planner'
    | 'faults'
    | 'releaseDatabase'
    | 'writeLocks'
    | 'writeLockTables'
    | 'blockingPids'
    | 'otherDatabaseTables'
  >
  readonly #settings: SessionSettings
  readonly #tx: TransactionState
  readonly #runs: QueryRuns
  readonly #folding: IdentifierFolding
  readonly #bulk: Pick<BulkStatements, 'work' | 'external'>
  /**
   * The context variables the session SET, RESET or SET_CONFIG'd: RESET ALL
   * NULLs them (PostgreSQL lists no placeholder settings to find them by).
   */
  readonly #contextVariables = new Set<string>()

  constructor(
    runtime: Pick<
      SessionRuntime,
      | 'planner'
      | 'faults'
      | 'releaseDatabase'
      | 'writeLocks'
      | 'writeLockTables'
      | 'otherDatabaseTables'
    >,
    settings: SessionSettings,
    tx: TransactionState,
    runs: QueryRuns,
    folding: IdentifierFolding,
    bulk: Pick<BulkStatements, 'work' | 'external'>,
  ) {
    this.#runtime = runtime
    this.#settings = settings
    this.#tx = tx
    this.#runs = runs
    this.#folding = folding
    this.#bulk = bulk
  }

  /**
   * Applies what a statement does to the session when it is sent (SET of a
   * Redshift parameter, BEGIN/COMMIT bookkeeping, fault commands) and returns
   * the text PostgreSQL runs for it.
   */
  render(s: PlannedStatement, unit: Unit, pending: PendingMessage): string {
    const tx = this.#tx
    if (s.transaction === 'begin') {
      tx.begin()
    } else if (s.transaction === 'commit' || s.transaction === 'rollback') {
      tx.end(s.transaction === 'commit' && tx.status !== 'E')
    } else {
      tx.touch(s.table)
    }
    const action = s.action
    if (action === undefined) {
      let text =
        s.outsideBlockText !== undefined && tx.status === 'I'
          ? s.outsideBlockText
          : s.contextual
            ? this.contextualText(s)
            : s.text
      const other = otherDatabaseStatement(
        s,
        text,
        tx,
        this.#folding.enabled,
        this.#runtime.otherDatabaseTables !== undefined,
        false,
        this.#runtime.planner.schemaAliases,
      )
      if (other !== null) text = other.text
      if (
        (s.externalReads !== undefined ||
          s.externalViews !== undefined ||
          s.allDatabaseViews !== undefined ||
          s.dropsUsers !== undefined ||
          other !== null) &&
        unit.kind === UnitKind.Query
      ) {
        // Read at Parse in the extended protocol (see ExtendedProtocol.parse).
        pending.work = this.#bulk.external(
          pending,
          {
            direct: s.externalReads,
            views: s.externalViews,
            allDatabases: s.allDatabaseViews,
            otherDatabases: other?.reads,
            dropsUsers: s.dropsUsers,
            text,
          },
          pending.work,
        )
      }
      return text
    }
    switch (action.kind) {
      case 'set':
      case 'mirror':
        unit.settingsBefore ??= this.#settings.save()
        this.#settings.set(action.name, action.value, {
          local: action.local,
          inTransaction: tx.status !== 'I',
        })
        return s.text
      case 'reset-all': {
        unit.settingsBefore ??= this.#settings.save()
        // PostgreSQL's RESET ALL leaves the session authorization as it is.
        const user = this.#settings.has('session_authorization')
          ? this.#settings.get('session_authorization')
          : undefined
        this.#settings.resetAll()
        if (user !== undefined)
          this.#settings.set('session_authorization', user, {
            local: false,
            inTransaction: tx.status !== 'I',
          })
        return resetAllSql(this.#contextVariables)
      }
      case 'context-variable':
        this.#contextVariables.add(action.name)
        return s.text
      case 'show':
        return this.showText(action)
      case 'cancel':
        ;(pending.cancels ??= []).push({
          pid: action.pid,
          ...(action.message !== undefined ? { message: action.message } : {}),
        })
        return s.text
      case 'authorization':
        // Whom `$user` in the search path names (the write locks' lookups).
        unit.settingsBefore ??= this.#settings.save()
        this.#settings.set('session_authorization', action.user, {
          local: action.local,
          inTransaction: tx.status !== 'I',
        })
        return `CALL redshift_local.set_session_authorization(${quoteLiteral(this.#runs.user)}, ${action.user === undefined ? 'NULL' : quoteLiteral(action.user)}, ${action.local})`
      case 'fault':
        applyFaultCommand(this.#runtime.faults, action.command)
        return s.text
      case 'copy':
      case 'unload':
      case 'vacuum':
        // Run as the message's last gate, on this session's connection.
        pending.work = this.#bulk.work(pending, action)
        return s.text
    }
  }

  /** SHOW of a parameter the emulator knows: a SELECT of its value. */
  showText(action: ShowAction): string {
    if (action.name === 'all' && action.constant === undefined) {
      return showAllSql(
        (name) => this.#settings.get(name),
        (name) => this.#settings.has(name),
      )
    }
    if (action.name === 'timezone' && !this.#settings.has('timezone')) {
      return `SELECT pg_catalog.current_setting('TimeZone') AS timezone`
    }
    const value = action.constant ?? this.#settings.get(action.name)
    return `SELECT ${quoteLiteral(value)}::text AS ${quoteIdentifier(action.name)}`
  }

  /** A statement whose text depends on the session (PG_LAST_QUERY_ID() and the like). */
  contextualText(s: PlannedStatement): string {
    const runs = this.#runs
    const copy = runs.lastCopy
    const unload = runs.lastUnload
    return this.#runtime.planner.renderContextual(
      s,
      {
        lastQueryId: runs.lastQueryId,
        lastCopyId: copy?.id ?? null,
        lastCopyCount: copy?.count ?? null,
        lastUnloadId: unload?.id ?? null,
        lastUnloadCount: unload?.count ?? null,
        redshiftSetting: (name) =>
          REDSHIFT_ONLY_PARAMETERS.has(name) ||
          (name === 'timezone' && this.#settings.has(name))
            ? this.#settings.get(name)
            : undefined,
      },
      this.#folding.enabled,
    )
  }

  /** Refuses the message with `error`, logging one run of `text` that failed. */
  refuseWithRun(
    pending: PendingMessage,
    text: string,
    error: ErrorFields,
  ): void {
    pending.unit.runs = [this.#runs.create(text, this.#tx.refusedXid())]
    refuseMessage(pending, error)
  }

  /**
   * Applies the fault registry's verdict on `checked`: latency, a dropped
   * connection, or (returning true) a refusal logged as a run of `runText`.
   */
  faultRefused(
    pending: PendingMessage,
    checked: string,
    runText: string,
  ): boolean {
    const verdict = this.#runtime.faults.check(checked)
    pending.latencyMs = verdict.latencyMs
    pending.drop = verdict.drop
    pending.dropBeforeSend = verdict.dropBeforeSend
    if (!verdict.fail) return false
    this.refuseWithRun(
      pending,
      runText,
      reject.other(
        verdict.fail.code,
        verdict.fail.message,
        verdict.fail.detail,
      ),
    )
    return true
  }

  /** DROP DATABASE: the emulator's own connection to it must go first. */
  releaseBefore(pending: PendingMessage, s: PlannedStatement): void {
    if (s.dropsDatabase !== undefined) {
      const database = s.dropsDatabase
      waitBefore(pending, () => this.#runtime.releaseDatabase(database))
    }
  }

  /**
   * Takes Redshift's write locks of the tables the statements write (see
   * `write-locks.ts`): the message waits before it is sent while another
   * transaction holds one, so its snapshot sees that transaction's commit.
   * The locks are the tables' OIDs, resolved first on the emulator's own
   * connection as the session's search_path resolves the names (see
   * `write-lock-tables.ts`). Returns the deadlock error when the wait would
   * close a cycle (nothing is taken or waited for then); once the message
   * had to wait for a lookup, the deadlock refuses it then, unless
   * `deadlockRefuses` is false (a Bind: PostgreSQL's own locks decide).
   */
  lockWrites(
    pending: PendingMessage,
    statements: readonly PlannedStatement[],
    deadlockRefuses = true,
  ): ErrorFields | undefined {
    const locks = this.#runtime.writeLocks
    if (locks === undefined) return undefined
    const tx = this.#tx
    let names: LockedName[] | undefined
    // The search path and user each write resolves with: a SET earlier in
    // the same message counts, though it has not been applied yet.
    let path = this.#settings.has('search_path')
      ? this.#settings.get('search_path')
      : undefined
    let user = this.#currentUser()
    let inBlock = tx.status !== 'I'
    for (const s of statements) {
      const action = s.action
      if (s.transaction === 'begin') inBlock = true
      else if (s.transaction !== undefined) inBlock = false
      // SET LOCAL outside a block changes nothing.
      if (action?.kind === 'mirror' && action.name === 'search_path') {
        if (inBlock || !action.local) path = action.value
      } else if (action?.kind === 'authorization') {
        if (inBlock || !action.local) user = action.user ?? this.#runs.user
      } else if (action?.kind === 'reset-all') {
        path = undefined
      }
      const mode =
        s.statementType === 'LockStmt'
          ? 'AccessExclusiveLock'
          : 'RowExclusiveLock'
      for (const name of writtenTables(s)) {
        if (tx.isTemporary(name) || name.startsWith('pg_temp.')) continue
        ;(names ??= []).push({ mode, name, user, path })
      }
    }
    if (names === undefined) return undefined
    const resolved = names
    const lookup = this.#runtime.writeLockTables?.note(
      tx.database,
      resolved.filter((n) => !tx.createdInBlock(n.name)),
    )
    if (lookup === undefined) return this.#acquire(pending, locks, resolved)
    waitBefore(pending, async () => {
      await lookup
      const deadlock = this.#acquire(pending, locks, resolved)
      if (deadlock !== undefined && deadlockRefuses)
        refuseMessage(pending, deadlock)
    })
    return undefined
  }

  /** The user `$user` in the search path stands for. */
  #currentUser(): string {
    return this.#settings.has('session_authorization')
      ? this.#settings.get('session_authorization')
      : this.#runs.user
  }

  #acquire(
    pending: PendingMessage,
    locks: WriteLocks,
    names: readonly LockedName[],
  ): ErrorFields | undefined {
    const tx = this.#tx
    const ids = this.#runtime.writeLockTables
    const targets = names.map((n) => ({
      database: tx.database,
      name: n.name,
      mode: n.mode,
      id: tx.createdInBlock(n.name)
        ? undefined
        : (ids?.idOf(tx.database, n) ?? undefined),
    }))
    const grant = locks.acquire(tx.pid, targets)
    if (grant instanceof Promise)
      waitBefore(pending, () => this.#awaitLocks(pending, grant))
    else return grant
    return undefined
  }

  /**
   * Waits for the write locks as for a WLM slot: a cancel request, CANCEL
   * or PG_CANCEL_BACKEND ends the wait (through `pending.wait`), and
   * statement_timeout counts the time spent waiting. Every second of the
   * wait (PostgreSQL's deadlock_timeout) it looks for a deadlock through
   * PostgreSQL's locks too (`mixed-deadlocks.ts`); found at two looks in a
   * row (a cycle read from two sources at slightly different moments is
   * trusted once it lasts), the statement fails with the deadlock error.
   */
  #awaitLocks(pending: PendingMessage, grant: Promise<void>): Promise<void> {
    const locks = this.#runtime.writeLocks!
    const pid = this.#tx.pid
    const timeoutMs = Number(this.#settings.get('statement_timeout') || 0)
    return new Promise<void>((resolve) => {
      const stop = (error: ErrorFields): void => {
        if (!locks.cancelWait(pid)) return
        clearTimeout(timer)
        clearInterval(looks)
        refuseMessage(pending, error)
        pending.wait = undefined
        resolve()
      }
      const timer =
        timeoutMs > 0
          ? setTimeout(
              () => stop(cancelledError(pending.unit.currentRun)),
              timeoutMs,
            )
          : undefined
      const blocking = this.#runtime.blockingPids
      let cycles = 0
      let looking = false
      const looks =
        blocking === undefined
          ? undefined
          : setInterval(() => {
              if (looking) return
              looking = true
              closesMixedCycle(locks, blocking, this.#tx.database, pid)
                .then((cycle) => {
                  cycles = cycle ? cycles + 1 : 0
                  if (cycles >= 2) stop(mixedDeadlock(pid, locks.waitsFor(pid)))
                })
                .catch(() => {})
                .finally(() => (looking = false))
            }, DEADLOCK_TIMEOUT_MS)
      pending.wait = {
        cancel: () => {
          if (!locks.cancelWait(pid)) return false
          clearTimeout(timer)
          clearInterval(looks)
          return true
        },
      }
      pending.release = resolve
      void grant.then(() => {
        clearTimeout(timer)
        clearInterval(looks)
        pending.wait = undefined
        resolve()
      })
    })
  }

  /**
   * The message waits for the id lookups of the tables its statements
   * touch first, so a 1023 they meet names its table by id.
   */
  awaitTableIds(pending: PendingMessage): void {
    const lookups = this.#tx.takeLookups()
    if (lookups !== undefined) waitBefore(pending, () => lookups)
  }
}

/** The tables a statement takes the write lock of: a COPY from S3's target too. */
function writtenTables(s: PlannedStatement): readonly string[] {
  if (s.writes !== undefined) return s.writes
  if (s.action?.kind !== 'copy') return NONE
  const parsed = parseCopy(s.action.text)
  return parsed.ok ? [parsed.plan.tableParts.join('.')] : NONE
}

const NONE: readonly string[] = []

/** PostgreSQL's default deadlock_timeout: how often a waiting write looks for a deadlock. */
const DEADLOCK_TIMEOUT_MS = 1000

/** The deadlock error of a cycle through PostgreSQL's locks too. */
function mixedDeadlock(pid: number, holder: number | undefined): ErrorFields {
  return reject.other(
    '40P01',
    'deadlock detected',
    `Process ${pid} waits for a table write lock held by process ${holder ?? 'unknown'}, which waits for a lock held by this transaction.`,
  )
}

/** A written name and the mode its statement locks the table in. */
interface LockedName extends WrittenName {
  readonly mode: string
}

/** Adds `work` to what the message waits on before it is sent. */
function waitBefore(pending: PendingMessage, work: () => Promise<void>): void {
  const earlier = pending.before
  pending.before = earlier === undefined ? work : () => earlier().then(work)
}
