import type { ErrorFields } from '../protocol/error-fields.js'
import { significant, tokenize, type Token } from './lexer.js'
import {
  nodeType,
  parseOneStatement,
  walkTree,
  type PgNode,
} from './parse-tree.js'
import { quoteIdentifier, quoteLiteral } from './quote.js'
import { emulatorLimit } from './syntax/syntax-tokens.js'
import { applyEdits, type TextEdit } from './text-edits.js'

/**
 * The names of the tables masking policies have been attached to, in any of
 * the emulator's databases (seeded from the catalogs at startup, added to as
 * ATTACH MASKING POLICY is planned). The planner rewrites a statement's reads
 * of a table only when its name is here, so a statement that names none
 * pays one regular-expression test (none at all while no policy was ever
 * attached). A name stays after its policies are detached: the rewrite of a
 * table no policy applies to gives its rows as they are. Renaming a table
 * with policies attached is refused (`masking-catalog.ts`), so every such
 * table's name is here. A statement prepared before a policy was first
 * attached to a table it reads is planned again before it runs
 * (`prepared-generations.ts`): the number of names is the generation.
 *
 * @example
 * ```ts
 * planner.maskedTables.add('credit_cards')
 * ```
 */
export class MaskedTableNames {
  readonly #names = new Set<string>()
  #pattern: RegExp | undefined
  #onChange: (() => void) | undefined

  /** Called when a name is added (the planner forgets its cached plans). */
  onChange(listener: () => void): void {
    this.#onChange = listener
  }

