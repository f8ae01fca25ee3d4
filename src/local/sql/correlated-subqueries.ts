import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { relationKey, type ColumnSource } from './column-scopes.js'
import { names, nodeType, walkTree, type PgNode } from './parse-tree.js'

/**
 * The correlated subquery patterns Redshift cannot decorrelate and refuses
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_correlated_subqueries.html):
 * a reference that skips a query block, a correlated subquery in the ON
 * clause of an outer join, a correlated subquery with a window function,
 * GROUP BY on a correlated subquery's result, and a correlated IN subquery
 * that groups and aggregates with anything but MIN / MAX.
 *
 * Correlation is judged from qualified column references (`s.listid`)
 * and, given the catalog's columns (`columns`, the column lookup the DECIMAL
 * typing uses), from unqualified ones: a bare name belongs to the innermost
 * query block one of whose tables has that column. Where a block on the way
 * has a FROM subquery, function or WITH query, a table the lookup does not
 * know, or a select-list alias of that name, the reference is not judged
 * (never a false refusal). The pattern with a system table (null-sensitive
 * references to STV_ tables) is not checked.
 */

/** One query block: the names its FROM items are visible by, and its enclosing block. */
interface Block {
  readonly names: ReadonlySet<string>
  readonly parent: Block | undefined
  /** The keys of its FROM tables and views, for bare column names. */
  readonly relations: string[]
  /** Select-list aliases (ORDER BY and GROUP BY may name them). */
  readonly aliases: Set<string>
  /** A FROM item whose columns the catalog does not give (subquery, function, WITH query). */
  opaque: boolean
  /** The block references a name of an enclosing block. */
  correlated: boolean
}

/** Why a subquery is looked at: the predicate or clause it stands in. */
type Place = 'outer-join-on' | 'other'

// Redshift's wording, as public reports of the error give it; the Developer
// Guide only says these queries "return errors".
const PATTERN_ERROR =
  'This type of correlated subquery pattern is not supported yet'

class Refusal extends Error {}

/**
 * The refusal for a statement that uses one of the unsupported patterns, or
 * undefined.
 *
 * @example
 * ```ts
 * correlatedSubqueryError(parseOneStatement(
 *   'select * from e where not exists (select 1 from l where not exists (select 1 from s where e.id = s.id))',
 * ))?.code // '0A000'
 * ```
 */
export function correlatedSubqueryError(
  stmt: unknown,
  columns?: ColumnSource,
): ErrorFields | undefined {
  const top = nodeType(stmt)
  if (top === undefined) return undefined
  lookup = columns
  withNames = new Set()
  if (columns !== undefined)
    walkTree(stmt, (type, node) => {
      if (type === 'CommonTableExpr')
        withNames.add(fold(String(node['ctename'])))
    })
  try {
    statement(top[0], top[1])
  } catch (error) {
    if (error instanceof Refusal)
      return reject.other('0A000', PATTERN_ERROR, error.message)
    throw error
  } finally {
    lookup = undefined
  }
  return undefined
}

/** The catalog's columns while one statement is judged (the walk is synchronous). */
let lookup: ColumnSource | undefined
/** The statement's WITH query names: a FROM name among them is no table. */
let withNames: Set<string> = new Set()

function fold(name: string): string {
  return lookup?.fold === true ? name.toLowerCase() : name
}

function newBlock(parent: Block | undefined): Block {
  return {
    names: new Set(),
    parent,
    relations: [],
    aliases: new Set(),
    opaque: false,
    correlated: false,
  }
}

/** While only collecting relations, every block's tables are asked for. */
function askTables(block: Block): void {
  if (lookup?.collecting === true)
    for (const key of block.relations) lookup.columnsOf(key)
}

function statement(type: string, node: PgNode): void {
  switch (type) {
    case 'SelectStmt':
      select(node, undefined)
      return
    case 'InsertStmt':
      with_(node['withClause'], undefined)
      if (node['selectStmt'] !== undefined)
        select(unwrap(node['selectStmt'], 'SelectStmt'), undefined)
      return
    case 'UpdateStmt':
    case 'DeleteStmt': {
      with_(node['withClause'], undefined)
      const block = newBlock(undefined)
      const relation = node['relation'] as PgNode | undefined
      if (relation !== undefined) addRangeVar(relation, block)
      const from = (
        type === 'UpdateStmt' ? node['fromClause'] : node['usingClause']
      ) as unknown
      const joins: PgNode[] = []
      for (const item of list(from)) fromItem(item, block, joins)
      askTables(block)
      expressions(node['targetList'], block, 'other')
      expressions(node['whereClause'], block, 'other')
      for (const join of joins) joinQuals(join, block)
      return
    }
    case 'ExplainStmt':
    case 'DeclareCursorStmt':
    case 'PrepareStmt':
    case 'CreateTableAsStmt': {
      const inner = nodeType(node['query'])
      if (inner !== undefined) statement(inner[0], inner[1])
      return
    }
    default:
      return
  }
}

