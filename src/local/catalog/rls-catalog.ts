/**
 * Row-level security (t_rls.html and its pages): the tables the
 * `redshift_local.rls_*` procedures write (the calls `sql/redshift-rls.ts`
 * makes of CREATE | ALTER | DROP | ATTACH | DETACH RLS POLICY, ALTER TABLE
 * ... ROW LEVEL SECURITY and GRANT | REVOKE { IGNORE | EXPLAIN } RLS), the views
 * SVV_RLS_POLICY, SVV_RLS_RELATION and SVV_RLS_ATTACHED_POLICY, and the
 * PostgreSQL row security policies that filter the rows.
 *
 * Redshift's rules, in PostgreSQL's row security (rebuilt for a table by
 * `rls_rebuild` whenever one of its facts changes):
 *
 * - A table with RLS on gets ENABLE and FORCE ROW LEVEL SECURITY: its owner
 *   is filtered too, as on Redshift, where only superusers, sys:secadmin and
 *   holders of IGNORE RLS see every row (t_rls_ownership.html). PostgreSQL's
 *   superusers bypass row security, as Redshift's do; the others reach
 *   every row through a permissive policy `(select rls_ignores())`.
 * - SELECT, UPDATE and DELETE are filtered; INSERT (and so COPY) is not
 *   (t_rls_usage.html): a permissive INSERT policy checks nothing, and the
 *   UPDATE policies check no new row (the pages only say an UPDATE reaches
 *   the rows the user sees).
 * - CONJUNCTION TYPE OR: each attached policy is a permissive policy for
 *   its grantees, so a user sees the rows any of them lets through.
 *   CONJUNCTION TYPE AND (the default): a permissive `true` policy for
 *   every grantee of the table, and each attached policy a restrictive one
 *   for its grantees, so the policies that apply to the user all hold. In
 *   both, a user to whom no policy applies sees no row (PostgreSQL's
 *   default deny, Redshift's default false policy).
 *
 * The pages give none of the errors' words or SQLSTATEs; these use
 * PostgreSQL's codes for the same kind of fault (42704 missing, 42710
 * duplicate, 42501 privilege, 2BP01 still attached, 0A000 refused).
 * Views and materialized views cannot be protected, and a table with RLS
 * on cannot be read through a view (PostgreSQL would filter a view's rows
 * as its owner sees them): both are emulator limits.
 */
export const RLS_TABLES_SQL = `
create table if not exists redshift_local.rls_policies (
  polname text primary key,
  polalias text not null default '',
  polatts jsonb not null default '[]',
  polqual text not null,
  pgqual text not null,
  modified_by text not null,
  modified_at timestamp not null
);

create table if not exists redshift_local.rls_relations (
  relid oid primary key,
  rls_on boolean not null default false,
  conjunction text not null default 'and'
);

-- grantee 0 is PUBLIC.
create table if not exists redshift_local.rls_attachments (
  polname text not null references redshift_local.rls_policies,
  relid oid not null,
  grantee oid not null,
  grantor text not null,
  primary key (polname, relid, grantee)
);

create table if not exists redshift_local.rls_ignore (
  grantee oid primary key
);

-- SVV_RLS_APPLIED_POLICY's rows: the policies a statement of a filtered user
-- applied to a relation (polname null and poldefault 'f': no policy applied
-- to the user, so the default false one did). The statement's query id and
-- xid come from the query log row of its backend and start time.
create table if not exists redshift_local.rls_applied (
  username text not null,
  pid int4 not null,
  recordtime timestamp not null,
  command character(1) not null,
  relschema text not null,
  relname text not null,
  polname text,
  poldefault character(1)
);

-- Holders of EXPLAIN RLS, who may see the policies' filters in a plan.
create table if not exists redshift_local.rls_explain (
  grantee oid primary key
);
`

