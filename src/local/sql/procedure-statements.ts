import type { ErrorFields } from '../protocol/error-fields.js'
import { significant, tokenize, wordOf, type Token } from './lexer.js'
import { simpleStatements } from './procedure-nonatomic.js'
import { quoteLiteral } from './quote.js'
import {
  bodyVariables,
  navigableVariables,
  restoreVariables,
  substituteVariables,
} from './procedure-variables.js'

/**
 * What the emulator makes of one SQL statement of a body when a client
 * sends it: PostgreSQL's text and the statements that follow it (recording
 * DISTKEY, SORTKEY and the other Redshift attributes), the error Redshift
 * gives when it runs, or null to keep the statement as written (it needs
 * something only a client statement has: a session action, a per-run text).
 */
export type BodyStatementPlan =
  | { readonly text: string; readonly after: readonly string[] }
  | { readonly error: ErrorFields }
  | null

/** Plans one statement as a client's (see `BodyStatementPlan`). */
export type BodyStatementPlanner = (sql: string) => BodyStatementPlan

/**
 * First words of the statements of a body that are SQL the emulator
 * rewrites: queries, DML and DDL (an OPEN's and a FOR loop's query count
 * as queries), DROP, GRANT and REVOKE (judged and recorded as a client's),
 * CALL (its arguments), TRUNCATE (what it records; its commit is
 * guarded elsewhere) and REFRESH MATERIALIZED VIEW (which finds out whether
 * there is anything to refresh, `ddl-mv-refresh.ts`). PL/pgSQL's own statements (assignment, IF, LOOP,
 * RAISE, RETURN, EXIT, FETCH, EXECUTE, GET DIAGNOSTICS) are not SQL, though
 * their expressions are planned (see `rewriteExpression`); transaction
 * control, SET and the statements the emulator runs itself (COPY, UNLOAD,
 * VACUUM) are guarded elsewhere.
 */
const REWRITTEN: ReadonlySet<string> = new Set([
  'select',
  'with',
  'insert',
  'update',
  'delete',
  'merge',
  'create',
  'alter',
  'perform',
  'drop',
  'grant',
  'revoke',
  'call',
  'truncate',
  'refresh',
])

/**
 * What a body runs after each CALL it makes (`procedure-catalog.ts`): an
 * assignment of the variable every body declares (`procedure-body.ts`),
 * which leaves FOUND and ROW_COUNT as the CALL left them (PERFORM would
 * set FOUND).
 */
const RETURNED =
  'redshift_local_depth$ := redshift_local.procedure_returned(redshift_local_depth$)'

/**
 * The body with each static SQL statement in the form a client's statement
 * takes (Redshift's DDL attributes, TOP, Redshift functions and types), so
 * that it runs with Redshift semantics: PostgreSQL compiles the body as it
 * is. The statements recording a table's Redshift attributes follow its
 * CREATE, so PG_TABLE_DEF and SVV_TABLE_INFO show them after the CALL.
 * PL/pgSQL's `INTO target` is kept out of the rewrite and put back after it
 * (PL/pgSQL takes it anywhere in the statement), and PERFORM is rewritten
 * as the SELECT it stands for. A statement Redshift would refuse when it
 * runs fails when it runs; a syntax error refuses the procedure, as
 * Redshift's compiler does. Dynamic SQL (EXECUTE) is text only known when
 * it runs and stays PostgreSQL's. Returns the body, or the syntax error.
 *
 * @example
 * ```ts
 * rewriteBodyStatements('begin select top 1 a into x from t; end', [], plan)
 * // 'begin select a  from t LIMIT 1 into x; end'
 * ```
 */
