import type { SqlToken } from './scan-sql.js'

/**
 * What a statement does, for span names and attributes: its operation, the
 * tables it names (in order, each once), and `db.query.summary`, the
 * operations and tables in the order they appear (`SELECT sales`,
 * `INSERT sales SELECT staging`).
 *
 * ```ts
 * const summary: StatementSummary = { operation: 'SELECT', collections: ['sales'], summary: 'SELECT sales' }
 * ```
 */
export interface StatementSummary {
  /** `db.operation.name`: `SELECT`, `COPY`, `CREATE TABLE`, `BEGIN`... (empty when unknown). */
  readonly operation: string
  readonly collections: readonly string[]
  /** `db.query.summary` (empty when nothing is known). */
  readonly summary: string
}

/** The conventions' advice: a summary is at most 255 characters. */
export const MAX_SUMMARY = 255

/**
 * Accumulates a summary: operations and tables in order, a table listed
 * once per operation, and never beyond {@link MAX_SUMMARY}.
 *
 * ```ts
 * const parts = new SummaryParts()
 * parts.operation('SELECT')
 * parts.table('sales')
 * parts.toSummary() // { operation: 'SELECT', collections: ['sales'], summary: 'SELECT sales' }
 * ```
 */
export class SummaryParts {
  readonly #parts: string[] = []
  readonly #collections: string[] = []
  #operation = ''
  #last = ''
  #length = 0

