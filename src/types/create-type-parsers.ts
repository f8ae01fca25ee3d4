import pg from 'pg'

import { POSTGRES_TYPES, REDSHIFT_TYPES } from './redshift-types.js'
import type { TypeParserOptions } from './redshift-type-info.js'

/**
 * The shape `pg` expects in `ClientConfig.types`: a lookup from type OID to a
 * function turning the server's text into a JS value.
 */
export interface PgTypes {
  getTypeParser(
    oid: number,
    format?: 'text' | 'binary',
  ): (value: string) => unknown
}

/** The reading of BIGINT and DECIMAL when no option says otherwise. */
export const DEFAULT_TYPE_PARSER_OPTIONS: TypeParserOptions = Object.freeze({
  int8: 'bigint',
  numeric: 'string',
})

/**
 * Builds the type parsers for one client, from the type table. Pass the
 * result as `types` in the pg client config; it never touches the global
 * `pg.types`, so other code in the process keeps pg's defaults.
 *
 * Types not in the table (arrays, PostgreSQL catalog types) fall back to
 * pg's built-in parsers; binary-format results always do.
 *
 * ```ts
 * const client = new pg.Client({
 *   connectionString: url,
 *   types: createTypeParsers({ int8: 'bigint', numeric: 'string' }),
 * })
 * ```
 */
export function createTypeParsers(
  options: Partial<TypeParserOptions> = {},
): PgTypes {
  const resolved: TypeParserOptions = {
    ...DEFAULT_TYPE_PARSER_OPTIONS,
    ...options,
  }
  const parsers = new Map<number, (value: string) => unknown>()
  for (const info of [...POSTGRES_TYPES, ...REDSHIFT_TYPES]) {
    parsers.set(info.oid, (value: string) => info.parse(value, resolved))
  }
  return Object.freeze({
    getTypeParser(oid: number, format: 'text' | 'binary' = 'text') {
      const parser = format === 'text' ? parsers.get(oid) : undefined
      return (
        parser ??
        (pg.types.getTypeParser(oid, format) as (v: string) => unknown)
      )
    },
  })
}
