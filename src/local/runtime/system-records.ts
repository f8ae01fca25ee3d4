import type { BoundStatement } from '../catalog/bound-statement.js'

/**
 * Where COPY and UNLOAD leave their records (STL_LOAD_ERRORS,
 * STL_LOAD_COMMITS, SYS_LOAD_HISTORY, STL_UNLOAD_LOG, SYS_UNLOAD_HISTORY):
 * the emulator's own connection to the database, never the client's, so a
 * record outlives a failed or rolled-back transaction, as Redshift's system
 * tables do.
 *
 * @example
 * ```ts
 * const records: SystemRecords = {
 *   write: async (database, statements) => {
 *     const client = await admins.get(database)
 *     for (const s of statements) await client.query(s.text, [...s.values])
 *   },
 * }
 * ```
 */
export interface SystemRecords {
  /** Runs `statements` in order on the emulator's connection to `database`. */
  write(database: string, statements: readonly BoundStatement[]): Promise<void>
}