export function rewriteBodyStatements(
  body: string,
  parameters: readonly string[],
  plan: BodyStatementPlanner,
  superParameters: readonly string[] = [],
  procedureName?: string,
): string | ErrorFields {
  const spans = simpleStatements(body)
  if (spans === undefined) return body
  const variables: Variables = {
    names: bodyVariables(body, parameters),
    navigable: navigableVariables(body, superParameters),
    // PL/pgSQL labels the outer block with the procedure's name.
    qualified:
      procedureName === undefined || parameters.length === 0
        ? new Map()
        : new Map([[procedureName, new Set(parameters)]]),
  }
  let out = ''
  let from = 0
  for (const span of spans) {
    if (span.expression !== true && !REWRITTEN.has(span.word)) continue
    const written = body.slice(span.start, span.end)
    const rewritten =
      span.expression === true
        ? rewriteExpression(written, variables, plan)
        : rewriteStatement(
            written,
            span.word,
            variables,
            plan,
            span.query === true,
          )
    if (typeof rewritten !== 'string' && rewritten !== null) return rewritten
    // A nested call's end, for SVL_STORED_PROC_CALL (procedure_returned),
    // on the CALL's line so that line numbers stay.
    const returned =
      span.expression !== true &&
      span.word === 'call' &&
      lineEnd(rewritten ?? written) === ''
        ? `; ${RETURNED}`
        : ''
    if (rewritten === null && returned === '') continue
    out +=
      body.slice(from, span.start) +
      keepLines(written, rewritten ?? written) +
      returned
    from = span.end
  }
  return out + body.slice(from)
}

/**
 * A PL/pgSQL expression's new text: PL/pgSQL evaluates it as the query
 * `SELECT expression`, so it is planned as that query would be when a
 * client sends it (Redshift's functions, datepart keywords, CONVERT ...)
 * and the select list is kept. Null keeps it as written; an error Redshift
 * gives when it runs becomes a call that raises that error, in the
 * expression's place, and a syntax error refuses the procedure.
 */
function rewriteExpression(
  written: string,
  variables: Variables,
  plan: BodyStatementPlanner,
): string | ErrorFields | null {
  const sql = `SELECT ${written}`
  const { planned, substituted } = planWithVariables(sql, variables, plan)
  if (planned === null) return null
  if ('error' in planned) {
    const error = planned.error
    if (error.code === '42601') return error
    return raiseError(error)
  }
  if (planned.after.length > 0) return null
  const restored =
    substituted === null
      ? planned.text
      : restoreVariables(planned.text, substituted)
  const select = /^select\s+/i.exec(restored ?? '')
  if (restored === null || select === null) return null
  const text = restored.slice(select[0].length)
  if (text === written) return null
  return text + lineEnd(text)
}

/**
 * Plans `sql` with the body's variables passed as values, as PL/pgSQL
 * passes them; an error comes back without a position (it would point into
 * the substituted text) and with the variables' names in its message again.
 */
function planWithVariables(
  sql: string,
  variables: Variables,
  plan: BodyStatementPlanner,
): {
  readonly planned: BodyStatementPlan
  readonly substituted: ReturnType<typeof substituteVariables>
} {
  const substituted = substituteVariables(
    sql,
    variables.names,
    variables.navigable,
    variables.qualified,
  )
  const planned = plan(substituted?.sql ?? sql)
  if (planned === null || !('error' in planned)) return { planned, substituted }
  const { position: _, ...error } = planned.error
  const message =
    substituted === null
      ? error.message
      : (restoreVariables(error.message, substituted, false) ?? error.message)
  return { planned: { error: { ...error, message } }, substituted }
}

/**
 * A body's variables, those a path may go into (see `navigableVariables`)
 * and the names that qualify some of them (see `substituteVariables`).
 */
interface Variables {
  readonly names: ReadonlySet<string>
  readonly navigable: ReadonlyMap<string, number>
  readonly qualified: ReadonlyMap<string, ReadonlySet<string>>
}

/** One statement's new text (up to its `;`), null to keep it, or a syntax error. */
function rewriteStatement(
  written: string,
  word: string,
  variables: Variables,
  plan: BodyStatementPlanner,
  query: boolean,
): string | ErrorFields | null {
  const into = query ? undefined : intoClause(written)
  let sql =
    into === undefined
      ? written
      : written.slice(0, into.start) + written.slice(into.end)
  // PERFORM query is the query with its result thrown away.
  const perform = word === 'perform'
  if (perform) sql = `SELECT${sql.slice('perform'.length)}`
  const { planned, substituted } = planWithVariables(sql, variables, plan)
  if (planned === null) return null
  if ('error' in planned) {
    const error = planned.error
    if (error.code === '42601') return error
    // A query is an expression of its statement: it is kept as written.
    if (query) return null
    // Redshift compiles the statement and refuses it when it runs.
    return `PERFORM ${raiseError(error)}`
  }
  const restored =
    substituted === null
      ? planned.text
      : restoreVariables(planned.text, substituted)
  if (restored === null) return null
  let text = restored
  if (perform) {
    if (!/^select\b/i.test(text)) return null
    text = `PERFORM${text.slice('select'.length)}`
  }
  if (text === sql && planned.after.length === 0) return null
  if (query && planned.after.length > 0) return null
  if (into !== undefined)
    text = `${text}${lineEnd(text)} ${written.slice(into.start, into.end)}`
  text += lineEnd(text)
  return text + planned.after.map((s) => `; ${afterStatement(s)}`).join('')
}

