import type { CompiledQuery, Kysely } from 'kysely'

import { ExternalDdlInTransactionError } from '../../errors/external-ddl-in-transaction-error.js'

/**
 * The statements Redshift refuses inside a transaction block with 25001
 * (`r_CREATE_EXTERNAL_TABLE.html`, `r_ALTER_TABLE.html`: "You can't run
 * ALTER TABLE on an external table within a transaction block";
 * `r_DROP_TABLE.html` says the same of DROP TABLE on an external table).
 * CREATE EXTERNAL SCHEMA and DROP SCHEMA carry no such note and are sent as
 * they are.
 */
export type NotInTransactionStatement =
  'CREATE EXTERNAL TABLE' | 'ALTER TABLE' | 'DROP TABLE'

/**
 * Runs a compiled Spectrum statement through `db`, so its plugins, pool,
 * retries and telemetry apply as to any query. A statement Redshift refuses
 * in a transaction block is refused here, before it is sent, when `db` is a
 * transaction: sent, it would abort the transaction with 25001.
 *
 * ```ts
 * await runSpectrumDdl(db, compiled, 'CREATE EXTERNAL TABLE')
 * ```
 */
export async function runSpectrumDdl(
  db: Kysely<any>,
  compiled: CompiledQuery,
  notInTransaction?: NotInTransactionStatement,
): Promise<void> {
  if (notInTransaction !== undefined && db.isTransaction) {
    throw new ExternalDdlInTransactionError(notInTransaction, compiled.sql)
  }
  await db.executeQuery(compiled)
}
