import type { QueryRun } from '../runtime/query-run.js'
import type { StatementPlan } from '../sql/statement-plan.js'
import type { StatementReads } from './bulk-statements.js'
import type { PreparedAt } from './prepared-generations.js'

/** A statement prepared with Parse, by name ('' is the unnamed one). */
export interface PreparedStatement {
  readonly text: string
  readonly plan: StatementPlan
  /** When it was planned: a Bind after a table it reads was first masked is refused. */
  readonly at?: PreparedAt
  /** The external tables it reads, again at each Bind after the first. */
  reads?: StatementReads
  /** The text PostgreSQL prepared and the parameter types the client declared (0: inferred). */
  readonly backend?: {
    readonly text: string
    readonly types: readonly number[]
  }
}

/** A portal created with Bind. */
export interface Portal {
  readonly prepared: PreparedStatement | undefined
  /** The run of a portal read in batches (Execute with a row limit), until it completes. */
  run: QueryRun | null
  rows: number
}
