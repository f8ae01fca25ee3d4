/**
 * The usage logs of data sharing, with the columns and types of Redshift's
 * documentation, and no rows: SVL_DATASHARE_USAGE_CONSUMER and
 * SYS_DATASHARE_USAGE_CONSUMER (r_SVL_DATASHARE_USAGE_CONSUMER.html,
 * SYS_DATASHARE_USAGE_CONSUMER.html) record a consumer's reads of a
 * datashare, and the emulator has no consumer side (CREATE DATABASE ...
 * FROM DATASHARE is an emulator limit); SVL_DATASHARE_USAGE_PRODUCER and
 * SYS_DATASHARE_USAGE_PRODUCER (r_SVL_DATASHARE_USAGE_PRODUCER.html,
 * SYS_DATASHARE_USAGE_PRODUCER.html) record those reads on the producer,
 * and no other namespace can read the emulator's datashares.
 */
export const DATASHARE_USAGE_VIEWS_SQL = `
create view pg_catalog.svl_datashare_usage_consumer as
select null::integer as userid, null::integer as pid, null::bigint as xid,
  null::varchar(50) as request_id, null::varchar(25) as request_type,
  null::varchar(50) as transaction_uid, null::timestamp as recordtime, null::integer as status,
  null::varchar(512) as error
where false;

create view pg_catalog.sys_datashare_usage_consumer as
select null::integer as user_id, null::integer as session_id, null::bigint as transaction_id,
  null::varchar(50) as request_id, null::varchar(25) as request_type,
  null::varchar(50) as transaction_uid, null::timestamp as record_time, null::integer as status,
  null::varchar(512) as error_message
where false;

create view pg_catalog.svl_datashare_usage_producer as
select null::integer as share_id, null::varchar(128) as share_name,
  null::varchar(50) as request_id, null::varchar(25) as request_type,
  null::varchar(64) as object_type, null::integer as object_oid,
  null::varchar(128) as object_name, null::varchar(16) as consumer_account,
  null::varchar(64) as consumer_namespace, null::varchar(50) as consumer_transaction_uid,
  null::timestamp as recordtime, null::integer as status, null::varchar(512) as error,
  null::character(64) as consumer_region
where false;

create view pg_catalog.sys_datashare_usage_producer as
select null::integer as share_id, null::varchar(128) as share_name,
  null::varchar(50) as request_id, null::varchar(25) as request_type,
  null::varchar(64) as object_type, null::integer as object_oid,
  null::varchar(128) as object_name, null::varchar(16) as consumer_account,
  null::varchar(64) as consumer_namespace, null::varchar(50) as consumer_transaction_uid,
  null::timestamp as record_time, null::integer as status, null::varchar(512) as error_message,
  null::character(64) as consumer_region
where false;
`

/** The views {@link DATASHARE_USAGE_VIEWS_SQL} creates in pg_catalog. */
export const DATASHARE_USAGE_VIEWS = [
  'svl_datashare_usage_consumer',
  'sys_datashare_usage_consumer',
  'svl_datashare_usage_producer',
  'sys_datashare_usage_producer',
] as const
