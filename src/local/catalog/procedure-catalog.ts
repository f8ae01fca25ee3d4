import {
  FORWARDED_PARAMETERS,
  REDSHIFT_ONLY_PARAMETERS,
} from '../session/redshift-parameters.js'
import { quoteLiteral } from '../sql/quote.js'

/** `ARRAY['a', 'b']::text[]` of constant names. */
function sqlTextArray(names: readonly string[]): string {
  return `ARRAY[${names.map(quoteLiteral).join(', ')}]::text[]`
}

/**
 * The SQL objects the emulator's stored procedures lean on (see
 * `sql/procedure-body.ts` and `sql/procedure-signature.ts`): the atomic
 * context, the nesting limit, the statements refused when they run, the
 * cursor a COMMIT closes, ALTER / DROP PROCEDURE by input types and the
 * check that procedures do not overload on their OUT arguments alone.
 */
export const PROCEDURE_CATALOG_SQL = `
-- SET, RESET and SET_CONFIG in a procedure body (procedure-body.ts) and in
-- its EXECUTE text (check_dynamic_sql) judge the parameter as a statement's
-- SET does (planner.ts): one Redshift does not have fails with 42704, as
-- outside a procedure; a Redshift-only one, which the emulator keeps outside
-- PostgreSQL, is an emulator limit. A dotted name is a context variable.
create or replace function redshift_local.procedure_setting(name text) returns void
language plpgsql immutable as $$
begin
  if pg_catalog.strpos(name, '.') > 0 or name = any (${sqlTextArray([...FORWARDED_PARAMETERS])}) then
    return;
  end if;
  if name = any (${sqlTextArray([...REDSHIFT_ONLY_PARAMETERS.keys()])}) then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('SET of %s in a stored procedure in the local emulator is not supported', name),
      hint = 'an emulator limit: the emulator keeps Redshift''s own parameters outside PostgreSQL; SET it before the CALL';
  end if;
  raise exception using errcode = '42704',
    message = pg_catalog.format('unrecognized configuration parameter "%s"', name);
end
$$;

-- What a procedure body's SET_CONFIG calls (procedure-body.ts).
create or replace function redshift_local.procedure_set_config(name text, value text, is_local boolean) returns text
language plpgsql volatile as $$
begin
  perform redshift_local.procedure_setting(pg_catalog.lower(name));
  return pg_catalog.set_config(name, value, is_local);
end
$$;

-- Whether the session's transaction block is open: a procedure called there
-- runs in an atomic context (see procedure-body.ts).
create or replace function redshift_local.in_transaction_block() returns boolean
language sql volatile as $$
  select coalesce(pg_catalog.current_setting('redshift_local.in_block', true), '') = 'on'
$$;

-- The number of procedure calls on the stack, read when a procedure starts;
-- Redshift allows 16 levels of nested calls (stored-procedure-constraints.html).
-- Its SQLSTATE and words for more are not documented.
create or replace function redshift_local.procedure_depth() returns integer
language plpgsql volatile as $$
declare
  stack text;
  depth integer;
begin
  get diagnostics stack = pg_context;
  depth := pg_catalog.regexp_count(stack, '^PL/pgSQL function', 1, 'n') - 1;
  if depth > 16 then
    raise exception using errcode = '54000',
      message = 'stored procedure calls cannot be nested more than 16 levels deep';
  end if;
  return depth;
end
$$;

-- The PL/pgSQL function that called the procedure now starting, read from
-- p_stack, the context of a function that procedure runs first (line 1 is
-- that function, line 2 the procedure); null at the top level.
create or replace function redshift_local.stack_caller(p_stack text) returns pg_catalog.regprocedure
language plpgsql stable as $$
declare
  lines text[] := pg_catalog.string_to_array(p_stack, pg_catalog.chr(10));
  caller text;
begin
  for i in 3 .. coalesce(pg_catalog.array_length(lines, 1), 0) loop
    caller := pg_catalog.substring(lines[i], '^PL/pgSQL function (.*) line [0-9]+ at ');
    if caller is not null then
      return pg_catalog.to_regprocedure(caller);
    end if;
  end loop;
  return null;
end
$$;

-- procedure_depth() with the check that a procedure and the one that calls it
-- share their transaction mode (r_CREATE_PROCEDURE.html: when you nest
-- stored procedure calls, all the procedures must be created in the same
-- transaction mode); p_nonatomic is the starting procedure's. The caller is
-- the next PL/pgSQL function on the stack after the one starting; a
-- NONATOMIC one's body calls this with true. Redshift's SQLSTATE and words
-- are not documented.
create or replace function redshift_local.procedure_depth(p_nonatomic boolean) returns integer
language plpgsql volatile as $$
declare
  stack text;
  depth integer;
  p pg_catalog.regprocedure;
begin
  get diagnostics stack = pg_context;
  depth := pg_catalog.regexp_count(stack, '^PL/pgSQL function', 1, 'n') - 1;
  if depth > 16 then
    raise exception using errcode = '54000',
      message = 'stored procedure calls cannot be nested more than 16 levels deep';
  end if;
  -- A nested call tells the session it started (SVL_STORED_PROC_CALL,
  -- nested-procedure-calls.ts): its depth (1 for a call the CALL's
  -- procedure makes) and the CALL's text, the first
  -- SQL statement on the stack. INFO reaches the session whatever
  -- client_min_messages says; the session does not pass it on.
  if depth > 1 then
    raise info using errcode = 'RL002', message = (depth - 1)::text,
      detail = coalesce(pg_catalog.substring(stack,
        'SQL statement "(.*?)"' || pg_catalog.chr(10) || 'PL/pgSQL function'), '');
  end if;
  p := redshift_local.stack_caller(stack);
  if p is null then
    return depth;
  end if;
  if exists (select 1 from pg_catalog.pg_proc o where o.oid = p and o.prokind = 'p'
      and pg_catalog.strpos(o.prosrc, 'redshift_local.procedure_depth(') > 0
      and (pg_catalog.strpos(o.prosrc, 'redshift_local.procedure_depth(true)') > 0) <> p_nonatomic) then
    raise exception using errcode = '0A000',
      message = 'nested stored procedure calls must all be in the same transaction mode: '
        || case when p_nonatomic then 'a NONATOMIC procedure cannot be called by one that is not'
           else 'a NONATOMIC procedure can only call NONATOMIC procedures' end;
  end if;
  return depth;
end
$$;

-- Run by a procedure right after a CALL in its body returns: tells the
-- session that the nested call at the caller's depth + 1 ended
-- (nested-procedure-calls.ts). It returns p_depth, the caller's
-- redshift_local_depth$, which the body assigns it back to.
create or replace function redshift_local.procedure_returned(p_depth integer) returns integer
language plpgsql volatile as $$
declare
  stack text;
begin
  get diagnostics stack = pg_context;
  raise info using errcode = 'RL003',
    message = (pg_catalog.regexp_count(stack, '^PL/pgSQL function', 1, 'n') - 1)::text;
  return p_depth;
end
$$;

-- An OUT argument's default (sql/ddl-procedure-out.ts): NULL, counting the
-- OUT arguments a CALL left out, for procedure_out_arguments.
create or replace function redshift_local.out_argument_default() returns text
language plpgsql volatile as $$
begin
  perform pg_catalog.set_config('redshift_local.out_defaults',
    (coalesce(nullif(pg_catalog.current_setting('redshift_local.out_defaults', true), ''), '0')::integer + 1)::text,
    true);
  return null;
end
$$;

-- Run as a procedure with p_outs OUT arguments starts: a CALL does not pass
-- OUT arguments, and a procedure calling another cannot call one that has
-- them (r_CREATE_PROCEDURE.html: OUT arguments aren't specified as part of
-- the CALL statement; r_CALL_procedure.html: a nested call's inner
-- procedure must define INOUT arguments, OUT arguments aren't allowed).
-- The caller is the next PL/pgSQL function on the stack, as for
-- procedure_depth. Redshift's SQLSTATEs are not documented.
create or replace function redshift_local.procedure_out_arguments(p_outs integer) returns boolean
language plpgsql volatile as $$
declare
  stack text;
  left_out integer := coalesce(nullif(pg_catalog.current_setting('redshift_local.out_defaults', true), ''), '0')::integer;
begin
  perform pg_catalog.set_config('redshift_local.out_defaults', '0', true);
  get diagnostics stack = pg_context;
  if exists (select 1 from pg_catalog.pg_proc o
      where o.oid = redshift_local.stack_caller(stack) and o.prokind = 'p') then
    raise exception using errcode = '0A000',
      message = 'OUT arguments aren''t allowed in a nested procedure call: the inner procedure must define INOUT arguments';
  end if;
  if left_out < p_outs then
    raise exception using errcode = '42883',
      message = 'OUT arguments aren''t specified as part of the CALL statement',
      hint = 'CALL passes the IN and INOUT arguments only; the OUT ones come back in the result row';
  end if;
  return true;
end
$$;

-- Redshift grants EXECUTE on a new procedure to its owner and superusers
-- only (stored-procedure-security-and-privileges.html); PostgreSQL grants it
-- to PUBLIC too. Run after CREATE [OR REPLACE] PROCEDURE p_name in
-- p_schema: a procedure this transaction created (a plain CREATE), or one
-- whose privileges were never set (a CREATE OR REPLACE that made it), loses
-- PUBLIC's EXECUTE; one it replaced keeps its grants, as PostgreSQL's do.
-- It also refuses the procedure past the database's limit.
create or replace function redshift_local.procedure_execute_default(p_schema text, p_name text,
  p_replace boolean)
returns void
language plpgsql volatile set search_path = pg_catalog as $$
declare
  p pg_catalog.regprocedure;
begin
  for p in select o.oid from pg_catalog.pg_proc o
      where o.prokind = 'p' and o.proname = p_name
        and o.pronamespace = (select n.oid from pg_catalog.pg_namespace n where n.nspname = p_schema)
        and (o.proacl is null
          or (not p_replace and o.xmin = pg_catalog.xid(pg_catalog.pg_current_xact_id()))) loop
    execute pg_catalog.format('revoke execute on procedure %s from public', p);
  end loop;
  -- At most 10,000 stored procedures in a database (stored-procedure-constraints.html);
  -- Redshift's SQLSTATE and words are not documented.
  if (select pg_catalog.count(*) from pg_catalog.pg_proc o
      join pg_catalog.pg_namespace n on n.oid = o.pronamespace
      where o.prokind = 'p' and n.nspname not in ('pg_catalog', 'information_schema', 'redshift_local')) > 10000 then
    raise exception using errcode = '54000',
      message = 'a database cannot have more than 10000 stored procedures';
  end if;
end
$$;

-- Commands that need a transaction context of their own cannot run in a
-- procedure (stored-procedure-constraints.html); Redshift's SQLSTATE and
-- words are not documented.
create or replace function redshift_local.refuse_in_procedure(statement text) returns void
language plpgsql volatile as $$
begin
  raise exception using errcode = '0A000',
    message = statement || ' is not supported in a stored procedure';
end
$$;

-- The first statement of every exception handler (see procedure-body.ts and
-- procedure-nonatomic.ts). PostgreSQL runs the guarded part of a block with
-- a handler as a subtransaction, which cannot end the transaction: a handler
-- nested in that part (its ROLLBACK), or a procedure called there that
-- commits, fails with 2D000 where Redshift, which has no subtransactions,
-- would end the transaction (stored-procedure-trapping-errors.html). The
-- handler that catches it, and each one around it, fails with this limit
-- instead of running on a transaction PostgreSQL kept open.
create or replace function redshift_local.guarded_limit(state text, message text) returns void
language plpgsql volatile as $$
begin
  if state = '2D000' or (state = '0A000' and message =
      'ending the transaction inside the guarded part of an exception block in the local emulator is not supported') then
    raise exception using errcode = '0A000',
      message = 'ending the transaction inside the guarded part of an exception block in the local emulator is not supported',
      detail = 'an exception handler nested in the guarded part of another block, or a procedure called there, ended or tried to end the transaction',
      hint = 'an emulator limit: PostgreSQL runs the guarded part of an exception block as a subtransaction, which cannot end the transaction';
  end if;
end
$$;

-- "Only one cursor at a time can be open per session" (declare.html), and a
-- cursor a procedure opens is held to the same rule
-- (stored-procedure-result-set.html). Run after a DECLARE (opened null) and
-- after each OPEN in a procedure (opened the portal's name). A procedure's
-- cursors are remembered by name in redshift_local.procedure_cursors, a
-- setting that a rollback undoes with the cursors; the portals PostgreSQL
-- opens for FOR loops and for the extended protocol are not counted.
-- Redshift's wording for this refusal is not documented: the message is the
-- Developer Guide's rule.
create or replace function redshift_local.check_one_cursor(opened refcursor) returns void
language plpgsql volatile as $$
declare
  kept text[];
begin
  select coalesce(pg_catalog.array_agg(c.name), '{}') into kept
  from pg_catalog.pg_cursors c
  where c.name = any (coalesce(nullif(pg_catalog.current_setting(
      'redshift_local.procedure_cursors', true), '')::text[], '{}') || opened::text);
  perform pg_catalog.set_config('redshift_local.procedure_cursors', kept::text, false);
  if (select pg_catalog.count(*) from pg_catalog.pg_cursors c
      where c.name <> '' and (c.statement ~* '\\mdeclare\\M' or c.name = any (kept))) > 1 then
    raise exception using errcode = '0A000',
      message = 'only one cursor at a time can be open per session',
      hint = 'CLOSE the open cursor first';
  end if;
end
$$;

-- A session context variable after RESET reads NULL (r_RESET.html); the
-- emulator keeps that NULL as the value redshift_local:null (see
-- context-variables.ts), which current_setting, SHOW and procedure bodies read
-- through here. Redshift's second argument is error_if_undefined
-- (r_CURRENT_SETTING.html: false returns NULL for a variable never set), the
-- opposite of PostgreSQL's missing_ok.
create or replace function redshift_local.context_setting(name text, error_if_undefined boolean default true) returns text
language sql stable as $$
  select nullif(pg_catalog.current_setting(name, not error_if_undefined), 'redshift_local:null')
$$;

-- A SECURITY DEFINER procedure that may end a transaction runs as SECURITY
-- INVOKER (PostgreSQL's definer procedures cannot; see procedure-body.ts):
-- the same when its owner calls it, so another user's call fails as an
-- emulator limit instead of running as the wrong user. Read from the calling
-- procedure's line of the context stack, when its declarations start.
create or replace function redshift_local.definer_as_invoker() returns boolean
language plpgsql volatile as $$
declare
  stack text;
  caller text;
  owner name;
begin
  get diagnostics stack = pg_context;
  caller := pg_catalog.substring(pg_catalog.split_part(stack, E'\\n', 2),
    '^PL/pgSQL function (.*?) line [0-9]+');
  select pg_catalog.pg_get_userbyid(p.proowner) into owner
  from pg_catalog.pg_proc p where p.oid = caller::pg_catalog.regprocedure;
  if owner is distinct from current_user then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('a SECURITY DEFINER procedure that commits, called by a user other than its owner (%s), in the local emulator is not supported', owner),
      hint = 'an emulator limit: PostgreSQL cannot end a transaction in a SECURITY DEFINER procedure, so the emulator runs it as the caller; call it as its owner';
  end if;
  return true;
end
$$;

-- After a COMMIT, ROLLBACK or TRUNCATE in a FOR loop over a query: Redshift
-- closes the loop's cursor (stored-procedure-transaction-management.html), so
-- the loop cannot fetch again. Redshift's words for it are not documented.
create or replace function redshift_local.loop_cursor_closed() returns void
language plpgsql volatile as $$
begin
  raise exception using errcode = '34000',
    message = 'cursor of the FOR loop does not exist: the COMMIT, ROLLBACK or TRUNCATE in the loop closed it';
end
$$;

-- NONATOMIC procedures (procedure-nonatomic.ts). START TRANSACTION opens a
-- transaction block, which the next COMMIT or ROLLBACK ends (the markers are
-- transaction-local); inside an open block it does nothing.
create or replace function redshift_local.nonatomic_start_transaction() returns void
language plpgsql volatile as $$
begin
  if coalesce(pg_catalog.current_setting('redshift_local.in_block', true), '') <> 'on' then
    perform pg_catalog.set_config('redshift_local.in_block', 'on', true);
    perform pg_catalog.set_config('redshift_local.procedure_block', 'on', true);
  end if;
end
$$;

-- Called inside the caller's own transaction block, a NONATOMIC procedure's
-- COMMIT, ROLLBACK or TRUNCATE ends the caller's transaction on Redshift;
-- PostgreSQL's CALL in a transaction block cannot, so it is refused.
create or replace function redshift_local.nonatomic_transaction_control(statement text) returns void
language plpgsql volatile as $$
begin
  if coalesce(pg_catalog.current_setting('redshift_local.in_block', true), '') = 'on'
    and coalesce(pg_catalog.current_setting('redshift_local.procedure_block', true), '') <> 'on' then
    raise exception using errcode = '0A000',
      message = statement || ' in a NONATOMIC procedure called inside a transaction block in the local emulator is not supported',
      hint = 'an emulator limit: PostgreSQL cannot end the caller''s transaction from a procedure; call it outside the transaction block';
  end if;
end
$$;

create or replace function redshift_local.nonatomic_truncate_check() returns void
language sql volatile as $$
  select redshift_local.nonatomic_transaction_control('TRUNCATE')
$$;

-- A NONATOMIC procedure's EXECUTE passes its text through here (see
-- redshift_local.dynamic_sql for default-mode procedures).
create or replace function redshift_local.nonatomic_dynamic_sql(p_sql text) returns text
language plpgsql volatile as $$
begin
  perform redshift_local.check_dynamic_sql(p_sql);
  if p_sql ~* '^[[:space:]]*truncate[[:>:]]' then
    perform redshift_local.nonatomic_truncate_check();
    perform pg_catalog.set_config('redshift_local.dynamic_truncate', 'on', false);
  end if;
  return p_sql;
end
$$;

-- DROP / ALTER PROCEDURE name (types): the procedure whose input arguments
-- are those types, with or without the trailing defaulted INOUT arguments
-- the emulator keeps OUT arguments as (see procedure-signature.ts); the
-- first schema of the search path that has one, as PostgreSQL looks.
create or replace procedure redshift_local.procedure_ddl(verb text, schema_name text,
  procedure_name text, type_names text[], rest text)
language plpgsql as $$
declare
  wanted oid[];
  found regprocedure;
begin
  select coalesce(pg_catalog.array_agg(pg_catalog.to_regtype(t)::oid order by i), '{}')
    into wanted from pg_catalog.unnest(type_names) with ordinality as u(t, i);
  if pg_catalog.array_position(wanted, null) is not null then
    raise exception using errcode = '42704',
      message = pg_catalog.format('type "%s" does not exist', pg_catalog.btrim(
        pg_catalog.regexp_replace(type_names[pg_catalog.array_position(wanted, null)], '^.*"[.]"', ''), '"'));
  end if;
  select p.oid::regprocedure into found
  from pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  where p.prokind = 'p' and p.proname = procedure_name
    and (schema_name is null and n.nspname = any (pg_catalog.current_schemas(true))
      or n.nspname = schema_name)
    and (p.pronargs = pg_catalog.cardinality(wanted)
      or p.pronargs - p.pronargdefaults = pg_catalog.cardinality(wanted))
    and (select coalesce(pg_catalog.array_agg(a order by i), '{}')
         from pg_catalog.unnest(p.proargtypes::oid[]) with ordinality as x(a, i)
         where i <= pg_catalog.cardinality(wanted)) = wanted
  order by pg_catalog.array_position(pg_catalog.current_schemas(true), n.nspname),
    p.pronargs <> pg_catalog.cardinality(wanted)
  limit 1;
  if found is null then
    raise exception using errcode = '42883',
      message = pg_catalog.format('procedure %s(%s) does not exist',
        case when schema_name is null then procedure_name else schema_name || '.' || procedure_name end,
        (select coalesce(pg_catalog.string_agg(pg_catalog.format_type(w, null), ', ' order by i), '')
         from pg_catalog.unnest(wanted) with ordinality as y(w, i)));
  end if;
  execute pg_catalog.format('%s PROCEDURE %s %s', verb, found, rest);
end
$$;

-- Redshift does not overload procedures on their OUT arguments
-- (stored-procedure-naming.html): a procedure whose input argument types
-- (those before the defaulted INOUT ones that stand for OUT arguments) are
-- another's of the same name and schema is refused. Redshift's SQLSTATE and
-- words are not documented; these are PostgreSQL's for a duplicate routine.
create or replace function redshift_local.guard_procedure_overloads() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  r record;
begin
  for r in
    select p.oid, p.proname, p.pronamespace,
      (p.proargtypes::oid[])[0:p.pronargs - p.pronargdefaults - 1] as inputs
    from pg_catalog.pg_event_trigger_ddl_commands() c
    join pg_catalog.pg_proc p on p.oid = c.objid
    where c.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass and p.prokind = 'p'
  loop
    if exists (
      select 1 from pg_catalog.pg_proc o
      where o.oid <> r.oid and o.prokind = 'p' and o.proname = r.proname
        and o.pronamespace = r.pronamespace
        and coalesce((o.proargtypes::oid[])[0:o.pronargs - o.pronargdefaults - 1], '{}')
          = coalesce(r.inputs, '{}')) then
      raise exception using errcode = '42723',
        message = pg_catalog.format('procedure "%s" already exists with the same input argument types', r.proname),
        hint = 'Redshift does not overload procedures on their output arguments: drop the procedure first';
    end if;
  end loop;
end
$$;
drop event trigger if exists redshift_local_guard_procedure_overloads;
create event trigger redshift_local_guard_procedure_overloads on ddl_command_end
  when tag in ('CREATE PROCEDURE')
  execute function redshift_local.guard_procedure_overloads();
`
