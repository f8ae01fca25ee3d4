import { quoteLiteral } from '../quote.js'

/** Where the catalog procedures read the session's value. */
const SETTING = 'redshift_local.spectrum_enable_pseudo_columns'

/**
 * The statement that mirrors `SET spectrum_enable_pseudo_columns` into the
 * backing PostgreSQL session, where CREATE EXTERNAL TABLE's procedure reads
 * it: with the pseudocolumns `$path` and `$size` on (the default) a table
 * has at most 1,598 columns, with them off 1,600
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_TABLE.html).
 * Undefined for any other parameter.
 *
 * @example
 * ```ts
 * pseudoColumnsSettingSql('spectrum_enable_pseudo_columns', 'off', false)
 * // "SET redshift_local.spectrum_enable_pseudo_columns TO 'off'"
 * ```
 */
export function pseudoColumnsSettingSql(
  name: string,
  value: string | undefined,
  local: boolean,
): string | undefined {
  if (name !== 'spectrum_enable_pseudo_columns') return undefined
  return `SET ${local ? 'LOCAL ' : ''}${SETTING} TO ${value === undefined ? 'DEFAULT' : quoteLiteral(value)}`
}
