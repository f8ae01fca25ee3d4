import type { DdlCursor } from './ddl-cursor.js'

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
 * arguments become `INOUT ... DEFAULT NULL`, which CALL may leave out and
 * which still come back in the result row, as NULL until the body sets them.
 * An OUT argument before an IN or INOUT one is an emulator limit. Null when
 * the procedure has no OUT argument.
 *
 * @example
 * ```ts
 * // 'create procedure p(a int, b out int) as ...' -> 'create procedure p(a int, b INOUT int DEFAULT NULL) as ...'
 * ```
 */
export function rewriteProcedureOut(c: DdlCursor): ProcedureOutRewrite | null {
  let at = c.pos + 1
  while (c.is('.', at + 1)) at += 2
  const open = at + 1
  if (!c.is('(', open)) return null
  const close = c.closing(open)
  const params: [number, number][] = []
  let start = open + 1
  for (let k = open + 1; k <= close; k++) {
    if (c.is('(', k)) {
      k = c.closing(k)
      continue
    }
    if (c.is(',', k) || k === close) {
      if (k > start) params.push([start, k - 1])
      start = k + 1
    }
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
  for (let i = firstOut; i < params.length; i++) {
    c.replace(outAt[i]!, outAt[i]!, 'INOUT')
    const last = params[i]![1]
    c.replace(last, last, `${c.text(last, last)} DEFAULT NULL`)
  }
  return { sql: c.apply() }
}
