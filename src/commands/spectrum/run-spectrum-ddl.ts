import type { CompiledQuery, Kysely } from 'kysely'

import { ExternalDdlInTransactionError } from '../../errors/external-ddl-in-transaction-error.js'

/**
 * The statements Redshift refuses inside a transaction block with 25001
 * (`r_CREATE_EXTERNAL_TABLE.html`; `r_ALTER_TABLE.html`: "You can't run
 * ALTER TABLE on an external table within a transaction block"). DROP TABLE
 * of an external table is refused too: `r_DROP_TABLE.html` carries the same
 * note as we read it, though this project's reference notes do not quote
 * it, and refusing is the safe side (the DROP can be run again outside the
 * transaction; a transaction aborted by it cannot be taken back).
 * CREATE EXTERNAL SCHEMA and DROP SCHEMA carry no such note and are sent as
 * they are.
 *
 * ```ts
 * const statement: NotInTransactionStatement = 'CREATE EXTERNAL TABLE'
 * ```
 */
export type NotInTransactionStatement =
  'CREATE EXTERNAL TABLE' | 'ALTER TABLE' | 'DROP TABLE'

/**
 * Runs a compiled Spectrum statement through `db`, so its plugins, pool and
 * telemetry apply as to any query. A statement Redshift refuses
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
