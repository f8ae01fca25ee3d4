import type { ErrorFields } from '../protocol/error-fields.js'
import type { QueryRun } from '../runtime/query-run.js'
import type { MaskedTableNames } from '../sql/masked-reads.js'
import { nodeType, parseOneStatement, type PgNode } from '../sql/parse-tree.js'
import type { PlannedStatement, StatementPlan } from '../sql/statement-plan.js'
import { emulatorLimit } from '../sql/syntax/syntax-tokens.js'

/** What the session's statements are planned by. */
export interface GenerationPlanner {
  plan(text: string, fold: boolean): StatementPlan
  readonly maskedTables: MaskedTableNames
}

/** A statement as it was prepared: its text planned then, and when. */
export interface PreparedAt {
  /** The statement as the client wrote it. */
  readonly original: string
  readonly fold: boolean
  /** The masked tables' generation it was planned under. */
  generation: number
  /** PostgreSQL's text for it then (without the session's rendering). */
  readonly planned: string | undefined
}

/** The SQL statements that create, run and drop SQL-level prepared statements. */
const LEADING = /^\s*(?:prepare|execute|deallocate|discard)\s/i

/**
 * The masked tables' generation each prepared statement of a session was
 * planned under. A statement is rewritten to read a table masked when it is
 * planned after a policy was first attached to that table; one prepared
 * earlier would keep reading it unmasked, while Redshift applies the policy
 * to every query run after ATTACH. Before such a statement runs, its text is
 * planned again: when the plan is unchanged (it reads none of the tables
 * named since) it runs, otherwise it is refused until prepared again (SQL
 * PREPARE: PostgreSQL keeps the statement as it was first analysed, in the
 * search path of that time, so the emulator cannot prepare it again
 * exactly; a named protocol statement likewise, at Bind). Later ATTACH,
 * DETACH and ALTER MASKING POLICY need no new plan: the rewritten statement
 * reads the policies when it runs.
 *
 * PREPARE, DEALLOCATE and DISCARD ALL take effect when their run completes,
 * so a failed one changes nothing.
 *
 * @example
 * ```ts
 * const error = prepared.check(statement) // before EXECUTE q runs
 * ```
 */
export class PreparedGenerations {
  readonly #planner: GenerationPlanner
  readonly #fold: () => boolean
  readonly #byName = new Map<string, PreparedAt>()
  readonly #effects = new WeakMap<QueryRun, () => void>()

  constructor(planner: GenerationPlanner, fold: () => boolean) {
    this.#planner = planner
    this.#fold = fold
  }

  /** The generation now (it only grows). */
  get generation(): number {
    return this.#planner.maskedTables.generation
  }

  /**
   * How `original` is prepared now (for a protocol statement's Parse, or
   * SQL PREPARE).
   */
  preparedAt(original: string, fold: boolean): PreparedAt {
    const generation = this.generation
    return {
      original,
      fold,
      generation,
      planned: this.#planned(original, fold),
    }
  }

  /**
   * Null when `prepared` may run as it was prepared (its generation is then
   * brought up to date), else the refusal.
   */
  stale(prepared: PreparedAt, what: string): ErrorFields | null {
    const generation = this.generation
    if (prepared.generation === generation) return null
    if (this.#planned(prepared.original, prepared.fold) !== prepared.planned)
      return emulatorLimit(
        `running ${what} prepared before a masking policy was first attached to a table it reads`,
        'Prepare the statement again.',
      )
    prepared.generation = generation
    return null
  }

  /** Before a run of `s`: the refusal of an EXECUTE of a stale statement. */
  check(s: PlannedStatement): ErrorFields | undefined {
    if (this.#byName.size === 0 || !LEADING.test(s.original)) return undefined
    const statement = parsed(s.original)
    if (statement?.[0] !== 'ExecuteStmt') return undefined
    const name = statement[1]['name']
    const prepared =
      typeof name === 'string' ? this.#byName.get(name) : undefined
    if (prepared === undefined) return undefined
    return this.stale(prepared, `prepared statement "${name}"`) ?? undefined
  }

  /** A run of `s` was created: PREPARE, DEALLOCATE and DISCARD act when it completes. */
  created(run: QueryRun, s: PlannedStatement): void {
    if (!LEADING.test(s.original)) return
    const statement = parsed(s.original)
    if (statement === undefined) return
    const [type, node] = statement
    const name = typeof node['name'] === 'string' ? node['name'] : undefined
    if (type === 'PrepareStmt' && name !== undefined) {
      const at = this.preparedAt(s.original, this.#fold())
      this.#effects.set(run, () => this.#byName.set(name, at))
    } else if (type === 'DeallocateStmt') {
      this.#effects.set(run, () =>
        name === undefined ? this.#byName.clear() : this.#byName.delete(name),
      )
    } else if (type === 'DiscardStmt' && node['target'] === 'DISCARD_ALL') {
      this.#effects.set(run, () => this.#byName.clear())
    }
  }

  /** The run completed. */
  done(run: QueryRun): void {
    this.#effects.get(run)?.()
    this.#effects.delete(run)
  }

  #planned(original: string, fold: boolean): string | undefined {
    const plan = this.#planner.plan(original, fold)
    if (plan.reject !== undefined) return undefined
    return plan.statements.map((s) => s.text).join(';\n')
  }
}

function parsed(text: string): [string, PgNode] | undefined {
  return nodeType(parseOneStatement(text))
}
