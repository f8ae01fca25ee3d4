import { visibleTo } from './log-visibility.js'

/**
 * PG_DEFAULT_ACL as Redshift documents it (r_PG_DEFAULT_ACL.html):
 * `defacluser integer` (PostgreSQL names it `defaclrole oid`),
 * `defaclnamespace oid`, `defaclobjtype character` and `defaclacl
 * aclitem[]`, over PostgreSQL's catalog of the same name. A superuser sees
 * every row, a regular user the rows of its own default privileges.
 *
 * Reads of `pg_default_acl` (bare or `pg_catalog.`-qualified) are pointed at
 * `redshift_local.pg_default_acl` (`sql/catalog-type-names.ts`), as PG_TYPE
 * and PG_ATTRIBUTE are. Two emulator differences remain: `ON PROCEDURES`
 * is stored as PostgreSQL's `ON ROUTINES`, so it shows `f` where Redshift
 * shows `p`; and a group grantee shows as `name=...`, where Redshift's
 * aclitem text reads `"group name=..."`.
 */
export const DEFAULT_ACL_VIEW_SQL = `
create or replace view redshift_local.pg_default_acl as
select d.defaclrole::integer as defacluser,
  d.defaclnamespace::oid as defaclnamespace,
  d.defaclobjtype::character(1) as defaclobjtype,
  d.defaclacl as defaclacl
from pg_catalog.pg_default_acl d
where ${visibleTo('pg_catalog.pg_get_userbyid(d.defaclrole)')};
grant select on redshift_local.pg_default_acl to public;
`
