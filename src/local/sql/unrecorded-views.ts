const NO_BLOCKS = 'PostgreSQL has no Redshift storage blocks'

const RUNNING_UNSAMPLED =
  'the metrics of running statements are not sampled; STL_QUERY_METRICS and SVL_QUERY_SUMMARY have them once a statement finishes'

/**
 * Redshift system views whose rows the emulator cannot give honestly, with
 * what it would need to keep: reading one is refused as an emulator limit
 * (SQLSTATE 0A000) rather than answered with an empty, misleading result.
 *
 * - storage blocks (SVV_DISKUSAGE, STV_BLOCKLIST, STV_PARTITIONS,
 *   STV_NODE_STORAGE_CAPACITY, STL_DISK_FULL_DIAG): PostgreSQL stores
 *   pages, not Redshift's 1 MB column blocks on node disks;
 * - STV_QUERY_METRICS, STV_EXEC_STATE and SVV_QUERY_STATE: the emulator
 *   does not sample a running statement's steps, rows, CPU and blocks
 *   (STL_QUERY_METRICS and SVL_QUERY_SUMMARY have them once it finishes);
 * - STV_ACTIVE_CURSORS: PostgreSQL shows a session only its own cursors, so
 *   other sessions' open cursors cannot be listed;
 * - STL_COMMIT_STATS: commits are PostgreSQL's and are not timed;
 * - PG_STATISTIC_INDICATOR: PostgreSQL counts changes since ANALYZE without
 *   telling inserts from deletes;
 * - SYS_SERVERLESS_USAGE: there is no RPU billing to report.
 */
export const UNRECORDED_VIEWS: ReadonlyMap<string, string> = new Map([
  ['svv_diskusage', NO_BLOCKS],
  ['stv_blocklist', NO_BLOCKS],
  ['stv_partitions', NO_BLOCKS],
  ['stv_node_storage_capacity', NO_BLOCKS],
  ['stl_disk_full_diag', NO_BLOCKS],
  ['stv_query_metrics', RUNNING_UNSAMPLED],
  ['stv_exec_state', RUNNING_UNSAMPLED],
  ['svv_query_state', RUNNING_UNSAMPLED],
  [
    'stv_active_cursors',
    'PostgreSQL shows a session only its own cursors, not the open cursors of other sessions',
  ],
  [
    'stl_commit_stats',
    'commits are PostgreSQL commits, which the emulator does not time',
  ],
  [
    'pg_statistic_indicator',
    'PostgreSQL does not count inserts and deletes since ANALYZE apart',
  ],
  [
    'sys_serverless_usage',
    'there is no Redshift Serverless capacity to report',
  ],
])
