import { RedshiftUnsupportedError } from '../errors/index.js'
import { quoteIdentifier } from '../sql/literal.js'

/**
 * The isolation a Redshift database runs, set per database with
 * `CREATE/ALTER DATABASE ... ISOLATION LEVEL`: SERIALIZABLE is the default on
 * provisioned clusters, SNAPSHOT on Serverless. BEGIN cannot change it.
 */
export type DatabaseIsolation = 'serializable' | 'snapshot'

/** What Kysely asks a transaction to be. */
export interface TransactionRequest {
  readonly isolationLevel?: string
  readonly accessMode?: string
}

/**
 * The statement that opens a transaction, after checking what Redshift would
 * do with the request. Redshift's BEGIN accepts any isolation level and runs
 * SERIALIZABLE, so a level it would silently change is refused; BEGIN has no
 * SNAPSHOT option, so SNAPSHOT is accepted only when the database runs it.
 *
 * `database.isolation` is only read for a SNAPSHOT request, so callers that
 * must query it can do so lazily (see {@link needsDatabaseIsolation}).
 *
 * ```ts
 * beginStatement({ isolationLevel: 'serializable' }, { isolation: undefined })
 * // 'start transaction isolation level serializable'
 * ```
 */
export function beginStatement(
  request: TransactionRequest,
  database: { readonly name?: string; readonly isolation?: DatabaseIsolation },
): string {
  const { isolationLevel, accessMode } = request
  let sql: string
  switch (isolationLevel) {
    case undefined:
      sql = accessMode === undefined ? 'begin' : 'start transaction'
      break
    case 'serializable':
      sql = 'start transaction isolation level serializable'
      break
    case 'snapshot':
      if (database.isolation !== 'snapshot') {
        const named =
          database.name === undefined
            ? undefined
            : quoteIdentifier(database.name)
        throw new RedshiftUnsupportedError({
          feature:
            named === undefined
              ? 'a SNAPSHOT transaction in a database that runs SERIALIZABLE isolation'
              : `a SNAPSHOT transaction in database ${named}, which runs SERIALIZABLE isolation`,
          alternative: `'serializable', or switch the database with ALTER DATABASE ${named ?? '<name>'} ISOLATION LEVEL SNAPSHOT`,
        })
      }
      sql = accessMode === undefined ? 'begin' : 'start transaction'
      break
    default:
      throw new RedshiftUnsupportedError({
        feature: `isolation level ${isolationLevel} (Redshift accepts it and silently runs SERIALIZABLE)`,
        alternative:
          "'serializable', or 'snapshot' on a database created or altered with ISOLATION LEVEL SNAPSHOT",
      })
  }
  if (accessMode !== undefined) {
    sql += accessMode === 'read only' ? ' read only' : ' read write'
  }
  return sql
}

/** True when {@link beginStatement} will need the database's isolation. */
export function needsDatabaseIsolation(request: TransactionRequest): boolean {
  return request.isolationLevel === 'snapshot'
}

/**
 * The error for any savepoint operation: Redshift has none, and Kysely's own
 * message would not say what to do instead.
 *
 * ```ts
 * throw savepointsUnsupported()
 * ```
 */
export function savepointsUnsupported(): RedshiftUnsupportedError {
  return new RedshiftUnsupportedError({
    feature: 'savepoints (SAVEPOINT, ROLLBACK TO SAVEPOINT, RELEASE SAVEPOINT)',
    alternative:
      'separate transactions, or a staging table the transaction can discard',
  })
}
