/**
 * Dynamic data masking (t_ddm.html and its pages): the tables the
 * `redshift_local.mask_*` procedures write (the calls `sql/redshift-masking.ts`
 * makes of CREATE | ALTER | DROP | ATTACH | DETACH MASKING POLICY), the views
 * SVV_MASKING_POLICY and SVV_ATTACHED_MASKING_POLICY, the functions
 * MASK_GET_POLICY_FOR_ROLE_ON_COLUMN and MASK_GET_POLICY_FOR_USER_ON_COLUMN,
 * and what applies the masks.
 *
 * PostgreSQL has no column masking: the planner rewrites each read of a
 * table that may carry masking policies (`sql/masked-reads.ts`) to
 * `(select m.* from t as x, lateral redshift_local.mask_row(x, q) as m)`,
 * where `q`, computed once per statement by `mask_query`, is the select list
 * that gives each column of the row as the session's user sees it: the
 * column itself, or the expression of the highest-priority policy attached
 * to the column for the user, one of their roles or PUBLIC. Row-level
 * security filters the rows of `t` before (t_ddm-considerations.html: RLS
 * applies first). A view's query is rewritten the same way when the view is
 * created, so reading the view masks for the user who reads it; a view that
 * reads such a table otherwise (created before the table's first policy) and
 * a materialized view over one are emulator limits, as UPDATE, DELETE and
 * MERGE are when they read a column masked for the user, and a stored
 * procedure that names such a table (or runs dynamic SQL) called by a user a
 * policy applies to: its queries are not rewritten.
 *
 * The pages give none of the errors' words or SQLSTATEs; these use
 * PostgreSQL's codes for the same kind of fault (42704 missing, 42710
 * duplicate, 42501 privilege, 2BP01 still attached, 42804 type, 0A000 refused).
 */
export const MASKING_TABLES_SQL = `
create table if not exists redshift_local.mask_policies (
  polname text primary key,
  -- The WITH columns: [{"colname": ..., "type": ...}], types as format_type shows them.
  polatts jsonb not null,
  polexpr text not null,
  pgexpr text not null,
  modified_by text not null,
  modified_at timestamp not null
);

-- One row per masked column and grantee (0 is PUBLIC); incols are the
-- columns the policy's WITH columns read, in order.
create table if not exists redshift_local.mask_attachments (
  polname text not null references redshift_local.mask_policies,
  relid oid not null,
  attname text not null,
  incols text[] not null,
  -- The table's name when attached: the planner knows masked tables by name,
  -- so renaming one (or a column a policy reads) is refused.
  relname text not null,
  grantee oid not null,
  grantor text not null,
  priority int4 not null,
  primary key (relid, attname, grantee),
  unique (relid, attname, priority)
);
`

/** The views {@link MASKING_SQL} creates in pg_catalog (rows for superusers and sys:secadmin only). */
export const MASKING_VIEWS = [
  'svv_masking_policy',
  'svv_attached_masking_policy',
] as const

/** Names of the relations that carry masking policies, for the planner at startup. */
export const MASKED_TABLE_NAMES_SQL = `select distinct c.relname::text as name
from redshift_local.mask_attachments a join pg_catalog.pg_class c on c.oid = a.relid`

const LIMIT_HINT =
  'an emulator limit: PostgreSQL cannot run it with Redshift semantics'

