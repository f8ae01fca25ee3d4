// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * PG_CONSTRAINT without the emulator's own checks of stored values
 * (`sql/stored-value-checks.ts`): Redshift has no CHECK constraints, so a
 * VARBYTE(n) or DATE column's constraint, which calls the emulator's
 * functions, is left out. Reads of `pg_constraint` (bare or
 * `pg_catalog.`-qualified) are pointed here (`sql/catalog-type-names.ts`),
 * as PG_TYPE and PG_ATTRIBUTE are; `information_schema` still lists them.
 */
export const CONSTRAINT_VIEW_SQL = `
create or replace view redshift_local.pg_constraint as
select k.* from pg_catalog.pg_constraint k
where not (k.contype = 'c'
  and pg_catalog.pg_get_constraintdef(k.oid) similar to '%redshift_local.(varbyte_too_long|date_out_of_range)%');
grant select on redshift_local.pg_constraint to public;
`
