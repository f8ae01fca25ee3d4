import { CANCEL_SIGNAL_CODE } from '../sql/cancel-backend-rewrite.js'

/**
 * `redshift_local.pg_cancel_backend(key, pid)`, what `pg_cancel_backend(pid)`
 * is rewritten to (named as PostgreSQL's, so that the result column keeps
 * the name `pg_cancel_backend`): a warning with SQLSTATE `RL001` and the message
 * `key:pid` tells the emulator session that receives it to fail a statement
 * of `pid` that waits for a WLM slot (it never reached PostgreSQL, so
 * PostgreSQL's cancel cannot reach it), then PostgreSQL's own cancel stops
 * one that runs. The emulator swallows the warning, and honours it only with
 * its own key (see `newCancelKey`). The function's own `client_min_messages`
 * lets the warning out whatever the caller set: PostgreSQL restores the
 * caller's value when the function returns.
 */
export const CANCEL_BACKEND_SQL = `
create or replace function redshift_local.pg_cancel_backend(key text, pid integer) returns boolean
language plpgsql volatile
set client_min_messages = warning
as $$
begin
  raise warning using message = key || ':' || pid::text, errcode = '${CANCEL_SIGNAL_CODE}';
  return pg_catalog.pg_cancel_backend(pid);
end
$$;
`
