import { quoteIdentifier, quoteLiteral } from './quote.js'

/**
 * The value the emulator keeps for a session context variable that RESET
 * set to NULL (r_RESET.html: "If the value to RESET is a session context
 * variable, Amazon Redshift sets it to NULL"). PostgreSQL's placeholder
 * settings hold text only, and `''` is a value a client may SET; this one
 * is the emulator's own, and `redshift_local.context_setting` reads it as
 * NULL. A client that SETs this exact text reads NULL too.
 */
export const CONTEXT_NULL = 'redshift_local:null'

/**
 * RESET (or SET ... TO DEFAULT) of a context variable, as PostgreSQL runs it.
 *
 * @example
 * ```ts
 * resetContextVariableSql('app.user_id', false) // "SET app.user_id TO 'redshift_local:null'"
 * ```
 */
export function resetContextVariableSql(name: string, local: boolean): string {
  return `SET ${local ? 'LOCAL ' : ''}${name
    .split('.')
    .map((part) => quoteIdentifier(part))
    .join('.')} TO ${quoteLiteral(CONTEXT_NULL)}`
}

/**
 * SHOW of a context variable: its value, NULL after RESET (Redshift's SHOW
 * of a NULL variable is not documented; CURRENT_SETTING, "equivalent to the
 * SHOW command", returns NULL), failing as PostgreSQL's SHOW does for a
 * variable never set.
 *
 * @example
 * ```ts
 * showContextVariableSql('app.user_id') // `SELECT redshift_local.context_setting('app.user_id') AS "app.user_id"`
 * ```
 */
export function showContextVariableSql(name: string): string {
  return `SELECT redshift_local.context_setting(${quoteLiteral(name)}) AS ${quoteIdentifier(name)}`
}

/**
 * RESET ALL, which resets every parameter and NULLs every session context
 * variable (r_RESET.html): PostgreSQL resets its placeholders to `''`, so
 * the variables the session has set are NULLed after it, in one statement
 * (its command tag stays RESET).
 *
 * @example
 * ```ts
 * resetAllSql(new Set(['app.user_id'])) // "DO $reset_all$ BEGIN RESET ALL; PERFORM pg_catalog.set_config('app.user_id', ...
 * ```
 */
export function resetAllSql(names: ReadonlySet<string>): string {
  if (names.size === 0) return 'RESET ALL'
  const nulls = [...names]
    .map(
      (name) =>
        `PERFORM pg_catalog.set_config(${quoteLiteral(name)}, ${quoteLiteral(CONTEXT_NULL)}, false);`,
    )
    .join(' ')
  return `DO $reset_all$ BEGIN RESET ALL; ${nulls} END $reset_all$`
}
