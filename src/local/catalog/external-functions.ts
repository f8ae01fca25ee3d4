/**
 * Lambda UDFs (CREATE EXTERNAL FUNCTION, r_CREATE_EXTERNAL_FUNCTION.html):
 *
 * - the language `exfunc`, which Redshift's Lambda UDFs are written in, so
 *   that `GRANT / REVOKE USAGE ON LANGUAGE exfunc` (udf-creating-a-lambda-sql-udf.html)
 *   run and SVV_LANGUAGE_PRIVILEGES shows them. It runs PL/pgSQL underneath:
 *   the only bodies it holds are the emulator's own, which refuse the call.
 *   Redshift grants no one USAGE on it by default ("You must explicitly
 *   grant USAGE ON LANGUAGE EXFUNC").
 * - `redshift_local.create_external_function(statement)`, which the emulator
 *   calls with the CREATE FUNCTION a CREATE EXTERNAL FUNCTION becomes: only a
 *   superuser may create one (the page's other grantee, a user with the CREATE
 *   EXTERNAL FUNCTION system permission, cannot exist in the emulator). It is
 *   not SECURITY DEFINER: the function belongs to the caller, in the caller's
 *   schema.
 */
export const EXTERNAL_FUNCTIONS_SQL = `
do $exfunc$
begin
  if not exists (select 1 from pg_catalog.pg_language where lanname = 'exfunc') then
    create trusted language exfunc handler pg_catalog.plpgsql_call_handler
      validator pg_catalog.plpgsql_validator;
    revoke usage on language exfunc from public;
  end if;
end
$exfunc$;

create or replace procedure redshift_local.create_external_function(p_statement text)
language plpgsql as $$
begin
  if not coalesce((select r.rolsuper from pg_catalog.pg_roles r where r.rolname = current_user), false) then
    raise exception using errcode = '42501',
      message = 'permission denied: only a superuser can create an external function',
      hint = 'Redshift also lets a user with the CREATE EXTERNAL FUNCTION privilege, which the local emulator cannot grant';
  end if;
  execute p_statement;
end
$$;
`
