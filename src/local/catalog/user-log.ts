import { SUPERUSERS_ONLY } from './log-visibility.js'
import { statementXid } from './statement-xid.js'

// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/** The changes CREATE / ALTER / DROP USER made to users (installed with the internal tables). */
export const USER_LOG_TABLE_SQL = `
create unlogged table if not exists redshift_local.user_log (
  userid int4 not null,
  username text not null,
  oldusername text not null,
  action text not null,
  usecreatedb boolean not null,
  usesuper boolean not null,
  valuntil timestamp,
  pid int4 not null,
  recordtime timestamp not null
);
`

/** The system views over `redshift_local.user_log`. */
export const USER_LOG_VIEWS = ['stl_userlog', 'sys_userlog'] as const

/**
 * STL_USERLOG and SYS_USERLOG (r_STL_USERLOG.html, SYS_USERLOG.html),
 * superusers only: one row per user a CREATE USER, ALTER USER (`alter`, or
 * `rename` with the old name), or DROP USER changed, with the user's
 * properties after the change (before it, for a drop), as the pages' example
 * shows. `redshift_local.run_user_logged` is what those statements run
 * (`sql/user-log-statement.ts`): it records the row in the statement's
 * transaction, so a statement that fails or is rolled back leaves none.
 * CREATEUSER is superuser, which is also `usecatupd` (as PG_USER has it).
 * The transaction id is the emulator's xid of the statement, read from the
 * query log, as STL_ANALYZE's is.
 */
