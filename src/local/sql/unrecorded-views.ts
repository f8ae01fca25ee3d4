const NO_BLOCKS = 'PostgreSQL has no Redshift storage blocks'

/**
 * Redshift system views whose rows the emulator cannot give honestly, with
 * what it would need to keep: reading one is refused as an emulator limit
 * (SQLSTATE 0A000) rather than answered with an empty, misleading result.
 *
 * - storage blocks (SVV_DISKUSAGE, STV_BLOCKLIST, STV_PARTITIONS,
 *   STV_NODE_STORAGE_CAPACITY, STL_DISK_FULL_DIAG): PostgreSQL stores
 *   pages, not Redshift's 1 MB column blocks on node disks;
 * - STV_QUERY_METRICS: the emulator does not sample a running statement's
 *   rows, CPU and blocks (STL_QUERY_METRICS has them once it finishes);
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
  [
    'stv_query_metrics',
    'the metrics of running statements are not sampled; STL_QUERY_METRICS has them once a statement finishes',
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
