import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { quoteLiteral } from './quote.js'

/**
 * SUPER session parameters. `enable_case_sensitive_super_attribute` decides,
 * when a query runs, how an unquoted attribute is matched
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_enable_case_sensitive_super_attribute.html),
 * so the backing PostgreSQL keeps it too, where the navigation functions read
 * it and where a ROLLBACK undoes it with the emulator's own copy. The strict
 * modes (an error instead of NULL) of navigation and parsing are not emulated: setting them is refused
 * as an emulator limit rather than silently staying lax.
 */
const MIRRORED = 'enable_case_sensitive_super_attribute'

/** Values of the strict-mode parameters the emulator cannot honour. */
const STRICT: Readonly<Record<string, string>> = {
  navigate_super_null_on_error: 'off',
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
  if (name !== MIRRORED) return undefined
  return `SET ${local ? 'LOCAL ' : ''}redshift_local.${MIRRORED} TO ${value === undefined ? 'DEFAULT' : quoteLiteral(value)}`
}
