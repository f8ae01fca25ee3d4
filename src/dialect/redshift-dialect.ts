import type {
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
} from 'kysely'

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
    return new RedshiftDriver(this.#config, { pool: this.#pool })
  }

  createQueryCompiler(): QueryCompiler {
    return new RedshiftQueryCompiler({
      caseSensitiveIdentifiers: this.#caseSensitiveIdentifiers,
    })
  }

  createAdapter(): DialectAdapter {
    return new RedshiftAdapter(this.#migrationLock)
  }

  // Kysely's Dialect interface passes a Kysely<any>.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new RedshiftIntrospector(db)
  }
}
