import { toJsonParameter, type BoundStatement } from './bound-statement.js'

/** Lifecycle of a logged statement, as stored in `redshift_local.query_log.status`. */
export type QueryLogStatus =
  'queued' | 'running' | 'success' | 'failed' | 'cancelled'

/**
 * One row of `redshift_local.query_log`. `query` is the key; every other field
 * is optional so that a completion can carry only what changed. Times are
 * `Date`s (stored as UTC wall-clock `timestamp`s).
 */
export interface QueryLogEntry {
  /** Redshift query id (int4), unique per emulator. */
  readonly query: number
  /** Backend pid the client sees (the backing PostgreSQL backend pid). */
  readonly pid?: number
  readonly userid?: number
  readonly user_name?: string
  readonly database?: string
  /** `query_group` in effect; unset is stored as null and shown as `default`. */
  readonly label?: string | null
  readonly xid?: number | bigint
  readonly starttime?: Date
  /** Null while the statement runs. */
  readonly endtime?: Date | null
  readonly status?: QueryLogStatus
  /** Rows returned (SELECT) or affected. */
  readonly rows?: number | bigint
  readonly querytxt?: string
  readonly error?: string | null
  readonly service_class?: number
  readonly slot_count?: number
  readonly queue_start?: Date
  readonly exec_start?: Date
  readonly concurrency_scaling_status?: number
  /** SYS_QUERY_HISTORY.query_type (SELECT, INSERT, DDL, ...); derived from the text when absent. */
  readonly query_type?: string
  readonly returned_bytes?: number | bigint
  /** The table a serialization conflict named (STL_TR_CONFLICT.table_id). */
  readonly conflict_table_id?: number | null
}

/** Column names and PostgreSQL types of `redshift_local.query_log`, in table order. */
export const QUERY_LOG_COLUMNS: readonly (readonly [
  name: keyof QueryLogEntry,
  type: string,
])[] = [
  ['query', 'int4'],
  ['pid', 'int4'],
  ['userid', 'int4'],
  ['user_name', 'text'],
  ['database', 'text'],
  ['label', 'text'],
  ['xid', 'bigint'],
  ['starttime', 'timestamp'],
  ['endtime', 'timestamp'],
  ['status', 'text'],
  ['rows', 'bigint'],
  ['querytxt', 'text'],
  ['error', 'text'],
  ['service_class', 'int4'],
  ['slot_count', 'int4'],
  ['queue_start', 'timestamp'],
  ['exec_start', 'timestamp'],
  ['concurrency_scaling_status', 'int4'],
  ['query_type', 'text'],
  ['returned_bytes', 'bigint'],
  ['conflict_table_id', 'bigint'],
]

const NAMES = QUERY_LOG_COLUMNS.map(([name]) => name)
const RECORD_TYPE = QUERY_LOG_COLUMNS.map(
  ([name, type]) => `${name} ${type}`,
).join(', ')
const UPDATES = NAMES.filter((name) => name !== 'query')
  .map((name) => `${name} = coalesce(excluded.${name}, q.${name})`)
  .join(',\n  ')

// A field left out (or null) never overwrites what is stored, so a completion
// entry `{ query, status, endtime, rows }` leaves the start fields alone.
const QUERY_LOG_UPSERT = `insert into redshift_local.query_log as q (${NAMES.join(', ')})
select ${NAMES.join(', ')}
from jsonb_to_recordset($1::jsonb) as x(${RECORD_TYPE})
on conflict (query) do update set
  ${UPDATES}`

// Same upsert, and every other row still marked queued/running is closed as
// cancelled: the batch is the complete picture of what is in flight. The
// update and the upsert touch disjoint rows, so one statement holds both.
const QUERY_LOG_REPLACE_ACTIVE = `with incoming as (
  select * from jsonb_to_recordset($1::jsonb) as x(${RECORD_TYPE})
), closed as (
  update redshift_local.query_log
  set status = 'cancelled',
    endtime = coalesce(endtime, statement_timestamp() at time zone 'UTC')
  where status in ('queued', 'running')
    and query not in (select query from incoming)
)
insert into redshift_local.query_log as q (${NAMES.join(', ')})
select ${NAMES.join(', ')} from incoming
on conflict (query) do update set
  ${UPDATES}`

export interface QueryLogUpsertOptions {
  /**
   * The entries include every statement now queued or running: any other row
   * the log still shows as queued or running (left over from a lost session
   * or an earlier emulator process) is closed as cancelled.
   */
  readonly completeActivePicture?: boolean
}

/**
 * Builds ONE statement that inserts new log rows and completes existing ones
 * (`insert ... on conflict (query) do update`). Entries with the same `query`
 * are merged first (later fields win), because PostgreSQL refuses to update
 * one row twice in a statement. The text is the same for every batch.
 *
 * @example
 * ```ts
 * const start = { query: 101, pid, userid: 100, user_name: 'dev', database: 'dev',
 *   label: null, xid: 7, starttime: new Date(), status: 'running', querytxt: sql } as const
 * const done = { query: 101, status: 'success', endtime: new Date(), rows: 3 } as const
 * const { text, values } = buildQueryLogUpsert([start, done])
 * await client.query(text, values)
 * ```
 */
export function buildQueryLogUpsert(
  entries: readonly QueryLogEntry[],
  options: QueryLogUpsertOptions = {},
): BoundStatement {
  const merged = new Map<number, Record<string, unknown>>()
  for (const entry of entries) {
    const previous = merged.get(entry.query)
    const next: Record<string, unknown> = { ...previous }
    for (const [key, value] of Object.entries(entry)) {
      if (value !== undefined) next[key] = value
    }
    merged.set(entry.query, next)
  }
  return {
    text: options.completeActivePicture
      ? QUERY_LOG_REPLACE_ACTIVE
      : QUERY_LOG_UPSERT,
    values: [toJsonParameter([...merged.values()])],
  }
}

/**
 * The highest query id in the log (0 when empty), so that a restarted
 * emulator numbers on from it.
 *
 * @example
 * ```ts
 * const { rows } = await client.query(LAST_LOGGED_QUERY_ID_SQL)
 * let next = rows[0].query + 1
 * ```
 */
export const LAST_LOGGED_QUERY_ID_SQL =
  'select coalesce(max(query), 0)::int4 as query from redshift_local.query_log'

/**
 * Allocates the next query id from `redshift_local.query_id_seq` (ids start at
 * 100000 and fit int4 as `STL_QUERY.query` requires). A runtime that numbers
 * queries itself may ignore it.
 *
 * @example
 * ```ts
 * const { rows } = await client.query(NEXT_QUERY_ID_SQL)
 * const query: number = rows[0].query
 * ```
 */
export const NEXT_QUERY_ID_SQL =
  "select nextval('redshift_local.query_id_seq')::int4 as query"
