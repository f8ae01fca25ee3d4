import { nodeType, type PgNode } from './parse-tree.js'
import { NAMED_BY_TYPE } from '../session/field-names.js'

/**
 * Functions whose unaliased result column Redshift names after its internal
 * function rather than the name the query used, as the Developer Guide's
 * examples show: DATEADD gives `date_add` (r_DATEADD_function.html),
 * DATEDIFF `date_diff` (r_DATEDIFF_function.html), DATE_PART `pgdate_part`
 * (r_DATE_PART_function.html), LOG of one argument `dlog10`, its synonym
 * (r_LOG.html).
 */
const REDSHIFT_COLUMN_NAMES: Readonly<Record<string, string>> = {
  dateadd: 'date_add',
  datediff: 'date_diff',
  date_part: 'pgdate_part',
}

/** Names of calls of one argument only. */
const ONE_ARGUMENT_NAMES: Readonly<Record<string, string>> = {
  log: 'dlog10',
}

/** Texts without one of these names keep PostgreSQL's names: no tree walk. */
const TRIGGER = /date(?:add|diff|_part)|\blog\b|current_date|nullif|\bzone\b/i

/**
 * The result column names Redshift gives a SELECT where they differ from
 * PostgreSQL's, by position (undefined: PostgreSQL's name is Redshift's), or
 * undefined when none differs. `tree` is the client's statement as
 * PostgreSQL's parser reads it; a set operation is named by its first
 * branch. A `*` in the select list makes positions unknowable here, so the
 * names stay PostgreSQL's.
 *
 * @example
 * ```ts
 * redshiftColumnNames(text, tree) // [undefined, 'date_add'] for "select id, dateadd(day, 1, d) from t"
 * ```
 */
export function redshiftColumnNames(
  text: string,
  tree: unknown,
): readonly (string | undefined)[] | undefined {
  if (!TRIGGER.test(text)) return undefined
  const top = nodeType(tree)
  if (top?.[0] !== 'SelectStmt') return undefined
  let node = top[1]
  // The branches of a set operation are stored without their wrapper.
  while (node['op'] !== 'SETOP_NONE') {
    const left = node['larg']
    if (left === null || typeof left !== 'object') return undefined
    node = left as PgNode
  }
  // SELECT INTO names a table's columns; the table keeps PostgreSQL's names.
  if (node['intoClause'] !== undefined) return undefined
  const targets = Array.isArray(node['targetList']) ? node['targetList'] : []
  const names: (string | undefined)[] = []
  let renamed = false
  for (const entry of targets) {
    const target = (entry as { ResTarget?: PgNode }).ResTarget
    if (target === undefined) return undefined
    const value = nodeType(target['val'])
    if (value?.[0] === 'ColumnRef' && hasStar(value[1])) return undefined
    const name =
      target['name'] === undefined && value !== undefined
        ? redshiftName(value[0], value[1])
        : undefined
    if (name !== undefined) renamed = true
    names.push(name)
  }
  return renamed ? Object.freeze(names) : undefined
}

function redshiftName(type: string, node: PgNode): string | undefined {
  switch (type) {
    case 'FuncCall':
      return functionName(node)
    // CURRENT_DATE is named date (r_CURRENT_DATE_function.html).
    case 'SQLValueFunction':
      return node['op'] === 'SVFOP_CURRENT_DATE' ? 'date' : undefined
    // NULLIF takes the name of its first expression when that is a column
    // (r_NULLIF_function.html); any other first expression keeps nullif.
    case 'A_Expr': {
      if (node['kind'] !== 'AEXPR_NULLIF') return undefined
      const first = nodeType(node['lexpr'])
      return first?.[0] === 'ColumnRef' ? columnName(first[1]) : undefined
    }
    default:
      return undefined
  }
}

function functionName(call: PgNode): string | undefined {
  const parts = Array.isArray(call['funcname']) ? call['funcname'] : []
  const names = parts.map((p) => {
    const sval = (p as { String?: PgNode }).String?.['sval']
    return typeof sval === 'string' ? sval : ''
  })
  // `x AT TIME ZONE z` is named after its result type, timestamptz for a
  // TIMESTAMP and timestamp for a TIMESTAMPTZ (r_AT_TIME_ZONE.html).
  if (
    call['funcformat'] === 'COERCE_SQL_SYNTAX' &&
    names.join('.') === 'pg_catalog.timezone'
  )
    return NAMED_BY_TYPE
  if (names.length !== 1) return undefined
  const name = names[0] ?? ''
  const args = Array.isArray(call['args']) ? call['args'] : []
  return (
    REDSHIFT_COLUMN_NAMES[name] ??
    (args.length === 1 ? ONE_ARGUMENT_NAMES[name] : undefined)
  )
}

function columnName(ref: PgNode): string | undefined {
  const fields = Array.isArray(ref['fields']) ? ref['fields'] : []
  const last = (fields.at(-1) as { String?: PgNode } | undefined)?.String
  return typeof last?.['sval'] === 'string' ? last['sval'] : undefined
}

function hasStar(ref: PgNode): boolean {
  const fields = Array.isArray(ref['fields']) ? ref['fields'] : []
  return fields.some((f) => (f as { A_Star?: unknown }).A_Star !== undefined)
}
