import { quoteLiteral } from '../sql/quote.js'
import { shownSettingSql } from '../sql/shown-settings.js'

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
 * Redshift-only values (and a time zone the session set as an ISO-8601
 * offset); with no query group set it shows `default`, as the
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
    if (name === 'timezone' && isSet(name)) {
      // An ISO-8601 offset, as the session set it.
      setting = quoteLiteral(value(name))
    } else if (source !== 'emulator') {
      setting = shownSettingSql(source)
    } else {
      const shown =
        name === 'query_group' && !isSet(name) ? 'default' : value(name)
      setting = quoteLiteral(shown)
    }
    return `(${quoteLiteral(name)}, ${setting})`
  })
  return `SELECT s.name::text AS name, s.setting::text AS setting FROM (VALUES ${rows.join(', ')}) AS s(name, setting)`
}
