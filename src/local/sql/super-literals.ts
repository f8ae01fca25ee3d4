import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { charOffsets } from './char-offsets.js'
import {
  ColumnScopes,
  rangeVarColumns,
  sourceName,
  type ColumnSource,
  type ColumnType,
} from './column-scopes.js'
import {
  nodeType,
  parseOneStatement,
  walkTree,
  type PgNode,
} from './parse-tree.js'
import { isSignificant, tokenize, type Token } from './rewrite-tokens.js'

/**
 * String literals and bind parameters that meet a SUPER column, read as
 * Redshift reads them. PostgreSQL gives an untyped literal the type of the
 * column it is stored into or compared with, and SUPER columns are `json`
 * there, so `'abc'` would be parsed as JSON text; on Redshift the literal is
 * a VARCHAR and a VARCHAR stored into SUPER is a string scalar
 * (https://docs.aws.amazon.com/redshift/latest/dg/parse_json.html: without
 * JSON_PARSE "Amazon Redshift treats the value as a single string"), and a
 * SUPER compared with a VARCHAR is compared with a string. The column types
 * come from the catalog ({@link ColumnSource}); where they are not known the
 * statement is left as it is (and PostgreSQL's JSON reading of text that is
 * not JSON is refused as an emulator limit by reshapeError).
 *
 * - `INSERT ... VALUES` and `INSERT ... SELECT` items stored into a SUPER
 *   column, `UPDATE ... SET super_column = ...` and MERGE's UPDATE SET and
 *   INSERT VALUES: a literal gets
 *   `::varchar`, a bind parameter `::varchar` too (Redshift's JSON_PARSE($1)
 *   stays the way to store parsed JSON);
 * - a comparison (`=`, `<>`, `<`, `IN` ...) of a SUPER column with a literal:
 *   the literal gets `::varchar`; with a bind parameter it is refused (what
 *   Redshift makes of an untyped parameter next to SUPER is not documented).
 */
const STATEMENTS = new Set([
  'InsertStmt',
  'UpdateStmt',
  'MergeStmt',
  'SelectStmt',
  'DeleteStmt',
])

/** Functions (as the rewrites leave them) whose result is SUPER. */
const SUPER_CALLS: ReadonlySet<string> = new Set([
  'json_parse',
  'array_concat',
  'array_flatten',
  'subarray',
  'split_to_array',
  'lower_attribute_names',
  'upper_attribute_names',
  'array_except',
  'array_intersection',
  'array_distinct',
  'array_union',
  'array_sort',
  'array_positions',
  'object_transform',
  'super_array',
  'super_object',
  'super_attr',
  'super_index',
])

