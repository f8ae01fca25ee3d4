import { parseSync } from 'libpg-query'

/**
 * A node of libpg-query's JSON parse tree. The tree is plain JSON whose shape
 * is PostgreSQL's own node structs, so it is typed loosely here and read
 * defensively.
 */
export type PgNode = { readonly [key: string]: unknown }

/** Fields that hold a node without the `{ TypeName: ... }` wrapper. */
const UNWRAPPED_FIELDS: Readonly<Record<string, string>> = {
  larg: 'SelectStmt',
  rarg: 'SelectStmt',
  relation: 'RangeVar',
  typeName: 'TypeName',
  over: 'WindowDef',
  withClause: 'WithClause',
  collClause: 'CollateClause',
  onConflictClause: 'OnConflictClause',
  intoClause: 'IntoClause',
  // CREATE TABLE AS keeps its IntoClause in `into`, whose `rel` is the new table.
  into: 'IntoClause',
  rel: 'RangeVar',
}

/** Called for each node; `ancestors` lists enclosing node types, outermost first. */
export type NodeVisitor = (
  type: string,
  node: PgNode,
  ancestors: readonly string[],
) => void

/**
 * Visits every node of a parse tree, depth first, with the node type name
 * (`SelectStmt`, `FuncCall`, ...), including nodes stored unwrapped in fields
 * such as `larg`, `relation`, `typeName` or `over`.
 *
 * @example
 * ```ts
 * walkTree(parseSync('select 1').stmts[0].stmt, (type) => console.log(type))
 * ```
 */
export function walkTree(root: unknown, visit: NodeVisitor): void {
  const ancestors: string[] = []
  const visitValue = (value: unknown, field: string | undefined): void => {
    if (value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      for (const item of value) visitValue(item, undefined)
      return
    }
    const node = value as PgNode
    const implied = field !== undefined ? UNWRAPPED_FIELDS[field] : undefined
    if (implied !== undefined && !isWrapper(node)) {
      if (implied === 'RangeVar' && typeof node['relname'] !== 'string') {
        visitFields(node)
        return
      }
      visitNode(implied, node)
      return
    }
    for (const key of Object.keys(node)) {
      const child = node[key]
      if (
        isTypeName(key) &&
        child !== null &&
        typeof child === 'object' &&
        !Array.isArray(child)
      ) {
        visitNode(key, child as PgNode)
      } else {
        visitValue(child, key)
      }
    }
  }
  const visitNode = (type: string, node: PgNode) => {
    visit(type, node, ancestors)
    ancestors.push(type)
    visitFields(node)
    ancestors.pop()
  }
  const visitFields = (node: PgNode) => {
    for (const key of Object.keys(node)) visitValue(node[key], key)
  }
  visitValue(root, undefined)
}

function isTypeName(key: string): boolean {
  const c = key.charCodeAt(0)
  return c >= 65 && c <= 90
}

function isWrapper(node: PgNode): boolean {
  const keys = Object.keys(node)
  return keys.length === 1 && isTypeName(keys[0]!)
}

/** The `sval`s of a list of String nodes (names, qualified names). */
export function names(list: unknown): string[] {
  if (!Array.isArray(list)) return []
  const out: string[] = []
  for (const item of list) {
    const s = (item as { String?: { sval?: string } }).String?.sval
    if (typeof s === 'string') out.push(s)
  }
  return out
}

/** The single node type key of a wrapped node (`{ SelectStmt: {...} }` -> 'SelectStmt'). */
export function nodeType(wrapped: unknown): [string, PgNode] | undefined {
  if (wrapped === null || typeof wrapped !== 'object') return undefined
  const keys = Object.keys(wrapped)
  if (keys.length !== 1) return undefined
  return [keys[0]!, (wrapped as Record<string, PgNode>)[keys[0]!]!]
}

/** The value of an A_Const (string, number as text, boolean as 'on'/'off'), or undefined. */
export function constValue(node: unknown): string | undefined {
  const c = (node as { A_Const?: PgNode } | undefined)?.A_Const
  if (!c) {
    const cast = (node as { TypeCast?: PgNode } | undefined)?.TypeCast
    return cast ? constValue(cast['arg']) : undefined
  }
  const sval = (c['sval'] as { sval?: string } | undefined)?.sval
  if (sval !== undefined) return sval
  if ('sval' in c) return ''
  const ival = c['ival'] as { ival?: number } | undefined
  if (ival !== undefined) return String(ival.ival ?? 0)
  const fval = (c['fval'] as { fval?: string } | undefined)?.fval
  if (fval !== undefined) return fval
  const boolval = c['boolval'] as { boolval?: boolean } | undefined
  if (boolval !== undefined) return boolval.boolval ? 'on' : 'off'
  return undefined
}

/**
 * The parse tree of `text` when it is exactly one statement PostgreSQL can
 * parse, else undefined (a rewrite then leaves the text alone and the
 * statement's own checks report the problem).
 *
 * ```ts
 * nodeType(parseOneStatement('select 1'))?.[0] // 'SelectStmt'
 * parseOneStatement('select 1; select 2') // undefined
 * ```
 */
export function parseOneStatement(text: string): unknown {
  try {
    const stmts = (parseSync(text) as { stmts?: { stmt?: unknown }[] }).stmts
    return stmts?.length === 1 ? stmts[0]!.stmt : undefined
  } catch {
    return undefined
  }
}
