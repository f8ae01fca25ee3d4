import { quoteLiteral } from '../quote.js'

/**
 * The Redshift parameters that reading external tables depends on, mirrored
 * into the backing PostgreSQL session as `redshift_local.<name>`, where the
 * catalog procedures and the reads look them up:
 * `spectrum_enable_pseudo_columns` (with `$path` and `$size` on, the
 * default, a table has at most 1,598 columns, with them off 1,600,
 * r_CREATE_EXTERNAL_TABLE.html) and `json_serialization_enable` (nested
 * columns read as JSON text, serializing-complex-JSON.html).
 */
const MIRRORED: ReadonlySet<string> = new Set([
  'spectrum_enable_pseudo_columns',
  'json_serialization_enable',
])

/**
 * The statement that mirrors `SET` of one of the parameters Spectrum reads
 * into the backing PostgreSQL session; undefined for any other parameter.
 *
 * @example
 * ```ts
 * spectrumSettingSql('spectrum_enable_pseudo_columns', 'off', false)
 * // "SET redshift_local.spectrum_enable_pseudo_columns TO 'off'"
 * ```
 */
export function spectrumSettingSql(
  name: string,
  value: string | undefined,
  local: boolean,
): string | undefined {
  if (!MIRRORED.has(name)) return undefined
  return `SET ${local ? 'LOCAL ' : ''}redshift_local.${name} TO ${value === undefined ? 'DEFAULT' : quoteLiteral(value)}`
}
