import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { nodeType, type PgNode } from './parse-tree.js'

/**
 * Rules of Redshift's query, DML and transaction statements that
 * PostgreSQL's grammar is more permissive about, each from its page of the
 * SQL commands reference. Each function answers the refusal for one node
 * of the parse tree, or undefined. Where a page says a form is refused but
 * not with what words, the wording is the emulator's own (noted at each).
 */

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/** Whether any node under `value` is of type `type`. */
function contains(value: unknown, type: string): boolean {
  if (value === null || typeof value !== 'object') return false
  if (Array.isArray(value)) return value.some((item) => contains(item, type))
  for (const [key, child] of Object.entries(value as PgNode)) {
    if (key === type) return true
    if (contains(child, type)) return true
  }
  return false
}

/** Whether `value` reads the relation `name` (a bare name: a WITH query's own). */
function readsRelation(value: unknown, name: string): boolean {
  if (value === null || typeof value !== 'object') return false
  if (Array.isArray(value))
    return value.some((item) => readsRelation(item, name))
  const node = value as PgNode
  for (const [key, child] of Object.entries(node)) {
    if (key === 'RangeVar') {
      const rv = child as PgNode
      if (rv['schemaname'] === undefined && rv['relname'] === name) return true
    } else if (readsRelation(child, name)) {
      return true
    }
  }
  return false
}

/**
 * WITH RECURSIVE: not inside a subquery, and each recursive query is a
 * UNION ALL (https://docs.aws.amazon.com/redshift/latest/dg/r_WITH_clause.html).
 * Redshift's words for either refusal are not documented.
 */
export function checkRecursiveWith(
  node: PgNode,
  ancestors: readonly string[],
): ErrorFields | undefined {
  if (node['recursive'] !== true) return undefined
  if (ancestors.includes('RangeSubselect') || ancestors.includes('SubLink'))
    return reject.unsupported(
      'WITH RECURSIVE inside a subquery',
      'define the recursive query in the WITH clause of the outermost query',
    )
  for (const cte of list(node['ctes'])) {
    const expr = (cte as { CommonTableExpr?: PgNode }).CommonTableExpr
    const name = expr?.['ctename']
    const query = nodeType(expr?.['ctequery'])
    if (typeof name !== 'string' || query?.[0] !== 'SelectStmt') continue
    const select = query[1]
    if (
      select['op'] === 'SETOP_UNION' &&
      select['all'] !== true &&
      readsRelation(select, name)
    )
      return reject.unsupported(
        'UNION without ALL in a recursive common table expression',
        'join the seed query and the recursive query with UNION ALL',
      )
  }
  return undefined
}

/**
 * INSERT: a scalar subquery may stand for a value of a single-row VALUES
 * list only (https://docs.aws.amazon.com/redshift/latest/dg/r_INSERT_30.html:
 * "Subqueries aren't supported as expressions for multiple-row INSERT VALUES
 * statements"); the wording of the refusal is the emulator's.
 */
export function checkInsert(node: PgNode): ErrorFields | undefined {
  // INSERT INTO table_name [ ( column [, ...] ) ] ... (r_INSERT_30.html):
  // the target takes no alias.
  const relation = node['relation'] as PgNode | undefined
  if (relation?.['alias'] !== undefined) return reject.syntax('AS')
  const select = nodeType(node['selectStmt'])
  if (select?.[0] !== 'SelectStmt') return undefined
  const rows = list(select[1]['valuesLists'])
  if (rows.length > 1 && contains(rows, 'SubLink'))
    return reject.unsupported(
      'a subquery in a multiple-row INSERT VALUES list',
      'insert the rows with INSERT INTO ... SELECT, or one VALUES row per INSERT',
    )
  return undefined
}

/**
 * UPDATE: one column per SET item, and no outer join in FROM
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_UPDATE.html gives the
 * error text; its SQLSTATE is not documented).
 */
export function checkUpdate(node: PgNode): ErrorFields | undefined {
  for (const target of list(node['targetList'])) {
    const value = (target as { ResTarget?: PgNode }).ResTarget?.['val']
    if (nodeType(value)?.[0] === 'MultiAssignRef')
      return reject.syntax(
        '(',
        'set each column on its own: SET a = ..., b = ...',
      )
  }
  if (hasOuterJoin(node['fromClause']))
    return reject.other(
      '0A000',
      'Target table must be part of an equijoin predicate',
      undefined,
      'write the outer join as a subquery in the WHERE clause',
    )
  return undefined
}

function hasOuterJoin(value: unknown): boolean {
  for (const item of list(value)) {
    const join = (item as { JoinExpr?: PgNode }).JoinExpr
    if (join === undefined) continue
    if ((join['jointype'] ?? 'JOIN_INNER') !== 'JOIN_INNER') return true
    if (hasOuterJoin([join['larg'], join['rarg']])) return true
  }
  return false
}

/**
 * TRUNCATE [ TABLE ] table_name: one table, no RESTART IDENTITY or CASCADE
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html).
 */
export function checkTruncate(node: PgNode): ErrorFields | undefined {
  if (list(node['relations']).length > 1)
    return reject.syntax(
      ',',
      'TRUNCATE takes one table; truncate each on its own',
    )
  if (node['restart_seqs'] === true) return reject.syntax('RESTART')
  if (node['behavior'] === 'DROP_CASCADE') return reject.syntax('CASCADE')
  return undefined
}

