import { reject } from '../../errors/reject.js'
import type { ErrorFields } from '../../protocol/error-fields.js'
import { quoteIdentifier } from '../quote.js'
import { identifierName } from '../rewrite-tokens.js'
import type { TextEdit } from '../text-edits.js'
import {
  inputColumns,
  relationBefore,
  type RelationInput,
} from './relation-input.js'
import {
  type SyntaxContext,
  type SyntaxResult,
  type SyntaxTokens,
  relationAlias,
} from './syntax-tokens.js'

const AGGREGATES = new Set(['COUNT', 'SUM', 'MIN', 'MAX', 'AVG'])

/**
 * `relation PIVOT ( agg(arg) [AS a] [, ...] FOR column IN (value [AS v], ...) ) [alias]`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause-pivot-unpivot-examples.html):
 * one output column per IN value (and aggregate), grouped by the input's
 * other columns, which the rewrite names explicitly:
 * `(SELECT others, agg(CASE WHEN column = value THEN arg END) AS "value_a", ...
 * FROM relation GROUP BY others)`. COUNT of no row is 0, the other
 * aggregates NULL, as the page shows. Column names follow the page: the IN
 * alias, or the constant itself, with `_alias` of the aggregate when it has
 * one.
 *
 * The other columns come from a subquery's select list or a WITH query's,
 * and over a table or view name or a `SELECT *` from the catalog
 * ({@link inputColumns}).
 *
 * @example
 * ```ts
 * rewritePivot(new SyntaxTokens("select * from (select partname, price from part) pivot (avg(price) for partname in ('prop', 'rudder'))"))
 * ```
 */
export function rewritePivot(
  s: SyntaxTokens,
  context: SyntaxContext,
): SyntaxResult {
  const edits: TextEdit[] = []
  let pending: { error: ErrorFields; needs: string[] } | undefined
  for (let p = 0; p < s.length; p++) {
    if (s.word(p) !== 'PIVOT' || !s.is(p + 1, '(')) continue
    const input = relationBefore(s, p)
    if (input === null) return { error: s.syntaxError(p) }
    const result = pivotOne(s, p, input, context)
    if ('needs' in result) {
      pending ??= { error: result.error, needs: [] }
      pending.needs.push(...result.needs)
    } else if ('error' in result) return pending ?? result
    else edits.push(...result.edits)
    p = s.partner(p + 1)
  }
  return pending ?? { edits }
}

