/**
 * Table catalog views: PG_TABLE_DEF, SVV_TABLE_INFO, SVV_COLUMNS and
 * SVV_ALL_COLUMNS, built from pg_catalog plus the Redshift attributes recorded
 * in `redshift_local.table_attributes` (distribution, sort keys, encodings,
 * and the Redshift type of columns PostgreSQL stores as another type).
 *
 * Relations without recorded attributes show Redshift's defaults: DISTSTYLE
 * AUTO, SORTKEY AUTO, ENCODE AUTO.
 */
export const TABLE_VIEWS_SQL = `
-- One row per column of every user-visible relation, with the Redshift view
-- of its type; the three column views select from it.
create view redshift_local.column_view as
select c.oid as relid, n.nspname as schema_name, c.relname as table_name, c.relkind,
  a.attname as column_name, a.attnum, a.atttypid, a.atttypmod, a.attnotnull,
  pg_catalog.pg_get_expr(d.adbin, d.adrelid) as column_default,
  ta.column_types ->> a.attname::text as redshift_type,
  coalesce(pg_catalog.regexp_replace(ta.column_types ->> a.attname::text, '[(].*$', ''),
    case when t.typtype = 'd' then pg_catalog.format_type(t.typbasetype, null)
      when t.typelem <> 0 and t.typlen = -1 then 'ARRAY'
      when tn.nspname = 'pg_catalog' then pg_catalog.format_type(a.atttypid, null)
      else 'USER-DEFINED' end) as data_type,
  pg_catalog.col_description(c.oid, a.attnum) as remarks,
  ta.relid is not null as has_attributes
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_type t on t.oid = a.atttypid
join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace
left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
left join redshift_local.table_attributes ta on ta.relid = c.oid
where a.attnum > 0 and not a.attisdropped
  and c.relkind in ('r', 'p', 'v', 'm', 'f')
  and n.nspname <> 'redshift_local' and n.nspname !~ '^pg_toast';

create view pg_catalog.svv_columns as
select pg_catalog.current_database()::text as table_catalog,
  v.schema_name::text as table_schema,
  v.table_name::text as table_name,
  v.column_name::text as column_name,
  v.attnum::int as ordinal_position,
  v.column_default::text as column_default,
  (case when v.attnotnull then 'NO' else 'YES' end)::text as is_nullable,
  v.data_type::text as data_type,
  information_schema._pg_char_max_length(v.atttypid, v.atttypmod)::int as character_maximum_length,
  information_schema._pg_numeric_precision(v.atttypid, v.atttypmod)::int as numeric_precision,
  information_schema._pg_numeric_precision_radix(v.atttypid, v.atttypmod)::int as numeric_precision_radix,
  information_schema._pg_numeric_scale(v.atttypid, v.atttypmod)::int as numeric_scale,
  information_schema._pg_datetime_precision(v.atttypid, v.atttypmod)::int as datetime_precision,
  information_schema._pg_interval_type(v.atttypid, v.atttypmod)::text as interval_type,
  null::text as interval_precision,
  null::text as character_set_catalog,
  null::text as character_set_schema,
  null::text as character_set_name,
  null::text as collation_catalog,
  null::text as collation_schema,
  null::text as collation_name,
  null::text as domain_name,
  v.remarks::text as remarks
from redshift_local.column_view v;

create view pg_catalog.svv_all_columns as
select pg_catalog.current_database()::varchar(128) as database_name,
  v.schema_name::varchar(128) as schema_name,
  v.table_name::varchar(128) as table_name,
  v.column_name::varchar(128) as column_name,
  v.attnum::integer as ordinal_position,
  v.column_default::varchar(4000) as column_default,
  (case when v.attnotnull then 'NO' else 'YES' end)::varchar(3) as is_nullable,
  v.data_type::varchar(128) as data_type,
  information_schema._pg_char_max_length(v.atttypid, v.atttypmod)::integer as character_maximum_length,
  information_schema._pg_numeric_precision(v.atttypid, v.atttypmod)::integer as numeric_precision,
  information_schema._pg_numeric_scale(v.atttypid, v.atttypmod)::integer as numeric_scale,
  v.remarks::varchar(256) as remarks
from redshift_local.column_view v;

-- Tables in schemas on the search_path only, as on Redshift.
create view pg_catalog.pg_table_def as
select v.schema_name::name as schemaname,
  v.table_name::name as tablename,
  v.column_name::name as "column",
  coalesce(v.redshift_type, pg_catalog.format_type(v.atttypid, v.atttypmod))::text as type,
  (case when ta.encodings ? v.column_name::text
      then pg_catalog.replace(ta.encodings ->> v.column_name::text, 'raw', 'none')
    else redshift_local.default_encoding(v.atttypid,
      coalesce(v.column_name::text = any (ta.sortkey), false)) end)::character(32) as encoding,
  coalesce(ta.distkey = v.column_name::text, false) as distkey,
  coalesce(redshift_local.sortkey_position(ta.sortkey, ta.sortkey_type, v.column_name::text), 0)
    ::integer as sortkey,
  v.attnotnull as notnull
from redshift_local.column_view v
left join redshift_local.table_attributes ta on ta.relid = v.relid
where v.relkind in ('r', 'p') and pg_catalog.pg_table_is_visible(v.relid);

-- User tables that hold rows (Redshift leaves empty tables out). Size is in
-- 1 MB blocks; pct_used is relative to 160 GB, one dc2.large node.
create view pg_catalog.svv_table_info as
select pg_catalog.current_database()::text as database,
  n.nspname::text as schema,
  c.oid as table_id,
  c.relname::text as "table",
  (case when coalesce(ta.encode_auto, true) then 'Y, AUTO(ENCODE)'
    when exists (select 1 from pg_catalog.jsonb_each_text(ta.encodings) e
                 where e.value not in ('raw', 'none')) then 'Y'
    else 'N' end)::text as encoded,
  (case coalesce(ta.diststyle, case when ta.distkey is not null then 'KEY' end, 'AUTO')
    when 'KEY' then 'KEY(' || ta.distkey || ')'
    when 'EVEN' then 'EVEN'
    when 'ALL' then 'ALL'
    else 'AUTO(ALL)' end)::text as diststyle,
  (case when ta.sortkey_type in ('compound', 'interleaved') then ta.sortkey[1]
    else 'AUTO(SORTKEY)' end)::text as sortkey1,
  coalesce((select pg_catalog.max(a.atttypmod - 4) from pg_catalog.pg_attribute a
            where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
              and a.atttypid = 1043 and a.atttypmod > 4), 0)::integer as max_varchar,
  (case when ta.sortkey_type in ('compound', 'interleaved')
    then coalesce(pg_catalog.replace(ta.encodings ->> ta.sortkey[1], 'raw', 'none'), 'none') end)
    ::character(32) as sortkey1_enc,
  (case when ta.sortkey_type in ('compound', 'interleaved')
    then pg_catalog.cardinality(ta.sortkey) else 0 end)::integer as sortkey_num,
  pg_catalog.ceil(pg_catalog.pg_total_relation_size(c.oid) / 1048576.0)::bigint as size,
  pg_catalog.round(pg_catalog.ceil(pg_catalog.pg_total_relation_size(c.oid) / 1048576.0)
    * 100.0 / 163840, 4)::numeric(10,4) as pct_used,
  0::bigint as empty,
  (case when ta.sortkey_type in ('compound', 'interleaved') then 0 end)::numeric(5,2) as unsorted,
  0::numeric(5,2) as stats_off,
  rc.n::numeric(38,0) as tbl_rows,
  (case when ta.sortkey_type in ('compound', 'interleaved') then 1 end)::numeric(19,2) as skew_sortkey1,
  (case when ta.diststyle = 'ALL' then null else 1 end)::numeric(19,2) as skew_rows,
  rc.n::numeric(38,0) as estimated_visible_rows,
  null::text as risk_event,
  null::numeric(12,2) as vacuum_sort_benefit,
  ta.created_at::timestamp as create_time
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join redshift_local.table_attributes ta on ta.relid = c.oid
cross join lateral (select redshift_local.relation_row_count(c.oid) as n) rc
where c.relkind in ('r', 'p')
  and n.nspname not in ('pg_catalog', 'information_schema', 'redshift_local')
  and n.nspname !~ '^pg_toast'
  and rc.n > 0;
`