  add(name: string): void {
    if (this.#names.has(name)) return
    this.#names.add(name)
    this.#pattern = new RegExp(
      [...this.#names]
        .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'i',
    )
    this.#onChange?.()
  }

  /** How many names were added (it only grows): the generation of the masks' plans. */
  get generation(): number {
    return this.#names.size
  }

  has(name: string): boolean {
    return this.#names.has(name)
  }

  /** Whether `text` may name one of the tables (a cheap first test). */
  mayName(text: string): boolean {
    return this.#pattern !== undefined && this.#pattern.test(text)
  }
}

/**
 * Statements whose reads are rewritten. A view's query is rewritten when it
 * is created, so that a read of the view masks the columns for the user who
 * queries it, not the view's owner (t_ddm-considerations.html); the catalog
 * refuses a view over a table with policies attached whose reads of it are
 * not so rewritten, and every materialized view over one (its rows are
 * computed once, for whoever refreshes it). EXPLAIN is not: it reads no row,
 * and only holders of EXPLAIN MASKING see the masks in a plan.
 */
const READING: ReadonlySet<string> = new Set([
  'SelectStmt',
  'ViewStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'CreateTableAsStmt',
  'DeclareCursorStmt',
  'PrepareStmt',
])

/** DML whose target (`relation`) is read unmasked: guarded instead. */
const TARGETED = new Set(['UpdateStmt', 'DeleteStmt', 'MergeStmt'])

/**
 * The table named by `ATTACH MASKING POLICY p ON [s.]t (...)`, as PostgreSQL
 * holds its name (`fold`: quoted names folded to lower case); null for
 * other statements.
 *
 * @example
 * ```ts
 * attachedTable('attach masking policy p on s."T" (c) to public', false) // 'T'
 * ```
 */
export function attachedTable(text: string, fold: boolean): string | null {
  if (!/^\s*attach\s+masking\s+policy\s/i.test(text)) return null
  const words = significant(tokenize(text))
  const at = words.findIndex(
    (t, i) => i > 3 && text.slice(t.start, t.end).toLowerCase() === 'on',
  )
  if (at < 0) return null
  let last: Token | undefined
  for (let k = at + 1; k < words.length; k++) {
    const token = words[k]!
    if (token.kind === 'word' || token.kind === 'quoted') last = token
    else if (token.kind !== 'dot') break
  }
  if (last === undefined) return null
  const raw = text.slice(last.start, last.end)
  if (last.kind !== 'quoted') return raw.toLowerCase()
  const name = raw.slice(1, -1).replace(/""/g, '"')
  return fold ? name.toLowerCase() : name
}

/**
 * The statement with each read of a table in `names` replaced by the rows
 * as the session's user sees them (`masking-catalog.ts`: `mask_row` over
 * `mask_query`'s select list, computed once per statement), and, for
 * UPDATE, DELETE and MERGE of such a table, a guard that refuses the
 * statement when a column it names is masked for the user (the target's
 * rows are read unmasked). Null when it names none. A CTE named as such a
 * table is an emulator limit (its references cannot be told from the
 * table's here).
 *
 * @example
 * ```ts
 * rewriteMaskedReads('select * from credit_cards', names)
 * // { text: 'select * from (select m.* from credit_cards as ... ) as "credit_cards"' }
 * ```
 */
export function rewriteMaskedReads(
  text: string,
  names: MaskedTableNames,
): { readonly text: string } | ErrorFields | null {
  if (!names.mayName(text)) return null
  const tree = parseOneStatement(text)
  const typed = nodeType(tree)
  if (typed === undefined || !READING.has(typed[0])) return null
  // PREPARE's statement is the one judged (its UPDATE or DELETE target is
  // guarded, not read).
  const [type, statement] =
    typed[0] === 'PrepareStmt' ? (nodeType(typed[1]['query']) ?? typed) : typed
  const target = TARGETED.has(type)
    ? (statement['relation'] as PgNode | undefined)
    : type === 'InsertStmt'
      ? (statement['relation'] as PgNode | undefined)
      : undefined
  // The view CREATE VIEW names is written, not read.
  const view =
    type === 'ViewStmt' ? (statement['view'] as PgNode | undefined) : undefined
  // A reference to the target's whole row (`t`, `s.t`, `t.*`) reads every
  // column of it: `*` to the guard.
  const rowNames = new Set<string>()
  if (target !== undefined) {
    if (typeof target['relname'] === 'string') rowNames.add(target['relname'])
    const alias = (target['alias'] as PgNode | undefined)?.['aliasname']
    if (typeof alias === 'string') rowNames.add(alias)
  }
  const ctes = new Set<string>()
  const reads: PgNode[] = []
  const columns = new Set<string>()
  walkTree(tree, (kind, node, ancestors) => {
    if (kind === 'CommonTableExpr' && typeof node['ctename'] === 'string')
      ctes.add(node['ctename'])
    if (kind === 'ColumnRef') {
      const fields = (node['fields'] as unknown[] | undefined) ?? []
      let last: unknown
      for (const field of fields) {
        const value = (field as PgNode)['String'] as PgNode | undefined
        last = value?.['sval']
        if (typeof last === 'string') columns.add(last)
        else if ((field as PgNode)['A_Star'] !== undefined) columns.add('*')
      }
      if (typeof last === 'string' && rowNames.has(last)) columns.add('*')
    }
    if (kind !== 'RangeVar' || node === target || node === view) return
    if (ancestors[ancestors.length - 1] === 'IntoClause') return
    if (typeof node['relname'] === 'string' && names.has(node['relname']))
      reads.push(node)
  })
  const guarded =
    target !== undefined &&
    TARGETED.has(type) &&
    typeof target['relname'] === 'string' &&
    names.has(target['relname']) &&
    columns.size > 0
  if (reads.length === 0 && !guarded) return null
  const tokens = tokenize(text)
  const edits: TextEdit[] = []
  for (const read of reads) {
    const relname = read['relname'] as string
    if (read['schemaname'] === undefined && ctes.has(relname))
      return emulatorLimit(
        `a WITH query named as table "${relname}", which may have masking policies,`,
      )
    const span = nameSpan(text, tokens, read)
    if (span === undefined) return null
    const name = text.slice(span.start, span.end)
    const alias =
      read['alias'] === undefined ? ` as ${quoteIdentifier(relname)}` : ''
    edits.push({
      start: span.start,
      end: span.end,
      insert:
        `(select redshift_mask.* from ${name} as redshift_masked cross join lateral redshift_local.mask_row(redshift_masked, ` +
        `(select redshift_local.mask_query(${quoteLiteral(name)}::regclass::oid))) as redshift_mask)${alias}`,
    })
  }
  if (guarded) {
    const span = nameSpan(text, tokens, target)
    if (span === undefined) return null
    const name = text.slice(span.start, span.end)
    const guard = `(select redshift_local.mask_target_guard(${quoteLiteral(name)}::regclass::oid, array[${[...columns].map(quoteLiteral).join(', ')}]::text[]))`
    const edit = guardEdit(text, tokens, type, span.end, guard)
    if (edit === undefined)
      return emulatorLimit(
        `${type === 'MergeStmt' ? 'MERGE' : type === 'UpdateStmt' ? 'UPDATE' : 'DELETE'} of this form on a table that may have masking policies`,
      )
    edits.push(...edit)
  }
  return { text: applyEdits(text, edits) }
}

/** The text range of a RangeVar's (qualified) name. */
function nameSpan(
  text: string,
  tokens: readonly Token[],
  range: PgNode,
): { readonly start: number; readonly end: number } | undefined {
  const location = range['location']
  if (typeof location !== 'number') return undefined
  const start = charOffset(text, location)
  let k = tokens.findIndex((t) => t.start === start)
  if (k < 0) return undefined
  let end = tokens[k]!.end
  for (;;) {
    const token = tokens[k]!
    if (token.kind !== 'word' && token.kind !== 'quoted') return undefined
    end = token.end
    if (tokens[k + 1]?.kind !== 'dot') break
    k += 2
    if (k >= tokens.length) return undefined
  }
  return { start, end }
}

/**
 * Where the guard goes: UPDATE and DELETE `WHERE guard and (condition)` (or
 * `WHERE guard` at the end), MERGE `ON guard and (condition)`; the guard is
 * an uncorrelated subquery, so PostgreSQL runs it once, before any row.
 */
function guardEdit(
  text: string,
  tokens: readonly Token[],
  type: string,
  from: number,
  guard: string,
): TextEdit[] | undefined {
  const word = type === 'MergeStmt' ? 'on' : 'where'
  const stop = type === 'MergeStmt' ? 'when' : 'returning'
  let depth = 0
  let open = -1
  let close = -1
  let last = -1
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!
    if (token.kind === 'open') depth++
    else if (token.kind === 'close') depth--
    if (token.kind === 'space' || token.kind === 'comment') continue
    if (token.kind === 'semicolon') break
    last = k
    if (depth !== 0 || token.start < from || token.kind !== 'word') continue
    const value = text.slice(token.start, token.end).toLowerCase()
    if (open < 0 && value === word) open = k
    else if (open >= 0 && close < 0 && value === stop) close = k
  }
  if (open < 0) {
    if (type === 'MergeStmt' || last < 0) return undefined
    const end = tokens[last]!.end
    return [{ start: end, end, insert: ` where ${guard}` }]
  }
  if (type === 'MergeStmt' && close < 0) return undefined
  const at = tokens[open]!.end
  const end = close >= 0 ? tokens[close]!.start : tokens[last]!.end
  return [
    { start: at, end: at, insert: ` ${guard} and (` },
    { start: end, end, insert: close >= 0 ? ') ' : ')' },
  ]
}

/** A parse tree's byte offset as an index of `text`. */
function charOffset(text: string, bytes: number): number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return bytes
  return Buffer.from(text, 'utf8').subarray(0, bytes).toString('utf8').length
}
