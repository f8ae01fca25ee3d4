import { reject } from '../../errors/reject.js'
import { identifierName } from '../rewrite-tokens.js'
import type { TextEdit } from '../text-edits.js'
import {
  emulatorLimit,
  TRAILING_CLAUSES,
  type SyntaxResult,
  type SyntaxTokens,
} from './syntax-tokens.js'

const WHERE_END = new Set([...TRAILING_CLAUSES])
const JOIN_WORDS = new Set(['JOIN', 'NATURAL'])

/** A FROM item of the query block. */
interface Item {
  readonly name: string
  readonly text: string
}

/**
 * Oracle-style outer joins in WHERE: `a.x = b.x(+)`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_WHERE_oracle_outer.html).
 * The conditions that carry `(+)` on a table's columns become that table's
 * `LEFT JOIN ... ON`, after the tables it is joined to; the other conditions
 * stay in WHERE (so a join that mixes styles stays an inner join, as the page
 * says). The page's rules are kept: only in WHERE, only on columns, not with
 * FROM-clause joins, not under OR or IN, one table outer joined to at most one
 * other. A bare `*` keeps the FROM list's column order.
 *
 * One query block is rewritten per call; the caller repeats until none is left.
 *
 * @example
 * ```ts
 * rewriteOuterJoinOperator(new SyntaxTokens('select count(*) from sales, listing where sales.listid = listing.listid(+)'))
 * // edits to: select count(*) from sales LEFT JOIN listing ON sales.listid = listing.listid
 * ```
 */
export function rewriteOuterJoinOperator(s: SyntaxTokens): SyntaxResult {
  for (let o = 0; o < s.length; o++) {
    if (isOperator(s, o)) return block(s, o)
  }
  return { edits: [] }
}

function isOperator(s: SyntaxTokens, o: number): boolean {
  return s.is(o, '(') && s.raw(o + 1) === '+' && s.is(o + 2, ')')
}

