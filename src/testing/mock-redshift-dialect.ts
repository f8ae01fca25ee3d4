import type {
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
} from 'kysely'

import { RedshiftAdapter } from '../dialect/redshift-adapter.js'
import { RedshiftIntrospector } from '../dialect/redshift-introspector.js'
import { RedshiftQueryCompiler } from '../dialect/redshift-query-compiler.js'
import type { MockBackend } from './mock-backend.js'
import {
  MockRedshiftDriver,
  type DatabaseIsolation,
} from './mock-redshift-driver.js'

/**
 * The dialect behind {@link createMockRedshift}: the SDK's own Redshift
 * query compiler, adapter and introspector in front of a driver with no
 * server, so a query the real client refuses (`.returning()`, ON CONFLICT,
 * ...) is refused here too, with the same error.
 *
 * @example
 * ```ts
 * const mock = createMockRedshift<DB>()
 * const db = new Kysely<DB>({ dialect: mock.dialect, plugins: [new CamelCasePlugin()] })
 * ```
 */
export class MockRedshiftDialect implements Dialect {
  readonly #backend: MockBackend
  readonly #isolation: DatabaseIsolation
  // The driver of the Kysely instance built last, for destroyDriver().
  #lastDriver: MockRedshiftDriver | undefined

  constructor(backend: MockBackend, isolation: DatabaseIsolation) {
    this.#backend = backend
    this.#isolation = isolation
  }

  createAdapter(): DialectAdapter {
    return new RedshiftAdapter()
  }

  createDriver(): Driver {
    this.#lastDriver = new MockRedshiftDriver(this.#backend, this.#isolation)
    return this.#lastDriver
  }

  /**
   * Destroys the driver directly, as the real client's `close()` does, so
   * that later queries reach the driver's PoolClosedError instead of
   * Kysely's plain "driver has already been destroyed".
   * @internal `close()` of the mock's `db`.
   */
  async destroyDriver(): Promise<void> {
    await this.#lastDriver?.destroy()
  }

  createQueryCompiler(): QueryCompiler {
    return new RedshiftQueryCompiler()
  }

  // `Kysely<any>` is the signature of Kysely's own `Dialect` interface.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new RedshiftIntrospector(db)
  }
}
