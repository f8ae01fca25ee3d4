// No backslash appears in any string literal below: function bodies are
// parsed in the caller's session, where standard_conforming_strings may be off.

/**
 * `redshift_local.comment_on_database(database, comment)`: `COMMENT ON
 * DATABASE name IS 'text' | NULL` as r_COMMENT.html describes it. "Comments
 * on databases may only be applied to the current database. A warning
 * message is displayed if you attempt to comment on a different database.
 * The same warning is displayed for comments on databases that don't
 * exist." PostgreSQL comments on any database of the server; here the
 * comment is set (with the caller's rights) only on the connected one, and
 * any other name gets the warning and changes nothing.
 */
export const DATABASE_COMMENTS_SQL = `
create or replace procedure redshift_local.comment_on_database(p_database text, p_comment text)
language plpgsql as $$
begin
  if p_database = pg_catalog.current_database() then
    execute pg_catalog.format('comment on database %I is %L', p_database, p_comment);
  else
    raise warning using errcode = '0A000',
      message = 'database comments may only be applied to the current database';
  end if;
end
$$;
grant execute on procedure redshift_local.comment_on_database(text, text) to public;
`
