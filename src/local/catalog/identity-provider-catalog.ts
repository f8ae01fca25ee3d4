/**
 * Identity providers (r_CREATE_IDENTITY_PROVIDER.html,
 * r_ALTER_IDENTITY_PROVIDER.html, r_DESC_IDENTITY_PROVIDER.html,
 * r_DROP_IDENTITY_PROVIDER.html): the table the
 * `redshift_local.identity_provider_*` procedures write (the calls
 * `sql/redshift-identity-providers.ts` makes of the statements) and
 * SVV_IDENTITY_PROVIDERS, which reads it (r_SVV_IDENTITY_PROVIDERS.html,
 * superusers only: other users see no rows).
 *
 * Only a superuser creates, alters, describes or drops one, as each page
 * says. `params` shows the parameter string with the client secret blanked
 * (`"client_secret":''`, as DESC IDENTITY PROVIDER's sample output prints
 * it), so the secret never reaches a result; `instanceid` is the tenant
 * that the `issuer` URL names, as the samples show. No identity provider
 * signs anyone in: the emulator's users log in with their passwords.
 *
 * Like datashares, an identity provider belongs to the database it was
 * created in (Redshift's are the cluster's): the emulator's difference.
 * The pages give no error words or SQLSTATEs; these use PostgreSQL's codes
 * for the same kind of fault (42704 missing, 42710 duplicate, 42501
 * privilege, 22023 a bad parameter string, 2BP01 users still signed in
 * through it).
 */
export const IDENTITY_PROVIDER_TABLES_SQL = `
create sequence if not exists redshift_local.identity_provider_uid_seq as integer start with 126600;

create table if not exists redshift_local.identity_providers (
  uid int4 primary key default pg_catalog.nextval('redshift_local.identity_provider_uid_seq'),
  name text not null unique,
  type text not null,
  namespc text not null,
  params json not null,
  enabled boolean not null default true
);
`

/** The views {@link IDENTITY_PROVIDER_SQL} creates in pg_catalog. */
export const IDENTITY_PROVIDER_VIEWS = ['svv_identity_providers'] as const

// Who runs the statement is session_user: the procedures are security
// definers (the table is not readable by users), so current_user is their
// owner inside them.
export const IDENTITY_PROVIDER_SQL = `
create or replace function redshift_local.identity_provider_require(action text) returns void
language plpgsql stable set search_path = pg_catalog as $$
begin
  if not coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = session_user), false) then
    raise exception using errcode = '42501', message = pg_catalog.format('permission denied to %s identity provider', action),
      hint = 'Only a superuser can do this.';
  end if;
end
$$;

create or replace function redshift_local.identity_provider_uid(provider text) returns int4
language plpgsql stable security definer set search_path = pg_catalog as $$
declare
  id int4;
begin
  select p.uid into id from redshift_local.identity_providers p where p.name = provider;
  if id is null then
    raise exception using errcode = '42704', message = pg_catalog.format('identity provider "%s" does not exist', provider);
  end if;
  return id;
end
$$;

-- The parameter string must be a JSON object.
create or replace function redshift_local.identity_provider_params(parameters text) returns json
language plpgsql immutable set search_path = pg_catalog as $$
declare
  value json;
begin
  begin
    -- json_in: a text cast to json is SUPER's (a string), see super-catalog.ts.
    value := pg_catalog.json_in(parameters::cstring);
  exception when others then
    raise exception using errcode = '22023', message = 'invalid PARAMETERS for identity provider: not a JSON object';
  end;
  if pg_catalog.json_typeof(value) <> 'object' then
    raise exception using errcode = '22023', message = 'invalid PARAMETERS for identity provider: not a JSON object';
  end if;
  return value;
end
$$;

-- The parameters as SVV_IDENTITY_PROVIDERS shows them: each member in the
-- order given, the client secret blanked.
create or replace function redshift_local.identity_provider_shown(params json) returns text
language sql immutable set search_path = pg_catalog as $$
  select '{' || coalesce(pg_catalog.string_agg(pg_catalog.to_json(e.key)::text || ':' ||
    case when e.key = 'client_secret' then '''''' else e.value::jsonb::text end, ', ' order by e.n), '') || '}'
  from pg_catalog.json_each(params) with ordinality as e(key, value, n)
$$;

create or replace procedure redshift_local.identity_provider_create(provider text, kind text, namespace text, parameters text)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  value json;
begin
  perform redshift_local.identity_provider_require('create');
  -- "Azure is currently the only supported identity provider."
  if kind <> 'azure' then
    raise exception using errcode = '22023', message = pg_catalog.format('identity provider type "%s" is not supported', kind),
      hint = 'The supported type is azure.';
  end if;
  value := redshift_local.identity_provider_params(parameters);
  if exists (select 1 from redshift_local.identity_providers p where p.name = provider) then
    raise exception using errcode = '42710', message = pg_catalog.format('identity provider "%s" already exists', provider);
  end if;
  insert into redshift_local.identity_providers (name, type, namespc, params)
  values (provider, kind, namespace, value);
end
$$;

-- ALTER IDENTITY PROVIDER: PARAMETERS replaces every parameter set before;
-- NAMESPACE, DISABLE and ENABLE change one property. Null leaves it as it is.
create or replace procedure redshift_local.identity_provider_alter(provider text, parameters text, namespace text, enable boolean)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  id int4;
begin
  perform redshift_local.identity_provider_require('alter');
  id := redshift_local.identity_provider_uid(provider);
  update redshift_local.identity_providers p set
    params = coalesce(redshift_local.identity_provider_params(parameters), p.params),
    namespc = coalesce(namespace, p.namespc),
    enabled = coalesce(enable, p.enabled)
  where p.uid = id;
end
$$;

-- DROP IDENTITY PROVIDER: the users and roles of its namespace
-- ("namespace:name") are attached to it; CASCADE drops them, and without it
-- they keep it from being dropped.
create or replace procedure redshift_local.identity_provider_drop(provider text, cascade boolean)
language plpgsql security definer set search_path = pg_catalog as $$
declare
  id int4;
  prefix text;
  attached text;
begin
  perform redshift_local.identity_provider_require('drop');
  id := redshift_local.identity_provider_uid(provider);
  select p.namespc || ':' into prefix from redshift_local.identity_providers p where p.uid = id;
  for attached in select r.rolname from pg_catalog.pg_roles r
      where pg_catalog.left(r.rolname, pg_catalog.length(prefix)) = prefix order by r.rolname loop
    if not cascade then
      raise exception using errcode = '2BP01',
        message = pg_catalog.format('cannot drop identity provider "%s" because "%s" is attached to it', provider, attached),
        hint = 'Use DROP IDENTITY PROVIDER ... CASCADE to drop its users and roles too.';
    end if;
    execute pg_catalog.format('drop role %I', attached);
  end loop;
  delete from redshift_local.identity_providers p where p.uid = id;
end
$$;

-- DESC IDENTITY PROVIDER of one that does not exist is an error.
create or replace function redshift_local.identity_provider_described(provider text) returns int4
language plpgsql stable security definer set search_path = pg_catalog as $$
begin
  perform redshift_local.identity_provider_require('describe');
  return redshift_local.identity_provider_uid(provider);
end
$$;

create view pg_catalog.svv_identity_providers as
select p.uid, p.name, p.type,
  pg_catalog.substring(p.params ->> 'issuer', '^[a-zA-Z]+://[^/]+/([^/?#]+)') as instanceid,
  p.namespc, redshift_local.identity_provider_shown(p.params) as params, p.enabled
from redshift_local.identity_providers p
where coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = session_user), false);
`
