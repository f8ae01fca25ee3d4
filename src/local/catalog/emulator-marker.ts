/**
 * How a client tells the emulator from Redshift: version() answers exactly as
 * Redshift's does (clients branch on it), so the emulator adds one function
 * Redshift cannot have, `pg_catalog.redshift_local_version()` (no user can
 * create objects in Redshift's pg_catalog). It returns
 * `kysely-redshift local emulator on <the backing PostgreSQL's version()>`.
 *
 * A client looks it up in pg_proc (a catalog Redshift has, so the probe never
 * fails there) rather than calling it.
 */
export const EMULATOR_MARKER_FUNCTION = 'redshift_local_version'

export const EMULATOR_MARKER_SQL = `
create or replace function pg_catalog.${EMULATOR_MARKER_FUNCTION}() returns text
language sql stable parallel safe as $$
  select 'kysely-redshift local emulator on ' || pg_catalog.version()
$$;
`