/**
 * The call that raises `error` where a refused statement or expression
 * runs, with the DETAIL and HINT a client's statement gets.
 */
function raiseError(error: ErrorFields): string {
  const text = (value: string | undefined) =>
    value === undefined ? 'NULL' : quoteLiteral(value)
  return error.detail === undefined && error.hint === undefined
    ? `redshift_local.raise_error(${quoteLiteral(error.message)}, ${quoteLiteral(error.code)})`
    : `redshift_local.raise_error(${quoteLiteral(error.message)}, ${quoteLiteral(error.code)}, ${text(error.detail)}, ${text(error.hint)})`
}

/** A line comment at the end of a text would swallow what follows on its line. */
function lineEnd(text: string): string {
  return /--[^\n]*$/.test(text) ? '\n' : ''
}

/**
 * `text` on as many lines as `written`, so that the statements after it
 * keep their line numbers (error contexts, SVL_STORED_PROC_MESSAGES):
 * line breaks are added at its end, or those between its tokens become
 * spaces.
 */
function keepLines(written: string, text: string): string {
  const lines = (s: string) => s.split('\n').length - 1
  let extra = lines(text) - lines(written)
  if (extra <= 0) return text + '\n'.repeat(-extra)
  let out = ''
  let from = 0
  let previous: Token | undefined
  for (const token of tokenize(text)) {
    if (extra === 0) break
    const after = previous
    previous = token
    // The line break that ends a line comment stays.
    if (
      token.kind !== 'space' ||
      (after?.kind === 'comment' && text.startsWith('--', after.start))
    )
      continue
    let space = text.slice(token.start, token.end)
    while (extra > 0 && space.includes('\n')) {
      space = space.replace('\n', ' ')
      extra--
    }
    out += text.slice(from, token.start) + space
    from = token.end
  }
  return out + text.slice(from)
}

/**
 * A statement run after another as a PL/pgSQL statement: a query that
 * returns rows (`SELECT f(...)`) becomes PERFORM, which discards them.
 */
function afterStatement(sql: string): string {
  const trimmed = sql.trim()
  return /^select\b/i.test(trimmed)
    ? `PERFORM${trimmed.slice('select'.length)}`
    : trimmed
}

/**
 * PL/pgSQL's `INTO [STRICT] target [, target ...]` of a statement (the
 * first INTO not right after INSERT or MERGE, as PL/pgSQL reads it), as
 * character offsets, or undefined when it has none.
 */
function intoClause(
  sql: string,
): { readonly start: number; readonly end: number } | undefined {
  const tokens = significant(tokenize(sql))
  const at = tokens.findIndex(
    (t, i) =>
      wordOf(sql, t) === 'into' &&
      !['insert', 'merge'].includes(wordOf(sql, tokens[i - 1])),
  )
  if (at < 0) return undefined
  let k = at + 1
  if (wordOf(sql, tokens[k]) === 'strict') k++
  let last: Token | undefined
  for (;;) {
    if (!isName(tokens[k])) break
    last = tokens[k]
    k++
    while (tokens[k]?.kind === 'dot' && isName(tokens[k + 1])) {
      last = tokens[k + 1]
      k += 2
    }
    if (tokens[k]?.kind !== 'comma' || !isName(tokens[k + 1])) break
    k++
  }
  if (last === undefined) return undefined
  return { start: tokens[at]!.start, end: last.end }
}

function isName(token: Token | undefined): boolean {
  return token?.kind === 'word' || token?.kind === 'quoted'
}
