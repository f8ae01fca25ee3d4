import { reject } from '../../errors/reject.js'
import { quoteIdentifier } from '../quote.js'
import { identifierName } from '../rewrite-tokens.js'
import { withQueryNames } from './relation-input.js'
import {
  emulatorLimit,
  TRAILING_CLAUSES,
  type SyntaxResult,
  type SyntaxTokens,
} from './syntax-tokens.js'

const CLAUSES = new Set([
  ...TRAILING_CLAUSES,
  'WHERE',
  'START',
  'CONNECT',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'NATURAL',
])
const SET_OPERATIONS = new Set(['UNION', 'INTERSECT', 'EXCEPT', 'MINUS'])
const REST = new Set(['GROUP', 'HAVING', 'QUALIFY', 'ORDER', 'LIMIT', 'OFFSET'])

/**
 * `[START WITH roots] CONNECT BY relation`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CONNECT_BY_clause.html):
 * rows in a hierarchy, with the LEVEL pseudocolumn (1 for a root) and PRIOR
 * naming the parent row's columns. The FROM relation (one table or subquery)
 * is expanded by a recursive WITH query that carries each row whole, so the
 * query's own select list, WHERE (evaluated after CONNECT BY, as the page
 * says), GROUP BY and ORDER BY read its columns by name as before. A row
 * that is its own ancestor stops the query with an error rather than loop.
 *
 * The block may follow a WITH clause or be one input of a set operation.
 * Only what the page documents is taken: no NOCYCLE, ORDER SIBLINGS BY or
 * CONNECT_BY_ROOT.
 *
 * @example
 * ```ts
 * rewriteConnectBy(new SyntaxTokens("select id from employee start with name = 'John' connect by prior id = manager_id"))
 * ```
 */
export function rewriteConnectBy(s: SyntaxTokens): SyntaxResult {
  for (let c = 0; c < s.length; c++) {
    if (s.word(c) !== 'CONNECT' || s.word(c + 1) !== 'BY') continue
    return connectBy(s, c)
  }
  return { edits: [] }
}

function connectBy(s: SyntaxTokens, c: number): SyntaxResult {
  const outerStart = s.levelStart(c)
  const outerEnd = s.levelEnd(c)
  // In a set operation, the input that holds CONNECT BY: from the set
  // operation before it to the one after it (or, for the last input, to the
  // ORDER BY / LIMIT of the whole set operation).
  let levelStart = outerStart
  let levelEnd = outerEnd
  const inSetOperation =
    s.findWord(outerStart, outerEnd, SET_OPERATIONS) < outerEnd
  if (inSetOperation) {
    for (let at = outerStart; ;) {
      const op = s.findWord(at, c, SET_OPERATIONS)
      if (op >= c) break
      levelStart = op + 1
      if (s.word(levelStart) === 'ALL' || s.word(levelStart) === 'DISTINCT')
        levelStart += 1
      at = op + 1
    }
    levelEnd = s.findWord(c, outerEnd, SET_OPERATIONS)
    if (levelEnd >= outerEnd)
      levelEnd = s.findWord(c, outerEnd, new Set(['ORDER', 'LIMIT', 'OFFSET']))
  }
  const select = s.findWord(levelStart, c, new Set(['SELECT']))
  const from = s.findWord(select + 1, c, new Set(['FROM']))
  if (select >= c || from >= c) return { error: s.syntaxError(c) }
  const itemEnd = clauseAfter(s, from + 1, levelEnd)
  if (
    s.split(from + 1, itemEnd).length !== 1 ||
    (CLAUSES.has(s.word(itemEnd)) &&
      !['WHERE', 'START', 'CONNECT'].includes(s.word(itemEnd)))
  )
    return {
      error: emulatorLimit(
        'CONNECT BY over a join',
        'join in a subquery: FROM (SELECT ... FROM a JOIN b ...) AS t CONNECT BY ...',
      ),
    }
  const { relation, alias } = itemOf(s, from + 1, itemEnd)
  // The rows of a subquery or WITH query are of a record type PostgreSQL
  // registers for the query's own level only: carried whole through the
  // recursive query, they cannot be read back.
  const ctes = withQueryNames(s, 0)
  if (
    s.is(from + 1, '(') ||
    (!s.is(from + 2, '.') && ctes.includes(identifierName(s.tokens[from + 1]!)))
  )
    return {
      error: emulatorLimit(
        'CONNECT BY over a subquery or a WITH query',
        'CONNECT BY over the table itself, or create a temporary table from the query first',
      ),
    }
  const item = `${relation} AS ${alias}`

  // The clauses after FROM, each to the next.
  const clauses = new Map<string, [number, number]>()
  let at = itemEnd
  while (at < levelEnd && !REST.has(s.word(at))) {
    const word = s.word(at)
    const bodyStart =
      word === 'WHERE'
        ? at + 1
        : word === 'START' && s.word(at + 1) === 'WITH'
          ? at + 2
          : word === 'CONNECT'
            ? at + 2
            : -1
    if (bodyStart < 0 || clauses.has(word)) return { error: s.syntaxError(at) }
    const bodyEnd = s.findWord(
      bodyStart,
      levelEnd,
      new Set([...REST, 'WHERE', 'START', 'CONNECT']),
    )
    if (bodyEnd === bodyStart) return { error: s.syntaxError(bodyStart) }
    // WHERE comes before the hierarchical clauses.
    if (word === 'WHERE' && clauses.size > 0)
      return { error: s.syntaxError(at) }
    clauses.set(word, [bodyStart, bodyEnd])
    at = bodyEnd
  }
  const connect = clauses.get('CONNECT')!
  if (s.word(connect[0]) === 'NOCYCLE')
    return { error: s.syntaxError(connect[0]) }
  if (!rangeHas(s, connect, 'PRIOR'))
    return {
      error: reject.other(
        '42601',
        'CONNECT BY condition must use the PRIOR operator to refer to the parent row',
      ),
    }
  const start = clauses.get('START')
  const where = clauses.get('WHERE')
  const rest =
    at < levelEnd
      ? render(s, [at, levelEnd], { level: '"__cb"."__level"' })
      : ''

  const roots = start ? ` WHERE ${render(s, start, { level: '1' })}` : ''
  const step = render(s, connect, {
    level: '("__prior"."__level" + 1)',
    prior: '("__prior"."__row")',
  })
  const outerLevel = '"__cb"."__level"'
  const list = selectList(s, select + 1, from, alias, outerLevel)
  const filter = where
    ? ` WHERE ${render(s, where, { level: outerLevel })}`
    : ''
  const query =
    `"__connect_by"("__level", "__row") AS (` +
    `SELECT 1, ${alias} FROM ${item}${roots}` +
    ` UNION ALL SELECT "__prior"."__level" + 1, ${alias} FROM "__connect_by" AS "__prior" JOIN ${item} ON ${step}` +
    `) CYCLE "__row" SET "__loops" USING "__path"`
  const rows =
    `, redshift_local.connect_by_row("__cb"."__row", "__cb"."__loops") AS ${alias}` +
    `${filter}${rest ? ` ${rest}` : ''}`
  // After the statement's WITH clause, or as one input of a set operation,
  // the recursive query stands in a FROM subquery of the block's own, so
  // the block stays one SELECT (and sees the statement's WITH queries).
  const text =
    s.word(outerStart) === 'WITH' || inSetOperation
      ? `SELECT ${list} FROM (WITH RECURSIVE ${query} SELECT * FROM "__connect_by") AS "__cb"${rows}`
      : `WITH RECURSIVE ${query} SELECT ${list} FROM "__connect_by" AS "__cb"${rows}`
  return { edits: [s.replace(select, levelEnd, text)] }
}

