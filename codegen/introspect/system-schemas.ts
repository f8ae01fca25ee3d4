/**
 * Schemas Redshift keeps for itself. Names starting with `pg_` are reserved
 * for system schemas (pg_catalog, pg_internal, pg_automv, pg_auto_copy,
 * pg_s3, and the pg_temp_N schemas that hold temporary tables, which codegen
 * leaves out), so they are matched by prefix.
 */
const SYSTEM_SCHEMAS: ReadonlySet<string> = new Set([
  'information_schema',
  'catalog_history',
  'padb_harvest',
])

/**
 * Whether `schema` holds no user relations (a catalog, an internal schema or
 * a session's temporary schema).
 *
 * @example
 * ```ts
 * isSystemSchema('pg_temp_3') // true
 * isSystemSchema('analytics') // false
 * ```
 */
export function isSystemSchema(schema: string): boolean {
  return schema.startsWith('pg_') || SYSTEM_SCHEMAS.has(schema)
}
