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
 * (r_default_array_search_null_handling.html), and the strict modes of
 * navigation and casting, `navigate_super_null_on_error` and
 * `cast_super_null_on_error` off: a nonexistent member or element, and a
 * SUPER value cast to a type it does not convert to, are errors instead of
 * NULL (super-configurations.html, query-super.html#lax-semantics,
 * r_navigate_super_null_on_error.html, r_cast_super_null_on_error.html), and
 * `json_parse_dedup_attributes`, whether JSON_PARSE keeps the last of an
 * object's duplicate attributes or fails (super-configurations.html).
 * `parse_super_null_on_error` on is refused as an emulator limit: its page
 * does not say which parse errors become NULL.
 */
const MIRRORED: ReadonlySet<string> = new Set([
  'enable_case_sensitive_super_attribute',
  'default_array_search_null_handling',
  'navigate_super_null_on_error',
  'cast_super_null_on_error',
  'json_parse_dedup_attributes',
])

/** Values of the SUPER parameters the emulator cannot honour. */
const STRICT: Readonly<Record<string, string>> = {
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
      `${name} = ${value} in the local emulator`,
      'which JSON_PARSE errors it turns into NULL is not documented; leave it off',
    )
  }
  if (!MIRRORED.has(name)) return undefined
  return `SET ${local ? 'LOCAL ' : ''}redshift_local.${name} TO ${value === undefined ? 'DEFAULT' : quoteLiteral(value)}`
}
