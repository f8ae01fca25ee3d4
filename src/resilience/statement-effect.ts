import type { CompiledQuery } from 'kysely'

/**
 * What running a statement again would do, as far as the driver can tell:
 * `read` statements only read (running them twice is harmless), `write`
 * covers everything else, including what it cannot tell apart.
 */
export type StatementEffect = 'read' | 'write'

interface Node {
  readonly kind: string
  readonly with?: {
    readonly expressions: ReadonlyArray<{ readonly expression: Node }>
  }
}

// Words that make a statement starting with SELECT / WITH do more than read:
// data-changing CTEs, SELECT INTO (creates a table), DDL, COPY / UNLOAD,
// procedures. A match inside a string or a quoted name only costs a retry,
// never a duplicated write.
const NOT_ONLY_READING =
  /\b(?:insert|update|delete|merge|into|create|drop|alter|truncate|grant|revoke|copy|unload|call|vacuum|analyze|lock|set)\b/i

const LEADING = /^(?:\s|\(|\/\*[\s\S]*?\*\/|--[^\n]*(?:\n|$))*([a-z]+)/i

/**
 * Whether a compiled statement only reads. Queries built with Kysely are
 * judged from their operation node: a SELECT whose CTEs are all SELECTs
 * reads. Raw SQL (`sql\`...\``, `CompiledQuery.raw`) is judged from its
 * text: a single SELECT, WITH ... SELECT, SHOW or EXPLAIN that names none of
 * the words that write (INSERT, INTO, CREATE, ...). Anything else, and
 * anything in doubt, is a write: the driver retries reads after a lost
 * connection, so a wrong `read` could run a write twice, while a wrong
 * `write` only gives up a retry.
 *
 * Functions called from a SELECT are taken to only read; a SELECT calling
 * one that changes something (say `pg_terminate_backend`) should not be
 * relied on to run exactly once.
 *
 * ```ts
 * statementEffectOf(db.selectFrom('sales').selectAll().compile()) // 'read'
 * statementEffectOf(CompiledQuery.raw('select * into t2 from t')) // 'write'
 * ```
 */
export function statementEffectOf(compiled: CompiledQuery): StatementEffect {
  const node = compiled.query as Node
  if (node.kind === 'SelectQueryNode') {
    return selectOnlyReads(node) ? 'read' : 'write'
  }
  if (node.kind === 'RawNode') {
    return sqlEffectOf(compiled.sql)
  }
  return 'write'
}

/**
 * {@link statementEffectOf} for SQL text alone.
 *
 * ```ts
 * sqlEffectOf('with t as (select 1) select * from t') // 'read'
 * sqlEffectOf('insert into t values (1)') // 'write'
 * ```
 */
export function sqlEffectOf(sql: string): StatementEffect {
  const first = LEADING.exec(sql)?.[1]?.toLowerCase()
  if (first === undefined || hasSecondStatement(sql)) {
    return 'write'
  }
  switch (first) {
    case 'show':
      return 'read'
    case 'select':
    case 'with':
    case 'explain':
      return NOT_ONLY_READING.test(sql) ? 'write' : 'read'
    default:
      return 'write'
  }
}

function selectOnlyReads(node: Node): boolean {
  const ctes = node.with?.expressions
  if (ctes === undefined) {
    return true
  }
  return ctes.every(
    (cte) =>
      cte.expression.kind === 'SelectQueryNode' &&
      selectOnlyReads(cte.expression),
  )
}

// A `;` followed by anything but blanks: several statements in one string.
function hasSecondStatement(sql: string): boolean {
  const at = sql.indexOf(';')
  return at >= 0 && sql.slice(at + 1).trim() !== ''
}
