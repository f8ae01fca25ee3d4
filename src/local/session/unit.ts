import type { ErrorFields } from '../protocol/error-fields.js'
import type { QueryRun } from '../runtime/query-run.js'
import type { PlannedStatement } from '../sql/statement-plan.js'

/** Kinds of frontend message that get a response from PostgreSQL. */
export const UnitKind = {
  Query: 1,
  Parse: 2,
  Bind: 3,
  Describe: 4,
  Execute: 5,
  Close: 6,
  Sync: 7,
  Function: 8,
} as const

export type UnitKind = (typeof UnitKind)[keyof typeof UnitKind]

/**
 * One frontend message in flight, waiting for its response from PostgreSQL.
 * The session keeps them in order: PostgreSQL answers in the order it was
 * asked, so the head unit always owns the next response message.
 */
export class Unit {
  readonly kind: UnitKind
  /**
   * Query: one run per statement (null for a statement the emulator added,
   * whose answer the client does not see); Execute: the one run.
   */
  runs: (QueryRun | null)[] | null = null
  statements: readonly PlannedStatement[] | null = null
  /** Query: index of the statement now running. */
  index = 0
  /** The emulator refused the message: this error replaces PostgreSQL's. */
  reject: ErrorFields | undefined
  /** Query: the first CommandComplete is the emulator's own (COMMIT before TRUNCATE). */
  hiddenFirst = false
  /** The whole unit is the emulator's own; its responses are not shown. */
  hidden = false
  /** It holds the session's WLM slot while it runs. */
  wlm = false
  /** Rows counted for a portal that was suspended and resumed. */
  rowsBefore = 0
  /** Redshift-only settings before this unit's SETs, restored if it fails. */
  settingsBefore: Map<string, string> | undefined
  /** Name of the portal (Execute), to keep a suspended run with it. */
  portal: string | undefined

  constructor(kind: UnitKind) {
    this.kind = kind
  }

  /** The run the next CommandComplete / ErrorResponse belongs to. */
  get currentRun(): QueryRun | null | undefined {
    return this.runs?.[this.index]
  }

  /** The planned statement the current run executes. */
  get currentStatement(): PlannedStatement | undefined {
    return this.statements?.[this.index]
  }
}