function pivotOne(
  s: SyntaxTokens,
  p: number,
  input: RelationInput,
  context: SyntaxContext,
): SyntaxResult {
  const open = p + 1
  const close = s.partner(open)
  if (close < 0) return { error: s.syntaxError(open) }
  const forAt = s.findWord(open + 1, close, new Set(['FOR']))
  if (forAt >= close) return { error: s.syntaxError(close) }
  const column = s.tokens[forAt + 1]
  if (
    (column?.kind !== 'word' && column?.kind !== 'quoted') ||
    s.word(forAt + 2) !== 'IN' ||
    !s.is(forAt + 3, '(')
  )
    return { error: s.syntaxError(forAt + 1) }
  const inClose = s.partner(forAt + 3)
  if (inClose !== close - 1) return { error: s.syntaxError(inClose + 1) }
  const forColumn = identifierName(column)

  const aggregates: { fn: string; args: [number, number]; alias?: string }[] =
    []
  for (const [from, to] of s.split(open + 1, forAt)) {
    const fn = s.word(from)
    const argsClose = s.partner(from + 1)
    if (!AGGREGATES.has(fn) || !s.is(from + 1, '(') || argsClose < 0) {
      return {
        error: reject.other(
          '0A000',
          'PIVOT supports only the COUNT, SUM, MIN, MAX and AVG aggregate functions',
        ),
      }
    }
    let at = argsClose + 1
    let alias: string | undefined
    if (s.word(at) === 'AS') at += 1
    if (at < to) {
      const token = s.tokens[at]!
      if (at + 1 !== to || (token.kind !== 'word' && token.kind !== 'quoted'))
        return {
          error: reject.other(
            '0A000',
            'PIVOT aggregate expression must be a call of a supported aggregate function',
          ),
        }
      alias = identifierName(token)
    }
    aggregates.push({
      fn,
      args: [from + 2, argsClose],
      ...(alias ? { alias } : {}),
    })
  }
  if (aggregates.length === 0) return { error: s.syntaxError(forAt) }

  const values: { condition: string; name: string }[] = []
  for (const [from, to] of s.split(forAt + 4, inClose)) {
    let end = to
    let name: string | undefined
    const last = s.tokens[to - 1]
    if (
      to - from >= 2 &&
      (last?.kind === 'word' || last?.kind === 'quoted') &&
      s.word(to - 1) !== 'NULL'
    ) {
      name = identifierName(last)
      end = s.word(to - 2) === 'AS' ? to - 2 : to - 1
    }
    if (end <= from) return { error: s.syntaxError(from) }
    const value = s.slice(from, end)
    const only = s.tokens[from]!
    if (
      end - from === 1 &&
      only.kind === 'word' &&
      s.word(from) !== 'NULL' &&
      s.word(from) !== 'TRUE' &&
      s.word(from) !== 'FALSE'
    ) {
      return {
        error: reject.other(
          '0A000',
          'PIVOT IN list values cannot be column references or sub-queries',
        ),
      }
    }
    if (
      s.word(from) === 'SELECT' ||
      (s.is(from, '(') && s.word(from + 1) === 'SELECT')
    )
      return {
        error: reject.other(
          '0A000',
          'PIVOT IN list values cannot be column references or sub-queries',
        ),
      }
    const isNull = end - from === 1 && s.word(from) === 'NULL'
    name ??= defaultName(s, from, end)
    values.push({
      condition: isNull
        ? `${quoteIdentifier(forColumn)} IS NULL`
        : `${quoteIdentifier(forColumn)} = ${value}`,
      name,
    })
  }
  if (values.length === 0) return { error: s.syntaxError(inClose) }

  const columns = inputColumns(s, input, context, 'PIVOT')
  if ('needs' in columns) return { error: columns.error, needs: columns.needs! }
  if ('error' in columns) return { error: columns.error }
  const name = (n: string) => (context.fold ? n.toLowerCase() : n)
  const referenced = new Set([name(forColumn)])
  for (const agg of aggregates) {
    for (let i = agg.args[0]; i < agg.args[1]; i++) {
      const t = s.tokens[i]!
      if (t.kind === 'word' || t.kind === 'quoted')
        referenced.add(name(identifierName(t)))
    }
  }
  if (!columns.includes(name(forColumn)))
    return {
      error: reject.other('42703', `column "${forColumn}" does not exist`),
    }
  const others = columns.filter((c) => !referenced.has(c)).map(quoteIdentifier)

  const outputs: string[] = []
  for (const value of values) {
    for (const agg of aggregates) {
      const args = s.slice(agg.args[0], agg.args[1]).trim()
      const distinct = s.word(agg.args[0]) === 'DISTINCT'
      const argument =
        args === '*'
          ? '1'
          : distinct
            ? s.slice(agg.args[0] + 1, agg.args[1])
            : args
      const name =
        agg.alias === undefined ? value.name : `${value.name}_${agg.alias}`
      outputs.push(
        `pg_catalog.${agg.fn.toLowerCase()}(${distinct ? 'DISTINCT ' : ''}CASE WHEN ${value.condition} THEN ${argument} END) AS ${quoteIdentifier(name)}`,
      )
    }
  }
  const { alias, after } = relationAlias(s, close)
  const select =
    `(SELECT ${[...others, ...outputs].join(', ')} FROM ${input.text} AS "__pivot_input"` +
    `${others.length > 0 ? ` GROUP BY ${others.join(', ')}` : ''})${alias}`
  return { edits: [s.replace(input.from, after, select)] }
}

/** The page's default column name for an IN value: the constant itself. */
function defaultName(s: SyntaxTokens, from: number, end: number): string {
  const token = s.tokens[from]!
  if (end - from === 1) {
    if (token.kind === 'string' && token.text.startsWith("'"))
      return token.text.slice(1, -1).replace(/''/g, "'")
    if (token.kind === 'number') return token.text
    if (s.word(from) === 'NULL') return 'null'
    if (token.kind === 'word') return token.text.toLowerCase()
  }
  if (
    end - from === 2 &&
    s.raw(from) === '-' &&
    s.tokens[from + 1]!.kind === 'number'
  )
    return `-${s.raw(from + 1)}`
  return '?column?'
}
