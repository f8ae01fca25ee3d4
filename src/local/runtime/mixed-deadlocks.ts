import type { WriteLocks } from './write-locks.js'

/**
 * PostgreSQL's wait-for edges: for each of `pids` (backends), the backends
 * blocking it (`pg_blocking_pids`), read on the emulator's own connection
 * to `database`.
 */
export type BlockingPids = (
  database: string,
  pids: readonly number[],
) => Promise<ReadonlyMap<number, readonly number[]>>

/**
 * Whether the write-lock wait of `pid` closes a cycle that also goes
 * through PostgreSQL's own locks: following whom each session waits for,
 * the emulator's write locks for a session waiting there (its statement
 * has not reached PostgreSQL), PostgreSQL's lock waits for any other, the
 * walk comes back to `pid`. Neither side sees such a deadlock alone
 * (PostgreSQL does not know of the held-back statement), so it would
 * otherwise last until statement_timeout or a cancel.
 *
 * @example
 * ```ts
 * if (await closesMixedCycle(locks, blocking, 'dev', pid)) refuse(pid)
 * ```
 */
export async function closesMixedCycle(
  locks: WriteLocks,
  blocking: BlockingPids,
  database: string,
  pid: number,
): Promise<boolean> {
  const first = locks.waitsFor(pid)
  if (first === undefined) return false
  const seen = new Set<number>()
  let frontier = [first]
  while (frontier.length > 0) {
    const next: number[] = []
    const inPostgres: number[] = []
    for (const at of frontier) {
      if (at === pid) return true
      if (seen.has(at)) continue
      seen.add(at)
      const holder = locks.waitsFor(at)
      if (holder !== undefined) next.push(holder)
      else inPostgres.push(at)
    }
    if (inPostgres.length > 0) {
      const found = await blocking(database, inPostgres)
      for (const at of inPostgres) next.push(...(found.get(at) ?? []))
    }
    frontier = next
  }
  return false
}

/**
 * The lookup's SQL: `$1` the backend pids; one row per pid with the pids
 * blocking it.
 *
 * @example
 * ```ts
 * const { rows } = await client.query(BLOCKING_PIDS_SQL, [[4242, 4243]])
 * ```
 */
export const BLOCKING_PIDS_SQL = `select p.pid, pg_catalog.pg_blocking_pids(p.pid) as blockers
from pg_catalog.unnest($1::int4[]) as p(pid)`
