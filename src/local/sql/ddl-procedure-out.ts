import type { DdlCursor } from './ddl-cursor.js'
import { tokenize, significant } from './lexer.js'
import { parseOneStatement, type PgNode } from './parse-tree.js'

/** The default of an OUT argument: NULL, counted (`redshift_local.out_argument_default`). */
const OUT_DEFAULT = 'redshift_local.out_argument_default()'

/** PostgreSQL's text for the procedure, or why the emulator cannot create it. */
export type ProcedureOutRewrite =
  { readonly sql: string } | { readonly limit: string }

/**
 * A stored procedure's OUT arguments, with `c.pos` on the PROCEDURE of
 * `CREATE [OR REPLACE] PROCEDURE`: on Redshift, CALL passes only the IN and
 * INOUT arguments and returns the INOUT and OUT ones as a row
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_PROCEDURE.html:
 * `call test_sp2(2,'2019')` of a procedure with an OUT third argument);
 * PostgreSQL 14 and later wants a value for OUT arguments too. Trailing OUT
 * arguments become `INOUT` with a NULL default, which CALL may leave out and
 * which still come back in the result row, as NULL until the body sets them.
 * The default is a call that counts the OUT arguments CALL left out: the
 * procedure refuses, as it starts, a CALL that gave one a value
 * (r_CREATE_PROCEDURE.html: OUT arguments aren't specified as part of the
 * CALL statement).
 *
 * Redshift keeps an OUT argument without its name and declares the name as
 * an alias in the body (r_SHOW_PROCEDURE.html shows `OUT character varying`
 * and `DECLARE out_var alias for $3;`), so its result column is PostgreSQL's
 * `columnN` (stored-procedure-create.html: `f2 | column2`): the name moves
 * into the body the same way when the body is dollar-quoted, as Redshift
 * requires it to be. An OUT argument before an IN or INOUT one is an
 * emulator limit. Null when the procedure has no OUT argument.
 *
 * @example
 * ```ts
 * // 'create procedure p(a int, b out int) as $$ begin ... $$'
 * // -> 'create procedure p(a int, INOUT int DEFAULT CAST(redshift_local.out_argument_default() AS int)) as $$ DECLARE b ALIAS FOR $2; begin ... $$'
 * ```
 */
export function rewriteProcedureOut(c: DdlCursor): ProcedureOutRewrite | null {
  let at = c.pos + 1
  while (c.is('.', at + 1)) at += 2
  const open = at + 1
  if (!c.is('(', open)) return null
  const close = c.closing(open)
  const params = argumentRanges(c, open)
  // Redshift's argument list has no defaults (r_CREATE_PROCEDURE.html).
  for (const [first, last] of params)
    for (let k = first; k <= last; k++) {
      if (c.is('(', k)) k = c.closing(k)
      else if (c.kw(k) === 'DEFAULT' || c.is('=', k))
        throw c.error(`syntax error at or near "${c.text(k, k)}"`, '42601', k)
    }
  const outAt = params.map(([first, last]) => {
    for (let k = first; k <= Math.min(first + 1, last); k++)
      if (c.kw(k) === 'OUT') return k
    return -1
  })
  const firstOut = outAt.findIndex((k) => k >= 0)
  if (firstOut < 0) return null
  if (outAt.slice(firstOut).some((k) => k < 0))
    return {
      limit:
        'a stored procedure with an OUT argument before an IN or INOUT argument',
    }
  const body = bodyToken(c, close)
  const named = body === undefined ? [] : parameterNames(c.sql)
  const aliases: string[] = []
  for (let i = firstOut; i < params.length; i++) {
    const [first, last] = params[i]!
    const out = outAt[i]!
    // The argument's name: before the mode (`name OUT type`) or after it.
    const name =
      named[i] === undefined ? -1 : out === first + 1 ? first : out + 1
    const type = c.text(Math.max(name, out) + 1, last)
    if (name >= 0 && name < last) {
      aliases.push(`${c.text(name, name)} ALIAS FOR $${i + 1};`)
      c.replace(Math.min(name, out), Math.max(name, out), 'INOUT')
    } else c.replace(out, out, 'INOUT')
    // The default counts itself, so the procedure can tell, as it starts,
    // that CALL gave a value for an OUT argument (procedure-catalog.ts).
    c.replace(
      last,
      last,
      `${c.text(last, last)} DEFAULT CAST(${OUT_DEFAULT} AS ${type})`,
    )
  }
  if (aliases.length > 0 && body !== undefined)
    c.replace(body, body, declareAliases(c.text(body, body), aliases))
  return { sql: c.apply() }
}

