// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off
// (Redshift's own string rules), and POSIX classes read the same either way.

/**
 * Helper functions in `redshift_local` that the system views and the Redshift
 * functions share. Times in `redshift_local` tables are UTC wall-clock
 * timestamps, so "now" is read the same way.
 */
export const INTERNAL_FUNCTIONS_SQL = `
create or replace function redshift_local.setting(key text) returns text
language sql stable parallel safe as $$
  select value from redshift_local.settings where settings.key = setting.key
$$;

create or replace function redshift_local.utc_now() returns timestamp
language sql volatile parallel safe as $$
  select pg_catalog.clock_timestamp() at time zone 'UTC'
$$;

-- SYSDATE: the start of the transaction (rewriteRedshiftFunctions calls it,
-- so that clients' own TRANSACTION_TIMESTAMP() stays refused).
create or replace function redshift_local.transaction_start() returns timestamptz
language sql stable parallel safe as $$
  select pg_catalog.transaction_timestamp()
$$;

-- Called before each TRUNCATE of a stored procedure (see procedure-truncate.ts):
-- Redshift's TRUNCATE commits, which a procedure called inside an explicit
-- transaction block cannot do.
create or replace function redshift_local.truncate_in_procedure() returns void
language plpgsql volatile as $$
begin
  if pg_catalog.current_setting('redshift_local.in_block', true) = 'on' then
    raise exception using errcode = '2D000',
      message = 'TRUNCATE cannot be invoked from a procedure that is executing in an atomic context.',
      hint = 'Try calling the procedure as a top-level call i.e. not from within an explicit transaction block. Or, if this procedure (or one of its ancestors in the call chain) was created with SET config options, recreate the procedure without them.';
  end if;
end
$$;

-- A procedure's dynamic SQL names no internal schema, as a client's own text
-- cannot (internal-references.ts). Its SET or RESET of a parameter, and a
-- SET_CONFIG of one named by a literal, are judged as the body's are
-- (redshift_local.procedure_setting); SET LOCAL fails as in the body.
create or replace function redshift_local.check_dynamic_sql(p_sql text) returns void
language plpgsql immutable as $$
declare
  head text[];
  name text;
  called text[];
begin
  if p_sql ~* '(^|[^a-z0-9_$])"?redshift_local(_types)?"?[[:space:]]*[.]' then
    raise exception using errcode = '3F000', message = 'schema "redshift_local" does not exist';
  end if;
  head := pg_catalog.regexp_match(p_sql,
    '^[[:space:]]*(set|reset)[[:space:]]+(session[[:space:]]+|local[[:space:]]+)?([a-z_][a-z0-9_$]*|"[^"]*")([[:space:]]*[.])?([[:space:]]+zone)?', 'i');
  if head is not null and head[4] is null then
    if pg_catalog.lower(pg_catalog.btrim(coalesce(head[2], ''))) = 'local' then
      perform redshift_local.refuse_in_procedure('SET LOCAL');
    end if;
    name := pg_catalog.lower(pg_catalog.btrim(head[3], '"'));
    if name = 'time' and head[5] is not null then
      name := 'timezone';
    end if;
    if name not in ('transaction', 'all', 'characteristics', 'authorization') then
      perform redshift_local.procedure_setting(name);
    end if;
  end if;
  for called in select pg_catalog.regexp_matches(p_sql,
      'set_config[[:space:]]*[(][[:space:]]*''([^'']*)''', 'gi') loop
    perform redshift_local.procedure_setting(pg_catalog.lower(called[1]));
  end loop;
end
$$;

-- A procedure's EXECUTE passes its text through here: a TRUNCATE is refused
-- in an atomic context as above, and marked so that the procedure commits
-- after it (redshift_local.dynamic_truncated), as Redshift's TRUNCATE does.
create or replace function redshift_local.dynamic_sql(p_sql text) returns text
language plpgsql volatile as $$
begin
  perform redshift_local.check_dynamic_sql(p_sql);
  if p_sql ~* '^[[:space:]]*truncate[[:>:]]' then
    perform redshift_local.truncate_in_procedure();
    perform pg_catalog.set_config('redshift_local.dynamic_truncate', 'on', false);
  end if;
  return p_sql;
end
$$;

create or replace function redshift_local.dynamic_truncated() returns boolean
language plpgsql volatile as $$
begin
  if pg_catalog.current_setting('redshift_local.dynamic_truncate', true) = 'on' then
    perform pg_catalog.set_config('redshift_local.dynamic_truncate', '', false);
    return true;
  end if;
  return false;
end
$$;

-- Durations in system views are microseconds.
create or replace function redshift_local.micros(span interval) returns bigint
language sql immutable parallel safe as $$
  select (extract(epoch from span) * 1000000)::bigint
$$;

create or replace function redshift_local.raise_error(message text, sqlstate text default 'XX000')
returns text language plpgsql volatile as $$
begin
  raise exception using message = message, errcode = sqlstate;
end
$$;

-- The same with the refusal's DETAIL and HINT (either may be null), as a
-- client's statement gets them: a stored procedure's statements and
-- expressions refused when they run.
create or replace function redshift_local.raise_error(message text, sqlstate text, detail text,
  hint text)
returns text language plpgsql volatile as $$
begin
  if detail is null and hint is null then
    raise exception using message = message, errcode = sqlstate;
  elsif detail is null then
    raise exception using message = message, errcode = sqlstate, hint = hint;
  elsif hint is null then
    raise exception using message = message, errcode = sqlstate, detail = detail;
  end if;
  raise exception using message = message, errcode = sqlstate, detail = detail, hint = hint;
end
$$;

-- The statement text from its first word: leading blanks, opening
-- parentheses and comments (-- to the end of the line, /* ... */) removed,
-- so that a commented query is classified by its command.
create or replace function redshift_local.statement_head(querytxt text) returns text
language sql immutable parallel safe as $$
  select pg_catalog.regexp_replace(querytxt,
    '^([[:space:](]+|--[^' || pg_catalog.chr(10) || ']*|/[*]([^*]|[*]+[^*/])*[*]+/)*', '')
$$;

-- SYS_QUERY_HISTORY.query_type from the statement text, for rows the runtime
-- logged without one.
create or replace function redshift_local.derive_query_type(querytxt text) returns text
language sql immutable parallel safe as $$
  select case
    when h.t ~* '^[[:space:](]*create[[:space:]]+((local[[:space:]]+)?(temp|temporary)[[:space:]]+)?table[[:space:]].*[[:<:]]as[[:space:]]*[(]?[[:space:]]*(select|with)[[:>:]]'
      then 'CTAS'
    else case pg_catalog.upper(substring(h.t from '^[[:space:](]*([A-Za-z]+)'))
      when 'SELECT' then 'SELECT' when 'WITH' then 'SELECT' when 'VALUES' then 'SELECT'
      when 'INSERT' then 'INSERT' when 'UPDATE' then 'UPDATE' when 'DELETE' then 'DELETE'
      when 'COPY' then 'COPY' when 'UNLOAD' then 'UNLOAD'
      when 'CREATE' then 'DDL' when 'ALTER' then 'DDL' when 'DROP' then 'DDL'
      when 'TRUNCATE' then 'DDL' when 'GRANT' then 'DDL' when 'REVOKE' then 'DDL'
      when 'COMMENT' then 'DDL'
      when 'SET' then 'UTILITY' when 'RESET' then 'UTILITY' when 'SHOW' then 'UTILITY'
      when 'BEGIN' then 'UTILITY' when 'START' then 'UTILITY' when 'COMMIT' then 'UTILITY'
      when 'END' then 'UTILITY' when 'ROLLBACK' then 'UTILITY' when 'ABORT' then 'UTILITY'
      when 'VACUUM' then 'UTILITY' when 'ANALYZE' then 'UTILITY' when 'LOCK' then 'UTILITY'
      when 'CANCEL' then 'UTILITY' when 'CALL' then 'COMMAND' when 'EXPLAIN' then 'UTILITY'
      else 'OTHER' end
  end
  from (select redshift_local.statement_head(querytxt) as t) h
$$;

-- Which statement-text view holds a statement: QUERY (STL_QUERY,
-- STL_QUERYTEXT, SVL_QLOG: SELECT, SELECT INTO, INSERT, UPDATE, DELETE,
-- MERGE, COPY, UNLOAD, CTAS), DDL (STL_DDLTEXT) or UTILITY (STL_UTILITYTEXT).
-- MERGE is DML run by the compute nodes like DELETE and INSERT; no page
-- names its view, so it is counted a query.
create or replace function redshift_local.statement_text_type(querytxt text, query_type text) returns text
language sql immutable parallel safe as $$
  select case
    when coalesce(query_type, redshift_local.derive_query_type(querytxt))
      in ('SELECT', 'INSERT', 'UPDATE', 'DELETE', 'COPY', 'UNLOAD', 'CTAS') then 'QUERY'
    when h.t ~* '^[[:space:](]*merge[[:>:]]' then 'QUERY'
    when pg_catalog.lower(substring(h.t from '^[[:space:](]*([A-Za-z]+)'))
      in ('create', 'alter', 'drop')
      and pg_catalog.lower(substring(h.t from '^[[:space:](]*[A-Za-z]+[[:space:]]+([A-Za-z]+)'))
        not in ('database', 'user', 'group', 'role')
      then 'DDL'
    else 'UTILITY' end
  from (select redshift_local.statement_head(querytxt) as t) h
$$;

-- Exact row count for SVV_TABLE_INFO; null when the table cannot be read
-- (another session's temporary table, missing privilege).
create or replace function redshift_local.relation_row_count(rel oid) returns bigint
language plpgsql stable as $$
declare
  n bigint;
begin
  execute pg_catalog.format('select count(*) from %s', rel::regclass) into n;
  return n;
exception when others then
  return null;
end
$$;

-- The encoding Redshift's automatic compression gives a column that declared
-- none: raw for sort key columns, every column of a temporary table
-- (r_CREATE_TABLE_NEW.html, ENCODE), GEOMETRY and GEOGRAPHY (stored as text;
-- spatial-limitations.html), booleans and floating point, AZ64 for numbers
-- and times, LZO for strings. The callers pass in_sortkey true for the
-- temporary table's and the spatial columns too.
create or replace function redshift_local.default_encoding(typid oid, in_sortkey boolean) returns text
language sql immutable parallel safe as $$
  select case
    when in_sortkey then 'none'
    when typid in (21, 23, 20, 1700, 1082, 1114, 1184, 1083, 1266) then 'az64'
    when typid in (1043, 1042, 25) then 'lzo'
    else 'none' end
$$;

-- Sort key position as PG_TABLE_DEF shows it: 1, 2, 3 for a compound key;
-- 1, -2, 3, -4 for an interleaved one; 0 for other columns.
create or replace function redshift_local.sortkey_position(
  sortkey text[], sortkey_type text, column_name text) returns integer
language sql immutable parallel safe as $$
  select case
    -- A table altered to SORTKEY AUTO keeps its compound key's columns.
    when sortkey_type in ('compound', 'interleaved', 'auto') and column_name = any (sortkey) then
      pg_catalog.array_position(sortkey, column_name)
        * (case when sortkey_type = 'interleaved' and pg_catalog.array_position(sortkey, column_name) % 2 = 0
           then -1 else 1 end)
    else 0 end
$$;

-- Redshift date part names and abbreviations (DATEADD, DATEDIFF, DATE_PART).
create or replace function redshift_local.datepart(part text) returns text
language sql immutable parallel safe as $$
  select case pg_catalog.lower(pg_catalog.btrim(part))
    when 'millennium' then 'millennium' when 'millennia' then 'millennium'
    when 'mil' then 'millennium' when 'mils' then 'millennium'
    when 'century' then 'century' when 'centuries' then 'century' when 'c' then 'century'
    when 'cent' then 'century' when 'cents' then 'century'
    when 'decade' then 'decade' when 'decades' then 'decade' when 'dec' then 'decade'
    when 'decs' then 'decade'
    when 'year' then 'year' when 'years' then 'year' when 'y' then 'year'
    when 'yr' then 'year' when 'yrs' then 'year'
    when 'quarter' then 'quarter' when 'quarters' then 'quarter' when 'qtr' then 'quarter'
    when 'qtrs' then 'quarter'
    when 'month' then 'month' when 'months' then 'month' when 'mon' then 'month'
    when 'mons' then 'month'
    when 'week' then 'week' when 'weeks' then 'week' when 'w' then 'week'
    when 'day' then 'day' when 'days' then 'day' when 'd' then 'day'
    when 'hour' then 'hour' when 'hours' then 'hour' when 'h' then 'hour'
    when 'hr' then 'hour' when 'hrs' then 'hour'
    when 'minute' then 'minute' when 'minutes' then 'minute' when 'm' then 'minute'
    when 'min' then 'minute' when 'mins' then 'minute'
    when 'second' then 'second' when 'seconds' then 'second' when 's' then 'second'
    when 'sec' then 'second' when 'secs' then 'second'
    when 'millisecond' then 'millisecond' when 'milliseconds' then 'millisecond'
    when 'ms' then 'millisecond' when 'msec' then 'millisecond' when 'msecs' then 'millisecond'
    when 'msecond' then 'millisecond' when 'mseconds' then 'millisecond'
    when 'millisec' then 'millisecond' when 'millisecs' then 'millisecond'
    when 'millisecon' then 'millisecond'
    when 'microsecond' then 'microsecond' when 'microseconds' then 'microsecond'
    when 'microsec' then 'microsecond' when 'microsecs' then 'microsecond'
    when 'usecond' then 'microsecond' when 'useconds' then 'microsecond'
    when 'us' then 'microsecond' when 'usec' then 'microsecond' when 'usecs' then 'microsecond'
    else redshift_local.raise_error(
      pg_catalog.format('Invalid datepart: %s', part), '22023')
  end
$$;
`
