import { reject } from '../../errors/reject.js'
import type { ErrorFields } from '../../protocol/error-fields.js'
import { charOffsets } from '../char-offsets.js'
import { quoteIdentifier } from '../quote.js'
import {
  names as nameList,
  nodeType,
  parseOneStatement,
  walkTree,
  type PgNode,
} from '../parse-tree.js'
import { isSignificant, matchBrackets, tokenize } from '../rewrite-tokens.js'
import type { ExternalSchemaNames } from './external-reads.js'
import { fromPathLocations } from './from-paths.js'

/**
 * Spectrum's SQL extensions for nested data
 * (tutorial-query-nested-data-sqlextensions.html) over the session's table
 * of an external table, whose struct, array and map columns PostgreSQL holds
 * as composite and array types (see `spectrum/nested-values.ts`):
 *
 * - a path into a struct, `c.name.given`, becomes `(c.name).given`;
 * - ranging over an array or map in FROM, `FROM spectrum.customers c,
 *   c.orders o` (or `JOIN c.orders o ON true`), becomes
 *   `redshift_local.nested_elements(c.orders) o`, whose rows have the struct's fields as
 *   columns (a map's `key` and `value`), or the scalar as `o` itself; a
 *   subquery in FROM that ranges over an array of the query around it is
 *   made LATERAL.
 *
 * Paths start at an alias of an external table (its name when it has none)
 * or of a range over one of its arrays. Refused, as nested-data-restrictions.html
 * says: an array element by position (`c.orders[0]`), an OUTER JOIN
 * condition that names a range over nested data and another table, `(NOT) IN` with a
 * subquery that ranges over nested data, and a subquery that ranges over an
 * array of its parent and names another table in its FROM or the parent
 * outside its FROM. Null when the statement has no such path.
 *
 * @example
 * ```ts
 * rewriteNestedReads('select c.name.given from spectrum.customers c, c.orders o', names, true)
 * // { text: 'select (c.name).given from spectrum.customers c, redshift_local.nested_elements(c.orders) o', lateral: false }
 * ```
 */