function block(s: SyntaxTokens, o: number): SyntaxResult {
  // The query block whose WHERE holds the operator, bracket levels outward.
  let levelStart = s.levelStart(o)
  let select = -1
  let where = -1
  for (;;) {
    const levelEnd = s.levelEnd(levelStart)
    select = s.findWord(levelStart, levelEnd, new Set(['SELECT']))
    where = s.findWord(levelStart, levelEnd, new Set(['WHERE']))
    if (select < levelEnd && where < o) break
    if (levelStart === 0) return { error: s.syntaxError(o) }
    levelStart = s.levelStart(levelStart - 1)
  }
  const levelEnd = s.levelEnd(levelStart)
  const from = s.findWord(select + 1, where, new Set(['FROM']))
  const whereEnd = s.findWord(where + 1, levelEnd, WHERE_END)
  if (from >= where || o > whereEnd) return { error: s.syntaxError(o) }
  if (s.findWord(from + 1, where, JOIN_WORDS) < where)
    return {
      error: reject.other(
        '42601',
        'Outer join operator (+) cannot be used in a query block with FROM clause joins',
      ),
    }
  const items = s.split(from + 1, where).map(([a, b]) => itemOf(s, a, b))
  const names = new Set(items.map((i) => i.name))

  // WHERE's top-level AND terms.
  const terms: [number, number][] = []
  let begin = where + 1
  let between = false
  for (let i = where + 1; i < whereEnd; i++) {
    if (s.is(i, '(')) {
      i = Math.max(i, s.partner(i))
      continue
    }
    const word = s.word(i)
    if (word === 'BETWEEN') between = true
    else if (word === 'AND') {
      if (between) between = false
      else {
        terms.push([begin, i])
        begin = i + 1
      }
    }
  }
  terms.push([begin, whereEnd])

  const qualified = new Set<string>()
  const parsed = terms.map(([a, b]) => {
    const outer = new Set<string>()
    let unqualified = false
    const others = new Set<string>()
    let text = ''
    for (let i = a; i < b; i++) {
      if (isOperator(s, i)) {
        const column = s.tokens[i - 1]
        if (column?.kind !== 'word' && column?.kind !== 'quoted')
          return { error: s.syntaxError(i) }
        if (s.is(i - 2, '.')) outer.add(identifierName(s.tokens[i - 3]!))
        else unqualified = true
        i += 2
        continue
      }
      if (s.is(i + 1, '.') && !isOperator(s, i + 3))
        others.add(identifierName(s.tokens[i]!))
      const word = s.word(i)
      if (word === 'OR' || word === 'IN') {
        for (let j = a; j < b; j++) {
          if (isOperator(s, j))
            return {
              error: reject.other(
                '42601',
                'Outer join operator (+) not allowed in operand of OR or IN.',
              ),
            }
        }
      }
      text += (i > a ? s.text.slice(s.end(i - 1), s.start(i)) : '') + s.raw(i)
    }
    for (const name of outer) qualified.add(name)
    return { outer, unqualified, others, text: text.trim() }
  })
  const failed = parsed.find((p) => p.error !== undefined)?.error
  if (failed !== undefined) return { error: failed }
  const conditions = parsed as {
    outer: Set<string>
    unqualified: boolean
    others: Set<string>
    text: string
  }[]

  // Unqualified (+) columns belong to the one table the others name.
  const known = [...qualified].filter((n) => names.has(n))
  for (const c of conditions) {
    if (!c.unqualified) continue
    if (known.length !== 1)
      return {
        error: emulatorLimit(
          'An unqualified column with (+) whose table the statement does not name',
          'qualify the column: table.column(+)',
        ),
      }
    c.outer.add(known[0]!)
  }

  const on = new Map<string, string[]>()
  const drivers = new Map<string, Set<string>>()
  const kept: string[] = []
  for (const c of conditions) {
    // A table of an inner query: no outer join, the condition stays.
    const outer = [...c.outer].filter((n) => names.has(n))
    if (outer.length === 0) {
      kept.push(c.text)
      continue
    }
    if (outer.length > 1)
      return {
        error: reject.other(
          '42601',
          'A table may be outer joined to at most one other table.',
        ),
      }
    const table = outer[0]!
    on.set(table, [...(on.get(table) ?? []), c.text])
    const set = drivers.get(table) ?? new Set<string>()
    for (const other of c.others)
      if (other !== table && names.has(other)) set.add(other)
    drivers.set(table, set)
  }
  for (const [, set] of drivers) {
    if (set.size > 1)
      return {
        error: reject.other(
          '42601',
          'A table may be outer joined to at most one other table.',
        ),
      }
  }

  // Inner tables first, in FROM order; each outer table after its driver.
  const placed: Item[] = items.filter((i) => !on.has(i.name))
  const pending = items.filter((i) => on.has(i.name))
  if (placed.length === 0)
    return { error: emulatorLimit('(+) on every table of the FROM list') }
  let fromText = placed.map((i) => i.text).join(' CROSS JOIN ')
  while (pending.length > 0) {
    const at = pending.findIndex((i) =>
      [...drivers.get(i.name)!].every((d) => placed.some((p) => p.name === d)),
    )
    if (at < 0)
      return {
        error: reject.other(
          '42601',
          'A table may be outer joined to at most one other table.',
        ),
      }
    const item = pending.splice(at, 1)[0]!
    fromText += ` LEFT JOIN ${item.text} ON ${on.get(item.name)!.join(' AND ')}`
    placed.push(item)
  }
  const edits: TextEdit[] = []
  const reordered = placed.some((p, i) => p !== items[i])
  if (reordered) {
    for (const [a, b] of s.split(select + 1, from)) {
      if (b - a === 1 && s.raw(a) === '*')
        edits.push(s.replace(a, b, items.map((i) => `${i.name}.*`).join(', ')))
    }
  }
  const tail = kept.length > 0 ? ` WHERE ${kept.join(' AND ')}` : ''
  edits.push({
    start: s.start(from + 1),
    end: s.end(whereEnd - 1),
    insert: `${fromText}${tail}`,
  })
  return { edits }
}

function itemOf(s: SyntaxTokens, a: number, b: number): Item {
  const last = s.tokens[b - 1]!
  return { name: identifierName(last), text: s.slice(a, b) }
}