/** The dollar-quoted body after AS, by token index (Redshift requires `AS $$ ... $$`). */
function bodyToken(c: DdlCursor, from: number): number | undefined {
  for (let k = from + 1; k + 1 < c.tokens.length; k++)
    if (
      c.kw(k) === 'AS' &&
      c.token(k + 1)?.kind === 'string' &&
      c.text(k + 1, k + 1).startsWith('$')
    )
      return k + 1
  return undefined
}

/** Each argument's name as PostgreSQL parses it (undefined: unnamed). */
function parameterNames(sql: string): (string | undefined)[] {
  const node = (parseOneStatement(sql) as { CreateFunctionStmt?: PgNode })
    ?.CreateFunctionStmt
  const parameters = (
    Array.isArray(node?.['parameters']) ? node['parameters'] : []
  ) as { FunctionParameter?: PgNode }[]
  return parameters.map((p) => {
    const name = p.FunctionParameter?.['name']
    return typeof name === 'string' ? name : undefined
  })
}

/** The body literal with `DECLARE <aliases>` first (after a leading `<<label>>`). */
function declareAliases(literal: string, aliases: readonly string[]): string {
  const tag = literal.slice(0, literal.indexOf('$', 1) + 1)
  const inner = literal.slice(tag.length, literal.length - tag.length)
  const tokens = significant(tokenize(inner))
  let at = 0
  if (inner.slice(tokens[0]?.start, tokens[0]?.end) === '<<')
    at =
      tokens.find((t, i) => i > 0 && inner.slice(t.start, t.end) === '>>')
        ?.end ?? 0
  return `${tag}${inner.slice(0, at)} DECLARE ${aliases.join(' ')}${inner.slice(at)}${tag}`
}

/**
 * `ALTER | DROP PROCEDURE name (args)` with `c.pos` on the verb: an OUT
 * argument of the signature (r_DROP_PROCEDURE.html: `quarterly_revenue(volume
 * INOUT bigint, at_price IN numeric, result OUT int)`) is the INOUT one
 * `rewriteProcedureOut` made of it. Null when the signature has no OUT.
 *
 * @example
 * ```ts
 * // 'drop procedure p(a int, b out int)' -> 'drop procedure p(a int, b INOUT int)'
 * ```
 */
export function rewriteSignatureOut(c: DdlCursor): string | null {
  if (c.kw(c.pos + 1) !== 'PROCEDURE') return null
  for (let k = c.pos + 2; k < c.tokens.length; k++) {
    if (!c.is('(', k)) continue
    for (const [first, last] of argumentRanges(c, k))
      for (let j = first; j <= Math.min(first + 1, last); j++)
        if (c.kw(j) === 'OUT') c.replace(j, j, 'INOUT')
    k = c.closing(k)
  }
  return c.changed ? c.apply() : null
}

/** The token ranges of the arguments in the parentheses at `open`. */
function argumentRanges(c: DdlCursor, open: number): [number, number][] {
  const close = c.closing(open)
  const ranges: [number, number][] = []
  let start = open + 1
  for (let k = open + 1; k <= close; k++) {
    if (c.is('(', k)) {
      k = c.closing(k)
      continue
    }
    if (c.is(',', k) || k === close) {
      if (k > start) ranges.push([start, k - 1])
      start = k + 1
    }
  }
  return ranges
}
