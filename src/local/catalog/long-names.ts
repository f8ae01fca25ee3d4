/**
 * The procedure that records long identifiers (64..127 bytes) with the short
 * names PostgreSQL holds for them. The session that ran the DDL calls it
 * right after, in the same transaction; SECURITY DEFINER because any user
 * who may create a table may give it a long name, without rights on the
 * emulator's own tables. A pair already known is kept (short names are a
 * pure function of long ones).
 */
export const RECORD_LONG_NAMES_FUNCTION_SQL = `create or replace procedure
  redshift_local.record_long_names(names jsonb)
  language sql security definer as $record$
insert into redshift_local.long_names (short_name, long_name)
select x.short_name, x.long_name
from jsonb_to_recordset($1) as x(short_name name, long_name text)
on conflict (short_name) do nothing
$record$;
revoke all on procedure redshift_local.record_long_names(jsonb) from public;
grant execute on procedure redshift_local.record_long_names(jsonb) to public;`

/**
 * Reads every recorded pair, for an emulator starting on a database that
 * already holds long names.
 *
 * @example
 * ```ts
 * const { rows } = await client.query(LONG_NAMES_SQL)
 * ```
 */
export const LONG_NAMES_SQL =
  'select short_name::text as short, long_name as long from redshift_local.long_names'
