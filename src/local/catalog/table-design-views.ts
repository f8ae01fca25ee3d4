import { SUPERUSERS_ONLY } from './log-visibility.js'

/**
 * System views of automatic table optimization and interleaved sort keys,
 * with the columns and types of their pages:
 *
 * - SVV_INTERLEAVED_COLUMNS (r_SVV_INTERLEAVED_COLUMNS.html), superusers
 *   only: one row per column of an interleaved sort key of a user table of
 *   the current database, `col` the column's zero-based position in its
 *   table. `interleaved_skew` is 1.00 ("no skew": PostgreSQL keeps no
 *   interleaved zone maps to skew, as SVV_TABLE_INFO's `skew_sortkey1` 1
 *   says) once the table holds rows, null while it is empty;
 *   `last_reindex` is when the last VACUUM REINDEX of the table that
 *   succeeded started (its STL_VACUUM row), null for one never reindexed.
 * - SVV_ALTER_TABLE_RECOMMENDATIONS (r_SVV_ALTER_TABLE_RECOMMENDATIONS.html),
 *   superusers only, and SVL_AUTO_WORKER_ACTION (r_SVL_AUTO_WORKER_ACTION.html):
 *   always empty, since the emulator has no Advisor and never changes a
 *   table's distribution, sort key or encodings by itself (AUTO tables keep
 *   what they were given).
 */
export const TABLE_DESIGN_VIEWS_SQL = `
create view pg_catalog.svv_interleaved_columns as
select c.oid::integer as tbl,
  (select pg_catalog.count(*) from pg_catalog.pg_attribute b
   where b.attrelid = c.oid and b.attnum > 0 and b.attnum < a.attnum and not b.attisdropped)::integer as col,
  (case when redshift_local.relation_row_count(c.oid) > 0 then 1 end)::numeric(19,2) as interleaved_skew,
  (select pg_catalog.max(v.eventtime) from redshift_local.vacuum_log v
   where v.relid = c.oid and v.done and v.status = 'Started Reindex')::timestamp as last_reindex
from redshift_local.table_attributes ta
join pg_catalog.pg_class c on c.oid = ta.relid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname::text = any (ta.sortkey)
  and a.attnum > 0 and not a.attisdropped
where ta.sortkey_type = 'interleaved'
  and c.relkind in ('r', 'p')
  and (c.relpersistence <> 't' or n.oid = pg_catalog.pg_my_temp_schema())
  and ${SUPERUSERS_ONLY};

create view pg_catalog.svv_alter_table_recommendations as
select null::character(30) as type, null::character(128) as database, null::integer as table_id,
  null::integer as group_id, null::character(1024) as ddl, null::character(1) as auto_eligible
where false;

create view pg_catalog.svl_auto_worker_action as
select null::integer as table_id, null::character(32) as type, null::character(128) as status,
  null::timestamp as eventtime, null::integer as sequence, null::character(200) as previous_state
where false;
`

/** The views {@link TABLE_DESIGN_VIEWS_SQL} creates in pg_catalog. */
export const TABLE_DESIGN_VIEWS = [
  'svv_interleaved_columns',
  'svv_alter_table_recommendations',
  'svl_auto_worker_action',
] as const