export function rewriteNestedReads(
  text: string,
  names: ExternalSchemaNames,
  fold: boolean,
): { readonly text: string; readonly lateral: boolean } | ErrorFields | null {
  const tree = parseOneStatement(text)
  if (tree === undefined) return null
  const held = (name: string) => (fold ? name.toLowerCase() : name)
  const charAt = charOffsets(text)
  // Aliases of external tables, then of the ranges over their arrays.
  const heads = new Map<string, number>()
  const ranges: PgNode[] = []
  // `FROM spectrum.j AS spectrum, spectrum.tags g`: the second item is a
  // path from the first one's alias, not a table of schema `spectrum`.
  const fromPaths = fromPathLocations(tree, held)
  walkTree(tree, (type, node) => {
    if (type !== 'RangeVar') return
    const schema = node['schemaname']
    if (typeof schema !== 'string') return
    if (
      node['catalogname'] === undefined &&
      names.has(held(schema)) &&
      !fromPaths.has(Number(node['location'] ?? -1))
    ) {
      const alias = aliasOf(node) ?? String(node['relname'])
      heads.set(alias, charAt(Number(node['location'] ?? -1)))
    } else {
      ranges.push(node)
    }
  })
  if (heads.size === 0) return null
  // The rewrite writes LATERAL itself, which Redshift does not have.
  let lateral = false
  walkTree(tree, (type, node) => {
    if (type === 'RangeSubselect' || type === 'RangeFunction')
      lateral ||= node['lateral'] === true
  })
  if (lateral) return reject.syntax('LATERAL')
  const paths = new Map<number, PgNode>()
  /** A range's alias -> the alias of the external table its path starts at. */
  const roots = new Map<string, string>()
  for (let grew = true; grew;) {
    grew = false
    for (const node of ranges) {
      const at = charAt(Number(node['location'] ?? -1))
      if (paths.has(at)) continue
      const head = pathNames(node)[0]!
      if (!heads.has(head)) continue
      const alias = aliasOf(node)
      if (alias === undefined)
        return reject.other(
          '0A000',
          'ranging over a nested array without an alias is not supported by the local emulator (an emulator limit)',
          undefined,
          'name it: FROM spectrum.table t, t.array_column AS element',
        )
      paths.set(at, node)
      if (!heads.has(alias)) heads.set(alias, at)
      roots.set(alias, roots.get(head) ?? head)
      grew = true
    }
  }

  const tokens = tokenize(text, { backslashEscapes: false }).filter(
    isSignificant,
  )
  const match = matchBrackets(tokens)
  const byStart = new Map<number, number>()
  tokens.forEach((t, i) => byStart.set(t.start, i))
  const edits: { start: number; end: number; text: string }[] = []
  let error: ErrorFields | undefined

  for (const [at, node] of paths) {
    const first = byStart.get(at)
    if (first === undefined) continue
    const parts = pathNames(node)
    // head . column [. field]
    const last = first + 2 * (parts.length - 1)
    const source =
      parts.length === 2
        ? text.slice(tokens[first]!.start, tokens[last]!.end)
        : `(${text.slice(tokens[first]!.start, tokens[first + 2]!.end)})${text.slice(tokens[first + 2]!.end, tokens[last]!.end)}`
    edits.push({
      start: tokens[first]!.start,
      end: tokens[last]!.end,
      text: nestedRange(source, aliasOf(node)!),
    })
  }

  // A subquery in FROM that ranges over an array of a table outside it.
  const subqueryOpens = new Set<number>()
  walkTree(tree, (type, node) => {
    if (type !== 'RangeSubselect' || node['lateral'] === true) return
    let inside: number | undefined
    walkTree(node['subquery'], (_t, inner) => {
      if (inside === undefined && typeof inner['location'] === 'number')
        inside = charAt(inner['location'])
    })
    let i = inside === undefined ? undefined : byStart.get(inside)
    if (i === undefined) return
    for (; i >= 0; i--) {
      const t = tokens[i]!
      if (t.text === ')' && match[i]! >= 0) i = match[i]!
      else if (t.text === '(' && match[i]! > i) break
    }
    if (i >= 0) subqueryOpens.add(i)
  })
  for (const [at, node] of paths) {
    const defined = heads.get(pathNames(node)[0]!)!
    const first = byStart.get(at)
    if (first === undefined) continue
    for (const open of subqueryOpens) {
      const close = match[open]!
      const within = (offset: number) =>
        offset > tokens[open]!.start && offset < tokens[close]!.end
      if (within(at) && !within(defined)) {
        const start = tokens[open]!.start
        if (!edits.some((e) => e.start === start && e.end === start))
          edits.push({ start, end: start, text: 'LATERAL ' })
      }
    }
  }

  walkTree(tree, (type, node) => {
    if (type === 'A_Indirection') {
      const arg = nodeType(node['arg'])
      const steps = Array.isArray(node['indirection'])
        ? node['indirection']
        : []
      if (arg?.[0] !== 'ColumnRef') return
      const head = nameList(arg[1]['fields'])[0]
      if (head === undefined || !heads.has(head)) return
      if (steps.some((s) => nodeType(s)?.[0] === 'A_Indices'))
        error ??= reject.unsupported(
          'referencing an element of a nested array by its position',
          'range over the array in FROM: FROM spectrum.table t, t.array_column AS element',
        )
    } else if (type === 'ColumnRef') {
      const fields = Array.isArray(node['fields']) ? node['fields'] : []
      const parts = nameList(fields)
      if (parts.length !== fields.length || parts.length < 3) return
      if (!heads.has(parts[0]!)) return
      const first = byStart.get(charAt(Number(node['location'] ?? -1)))
      if (first === undefined || tokens[first + 2] === undefined) return
      const start = tokens[first]!.start
      const end = tokens[first + 2]!.end
      edits.push({ start, end: start, text: '(' })
      edits.push({ start: end, end, text: ')' })
    } else if (type === 'SubLink' && node['subLinkType'] === 'ANY_SUBLINK') {
      let nested = false
      walkTree(node['subselect'], (t, inner) => {
        if (t === 'RangeVar')
          nested ||= paths.has(charAt(Number(inner['location'] ?? -1)))
      })
      if (nested)
        error ??= reject.unsupported(
          '(NOT) IN with a subquery over nested data',
          'use (NOT) EXISTS, or a join',
        )
    } else if (type === 'SelectStmt') {
      error ??= subqueryError(node, heads, paths, charAt)
    } else if (type === 'JoinExpr' && node['jointype'] !== 'JOIN_INNER') {
      error ??= outerJoinError(node['quals'], roots)
    }
  })
  if (error !== undefined) return error
  if (edits.length === 0) return null
  edits.sort((a, b) => a.start - b.start || a.end - b.end)
  let out = ''
  let at = 0
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text
    at = edit.end
  }
  return {
    text: out + text.slice(at),
    lateral: paths.size > 0 || edits.some((e) => e.text === 'LATERAL '),
  }
}