// The procedures are security definers (the tables are not writable by
// users): who runs the statement is session_user; rls_admin() says whether
// it is a superuser or holds sys:secadmin, who alone manage the policies.
export const MASKING_SQL = `
-- Whether role id is grantee or a member of it, directly or through other
-- roles (pg_has_role says yes to a superuser for every role: a superuser
-- gets the policies attached to them, their roles and PUBLIC).
create or replace function redshift_local.mask_member(id oid, grantee oid) returns boolean
language sql stable set search_path = pg_catalog as $$
  with recursive up(r) as (
    select id
    union
    select m.roleid from pg_catalog.pg_auth_members m join up on m.member = up.r
  )
  select exists (select 1 from up where up.r = grantee)
$$;

-- A relation's name for messages.
create or replace function redshift_local.mask_relname(rel oid) returns text
language sql stable set search_path = pg_catalog as $$
  select c.relname::text from pg_catalog.pg_class c where c.oid = rel
$$;

create or replace function redshift_local.mask_require_admin(what text) returns void
language plpgsql stable set search_path = pg_catalog as $$
begin
  if not redshift_local.rls_admin() then
    raise exception using errcode = '42501',
      message = pg_catalog.format('permission denied: only a superuser or sys:secadmin can %s', what);
  end if;
end
$$;

create or replace function redshift_local.mask_require_policy(p_name text) returns void
language plpgsql stable set search_path = pg_catalog as $$
begin
  if not exists (select 1 from redshift_local.mask_policies p where p.polname = p_name) then
    raise exception using errcode = '42704', message = pg_catalog.format('masking policy "%s" does not exist', p_name);
  end if;
end
$$;

-- The policy's expression as a function of its WITH columns,
-- redshift_local."mask_fn_<md5 of the name>", with a SQL-standard body: its
-- names are resolved now, in the creator's search path, so that no function
-- a querying user creates later can stand in for one the mask calls. A wrong
-- expression fails at CREATE or ALTER.
create or replace function redshift_local.mask_fn(p_name text) returns text
language sql immutable set search_path = pg_catalog as $$
  select 'mask_fn_' || pg_catalog.md5(p_name)
$$;

create or replace function redshift_local.mask_define(p_name text, atts jsonb, pgexpr text, path text) returns void
language plpgsql volatile set search_path = pg_catalog as $$
declare
  args text;
  nulls text;
  rtype text;
  fn text := redshift_local.mask_fn(p_name);
  nl text := pg_catalog.chr(10);
begin
  select pg_catalog.string_agg(pg_catalog.format('%I %s', a->>'colname', a->>'type'), ', ' order by o),
      pg_catalog.string_agg(pg_catalog.format('null::%s as %I', a->>'type', a->>'colname'), ', ' order by o)
    into args, nulls from pg_catalog.jsonb_array_elements(atts) with ordinality x(a, o);
  perform pg_catalog.set_config('search_path',
    pg_catalog.replace(path, '"$user"', pg_catalog.quote_ident(session_user)), true);
  execute pg_catalog.format('select pg_catalog.format_type(pg_catalog.pg_typeof(e.v), null) from (select (%s) as v from (select %s) as mask_input) e',
    nl || pgexpr || nl, nulls) into rtype;
  if rtype in ('unknown', '"unknown"') then
    rtype := 'text';
  end if;
  if exists (select 1 from pg_catalog.pg_proc f where f.proname = fn and f.pronamespace = 'redshift_local'::regnamespace) then
    execute pg_catalog.format('drop function redshift_local.%I', fn);
  end if;
  execute pg_catalog.format('create function redshift_local.%I(%s) returns %s language sql stable begin atomic select (%s); end',
    fn, args, rtype, nl || pgexpr || nl);
  perform pg_catalog.set_config('search_path', 'pg_catalog', true);
end
$$;

create or replace procedure redshift_local.mask_create(p_name text, if_not_exists boolean, cols text[], types text[],
  written text, pgexpr text, path text)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  atts jsonb := '[]';
  i int;
begin
  perform redshift_local.mask_require_admin('create a masking policy');
  if exists (select 1 from redshift_local.mask_policies p where p.polname = p_name) then
    if if_not_exists then
      raise notice 'masking policy "%" already exists, skipping', p_name;
      return;
    end if;
    raise exception using errcode = '42710', message = pg_catalog.format('masking policy "%s" already exists', p_name);
  end if;
  for i in 1 .. coalesce(pg_catalog.array_length(cols, 1), 0) loop
    if pg_catalog.to_regtype(types[i]) is null then
      raise exception using errcode = '42704', message = pg_catalog.format('type "%s" does not exist', types[i]);
    end if;
    atts := atts || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('colname', cols[i],
      'type', pg_catalog.format_type(pg_catalog.to_regtype(types[i]), pg_catalog.to_regtypemod(types[i]))));
  end loop;
  perform redshift_local.mask_define(p_name, atts, pgexpr, path);
  insert into redshift_local.mask_policies (polname, polatts, polexpr, pgexpr, modified_by, modified_at)
  values (p_name, atts, written, pgexpr, session_user, pg_catalog.statement_timestamp() at time zone 'UTC');
end
$$;

-- r_ALTER_MASKING_POLICY.html: a new expression over the same WITH columns.
create or replace procedure redshift_local.mask_alter(p_name text, written text, pgexpr text, path text)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  r record;
begin
  perform redshift_local.mask_require_admin('alter a masking policy');
  perform redshift_local.mask_require_policy(p_name);
  perform redshift_local.mask_define(p_name, (select p.polatts from redshift_local.mask_policies p where p.polname = p_name),
    pgexpr, path);
  update redshift_local.mask_policies p set polexpr = written, pgexpr = mask_alter.pgexpr, modified_by = session_user,
    modified_at = pg_catalog.statement_timestamp() at time zone 'UTC'
  where p.polname = p_name;
  for r in select a.relid, a.attname, a.incols from redshift_local.mask_attachments a where a.polname = p_name loop
    perform redshift_local.mask_check_output(p_name, r.relid, r.attname, r.incols);
  end loop;
end
$$;

-- r_DROP_MASKING_POLICY.html: not while it is attached to a table.
create or replace procedure redshift_local.mask_drop(p_name text)
language plpgsql security definer set search_path = pg_catalog as $$
begin
  perform redshift_local.mask_require_admin('drop a masking policy');
  perform redshift_local.mask_require_policy(p_name);
  if exists (select 1 from redshift_local.mask_attachments a where a.polname = p_name) then
    raise exception using errcode = '2BP01',
      message = pg_catalog.format('cannot drop masking policy "%s" because it is attached to a relation', p_name);
  end if;
  delete from redshift_local.mask_policies p where p.polname = p_name;
  execute pg_catalog.format('drop function redshift_local.%I', redshift_local.mask_fn(p_name));
end
$$;

-- Whether view v reads relation rel other than through the planner's
-- rewrite of a read (sql/masked-reads.ts): each range table entry of rel in
-- the view's stored query must be the one aliased redshift_masked that the
-- function entry redshift_local.mask_row follows, which no client can write
-- (clients cannot name redshift_local). The stored query is PostgreSQL's
-- text form of the tree; an entry it cannot match counts as unmasked.
create or replace function redshift_local.mask_reads_unmasked(v oid, rel oid) returns boolean
language plpgsql stable set search_path = pg_catalog as $$
declare
  tree text;
  reads int;
  masked int;
  fn oid := 'redshift_local.mask_row(anyelement, text)'::pg_catalog.regprocedure;
begin
  select pg_catalog.string_agg(w.ev_action::text, ' ') into tree from pg_catalog.pg_rewrite w where w.ev_class = v;
  if tree is null then
    return false;
  end if;
  select pg_catalog.count(*) into reads from pg_catalog.regexp_matches(tree, ':rtekind 0 :relid ' || rel || ' ', 'g');
  select pg_catalog.count(*) into masked from pg_catalog.regexp_matches(tree,
    '[{]RANGETBLENTRY :alias [{]ALIAS :aliasname redshift_masked :colnames <>[}] :eref [{]ALIAS :aliasname redshift_masked :colnames [(][^)]*[)][}] :rtekind 0 :relid '
      || rel || ' [^{}]*[}] [{]RANGETBLENTRY :alias [{]ALIAS :aliasname redshift_mask :colnames <>[}] :eref [{]ALIAS :aliasname redshift_mask :colnames [(][^)]*[)][}] :rtekind 3 :functions [(][{]RANGETBLFUNCTION :funcexpr [{]FUNCEXPR :funcid '
      || fn || ' ', 'g');
  return reads > masked;
end
$$;

-- The first view or materialized view that reads rel unmasked (see
-- mask_reads_unmasked; a materialized view holds rows computed for whoever
-- refreshed it), or null.
create or replace function redshift_local.mask_unmasked_reader(rel oid) returns oid
language sql stable set search_path = pg_catalog as $$
  select w.ev_class from pg_catalog.pg_depend d
  join pg_catalog.pg_rewrite w on w.oid = d.objid
  join pg_catalog.pg_class k on k.oid = w.ev_class
  where d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass and d.refobjid = rel and w.ev_class <> rel
    and (k.relkind = 'm' or redshift_local.mask_reads_unmasked(w.ev_class, rel))
  order by w.ev_class limit 1
$$;

-- Whether a late-binding view's kept query q may name table tab other than
-- in the planner's rewrite of a read ("tab as redshift_masked cross join
-- lateral redshift_local.mask_row(...", which names it once more, in
-- mask_query's argument): counted by words, so a quoted name with other
-- characters is not seen (such a view, bound later, is refused then).
create or replace function redshift_local.mask_names_unmasked(q text, tab text) returns boolean
language sql immutable set search_path = pg_catalog as $$
  with words as (
    select x.w, pg_catalog.array_to_string(array[
        pg_catalog.lead(x.w, 1) over (order by x.o), pg_catalog.lead(x.w, 2) over (order by x.o),
        pg_catalog.lead(x.w, 3) over (order by x.o), pg_catalog.lead(x.w, 4) over (order by x.o),
        pg_catalog.lead(x.w, 5) over (order by x.o), pg_catalog.lead(x.w, 6) over (order by x.o),
        pg_catalog.lead(x.w, 7) over (order by x.o)], ' ') as next
    from pg_catalog.regexp_split_to_table(pg_catalog.lower(q), '[^a-z0-9_$]+') with ordinality x(w, o)
  )
  select pg_catalog.count(*) filter (where w.w = pg_catalog.lower(tab))
    > 2 * pg_catalog.count(*) filter (where w.w = pg_catalog.lower(tab)
      and w.next = 'as redshift_masked cross join lateral redshift_local mask_row')
  from words w
$$;

-- The first late-binding view whose kept query may read table tab unmasked
-- (it binds again after later DDL, bound or not now), or null.
create or replace function redshift_local.mask_unmasked_late_binding(tab text) returns oid
language sql stable set search_path = pg_catalog as $$
  select l.relid from redshift_local.late_binding_views l
  join pg_catalog.pg_class k on k.oid = l.relid
  where redshift_local.mask_names_unmasked(l.query, tab)
  order by l.relid limit 1
$$;

-- A relation that may carry masking policies: a permanent user table that no
-- view reads unmasked (a view created before the table's first policy reads
-- it as it is; one created after reads it through mask_row).
create or replace function redshift_local.mask_relation(rel oid) returns oid
language plpgsql stable set search_path = pg_catalog as $$
declare
  c record;
  tab text := redshift_local.mask_relname(rel);
  reader oid;
begin
  select k.relkind, k.relpersistence, k.relnamespace into c from pg_catalog.pg_class k where k.oid = rel;
  if c.relkind in ('v', 'm') then
    raise exception using errcode = '0A000',
      message = 'masking policies on views and materialized views in the local emulator is not supported',
      hint = '${LIMIT_HINT}';
  end if;
  if c.relkind not in ('r', 'p') or c.relpersistence = 't'
      or c.relnamespace in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace) then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('masking policies cannot be attached to relation "%s"', tab);
  end if;
  reader := coalesce(redshift_local.mask_unmasked_reader(rel), redshift_local.mask_unmasked_late_binding(tab));
  if reader is not null and (select k.relkind from pg_catalog.pg_class k where k.oid = reader) = 'm' then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('masking policies on "%s", which materialized view "%s" reads, in the local emulator is not supported',
        tab, redshift_local.mask_relname(reader)),
      hint = '${LIMIT_HINT}';
  elsif reader is not null then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('masking policies on "%s", which view "%s" created before its first ATTACH MASKING POLICY reads, in the local emulator is not supported (create the view again, then attach)',
        tab, redshift_local.mask_relname(reader)),
      hint = '${LIMIT_HINT}';
  end if;
  return rel;
end
$$;

-- Whether a policy input of type want may read a column of type have
-- (t_ddm-considerations.html): the same type, an integer policy on a
-- narrower integer column, a NUMERIC policy on a FLOAT column; a string
-- policy must hold the column's longest value.
create or replace function redshift_local.mask_input_fits(want text, have_type oid, have_mod int4) returns boolean
language sql stable set search_path = pg_catalog as $$
  select case
    when pg_catalog.to_regtype(want) = have_type then
      pg_catalog.to_regtypemod(want) < 0 or have_mod < 0 and have_type not in ('varchar'::regtype, 'bpchar'::regtype)
        or have_mod >= 0 and pg_catalog.to_regtypemod(want) >= have_mod
        or have_type = 'numeric'::regtype
    when pg_catalog.to_regtype(want) = 'int8'::regtype then have_type in ('int2'::regtype, 'int4'::regtype)
    when pg_catalog.to_regtype(want) = 'int4'::regtype then have_type = 'int2'::regtype
    when pg_catalog.to_regtype(want) = 'numeric'::regtype then have_type in ('float4'::regtype, 'float8'::regtype)
    else false end
$$;

-- The policy's output must suit the masked column (t_ddm-considerations.html):
-- a value of the column's kind, and, for a string column, no longer than it
-- (checked here for what the expression gives for null inputs: a constant
-- mask; a longer value at query time fails as an INSERT of it would).
create or replace function redshift_local.mask_check_output(p_name text, rel oid, col text, incols text[]) returns void
language plpgsql volatile set search_path = pg_catalog as $$
declare
  p record;
  t record;
  sel text;
  kind text;
  tname text;
  v text;
begin
  select * into p from redshift_local.mask_policies x where x.polname = p_name;
  select a.atttypid, a.atttypmod, y.typcategory into t from pg_catalog.pg_attribute a
    join pg_catalog.pg_type y on y.oid = a.atttypid
  where a.attrelid = rel and a.attname = col and a.attnum > 0 and not a.attisdropped;
  select pg_catalog.string_agg(pg_catalog.format('null::%s', a->>'type'), ', ' order by o)
    into sel from pg_catalog.jsonb_array_elements(p.polatts) with ordinality x(a, o);
  select y.typcategory::text, pg_catalog.format_type(y.oid, null) into kind, tname
  from pg_catalog.pg_proc f join pg_catalog.pg_type y on y.oid = f.prorettype
  where f.proname = redshift_local.mask_fn(p_name) and f.pronamespace = 'redshift_local'::regnamespace;
  execute pg_catalog.format('select (redshift_local.%I(%s))::text', redshift_local.mask_fn(p_name), sel) into v;
  if kind is distinct from t.typcategory::text then
    raise exception using errcode = '42804',
      message = pg_catalog.format('masking policy "%s" gives %s values, column "%s" of relation "%s" is %s', p_name,
        tname, col, redshift_local.mask_relname(rel),
        pg_catalog.format_type(t.atttypid, t.atttypmod));
  end if;
  if v is not null and t.atttypid in ('varchar'::regtype, 'bpchar'::regtype) and t.atttypmod >= 4
      and pg_catalog.octet_length(v) > t.atttypmod - 4 then
    raise exception using errcode = '22001',
      message = pg_catalog.format('masking policy "%s" gives values longer than column "%s" of relation "%s" (%s)', p_name,
        col, redshift_local.mask_relname(rel), pg_catalog.format_type(t.atttypid, t.atttypmod));
  end if;
end
$$;

-- r_ATTACH_MASKING_POLICY.html, for one output column and one grantee
-- ('public', 'user:name' or 'role:name').
create or replace procedure redshift_local.mask_attach(p_name text, p_rel oid, outcols text[], p_incols text[],
  who text, p_priority int4)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  rel oid;
  tab text;
  col text;
  incols text[] := coalesce(p_incols, outcols);
  atts jsonb;
  i int;
  t record;
  id oid;
begin
  perform redshift_local.mask_require_admin('attach a masking policy');
  perform redshift_local.mask_require_policy(p_name);
  rel := redshift_local.mask_relation(p_rel);
  tab := redshift_local.mask_relname(rel);
  if pg_catalog.array_length(outcols, 1) <> 1 then
    raise exception using errcode = '0A000',
      message = 'masking policies with more than one output column in the local emulator is not supported',
      hint = '${LIMIT_HINT}';
  end if;
  col := outcols[1];
  select p.polatts into atts from redshift_local.mask_policies p where p.polname = p_name;
  if pg_catalog.jsonb_array_length(atts) <> coalesce(pg_catalog.array_length(incols, 1), 0) then
    raise exception using errcode = '42601',
      message = pg_catalog.format('masking policy "%s" takes %s input columns, %s given', p_name,
        pg_catalog.jsonb_array_length(atts), coalesce(pg_catalog.array_length(incols, 1), 0));
  end if;
  foreach col in array outcols || incols loop
    if not exists (select 1 from pg_catalog.pg_attribute a
        where a.attrelid = rel and a.attname = col and a.attnum > 0 and not a.attisdropped) then
      raise exception using errcode = '42703',
        message = pg_catalog.format('column "%s" of relation "%s" does not exist', col, tab);
    end if;
  end loop;
  col := outcols[1];
  for i in 1 .. pg_catalog.array_length(incols, 1) loop
    select a.atttypid, a.atttypmod into t from pg_catalog.pg_attribute a
    where a.attrelid = rel and a.attname = incols[i] and a.attnum > 0 and not a.attisdropped;
    if not redshift_local.mask_input_fits(atts->(i - 1)->>'type', t.atttypid, t.atttypmod) then
      raise exception using errcode = '42804',
        message = pg_catalog.format('column "%s" of relation "%s" is %s, masking policy "%s" takes %s', incols[i], tab,
          pg_catalog.format_type(t.atttypid, t.atttypmod), p_name, atts->(i - 1)->>'type');
    end if;
  end loop;
  perform redshift_local.mask_check_output(p_name, rel, col, incols);
  id := redshift_local.rls_grantee(who);
  if exists (select 1 from redshift_local.mask_attachments a where a.relid = rel and a.attname = col and a.grantee = id) then
    raise exception using errcode = '42710',
      message = pg_catalog.format('a masking policy is already attached to column "%s" of relation "%s" for %s', col, tab,
        case when id = 0 then 'PUBLIC' else pg_catalog.format('"%s"', pg_catalog.substr(who, pg_catalog.strpos(who, ':') + 1)) end);
  end if;
  if exists (select 1 from redshift_local.mask_attachments a where a.relid = rel and a.attname = col and a.priority = p_priority) then
    raise exception using errcode = '42710',
      message = pg_catalog.format('a masking policy with priority %s is already attached to column "%s" of relation "%s"',
        p_priority, col, tab);
  end if;
  insert into redshift_local.mask_attachments (polname, relid, attname, incols, relname, grantee, grantor, priority)
  values (p_name, rel, col, incols, (select k.relname from pg_catalog.pg_class k where k.oid = rel), id, session_user,
    p_priority);
end
$$;

create or replace procedure redshift_local.mask_detach(p_name text, rel oid, outcols text[], who text)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  id oid;
  col text;
begin
  perform redshift_local.mask_require_admin('detach a masking policy');
  perform redshift_local.mask_require_policy(p_name);
  id := redshift_local.rls_grantee(who);
  foreach col in array outcols loop
    delete from redshift_local.mask_attachments a
    where a.polname = p_name and a.relid = rel and a.attname = col and a.grantee = id;
    if not found then
      raise exception using errcode = '42704',
        message = pg_catalog.format('masking policy "%s" is not attached to column "%s" of relation "%s" for %s', p_name,
          col, redshift_local.mask_relname(rel), case when id = 0 then 'PUBLIC' else pg_catalog.format('"%s"', pg_catalog.substr(who, pg_catalog.strpos(who, ':') + 1)) end);
    end if;
  end loop;
end
$$;

-- The policy that applies to column col of rel for role id (and the roles
-- it is a member of, and PUBLIC): the highest priority one.
create or replace function redshift_local.mask_policy_for(rel oid, col text, id oid) returns text
language sql stable security definer set search_path = pg_catalog as $$
  select a.polname from redshift_local.mask_attachments a
  where a.relid = rel and a.attname = col and (a.grantee = 0 or redshift_local.mask_member(id, a.grantee))
  order by a.priority desc limit 1
$$;

-- The select list mask_row runs over a row of rel ($1) as the session's user
-- sees it; null when no policy applies to the user.
create or replace function redshift_local.mask_query(rel oid) returns text
language plpgsql stable security definer set search_path = pg_catalog as $$
declare
  a record;
  p record;
  sel text := '';
  expr text;
  inputs text;
  masked boolean := false;
  me oid := (select r.oid from pg_catalog.pg_roles r where r.rolname = session_user);
begin
  if not exists (select 1 from redshift_local.mask_attachments x where x.relid = rel) then
    return null;
  end if;
  for a in select t.attname, t.atttypid, t.atttypmod from pg_catalog.pg_attribute t
      where t.attrelid = rel and t.attnum > 0 and not t.attisdropped order by t.attnum loop
    select x.incols, y.polatts, y.polname into p from redshift_local.mask_attachments x
      join redshift_local.mask_policies y on y.polname = x.polname
    where x.relid = rel and x.attname = a.attname
      and x.polname = redshift_local.mask_policy_for(rel, a.attname, me)
    limit 1;
    if not found then
      expr := pg_catalog.format('($1).%I', a.attname);
    else
      masked := true;
      select pg_catalog.string_agg(pg_catalog.format('(($1).%I)::%s', c.col, w->>'type'), ', ' order by c.o)
        into inputs from pg_catalog.unnest(p.incols) with ordinality c(col, o)
        join pg_catalog.jsonb_array_elements(p.polatts) with ordinality v(w, o2) on v.o2 = c.o;
      expr := pg_catalog.format('redshift_local.%I(%s)', redshift_local.mask_fn(p.polname), inputs);
      if a.atttypid in ('varchar'::regtype, 'bpchar'::regtype) and a.atttypmod >= 4 then
        expr := pg_catalog.format('redshift_local.mask_fit((%s)::text, %s)', expr, a.atttypmod - 4);
      end if;
      expr := pg_catalog.format('(%s)::%s', expr, pg_catalog.format_type(a.atttypid, a.atttypmod));
    end if;
    sel := sel || case when sel = '' then '' else ', ' end || expr;
  end loop;
  return case when masked then 'select ' || sel end;
end
$$;

-- A masked value longer than its string column fails, as storing it would.
create or replace function redshift_local.mask_fit(v text, n int4) returns text
language plpgsql immutable set search_path = pg_catalog as $$
begin
  if pg_catalog.octet_length(v) > n then
    raise exception using errcode = '22001',
      message = pg_catalog.format('value too long for type character varying(%s)', n);
  end if;
  return v;
end
$$;

-- The row r as the user sees it: the select list q (mask_query) over it.
create or replace function redshift_local.mask_row(r anyelement, q text) returns anyelement
language plpgsql stable set search_path = pg_catalog as $$
begin
  if q is null then
    return r;
  end if;
  execute q into r using r;
  return r;
end
$$;

-- UPDATE, DELETE and MERGE read their target's columns unmasked: refused
-- when one of the columns the statement names (cols; '*' for the whole row)
-- is masked for the user.
create or replace function redshift_local.mask_target_guard(rel oid, cols text[]) returns boolean
language plpgsql stable security definer set search_path = pg_catalog as $$
declare
  col text;
  me oid := (select r.oid from pg_catalog.pg_roles r where r.rolname = session_user);
begin
  select a.attname::text into col from pg_catalog.pg_attribute a
  where a.attrelid = rel and a.attnum > 0 and not a.attisdropped
    and (a.attname = any (cols) or '*' = any (cols))
    and redshift_local.mask_policy_for(rel, a.attname, me) is not null
  order by a.attnum limit 1;
  if col is not null then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('UPDATE, DELETE or MERGE that reads column "%s" of relation "%s", which a masking policy masks for the user, in the local emulator is not supported',
        col, redshift_local.mask_relname(rel)),
      hint = '${LIMIT_HINT}';
  end if;
  return true;
end
$$;

-- A procedure's queries are not rewritten: a procedure whose body names a
-- table (names) with a masking policy that applies to the user, or that runs
-- dynamic SQL while one applies to them, is refused as it starts.
create or replace function redshift_local.mask_call_guard(dynamic boolean, names text[]) returns boolean
language plpgsql stable security definer set search_path = pg_catalog as $$
begin
  if exists (select 1 from redshift_local.mask_attachments a join pg_catalog.pg_roles r on r.rolname = session_user
      where (a.grantee = 0 or redshift_local.mask_member(r.oid, a.grantee))
        and (dynamic or a.relname = any (names))) then
    raise exception using errcode = '0A000',
      message = 'a stored procedure that reads a table with masking policies that apply to the user in the local emulator is not supported',
      hint = '${LIMIT_HINT}';
  end if;
  return true;
end
$$;

-- A view over a table with masking policies must read it through the
-- planner's rewrite (mask_reads_unmasked), which masks for the user who reads
-- the view (t_ddm-considerations.html); a materialized view over one holds
-- the rows as whoever refreshed it saw them: refused.
create or replace function redshift_local.mask_guard_views() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  r record;
  masked oid;
  kind "char";
begin
  if not exists (select 1 from redshift_local.mask_attachments) then
    return;
  end if;
  for r in select * from pg_catalog.pg_event_trigger_ddl_commands() loop
    continue when r.classid <> 'pg_catalog.pg_class'::regclass;
    select k.relkind into kind from pg_catalog.pg_class k where k.oid = r.objid;
    select d.refobjid into masked
    from pg_catalog.pg_rewrite w
    join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = w.oid
    where w.ev_class = r.objid and d.refobjid <> r.objid
      and exists (select 1 from redshift_local.mask_attachments a where a.relid = d.refobjid)
      and (kind = 'm' or redshift_local.mask_reads_unmasked(r.objid, d.refobjid))
    limit 1;
    if masked is not null and kind = 'm' then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('a materialized view over "%s", which has masking policies attached, in the local emulator is not supported',
          redshift_local.mask_relname(masked)),
        hint = '${LIMIT_HINT}';
    elsif masked is not null then
      raise exception using errcode = '0A000',
        message = pg_catalog.format('a view over "%s", which has masking policies attached, whose query the emulator did not rewrite to mask it, in the local emulator is not supported',
          redshift_local.mask_relname(masked)),
        hint = '${LIMIT_HINT}';
    end if;
  end loop;
end
$$;
drop event trigger if exists redshift_local_mask_guard_views;
create event trigger redshift_local_mask_guard_views on ddl_command_end
  when tag in ('CREATE VIEW', 'CREATE MATERIALIZED VIEW', 'ALTER VIEW')
  execute function redshift_local.mask_guard_views();

-- A dropped table, or a dropped masked column, takes its attachments with
-- it (a later table could get its OID). Dropping a column a remaining
-- policy reads is refused: the column it masks would be shown unmasked.
create or replace function redshift_local.mask_forget_dropped() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  r record;
begin
  if not exists (select 1 from redshift_local.mask_attachments) then
    return;
  end if;
  delete from redshift_local.mask_attachments a using pg_catalog.pg_event_trigger_dropped_objects() d
  where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = a.relid and d.objsubid = 0;
  delete from redshift_local.mask_attachments a
  where not exists (select 1 from pg_catalog.pg_attribute t where t.attrelid = a.relid and t.attname = a.attname
    and t.attnum > 0 and not t.attisdropped);
  select a.relid, a.attname, a.polname into r from redshift_local.mask_attachments a, pg_catalog.unnest(a.incols) c
  where not exists (select 1 from pg_catalog.pg_attribute t where t.attrelid = a.relid and t.attname = c
    and t.attnum > 0 and not t.attisdropped) limit 1;
  if found then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('dropping a column masking policy "%s" reads for column "%s" of relation "%s" in the local emulator is not supported',
        r.polname, r.attname, redshift_local.mask_relname(r.relid)),
      hint = '${LIMIT_HINT}';
  end if;
end
$$;
drop event trigger if exists redshift_local_mask_forget_dropped;
create event trigger redshift_local_mask_forget_dropped on sql_drop
  execute function redshift_local.mask_forget_dropped();

-- Renaming a table with masking policies attached, or a column one reads or masks.
create or replace function redshift_local.mask_guard_renames() returns event_trigger
language plpgsql security definer set search_path = pg_catalog as $$
declare
  r record;
begin
  if not exists (select 1 from redshift_local.mask_attachments) then
    return;
  end if;
  select a.relname into r from redshift_local.mask_attachments a join pg_catalog.pg_class k on k.oid = a.relid
  where k.relname <> a.relname
    or exists (select 1 from pg_catalog.unnest(a.incols || a.attname) c where not exists (select 1
      from pg_catalog.pg_attribute t where t.attrelid = a.relid and t.attname = c and t.attnum > 0 and not t.attisdropped))
  limit 1;
  if found then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('renaming relation "%s" or a column of it that a masking policy reads or masks in the local emulator is not supported', r.relname),
      hint = '${LIMIT_HINT}';
  end if;
end
$$;
drop event trigger if exists redshift_local_mask_guard_renames;
create event trigger redshift_local_mask_guard_renames on ddl_command_end
  when tag in ('ALTER TABLE')
  execute function redshift_local.mask_guard_renames();

revoke all on function redshift_local.mask_check_output(text, oid, text, text[]) from public;
grant execute on function redshift_local.mask_query(oid), redshift_local.mask_row(anyelement, text),
  redshift_local.mask_fit(text, int4), redshift_local.mask_target_guard(oid, text[]),
  redshift_local.mask_call_guard(boolean, text[]) to public;
grant execute on procedure redshift_local.mask_create(text, boolean, text[], text[], text, text, text),
  redshift_local.mask_alter(text, text, text, text), redshift_local.mask_drop(text),
  redshift_local.mask_attach(text, oid, text[], text[], text, int4),
  redshift_local.mask_detach(text, oid, text[], text) to public;

-- r_SVV_MASKING_POLICY.html: superusers and sys:secadmin see the rows.
-- policy_expression is the expression as written.
create view pg_catalog.svv_masking_policy as
select pg_catalog.current_database()::text as policy_database, p.polname as policy_name,
  (select '[' || coalesce(pg_catalog.string_agg(pg_catalog.format('{"colname":%s,"type":%s}',
      pg_catalog.to_json(a.value->>'colname'), pg_catalog.to_json(a.value->>'type')), ',' order by a.ordinality), '') || ']'
    from pg_catalog.jsonb_array_elements(p.polatts) with ordinality a) as input_columns,
  p.polexpr as policy_expression, p.modified_by as policy_modified_by,
  p.modified_at::timestamp(0) as policy_modified_time
from redshift_local.mask_policies p
where redshift_local.rls_admin();

-- r_SVV_ATTACHED_MASKING_POLICY.html: superusers and sys:secadmin see the rows.
create view pg_catalog.svv_attached_masking_policy as
select a.polname as policy_name, n.nspname::text as schema_name, c.relname::text as table_name,
  'table'::text as table_type, a.grantor,
  case when a.grantee = 0 then 'public' else r.rolname::text end as grantee,
  case when a.grantee = 0 then 'public' else redshift_local.identity_kind(r.rolname) end as grantee_type,
  a.priority,
  '[' || (select pg_catalog.string_agg(pg_catalog.to_json(i.col)::text, ',' order by i.o)
    from pg_catalog.unnest(a.incols) with ordinality i(col, o)) || ']' as input_columns,
  '[' || pg_catalog.to_json(a.attname)::text || ']' as output_columns,
  false as is_masking_datashare_on
from redshift_local.mask_attachments a
join pg_catalog.pg_class c on c.oid = a.relid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_roles r on r.oid = a.grantee
where redshift_local.rls_admin();

-- r_SVV_ATTACHED_MASKING_POLICY.html's internal functions: the highest
-- priority policy for a column and a role or a user (null when none).
create or replace function pg_catalog.mask_get_policy_for_role_on_column(relschema text, relname text, colname text,
  rolename text) returns text
language sql stable security definer set search_path = pg_catalog as $$
  select redshift_local.mask_policy_for(c.oid, colname, r.oid)
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_roles r on r.rolname = rolename and not r.rolcanlogin
  where n.nspname = relschema and c.relname = mask_get_policy_for_role_on_column.relname and redshift_local.rls_admin()
$$;

create or replace function pg_catalog.mask_get_policy_for_user_on_column(relschema text, relname text, colname text,
  username text) returns text
language sql stable security definer set search_path = pg_catalog as $$
  select redshift_local.mask_policy_for(c.oid, colname, r.oid)
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_roles r on r.rolname = username and r.rolcanlogin
  where n.nspname = relschema and c.relname = mask_get_policy_for_user_on_column.relname and redshift_local.rls_admin()
$$;
`
