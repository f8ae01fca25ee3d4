/**
 * Redshift system views whose rows the emulator cannot give honestly, with
 * what it would need to keep: reading one is refused as an emulator limit
 * (SQLSTATE 0A000) rather than answered with an empty, misleading result.
 *
 * - storage blocks (SVV_DISKUSAGE, STV_BLOCKLIST): PostgreSQL stores
 *   pages, not Redshift's 1 MB column blocks;
 * - PG_STATISTIC_INDICATOR: PostgreSQL counts changes since ANALYZE without
 *   telling inserts from deletes;
 * - SYS_SERVERLESS_USAGE: there is no RPU billing to report.
 */
export const UNRECORDED_VIEWS: ReadonlyMap<string, string> = new Map([
  ['svv_diskusage', 'PostgreSQL has no Redshift storage blocks'],
  ['stv_blocklist', 'PostgreSQL has no Redshift storage blocks'],
  [
    'pg_statistic_indicator',
    'PostgreSQL does not count inserts and deletes since ANALYZE apart',
  ],
  [
    'sys_serverless_usage',
    'there is no Redshift Serverless capacity to report',
  ],
])
