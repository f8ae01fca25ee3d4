import { nodeType, type PgNode } from './parse-tree.js'

/**
 * Functions whose unaliased result column Redshift names after its internal
 * function rather than the name the query used, as the Developer Guide's
 * examples show: DATEADD gives `date_add` (r_DATEADD_function.html),
 * DATEDIFF `date_diff` (r_DATEDIFF_function.html), DATE_PART `pgdate_part`
 * (r_DATE_PART_function.html).
 */
const REDSHIFT_COLUMN_NAMES: Readonly<Record<string, string>> = {
  dateadd: 'date_add',
  datediff: 'date_diff',
  date_part: 'pgdate_part',
}

/** Texts without one of these names keep PostgreSQL's names: no tree walk. */
const TRIGGER = /date(?:add|diff|_part)/i

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
      target['name'] === undefined && value?.[0] === 'FuncCall'
        ? redshiftName(value[1])
        : undefined
    if (name !== undefined) renamed = true
    names.push(name)
  }
  return renamed ? Object.freeze(names) : undefined
}

function redshiftName(call: PgNode): string | undefined {
  const parts = Array.isArray(call['funcname']) ? call['funcname'] : []
  if (parts.length !== 1) return undefined
  const part = (parts[0] as { String?: PgNode }).String
  const name = typeof part?.['sval'] === 'string' ? part['sval'] : undefined
  return name === undefined ? undefined : REDSHIFT_COLUMN_NAMES[name]
}

function hasStar(ref: PgNode): boolean {
  const fields = Array.isArray(ref['fields']) ? ref['fields'] : []
  return fields.some((f) => (f as { A_Star?: unknown }).A_Star !== undefined)
}
