import type { LockWait } from '../runtime/write-locks.js'

/**
 * The sessions waiting for one of Redshift's table write locks, which the
 * emulator keeps itself (`write-locks.ts`): the waiting statement has not
 * reached PostgreSQL, so pg_locks has no row for it. The emulator writes
 * the picture of a database's waits with its query log, before a statement
 * reads a system view; STV_LOCKS and SVV_TRANSACTIONS show each wait as a
 * lock not granted (`session-views.ts`). UNLOGGED, like the query log.
 */
export const WRITE_LOCK_WAITS_TABLE_SQL = `
create unlogged table if not exists redshift_local.write_lock_waits (
  pid int4 not null,
  relation oid not null,
  mode text not null,
  since timestamptz not null
);
`

/**
 * The statement that replaces the picture with `waits` (the waits of the
 * connection's database).
 *
 * @example
 * ```ts
 * const { text, values } = buildWriteLockWaitsReplace([{ pid: 4242, relation: 100123, mode: 'RowExclusiveLock', since: Date.now() }])
 * await client.query(text, [...values])
 * ```
 */
export function buildWriteLockWaitsReplace(waits: readonly LockWait[]): {
  readonly text: string
  readonly values: readonly unknown[]
} {
  return {
    text: `with gone as (delete from redshift_local.write_lock_waits)
insert into redshift_local.write_lock_waits (pid, relation, mode, since)
select w.pid, w.relation, w.mode, w.since
from rows from (pg_catalog.unnest($1::int4[]), pg_catalog.unnest($2::oid[]),
  pg_catalog.unnest($3::text[]), pg_catalog.unnest($4::timestamptz[])) as w(pid, relation, mode, since)`,
    values: [
      waits.map((w) => w.pid),
      waits.map((w) => w.relation),
      waits.map((w) => w.mode),
      waits.map((w) => new Date(w.since).toISOString()),
    ],
  }
}
