import type {
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
} from 'kysely'

// For the {@link} in the class documentation.
import type { PoolClosedError } from '../errors/index.js'

import { parseRedshiftConfig, type RedshiftConfig } from '../config/index.js'
import type { RedshiftPool } from '../pool/index.js'
import {
  RedshiftAdapter,
  type MigrationLockSettings,
} from './redshift-adapter.js'
import {
  isRedshiftDialectConfig,
  type RedshiftDialectInput,
} from './redshift-dialect-config.js'
import { RedshiftDriver } from './redshift-driver.js'
import { RedshiftIntrospector } from './redshift-introspector.js'
import { RedshiftQueryCompiler } from './redshift-query-compiler.js'

/**
 * Kysely's dialect for Amazon Redshift: our pooled driver, a compiler that
 * refuses what Redshift cannot run, an adapter with a Migrator lock that
 * needs no advisory locks, and a catalog introspector.
 *
 * The configuration is parsed (and every problem reported at once) when the
 * dialect is built, not on the first query.
 *
 * ```ts
 * import { Kysely } from 'kysely'
 * import { RedshiftDialect } from 'kysely-redshift'
 *
 * const db = new Kysely<DB>({
 *   dialect: new RedshiftDialect(process.env.REDSHIFT_URL!),
 * })
 * const rows = await db.selectFrom('sales').select(['id', 'qty']).execute()
 * ```
 */
export class RedshiftDialect implements Dialect {
  readonly #config: RedshiftConfig
  readonly #pool: RedshiftPool | undefined
  readonly #migrationLock: MigrationLockSettings | undefined
  readonly #caseSensitiveIdentifiers: boolean
  // The driver of the Kysely instance being built: Kysely's constructor asks
  // for the driver, then the compiler, in one synchronous run.
  #lastDriver: RedshiftDriver | undefined

  /**
   * @param input connection settings, a URL, or
   *   `{ config, pool?, migrationLock?, caseSensitiveIdentifiers? }`.
   */
  constructor(input: RedshiftDialectInput) {
    if (isRedshiftDialectConfig(input)) {
      this.#config = parseRedshiftConfig(input.config)
      this.#pool = input.pool
      this.#migrationLock = input.migrationLock
      this.#caseSensitiveIdentifiers = input.caseSensitiveIdentifiers ?? false
    } else {
      this.#config = parseRedshiftConfig(input)
      this.#caseSensitiveIdentifiers = false
    }
  }

  /** The parsed, fully defaulted configuration (frozen). */
  get config(): RedshiftConfig {
    return this.#config
  }

  createDriver(): Driver {
    const driver = new RedshiftDriver(this.#config, { pool: this.#pool })
    this.#lastDriver = driver
    return driver
  }

  /**
   * The compiler of the Kysely instance being built. Once that instance is
   * destroyed it refuses to compile with {@link PoolClosedError}: Kysely
   * itself answers a query on a destroyed instance with a plain `Error:
   * driver has already been destroyed` before the driver is asked, and the
   * compiler is the one part of the dialect a built query still reaches.
   * (A transaction, `connection()` or an already compiled query reach none;
   * `close()` of a `createRedshift` client covers those too.)
   */
  createQueryCompiler(): QueryCompiler {
    const compiler = new RedshiftQueryCompiler({
      caseSensitiveIdentifiers: this.#caseSensitiveIdentifiers,
    })
    const driver = this.#lastDriver
    return driver === undefined
      ? compiler
      : refusingOnceDestroyed(compiler, driver)
  }

  /**
   * Destroys the driver of the Kysely instance built last from this dialect
   * directly, not through Kysely's `destroy()`: Kysely then keeps asking the
   * driver, so every later query, transaction or `connection()` gets the
   * driver's PoolClosedError, and a client closed before its first query
   * never opens a pool.
   * @internal `close()` of the clients `createRedshift` builds.
   */
  async destroyDriver(): Promise<void> {
    await this.#lastDriver?.destroy()
  }

  createAdapter(): DialectAdapter {
    return new RedshiftAdapter(this.#migrationLock)
  }

  // Kysely's Dialect interface passes a Kysely<any>.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new RedshiftIntrospector(db)
  }
}

function refusingOnceDestroyed(
  compiler: QueryCompiler,
  driver: RedshiftDriver,
): QueryCompiler {
  return {
    compileQuery: (node, queryId) => {
      driver.assertOpen()
      return compiler.compileQuery(node, queryId)
    },
  }
}
