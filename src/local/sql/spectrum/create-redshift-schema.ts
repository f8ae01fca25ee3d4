import { reject } from '../../errors/reject.js'
import { quoteLiteral } from '../quote.js'
import { type SpectrumCursor, SpectrumSyntaxError } from './spectrum-cursor.js'

/**
 * The rest of `CREATE EXTERNAL SCHEMA [IF NOT EXISTS] name FROM REDSHIFT
 * DATABASE 'db' SCHEMA 'schema'` (the cursor after `REDSHIFT`) as the call
 * that records `name` as another name of that database's schema
 * (cross-database-overview.html: "an alias for a schema in another
 * database"): `name.object` then reads `db.schema.object`. DATABASE and
 * SCHEMA are both required; the database may be written as a name or a
 * literal (the schema of a datashare database as a literal only).
 *
 * @example
 * ```ts
 * createRedshiftSchema(cursor, 'db1_public_sch', false)
 * // "CALL redshift_local.create_schema_alias('db1_public_sch', false, 'db1', 'public')"
 * ```
 */
export function createRedshiftSchema(
  c: SpectrumCursor,
  name: string,
  ifNotExists: boolean,
): string {
  let database: string | undefined
  let schema: string | undefined
  while (!c.done) {
    if (c.word('database')) {
      if (database !== undefined)
        throw invalid('DATABASE is given more than once')
      database = c.literal() ?? c.expectName('database name')
      continue
    }
    if (c.word('schema')) {
      if (schema !== undefined) throw invalid('SCHEMA is given more than once')
      schema = c.expectLiteral('the schema name')
      continue
    }
    throw c.syntaxError('FROM REDSHIFT takes DATABASE and SCHEMA')
  }
  if (database === undefined) throw invalid('DATABASE is required')
  if (schema === undefined)
    throw invalid('SCHEMA is required with FROM REDSHIFT')
  return `CALL redshift_local.create_schema_alias(${quoteLiteral(name)}, ${ifNotExists}, ${quoteLiteral(database)}, ${quoteLiteral(schema)})`
}

function invalid(message: string): SpectrumSyntaxError {
  return new SpectrumSyntaxError(reject.other('22023', message))
}