function unwrap(value: unknown, type: string): PgNode {
  const wrapped = (value as Record<string, PgNode> | undefined)?.[type]
  return wrapped ?? (value as PgNode)
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function with_(clause: unknown, parent: Block | undefined): void {
  const node = unwrap(clause, 'WithClause')
  for (const cte of list(node?.['ctes'])) {
    const query = (cte as { CommonTableExpr?: PgNode }).CommonTableExpr?.[
      'ctequery'
    ]
    const inner = nodeType(query)
    if (inner?.[0] === 'SelectStmt') select(inner[1], parent)
  }
}

/** Visits a SELECT (or set operation) as a block under `parent`; returns whether it is correlated. */
function select(node: PgNode | undefined, parent: Block | undefined): boolean {
  if (node === undefined) return false
  if ((node['op'] ?? 'SETOP_NONE') !== 'SETOP_NONE') {
    const left = select(unwrap(node['larg'], 'SelectStmt'), parent)
    const right = select(unwrap(node['rarg'], 'SelectStmt'), parent)
    return left || right
  }
  with_(node['withClause'], parent)
  const block = newBlock(parent)
  const joins: PgNode[] = []
  for (const item of list(node['fromClause'])) fromItem(item, block, joins)
  askTables(block)
  for (const entry of list(node['targetList'])) {
    const alias = (entry as { ResTarget?: PgNode }).ResTarget?.['name']
    if (typeof alias === 'string') block.aliases.add(fold(alias))
  }
  for (const values of list(node['valuesLists']))
    expressions(values, block, 'other')
  // Select-list subqueries GROUP BY may name (by alias or position).
  const correlatedItems = new Set<string>()
  list(node['targetList']).forEach((entry, index) => {
    const target = (entry as { ResTarget?: PgNode }).ResTarget ?? {}
    const value = nodeType(target['val'])
    if (value?.[0] !== 'SubLink') {
      expressions(entry, block, 'other')
    } else if (subLink(value[1], block, 'other')) {
      correlatedItems.add(`ordinal:${index + 1}`)
      if (typeof target['name'] === 'string')
        correlatedItems.add(`name:${target['name']}`)
    }
  })
  expressions(node['whereClause'], block, 'other')
  expressions(node['havingClause'], block, 'other')
  expressions(node['sortClause'], block, 'other')
  expressions(node['windowClause'], block, 'other')
  for (const join of joins) joinQuals(join, block)
  groupByCorrelated(node, correlatedItems)
  return block.correlated
}

function addRangeVar(node: PgNode, block: Block): void {
  const alias = (node['alias'] as PgNode | undefined)?.['aliasname']
  const name = typeof alias === 'string' ? alias : node['relname']
  if (typeof name === 'string') (block.names as Set<string>).add(name)
  const relname = node['relname']
  if (typeof relname !== 'string') return
  const schema = node['schemaname']
  if (typeof schema !== 'string' && withNames.has(fold(relname)))
    block.opaque = true
  else
    block.relations.push(
      relationKey(
        typeof schema === 'string' ? fold(schema) : undefined,
        fold(relname),
      ),
    )
}

/** Adds a FROM item's names; its subqueries are blocks of the enclosing level. */
function fromItem(item: unknown, block: Block, joins: PgNode[]): void {
  const seen = block.names as Set<string>
  const [type, node] = nodeType(item) ?? ['', {}]
  switch (type) {
    case 'RangeVar':
      addRangeVar(node, block)
      return
    case 'RangeSubselect':
    case 'RangeFunction': {
      block.opaque = true
      const alias = (node['alias'] as PgNode | undefined)?.['aliasname']
      if (typeof alias === 'string') seen.add(alias)
      // A FROM subquery sees the enclosing levels, not its siblings.
      const inner = nodeType(node['subquery'])
      if (inner?.[0] === 'SelectStmt' && select(inner[1], block.parent))
        block.correlated = true
      return
    }
    case 'JoinExpr': {
      fromItem(node['larg'], block, joins)
      fromItem(node['rarg'], block, joins)
      const alias = (node['alias'] as PgNode | undefined)?.['aliasname']
      if (typeof alias === 'string') seen.add(alias)
      joins.push(node)
      return
    }
    default:
      block.opaque = true
      return
  }
}

function joinQuals(join: PgNode, block: Block): void {
  const outer = (join['jointype'] ?? 'JOIN_INNER') !== 'JOIN_INNER'
  expressions(join['quals'], block, outer ? 'outer-join-on' : 'other')
}

/** Walks the expressions of `block`, resolving qualified references and visiting subqueries. */
function expressions(value: unknown, block: Block, place: Place): void {
  if (value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    for (const item of value) expressions(item, block, place)
    return
  }
  const node = value as PgNode
  for (const key of Object.keys(node)) {
    const child = node[key]
    if (key === 'SubLink') {
      void subLink(child as PgNode, block, place)
    } else if (key === 'ColumnRef') {
      columnRef(child as PgNode, block)
    } else {
      expressions(child, block, place)
    }
  }
}

/** Visits a subquery of `block`; returns whether it refers to an enclosing level. */
function subLink(node: PgNode, block: Block, place: Place): boolean {
  expressions(node['testexpr'], block, place)
  const inner = unwrap(node['subselect'], 'SelectStmt')
  const isIn = node['subLinkType'] === 'ANY_SUBLINK'
  if (!select(inner, block)) return false
  if (place === 'outer-join-on')
    throw new Refusal('a correlated subquery in the ON clause of an outer join')
  if (hasWindowFunction(inner))
    throw new Refusal('a correlated subquery with a window function')
  if (isIn && groupsWithAggregate(inner))
    throw new Refusal(
      'a correlated IN subquery with GROUP BY and an aggregate other than MIN or MAX',
    )
  return true
}

function columnRef(node: PgNode, block: Block): void {
  const fields = names(node['fields'])
  if (fields.length === 1) {
    bareColumn(fold(fields[0]!), block)
    return
  }
  if (fields.length < 2) return
  // A.col or schema.A.col: `A` names a FROM item of this level or an enclosing one.
  const qualifier = fields[fields.length - 2]!
  let level = 0
  for (let b: Block | undefined = block; b !== undefined; b = b.parent) {
    if (b.names.has(qualifier)) {
      if (level >= 2)
        throw new Refusal(
          `a correlation reference to "${qualifier}" that skips a query block`,
        )
      if (level === 1) block.correlated = true
      return
    }
    level++
  }
}

/** A bare column name: the innermost block whose tables have it is the one it names. */
function bareColumn(name: string, block: Block): void {
  const columns = lookup
  if (columns === undefined || columns.collecting === true) return
  let level = 0
  for (let b: Block | undefined = block; b !== undefined; b = b.parent) {
    if (b.opaque || b.aliases.has(name)) return
    const known = b.relations.map((key) => columns.columnsOf(key))
    if (known.some((c) => c === undefined)) return
    if (known.some((c) => c!.has(name))) {
      if (level >= 2)
        throw new Refusal(
          `a correlation reference to "${name}" that skips a query block`,
        )
      if (level === 1) block.correlated = true
      return
    }
    level++
  }
}

/** Whether the block's own select list or clauses call a window function. */
function hasWindowFunction(select: PgNode): boolean {
  return callsOutsideSubqueries(
    [select['targetList'], select['havingClause'], select['sortClause']],
    (call) => call['over'] !== undefined,
  )
}

/**
 * GROUP BY with an aggregate other than MIN or MAX, in the select list,
 * HAVING or ORDER BY: the page names the subquery's aggregate functions,
 * wherever they stand.
 */
function groupsWithAggregate(select: PgNode): boolean {
  if (list(select['groupClause']).length === 0) return false
  const clauses = [
    select['targetList'],
    select['havingClause'],
    select['sortClause'],
  ]
  return callsOutsideSubqueries(clauses, (call) => {
    const name = (names(call['funcname']).at(-1) ?? '').toLowerCase()
    return call['over'] === undefined && AGGREGATES.has(name)
  })
}

/**
 * Whether `values` call a function `matches` accepts, outside their
 * subqueries (whose calls belong to their own blocks).
 */
function callsOutsideSubqueries(
  values: readonly unknown[],
  matches: (call: PgNode) => boolean,
): boolean {
  let found = false
  const visit = (value: unknown): void => {
    if (found || value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    const node = value as PgNode
    for (const key of Object.keys(node)) {
      if (key === 'SubLink') continue
      if (key === 'FuncCall' && matches(node[key] as PgNode)) {
        found = true
        return
      }
      visit(node[key])
    }
  }
  for (const value of values) visit(value)
  return found
}

/** Aggregates whose correlated IN subquery Redshift refuses (MIN and MAX are allowed). */
const AGGREGATES: ReadonlySet<string> = new Set([
  'sum',
  'count',
  'avg',
  'stddev',
  'stddev_samp',
  'stddev_pop',
  'variance',
  'var_samp',
  'var_pop',
  'listagg',
  'median',
  'bit_and',
  'bit_or',
  'bool_and',
  'bool_or',
])

/**
 * GROUP BY naming (by alias or ordinal) a select-list item that is a
 * correlated subquery: `correlated` holds those items' aliases and ordinals.
 */
function groupByCorrelated(
  node: PgNode,
  correlated: ReadonlySet<string>,
): void {
  for (const group of list(node['groupClause'])) {
    const [type, item] = nodeType(group) ?? ['', {}]
    let key: string | undefined
    if (type === 'ColumnRef') {
      const fields = names(item['fields'])
      if (fields.length === 1) key = `name:${fields[0]}`
    } else if (type === 'A_Const') {
      const ival = (item['ival'] as { ival?: number } | undefined)?.ival
      if (ival !== undefined) key = `ordinal:${ival}`
    }
    if (key !== undefined && correlated.has(key))
      throw new Refusal('GROUP BY on the result of a correlated subquery')
  }
}
