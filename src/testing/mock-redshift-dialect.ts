import {
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
} from 'kysely'

import type { MockBackend } from './mock-backend.js'
import { MockRedshiftDriver } from './mock-redshift-driver.js'

/**
 * The dialect behind {@link createMockRedshift}: the SDK's Redshift query
 * compiler and adapter in front of a driver with no server, so a query the
 * real client refuses is refused here too.
 *
 * @example
 * ```ts
 * const mock = createMockRedshift<DB>()
 * const db = new Kysely<DB>({ dialect: mock.dialect, plugins: [new CamelCasePlugin()] })
 * ```
 */
export class MockRedshiftDialect implements Dialect {
  readonly #backend: MockBackend

  constructor(backend: MockBackend) {
    this.#backend = backend
  }

  createAdapter(): DialectAdapter {
    return new NoReturningAdapter()
  }

  createDriver(): Driver {
    return new MockRedshiftDriver(this.#backend)
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler()
  }

  // `Kysely<any>` is the signature of Kysely's own `Dialect` interface.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db)
  }
}

class NoReturningAdapter extends PostgresAdapter {
  override get supportsReturning(): boolean {
    return false
  }
}
