import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { RelationColumns } from '../sql/column-scopes.js'
import type { PlannedStatement } from '../sql/statement-plan.js'
import type { SessionRuntime } from './session-runtime.js'
import type { SessionSettings } from './session-settings.js'
import { snapshotErasOf, type SnapshotEras } from './snapshot-eras.js'

/** Statements that may give a table name another OID (the 1023 detail's id). */
const RENAMES_TABLES = new Set(['CreateStmt', 'DropStmt', 'RenameStmt'])

/**
 * Statements that leave what every table name resolves to as it was; any
 * other (DDL, GRANT, CALL of a procedure that may run DDL) has the write
 * locks' names resolved again.
 */
const KEEPS_NAMES = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'CopyStmt',
  'TransactionStmt',
  'VariableSetStmt',
  'VariableShowStmt',
  'ExplainStmt',
  'LockStmt',
])

/** What the transaction bookkeeping needs from the emulator. */
type TransactionRuntime = Pick<
  SessionRuntime,
  | 'nextXid'
  | 'transactionEnded'
  | 'tableIds'
  | 'columnTypes'
  | 'resultSources'
  | 'writeLocks'
  | 'writeLockTables'
>

/** Transaction status and xid at one moment, to go back to. */
export interface TransactionMark {
  readonly status: string
  readonly xid: number
}

/**
 * The session's transaction block as predicted from what it sent to
 * PostgreSQL: status ('I' idle, 'T' in a block, 'E' in a failed block, as in
 * ReadyForQuery), the emulator's own xid, and the tables the block touched.
 * The prediction runs ahead of PostgreSQL (pipelined statements are rendered
 * before earlier ones complete) and is corrected at each idle ReadyForQuery.
 *
 * @example
 * ```ts
 * const tx = new TransactionState(runtime, pid, settings)
 * tx.begin()
 * tx.end(true)
 * ```
 */
export class TransactionState {
  readonly #runtime: TransactionRuntime
  readonly #pid: number
  readonly #database: string
  readonly #settings: SessionSettings
  readonly #tables = new Set<string>()
  #status = 'I'
  #xid = 0
  /** Tables of the block that just ended (a failing COMMIT names them). */
  #endedTables: readonly string[] = []
  readonly #eras: SnapshotEras
  /** Era of the block's snapshot, once a statement on a table took it. */
  #snapshotEra: number | undefined
  /** Tables the open block created (they count as created at its commit). */
  readonly #creates: string[] = []
  /** Table-id lookups the statements planned since the last take wait on. */
  #lookups: Promise<void>[] = []
  /** A statement that may change columns was sent and has not completed outside a block. */
  #columnsChanging = false
  /** Columns of the tables the open block created, by relation key (see `blockColumns`). */
  readonly #blockColumns = new Map<string, RelationColumns>()
  /** Columns the open block added to tables it did not create, by relation key (see `blockAdded`). */
  readonly #blockAdded = new Map<string, RelationColumns>()
  /** Temporary tables the session created: its own, outside every write lock. */
  readonly #temporary = new Set<string>()
  /**
   * A statement that may change what names resolve to was sent: once it
   * has committed (or rolled back), names are resolved again, since a
   * lookup meanwhile saw the catalog from before it.
   */
  #namesChanging = false
  /** Statements of the open block so far (BEGIN not counted). */
  #blockStatements = 0
  /** Statements of the message being rendered so far. */
  #messageStatements = 0
  /** Other databases the open block's first statement read (their snapshot is the block's). */
  readonly #blockDatabases = new Set<string>()

  constructor(
    runtime: TransactionRuntime,
    pid: number,
    settings: SessionSettings,
    database = '',
  ) {
    this.#runtime = runtime
    this.#pid = pid
    this.#database = database
    this.#settings = settings
    this.#eras = snapshotErasOf(runtime, database)
  }

  /** The database the session is connected to. */
  get database(): string {
    return this.#database
  }

  /** The session's PostgreSQL backend pid. */
  get pid(): number {
    return this.#pid
  }

  /** Whether `table` names a temporary table the session created. */
  isTemporary(table: string): boolean {
    return this.#temporary.has(table)
  }

  /**
   * Whether `table` names a table the open block created: no other session
   * sees it, nor the emulator's own connection its name's new meaning.
   */
  createdInBlock(table: string): boolean {
    return this.#creates.includes(table)
  }

  /** Lets go of the session's write locks (it closed). */
  closed(): void {
    this.#runtime.writeLocks?.releaseAll(this.#pid)
  }

  /** 'I', 'T' or 'E'. */
  get status(): string {
    return this.#status
  }

  /** Emulator transaction id of the open block (0 outside one). */
  get xid(): number {
    return this.#xid
  }

  /** Tables touched in the open block. */
  get tables(): ReadonlySet<string> {
    return this.#tables
  }

