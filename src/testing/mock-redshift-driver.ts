import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely'

import type { MockBackend } from './mock-backend.js'
import { MockRedshiftConnection } from './mock-redshift-connection.js'

/**
 * A Kysely driver with no server behind it: every connection answers from
 * the mock's rules and writes to its query log.
 *
 * Savepoint methods are left out on purpose: Redshift has no savepoints, so
 * Kysely's `trx.savepoint()` fails here as it does against a cluster.
 *
 * @example
 * ```ts
 * const driver = new MockRedshiftDriver(backend)
 * const connection = await driver.acquireConnection()
 * ```
 */
export class MockRedshiftDriver implements Driver {
  readonly #backend: MockBackend

  constructor(backend: MockBackend) {
    this.#backend = backend
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new MockRedshiftConnection(this.#backend)
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    await asMockConnection(connection).begin(beginStatement(settings))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await asMockConnection(connection).commit()
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await asMockConnection(connection).rollback()
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

function beginStatement(settings: TransactionSettings): string {
  const { isolationLevel, accessMode } = settings
  if (!isolationLevel && !accessMode) {
    return 'begin'
  }
  return [
    'start transaction',
    isolationLevel && `isolation level ${isolationLevel}`,
    accessMode,
  ]
    .filter(Boolean)
    .join(' ')
}