/**
 * MERGE INTO target_table USING source_table [ [ AS ] alias ] ON ...
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_MERGE.html): the target
 * takes no alias, the source is another table, WHEN MATCHED updates or
 * deletes and WHEN NOT MATCHED inserts VALUES. Redshift's words for a source
 * that is the target are not documented.
 */
export function checkMergeShape(node: PgNode): ErrorFields | undefined {
  const target = node['relation'] as PgNode | undefined
  const alias = (target?.['alias'] as PgNode | undefined)?.['aliasname']
  if (typeof alias === 'string')
    return reject.syntax(
      alias,
      'MERGE takes an alias for the source table only',
    )
  const source = (node['sourceRelation'] as { RangeVar?: PgNode } | undefined)
    ?.RangeVar
  if (
    source !== undefined &&
    target !== undefined &&
    source['relname'] === target['relname'] &&
    source['schemaname'] === target['schemaname']
  )
    return reject.unsupported(
      'MERGE with the same table as source and target',
      'merge from a copy of the table',
    )
  for (const clause of list(node['mergeWhenClauses'])) {
    const when = (clause as { MergeWhenClause?: PgNode }).MergeWhenClause ?? {}
    if (when['commandType'] === 'CMD_NOTHING') return reject.syntax('DO')
    if (when['commandType'] === 'CMD_INSERT' && when['values'] === undefined)
      return reject.syntax('DEFAULT', 'WHEN NOT MATCHED inserts VALUES (...)')
  }
  const names = new Set(
    [source?.['relname'], sourceAlias(source), target?.['relname']].filter(
      (n): n is string => typeof n === 'string',
    ),
  )
  if (
    partialReference(node['joinCondition'], names) ||
    partialReference(node['mergeWhenClauses'], names)
  )
    // r_MERGE.html's usage notes give these words; no SQLSTATE is documented.
    return reject.other(
      '0A000',
      'Partial reference of SUPER column is not supported in MERGE statement.',
    )
  return undefined
}

function sourceAlias(source: PgNode | undefined): unknown {
  return (source?.['alias'] as PgNode | undefined)?.['aliasname']
}

/**
 * A subscript or attribute of a column (`source.value[0]`,
 * `source.value.key`): only SUPER values have either in Redshift. A
 * three-part name counts when its first part names the source or target.
 */
function partialReference(value: unknown, names: ReadonlySet<string>): boolean {
  if (value === null || typeof value !== 'object') return false
  if (Array.isArray(value))
    return value.some((item) => partialReference(item, names))
  const node = value as PgNode
  const indirection = node['A_Indirection'] as PgNode | undefined
  if (nodeType(indirection?.['arg'])?.[0] === 'ColumnRef') return true
  const ref = node['ColumnRef'] as PgNode | undefined
  if (ref !== undefined) {
    const fields = list(ref['fields'])
    const first = (fields[0] as { String?: { sval?: unknown } } | undefined)
      ?.String?.sval
    return fields.length >= 3 && typeof first === 'string' && names.has(first)
  }
  return Object.values(node).some((child) => partialReference(child, names))
}

/**
 * BEGIN / START TRANSACTION take ISOLATION LEVEL and READ WRITE | READ ONLY
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_BEGIN.html); COMMIT and
 * ROLLBACK have no AND CHAIN.
 */
export function checkTransactionOptions(node: PgNode): ErrorFields | undefined {
  if (node['chain'] === true) return reject.syntax('AND')
  for (const option of list(node['options'])) {
    const name = (option as { DefElem?: PgNode }).DefElem?.['defname']
    if (name === 'transaction_deferrable') return reject.syntax('DEFERRABLE')
  }
  return undefined
}

/** CLOSE cursor: one named cursor (https://docs.aws.amazon.com/redshift/latest/dg/close.html). */
export function checkClose(node: PgNode): ErrorFields | undefined {
  return typeof node['portalname'] === 'string'
    ? undefined
    : reject.syntax('ALL', 'CLOSE names one cursor')
}

/**
 * A relation named with ONLY: Redshift's FROM, UPDATE, DELETE, TRUNCATE and
 * LOCK take a table name without it (PostgreSQL's parser marks every other
 * relation as including its children).
 */
export function checkOnly(node: PgNode): ErrorFields | undefined {
  return node['inh'] === true ? undefined : reject.syntax('ONLY')
}

/**
 * ANALYZE analyzes one table or all of them
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ANALYZE.html: "You can't
 * specify more than one table_name").
 */
export function checkAnalyze(node: PgNode): ErrorFields | undefined {
  return list(node['rels']).length > 1
    ? reject.syntax(',', 'ANALYZE takes one table; analyze each on its own')
    : undefined
}

/**
 * FETCH [ NEXT | ALL | FORWARD [ count | ALL ] ] FROM cursor
 * (https://docs.aws.amazon.com/redshift/latest/dg/fetch.html): a count only
 * after FORWARD, and FROM, not IN. `words` are the statement's tokens as
 * written.
 */
export function checkFetchWords(
  words: readonly string[],
): ErrorFields | undefined {
  let i = 1
  const word = (at: number) => (words[at] ?? '').toLowerCase()
  if (word(i) === 'next' || word(i) === 'all') i++
  else if (word(i) === 'forward') {
    i++
    if (word(i) === 'all' || /^\d+$/.test(word(i))) i++
  }
  if (word(i) !== 'from')
    return reject.syntax(
      words[i] ?? 'end of input',
      'write FETCH [NEXT | ALL | FORWARD [n | ALL]] FROM cursor',
    )
  return undefined
}
