// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * Redshift stores a DECIMAL of 19 digits or fewer as a 64-bit integer, so
 * the largest value a DECIMAL(19,0) holds is 9223372036854775807 and a
 * DECIMAL(19,18) 9.223372036854775807, whatever the precision promises
 * (r_Numeric_types201.html, the note under "DECIMAL or NUMERIC type":
 * "attempting to insert the value 9999999999999999999 (19 nines) will cause
 * an overflow error"). Precisions up to 18 always fit in 64 bits and 20 to
 * 38 are 128-bit, so only precision 19 has the extra limit.
 *
 * PostgreSQL applies a NUMERIC column's or cast's precision and scale through
 * the length coercion of `pg_cast` (numeric -> numeric), for INSERT, UPDATE,
 * CREATE TABLE AS and casts alike; pointing it at the function below adds the
 * 64-bit check after PostgreSQL's own rounding and precision check.
 * PL/pgSQL, not SQL: a SQL body would be inlined and the call would no
 * longer be a length coercion, which is how PostgreSQL knows the result's
 * type modifier. Redshift's error text for the overflow is not documented;
 * it is the one its COPY reports for a value over the precision.
 *
 * `DECIMAL_STORAGE_CAST_RESET_SQL` puts PostgreSQL's own function back before
 * the catalog drops its functions.
 */
export const DECIMAL_STORAGE_SQL = `
create or replace function redshift_local.decimal_storage(n numeric, typmod int4, explicit boolean)
returns numeric language plpgsql immutable strict parallel safe as $$
declare
  r numeric := pg_catalog.numeric(n, typmod);
  unscaled numeric;
begin
  -- typmod is ((precision << 16) | scale) + 4, as PostgreSQL passes it.
  if typmod < 4 or ((typmod - 4) >> 16) <> 19 then
    return r;
  end if;
  unscaled := r * 10::numeric ^ ((typmod - 4) & 65535);
  if unscaled > 9223372036854775807 or unscaled < -9223372036854775808 then
    raise exception using errcode = '22003',
      message = 'Numeric data overflow (result precision)';
  end if;
  return r;
end
$$;

update pg_catalog.pg_cast
  set castfunc = 'redshift_local.decimal_storage(numeric, int4, boolean)'::regprocedure
  where castsource = 'pg_catalog.numeric'::regtype and casttarget = 'pg_catalog.numeric'::regtype;
`

/** Puts PostgreSQL's own NUMERIC length coercion back (before the catalog's functions are dropped). */
export const DECIMAL_STORAGE_CAST_RESET_SQL = `
update pg_catalog.pg_cast
  set castfunc = 'pg_catalog.numeric(numeric, int4)'::regprocedure
  where castsource = 'pg_catalog.numeric'::regtype and casttarget = 'pg_catalog.numeric'::regtype;
`