/**
 * The first clause word after the FROM item. START is an alias unless WITH
 * follows it (the page's note on START and CONNECT as aliases).
 */
function clauseAfter(s: SyntaxTokens, from: number, to: number): number {
  let at = from
  for (;;) {
    at = s.findWord(at, to, CLAUSES)
    if (at >= to) return to
    const word = s.word(at)
    if (s.word(at - 1) === 'AS') at += 1
    else if (word === 'START' && s.word(at + 1) !== 'WITH') at += 1
    else if (word === 'CONNECT' && s.word(at + 1) !== 'BY') at += 1
    else return at
  }
}

/**
 * The FROM item's relation and the name its rows go by (its alias, or the
 * table's name), quoted: the page allows START as an alias written with AS.
 */
function itemOf(
  s: SyntaxTokens,
  from: number,
  to: number,
): { relation: string; alias: string } {
  const last = s.tokens[to - 1]!
  const named = to - from > 1 && !s.is(to - 2, '.') && !s.is(to - 1, ')')
  if (!named) {
    const alias = s.is(to - 1, ')')
      ? '"__connect_by_input"'
      : quoteIdentifier(identifierName(last))
    return { relation: s.slice(from, to), alias }
  }
  const relationEnd = s.word(to - 2) === 'AS' ? to - 2 : to - 1
  return {
    relation: s.slice(from, relationEnd),
    alias: quoteIdentifier(identifierName(last)),
  }
}

function rangeHas(
  s: SyntaxTokens,
  [from, to]: [number, number],
  word: string,
): boolean {
  for (let i = from; i < to; i++) if (s.word(i) === word) return true
  return false
}

/** Text of a clause with LEVEL (and PRIOR column) replaced. */
function render(
  s: SyntaxTokens,
  [from, to]: [number, number],
  names: { readonly level: string; readonly prior?: string },
): string {
  let out = ''
  let i = from
  while (i < to) {
    const word = s.word(i)
    let piece: string | null = null
    let next = i + 1
    if (word === 'LEVEL' && !s.is(i - 1, '.') && !s.is(i + 1, '(')) {
      piece = names.level
    } else if (word === 'PRIOR' && names.prior !== undefined) {
      // PRIOR column or PRIOR alias.column: the parent row's column.
      let last = i + 1
      while (s.is(last + 1, '.')) last += 2
      const column = s.tokens[last]
      if (column?.kind === 'word' || column?.kind === 'quoted') {
        piece = `${names.prior}.${column.text}`
        next = last + 1
      }
    }
    const gap = i > from ? s.text.slice(s.end(i - 1), s.start(i)) : ''
    out += gap + (piece ?? s.raw(i))
    i = next
  }
  return out.trim()
}

/** The select list, LEVEL replaced and a bare `*` limited to the FROM item's columns. */
function selectList(
  s: SyntaxTokens,
  from: number,
  to: number,
  alias: string,
  level: string,
): string {
  const items = s.split(from, to).map(([a, b]) => {
    if (b - a === 1 && s.raw(a) === '*') return `${alias}.*`
    // LEVEL alone keeps its name.
    if (b - a === 1 && s.word(a) === 'LEVEL') return `${level} AS level`
    return render(s, [a, b], { level })
  })
  return items.join(', ')
}