/** The views {@link RLS_SQL} creates in pg_catalog that every user may read (SVV_RLS_APPLIED_POLICY shows rows only to superusers and sys:operator). */
export const RLS_VIEWS = [
  'svv_rls_policy',
  'svv_rls_relation',
  'svv_rls_applied_policy',
] as const

/** The view {@link RLS_SQL} creates for sys:secadmin only. */
export const RLS_ADMIN_VIEW = 'svv_rls_attached_policy'

const LIMIT_HINT =
  'an emulator limit: PostgreSQL cannot run it with Redshift semantics'

// The procedures are security definers (the tables are not writable by
// users, and only a table's owner may change its policies): who runs the
// statement is session_user.
export const RLS_SQL = `
create or replace function redshift_local.rls_admin() returns boolean
language sql stable set search_path = pg_catalog as $$
  select coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = session_user), false)
    or (exists (select 1 from pg_catalog.pg_roles r where r.rolname = 'sys:secadmin')
      and pg_catalog.pg_has_role(session_user, 'sys:secadmin', 'MEMBER'))
$$;

-- Who sees every row of a protected table (t_rls_ownership.html): sys:secadmin
-- and holders of IGNORE RLS (superusers bypass PostgreSQL's row security).
create or replace function redshift_local.rls_ignores() returns boolean
language sql stable security definer set search_path = pg_catalog as $$
  select redshift_local.rls_admin() or exists (select 1 from redshift_local.rls_ignore i
    join pg_catalog.pg_roles r on r.oid = i.grantee
    where pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER'))
$$;

-- Who may see the policies' filters in EXPLAIN (r_GRANT.html: EXPLAIN RLS).
create or replace function redshift_local.rls_explains() returns boolean
language sql stable security definer set search_path = pg_catalog as $$
  select exists (select 1 from redshift_local.rls_explain e
    join pg_catalog.pg_roles r on r.oid = e.grantee
    where pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER'))
$$;

-- Records what SVV_RLS_APPLIED_POLICY shows for relation rel and command cmd
-- (s, u or d) of the running statement, once: it is the InitPlan of a
-- restrictive policy of every protected relation (rls_rebuild), evaluated
-- when the statement reads its first row. A read-only transaction records
-- nothing (it may not write), and nothing is recorded for those who see
-- every row.
create or replace function redshift_local.rls_note(rel oid, cmd text) returns boolean
language plpgsql volatile security definer set search_path = pg_catalog as $$
begin
  -- Called by hand, it records nothing the policies did not do.
  if pg_catalog.current_setting('transaction_read_only') = 'on' or cmd not in ('s', 'u', 'd')
      or not redshift_local.rls_filters(rel) then
    return true;
  end if;
  insert into redshift_local.rls_applied (username, pid, recordtime, command, relschema, relname, polname, poldefault)
  select session_user, pg_catalog.pg_backend_pid(), pg_catalog.statement_timestamp() at time zone 'UTC', cmd,
    n.nspname, c.relname, p.polname, case when p.polname is null then 'f' end
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join (select distinct a.polname from redshift_local.rls_attachments a
      where a.relid = rel and (a.grantee = 0 or pg_catalog.pg_has_role(session_user, a.grantee, 'MEMBER'))) p on true
  where c.oid = rel;
  return true;
end
$$;

create or replace function redshift_local.rls_require_admin(what text) returns void
language plpgsql stable set search_path = pg_catalog as $$
begin
  if not redshift_local.rls_admin() then
    raise exception using errcode = '42501',
      message = pg_catalog.format('permission denied: only a superuser or sys:secadmin can %s', what);
  end if;
end
$$;

-- ALTER / ATTACH / DETACH name a policy that must exist.
create or replace function redshift_local.rls_require_policy(p_name text) returns void
language plpgsql stable set search_path = pg_catalog as $$
begin
  if not exists (select 1 from redshift_local.rls_policies p where p.polname = p_name) then
    raise exception using errcode = '42704', message = pg_catalog.format('policy "%s" does not exist', p_name);
  end if;
end
$$;

-- 'public', 'user:name' or 'role:name' (sql/redshift-rls.ts) as a role's OID (0 for PUBLIC).
create or replace function redshift_local.rls_grantee(who text) returns oid
language plpgsql stable set search_path = pg_catalog as $$
declare
  kind text := pg_catalog.split_part(who, ':', 1);
  nm text := pg_catalog.substr(who, pg_catalog.length(kind) + 2);
  id oid;
begin
  if who = 'public' then return 0; end if;
  select r.oid into id from pg_catalog.pg_roles r
  where r.rolname = nm and redshift_local.identity_kind(r.rolname) = kind;
  if id is null then
    raise exception using errcode = '42704', message = pg_catalog.format('%s "%s" does not exist', kind, nm);
  end if;
  return id;
end
$$;

create or replace function redshift_local.rls_grantee_sql(id oid) returns text
language sql stable set search_path = pg_catalog as $$
  select case when id = 0 then 'public'
    else (select pg_catalog.quote_ident(r.rolname) from pg_catalog.pg_roles r where r.oid = id) end
$$;

-- A relation that may carry RLS: a permanent user table.
create or replace function redshift_local.rls_relation(rel oid) returns oid
language plpgsql stable set search_path = pg_catalog as $$
declare
  c record;
  tab text := rel::regclass::text;
begin
  select k.relkind, k.relpersistence, k.relnamespace into c from pg_catalog.pg_class k where k.oid = rel;
  if c.relkind in ('v', 'm') then
    raise exception using errcode = '0A000',
      message = 'row-level security on views and materialized views in the local emulator is not supported',
      hint = '${LIMIT_HINT}';
  end if;
  if c.relkind not in ('r', 'p') or c.relpersistence = 't'
      or c.relnamespace in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace) then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('row-level security is not supported on relation "%s"', tab);
  end if;
  return rel;
end
$$;

create or replace function redshift_local.rls_rebuild(rel oid) returns void
language plpgsql security definer set search_path = pg_catalog as $$
declare
  r record;
  t text;
  on_ boolean;
  conj text;
  who text;
  cmd text;
  tail text;
  nl text := pg_catalog.chr(10);
begin
  if not exists (select 1 from pg_catalog.pg_class k where k.oid = rel) then return; end if;
  t := rel::regclass::text;
  for r in select p.polname from pg_catalog.pg_policy p
      where p.polrelid = rel and p.polname like 'redshift_rls%' loop
    execute pg_catalog.format('drop policy %I on %s', r.polname, t);
  end loop;
  select x.rls_on, x.conjunction into on_, conj from redshift_local.rls_relations x where x.relid = rel;
  if not coalesce(on_, false) then
    execute pg_catalog.format('alter table %s no force row level security, disable row level security', t);
    return;
  end if;
  if exists (select 1 from pg_catalog.pg_depend d join pg_catalog.pg_rewrite w on w.oid = d.objid
      where d.classid = 'pg_catalog.pg_rewrite'::regclass and d.refobjid = rel and w.ev_class <> rel) then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('row-level security on "%s", which a view reads, in the local emulator is not supported', t),
      hint = '${LIMIT_HINT}';
  end if;
  execute pg_catalog.format('alter table %s enable row level security, force row level security', t);
  execute pg_catalog.format('create policy redshift_rls_insert on %s for insert to public with check (true)', t);
  select pg_catalog.string_agg(redshift_local.rls_grantee_sql(a.grantee), ', ') into who
  from (select distinct x.grantee from redshift_local.rls_attachments x where x.relid = rel) a;
  foreach cmd in array array['select', 'update', 'delete'] loop
    tail := case when cmd = 'update' then ' with check (true)' else '' end;
    -- Named to sort first: PostgreSQL checks restrictive policies in name order.
    execute pg_catalog.format('create policy %I on %s as restrictive for %s to public using ((select redshift_local.rls_note(%s, %L)))%s',
      'redshift_rls_0note_' || cmd, t, cmd, rel, pg_catalog.left(cmd, 1), tail);
    execute pg_catalog.format('create policy %I on %s for %s to public using ((select redshift_local.rls_ignores()))%s',
      'redshift_rls_ignore_' || cmd, t, cmd, tail);
    if conj = 'and' and who is not null then
      execute pg_catalog.format('create policy %I on %s as permissive for %s to %s using (true)%s',
        'redshift_rls_gate_' || cmd, t, cmd, who, tail);
    end if;
    for r in select a.polname, p.pgqual,
        pg_catalog.string_agg(redshift_local.rls_grantee_sql(a.grantee), ', ') as who
      from redshift_local.rls_attachments a join redshift_local.rls_policies p on p.polname = a.polname
      where a.relid = rel group by a.polname, p.pgqual loop
      execute pg_catalog.format('create policy %I on %s as %s for %s to %s using (%s)%s',
        'redshift_rls_' || cmd || '_' || pg_catalog.left(pg_catalog.md5(r.polname), 24), t,
        case when conj = 'and' then 'restrictive' else 'permissive' end, cmd, r.who,
        case when conj = 'and' then '(select redshift_local.rls_ignores()) or ' else '' end
          || '(' || nl || r.pgqual || nl || ')', tail);
    end loop;
  end loop;
end
$$;

create or replace procedure redshift_local.rls_create(p_name text, cols text[], types text[], alias text,
  written text, pgqual text)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  nl text := pg_catalog.chr(10);
  sel text := '';
  atts jsonb := '[]';
  i int;
begin
  perform redshift_local.rls_require_admin('create an RLS policy');
  if exists (select 1 from redshift_local.rls_policies p where p.polname = p_name) then
    raise exception using errcode = '42710', message = pg_catalog.format('policy "%s" already exists', p_name);
  end if;
  for i in 1 .. coalesce(pg_catalog.array_length(cols, 1), 0) loop
    sel := sel || case when i > 1 then ', ' else '' end
      || pg_catalog.format('null::%s as %I', types[i], cols[i]);
  end loop;
  -- The predicate over the WITH columns, so that a wrong one fails here, not at ATTACH.
  execute pg_catalog.format('select 1 from (select %s) as rls_relation where (%s) limit 0', sel, nl || pgqual || nl);
  -- Types as SVV_RLS_POLICY's example shows them: integer, character varying(10).
  for i in 1 .. coalesce(pg_catalog.array_length(cols, 1), 0) loop
    atts := atts || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('colname', cols[i],
      'type', pg_catalog.format_type(pg_catalog.to_regtype(types[i]), pg_catalog.to_regtypemod(types[i]))));
  end loop;
  insert into redshift_local.rls_policies (polname, polalias, polatts, polqual, pgqual, modified_by, modified_at)
  values (p_name, alias, atts, written, pgqual, session_user, pg_catalog.statement_timestamp() at time zone 'UTC');
end
$$;

create or replace procedure redshift_local.rls_alter(p_name text, written text, pgqual text)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  nl text := pg_catalog.chr(10);
  sel text := '';
  r record;
begin
  perform redshift_local.rls_require_admin('alter an RLS policy');
  perform redshift_local.rls_require_policy(p_name);
  select pg_catalog.string_agg(pg_catalog.format('null::%s as %I', a->>'type', a->>'colname'), ', ') into sel
  from redshift_local.rls_policies p, pg_catalog.jsonb_array_elements(p.polatts) a where p.polname = p_name;
  execute pg_catalog.format('select 1 from (select %s) as rls_relation where (%s) limit 0', coalesce(sel, ''), nl || pgqual || nl);
  update redshift_local.rls_policies p set polqual = written, pgqual = rls_alter.pgqual, modified_by = session_user,
    modified_at = pg_catalog.statement_timestamp() at time zone 'UTC'
  where p.polname = p_name;
  for r in select distinct a.relid from redshift_local.rls_attachments a where a.polname = p_name loop
    perform redshift_local.rls_rebuild(r.relid);
  end loop;
end
$$;

create or replace procedure redshift_local.rls_drop(p_name text, if_exists boolean, cascade_ boolean)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  rels oid[];
  rel oid;
begin
  perform redshift_local.rls_require_admin('drop an RLS policy');
  if not exists (select 1 from redshift_local.rls_policies p where p.polname = p_name) then
    if if_exists then
      raise notice 'policy "%" does not exist, skipping', p_name;
      return;
    end if;
    raise exception using errcode = '42704', message = pg_catalog.format('policy "%s" does not exist', p_name);
  end if;
  select pg_catalog.array_agg(distinct a.relid) into rels from redshift_local.rls_attachments a
  where a.polname = p_name and exists (select 1 from pg_catalog.pg_class k where k.oid = a.relid);
  if rels is not null and not cascade_ then
    raise exception using errcode = '2BP01',
      message = pg_catalog.format('cannot drop policy "%s" because it is attached to a relation', p_name),
      hint = 'Use DROP RLS POLICY ... CASCADE to detach it first.';
  end if;
  delete from redshift_local.rls_attachments a where a.polname = p_name;
  delete from redshift_local.rls_policies p where p.polname = p_name;
  foreach rel in array coalesce(rels, array[]::oid[]) loop
    perform redshift_local.rls_rebuild(rel);
  end loop;
end
$$;

create or replace procedure redshift_local.rls_attach(p_name text, rels oid[], grantees text[])
language plpgsql security definer set search_path = pg_catalog as $$
declare
  tab text;
  rel oid;
  who text;
  missing text;
  mismatch text;
begin
  perform redshift_local.rls_require_admin('attach an RLS policy');
  perform redshift_local.rls_require_policy(p_name);
  foreach rel in array rels loop
    tab := redshift_local.rls_relation(rel)::regclass::text;
    -- r_ATTACH_RLS_POLICY.html: not on a materialized view's base table.
    if exists (select 1 from pg_catalog.pg_depend d join pg_catalog.pg_rewrite w on w.oid = d.objid
        join pg_catalog.pg_class m on m.oid = w.ev_class and m.relkind = 'm'
        where d.classid = 'pg_catalog.pg_rewrite'::regclass and d.refobjid = rel) then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('RLS policies cannot be attached to "%s", a materialized view''s base table', tab);
    end if;
    -- "The table being attached should have all the columns listed in the WITH clause."
    select a->>'colname' into missing from redshift_local.rls_policies p, pg_catalog.jsonb_array_elements(p.polatts) a
    where p.polname = p_name and not exists (select 1 from pg_catalog.pg_attribute t
      where t.attrelid = rel and t.attname = a->>'colname' and t.attnum > 0 and not t.attisdropped)
    limit 1;
    if missing is not null then
      raise exception using errcode = '42703',
        message = pg_catalog.format('column "%s" of policy "%s" does not exist in relation "%s"', missing, p_name, tab);
    end if;
    -- ... with the type the WITH clause gives it (lengths and precisions are
    -- not compared: the pages do not say whether Redshift does).
    select pg_catalog.format('column "%s" of relation "%s" is %s, policy "%s" has %s', a->>'colname', tab,
        pg_catalog.format_type(t.atttypid, t.atttypmod), p_name, a->>'type') into mismatch
    from redshift_local.rls_policies p, pg_catalog.jsonb_array_elements(p.polatts) a, pg_catalog.pg_attribute t
    where p.polname = p_name and t.attrelid = rel and t.attname = a->>'colname' and t.attnum > 0
      and not t.attisdropped and t.atttypid is distinct from pg_catalog.to_regtype(a->>'type')
    limit 1;
    if mismatch is not null then
      raise exception using errcode = '42804',
        message = pg_catalog.format('the types of an RLS policy''s columns must match the relation''s: %s', mismatch);
    end if;
    -- "All policies attached to a table must have been created with the same table alias."
    if exists (select 1 from redshift_local.rls_attachments x join redshift_local.rls_policies p on p.polname = x.polname
        where x.relid = rel and p.polalias <> (select q.polalias from redshift_local.rls_policies q where q.polname = p_name)) then
      raise exception using errcode = '42P10',
        message = pg_catalog.format('policy "%s" has another table alias than the policies attached to relation "%s"', p_name, tab);
    end if;
    foreach who in array grantees loop
      -- Attached to a superuser or sys:secadmin, a policy is ignored (they see
      -- every row). Attaching it again to the same grantee changes nothing.
      insert into redshift_local.rls_attachments (polname, relid, grantee, grantor)
      values (p_name, rel, redshift_local.rls_grantee(who), session_user) on conflict do nothing;
    end loop;
    perform redshift_local.rls_rebuild(rel);
  end loop;
end
$$;

create or replace procedure redshift_local.rls_detach(p_name text, rels oid[], grantees text[])
language plpgsql security definer set search_path = pg_catalog as $$
declare
  rel oid;
  who text;
begin
  perform redshift_local.rls_require_admin('detach an RLS policy');
  perform redshift_local.rls_require_policy(p_name);
  foreach rel in array rels loop
    foreach who in array grantees loop
      delete from redshift_local.rls_attachments a
      where a.polname = p_name and a.relid = rel and a.grantee = redshift_local.rls_grantee(who);
    end loop;
    perform redshift_local.rls_rebuild(rel);
  end loop;
end
$$;

create or replace procedure redshift_local.rls_set(p_rel oid, on_ boolean, conj text)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  rel oid;
begin
  perform redshift_local.rls_require_admin('turn row-level security on or off');
  rel := redshift_local.rls_relation(p_rel);
  insert into redshift_local.rls_relations as x (relid, rls_on, conjunction)
  values (rel, on_, coalesce(conj, 'and'))
  on conflict (relid) do update set rls_on = on_, conjunction = coalesce(conj, x.conjunction);
  perform redshift_local.rls_rebuild(rel);
end
$$;

-- GRANT | REVOKE { IGNORE | EXPLAIN } RLS (r_GRANT.html), permission as written.
create or replace procedure redshift_local.rls_permission(p_grant boolean, permission text, grantees text[])
language plpgsql security definer set search_path = pg_catalog as $$
declare
  who text;
  id oid;
begin
  perform redshift_local.rls_require_admin(case when p_grant then 'grant ' else 'revoke ' end || permission);
  foreach who in array grantees loop
    if who = 'public' then
      raise exception using errcode = '42601', message = pg_catalog.format('%s cannot be granted to PUBLIC', permission);
    end if;
    id := redshift_local.rls_grantee(who);
    if permission = 'IGNORE RLS' and p_grant then
      insert into redshift_local.rls_ignore (grantee) values (id) on conflict do nothing;
    elsif permission = 'IGNORE RLS' then
      delete from redshift_local.rls_ignore i where i.grantee = id;
    elsif p_grant then
      insert into redshift_local.rls_explain (grantee) values (id) on conflict do nothing;
    else
      delete from redshift_local.rls_explain e where e.grantee = id;
    end if;
  end loop;
end
$$;

-- COPY into a relation row security filters for the user (PostgreSQL's COPY
-- FROM refuses it): the temporary staging table session/copy-row-security.ts
-- loads, with the types of the target's columns cols (run as the user).
create or replace function redshift_local.copy_stage(rel oid, cols text[]) returns void
language plpgsql volatile as $$
declare
  defs text;
begin
  select pg_catalog.string_agg(pg_catalog.format('%I %s', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)),
      ', ' order by c.ord) into defs
  from pg_catalog.unnest(cols) with ordinality c(name, ord)
  join pg_catalog.pg_attribute a on a.attrelid = rel and a.attname = c.name and a.attnum > 0 and not a.attisdropped;
  execute 'drop table if exists pg_temp.redshift_local_copy_stage';
  execute pg_catalog.format('create temporary table redshift_local_copy_stage (%s)', defs);
end
$$;

-- Whether a query of the session's user on relation rel is filtered by RLS.
create or replace function redshift_local.rls_filters(rel oid) returns boolean
language sql stable security definer set search_path = pg_catalog as $$
  select exists (select 1 from redshift_local.rls_relations x where x.relid = rel and x.rls_on)
    and not redshift_local.rls_ignores()
    and not coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = session_user), false)
$$;

-- A view or materialized view created over a table with RLS on would be
-- filtered as its owner sees the table (PostgreSQL's rule): refused.
create or replace function redshift_local.rls_guard_views() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  r record;
  protected text;
begin
  if not exists (select 1 from redshift_local.rls_relations x where x.rls_on) then
    return;
  end if;
  for r in select * from pg_catalog.pg_event_trigger_ddl_commands() loop
    continue when r.classid <> 'pg_catalog.pg_class'::regclass;
    select d.refobjid::regclass::text into protected
    from pg_catalog.pg_rewrite w
    join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = w.oid
    join redshift_local.rls_relations x on x.relid = d.refobjid and x.rls_on
    where w.ev_class = r.objid and d.refobjid <> r.objid
    limit 1;
    if protected is not null then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('a view over "%s", which has row-level security on, in the local emulator is not supported', protected),
        hint = '${LIMIT_HINT}';
    end if;
  end loop;
end
$$;
drop event trigger if exists redshift_local_rls_guard_views;
create event trigger redshift_local_rls_guard_views on ddl_command_end
  when tag in ('CREATE VIEW', 'CREATE MATERIALIZED VIEW', 'ALTER VIEW')
  execute function redshift_local.rls_guard_views();

-- A dropped table takes its RLS facts with it (a later table could get its OID).
create or replace function redshift_local.rls_forget_dropped() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
begin
  if not exists (select 1 from redshift_local.rls_relations) and not exists (select 1 from redshift_local.rls_attachments) then
    return;
  end if;
  delete from redshift_local.rls_attachments a using pg_catalog.pg_event_trigger_dropped_objects() d
  where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = a.relid;
  delete from redshift_local.rls_relations x using pg_catalog.pg_event_trigger_dropped_objects() d
  where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = x.relid;
end
$$;
drop event trigger if exists redshift_local_rls_forget_dropped;
create event trigger redshift_local_rls_forget_dropped on sql_drop
  execute function redshift_local.rls_forget_dropped();

-- A catalog rebuilt by another emulator version dropped its functions with
-- CASCADE, and with them the table policies that call rls_ignores(): they
-- are made again from the records, which the rebuild keeps.
do $rls$
declare
  r record;
begin
  for r in select x.relid from redshift_local.rls_relations x
      join pg_catalog.pg_class c on c.oid = x.relid loop
    perform redshift_local.rls_rebuild(r.relid);
  end loop;
end
$rls$;

revoke all on function redshift_local.rls_rebuild(oid) from public;
grant execute on function redshift_local.rls_admin(), redshift_local.rls_ignores(),
  redshift_local.rls_explains(), redshift_local.rls_filters(oid), redshift_local.rls_note(oid, text) to public;
grant execute on procedure redshift_local.rls_create(text, text[], text[], text, text, text),
  redshift_local.rls_alter(text, text, text), redshift_local.rls_drop(text, boolean, boolean),
  redshift_local.rls_attach(text, oid[], text[]), redshift_local.rls_detach(text, oid[], text[]),
  redshift_local.rls_set(oid, boolean, text), redshift_local.rls_permission(boolean, text, text[]) to public;

-- r_SVV_RLS_POLICY.html: superusers see every row, other users those they
-- created or modified. polqual is the predicate as written (Redshift shows
-- its own rendering of it).
create view pg_catalog.svv_rls_policy as
select pg_catalog.current_database()::text as poldb, p.polname, nullif(p.polalias, '') as polalias,
  (select '[' || coalesce(pg_catalog.string_agg(pg_catalog.format('{"colname":%s,"type":%s}',
      pg_catalog.to_json(a.value->>'colname'), pg_catalog.to_json(a.value->>'type')), ',' order by a.ordinality), '') || ']'
    from pg_catalog.jsonb_array_elements(p.polatts) with ordinality a) as polatts, p.polqual, true as polenabled, p.modified_by as polmodifiedby,
  p.modified_at::timestamp(0) as polmodifiedtime
from redshift_local.rls_policies p
where redshift_local.rls_admin() or p.modified_by = current_user;

-- r_SVV_RLS_RELATION.html: superusers see every row, other users the relations they own.
create view pg_catalog.svv_rls_relation as
select pg_catalog.current_database()::text as datname, n.nspname::text as relschema, c.relname::text as relname,
  'table'::text as relkind, x.rls_on as is_rls_on, false as is_rls_datashare_on,
  x.conjunction::character(3) as rls_conjunction_type, 'and'::character(3) as rls_datashare_conjunction_type
from redshift_local.rls_relations x
join pg_catalog.pg_class c on c.oid = x.relid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where redshift_local.rls_admin() or pg_catalog.pg_has_role(current_user, c.relowner, 'MEMBER');

-- r_SVV_RLS_ATTACHED_POLICY.html: sys:secadmin only (and superusers).
create view pg_catalog.svv_rls_attached_policy as
select n.nspname::text as relschema, c.relname::text as relname, 'table'::text as relkind, a.polname,
  a.grantor, case when a.grantee = 0 then 'public' else r.rolname::text end as grantee,
  case when a.grantee = 0 then 'public' else redshift_local.identity_kind(r.rolname) end as granteekind,
  true as is_pol_on, coalesce(x.rls_on, false) as is_rls_on,
  coalesce(x.conjunction, 'and')::character(3) as rls_conjunction_type
from redshift_local.rls_attachments a
join pg_catalog.pg_class c on c.oid = a.relid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_roles r on r.oid = a.grantee
left join redshift_local.rls_relations x on x.relid = a.relid;
revoke all on pg_catalog.svv_rls_attached_policy from public;
grant select on pg_catalog.svv_rls_attached_policy to "sys:secadmin";

-- r_SVV_RLS_APPLIED_POLICY.html: superusers and sys:operator only (the
-- emulator has no ACCESS SYSTEM TABLE permission). An UPDATE or DELETE
-- also reads the rows it changes: one row per statement, relation and
-- policy, with the command that changes them.
create view pg_catalog.svv_rls_applied_policy as
select a.username, q.query, q.xid, a.pid, a.recordtime, a.command,
  pg_catalog.current_database()::text as datname, a.relschema, a.relname, a.polname, a.poldefault
from (select distinct on (x.pid, x.recordtime, x.relschema, x.relname, x.polname)
    x.username, x.pid, x.recordtime, x.relschema, x.relname, x.polname, x.poldefault, x.command
  from redshift_local.rls_applied x
  order by x.pid, x.recordtime, x.relschema, x.relname, x.polname, x.command = 's') a
left join lateral (select l.query, l.xid from redshift_local.query_log l
  where l.pid = a.pid and l.starttime <= a.recordtime order by l.starttime desc, l.query desc limit 1) q on true
where redshift_local.is_superuser()
  or (exists (select 1 from pg_catalog.pg_roles r where r.rolname = 'sys:operator')
    and pg_catalog.pg_has_role(current_user, 'sys:operator', 'MEMBER'));
`
