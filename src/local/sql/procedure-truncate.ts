import { significant, tokenize, wordOf, type Token } from './lexer.js'

/** Statement PL/pgSQL runs before each TRUNCATE of a procedure body. */
const GUARD = 'PERFORM redshift_local.truncate_in_procedure(); '

/** What a procedure's EXECUTE runs its command string through. */
const DYNAMIC = 'redshift_local.dynamic_sql'

/** After an EXECUTE: the commit a TRUNCATE it ran makes, as on Redshift. */
const DYNAMIC_COMMIT =
  'IF redshift_local.dynamic_truncated() THEN COMMIT; END IF;'

/** Words after which a PL/pgSQL statement starts. */
const STATEMENT_START = new Set(['begin', 'then', 'else', 'loop', 'exception'])

/**
 * TRUNCATE in a stored procedure commits, as everywhere on Redshift, and
 * a procedure that reaches one while it runs inside an explicit transaction
 * block fails with `TRUNCATE cannot be invoked from a procedure that is
 * executing in an atomic context.`
 * (https://docs.aws.amazon.com/redshift/latest/dg/stored-procedure-transaction-management.html).
 * PostgreSQL's TRUNCATE does neither, so a PL/pgSQL body gets, around each
 * TRUNCATE statement, a guard that raises that error when the session's
 * transaction block is open (the planner marks BEGIN with
 * `redshift_local.in_block`), and a COMMIT after. A TRUNCATE run through
 * EXECUTE is caught when it runs: every EXECUTE's command string goes
 * through `redshift_local.dynamic_sql`, which guards it the same way, and a
 * COMMIT follows it when it was a TRUNCATE. Returns the new body, or null
 * when nothing changes.
 *
 * @example
 * ```ts
 * guardTruncates('begin truncate t; end') // 'begin PERFORM redshift_local.truncate_in_procedure(); truncate t; COMMIT; end'
 * ```
 */
export function guardTruncates(body: string): string | null {
  const tokens = significant(tokenize(body))
  let out = ''
  let at = 0
  let changed = false
  for (let i = 0; i < tokens.length; i++) {
    const word = wordOf(body, tokens[i])
    if (
      (word !== 'truncate' && word !== 'execute') ||
      !startsStatement(body, tokens, i)
    )
      continue
    let end = statementEnd(tokens, i)
    if (end === undefined) continue
    if (word === 'truncate') {
      // What a TRUNCATE records (see mv-state.ts) commits with it.
      const next = tokens.indexOf(end) + 1
      if (
        wordOf(body, tokens[next]) === 'call' &&
        body
          .slice(tokens[next + 1]?.start, tokens[next + 3]?.end)
          .toLowerCase() === 'redshift_local.record_mv_state'
      )
        end = statementEnd(tokens, next) ?? end
      out += `${body.slice(at, tokens[i]!.start)}${GUARD}${body.slice(tokens[i]!.start, end.end)} COMMIT;`
    } else {
      // EXECUTE's text is only known when it runs: it goes through
      // dynamic_sql, which guards a TRUNCATE as above; the commit follows.
      const command = commandEnd(body, tokens, i + 1)
      if (command === undefined || command.start === tokens[i + 1]!.start)
        continue
      out += `${body.slice(at, tokens[i + 1]!.start)}${DYNAMIC}(${body.slice(tokens[i + 1]!.start, command.start).trimEnd()}) ${body.slice(command.start, end.end)} ${DYNAMIC_COMMIT}`
    }
    at = end.end
    changed = true
  }
  return changed ? out + body.slice(at) : null
}

/** The words that end EXECUTE's command string. */
const EXECUTE_ENDS: ReadonlySet<string> = new Set(['into', 'using'])

/**
 * Where EXECUTE's command string ends: at INTO, USING or the `;`, outside
 * parentheses (or at one of `ends`, for the other statements that take a
 * dynamic query).
 *
 * @example
 * ```ts
 * commandEnd(text, tokens, 1) // the INTO token of `execute 'select 1' into x;`
 * ```
 */
export function commandEnd(
  body: string,
  tokens: readonly Token[],
  from: number,
  ends: ReadonlySet<string> = EXECUTE_ENDS,
): Token | undefined {
  let depth = 0
  for (let j = from; j < tokens.length; j++) {
    const t = tokens[j]!
    if (t.kind === 'open') depth++
    else if (t.kind === 'close') depth--
    else if (depth === 0) {
      if (t.kind === 'semicolon' || ends.has(wordOf(body, t))) return t
    }
  }
  return undefined
}

function startsStatement(
  body: string,
  tokens: readonly Token[],
  i: number,
): boolean {
  const previous = tokens[i - 1]
  return (
    previous === undefined ||
    previous.kind === 'semicolon' ||
    STATEMENT_START.has(wordOf(body, previous))
  )
}

function statementEnd(tokens: readonly Token[], i: number): Token | undefined {
  for (let j = i + 1; j < tokens.length; j++)
    if (tokens[j]!.kind === 'semicolon') return tokens[j]
  return undefined
}
