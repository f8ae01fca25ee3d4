import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import type { Token as PlannerToken } from './lexer.js'
import { charOffsets } from './char-offsets.js'
import { longFromPaths, type FromPathTail } from './super-from-paths.js'
import { names, nodeType, walkTree, type PgNode } from './parse-tree.js'
import { quoteIdentifier } from './quote.js'
import {
  identifierName,
  isSignificant,
  keyword,
  matchBrackets,
  tokenize,
  type Token,
} from './rewrite-tokens.js'

/**
 * PartiQL over SUPER (https://docs.aws.amazon.com/redshift/latest/dg/query-super.html)
 * turned into PostgreSQL calls of the functions in
 * src/local/catalog/super-functions.ts, by text edits over tokens guided by
 * the libpg-query tree:
 *
 * - navigation `c.a.b`, `c[0]`, `c.arr[1].x`, alias first (`t.c.a`) or column
 *   first (`c.a`): PostgreSQL reads these as column references with fields
 *   and subscripts; a reference whose first name is no relation of the
 *   statement starts at a column, one whose first name is a relation starts
 *   at that relation's column;
 * - unnesting `FROM t, t.arr AS e [AT i]` (PostgreSQL reads `t.arr` as a
 *   schema-qualified table) and `UNPIVOT t.obj AS v AT k`;
 * - `ARRAY(...)` and `OBJECT(...)`, whose arguments of any types become one
 *   SUPER array or object.
 *
 * Redshift words PostgreSQL cannot parse (`AT i` after an unnesting alias,
 * `UNPIVOT` before a path, `ARRAY(` with values) are first blanked or renamed
 * by {@link prepareSuper} with the text's length kept, so the tree's
 * locations still point into the client's text.
 */

/** What {@link prepareSuper} found and blanked. */
export interface SuperPrepared {
  /** The text with Redshift-only words blanked (same length as the input). */
  readonly text: string
  /** Unnesting alias -> its `AT` index name (the tokens as written). */
  readonly at: ReadonlyMap<string, Token>
  /** Offsets where an `UNPIVOT` path starts. */
  readonly unpivot: ReadonlySet<number>
  /** Offsets of `ARRAY(` calls renamed for the parser. */
  readonly arrays: ReadonlySet<number>
  /** Offsets of `UNNEST(` items of FROM lists renamed for the parser. */
  readonly unnests: ReadonlySet<number>
  /** Those of them written `UNNEST(...) WITH OFFSET` (the two words blanked). */
  readonly offsets: ReadonlySet<number>
  /**
   * `OBJECT_TRANSFORM(` calls by offset, with the offsets where their KEEP
   * and SET words were (each became a marker argument, `,1,` / `,0,`).
   */
  readonly transforms: ReadonlyMap<number, TransformClauses>
  /** Offsets of ARRAY written as a name, renamed for the parser. */
  readonly arrayNames: ReadonlySet<number>
  /** FROM paths by their first name's offset whose tails were blanked for the parser. */
  readonly fromPaths: ReadonlyMap<number, FromPathTail>
}

/** Where an OBJECT_TRANSFORM call's KEEP and SET clauses start. */
export interface TransformClauses {
  readonly keep?: number
  readonly set?: number
}

/** Same length as ARRAY and UNNEST, so offsets keep. */
const ARRAY_STANDIN = 'sarry'
const UNNEST_STANDIN = 'sunnst'

/**
 * Whether a statement may use PartiQL at all: a dotted name, a subscript, or
 * one of the words ARRAY, OBJECT, AT, UNPIVOT, UNNEST, JSON_SERIALIZE, SUPER,
 * OBJECT_TRANSFORM. Anything else skips this
 * module entirely (`select 1` pays one scan of its few tokens).
 *
 * @example
 * ```ts
 * mayUseSuper('select 1', tokens) // false
 * ```
 */
export function mayUseSuper(
  text: string,
  tokens: readonly PlannerToken[],
): boolean {
  for (const t of tokens) {
    if (t.kind === 'dot') return true
    if (t.kind === 'operator' && text.charCodeAt(t.start) === 91) return true
    if (t.kind === 'word') {
      const length = t.end - t.start
      if (
        length !== 2 &&
        length !== 5 &&
        length !== 6 &&
        length !== 7 &&
        length !== 14 &&
        length !== 16
      )
        continue
      const word = text.slice(t.start, t.end).toLowerCase()
      if (
        word === 'json_serialize' ||
        word === 'at' ||
        word === 'array' ||
        word === 'object' ||
        word === 'unnest' ||
        word === 'unpivot' ||
        word === 'super' ||
        word === 'object_transform'
      )
        return true
    }
  }
  return false
}

