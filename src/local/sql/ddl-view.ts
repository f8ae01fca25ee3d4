import {
  checkKeys,
  emptyDraft,
  finishAttributes,
  readNameList,
  readRelationName,
  readTableAttributes,
  refuseKeyPositions,
} from './ddl-attributes.js'
import type { DdlCursor } from './ddl-cursor.js'
import { temporaryInSchema, type CreateResult } from './ddl-table.js'
import { identifierName } from './rewrite-tokens.js'

/**
 * `CREATE [OR REPLACE] VIEW name [(columns)] AS query [WITH NO SCHEMA BINDING]`
 * with `c.pos` on VIEW. Only a late-binding view needs anything: the clause
 * is dropped and every relation the query reads must be schema-qualified;
 * a `#name` view is temporary (`CREATE TEMP VIEW "#name"`). Returns null
 * for an ordinary view.
 */
export function rewriteCreateView(c: DdlCursor): CreateResult | null {
  const viewAt = c.pos
  c.pos++
  const name = readRelationName(c)
  // "If you specify a view name that begins with '# ', the view is created
  // as a temporary view that is visible only in the current session."
  if (name.hash && name.schema !== null) throw temporaryInSchema(c, name.first)
  if (name.hash) {
    c.replace(name.first, name.last, `"${name.name.replace(/"/g, '""')}"`)
    c.insertBefore(viewAt, 'TEMP ')
  }
  if (c.is('(')) readNameList(c)
  if (c.kw() !== 'AS') return null
  const queryStart = c.pos + 1
  let last = c.tokens.length - 1
  if (c.is(';', last)) last--
  const binding = last - 3
  if (
    binding <= queryStart ||
    c.kw(binding) !== 'WITH' ||
    c.kw(binding + 1) !== 'NO' ||
    c.kw(binding + 2) !== 'SCHEMA' ||
    c.kw(binding + 3) !== 'BINDING'
  ) {
    return name.hash ? { notable: true } : null
  }
  if (name.hash)
    throw c.error(
      'a temporary late-binding view in the local emulator is not supported',
      '0A000',
      name.first,
    )
  requireQualifiedRelations(c, queryStart, binding - 1)
  c.remove(binding, binding + 3)
  return {
    attributes: finishAttributes(
      emptyDraft(),
      'view',
      { schema: name.schema, name: name.name },
      false,
      true,
    ),
    notable: true,
  }
}

/**
 * `CREATE MATERIALIZED VIEW name [BACKUP YES|NO] [table attributes]
 * [AUTO REFRESH YES|NO] AS query`, with `c.pos` after VIEW.
 */
export function rewriteCreateMaterializedView(c: DdlCursor): CreateResult {
  const name = readRelationName(c)
  const draft = emptyDraft()
  readTableAttributes(c, draft, true)
  refuseKeyPositions(c, draft)
  checkKeys(c, draft, null)
  return {
    attributes: finishAttributes(
      draft,
      'materialized_view',
      { schema: name.schema, name: name.name },
      false,
    ),
    // Always recorded: SHOW VIEW gives back the statement as written.
    notable: true,
  }
}

// Clause words that end a FROM list at the same bracket depth.
const FROM_LIST_END = new Set([
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'MINUS',
  'QUALIFY',
  'WINDOW',
  'FETCH',
])

/**
 * Redshift refuses a late-binding view that names a relation without its
 * schema. A relation is whatever follows FROM, JOIN or a comma of a FROM
 * list, at a query level (the top, or a bracket that opens a SELECT/WITH);
 * names defined by WITH are exempt, as are function calls in FROM. Returns
 * the schemas of the `schema.relation` names, which must exist ("The schema
 * must exist when the view is created, even if the referenced table doesn't
 * exist", r_CREATE_VIEW.html); a `database.schema.relation` is another
 * database's, not checked here.
 *
 * @example
 * ```ts
 * const c = new DdlCursor('select * from public.t join s2.u using (a)', false)
 * requireQualifiedRelations(c, 0, c.tokens.length - 1) // ['public', 's2']
 * ```
 */
export function requireQualifiedRelations(
  c: DdlCursor,
  from: number,
  to: number,
): string[] {
  const schemas = new Set<string>()
  const cteNames = new Set<string>()
  for (let at = from; at <= to; at++) {
    const token = c.token(at)!
    const before = c.kw(at - 1)
    if (
      (token.kind === 'word' || token.kind === 'quoted') &&
      (before === 'WITH' || before === 'RECURSIVE' || c.is(',', at - 1))
    ) {
      let next = at + 1
      if (c.is('(', next)) next = (c.match[next] ?? next) + 1
      if (c.kw(next) === 'AS' && c.is('(', next + 1))
        cteNames.add(identifierName(token))
    }
  }

  // One entry per open bracket level: is it a query level, and is a FROM list open there?
  const levels: { query: boolean; inFrom: boolean }[] = [
    { query: true, inFrom: false },
  ]
  let expectRelation = false
  for (let at = from; at <= to; at++) {
    const token = c.token(at)!
    const level = levels[levels.length - 1]!
    const relationHere = expectRelation
    if (expectRelation) {
      expectRelation = false
      const word = c.kw(at)
      if (word === 'LATERAL' || word === 'ONLY') {
        expectRelation = true
        continue
      }
      if (
        (token.kind === 'word' || token.kind === 'quoted') &&
        c.is('.', at + 1)
      ) {
        const parts = [identifierName(token)]
        for (let k = at + 2; c.is('.', k - 1); k += 2) {
          const part = c.token(k)
          if (part?.kind !== 'word' && part?.kind !== 'quoted') break
          parts.push(identifierName(part))
        }
        if (parts.length === 2) schemas.add(parts[0]!)
      } else if (
        (token.kind === 'word' || token.kind === 'quoted') &&
        !c.is('(', at + 1)
      ) {
        if (!cteNames.has(identifierName(token))) {
          throw c.error(
            'All the relation names inside should be qualified',
            '42601',
            at,
          )
        }
      }
    }
    if (token.text === '(' || token.text === '[') {
      const first = c.kw(at + 1)
      const subquery = first === 'SELECT' || first === 'WITH'
      // A bracket where a relation belongs holds a subquery or a join.
      levels.push({
        query: subquery || relationHere || c.is('(', at + 1),
        inFrom: relationHere && !subquery,
      })
      if (relationHere && !subquery) expectRelation = true
      continue
    }
    if (token.text === ')' || token.text === ']') {
      if (levels.length > 1) levels.pop()
      continue
    }
    if (!level.query) continue
    const word = c.kw(at)
    if (word === 'FROM') {
      level.inFrom = true
      expectRelation = true
    } else if (word === 'JOIN' && level.inFrom) {
      expectRelation = true
    } else if (token.text === ',' && level.inFrom) {
      expectRelation = true
    } else if (FROM_LIST_END.has(word) || word === 'SELECT') {
      level.inFrom = false
    }
  }
  return [...schemas]
}