  /** BEGIN: opens a block unless one is open already. */
  begin(): void {
    if (this.#status !== 'I') return
    this.#status = 'T'
    this.#xid = this.#runtime.nextXid()
    this.#tables.clear()
    this.#settings.begin()
    this.#snapshotEra = undefined
    this.#creates.length = 0
    this.#blockColumns.clear()
    this.#blockAdded.clear()
    this.#blockStatements = 0
    this.#blockDatabases.clear()
  }

  /** A simple Query's statements are about to be judged (see {@link otherDatabaseRead}). */
  messageStarted(): void {
    this.#messageStatements = 0
  }

  /**
   * Whether a statement may read `databases` (other databases of the
   * emulator) through postgres_fdw, whose snapshot of another database is
   * taken at its first read there, where Redshift's is the transaction's
   * start (cross-database_usage.html): outside a block, when it is the only
   * or first statement of its message; in a block, in its first statement,
   * or later when that statement read the same databases. `parsed`: judged
   * at Parse, before the statement itself is counted.
   */
  otherDatabaseRead(
    databases: readonly string[],
    parsed: boolean,
  ): ErrorFields | undefined {
    const before = parsed ? 0 : 1
    if (this.#status === 'I') {
      // A Parse outside a block runs in its own implicit transaction.
      if (parsed || this.#messageStatements <= before) return undefined
    } else if (this.#blockStatements <= before) {
      for (const d of databases) this.#blockDatabases.add(d)
      return undefined
    } else if (databases.every((d) => this.#blockDatabases.has(d))) {
      return undefined
    }
    const first = databases.find((d) => !this.#blockDatabases.has(d))
    return reject.other(
      '0A000',
      `a first read of another database (${first ?? databases[0]}) after the first statement of a transaction is not supported by the local emulator (an emulator limit): Redshift reads other databases as they were when the transaction began, the emulator as they are at its first read there`,
      undefined,
      'read the other database in the first statement of the transaction block, or outside a block',
    )
  }

  /** COMMIT or ROLLBACK (or an implicit end): closes the open block, if any. */
  end(committed: boolean): void {
    if (this.#status === 'I') return
    this.#endedTables = [...this.#tables]
    this.#runtime.transactionEnded(this.#pid, this.#xid, this.#endedTables)
    this.#tables.clear()
    if (committed) this.#eras.created(this.#creates)
    this.#creates.length = 0
    this.#blockColumns.clear()
    this.#blockAdded.clear()
    this.#snapshotEra = undefined
    if (committed) this.#settings.commit()
    else this.#settings.rollback()
    this.#status = 'I'
    this.#xid = 0
  }

  /**
   * Before a statement runs: inside a block, the first statement on a user
   * table takes the block's snapshot, and a table created (by a commit) after
   * the snapshot cannot be read, as on Redshift: `XX000 1018`, detail
   * `Relation does not exist.` The exact client text is the troubleshooting
   * page's; the SQLSTATE is the one Redshift's 1023 carries, 1018's is not
   * documented. Outside a block, records the table the statement creates.
   */
  beforeStatement(s: PlannedStatement): ErrorFields | undefined {
    this.#messageStatements++
    if (this.#status !== 'I') this.#blockStatements++
    if (this.#runtime.tableIds !== undefined) this.#noteTableIds(s)
    if (
      this.#runtime.writeLockTables !== undefined &&
      (s.creates !== undefined ||
        s.statementType === undefined ||
        !KEEPS_NAMES.has(s.statementType))
    ) {
      this.#runtime.writeLockTables.forget(this.#database)
      this.#namesChanging = true
    }
    if (s.createsTemp !== undefined) this.#temporary.add(s.createsTemp)
    // A rename or a column change (any statement but those known to keep
    // columns): the relations of result metadata are looked up again.
    if (s.changesColumns === true)
      this.#runtime.resultSources?.forget(this.#database)
    if (s.changesColumns === true && this.#runtime.columnTypes !== undefined) {
      this.#runtime.columnTypes.forget(this.#database)
      this.#columnsChanging = true
      this.#noteBlockColumns(s)
    }
    if (this.#status === 'I') {
      if (s.creates !== undefined) this.#eras.created([s.creates])
      return undefined
    }
    if (s.userTables !== undefined) {
      const read =
        s.creates === undefined
          ? s.userTables
          : s.userTables.filter((t) => t !== s.creates)
      if (this.#snapshotEra === undefined) this.#snapshotEra = this.#eras.era
      else if (this.#eras.createdAfter(read, this.#snapshotEra) !== undefined)
        return reject.other('XX000', '1018', 'Relation does not exist.')
    }
    if (s.creates !== undefined) this.#creates.push(s.creates)
    return undefined
  }

  /**
   * Has the ids of the statement's tables looked up ahead, for a 1023 that
   * may name one (once per name); DDL that can give a name another OID, in
   * any session of the database, drops what is known.
   */
  #noteTableIds(s: PlannedStatement): void {
    const ids = this.#runtime.tableIds!
    if (
      s.creates !== undefined ||
      (s.statementType !== undefined && RENAMES_TABLES.has(s.statementType))
    ) {
      ids.forget(this.#database)
    } else if (s.userTables !== undefined && s.userTables.length > 0) {
      const lookup = ids.note(this.#database, s.userTables)
      if (lookup !== undefined) this.#lookups.push(lookup)
    }
  }

  /**
   * What the statements planned since the last call wait on before they go
   * to PostgreSQL: the lookups of their tables' ids (undefined: nothing).
   */
  takeLookups(): Promise<void> | undefined {
    const lookups = this.#lookups
    if (lookups.length === 0) return undefined
    this.#lookups = []
    return lookups.length === 1
      ? lookups[0]
      : Promise.all(lookups).then(() => undefined)
  }

  /**
   * Whether statements may be typed with the column types the emulator
   * keeps: not while a statement of this session that may change columns
   * is in flight or in its open block, whose changes the emulator's own
   * connection does not see yet.
   */
  get columnTyping(): boolean {
    return !this.#columnsChanging
  }

  /**
   * The column types of the tables the open block created, which the
   * emulator's own connection cannot see before the block commits:
   * statements of the block over them are typed from their CREATE TABLE.
   * Empty outside a block, and once another statement of the block may have
   * changed columns (an ALTER TABLE other than ADD COLUMN is not followed).
   */
  get blockColumns(): ReadonlyMap<string, RelationColumns> {
    return this.#blockColumns
  }

  /**
   * The columns the open block added (ALTER TABLE ... ADD COLUMN, and
   * nothing else) to tables it did not create: their other columns are the
   * committed ones the catalog lookup sees, these follow them.
   */
  get blockAdded(): ReadonlyMap<string, RelationColumns> {
    return this.#blockAdded
  }

  #noteBlockColumns(s: PlannedStatement): void {
    const created = s.createdColumns
    const added = s.addedColumns
    if (this.#status !== 'I' && created !== undefined) {
      for (const key of created.keys) {
        this.#blockColumns.set(key, created.columns)
        this.#blockAdded.delete(key)
      }
      return
    }
    if (this.#status === 'I' || added === undefined) {
      this.#blockColumns.clear()
      this.#blockAdded.clear()
      return
    }
    // ADD COLUMN changes its table only, and is followed: appended to the
    // columns of a table the block created, or to those it added before.
    for (const key of added.keys) {
      const created = this.#blockColumns.get(key)
      if (created !== undefined) {
        this.#blockColumns.set(key, new Map([...created, ...added.columns]))
      } else {
        const before = this.#blockAdded.get(key) ?? new Map()
        this.#blockAdded.set(key, new Map([...before, ...added.columns]))
      }
    }
  }

  /** Records a table a statement of the open block touches. */
  touch(table: string | undefined): void {
    if (table !== undefined && this.#status !== 'I') this.#tables.add(table)
  }

  /** An error inside a block fails it (PostgreSQL refuses all but ROLLBACK). */
  failed(): void {
    if (this.#status === 'T') this.#status = 'E'
  }

  /** PostgreSQL's own status, once nothing else is in flight. */
  synced(status: string): void {
    if (status === 'I' && this.#columnsChanging) {
      // Committed (or rolled back) now: what was looked up meanwhile may be stale.
      this.#columnsChanging = false
      this.#runtime.columnTypes?.forget(this.#database)
      this.#runtime.resultSources?.forget(this.#database)
    }
    if (status === 'I' && this.#status !== 'I') this.end(false)
    if (status === 'I' && this.#namesChanging) {
      this.#namesChanging = false
      this.#runtime.writeLockTables?.forget(this.#database)
    }
    // PostgreSQL committed or rolled back: Redshift's write locks go with it.
    if (status === 'I') this.#runtime.writeLocks?.release(this.#pid)
    this.#status = status
    if (status === 'I') this.#xid = 0
  }

  mark(): TransactionMark {
    return { status: this.#status, xid: this.#xid }
  }

  /** Undoes a prediction made for statements that will not run. */
  restore(mark: TransactionMark): void {
    this.#status = mark.status
    this.#xid = mark.xid
  }

  /** The xid a statement runs under: the block's, or a fresh one outside a block. */
  statementXid(s: PlannedStatement): number {
    if (this.#status !== 'I') {
      if (s.table !== undefined) this.#tables.add(s.table)
      return this.#xid
    }
    return this.#runtime.nextXid()
  }

  /** A rendered statement's xid: COMMIT and ROLLBACK belong to the block they end. */
  runXid(s: PlannedStatement, xidBefore: number): number {
    if (
      (s.transaction === 'commit' || s.transaction === 'rollback') &&
      xidBefore !== 0
    ) {
      return xidBefore
    }
    return this.statementXid(s)
  }

  /** The xid a refused statement is logged with. */
  refusedXid(): number {
    return this.#xid || this.#runtime.nextXid()
  }

  /** The table a serialization error names: the statement's, else the block's. */
  conflictTable(table: string | undefined): string | undefined {
    return table ?? [...this.#tables][0] ?? this.#endedTables[0]
  }
}
