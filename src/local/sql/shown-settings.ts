import { quoteLiteral } from './quote.js'

/**
 * The text SHOW, SHOW ALL and `current_setting` give for a parameter
 * PostgreSQL keeps, as Redshift shows it where PostgreSQL's own differs:
 *
 * - `search_path` at its default is `$user, public`, unquoted
 *   (cm_chap_ConfigurationRef.html, r_search_path.html), while a value the
 *   session set keeps PostgreSQL's quoting: `"$user", public, enterprise`
 *   after `set search_path to '$user', public, enterprise` (r_search_path.html).
 * - `statement_timeout` is a number of milliseconds with no unit
 *   (r_statement_timeout.html: "x milliseconds"; Redshift's GUCs predate
 *   PostgreSQL's units), where PostgreSQL would show `150ms` or `2s`.
 *
 * @example
 * ```ts
 * shownSettingSql('statement_timeout')
 * // "(SELECT s.setting FROM pg_catalog.pg_settings s WHERE s.name = 'statement_timeout')"
 * ```
 */
export function shownSettingSql(name: string): string {
  switch (name) {
    case 'search_path':
      return `(SELECT CASE WHEN s.source = 'default' THEN pg_catalog.replace(s.setting, '"$user"', '$user') ELSE s.setting END FROM pg_catalog.pg_settings s WHERE s.name = 'search_path')`
    case 'statement_timeout':
      return `(SELECT s.setting FROM pg_catalog.pg_settings s WHERE s.name = 'statement_timeout')`
    default:
      return `pg_catalog.current_setting(${quoteLiteral(name)})`
  }
}

/** Whether `shownSettingSql` shows `name` otherwise than `current_setting` would. */
export function isReshownSetting(name: string): boolean {
  return name === 'search_path' || name === 'statement_timeout'
}

/**
 * `SET timezone TO '-8:00'` with an ISO-8601 offset (`±hh:mm`, positive
 * east of Greenwich, r_timezone_config.html) in the POSIX form PostgreSQL
 * reads the other way round (positive west): `<-8:00>+8:00`, the offset as
 * written kept as the zone's abbreviation. Undefined for any other value,
 * which PostgreSQL reads as Redshift does (names, POSIX specifications, and
 * a bare number of hours east).
 *
 * @example
 * ```ts
 * isoOffsetZone('+7:30') // '<+7:30>-7:30'
 * ```
 */
export function isoOffsetZone(value: string): string | undefined {
  const match = /^([+-])(\d{1,2}):([0-5]\d)$/.exec(value.trim())
  if (match === null || Number(match[2]) > 23) return undefined
  const west = match[1] === '-' ? '+' : '-'
  return `<${value.trim()}>${west}${match[2]}:${match[3]}`
}
