/**
 * Views of objects the emulator refuses to create, so they are always
 * empty, with the columns and types of Redshift's documentation:
 * datashares (CREATE DATASHARE is an emulator limit: there is no other
 * cluster to share with) — SVV_DATASHARES (r_SVV_DATASHARES.html),
 * SVV_DATASHARE_OBJECTS (r_SVV_DATASHARE_OBJECTS.html),
 * SVV_DATASHARE_CONSUMERS (r_SVV_DATASHARE_CONSUMERS.html) — and identity
 * providers (CREATE IDENTITY PROVIDER is not supported) —
 * SVV_IDENTITY_PROVIDERS (r_SVV_IDENTITY_PROVIDERS.html).
 */
export const ABSENT_OBJECT_VIEWS_SQL = `
create view pg_catalog.svv_datashares as
select null::varchar(128) as share_name, null::integer as share_id, null::integer as share_owner,
  null::varchar(128) as source_database, null::varchar(128) as consumer_database,
  null::varchar(8) as share_type, null::timestamp as createdate, null::boolean as is_publicaccessible,
  null::varchar(256) as share_acl, null::varchar(16) as producer_account,
  null::varchar(64) as producer_namespace, null::varchar(64) as managed_by
where false;

create view pg_catalog.svv_datashare_objects as
select null::varchar(8) as share_type, null::varchar(128) as share_name, null::varchar(64) as object_type,
  null::varchar(512) as object_name, null::varchar(16) as producer_account,
  null::varchar(64) as producer_namespace, null::boolean as include_new
where false;

create view pg_catalog.svv_datashare_consumers as
select null::varchar(128) as share_name, null::varchar(16) as consumer_account,
  null::varchar(64) as consumer_namespace, null::timestamp as share_date
where false;

create view pg_catalog.svv_identity_providers as
select null::integer as uid, null::text as name, null::text as type, null::text as instanceid,
  null::text as namespc, null::text as params, null::boolean as enabled
where false;
`

/** The views {@link ABSENT_OBJECT_VIEWS_SQL} creates in pg_catalog. */
export const ABSENT_OBJECT_VIEWS = [
  'svv_datashares',
  'svv_datashare_objects',
  'svv_datashare_consumers',
  'svv_identity_providers',
] as const