/** The alias of the ordinals of a range over an array (see {@link nestedRange}). */
export const RANGE_ORDINAL = 'spectrum$i'

/**
 * The FROM item that ranges over the array (or map) `source`, named
 * `alias` by the text after it: a struct element's fields are its columns,
 * and the element itself is its column `alias`, an element of the array by
 * subscript, so that it keeps the declared type with its length
 * (`array<varchar(20)>` gives VARCHAR(20), in CREATE TABLE AS too, which a
 * function's result would lose).
 */
function nestedRange(source: string, alias: string): string {
  const i = quoteIdentifier(RANGE_ORDINAL)
  const e = quoteIdentifier('spectrum$e')
  return `LATERAL (SELECT ${e}.*, (${source})[${i}] AS ${quoteIdentifier(alias)} FROM redshift_local.nested_subscripts(${source}) AS ${i}, redshift_local.nested_elements(${source}, ${i}) AS ${e})`
}

/**
 * An outer join's condition that names a range over nested data may name
 * only that table and its ranges (nested-data-restrictions.html). Bare
 * column names are not judged: which relation holds them needs the catalog.
 */
function outerJoinError(
  quals: unknown,
  roots: ReadonlyMap<string, string>,
): ErrorFields | undefined {
  const named = new Set<string>()
  walkTree(quals, (type, node) => {
    if (type !== 'ColumnRef') return
    const parts = nameList(node['fields'])
    if (parts.length >= 2) named.add(parts[0]!)
  })
  for (const name of named) {
    const root = roots.get(name)
    if (root === undefined) continue
    const other = [...named].find(
      (n) => n !== root && (roots.get(n) ?? n) !== root,
    )
    if (other !== undefined)
      return reject.unsupported(
        `an OUTER JOIN condition that names nested data of "${root}" and also "${other}"`,
        'such a condition names only the nested table and its arrays and maps',
      )
  }
  return undefined
}

/**
 * A subquery that ranges over an array of its parent (an alias from
 * outside) may name no other table in its FROM, and the parent nowhere but
 * in its FROM (nested-data-restrictions.html).
 */