  /** Names the statement's operation without adding it to the summary. */
  main(name: string): void {
    if (this.#operation === '') this.#operation = name
  }

  operation(name: string): void {
    this.main(name)
    // `SELECT a JOIN b` is one operation on two tables: SELECT a b.
    if (this.#last === name) return
    this.#push(name)
    this.#last = name
  }

  table(name: string): void {
    if (name === '') return
    if (!this.#collections.includes(name)) this.#collections.push(name)
    this.#push(name)
  }

  toSummary(): StatementSummary {
    return Object.freeze({
      operation: this.#operation,
      collections: Object.freeze(this.#collections),
      summary: this.#parts.join(' '),
    })
  }

  #push(part: string): void {
    const added = (this.#length === 0 ? 0 : 1) + part.length
    if (this.#length + added > MAX_SUMMARY) return
    this.#parts.push(part)
    this.#length += added
  }
}

// Statements whose operation is two words, the second naming the kind of
// object: CREATE TABLE, DROP VIEW, ALTER TABLE...
const OBJECT_STATEMENTS = new Set(['CREATE', 'DROP', 'ALTER'])
const OBJECT_KINDS = new Set([
  'TABLE',
  'VIEW',
  'SCHEMA',
  'DATABASE',
  'USER',
  'GROUP',
  'ROLE',
  'FUNCTION',
  'PROCEDURE',
  'INDEX',
  'LIBRARY',
  'MODEL',
  'DATASHARE',
])
// Words between CREATE and the kind: CREATE OR REPLACE VIEW, CREATE TEMP
// TABLE, CREATE EXTERNAL TABLE, CREATE MATERIALIZED VIEW.
const OBJECT_MODIFIERS = new Set([
  'OR',
  'REPLACE',
  'TEMP',
  'TEMPORARY',
  'LOCAL',
  'EXTERNAL',
  'MATERIALIZED',
  'UNIQUE',
])
// Object kinds whose name is a table (a db.collection.name).
const TABLE_KINDS = new Set(['TABLE', 'VIEW'])
const QUERY_OPERATIONS = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
])
// Words that follow a table in a FROM list and are not its alias.
const CLAUSE_WORDS = new Set([
  'WHERE',
  'GROUP',
  'ORDER',
  'HAVING',
  'LIMIT',
  'OFFSET',
  'UNION',
  'INTERSECT',
  'EXCEPT',
  'MINUS',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'NATURAL',
  'ON',
  'USING',
  'SET',
  'VALUES',
  'SELECT',
  'QUALIFY',
  'WINDOW',
  'FROM',
  'RETURNING',
  'TO',
  'IN',
])

/**
 * The summary of a statement from its tokens (see `scanSql`), for SQL that
 * comes without a Kysely operation node: `sql` templates, raw text, COPY,
 * UNLOAD, transaction control.
 *
 * ```ts
 * summarizeTokens(scanSql('copy "sales" from ? iam_role default').tokens)
 * // { operation: 'COPY', collections: ['sales'], summary: 'COPY sales' }
 * ```
 */
export function summarizeTokens(tokens: readonly SqlToken[]): StatementSummary {
  const parts = new SummaryParts()
  const first = upperWord(tokens[0])
  if (first === '') return parts.toSummary()
  if (OBJECT_STATEMENTS.has(first)) {
    summarizeObjectStatement(tokens, first, parts)
    return parts.toSummary()
  }
  if (first === 'START' && upperWord(tokens[1]) === 'TRANSACTION') {
    parts.operation('START TRANSACTION')
    return parts.toSummary()
  }
  if (first === 'WITH') {
    // The main statement is the first query keyword outside the CTEs'
    // parentheses; what the CTEs read follows it.
    let depth = 0
    for (let i = 1; i < tokens.length; i++) {
      const token = tokens[i]!
      if (token.kind === 'punct') depth += depthChange(token.text)
      else if (depth === 0 && QUERY_OPERATIONS.has(upperWord(token))) {
        parts.main(upperWord(token))
        break
      }
    }
    walkQuery(tokens, 1, parts)
    return parts.toSummary()
  }
  if (QUERY_OPERATIONS.has(first)) {
    walkQuery(tokens, 0, parts)
    return parts.toSummary()
  }
  parts.operation(first)
  // COPY t, TRUNCATE [TABLE] t, LOCK [TABLE] a, b, VACUUM t, ANALYZE t.
  if (first === 'COPY' || first === 'TRUNCATE' || first === 'LOCK') {
    let i = upperWord(tokens[1]) === 'TABLE' ? 2 : 1
    for (;;) {
      const name = readName(tokens, i)
      if (name === undefined) break
      parts.table(name.name)
      if (first === 'COPY' || tokens[name.next]?.text !== ',') break
      i = name.next + 1
    }
  } else if (first === 'VACUUM' || first === 'ANALYZE') {
    // VACUUM [FULL | SORT ONLY | DELETE ONLY | REINDEX | RECLUSTER] t
    let i = 1
    while (isKeywordLike(tokens[i])) i++
    const name = readName(tokens, i)
    if (name !== undefined) parts.table(name.name)
  }
  return parts.toSummary()
}

/** Walks a query's tokens: each query keyword, and the tables after FROM, JOIN, INTO, UPDATE. */
function walkQuery(
  tokens: readonly SqlToken[],
  start: number,
  parts: SummaryParts,
): void {
  for (let i = start; i < tokens.length; i++) {
    const word = upperWord(tokens[i])
    if (word === '') continue
    if (QUERY_OPERATIONS.has(word)) {
      parts.operation(word)
      if (word === 'UPDATE') i = readTables(tokens, i + 1, parts, false)
      continue
    }
    if (word === 'FROM' || word === 'USING') {
      i = readTables(tokens, i + 1, parts, true)
    } else if (word === 'JOIN' || word === 'INTO') {
      i = readTables(tokens, i + 1, parts, false)
    }
  }
}

/**
 * Reads the table(s) at `i` (a comma list when `list`), skipping aliases;
 * returns the index of the last token read. A subquery or a function call
 * (`generate_series(...)`) names no table.
 */
function readTables(
  tokens: readonly SqlToken[],
  i: number,
  parts: SummaryParts,
  list: boolean,
): number {
  for (;;) {
    // FROM ONLY t, FROM LATERAL (...)
    const lead = upperWord(tokens[i])
    if (lead === 'ONLY' || lead === 'LATERAL') i++
    const name = readName(tokens, i)
    if (name === undefined) return i - 1
    // In a FROM list `name(` is a function (generate_series(...)); after
    // INTO or UPDATE it is the table and its column list.
    if (list && tokens[name.next]?.text === '(') return i - 1
    parts.table(name.name)
    let next = name.next
    if (!list) return next - 1
    // [AS] alias
    if (upperWord(tokens[next]) === 'AS') next++
    const alias = tokens[next]
    if (
      alias !== undefined &&
      (alias.kind === 'quoted' ||
        (alias.kind === 'word' && !CLAUSE_WORDS.has(alias.text.toUpperCase())))
    ) {
      next++
    }
    if (tokens[next]?.text !== ',') return next - 1
    i = next + 1
  }
}

function summarizeObjectStatement(
  tokens: readonly SqlToken[],
  first: string,
  parts: SummaryParts,
): void {
  let i = 1
  while (i < tokens.length && OBJECT_MODIFIERS.has(upperWord(tokens[i]))) i++
  const kind = upperWord(tokens[i])
  if (!OBJECT_KINDS.has(kind)) {
    parts.operation(first)
    return
  }
  parts.operation(`${first} ${kind}`)
  i++
  // IF [NOT] EXISTS
  if (upperWord(tokens[i]) === 'IF') {
    i++
    if (upperWord(tokens[i]) === 'NOT') i++
    if (upperWord(tokens[i]) === 'EXISTS') i++
  }
  if (!TABLE_KINDS.has(kind)) return
  const name = readName(tokens, i)
  if (name !== undefined) parts.table(name.name)
}

/** A possibly qualified name at `i` (`a`, `"a"`, `s.t`, `"s"."t"`). */
function readName(
  tokens: readonly SqlToken[],
  i: number,
): { readonly name: string; readonly next: number } | undefined {
  let token = tokens[i]
  if (!isName(token)) return undefined
  let name = token!.text
  let next = i + 1
  while (tokens[next]?.text === '.' && isName(tokens[next + 1])) {
    token = tokens[next + 1]
    name += `.${token!.text}`
    next += 2
  }
  return { name, next }
}

function isName(token: SqlToken | undefined): boolean {
  return (
    token !== undefined && (token.kind === 'word' || token.kind === 'quoted')
  )
}

function isKeywordLike(token: SqlToken | undefined): boolean {
  const word = upperWord(token)
  return (
    word === 'FULL' ||
    word === 'DELETE' ||
    word === 'SORT' ||
    word === 'REINDEX' ||
    word === 'RECLUSTER' ||
    word === 'VERBOSE' ||
    word === 'ONLY' ||
    word === 'COMPRESSION' ||
    word === 'PREDICATE'
  )
}

function upperWord(token: SqlToken | undefined): string {
  return token?.kind === 'word' ? token.text.toUpperCase() : ''
}

function depthChange(punct: string): number {
  return punct === '(' ? 1 : punct === ')' ? -1 : 0
}