/** Without a quote, a `$`, a TEXT type or a join, there is nothing here to read. */
const TRIGGER = /['$]|\btext\b|\bjoin\b/i

/**
 * `text` (one PostgreSQL statement of node type `type`) with its literals
 * and parameters that meet SUPER columns typed as on Redshift; null when
 * nothing changes. With a collecting source it only asks for the relations.
 *
 * @example
 * ```ts
 * rewriteSuperLiterals("insert into t values ('abc')", 'InsertStmt', source)
 * // "insert into t values ('abc'::varchar)" when t's only column is SUPER
 * ```
 */
export function rewriteSuperLiterals(
  text: string,
  type: string | undefined,
  columns: ColumnSource | undefined,
): string | ErrorFields | null {
  if (columns === undefined || type === undefined || !STATEMENTS.has(type))
    return null
  if (!TRIGGER.test(text)) return null
  const tree = parseOneStatement(text)
  if (tree === undefined) return null
  const pass = new SuperLiterals(text, tree, columns)
  pass.run()
  if (pass.error !== undefined) return pass.error
  return pass.apply()
}

class SuperLiterals {
  readonly #text: string
  readonly #tree: unknown
  readonly #source: ColumnSource
  readonly #scopes: ColumnScopes
  readonly #byStart = new Map<number, Token>()
  readonly #charAt: (byte: number) => number
  /** Offsets after which `::varchar` goes. */
  readonly #casts = new Set<number>()
  /** `text` type names (by offset) that become `varchar`. */
  readonly #texts = new Map<number, number>()
  error: ErrorFields | undefined

  constructor(text: string, tree: unknown, source: ColumnSource) {
    this.#text = text
    this.#tree = tree
    this.#source = source
    this.#scopes = new ColumnScopes(source, () => undefined)
    this.#charAt = charOffsets(text)
    for (const t of tokenize(text, { backslashEscapes: false })) {
      if (isSignificant(t)) this.#byStart.set(t.start, t)
    }
  }

  run(): void {
    this.#scopes.build(this.#tree)
    walkTree(this.#tree, (type, node) => {
      if (type === 'InsertStmt') this.#insert(node)
      else if (type === 'UpdateStmt') this.#update(node)
      else if (type === 'MergeStmt') this.#merge(node)
      else if (type === 'A_Expr') this.#comparison(node)
      else if (type === 'TypeCast') this.#textCast(node)
      else if (type === 'JoinExpr') this.#outerJoin(node)
    })
  }

  apply(): string | null {
    if (this.#casts.size === 0 && this.#texts.size === 0) return null
    const edits = [
      ...[...this.#casts].map((at) => ({ at, end: at, by: '::varchar' })),
      ...[...this.#texts].map(([at, end]) => ({ at, end, by: 'varchar' })),
    ].sort((a, b) => a.at - b.at)
    let out = ''
    let at = 0
    for (const edit of edits) {
      out += this.#text.slice(at, edit.at) + edit.by
      at = edit.end
    }
    return out + this.#text.slice(at)
  }

  /**
   * TEXT is VARCHAR on Redshift: a SUPER column cast to it is read as the
   * string it holds, where PostgreSQL's json -> text cast gives JSON text.
   */
  #textCast(node: PgNode): void {
    const typeName = node['typeName'] as PgNode | undefined
    const target = typeName?.['names']
    if (!Array.isArray(target) || target.length !== 1) return
    if (nodeType(target[0])?.[1]['sval'] !== 'text') return
    if (!this.#isSuper(node['arg'])) return
    const token = this.#byStart.get(
      this.#charAt(Number(typeName?.['location'] ?? -1)),
    )
    if (token?.kind === 'word' && token.text.toLowerCase() === 'text')
      this.#texts.set(token.start, token.end)
  }

  /**
   * SUPER in a RIGHT or FULL OUTER JOIN's condition is refused, as Redshift
   * refuses it (limitations-super.html: "You can't use the SUPER data type
   * and its alias in right joins or full outer joins"); the page gives no
   * SQLSTATE or wording, so this is 0A000 in the emulator's words.
   */
  #outerJoin(node: PgNode): void {
    const kind = node['jointype']
    if (kind !== 'JOIN_RIGHT' && kind !== 'JOIN_FULL') return
    let found = false
    walkTree(node['quals'], (type, inner) => {
      if (found || (type !== 'ColumnRef' && type !== 'FuncCall')) return
      found = this.#isSuper({ [type]: inner })
    })
    if (found) {
      this.error ??= reject.unsupported(
        `SUPER in a ${kind === 'JOIN_RIGHT' ? 'RIGHT' : 'FULL OUTER'} JOIN condition`,
        'Redshift allows SUPER in inner and left joins only (limitations-super.html)',
      )
    }
  }

  /** Whether an expression is a SUPER column or a call that gives SUPER. */
  #isSuper(wrapped: unknown): boolean {
    const typed = nodeType(wrapped)
    if (typed?.[0] === 'ColumnRef')
      return isSuper(this.#scopes.typeOfColumn(typed[1]))
    if (typed?.[0] !== 'FuncCall') return false
    const name = typed[1]['funcname']
    const last = Array.isArray(name) ? nodeType(name.at(-1))?.[1]['sval'] : ''
    return typeof last === 'string' && SUPER_CALLS.has(last)
  }

  #insert(node: PgNode): void {
    const target = this.#targetColumns(node)
    if (target === undefined) return
    const select = nodeType(node['selectStmt'])
    if (select?.[0] !== 'SelectStmt') return
    const query = select[1]
    const rows: unknown[][] = []
    if (Array.isArray(query['valuesLists'])) {
      for (const list of query['valuesLists']) {
        const items = nodeType(list)?.[1]['items']
        if (Array.isArray(items)) rows.push(items)
      }
    } else if (
      (query['op'] === undefined || query['op'] === 'SETOP_NONE') &&
      Array.isArray(query['targetList'])
    ) {
      rows.push(
        query['targetList'].map((t) => nodeType(t)?.[1]['val'] ?? undefined),
      )
    }
    for (const row of rows) {
      row.forEach((value, i) => {
        if (isSuper(target[i])) this.#stored(value)
      })
    }
  }

  /** The types of the columns an INSERT stores into, in order; undefined when not known. */
  #targetColumns(node: PgNode): ColumnType[] | undefined {
    const columns = rangeVarColumns(node['relation'], this.#source)
    if (columns === undefined) return undefined
    const listed = Array.isArray(node['cols'])
      ? node['cols'].map((c) => nodeType(c)?.[1]['name'])
      : undefined
    if (listed === undefined) return [...columns.values()]
    return listed.map((name) =>
      typeof name === 'string' ? (columns.get(this.#name(name)) ?? null) : null,
    )
  }

  #update(node: PgNode): void {
    const columns = rangeVarColumns(node['relation'], this.#source)
    if (columns === undefined) return
    for (const wrapped of Array.isArray(node['targetList'])
      ? node['targetList']
      : []) {
      const target = nodeType(wrapped)?.[1]
      const name = target?.['name']
      // SET (a, b) = (...) assigns through a MultiAssignRef: left as written.
      if (typeof name !== 'string' || target?.['indirection'] !== undefined)
        continue
      if (isSuper(columns.get(this.#name(name)))) this.#stored(target!['val'])
    }
  }

  /** MERGE's WHEN clauses: UPDATE SET items and INSERT values. */
  #merge(node: PgNode): void {
    const columns = rangeVarColumns(node['relation'], this.#source)
    if (columns === undefined) return
    const clauses = Array.isArray(node['mergeWhenClauses'])
      ? node['mergeWhenClauses']
      : []
    for (const wrapped of clauses) {
      const clause = nodeType(wrapped)?.[1]
      if (clause === undefined) continue
      const targets = (
        Array.isArray(clause['targetList']) ? clause['targetList'] : []
      ).map((t) => nodeType(t)?.[1])
      if (clause['commandType'] === 'CMD_UPDATE') {
        for (const target of targets) {
          const name = target?.['name']
          if (typeof name !== 'string' || target?.['indirection'] !== undefined)
            continue
          if (isSuper(columns.get(this.#name(name))))
            this.#stored(target!['val'])
        }
      } else if (
        clause['commandType'] === 'CMD_INSERT' &&
        Array.isArray(clause['values'])
      ) {
        const order =
          targets.length > 0
            ? targets.map((t) =>
                typeof t?.['name'] === 'string'
                  ? (columns.get(this.#name(t['name'])) ?? null)
                  : null,
              )
            : [...columns.values()]
        clause['values'].forEach((value, i) => {
          if (isSuper(order[i])) this.#stored(value)
        })
      }
    }
  }

  /** A value stored into a SUPER column. */
  #stored(value: unknown): void {
    const literal = this.#literalEnd(value)
    if (literal !== undefined) this.#casts.add(literal)
    const param = this.#paramEnd(value)
    if (param !== undefined) this.#casts.add(param)
  }

  #comparison(node: PgNode): void {
    const kind = node['kind']
    if (kind !== 'AEXPR_OP' && kind !== 'AEXPR_IN') return
    const sides = [node['lexpr'], node['rexpr']]
    const superSide = sides.some((side) => this.#isSuper(side))
    if (!superSide) return
    for (const side of sides) {
      const list = nodeType(side)
      const items =
        list?.[0] === 'List' && Array.isArray(list[1]['items'])
          ? list[1]['items']
          : Array.isArray(side)
            ? side
            : [side]
      for (const item of items) {
        if (this.#paramEnd(item) !== undefined) {
          this.error ??= reject.unsupported(
            'a bind parameter compared with a SUPER column in the local emulator',
            'cast the parameter to the type it holds: $1::varchar, $1::int, or JSON_PARSE($1) for SUPER',
          )
          continue
        }
        const end = this.#literalEnd(item)
        if (end !== undefined) this.#casts.add(end)
      }
    }
  }

  /** End offset of an untyped string literal, as written. */
  #literalEnd(value: unknown): number | undefined {
    const typed = nodeType(value)
    if (typed?.[0] !== 'A_Const' || typed[1]['sval'] === undefined)
      return undefined
    const token = this.#byStart.get(
      this.#charAt(Number(typed[1]['location'] ?? -1)),
    )
    return token?.kind === 'string' ? token.end : undefined
  }

  /** End offset of a bind parameter `$n`. */
  #paramEnd(value: unknown): number | undefined {
    const typed = nodeType(value)
    if (typed?.[0] !== 'ParamRef') return undefined
    const token = this.#byStart.get(
      this.#charAt(Number(typed[1]['location'] ?? -1)),
    )
    return token?.kind === 'param' ? token.end : undefined
  }

  #name(name: string): string {
    return sourceName(this.#source, name)
  }
}

function isSuper(type: ColumnType | undefined): boolean {
  return type?.kind === 'super'
}
