/**
 * Rebuilding the catalog drops the emulator's own functions and views with
 * CASCADE (their signatures may change between versions), and CASCADE also
 * takes every user object that depends on them: a view that calls ADD_MONTHS,
 * the VARBYTE(n) / DATE checks and the read-only triggers of views, a
 * column default. A database kept across emulator versions must lose none of
 * them, so the install script records their definitions first
 * (`KEEP_USER_OBJECTS_SQL`) and, once the emulator's objects exist again,
 * recreates the ones that are gone (`RESTORE_USER_OBJECTS_SQL`), in creation
 * order, with their owners, grants and comments, and points the emulator's
 * bookkeeping rows at the recreated relations.
 *
 * Both run inside the install transaction with `search_path = pg_catalog`, so
 * the recorded definitions name user objects with their schema. An object
 * that cannot be recreated fails the install, naming it: silently starting
 * without it would lose it.
 */

/** User schemas: not PostgreSQL's, not the emulator's, not temporary. */
const USER_NAMESPACE = `n.nspname not in ('pg_catalog', 'information_schema', 'redshift_local')
    and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'`

export const KEEP_USER_OBJECTS_SQL = `
create temp table redshift_local_kept (
  seq int4 generated always as identity,
  kind text not null,
  old_oid oid not null,
  name text not null,
  ddl text not null
) on commit drop;
insert into pg_temp.redshift_local_kept (kind, old_oid, name, ddl)
select 'relation', c.oid, c.oid::regclass::text,
  pg_catalog.format('create %sview %s%s as %s%s',
    case c.relkind when 'm' then 'materialized ' else '' end,
    c.oid::regclass,
    case when c.reloptions is null then ''
      else pg_catalog.format(' with (%s)', pg_catalog.array_to_string(c.reloptions, ', ')) end,
    pg_catalog.rtrim(pg_catalog.pg_get_viewdef(c.oid), ';'),
    case when c.relkind <> 'm' then '' when c.relispopulated then ' with data' else ' with no data' end)
from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v', 'm') and ${USER_NAMESPACE}
order by c.oid;
insert into pg_temp.redshift_local_kept (kind, old_oid, name, ddl)
select k.kind, c.oid, c.oid::regclass::text, k.ddl
from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
cross join lateral (
  select 'owner' as kind, pg_catalog.format('alter %s %s owner to %I',
    case c.relkind when 'm' then 'materialized view' else 'view' end, c.oid::regclass,
    pg_catalog.pg_get_userbyid(c.relowner)) as ddl
  union all
  select 'grant', pg_catalog.format('grant %s on %s to %s%s', a.privilege_type, c.oid::regclass,
    case a.grantee when 0 then 'public' else pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) end,
    case when a.is_grantable then ' with grant option' else '' end)
  from pg_catalog.aclexplode(c.relacl) a
  where a.grantee <> c.relowner
  union all
  select 'comment', pg_catalog.format('comment on %s %s is %L',
    case c.relkind when 'm' then 'materialized view' else 'view' end, c.oid::regclass, d.description)
  from pg_catalog.pg_description d
  where d.objoid = c.oid and d.classoid = 'pg_catalog.pg_class'::regclass and d.objsubid = 0
) k
where c.relkind in ('v', 'm') and ${USER_NAMESPACE}
order by c.oid;
insert into pg_temp.redshift_local_kept (kind, old_oid, name, ddl)
select 'constraint', con.oid, con.conname,
  pg_catalog.format('alter table %s add constraint %I %s', con.conrelid::regclass, con.conname,
    pg_catalog.pg_get_constraintdef(con.oid))
from pg_catalog.pg_constraint con
join pg_catalog.pg_class c on c.oid = con.conrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where con.contype = 'c' and ${USER_NAMESPACE}
order by con.oid;
insert into pg_temp.redshift_local_kept (kind, old_oid, name, ddl)
select 'default', d.oid, pg_catalog.format('%s.%I', d.adrelid::regclass, a.attname),
  pg_catalog.format('alter table %s alter column %I set default %s', d.adrelid::regclass, a.attname,
    pg_catalog.pg_get_expr(d.adbin, d.adrelid))
from pg_catalog.pg_attrdef d
join pg_catalog.pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
join pg_catalog.pg_class c on c.oid = d.adrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where a.attgenerated = '' and ${USER_NAMESPACE}
order by d.oid;
insert into pg_temp.redshift_local_kept (kind, old_oid, name, ddl)
select 'index', i.indexrelid, i.indexrelid::regclass::text, pg_catalog.pg_get_indexdef(i.indexrelid)
from pg_catalog.pg_index i
join pg_catalog.pg_class c on c.oid = i.indrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where ${USER_NAMESPACE}
  and not exists (select 1 from pg_catalog.pg_constraint con where con.conindid = i.indexrelid)
order by i.indexrelid;
insert into pg_temp.redshift_local_kept (kind, old_oid, name, ddl)
select 'trigger', t.oid, pg_catalog.format('%s on %s', t.tgname, t.tgrelid::regclass),
  pg_catalog.pg_get_triggerdef(t.oid)
from pg_catalog.pg_trigger t
join pg_catalog.pg_class c on c.oid = t.tgrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where not t.tgisinternal and ${USER_NAMESPACE}
  -- the emulator's own, created again with the catalog (mv-views.ts)
  and t.tgname <> 'redshift_local_mv_changes'
order by t.oid;
`

export const RESTORE_USER_OBJECTS_SQL = `
set local session_replication_role = replica;
do $restore$
declare
  r record;
  fresh oid;
begin
  for r in
    select k.* from pg_temp.redshift_local_kept k
    where not exists (
      select 1 from pg_catalog.pg_class c
      where c.oid = k.old_oid and k.kind in ('relation', 'owner', 'grant', 'comment', 'index'))
      and not exists (select 1 from pg_catalog.pg_constraint c where c.oid = k.old_oid and k.kind = 'constraint')
      and not exists (select 1 from pg_catalog.pg_attrdef d where d.oid = k.old_oid and k.kind = 'default')
      and not exists (select 1 from pg_catalog.pg_trigger t where t.oid = k.old_oid and k.kind = 'trigger')
    order by k.seq
  loop
    begin
      execute r.ddl;
    exception when others then
      raise exception 'cannot recreate % % after rebuilding the emulator catalog: %', r.kind, r.name, sqlerrm
        using hint = 'the definition was: ' || r.ddl;
    end;
    if r.kind = 'relation' then
      fresh := pg_catalog.to_regclass(r.name);
      update redshift_local.table_attributes set relid = fresh where relid = r.old_oid;
      update redshift_local.late_binding_views set relid = fresh where relid = r.old_oid;
      update redshift_local.datashare_objects set objoid = fresh where objoid = r.old_oid;
    end if;
  end loop;
end
$restore$;
set local session_replication_role = origin;
`
