import { SUPERUSERS_ONLY } from './log-visibility.js'

/**
 * STV_TBL_PERM (r_STV_TBL_PERM.html), superusers only: one row per user
 * table of the current database (PostgreSQL's catalogs are per database,
 * so other databases' tables do not show), temporary tables included, on
 * the emulator's one slice 0. `rows` is the exact row count; `sorted_rows`
 * equals it for a table with a sort key (the emulator keeps no unsorted
 * region, as SVV_TABLE_INFO's `unsorted` 0 says) and is 0 without one;
 * `block_count` is -1, the page's value for "cannot be computed", as
 * PostgreSQL has no Redshift blocks; `dist_style` is PG_CLASS_INFO's
 * `reldiststyle`; `insert_pristine` / `delete_pristine` ("for internal
 * use") are 0.
 */
export const TABLE_PERM_VIEW_SQL = `
create view pg_catalog.stv_tbl_perm as
select 0::integer as slice,
  c.oid::integer as id,
  c.relname::character(72) as name,
  redshift_local.relation_row_count(c.oid)::bigint as rows,
  (case when pg_catalog.cardinality(ta.sortkey) > 0
    then redshift_local.relation_row_count(c.oid) else 0 end)::bigint as sorted_rows,
  (case when c.relpersistence = 't' then 1 else 0 end)::integer as temp,
  (select d.oid from pg_catalog.pg_database d where d.datname = pg_catalog.current_database())::integer as db_id,
  0::integer as insert_pristine,
  0::integer as delete_pristine,
  (case when coalesce(ta.backup, true) then 1 else 0 end)::integer as backup,
  ci.reldiststyle::integer as dist_style,
  (-1)::integer as block_count
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_class_info ci on ci.reloid = c.oid
left join redshift_local.table_attributes ta on ta.relid = c.oid
where c.relkind in ('r', 'p')
  and n.nspname not in ('pg_catalog', 'information_schema', 'redshift_local', 'redshift_local_types')
  and n.nspname !~ '^pg_toast'
  and (c.relpersistence <> 't' or n.oid = pg_catalog.pg_my_temp_schema())
  and not exists (select 1 from redshift_local.external_tables et where et.relid = c.oid)
  and ${SUPERUSERS_ONLY};
`
