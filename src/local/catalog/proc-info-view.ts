/**
 * PG_PROC_INFO (https://docs.aws.amazon.com/redshift/latest/dg/r_PG_PROC_INFO.html):
 * PG_PROC's columns as Redshift has them, with `prooid` for its oid and the
 * output arguments described. The emulator keeps a procedure's OUT
 * argument as a trailing `INOUT` with a (NULL) default (`sql/ddl-procedure-out.ts`;
 * Redshift's arguments have no defaults), so those count as OUT here: `o` in
 * `proargmodes`, not in `pronargs` or `proargtypes` (the input arguments).
 * `proargmodes` and `proallargtypes` are null when every argument is IN, and
 * `prosrc` is the body as written (`redshift_local.procedure_source`).
 */
export const PROC_INFO_VIEW_SQL = `
create view pg_catalog.pg_proc_info as
select p.oid as prooid, p.proname, p.pronamespace, p.proowner, p.prolang,
  p.prokind = 'a' as proisagg, p.prosecdef, p.proisstrict, p.proretset, p.provolatile,
  i.inputs::smallint as pronargs, p.prorettype,
  pg_catalog.array_to_string((p.proargtypes::oid[])[0:i.inputs - 1], ' ')::pg_catalog.oidvector as proargtypes,
  p.proargnames,
  case when p.prokind = 'p' then redshift_local.procedure_source(p.prosrc) else p.prosrc end as prosrc,
  p.probin, p.proacl, p.prokind,
  case when p.proargmodes is not null then array(
    select case when m.mode = 'b' and p.prokind = 'p' and m.k > i.inputs then 'o'::"char" else m.mode end
    from pg_catalog.unnest(p.proargmodes) with ordinality as m(mode, k) order by m.k) end as proargmodes,
  p.proallargtypes
from pg_catalog.pg_proc p
cross join lateral (select p.pronargs
  - case when p.prokind = 'p' then p.pronargdefaults else 0 end as inputs) i;
`