function subqueryError(
  select: PgNode,
  heads: ReadonlyMap<string, number>,
  paths: ReadonlyMap<number, PgNode>,
  charAt: (byte: number) => number,
): ErrorFields | undefined {
  const local = new Set<string>()
  const outer = new Set<string>()
  let tables = 0
  const item = (wrapped: unknown) => {
    const [type, node] = nodeType(wrapped) ?? ['', {}]
    if (type === 'JoinExpr') {
      item(node['larg'])
      item(node['rarg'])
      return
    }
    const alias = aliasOf(node)
    if (type !== 'RangeVar') {
      if (alias !== undefined) local.add(alias)
      return
    }
    local.add(alias ?? String(node['relname']))
    const path = paths.get(charAt(Number(node['location'] ?? -1)))
    if (path === undefined) tables++
    else outer.add(pathNames(path)[0]!)
  }
  for (const wrapped of Array.isArray(select['fromClause'])
    ? select['fromClause']
    : [])
    item(wrapped)
  for (const name of local) outer.delete(name)
  if (outer.size === 0) return undefined
  if (tables > 0)
    return reject.unsupported(
      'a subquery that ranges over nested data of its parent and also names another table in FROM',
    )
  let parent: string | undefined
  for (const [field, value] of Object.entries(select)) {
    if (field === 'fromClause') continue
    walkTree(value, (type, node) => {
      if (type !== 'ColumnRef') return
      const head = nameList(node['fields'])[0]
      if (head !== undefined && outer.has(head) && heads.has(head))
        parent ??= head
    })
  }
  if (parent === undefined) return undefined
  return reject.unsupported(
    `naming "${parent}" outside the FROM clause of a subquery that ranges over its nested data`,
    'the parent of nested data is named only in the FROM clause of such a subquery',
  )
}

/** `[schema?, relname]` of a FROM path: head alias first, then the names after it. */
function pathNames(node: PgNode): string[] {
  return [node['catalogname'], node['schemaname'], node['relname']].filter(
    (n): n is string => typeof n === 'string',
  )
}

function aliasOf(node: PgNode): string | undefined {
  const alias = node['alias'] as PgNode | undefined
  return typeof alias?.['aliasname'] === 'string'
    ? alias['aliasname']
    : undefined
}

/**
 * The array a range over nested data reads (the argument of its
 * `nested_subscripts`, see nestedRange), when `subquery` is such a range's.
 */
function rangeSource(subquery: unknown): [string, PgNode] | undefined {
  const select = nodeType(subquery)
  if (select?.[0] !== 'SelectStmt') return undefined
  const from = select[1]['fromClause']
  const first = nodeType(Array.isArray(from) ? from[0] : undefined)
  if (first?.[0] !== 'RangeFunction' || aliasOf(first[1]) !== RANGE_ORDINAL)
    return undefined
  const item = nodeType(
    (first[1]['functions'] as unknown[] | undefined)?.[0],
  )?.[1]['items'] as unknown[] | undefined
  const call = nodeType(item?.[0])
  if (
    call?.[0] !== 'FuncCall' ||
    nameList(call[1]['funcname']).join('.') !==
      'redshift_local.nested_subscripts'
  )
    return undefined
  return nodeType((call[1]['args'] as unknown[] | undefined)?.[0])
}

/** What one statement does with an external table's columns. */
export interface ExternalColumnUse {
  /** Columns read as values (see {@link externalColumnUses}). */
  readonly values: Set<string>
  /** Array columns whose range's alias is read as a value (the element itself). */
  readonly elements: Set<string>
  /** `*` over the table. */
  star: boolean
}

/**
 * For each external table a statement reads (`named`, `schema.table`), the
 * columns it reads as values: `alias.column` or a bare `column` that is not
 * the head of a path into a struct (`(alias.column).field`) nor an array
 * ranged over (`nested_elements(alias.column)`), and whether a select list takes `*`
 * of it. The read refuses these for nested columns, as Redshift does.
 *
 * @example
 * ```ts
 * externalColumnUses(tree, new Set(['spectrum.customers']), (n) => n)
 * ```
 */