export const USER_LOG_SQL = `
create or replace function redshift_local.record_user_change(p_action text, p_names text[], p_old text)
returns void
language sql volatile security definer set search_path = pg_catalog as $$
  insert into redshift_local.user_log (userid, username, oldusername, action, usecreatedb, usesuper,
    valuntil, pid, recordtime)
  select u.oid::int4, u.rolname, coalesce(p_old, ''), p_action, u.rolcreatedb, u.rolsuper,
    u.rolvaliduntil at time zone 'UTC', pg_catalog.pg_backend_pid(),
    pg_catalog.statement_timestamp() at time zone 'UTC'
  from pg_catalog.pg_roles u
  where u.rolname = any (p_names) and u.rolcanlogin
$$;
revoke all on function redshift_local.record_user_change(text, text[], text) from public;
grant execute on function redshift_local.record_user_change(text, text[], text) to public;

-- The user mappings of p_names for reads of other databases (servers
-- xdb$..., see runtime/other-database-tables.ts), in every database that has
-- one (pg_shdepend, which every database shares, lists them): PostgreSQL
-- does not drop a role a user mapping depends on, and Redshift has no such
-- objects. A mapping is made again at the next read that needs it, so
-- dropping one early loses nothing. The other databases' are dropped through
-- dblink over the server's own unix socket, the one postgres_fdw reads them
-- through; a server without that socket or without dblink has none there.
-- A DROP USER a client sends has the emulator drop them before it runs;
-- this is how a DROP USER in a stored procedure body does the same.
create or replace function redshift_local.forget_user_mappings(p_names text[])
returns void
language plpgsql volatile security definer set search_path = pg_catalog as $$
declare
  m record;
  d record;
  socket text := pg_catalog.split_part(
    pg_catalog.current_setting('unix_socket_directories', true), ',', 1);
begin
  for m in select srvname, usename from pg_catalog.pg_user_mappings
      where usename = any (p_names) and srvname like 'xdb$%' loop
    execute pg_catalog.format('drop user mapping if exists for %I server %I', m.usename, m.srvname);
  end loop;
  for d in select distinct db.datname::text as datname from pg_catalog.pg_shdepend sd
      join pg_catalog.pg_database db on db.oid = sd.dbid
      join pg_catalog.pg_roles r on r.oid = sd.refobjid
      where sd.classid = 'pg_catalog.pg_user_mapping'::pg_catalog.regclass
        and r.rolname = any (p_names) and db.datname <> pg_catalog.current_database() loop
    if coalesce(socket, '') = '' then return; end if;
    if not exists (select 1 from pg_catalog.pg_extension where extname = 'dblink') then
      if not exists (select 1 from pg_catalog.pg_available_extensions where name = 'dblink') then
        return;
      end if;
      begin
        create extension if not exists dblink with schema redshift_local;
      exception when unique_violation then
        null;
      end;
    end if;
    execute 'select redshift_local.dblink_exec($1, $2)'
      using pg_catalog.format('host=%s port=%s dbname=%s user=%s',
          redshift_local.conninfo_value(socket),
          redshift_local.conninfo_value(pg_catalog.current_setting('port')),
          redshift_local.conninfo_value(d.datname),
          redshift_local.conninfo_value(current_user::text)),
        'do $drop$ declare m record; begin for m in select srvname, usename from pg_catalog.pg_user_mappings'
          || ' where usename = any (' || pg_catalog.quote_literal(p_names::text) || '::text[])'
          || ' and srvname like ' || pg_catalog.quote_literal('xdb$%')
          || ' loop execute pg_catalog.format(''drop user mapping if exists for %I server %I'','
          || ' m.usename, m.srvname); end loop; end $drop$';
  end loop;
end
$$;
revoke all on function redshift_local.forget_user_mappings(text[]) from public;
grant execute on function redshift_local.forget_user_mappings(text[]) to public;

-- A libpq connection string value: quoted, with its quotes and backslashes
-- escaped (chr(92) is the backslash, see above).
create or replace function redshift_local.conninfo_value(p_value text)
returns text
language sql immutable parallel safe as $$
  select '''' || pg_catalog.replace(pg_catalog.replace(p_value, pg_catalog.chr(92),
    pg_catalog.chr(92) || pg_catalog.chr(92)), '''', pg_catalog.chr(92) || '''') || ''''
$$;

-- The statement runs with the caller's rights; a drop is recorded before it
-- runs (the user is gone after), every other change after. A user that owns
-- objects or holds privileges is refused in Redshift's words (r_DROP_USER.html;
-- errors/redshift-wording.ts words a client's DROP USER the same way), so a
-- DROP USER in a stored procedure's body fails as the statement does.
create or replace procedure redshift_local.run_user_logged(p_action text, p_names text[], p_old text,
  p_sql text)
language plpgsql as $$
declare
  v_message text;
  v_detail text;
begin
  if p_action = 'drop' then
    perform redshift_local.forget_user_mappings(p_names);
    perform redshift_local.record_user_change(p_action, p_names, p_old);
    begin
      execute p_sql;
    exception when dependent_objects_still_exist then
      get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail;
      raise exception using errcode = '55006',
        message = pg_catalog.format('user "%s" can''t be dropped because the user %s',
          pg_catalog.substring(v_message, '^role "(.*)" cannot be dropped'),
          case when v_detail ~ ('(^|' || pg_catalog.chr(10) || ')owner of ')
            then 'owns some object' else 'has a privilege on some object' end);
    end;
    return;
  end if;
  execute p_sql;
  if p_action <> 'drop' then
    perform redshift_local.record_user_change(p_action, p_names, p_old);
  end if;
end
$$;
grant execute on procedure redshift_local.run_user_logged(text, text[], text, text) to public;

create view redshift_local.user_log_view as
select l.*,
  ${statementXid('l.pid', 'l.recordtime', 'l.recordtime')} as xid
from redshift_local.user_log l
where ${SUPERUSERS_ONLY};

create view pg_catalog.stl_userlog as
select l.userid::integer as userid,
  l.username::character(50) as username,
  l.oldusername::character(50) as oldusername,
  l.action::character(10) as action,
  l.usecreatedb::integer as usecreatedb,
  l.usesuper::integer as usesuper,
  l.usesuper::integer as usecatupd,
  l.valuntil::timestamp as valuntil,
  l.pid::integer as pid,
  l.xid::bigint as xid,
  l.recordtime::timestamp as recordtime
from redshift_local.user_log_view l;

create view pg_catalog.sys_userlog as
select l.userid::integer as user_id,
  l.username::character(50) as user_name,
  l.oldusername::character(50) as original_user_name,
  l.action::character(10) as action,
  l.usecreatedb::integer as has_create_db_privs,
  l.usesuper::integer as is_superuser,
  l.usesuper::integer as has_update_catalog_privs,
  l.valuntil::timestamp as password_expiration,
  l.pid::integer as session_id,
  l.xid::bigint as transaction_id,
  l.recordtime::timestamp as record_time
from redshift_local.user_log_view l;
`