/**
 * Blanks the PartiQL words PostgreSQL's grammar refuses, keeping every
 * offset; null when there are none.
 *
 * @example
 * ```ts
 * prepareSuper('select i from t, t.a as e at i')?.text // 'select i from t, t.a as e     '
 * ```
 */
export function prepareSuper(text: string): SuperPrepared | ErrorFields | null {
  const all = tokenize(text, { backslashEscapes: false })
  const tokens = all.filter(isSignificant)
  let out: string | null = null
  const at = new Map<string, Token>()
  const unpivot = new Set<number>()
  const arrays = new Set<number>()
  const unnests = new Set<number>()
  const offsets = new Set<number>()
  const transforms = new Map<number, TransformClauses>()
  const arrayNames = new Set<number>()
  let match: Int32Array | undefined
  const fromPaths = longFromPaths(tokens)
  const replace = (from: number, to: number, by: string) => {
    out ??= text
    out = out.slice(0, from) + by + out.slice(to)
  }
  const blank = (from: number, to: number) => {
    out ??= text
    out = out.slice(0, from) + ' '.repeat(to - from) + out.slice(to)
  }
  for (const tail of fromPaths.values()) blank(tail.start, tail.end)
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const word = keyword(t)
    if (word === 'AT') {
      const alias = tokens[i - 1]
      const index = tokens[i + 1]
      const next = keyword(index)
      if (next === 'TIME' || next === 'LOCAL') continue
      if (
        alias === undefined ||
        index === undefined ||
        (alias.kind !== 'word' && alias.kind !== 'quoted') ||
        (index.kind !== 'word' && index.kind !== 'quoted')
      )
        continue
      at.set(identifierName(alias), index)
      blank(t.start, index.end)
      i++
    } else if (word === 'UNPIVOT') {
      const before = tokens[i - 1]
      const next = tokens[i + 1]
      if (next === undefined || next.text === '(') continue
      if (
        before?.text !== ',' &&
        keyword(before) !== 'FROM' &&
        keyword(before) !== 'JOIN'
      )
        continue
      unpivot.add(next.start)
      blank(t.start, t.end)
    } else if (
      word === 'UNNEST' &&
      tokens[i + 1]?.text === '(' &&
      (tokens[i - 1]?.text === ',' ||
        keyword(tokens[i - 1]) === 'FROM' ||
        keyword(tokens[i - 1]) === 'JOIN')
    ) {
      // PostgreSQL's UNNEST takes its arrays; Redshift's unnests SUPER.
      out ??= text
      out = out.slice(0, t.start) + UNNEST_STANDIN + out.slice(t.end)
      unnests.add(t.start)
      // UNNEST(x) WITH OFFSET AS a(element, offset) (r_FROM_clause30.html).
      match ??= matchBrackets(tokens)
      const close = match[i + 1]!
      const next = tokens[close + 1]
      if (
        close > 0 &&
        keyword(next) === 'WITH' &&
        keyword(tokens[close + 2]) === 'OFFSET'
      ) {
        blank(next!.start, tokens[close + 2]!.end)
        offsets.add(t.start)
      }
    } else if (word === 'OBJECT_TRANSFORM' && tokens[i + 1]?.text === '(') {
      // OBJECT_TRANSFORM(input [KEEP path, ...] [SET path, value, ...])
      // (r_object_transform_function.html): KEEP and SET become marker
      // arguments of the same length, so PostgreSQL parses a plain call.
      match ??= matchBrackets(tokens)
      const close = match[i + 1]!
      if (close < 0) continue
      const clauses: { keep?: number; set?: number } = {}
      for (let j = i + 2; j < close; j++) {
        const inner = tokens[j]!
        if (match[j]! > j) {
          j = match[j]!
          continue
        }
        const clause = keyword(inner)
        if (clause === 'KEEP' && clauses.keep === undefined) {
          clauses.keep = inner.start
          replace(inner.start, inner.end, ',1, ')
        } else if (clause === 'SET' && clauses.set === undefined) {
          clauses.set = inner.start
          replace(inner.start, inner.end, ',0,')
        }
      }
      transforms.set(t.start, clauses)
      out ??= text
    } else if (
      word === 'ARRAY' &&
      tokens[i + 1]?.text !== '(' &&
      tokens[i + 1]?.text !== '['
    ) {
      // ARRAY as a name (FROM t, t.arr AS array, array AS e: query-super.html),
      // which PostgreSQL's grammar reserves.
      replace(t.start, t.end, ARRAY_STANDIN)
      arrayNames.add(t.start)
    } else if (word === 'ARRAY' && tokens[i + 1]?.text === '(') {
      const first = keyword(tokens[i + 2])
      if (first === 'SELECT' || first === 'WITH' || first === 'VALUES') continue
      out ??= text
      out = out.slice(0, t.start) + ARRAY_STANDIN + out.slice(t.end)
      arrays.add(t.start)
    }
  }
  if (out === null) return null
  return {
    text: out,
    at,
    unpivot,
    arrays,
    unnests,
    offsets,
    transforms,
    arrayNames,
    fromPaths,
  }
}

