import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { quoteLiteral } from './quote.js'

/**
 * SUPER session parameters the SUPER functions read when a query runs, so
 * the backing PostgreSQL keeps them too (as `redshift_local.<name>`, where a
 * ROLLBACK undoes them with the emulator's own copy):
 * `enable_case_sensitive_super_attribute`, how an unquoted attribute is
 * matched (r_enable_case_sensitive_super_attribute.html), and
 * `default_array_search_null_handling`, how ARRAY_CONTAINS and
 * ARRAY_POSITION(S) treat NULLs without their null_match argument
 * (r_default_array_search_null_handling.html). The strict modes (an error
 * instead of NULL) of navigation, casting and parsing are not emulated: the
 * errors Redshift raises there are not documented, so setting them is
 * refused as an emulator limit rather than silently staying lax.
 */
const MIRRORED: ReadonlySet<string> = new Set([
  'enable_case_sensitive_super_attribute',
  'default_array_search_null_handling',
])

/** Values of the strict-mode parameters the emulator cannot honour. */
const STRICT: Readonly<Record<string, string>> = {
  navigate_super_null_on_error: 'off',
  cast_super_null_on_error: 'off',
  parse_super_null_on_error: 'on',
}

/**
 * The PostgreSQL statement a SET of a SUPER parameter runs (instead of the
 * no-op), an emulator-limit error, or undefined for other parameters.
 *
 * @example
 * ```ts
 * superSettingSql('enable_case_sensitive_super_attribute', 'on', false)
 * // "SET redshift_local.enable_case_sensitive_super_attribute TO 'on'"
 * ```
 */
export function superSettingSql(
  name: string,
  value: string | undefined,
  local: boolean,
): string | ErrorFields | undefined {
  if (STRICT[name] !== undefined && value === STRICT[name]) {
    return reject.unsupported(
      `${name} = ${value} (SUPER strict mode) in the local emulator`,
      'the emulator navigates, casts and parses SUPER in lax mode only',
    )
  }
  if (!MIRRORED.has(name)) return undefined
  return `SET ${local ? 'LOCAL ' : ''}redshift_local.${name} TO ${value === undefined ? 'DEFAULT' : quoteLiteral(value)}`
}
