import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely'

import { RedshiftUnsupportedError } from '../errors/index.js'
import type { MockBackend } from './mock-backend.js'
import { MockRedshiftConnection } from './mock-redshift-connection.js'

/**
 * The isolation a Redshift database runs (set per database with
 * `CREATE/ALTER DATABASE ... ISOLATION LEVEL`): SERIALIZABLE is the default
 * on provisioned clusters, SNAPSHOT on Serverless.
 */
export type DatabaseIsolation = 'serializable' | 'snapshot'

/**
 * A Kysely driver with no server behind it: every connection answers from
 * the mock's rules and writes to its query log. Transactions follow the
 * real driver: the same BEGIN statements, the same refusals of isolation
 * levels Redshift would silently change, and no savepoints.
 *
 * @example
 * ```ts
 * const driver = new MockRedshiftDriver(backend, 'serializable')
 * const connection = await driver.acquireConnection()
 * ```
 */
export class MockRedshiftDriver implements Driver {
  readonly #backend: MockBackend
  readonly #isolation: DatabaseIsolation

  constructor(backend: MockBackend, isolation: DatabaseIsolation) {
    this.#backend = backend
    this.#isolation = isolation
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new MockRedshiftConnection(this.#backend)
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const sql = beginStatement(settings, this.#isolation)
    await asMockConnection(connection).begin(sql)
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await asMockConnection(connection).commit()
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await asMockConnection(connection).rollback()
  }

  // Defined so that the refusal names the alternative, as the real
  // driver's does, rather than Kysely's generic "not supported".
  async savepoint(): Promise<void> {
    throw savepointsUnsupported()
  }

  async rollbackToSavepoint(): Promise<void> {
    throw savepointsUnsupported()
  }

  async releaseSavepoint(): Promise<void> {
    throw savepointsUnsupported()
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}
}

function asMockConnection(
  connection: DatabaseConnection,
): MockRedshiftConnection {
  if (!(connection instanceof MockRedshiftConnection)) {
    throw new TypeError('the connection does not belong to a mock driver')
  }
  return connection
}

/**
 * The statement the real driver sends to open a transaction. Redshift
 * accepts any isolation level in BEGIN and runs SERIALIZABLE, so levels it
 * would silently change are refused; SNAPSHOT is a property of the database,
 * so it is accepted only when the database runs it.
 */
function beginStatement(
  settings: TransactionSettings,
  isolation: DatabaseIsolation,
): string {
  const { isolationLevel, accessMode } = settings
  let sql: string
  switch (isolationLevel) {
    case undefined:
      sql = accessMode === undefined ? 'begin' : 'start transaction'
      break
    case 'serializable':
      sql = 'start transaction isolation level serializable'
      break
    case 'snapshot':
      if (isolation !== 'snapshot') {
        throw new RedshiftUnsupportedError({
          feature:
            'a SNAPSHOT transaction in a database that runs SERIALIZABLE isolation',
          alternative:
            "'serializable', or a database altered with ISOLATION LEVEL SNAPSHOT (createMockRedshift({ databaseIsolation: 'snapshot' }))",
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
  return accessMode === undefined ? sql : `${sql} ${accessMode}`
}

function savepointsUnsupported(): RedshiftUnsupportedError {
  return new RedshiftUnsupportedError({
    feature: 'savepoints (SAVEPOINT, ROLLBACK TO SAVEPOINT, RELEASE SAVEPOINT)',
    alternative:
      'separate transactions, or a staging table the transaction can discard',
  })
}
