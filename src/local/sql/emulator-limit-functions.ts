/**
 * A family of functions Redshift documents that the local emulator cannot
 * run with Redshift's results, and refuses as its own limit (SQLSTATE 0A000)
 * rather than approximate or report as missing.
 */
export interface EmulatorLimitFamily {
  /** The family as the Developer Guide's SQL functions reference names it. */
  readonly family: string
  /** Why the emulator cannot answer it. */
  readonly reason: string
}

const HLL: EmulatorLimitFamily = {
  family: 'HyperLogLog functions',
  reason:
    "sketches are in Redshift's undocumented HLLSKETCH encoding; use COUNT(DISTINCT ...) locally",
}
const SPATIAL: EmulatorLimitFamily = {
  family: 'Spatial functions',
  reason: 'the emulator has no GEOMETRY or GEOGRAPHY engine',
}
const FORMATTING: EmulatorLimitFamily = {
  family: 'Data type formatting functions',
  reason:
    'Teradata-style format phrases are not built in the emulator; use CAST or TO_NUMBER',
}
const ROLES: EmulatorLimitFamily = {
  family: 'System information functions',
  reason: "Redshift's role membership is not modelled in the emulator",
}
const PRIORITY: EmulatorLimitFamily = {
  family: 'System administration functions',
  reason: 'the emulator has no workload management queues or query priorities',
}
const FARMHASH: EmulatorLimitFamily = {
  family: 'Hash functions',
  reason:
    'FarmHash Fingerprint64 is not built in the emulator; use FNV_HASH or MURMUR3_32_HASH',
}
const SUPER_SIZE: EmulatorLimitFamily = {
  family: 'SUPER type information functions',
  reason:
    "SIZE is a value's binary in-memory size, an undocumented layout; use JSON_SIZE for its serialized size",
}
const ML: EmulatorLimitFamily = {
  family: 'Machine learning functions',
  reason:
    'Amazon Redshift ML is not modelled in the emulator (CREATE MODEL is refused too)',
}
const IAM: EmulatorLimitFamily = {
  family: 'System information functions',
  reason: 'the emulator has no IAM roles or AWS account',
}

/**
 * Refused by name when called unqualified (or as `pg_catalog.name`):
 * the HyperLogLog family (hll_functions.html), the spatial functions that
 * are not `ST_` / `H3_` names ({@link isSpatialName} covers those;
 * geospatial-functions.html), TEXT_TO_INT_ALT and TEXT_TO_NUMERIC_ALT
 * (r_TEXT_TO_INT_ALT.html), the
 * system information functions about IAM roles and role membership
 * (r_System_information_functions.html), the WLM priority functions
 * (r_CHANGE_QUERY_PRIORITY.html and the session and user ones),
 * FARMFINGERPRINT64 (r_FARMFINGERPRINT64.html), SUPER's SIZE
 * (r_SIZE.html) and EXPLAIN_MODEL (r_explain_model_function.html).
 *
 * @example
 * ```ts
 * EMULATOR_LIMIT_FUNCTIONS.get('hll_cardinality')?.family // 'HyperLogLog functions'
 * ```
 */
export const EMULATOR_LIMIT_FUNCTIONS: ReadonlyMap<
  string,
  EmulatorLimitFamily
> = new Map([
  ['hll', HLL],
  ['hll_create_sketch', HLL],
  ['hll_cardinality', HLL],
  ['hll_combine', HLL],
  ['hll_combine_sketches', HLL],
  ['addbbox', SPATIAL],
  ['dropbbox', SPATIAL],
  ['geometrytype', SPATIAL],
  ['supportsbbox', SPATIAL],
  ['text_to_int_alt', FORMATTING],
  ['text_to_numeric_alt', FORMATTING],
  ['pg_get_grantee_by_iam_role', IAM],
  ['pg_get_iam_role_by_user', IAM],
  ['has_assumerole_privilege', IAM],
  ['current_session_arn', IAM],
  ['default_iam_role', IAM],
  ['get_mounted_role', IAM],
  ['pg_get_session_roles', ROLES],
  ['role_is_member_of', ROLES],
  ['user_is_member_of', ROLES],
  ['change_query_priority', PRIORITY],
  ['change_session_priority', PRIORITY],
  ['change_user_priority', PRIORITY],
  ['farmfingerprint64', FARMHASH],
  ['size', SUPER_SIZE],
  ['explain_model', ML],
])

/** Whether `name` (lower case) is a spatial function name: `st_...` or `h3_...`. */
export function isSpatialName(name: string): boolean {
  return name.startsWith('st_') || name.startsWith('h3_')
}

/**
 * The limit family of a called function, or undefined when the emulator
 * runs it.
 *
 * @example
 * ```ts
 * emulatorLimitOf('st_point')?.family // 'Spatial functions'
 * emulatorLimitOf('upper') // undefined
 * ```
 */
export function emulatorLimitOf(name: string): EmulatorLimitFamily | undefined {
  return (
    EMULATOR_LIMIT_FUNCTIONS.get(name) ??
    (isSpatialName(name) ? SPATIAL : undefined)
  )
}