export function externalColumnUses(
  tree: unknown,
  named: ReadonlySet<string>,
  held: (name: string) => string,
): Map<string, ExternalColumnUse> {
  const out = new Map<string, ExternalColumnUse>()
  const aliases = new Map<string, string>()
  const others = new Set<string>()
  walkTree(tree, (type, node) => {
    if (type === 'RangeVar') {
      const schema = node['schemaname']
      const alias = aliasOf(node) ?? String(node['relname'])
      const key =
        typeof schema === 'string'
          ? `${held(schema)}.${held(String(node['relname']))}`
          : ''
      if (named.has(key) && node['catalogname'] === undefined) {
        aliases.set(alias, key)
        out.set(
          key,
          out.get(key) ?? {
            values: new Set(),
            elements: new Set(),
            star: false,
          },
        )
      } else others.add(alias)
    } else if (type === 'RangeFunction' || type === 'RangeSubselect') {
      const alias = aliasOf(node)
      if (alias !== undefined) others.add(alias)
    }
  })
  // Aliases of the ranges over an external table's own columns
  // (`LATERAL (SELECT ... FROM pg_catalog.nested_subscripts(alias.column)
  // AS "spectrum$i", ...) AS range`, see nestedRange).
  const ranged = new Map<string, readonly [string, string]>()
  walkTree(tree, (type, node) => {
    if (type !== 'RangeSubselect') return
    const alias = aliasOf(node)
    const source = rangeSource(node['subquery'])
    if (alias === undefined || source === undefined) return
    const parts = source[0] === 'ColumnRef' ? nameList(source[1]['fields']) : []
    const key = parts.length === 2 ? aliases.get(parts[0]!) : undefined
    if (key !== undefined) ranged.set(alias, [key, parts[1]!])
  })
  // Column references that head a path or are ranged over.
  const heads = new Set<unknown>()
  walkTree(tree, (type, node) => {
    if (type === 'A_Indirection') {
      const steps = Array.isArray(node['indirection'])
        ? node['indirection']
        : []
      const arg = nodeType(node['arg'])
      if (arg?.[0] === 'ColumnRef' && nodeType(steps[0])?.[0] === 'String')
        heads.add(arg[1])
    } else if (type === 'RangeSubselect') {
      // The array a range reads, wherever its subquery names it.
      const source = rangeSource(node['subquery'])
      if (source?.[0] !== 'ColumnRef') return
      const written = JSON.stringify(source[1]['fields'])
      walkTree(node['subquery'], (t, inner) => {
        if (t === 'ColumnRef' && JSON.stringify(inner['fields']) === written)
          heads.add(inner)
      })
    }
  })
  walkTree(tree, (type, node) => {
    if (type === 'SelectStmt') {
      const from = Array.isArray(node['fromClause']) ? node['fromClause'] : []
      const direct: string[] = []
      const item = (wrapped: unknown) => {
        const [t, n] = nodeType(wrapped) ?? ['', {}]
        if (t === 'JoinExpr') {
          item(n['larg'])
          item(n['rarg'])
        } else if (t === 'RangeVar')
          direct.push(aliasOf(n) ?? String(n['relname']))
      }
      from.forEach(item)
      for (const target of Array.isArray(node['targetList'])
        ? node['targetList']
        : []) {
        const value = nodeType(nodeType(target)?.[1]['val'])
        if (value?.[0] !== 'ColumnRef') continue
        const fields = Array.isArray(value[1]['fields'])
          ? value[1]['fields']
          : []
        if (nodeType(fields.at(-1))?.[0] !== 'A_Star') continue
        const qualifier = nameList(fields)[0]
        for (const alias of direct) {
          const key = aliases.get(alias)
          if (key === undefined) continue
          if (fields.length === 1 || qualifier === alias)
            out.get(key)!.star = true
        }
      }
      return
    }
    if (type !== 'ColumnRef' || heads.has(node)) return
    const fields = Array.isArray(node['fields']) ? node['fields'] : []
    const parts = nameList(fields)
    if (parts.length !== fields.length) return
    if (parts.length === 1) {
      const range = ranged.get(parts[0]!)
      if (range !== undefined) out.get(range[0])!.elements.add(range[1])
      if (aliases.has(parts[0]!) || others.has(parts[0]!)) return
      for (const use of out.values()) use.values.add(parts[0]!)
    } else if (parts.length === 2) {
      const key = aliases.get(parts[0]!)
      if (key !== undefined) out.get(key)!.values.add(parts[1]!)
    } else if (parts.length === 3) {
      const key = `${parts[0]}.${parts[1]}`
      if (named.has(key)) out.get(key)?.values.add(parts[2]!)
    }
  })
  return out
}
