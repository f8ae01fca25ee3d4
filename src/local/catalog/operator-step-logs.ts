/** A column of a step log: its name and its type as the page gives it. */
type Column = readonly [name: string, type: string]

/** The columns every step log begins with, in the pages' order. */
const STEP_HEAD: readonly Column[] = [
  ['userid', 'integer'],
  ['query', 'integer'],
  ['slice', 'integer'],
  ['segment', 'integer'],
  ['step', 'integer'],
  ['starttime', 'timestamp'],
  ['endtime', 'timestamp'],
  ['tasknum', 'integer'],
  ['rows', 'bigint'],
]

/**
 * Each operator's step log and its columns after {@link STEP_HEAD}, as its
 * page r_STL_<NAME>.html lists them (internal-use columns included).
 */
const OPERATOR_COLUMNS = {
  stl_aggr: [
    ['bytes', 'bigint'],
    ['slots', 'integer'],
    ['occupied', 'integer'],
    ['maxlength', 'integer'],
    ['tbl', 'integer'],
    ['is_diskbased', 'character(1)'],
    ['workmem', 'bigint'],
    ['type', 'character(6)'],
    ['resizes', 'integer'],
    ['flushable', 'integer'],
  ],
  stl_bcast: [
    ['bytes', 'bigint'],
    ['packets', 'integer'],
  ],
  stl_dist: [
    ['bytes', 'bigint'],
    ['packets', 'integer'],
  ],
  stl_hash: [
    ['bytes', 'bigint'],
    ['slots', 'integer'],
    ['occupied', 'integer'],
    ['maxlength', 'integer'],
    ['tbl', 'integer'],
    ['is_diskbased', 'character(1)'],
    ['workmem', 'bigint'],
    ['num_parts', 'integer'],
    ['est_rows', 'bigint'],
    ['num_blocks_permitted', 'integer'],
    ['resizes', 'integer'],
    ['checksum', 'bigint'],
    ['runtime_filter_size', 'integer'],
    ['max_runtime_filter_size', 'integer'],
  ],
  stl_hashjoin: [
    ['tbl', 'integer'],
    ['num_parts', 'integer'],
    ['join_type', 'integer'],
    ['hash_looped', 'character(1)'],
    ['switched_parts', 'character(1)'],
    ['used_prefetching', 'character(1)'],
    ['hash_segment', 'integer'],
    ['hash_step', 'integer'],
    ['checksum', 'bigint'],
    ['distribution', 'integer'],
  ],
  stl_limit: [['checksum', 'bigint']],
  stl_merge: [],
  stl_mergejoin: [
    ['tbl', 'integer'],
    ['checksum', 'bigint'],
  ],
  stl_nestloop: [
    ['tbl', 'integer'],
    ['checksum', 'bigint'],
  ],
  stl_parse: [],
  stl_project: [['checksum', 'bigint']],
  stl_save: [
    ['bytes', 'bigint'],
    ['tbl', 'integer'],
    ['is_diskbased', 'character(1)'],
    ['workmem', 'bigint'],
  ],
  stl_sort: [
    ['bytes', 'bigint'],
    ['tbl', 'integer'],
    ['is_diskbased', 'character(1)'],
    ['workmem', 'bigint'],
    ['checksum', 'bigint'],
  ],
  stl_unique: [
    ['type', 'character(6)'],
    ['is_diskbased', 'character(1)'],
    ['slots', 'integer'],
    ['workmem', 'bigint'],
    ['max_buffers_used', 'bigint'],
    ['resizes', 'integer'],
    ['occupied', 'integer'],
    ['flushable', 'integer'],
    ['used_unique_prefetching', 'character(1)'],
    ['bytes', 'bigint'],
  ],
  stl_window: [
    ['is_diskbased', 'character(1)'],
    ['workmem', 'bigint'],
  ],
} as const satisfies Readonly<Record<string, readonly Column[]>>

/** The operator step logs {@link OPERATOR_STEP_LOGS_SQL} creates in pg_catalog. */
export const OPERATOR_STEP_LOGS = Object.keys(
  OPERATOR_COLUMNS,
) as readonly (keyof typeof OPERATOR_COLUMNS)[]

/**
 * The per-operator step logs, with the columns and types of Redshift's
 * documentation and no rows: STL_AGGR, STL_BCAST, STL_DIST, STL_HASH,
 * STL_HASHJOIN, STL_LIMIT, STL_MERGE, STL_MERGEJOIN, STL_NESTLOOP,
 * STL_PARSE, STL_PROJECT, STL_SAVE, STL_SORT, STL_UNIQUE and STL_WINDOW
 * (r_STL_AGGR.html ... r_STL_WINDOW.html).
 *
 * Why no rows: the emulator runs a statement as one segment and records only
 * what it knows ran, the scan, return, insert and delete steps of
 * SVL_QUERY_SUMMARY (`step-views.ts`). Which aggregate, hash, join, sort,
 * window, unique, limit, project, save or parse steps Redshift's plan would
 * have had is not known at run time, and guessing them from the statement's
 * text would show steps that never ran. Broadcast and distribution steps
 * move rows between slices, and there is one slice 0. The views exist so
 * that queries that read or join them run.
 *
 * @example
 * ```sql
 * select query, slice, tbl, num_parts from stl_hashjoin where query = pg_last_query_id();
 * ```
 */
export const OPERATOR_STEP_LOGS_SQL = Object.entries(OPERATOR_COLUMNS)
  .map(([view, own]) => {
    const columns = [...STEP_HEAD, ...own]
      .map(([name, type]) => `null::${type} as ${name}`)
      .join(', ')
    return `create view pg_catalog.${view} as select ${columns} where false;`
  })
  .join('\n')
