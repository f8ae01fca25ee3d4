const NO_BLOCKS = 'PostgreSQL has no Redshift storage blocks'

const NO_COMPILE = 'PostgreSQL compiles no query segments to record'

const NO_EQUIVALENT =
  'the emulator has no equivalent of the feature this view reports on'

/** The limit of a log whose events happen in the emulator but are not kept. */
function notRecorded(events: string): string {
  return `the emulator does not record ${events}`
}

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
 * - SYS_SERVERLESS_USAGE: there is no RPU billing to report;
 * - SVL_VACUUM_PERCENTAGE (storage blocks again), STV_TBL_TRANS (transient
 *   tables in node memory) and STV_CURSOR_CONFIGURATION (a node type's
 *   cursor limits);
 * - STV_LOAD_STATE: a running COPY's progress is not sampled;
 * - SVL_COMPILE and SVCS_COMPILE: PostgreSQL compiles no query segments;
 * - logs of events the emulator has but does not record: STL_UNDONE
 *   (undone transactions), STL_WLM_ERROR, STL_REPLACEMENTS (COPY
 *   ACCEPTINVCHARS), STL_ANALYZE_COMPRESSION, SVL_TERMINATE (cancels and
 *   terminations), SVL_MULTI_STATEMENT_VIOLATIONS (statements refused in a
 *   transaction block), SVL_DATASHARE_CHANGE_LOG and
 *   SYS_DATASHARE_CHANGE_LOG, SYS_LOAD_DETAIL, SYS_COPY_REPLACEMENTS (as
 *   STL_REPLACEMENTS) and SYS_ANALYZE_COMPRESSION_HISTORY (as
 *   STL_ANALYZE_COMPRESSION);
 * - SYS_VACUUM_HISTORY: VACUUM runs are in STL_VACUUM, SVV_VACUUM_SUMMARY
 *   and SVV_VACUUM_PROGRESS, but this view's columns past
 *   `sortedrows_before_vacuum` were not in the documentation the emulator
 *   was checked against;
 * - views of features the emulator has no equivalent of and whose pages it
 *   was not checked against: STL_USAGE_CONTROL (usage limits),
 *   STV_STARTUP_RECOVERY_STATE, SYS_RESTORE_STATE and SYS_RESTORE_LOG
 *   (classic resize), SYS_AUTO_TABLE_OPTIMIZATION (automatic table
 *   optimization), SYS_INTEGRATION_ACTIVITY, SYS_INTEGRATION_TABLE_STATE and
 *   SYS_INTEGRATION_TABLE_ACTIVITY (zero-ETL integrations) and
 *   SYS_DATASHARE_CROSS_REGION_USAGE (cross-Region data sharing).
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
  [
    'stv_tbl_trans',
    'PostgreSQL keeps no transient Redshift tables in node memory',
  ],
  [
    'stv_cursor_configuration',
    'cursors are PostgreSQL cursors, with none of the node-type limits of a leader node',
  ],
  ['svl_vacuum_percentage', NO_BLOCKS],
  [
    'stv_load_state',
    'the progress of a running COPY is not sampled; STL_LOAD_COMMITS has its files once it finishes',
  ],
  ['svl_compile', NO_COMPILE],
  ['svcs_compile', NO_COMPILE],
  ['stl_undone', notRecorded('undone transactions')],
  ['stl_wlm_error', notRecorded('WLM errors')],
  [
    'stl_replacements',
    notRecorded('the characters COPY ACCEPTINVCHARS replaces'),
  ],
  ['stl_analyze_compression', notRecorded('ANALYZE COMPRESSION runs')],
  ['svl_terminate', notRecorded('cancelled and terminated processes')],
  [
    'svl_multi_statement_violations',
    notRecorded('the statements it refuses inside a transaction block'),
  ],
  ['svl_datashare_change_log', notRecorded('datashare changes')],
  ['sys_datashare_change_log', notRecorded('datashare changes')],
  [
    'sys_load_detail',
    notRecorded(
      'the per-file load steps; STL_LOAD_COMMITS and STL_FILE_SCAN have the files',
    ),
  ],
  [
    'sys_copy_replacements',
    notRecorded('the characters COPY ACCEPTINVCHARS replaces'),
  ],
  ['sys_analyze_compression_history', notRecorded('ANALYZE COMPRESSION runs')],
  [
    'sys_vacuum_history',
    'VACUUM runs are recorded in STL_VACUUM, SVV_VACUUM_SUMMARY and SVV_VACUUM_PROGRESS, not in this view',
  ],
  ['stl_usage_control', NO_EQUIVALENT],
  ['stv_startup_recovery_state', NO_EQUIVALENT],
  ['sys_restore_state', NO_EQUIVALENT],
  ['sys_restore_log', NO_EQUIVALENT],
  ['sys_auto_table_optimization', NO_EQUIVALENT],
  ['sys_integration_activity', NO_EQUIVALENT],
  ['sys_integration_table_state', NO_EQUIVALENT],
  ['sys_integration_table_activity', NO_EQUIVALENT],
  ['sys_datashare_cross_region_usage', NO_EQUIVALENT],
])
