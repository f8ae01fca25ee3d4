import { quoteLiteral } from '../sql/quote.js'

/**
 * The parameters `SHOW ALL` lists on Redshift, in its order, with where the
 * emulator reads each value: the session's Redshift-only settings, or
 * PostgreSQL's own (https://docs.aws.amazon.com/redshift/latest/dg/r_extra_float_digits.html
 * shows the list).
 */
const SHOWN: readonly (readonly [string, 'emulator' | string])[] = [
  ['analyze_threshold_percent', 'emulator'],
  ['datestyle', 'DateStyle'],
  ['extra_float_digits', 'extra_float_digits'],
  ['query_group', 'emulator'],
  ['search_path', 'search_path'],
  ['statement_timeout', 'statement_timeout'],
  ['timezone', 'TimeZone'],
  ['wlm_query_slot_count', 'emulator'],
]

/**
 * The SELECT that answers `SHOW ALL` as Redshift does: two columns, `name`
 * and `setting`, one row per parameter. `setting` reads the session's
 * Redshift-only values; with no query group set it shows `default`, as the
 * documentation's example does.
 *
 * @example
 * ```ts
 * const text = showAllSql((name) => settings.get(name), (name) => settings.has(name))
 * ```
 */
export function showAllSql(
  value: (name: string) => string,
  isSet: (name: string) => boolean,
): string {
  const rows = SHOWN.map(([name, source]) => {
    let setting: string
    if (source !== 'emulator') {
      const current = `pg_catalog.current_setting(${quoteLiteral(source)})`
      // Redshift shows $user unquoted (r_search_path.html); statement_timeout in ms.
      setting =
        name === 'search_path'
          ? `pg_catalog.replace(${current}, '"$user"', '$user')`
          : name === 'statement_timeout'
            ? `(select setting from pg_catalog.pg_settings where name = 'statement_timeout')`
            : current
    } else {
      const shown =
        name === 'query_group' && !isSet(name) ? 'default' : value(name)
      setting = quoteLiteral(shown)
    }
    return `(${quoteLiteral(name)}, ${setting})`
  })
  return `SELECT s.name::text AS name, s.setting::text AS setting FROM (VALUES ${rows.join(', ')}) AS s(name, setting)`
}