/** A replacement of `[start, end)`, built once the edits inside it are known. */
interface Edit {
  readonly start: number
  readonly end: number
  readonly build: () => string
}

interface Scope {
  /** Names of every relation in the statement (aliases, table names, CTEs), as PostgreSQL folds them. */
  readonly ranges: Set<string>
  /** `schema.table` of relations without an alias. */
  readonly qualified: Set<string>
  /** `database.schema.table` of relations without an alias (cross-database-overview.html). */
  readonly cataloged: Set<string>
  /** Unnesting and unpivoting aliases: references to them are SUPER values. */
  readonly elements: Set<string>
}

/**
 * Rewrites PartiQL in one statement (`text` is what `tree` was parsed from);
 * null when nothing in it is PartiQL. `caseSensitiveIdentifiers` is
 * `enable_case_sensitive_identifier`: a quoted attribute then keeps its case.
 *
 * @example
 * ```ts
 * rewriteSuper('select c.a from t', tree, null, false)
 * // 'select redshift_local.super_attr(c, \'a\', false) from t'
 * ```
 */
export function rewriteSuper(
  text: string,
  tree: unknown,
  prepared: SuperPrepared | null,
  caseSensitiveIdentifiers: boolean,
): string | ErrorFields | null {
  const all = tokenize(text, { backslashEscapes: false })
  const tokens = all.filter(isSignificant)
  const match = matchBrackets(tokens)
  const byStart = new Map<number, number>()
  tokens.forEach((t, i) => byStart.set(t.start, i))
  const charAt = charOffsets(text)

  let error: ErrorFields | undefined
  const fail = (e: ErrorFields) => {
    error ??= e
  }
  const scope: Scope = {
    ranges: new Set(),
    qualified: new Set(),
    cataloged: new Set(),
    elements: new Set(),
  }
  const unnests: PgNode[] = []
  /** Where the relations that take each name start (character offsets). */
  const rangeStarts = new Map<string, number[]>()
  /** For each relation of a FROM list, where that list's relations start. */
  const fromLists = new Map<number, readonly number[]>()
  /** `UNNEST(` calls whose alias names two columns (element and offset). */
  const offsetNamed = new Set<number>()
  walkTree(tree, (type, node) => {
    if (type === 'SelectStmt') {
      const starts = fromListStarts(node['fromClause']).map((at) => charAt(at))
      for (const at of starts) fromLists.set(at, starts)
    }
    if (type === 'RangeVar') {
      const alias = aliasOf(node)
      const relname = String(node['relname'] ?? '')
      scope.ranges.add(alias ?? relname)
      const at = charAt(Number(node['location'] ?? -1))
      rangeStarts.set(alias ?? relname, [
        ...(rangeStarts.get(alias ?? relname) ?? []),
        at,
      ])
      if (alias === undefined && typeof node['schemaname'] === 'string')
        scope.qualified.add(`${node['schemaname']}.${relname}`)
      if (
        alias === undefined &&
        typeof node['catalogname'] === 'string' &&
        typeof node['schemaname'] === 'string'
      )
        scope.cataloged.add(
          `${node['catalogname']}.${node['schemaname']}.${relname}`,
        )
      // A qualified name may be a path (t.arr); a bare one may name an
      // unnesting alias of the same FROM list (FROM t, t.arr AS a, a AS e).
      unnests.push(node)
    } else if (
      type === 'RangeSubselect' ||
      type === 'RangeFunction' ||
      type === 'JoinExpr'
    ) {
      const alias = aliasOf(node)
      if (alias !== undefined) scope.ranges.add(alias)
      const columns = (node['alias'] as PgNode | undefined)?.['colnames']
      if (
        type === 'RangeFunction' &&
        Array.isArray(columns) &&
        columns.length === 2
      ) {
        for (const item of Array.isArray(node['functions'])
          ? node['functions']
          : []) {
          const call = nodeType(nodeType(item)?.[1]['items']?.[0 as never])
          if (call?.[0] === 'FuncCall')
            offsetNamed.add(charAt(Number(call[1]['location'] ?? -1)))
        }
      }
    } else if (type === 'CommonTableExpr') {
      scope.ranges.add(String(node['ctename'] ?? ''))
    }
  })

  // A navigated select-list item without an alias is named after its last
  // attribute, as Redshift names it.
  const unnamed = new Set<number>()
  walkTree(tree, (type, node) => {
    if (type === 'A_Indices' && node['is_slice'] === true) {
      fail(
        reject.unsupported(
          'array slices in SUPER navigation in the local emulator',
          'use SUBARRAY(array, start, length)',
        ),
      )
    }
    if (type !== 'ResTarget' || node['name'] !== undefined) return
    let value = nodeType(node['val'])
    if (value?.[0] === 'A_Indirection') value = nodeType(value[1]['arg'])
    if (value?.[0] === 'ColumnRef')
      unnamed.add(charAt(Number(value[1]['location'] ?? -1)))
  })

  const edits: Edit[] = []
  /** Text of `[start, end)` with the edits inside it applied. */
  const render = (start: number, end: number): string => {
    let out = ''
    let at = start
    for (const edit of edits) {
      if (edit.start < at || edit.end > end || edit.start < start) continue
      out += text.slice(at, edit.start) + edit.build()
      at = edit.end
    }
    return out + text.slice(at, end)
  }
  // An unquoted attribute is folded at run time (by
  // enable_case_sensitive_super_attribute); a quoted one keeps its case when
  // enable_case_sensitive_identifier is on
  // (https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_super_attribute.html).
  const attrName = (t: Token) => ({
    raw: t.kind === 'quoted' ? identifierName(t) : t.text,
    exact: t.kind === 'quoted' && caseSensitiveIdentifiers,
  })
  /** `base` navigated by the steps in tokens [from, to). */
  const navigate = (base: string, from: number, to: number): string => {
    let out = base
    let i = from
    while (i < to) {
      const t = tokens[i]!
      if (t.text === '.') {
        const { raw, exact } = attrName(tokens[i + 1]!)
        out = `redshift_local.super_attr(${out}, ${literal(raw)}, ${exact})`
        i += 2
      } else {
        const close = match[i]!
        const inner = tokens.slice(i + 1, close)
        const expr =
          inner.length === 0
            ? ''
            : render(inner[0]!.start, inner[inner.length - 1]!.end)
        out = `redshift_local.super_index(${out}, (${expr}))`
        i = close + 1
      }
    }
    return out
  }
  /** `base` navigated by a FROM path's tail, written as the client wrote it. */
  const navigateTail = (base: string, tail: FromPathTail): string => {
    const steps = tokenize(tail.text, { backslashEscapes: false }).filter(
      isSignificant,
    )
    const pairs = matchBrackets(steps)
    let out = base
    let i = 0
    while (i < steps.length) {
      if (steps[i]!.text === '.') {
        const { raw, exact } = attrName(steps[i + 1]!)
        out = `redshift_local.super_attr(${out}, ${literal(raw)}, ${exact})`
        i += 2
      } else {
        const close = pairs[i]!
        const inner = tail.text.slice(steps[i]!.end, steps[close]!.start)
        out = `redshift_local.super_index(${out}, (${inner}))`
        i = close + 1
      }
    }
    return out
  }
  /** End (exclusive token index) of the navigation steps from token `i`. */
  const stepsEnd = (i: number): number => {
    while (i < tokens.length) {
      const t = tokens[i]!
      const next = tokens[i + 1]
      if (
        t.text === '.' &&
        next !== undefined &&
        (next.kind === 'word' || next.kind === 'quoted')
      )
        i += 2
      else if (t.text === '[' && match[i]! > i) i = match[i]! + 1
      else break
    }
    return i
  }
  const folded = (t: Token) => identifierName(t)
  const navigations = new Set<number>()

  // Unnesting and unpivoting items of FROM lists.
  const unnestedTails = new Set<number>()
  for (const node of unnests) {
    const start = charAt(Number(node['location'] ?? -1))
    const first = byStart.get(start)
    if (first === undefined) continue
    const head = tokens[first]!
    const isUnpivot = prepared?.unpivot.has(start) === true
    if (
      typeof node['schemaname'] !== 'string' &&
      !(isUnpivot || scope.elements.has(folded(head)))
    )
      continue
    if (
      !isUnpivot &&
      !(scope.ranges.has(folded(head)) && seen(folded(head), start))
    )
      continue
    const alias = aliasOf(node)
    const pathEnd = stepsEnd(first + 1)
    const aliasToken =
      keyword(tokens[pathEnd]) === 'AS'
        ? tokens[pathEnd + 1]
        : tokens[pathEnd]?.kind === 'word' || tokens[pathEnd]?.kind === 'quoted'
          ? tokens[pathEnd]
          : undefined
    if (alias === undefined || aliasToken === undefined) {
      fail(
        reject.unsupported(
          'unnesting a SUPER value without an alias in the local emulator',
          'name it: FROM t, t.array_column AS element',
        ),
      )
      continue
    }
    scope.elements.add(alias)
    const index = prepared?.at.get(alias)
    if (isUnpivot && index === undefined) {
      fail(
        reject.unsupported(
          'UNPIVOT of a SUPER object without AT in the local emulator',
          'write UNPIVOT t.object_column AS value AT key',
        ),
      )
      continue
    }
    const path = pathFrom(first, pathEnd)
    const tail = prepared?.fromPaths.get(head.start)
    if (tail !== undefined) unnestedTails.add(head.start)
    const source = () =>
      tail === undefined ? path() : navigateTail(path(), tail)
    const name = aliasToken.text
    const fn = isUnpivot
      ? 'super_pairs'
      : index !== undefined
        ? 'super_elements_at'
        : 'super_elements'
    const columns = index !== undefined ? `${name}, ${index.text}` : name
    edits.push({
      start: head.start,
      end: aliasToken.end,
      build: () => `redshift_local.${fn}(${source()}) AS ${name}(${columns})`,
    })
  }
  // A long or subscripted FROM path that names no SUPER value is refused as
  // PostgreSQL's grammar would have refused it.
  for (const [head, tail] of prepared?.fromPaths ?? []) {
    if (unnestedTails.has(head)) continue
    fail(
      tail.subscripted
        ? reject.syntax('[')
        : reject.other(
            '42601',
            `improper qualified name (too many dotted names): ${tail.path}`,
          ),
    )
  }
  for (const [alias, index] of prepared?.at ?? []) {
    if (!scope.elements.has(alias)) {
      fail(reject.syntax(`AT ${index.text}`))
    }
  }

  /**
   * Whether the relation named `name` may be the head of the FROM path at
   * `start`: not when the only relations of that name are the path itself
   * or come after it in its own FROM list, which the path cannot see
   * (`FROM spectrum.t AS spectrum` reads table t of schema spectrum). Other
   * names (a CTE, a subquery's alias, an outer query's relation) may be.
   */
  function seen(name: string, start: number): boolean {
    const starts = rangeStarts.get(name)
    if (starts === undefined) return true
    const list = fromLists.get(start) ?? []
    return starts.some((at) => at < start || !list.includes(at))
  }

  /** The SUPER value a FROM path names: its head is an alias (or an element alias). */
  function pathFrom(first: number, end: number): () => string {
    const head = tokens[first]!
    if (scope.elements.has(folded(head)))
      return () => navigate(`${head.text}.${head.text}`, first + 1, end)
    // alias.column, then attributes and subscripts.
    const column = tokens[first + 2]
    if (tokens[first + 1]?.text !== '.' || column === undefined)
      return () => navigate(head.text, first + 1, end)
    return () => navigate(`${head.text}.${column.text}`, first + 3, end)
  }

  walkTree(tree, (type, node, ancestors) => {
    if (type === 'ColumnRef') {
      const fields = Array.isArray(node['fields']) ? node['fields'] : []
      if (fields.some((f) => nodeType(f)?.[0] === 'A_Star')) return
      const start = charAt(Number(node['location'] ?? -1))
      const first = byStart.get(start)
      if (first === undefined) return
      const dotted = names(fields)
      const end = stepsEnd(first + 1)
      let baseEnd: number
      let base: string
      const d0 = dotted[0]!
      if (scope.elements.has(d0)) {
        const head = tokens[first]!
        if (end === first + 1) {
          // A select-list item named ARRAY keeps its name.
          if (
            prepared?.arrayNames.has(head.start) === true &&
            unnamed.has(start)
          )
            edits.push({
              start: head.end,
              end: head.end,
              build: () => ' AS "array"',
            })
          return
        }
        base = `${head.text}.${head.text}`
        baseEnd = first + 1
      } else if (scope.ranges.has(d0) && dotted.length >= 2) {
        baseEnd = first + 3
        base = ''
      } else if (
        dotted.length >= 3 &&
        scope.qualified.has(`${d0}.${dotted[1]}`)
      ) {
        baseEnd = first + 5
        base = ''
      } else if (
        dotted.length >= 4 &&
        scope.cataloged.has(`${d0}.${dotted[1]}.${dotted[2]}`)
      ) {
        // database.schema.table.column (cross-database-overview.html).
        baseEnd = first + 7
        base = ''
      } else {
        baseEnd = first + 1
        base = ''
      }
      if (baseEnd >= end) return
      const baseText =
        base !== ''
          ? base
          : text.slice(tokens[first]!.start, tokens[baseEnd - 1]!.end)
      navigations.add(tokens[first]!.start)
      let name = identifierName(tokens[baseEnd - 1]!)
      for (let i = baseEnd; i < end; i++)
        if (tokens[i]!.text === '.') name = identifierName(tokens[i + 1]!)
      const as = unnamed.has(start) ? ` AS ${quoteIdentifier(name)}` : ''
      edits.push({
        start: tokens[first]!.start,
        end: tokens[end - 1]!.end,
        build: () => navigate(baseText, baseEnd, end) + as,
      })
    } else if (type === 'A_Indirection') {
      const arg = node['arg']
      const inner = nodeType(arg)
      if (inner === undefined || inner[0] === 'ColumnRef') return
      if (inner[0] === 'ParamRef') {
        // A value navigated: a procedure's SUPER variable or its record's
        // SUPER field, which stands as a parameter while it is planned.
        const start = charAt(Number(inner[1]['location'] ?? -1))
        const first = byStart.get(start)
        if (first === undefined) return
        const end = stepsEnd(first + 1)
        if (end === first + 1) return
        navigations.add(tokens[first]!.start)
        edits.push({
          start: tokens[first]!.start,
          end: tokens[end - 1]!.end,
          build: () => navigate(tokens[first]!.text, first + 1, end),
        })
        return
      }
      if (inner[0] !== 'FuncCall') return
      const start = charAt(Number(inner[1]['location'] ?? -1))
      const first = byStart.get(start)
      if (first === undefined) return
      let open = first
      while (open < tokens.length && tokens[open]!.text !== '(') open++
      const close = match[open] ?? -1
      if (close < 0) return
      const end = stepsEnd(close + 1)
      if (end === close + 1) return
      navigations.add(tokens[first]!.start)
      edits.push({
        start: tokens[first]!.start,
        end: tokens[end - 1]!.end,
        build: () =>
          navigate(
            render(tokens[first]!.start, tokens[close]!.end),
            close + 1,
            end,
          ),
      })
    } else if (type === 'JsonSerializeExpr') {
      // PostgreSQL 17 reads JSON_SERIALIZE(x) as its own SQL/JSON form, which
      // gives NULL for NULL; Redshift's function gives 'null'.
      const start = charAt(Number(node['location'] ?? -1))
      const first = byStart.get(start)
      if (first === undefined || keyword(tokens[first]) !== 'JSON_SERIALIZE')
        return
      edits.push({
        start,
        end: tokens[first]!.end,
        build: () => 'pg_catalog.json_serialize',
      })
    } else if (type === 'FuncCall') {
      const fn = names(node['funcname'])
      const start = charAt(Number(node['location'] ?? -1))
      // UNNEST(super_array) AS a(element) in FROM (r_FROM_clause-unnest-examples.html):
      // Redshift has no other arrays.
      if (
        prepared?.unnests.has(start) === true &&
        ancestors.includes('RangeFunction')
      ) {
        const first = byStart.get(start)
        if (first === undefined) return
        const offset = prepared.offsets.has(start)
        if (offset && !offsetNamed.has(start)) {
          // The offset column's name when the alias gives none is not documented.
          fail(
            reject.unsupported(
              'UNNEST ... WITH OFFSET without a name for the offset column in the local emulator',
              'name both columns: UNNEST(t.array_column) WITH OFFSET AS u(element, position)',
            ),
          )
          return
        }
        edits.push({
          start,
          end: tokens[first]!.end,
          build: () =>
            offset
              ? 'redshift_local.super_elements_at'
              : 'redshift_local.super_elements',
        })
        return
      }
      const transform = prepared?.transforms.get(start)
      if (transform !== undefined) {
        const first = byStart.get(start)
        if (first === undefined || tokens[first + 1]?.text !== '(') return
        const close = match[first + 1]!
        if (close < 0) return
        const built = objectTransform(
          splitArguments(first + 2, close),
          transform,
        )
        if ('code' in built) {
          fail(built)
          return
        }
        edits.push({ start, end: tokens[close]!.end, build: built.build })
        return
      }
      const isArray = prepared?.arrays.has(start) === true
      if (!isArray && !(fn.length === 1 && fn[0] === 'object')) return
      const first = byStart.get(start)
      if (first === undefined || tokens[first + 1]?.text !== '(') return
      const close = match[first + 1]!
      if (close < 0) return
      const args = splitArguments(first + 2, close)
      const target = isArray ? 'super_array' : 'super_object'
      edits.push({
        start,
        end: tokens[close]!.end,
        build: () =>
          `redshift_local.${target}(${args
            .map(([a, b]) => `redshift_local.to_super(${render(a, b)})`)
            .join(', ')})`,
      })
    }
  })

  /**
   * The call OBJECT_TRANSFORM's arguments become: the input, the KEEP paths
   * (null without KEEP), the SET paths and their values as SUPER.
   */
  function objectTransform(
    args: readonly [number, number][],
    clauses: TransformClauses,
  ): { readonly build: () => string } | ErrorFields {
    const keep: string[][] = []
    const set: string[][] = []
    const values: [number, number][] = []
    let clause: 'input' | 'keep' | 'set' = 'input'
    let input: [number, number] | undefined
    let path: string[] | undefined
    for (const arg of args) {
      if (clauses.keep !== undefined && arg[0] === clauses.keep + 1) {
        clause = 'keep'
        continue
      }
      if (clauses.set !== undefined && arg[0] === clauses.set + 1) {
        clause = 'set'
        continue
      }
      if (clause === 'input') {
        if (input !== undefined) return reject.syntax(',')
        input = arg
      } else if (clause === 'set' && path !== undefined) {
        values.push(arg)
        path = undefined
      } else {
        const read = transformPath(text.slice(arg[0], arg[1]))
        if (read === undefined) {
          return reject.unsupported(
            'an OBJECT_TRANSFORM path that is not a constant string of double-quoted names joined by periods in the local emulator',
            `write paths as '"a"."b"'`,
          )
        }
        if (clause === 'keep') keep.push(read)
        else {
          set.push(read)
          path = read
        }
      }
    }
    if (input === undefined || path !== undefined) return reject.syntax(')')
    const json = (paths: string[][]) =>
      `${literal(JSON.stringify(paths))}::json`
    return {
      build: () =>
        `redshift_local.object_transform(${render(input[0], input[1])}, ${
          clauses.keep === undefined ? 'null' : json(keep)
        }, ${json(set)}, variadic array[${values
          .map(([a, b]) => `redshift_local.to_super(${render(a, b)})`)
          .join(', ')}]::json[])`,
    }
  }

  /** Character ranges of the comma-separated arguments in tokens [from, to). */
  function splitArguments(from: number, to: number): [number, number][] {
    const out: [number, number][] = []
    let begin = from
    for (let i = from; i <= to; i++) {
      if (i === to || tokens[i]!.text === ',') {
        if (i > begin) out.push([tokens[begin]!.start, tokens[i - 1]!.end])
        begin = i + 1
      } else if (match[i]! > i) {
        i = match[i]!
      }
    }
    return out
  }

  // A string literal cast to SUPER is a string scalar, as a VARCHAR literal
  // stored into SUPER is (parse_json.html: without JSON_PARSE "Amazon
  // Redshift treats the value as a single string"): a literal and a cast
  // meet the same conversion. PostgreSQL would read the literal as JSON
  // text. The typed-literal form `super 'x'` is left to PostgreSQL (the
  // cast cannot go between its words): its JSON reading fails on text that
  // is not JSON, and reshapeError calls that an emulator limit.
  walkTree(tree, (type, node) => {
    if (type !== 'TypeCast') return
    const target = names((node['typeName'] as PgNode | undefined)?.['names'])
    if (target[target.length - 1] !== 'super') return
    const inner = nodeType(node['arg'])
    if (inner?.[0] !== 'A_Const' || inner[1]['sval'] === undefined) return
    const i = byStart.get(charAt(Number(inner[1]['location'] ?? -1)))
    if (i === undefined || tokens[i]!.kind !== 'string') return
    if (keyword(tokens[i - 1]) === 'SUPER') return
    const end = tokens[i]!.end
    edits.push({ start: end, end, build: () => '::varchar' })
  })

  // TEXT is VARCHAR on Redshift: a navigated value cast to it is read as
  // the string it holds, where PostgreSQL's json -> text cast would give
  // the JSON text (quotes and all).
  walkTree(tree, (type, node) => {
    if (type !== 'TypeCast') return
    const typeName = node['typeName'] as PgNode | undefined
    const target = names(typeName?.['names'])
    if (target.length !== 1 || target[0] !== 'text') return
    let arg = nodeType(node['arg'])
    if (arg?.[0] === 'A_Indirection') arg = nodeType(arg[1]['arg'])
    if (!navigations.has(charAt(Number(arg?.[1]['location'] ?? -1)))) return
    const at = byStart.get(charAt(Number(typeName?.['location'] ?? -1)))
    if (at === undefined || keyword(tokens[at]) !== 'TEXT') return
    const word = tokens[at]!
    edits.push({ start: word.start, end: word.end, build: () => 'varchar' })
  })

  // A string literal compared with a navigated value is VARCHAR, as on
  // Redshift; PostgreSQL would read it as JSON text. A bind parameter there
  // is refused: PostgreSQL would read its text as JSON, and what Redshift
  // makes of an untyped parameter next to SUPER is not documented.
  walkTree(tree, (type, node) => {
    if (type !== 'A_Expr') return
    const kind = node['kind']
    if (kind !== 'AEXPR_OP' && kind !== 'AEXPR_IN') return
    const sides = [node['lexpr'], node['rexpr']]
    const navigated = sides.some((side) => {
      let inner = nodeType(side)
      if (inner?.[0] === 'A_Indirection') inner = nodeType(inner[1]['arg'])
      const at = charAt(Number(inner?.[1]['location'] ?? -1))
      return inner !== undefined && navigations.has(at)
    })
    if (!navigated) return
    for (const side of sides) {
      const inList = nodeType(side)
      const list =
        inList?.[0] === 'List' && Array.isArray(inList[1]['items'])
          ? inList[1]['items']
          : Array.isArray(side)
            ? side
            : [side]
      for (const item of list) {
        const inner = nodeType(item)
        if (inner?.[0] === 'ParamRef') {
          fail(
            reject.unsupported(
              'a bind parameter compared with a navigated SUPER value in the local emulator',
              'cast the parameter to the type it holds: $1::varchar, $1::int, or JSON_PARSE($1) for SUPER',
            ),
          )
          continue
        }
        if (inner?.[0] !== 'A_Const' || inner[1]['sval'] === undefined) continue
        const i = byStart.get(charAt(Number(inner[1]['location'] ?? -1)))
        if (i === undefined || tokens[i]!.kind !== 'string') continue
        const end = tokens[i]!.end
        edits.push({ start: end, end, build: () => '::varchar' })
      }
    }
  })

  if (error) return error
  if (edits.length === 0 && prepared === null) return null
  edits.sort((a, b) => a.start - b.start || b.end - a.end)
  return render(0, text.length)
}

