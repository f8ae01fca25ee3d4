const MV_STATE_UNRECORDED =
  'materialized-view state transitions (base-table TRUNCATE or ALTER) are not recorded'

/**
 * Redshift system views whose rows the emulator cannot give honestly, with
 * what it would need to keep: reading one is refused as an emulator limit
 * (SQLSTATE 0A000) rather than answered with an empty, misleading result.
 *
 * - session and connection history (STL_SESSIONS, SYS_SESSION_HISTORY,
 *   STL_CONNECTION_LOG, SYS_CONNECTION_LOG): the emulator logs statements,
 *   not logins and logouts; STV_SESSIONS shows the live sessions;
 * - transaction history and conflicts (SYS_TRANSACTION_HISTORY,
 *   STL_TR_CONFLICT): commits and serialization conflicts are not logged
 *   (the conflict's statement is in STL_QUERY / SYS_QUERY_HISTORY, aborted);
 * - storage blocks (SVV_DISKUSAGE, STV_BLOCKLIST): PostgreSQL stores
 *   pages, not Redshift's 1 MB column blocks;
 * - PG_STATISTIC_INDICATOR: PostgreSQL counts changes since ANALYZE without
 *   telling inserts from deletes;
 * - SYS_SERVERLESS_USAGE: there is no RPU billing to report;
 * - materialized-view state transitions (STL_MV_STATE, SYS_MV_STATE): the
 *   emulator recomputes every refresh and never marks a view Recompute or
 *   Unrefreshable after a base table's TRUNCATE or ALTER, so it has no
 *   transitions to list (SVL_MV_REFRESH_STATUS lists the refreshes).
 */
export const UNRECORDED_VIEWS: ReadonlyMap<string, string> = new Map([
  [
    'stl_sessions',
    'session history is not recorded; STV_SESSIONS shows the live sessions',
  ],
  [
    'sys_session_history',
    'session history is not recorded; STV_SESSIONS shows the live sessions',
  ],
  ['stl_connection_log', 'connections and logins are not recorded'],
  ['sys_connection_log', 'connections and logins are not recorded'],
  [
    'sys_transaction_history',
    'commits are not recorded; STL_QUERY and SYS_QUERY_HISTORY show the statements',
  ],
  [
    'stl_tr_conflict',
    'serialization conflicts are not recorded; the failed statement is in SYS_QUERY_HISTORY',
  ],
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
  ['stl_mv_state', MV_STATE_UNRECORDED],
  ['sys_mv_state', MV_STATE_UNRECORDED],
])
