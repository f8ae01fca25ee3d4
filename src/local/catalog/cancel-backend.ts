import { CANCEL_SIGNAL_CODE } from '../sql/cancel-backend-rewrite.js'

/**
 * `redshift_local.cancel_backend(pid)`, what `pg_cancel_backend(pid)` is
 * rewritten to: a warning with SQLSTATE `RL001` tells the emulator session
 * that receives it to fail a statement of `pid` that waits for a WLM slot
 * (it never reached PostgreSQL, so PostgreSQL's cancel cannot reach it), then
 * PostgreSQL's own cancel stops one that runs. The emulator swallows the
 * warning. (With `client_min_messages` above WARNING the warning is not sent
 * and only running statements are cancelled.)
 */
export const CANCEL_BACKEND_SQL = `
create or replace function redshift_local.cancel_backend(pid integer) returns boolean
language plpgsql volatile as $$
begin
  raise warning using message = pid::text, errcode = '${CANCEL_SIGNAL_CODE}';
  return pg_catalog.pg_cancel_backend(pid);
end
$$;
`
