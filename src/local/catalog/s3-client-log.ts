import { userIdOfQuery, visibleQuery } from './log-visibility.js'

/** The object reads of COPY (installed with the internal tables). */
export const S3_CLIENT_LOG_TABLE_SQL = `
create unlogged table if not exists redshift_local.s3client_log (
  query int4 not null,
  pid int4 not null,
  bucket text not null,
  key text not null,
  start_time timestamp not null,
  end_time timestamp not null,
  bytes bigint not null,
  compressed boolean not null,
  error text
);
`

/** The system views over `redshift_local.s3client_log`. */
export const S3_CLIENT_LOG_VIEWS = [
  'stl_s3client',
  'stl_s3client_error',
] as const

/**
 * STL_S3CLIENT and STL_S3CLIENT_ERROR (r_STL_S3CLIENT.html,
 * r_STL_S3CLIENT_ERROR.html): one row per object GET of a COPY (its data
 * files, manifest and JSONPaths file), on slice 0, with the GETs that failed
 * in STL_S3CLIENT_ERROR instead. `transfer_size` is the bytes received and
 * `transfer_time` the GET's wall time in microseconds (`start_time` and
 * `end_time` count microseconds since 2000-01-01, as the page says);
 * `data_size` is `transfer_size` for an uncompressed file, and, with
 * `compression_time`, null for a compressed one, as the emulator does not
 * count its decompressed bytes. What the emulator's S3 client does not
 * measure is null: `connect_time`, `app_connect_time`, `retries` and the
 * request ids and server address. Files are never split (`is_partial` 0).
 * UNLOAD's writes and external table reads are not recorded. Visible to all
 * users, each seeing its own statements' rows.
 */
export const S3_CLIENT_LOG_SQL = `
create view pg_catalog.stl_s3client as
select ${userIdOfQuery('l.query', 'null')}::integer as userid,
  l.query::integer as query,
  0::integer as slice,
  l.end_time::timestamp as recordtime,
  l.pid::integer as pid,
  'GET'::character(64) as http_method,
  l.bucket::character(64) as bucket,
  l.key::character(256) as key,
  l.bytes::bigint as transfer_size,
  (case when not l.compressed then l.bytes end)::bigint as data_size,
  redshift_local.micros(l.start_time - timestamp '2000-01-01') as start_time,
  redshift_local.micros(l.end_time - timestamp '2000-01-01') as end_time,
  redshift_local.micros(l.end_time - l.start_time) as transfer_time,
  (case when not l.compressed then 0 end)::bigint as compression_time,
  null::bigint as connect_time,
  null::bigint as app_connect_time,
  null::bigint as retries,
  null::character(32) as request_id,
  null::character(128) as extended_request_id,
  null::character(64) as ip_address,
  0::integer as is_partial,
  0::bigint as start_offset
from redshift_local.s3client_log l
where l.error is null and ${visibleQuery('l.query')};

create view pg_catalog.stl_s3client_error as
select ${userIdOfQuery('l.query', 'null')}::integer as userid,
  l.query::integer as query,
  0::integer as sliceid,
  l.end_time::timestamp as recordtime,
  l.pid::integer as pid,
  'GET'::character(64) as http_method,
  l.bucket::character(64) as bucket,
  l.key::character(256) as key,
  l.error::character(1024) as error,
  0::integer as is_partial,
  0::bigint as start_offset
from redshift_local.s3client_log l
where l.error is not null and ${visibleQuery('l.query')};
`