/**
 * Where the relations of one FROM list start (PostgreSQL's byte
 * locations), those of its joins included, not those of its subqueries.
 */
function fromListStarts(items: unknown): number[] {
  const starts: number[] = []
  const visit = (item: unknown) => {
    const [type, node] = nodeType(item) ?? []
    if (type === 'RangeVar') starts.push(Number(node?.['location'] ?? -1))
    else if (type === 'JoinExpr') {
      visit(node?.['larg'])
      visit(node?.['rarg'])
    }
  }
  if (Array.isArray(items)) for (const item of items) visit(item)
  return starts
}

function aliasOf(node: PgNode): string | undefined {
  const alias = node['alias'] as PgNode | undefined
  return typeof alias?.['aliasname'] === 'string'
    ? alias['aliasname']
    : undefined
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

/**
 * The names of an OBJECT_TRANSFORM path: a plain string literal of
 * double-quoted names joined by periods (`'"a"."b"'`); undefined otherwise.
 */
function transformPath(written: string): string[] | undefined {
  if (!/^'(?:[^']|'')*'$/.test(written)) return undefined
  const value = written.slice(1, -1).replace(/''/g, "'")
  if (!/^"(?:[^"]|"")+"(?:\."(?:[^"]|"")+")*$/.test(value)) return undefined
  return [...value.matchAll(/"((?:[^"]|"")+)"/g)].map((m) =>
    m[1]!.replace(/""/g, '"'),
  )
}
