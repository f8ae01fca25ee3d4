import { quoteLiteral } from './quote.js'
import { SyntaxTokens } from './syntax/syntax-tokens.js'

/** The PostgreSQL setting the emulator keeps `error_on_nondeterministic_update` in. */
const SETTING = 'redshift_local.error_on_nondeterministic_update'

/**
 * The SET that keeps `error_on_nondeterministic_update` in the backing
 * PostgreSQL too (where the guard of {@link guardNondeterministicUpdate}
 * reads it, and where a ROLLBACK undoes it with the emulator's own copy),
 * or undefined for another parameter.
 *
 * @example
 * ```ts
 * nondeterministicUpdateSql('error_on_nondeterministic_update', 'on', false)
 * // "SET redshift_local.error_on_nondeterministic_update TO 'on'"
 * ```
 */
export function nondeterministicUpdateSql(
  name: string,
  value: string | undefined,
  local: boolean,
): string | undefined {
  if (name !== 'error_on_nondeterministic_update') return undefined
  return `SET ${local ? 'LOCAL ' : ''}${SETTING} TO ${value === undefined ? 'DEFAULT' : quoteLiteral(value)}`
}

/**
 * `UPDATE target SET ... FROM list WHERE condition` with a guard that, when
 * `error_on_nondeterministic_update` is on, fails for a target row the FROM
 * list matches more than once, as Redshift does
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_error_on_nondeterministic_update.html:
 * `Found multiple matches to update the same tuple.`); PostgreSQL would
 * update the row from one of the matches. The guard counts the matches of
 * each target row by running the FROM list and condition again as a
 * subquery correlated to the target; a CASE keeps it from running while the
 * parameter is off. Null when the statement has no FROM list.
 *
 * @example
 * ```ts
 * guardNondeterministicUpdate('update t1 set y1 = y2 from t2 where x1 = x2')
 * // 'update t1 set y1 = y2 from t2 where (x1 = x2) AND CASE WHEN ... END'
 * ```
 */
export function guardNondeterministicUpdate(text: string): string | null {
  const s = new SyntaxTokens(text)
  let update = -1
  for (let i = 0; i < s.length; i++) {
    if (s.depth(i) === 0 && s.word(i) === 'UPDATE') {
      update = i
      break
    }
  }
  if (update < 0) return null
  const set = s.findWord(update + 1, s.length, new Set(['SET']))
  const from = s.findWord(set + 1, s.length, new Set(['FROM']))
  if (set >= s.length || from >= s.length) return null
  let end = s.length
  while (end > from && s.is(end - 1, ';')) end--
  const where = s.findWord(from + 1, end, new Set(['WHERE']))
  const list = s.slice(from + 1, where)
  const condition = where < end ? s.slice(where + 1, end) : 'true'
  const guard =
    `CASE WHEN pg_catalog.current_setting(${quoteLiteral(SETTING)}, true) = 'on' ` +
    `THEN redshift_local.single_update_match((SELECT pg_catalog.count(*) FROM ${list} WHERE ${condition})) ` +
    'ELSE true END'
  const head = text.slice(0, s.start(where < end ? where : end))
  const tail = text.slice(s.start(end))
  return where < end
    ? `${head}WHERE (${condition}) AND ${guard}${tail}`
    : `${text.slice(0, s.end(end - 1))} WHERE ${guard}${tail}`
}
