import { nodeType, type PgNode } from '../parse-tree.js'

/**
 * The FROM items of a statement that are paths rather than tables: a
 * qualified name whose first part is the alias (or the unaliased name) of
 * an item that it can see, one before it in its FROM list (or the left side
 * of its join) or one of an enclosing query. `FROM spectrum.j AS spectrum,
 * spectrum.tags g` ranges over `tags` of the first item, while in `FROM
 * spectrum.j AS spectrum` alone the name is a table of schema `spectrum`
 * (an item never sees its own alias, nor a later one). Answers the items'
 * `location`s (byte offsets, as the parse tree holds them); `held` gives a
 * name as PostgreSQL holds it.
 *
 * @example
 * ```ts
 * fromPathLocations(tree, (n) => n.toLowerCase()) // Set { 32 }
 * ```
 */
export function fromPathLocations(
  tree: unknown,
  held: (name: string) => string,
): Set<number> {
  const out = new Set<number>()
  const visit = (value: unknown, visible: ReadonlySet<string>): void => {
    if (value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      for (const item of value) visit(item, visible)
      return
    }
    for (const [key, child] of Object.entries(value as PgNode)) {
      if (key === 'SelectStmt') select(child as PgNode, visible)
      else visit(child, visible)
    }
  }
  const select = (node: PgNode, outer: ReadonlySet<string>): void => {
    // Set operations hold their queries unwrapped.
    for (const side of ['larg', 'rarg']) {
      const query = node[side]
      if (query !== null && typeof query === 'object')
        select(query as PgNode, outer)
    }
    const visible = new Set(outer)
    const item = (wrapped: unknown): void => {
      const [type, n] = nodeType(wrapped) ?? ['', {} as PgNode]
      const alias = (n['alias'] as PgNode | undefined)?.['aliasname']
      if (type === 'JoinExpr') {
        item(n['larg'])
        item(n['rarg'])
        visit(n['quals'], visible)
        if (typeof alias === 'string') visible.add(held(alias))
      } else if (type === 'RangeVar') {
        const head = [n['catalogname'], n['schemaname']].find(
          (name): name is string => typeof name === 'string',
        )
        if (head !== undefined && visible.has(held(head)))
          out.add(Number(n['location'] ?? -1))
        const name = typeof alias === 'string' ? alias : n['relname']
        if (typeof name === 'string') visible.add(held(name))
      } else {
        visit(wrapped, visible)
        if (typeof alias === 'string') visible.add(held(alias))
      }
    }
    const from = node['fromClause']
    if (Array.isArray(from)) for (const wrapped of from) item(wrapped)
    for (const [key, child] of Object.entries(node)) {
      if (key === 'fromClause' || key === 'larg' || key === 'rarg') continue
      visit(child, visible)
    }
  }
  visit(tree, new Set())
  return out
}
