import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely'

import {
  beginStatement,
  savepointsUnsupported,
  type DatabaseIsolation,
} from '../dialect/transaction-statements.js'
import { PoolClosedError } from '../errors/index.js'
import type { MockBackend } from './mock-backend.js'
import { MockRedshiftConnection } from './mock-redshift-connection.js'

export type { DatabaseIsolation }

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
  #destroyed = false

  constructor(backend: MockBackend, isolation: DatabaseIsolation) {
    this.#backend = backend
    this.#isolation = isolation
  }

  async init(): Promise<void> {}

  // As the real driver: a closed client refuses with PoolClosedError, so
  // code that handles it can be tested against the mock.
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#destroyed) {
      throw new PoolClosedError(
        'The Redshift client was closed (close() or destroy()) and runs no more queries',
      )
    }
    return new MockRedshiftConnection(this.#backend)
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const sql = beginStatement(settings, { isolation: this.#isolation })
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

  async destroy(): Promise<void> {
    this.#destroyed = true
  }
}

function asMockConnection(
  connection: DatabaseConnection,
): MockRedshiftConnection {
  if (!(connection instanceof MockRedshiftConnection)) {
    throw new TypeError('the connection does not belong to a mock driver')
  }
  return connection
}
