// No backslash appears in any string literal below (see internal-functions.ts):
// regular expressions use bracket classes such as [.] and [(] instead.

/** A qualified column reference as PostgreSQL's VERBOSE plans print them (`alias.column`). */
const REF =
  '((?:"[^"]+"|[[:alpha:]_][[:alnum:]_$]*)[.](?:"[^"]+"|[[:alpha:]_][[:alnum:]_$]*))'
const CAST = '(?:::[[:alnum:]_ ]+)?'
/** `a.x = b.y`, with the parentheses and casts PostgreSQL adds around either side. */
const EQUALITY = `[(]?${REF}[)]?${CAST} = [(]?${REF}[)]?${CAST}`

/**
 * `redshift_local.explain_plan(query)`: Redshift's EXPLAIN text for a query,
 * one line per row, built from PostgreSQL's `EXPLAIN (VERBOSE, FORMAT JSON)`
 * of it, run in the caller's session (its search_path, temporary tables and
 * transaction) with index scans, parallel plans, merge joins and nested loops
 * (where another join works) turned off, since Redshift has none of the
 * first two and joins with hashes unless it cannot; where it merges (both
 * tables distributed and sorted on the join columns) the hash join's plan is
 * shown as Redshift's XN Merge Join.
 *
 * Three passes over the JSON plan:
 * - `explain_annotate` (bottom-up) gives each node the aliases below it, the
 *   distribution of its rows and, for a join, the distribution step Redshift
 *   would take (rules in the contract: https://docs.aws.amazon.com/redshift/latest/dg/c_data_redistribution.html
 *   and https://docs.aws.amazon.com/redshift/latest/dg/c-the-query-plan.html);
 * - `explain_render` (top-down) prints PostgreSQL's text layout with `XN`
 *   operator names, Redshift's cost format and `"outer"` / `"inner"` in join
 *   conditions;
 * - `explain_plan` adds the leader-node steps of an ORDER BY (XN Merge over
 *   XN Network over the sort) and Redshift's warnings.
 *
 * Distribution styles come from `redshift_local.table_attributes`; AUTO (and
 * a table the emulator has no attributes for) counts as ALL, the style
 * Redshift starts small AUTO tables with (SVV_TABLE_INFO shows AUTO(ALL)).
 */
export const EXPLAIN_PLAN_SQL = `
-- Distribution of a table's rows as the plan renderer sees them: {"k": "key",
-- "c": [alias.column]}, {"k": "all"} or {"k": "even"}, with "s": [alias.column]
-- the leading column of a compound sort key (the emulator keeps no unsorted
-- region: SVV_TABLE_INFO shows 0 unsorted). Definer rights: the attributes
-- table is the emulator's own.
create or replace function redshift_local.explain_relation_dist(schema_name text, relation text, alias text)
returns jsonb language sql stable security definer set search_path = pg_catalog as $$
  select case
    when style = 'KEY' and distkey is not null then pg_catalog.jsonb_build_object('k', 'key', 'c',
      pg_catalog.jsonb_build_array(pg_catalog.quote_ident(alias) || '.' || pg_catalog.quote_ident(distkey)))
    when style = 'EVEN' then '{"k": "even", "c": []}'::jsonb
    else '{"k": "all", "c": []}'::jsonb
  end || pg_catalog.jsonb_build_object('s', case when sortkey is null then '[]'::jsonb
    else pg_catalog.jsonb_build_array(pg_catalog.quote_ident(alias) || '.' || pg_catalog.quote_ident(sortkey)) end)
  from (
    select coalesce(max(ta.diststyle), case when max(ta.distkey) is not null then 'KEY' end, 'AUTO') as style,
      max(ta.distkey) as distkey,
      max(case when coalesce(ta.sortkey_type, 'compound') = 'compound' then ta.sortkey[1] end) as sortkey
    from redshift_local.table_attributes ta
    where ta.relid = pg_catalog.to_regclass(pg_catalog.format('%I.%I', schema_name, relation))
  ) a
$$;

-- The relation another database's foreign table of the emulator's schema
-- reads (sql/three-part-names.ts): plans name it, never the foreign table.
create or replace function redshift_local.explain_foreign_option(schema_name text, relation text, option_key text)
returns text language sql stable set search_path = pg_catalog as $$
  select o.option_value
  from pg_catalog.pg_foreign_table f
    join pg_catalog.pg_class c on c.oid = f.ftrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace,
    lateral pg_catalog.pg_options_to_table(f.ftoptions) o
  where n.nspname = 'redshift_local' and schema_name = 'redshift_local'
    and c.relname = relation and o.option_name = option_key
$$;

-- postgres_fdw runs in the other database what it can of a query: a
-- condition, sort, limit, join or aggregate it sends there leaves out of
-- the plan the step Redshift's plan shows (a Filter, a Sort, an Aggregate),
-- so only foreign scans whose remote SQL reads the whole relation are
-- rendered. A VERBOSE plan prints the foreign table and the remote SQL:
-- refused too.
create or replace function redshift_local.explain_foreign_guard(raw jsonb, verbose_plan boolean)
returns void language plpgsql stable as $$
declare
  pushed jsonb;
  remote text;
begin
  for pushed in select n from pg_catalog.jsonb_path_query(raw->0->'Plan',
      'lax $.** ? (@."Node Type" == "Foreign Scan")') n loop
    remote := ' FROM ' || pg_catalog.quote_ident(redshift_local.explain_foreign_option(
        pushed->>'Schema', pushed->>'Relation Name', 'schema_name'))
      || '.' || pg_catalog.quote_ident(redshift_local.explain_foreign_option(
        pushed->>'Schema', pushed->>'Relation Name', 'table_name'));
    if verbose_plan then
      raise exception using errcode = '0A000',
        message = 'EXPLAIN VERBOSE of a query that reads another database is not supported by the local emulator (an emulator limit)',
        hint = 'the verbose plan of its PostgreSQL shows the foreign table that relation is read through; EXPLAIN without VERBOSE shows the plan';
    elsif remote is null or coalesce(pushed->>'Remote SQL', '') not like 'SELECT %'
       or pg_catalog.right(pushed->>'Remote SQL', pg_catalog.length(remote)) <> remote then
      raise exception using errcode = '0A000',
        message = 'EXPLAIN of a query whose condition, sort, limit, join or aggregate on a relation of another database runs in that database is not supported by the local emulator (an emulator limit)',
        hint = 'its PostgreSQL plans that part in the other database, leaving out the steps a Redshift plan shows; EXPLAIN a query that reads the relation whole';
    end if;
  end loop;
end
$$;

-- VARCHAR comparisons ignore trailing blanks through rtrim(x, ' ') on
-- both sides (varchar-blanks.ts); Redshift's plan shows the plain column.
create or replace function redshift_local.explain_unblank(expr text)
returns text language sql immutable as $$
  select pg_catalog.regexp_replace(expr,
    'rtrim[(]((?:[^(),'']|''[^'']*''|[(][^()]*[)])+), '' ''::text[)]',
    pg_catalog.chr(92) || '1', 'g')
$$;

-- alias.column pairs of the equalities in a join condition.
create or replace function redshift_local.explain_equalities(cond text)
returns text[] language sql immutable as $$
  select coalesce(pg_catalog.array_agg(m[1] || '=' || m[2]), '{}')
  from pg_catalog.regexp_matches(
    coalesce(redshift_local.explain_unblank(cond), ''), '${EQUALITY}', 'g') as m
$$;

-- Removes (own = true) or replaces with "outer" / "inner" the qualification
-- of columns of the given aliases.
create or replace function redshift_local.explain_requalify(expr text, aliases jsonb, replacement text)
returns text language plpgsql immutable as $$
declare
  alias text;
  result text := redshift_local.explain_unblank(expr);
begin
  if result is null then return null; end if;
  for alias in select pg_catalog.jsonb_array_elements_text(aliases) loop
    if alias ~ '^[[:alpha:]_][[:alnum:]_$]*$' then
      -- chr(92) || '1' is the back-reference to the character before the alias.
      result := pg_catalog.regexp_replace(result,
        '(^|[^[:alnum:]_$."])' || pg_catalog.replace(alias, '$', '[$]') || '[.]',
        pg_catalog.chr(92) || '1' || replacement, 'g');
    end if;
    -- PostgreSQL quotes a name such as another database's foreign table (xdb$...).
    if pg_catalog.quote_ident(alias) <> alias then
      result := pg_catalog.replace(result, pg_catalog.quote_ident(alias) || '.', replacement);
    end if;
  end loop;
  return result;
end
$$;

create or replace function redshift_local.explain_annotate(node jsonb)
returns jsonb language plpgsql stable as $$
declare
  kind text := node->>'Node Type';
  kids jsonb := '[]';
  child jsonb;
  aliases jsonb := '[]';
  dist jsonb := '{"k": "even", "c": []}';
  outer_side jsonb;
  inner_side jsonb;
  outer_dist jsonb;
  inner_dist jsonb;
  pairs text[];
  pair text;
  o text;
  i text;
  step text;
  matched_outer jsonb := '[]';
  matched_inner jsonb := '[]';
  both_keyed boolean := false;
  both_sorted boolean := false;
begin
  for child in select value from pg_catalog.jsonb_array_elements(coalesce(node->'Plans', '[]')) loop
    child := redshift_local.explain_annotate(child);
    kids := kids || pg_catalog.jsonb_build_array(child);
    aliases := aliases || (child->'rl_aliases');
  end loop;
  if node ? 'Relation Name' then
    aliases := aliases || pg_catalog.to_jsonb(coalesce(node->>'Alias', node->>'Relation Name'));
    dist := redshift_local.explain_relation_dist(node->>'Schema', node->>'Relation Name',
      coalesce(node->>'Alias', node->>'Relation Name'));
  elsif kind in ('Hash Join', 'Merge Join', 'Nested Loop') and pg_catalog.jsonb_array_length(kids) = 2 then
    outer_side := kids->0;
    inner_side := kids->1;
    outer_dist := outer_side->'rl_dist';
    inner_dist := inner_side->'rl_dist';
    pairs := redshift_local.explain_equalities(coalesce(node->>'Hash Cond', node->>'Merge Cond', node->>'Join Filter'));
    foreach pair in array pairs loop
      o := pg_catalog.split_part(pair, '=', 1);
      i := pg_catalog.split_part(pair, '=', 2);
      if (outer_side->'rl_aliases') ? pg_catalog.split_part(i, '.', 1) then
        -- written inner = outer
        o := pg_catalog.split_part(pair, '=', 2);
        i := pg_catalog.split_part(pair, '=', 1);
      end if;
      if (outer_dist->'c') ? o and (inner_dist->'c') ? i then
        both_keyed := true;
        if (outer_dist->'s') ? o and (inner_dist->'s') ? i then both_sorted := true; end if;
      end if;
      if (outer_dist->'c') ? o then matched_inner := matched_inner || pg_catalog.to_jsonb(i); end if;
      if (inner_dist->'c') ? i then matched_outer := matched_outer || pg_catalog.to_jsonb(o); end if;
    end loop;
    if inner_dist->>'k' = 'all' then
      step := 'DS_DIST_ALL_NONE';
      dist := outer_dist;
    elsif outer_dist->>'k' = 'all' then
      step := 'DS_DIST_ALL_INNER';
    elsif pg_catalog.cardinality(pairs) = 0 then
      step := 'DS_BCAST_INNER';
      dist := outer_dist;
    elsif both_keyed then
      step := 'DS_DIST_NONE';
      dist := pg_catalog.jsonb_build_object('k', 'key', 'c', (outer_dist->'c') || (inner_dist->'c'));
    elsif pg_catalog.jsonb_array_length(matched_inner) > 0 then
      step := 'DS_DIST_INNER';
      dist := pg_catalog.jsonb_build_object('k', 'key', 'c', (outer_dist->'c') || matched_inner);
    elsif pg_catalog.jsonb_array_length(matched_outer) > 0 then
      step := 'DS_DIST_OUTER';
      dist := pg_catalog.jsonb_build_object('k', 'key', 'c', (inner_dist->'c') || matched_outer);
    elsif 3 * (inner_side->>'Plan Rows')::numeric <= (outer_side->>'Plan Rows')::numeric then
      -- Broadcasting the inner side to the other 3 of 4 slices moves less than
      -- redistributing both sides.
      step := 'DS_BCAST_INNER';
      dist := outer_dist;
    else
      step := 'DS_DIST_BOTH';
      dist := pg_catalog.jsonb_build_object('k', 'key', 'c', pg_catalog.jsonb_build_array(
        pg_catalog.split_part(pairs[1], '=', 1), pg_catalog.split_part(pairs[1], '=', 2)));
    end if;
  elsif pg_catalog.jsonb_array_length(kids) > 0 then
    dist := kids->0->'rl_dist';
  end if;
  if node ? 'Alias' and not node ? 'Relation Name' then
    -- A subquery, CTE, function or VALUES scan is referred to by its alias above it.
    aliases := aliases || pg_catalog.to_jsonb(node->>'Alias');
    if dist->>'k' = 'key' then
      dist := pg_catalog.jsonb_build_object('k', 'key', 'c', dist->'c' || (
        select coalesce(pg_catalog.jsonb_agg(pg_catalog.quote_ident(node->>'Alias') || '.'
          || pg_catalog.split_part(c, '.', 2)), '[]')
        from pg_catalog.jsonb_array_elements_text(dist->'c') c));
    end if;
  end if;
  node := node || pg_catalog.jsonb_build_object('Plans', kids, 'rl_dist', dist, 'rl_aliases', aliases);
  if step is not null then
    node := node || pg_catalog.jsonb_build_object('rl_step', step);
  end if;
  -- Redshift merges instead of hashing when both tables are distributed and
  -- sorted on the join columns, for inner and outer joins but not full ones
  -- (c-the-query-plan.html, Merge Join): the sorted scans go in directly.
  if kind = 'Hash Join' and step = 'DS_DIST_NONE' and both_sorted
     and node->>'Join Type' in ('Inner', 'Left', 'Right') then
    node := node || pg_catalog.jsonb_build_object('rl_merge', true);
  end if;
  return node;
end
$$;

create or replace function redshift_local.explain_render(node jsonb, depth integer)
returns setof text language plpgsql stable as $$
declare
  kind text := node->>'Node Type';
  name text;
  lead text := pg_catalog.repeat(' ', case when depth = 0 then 0 else 6 * (depth - 1) + 2 end)
    || case when depth = 0 then '' else '->  ' end;
  pad text := pg_catalog.repeat(' ', 6 * depth + 2);
  child jsonb;
  alias text := coalesce(node->>'Alias', node->>'Relation Name');
  keys text;
  outer_aliases jsonb := coalesce(node->'Plans'->0->'rl_aliases', '[]');
  inner_aliases jsonb := coalesce(node->'Plans'->1->'rl_aliases', '[]');
  own jsonb := pg_catalog.jsonb_build_array(alias);
  -- A relation of another database by its own name (see explain_foreign_option).
  shown text := coalesce(case when kind = 'Foreign Scan' then redshift_local.explain_foreign_option(
    node->>'Schema', node->>'Relation Name', 'table_name') end, node->>'Relation Name');
begin
  if kind in ('ModifyTable', 'Gather', 'Gather Merge', 'Memoize', 'Bitmap Index Scan') then
    -- Not steps Redshift shows: their input stands in their place.
    for child in select value from pg_catalog.jsonb_array_elements(coalesce(node->'Plans', '[]')) loop
      return query select * from redshift_local.explain_render(child, depth);
    end loop;
    return;
  end if;
  name := case
    when node ? 'Relation Name' then 'XN Seq Scan on ' || pg_catalog.quote_ident(shown)
      || case when alias not in (node->>'Relation Name', shown) then ' ' || pg_catalog.quote_ident(alias) else '' end
    when node ? 'rl_merge' then 'XN Merge Join ' || (node->>'rl_step')
    when kind in ('Hash Join', 'Merge Join', 'Nested Loop') then 'XN ' || kind || coalesce(' ' || (node->>'rl_step'), '')
    when kind = 'Aggregate' then case node->>'Strategy' when 'Sorted' then 'XN GroupAggregate'
      when 'Plain' then 'XN Aggregate' else 'XN HashAggregate' end
    when kind in ('Sort', 'Incremental Sort') then 'XN Sort'
    when kind = 'WindowAgg' then 'XN Window'
    when kind = 'ProjectSet' then 'XN Result'
    when kind = 'SetOp' then 'XN SetOp ' || coalesce(node->>'Command', '')
    when kind in ('Subquery Scan', 'CTE Scan') then 'XN Subquery Scan ' || pg_catalog.quote_ident(coalesce(alias, ''))
    when kind = 'Function Scan' then 'XN Function Scan on ' || coalesce(node->>'Function Name', '')
    when kind in ('XN Merge', 'XN Network') then kind
    else 'XN ' || kind
  end;
  return next lead || name || '  (cost=' || case when node ? 'rl_merge' then '0.00'
      else pg_catalog.round((node->>'Startup Cost')::numeric, 2)::text end
    || '..' || pg_catalog.round((node->>'Total Cost')::numeric, 2)
    || ' rows=' || pg_catalog.round((node->>'Plan Rows')::numeric) || ' width=' || (node->>'Plan Width') || ')';
  if kind = 'XN Network' then
    return next pad || 'Send to leader';
  end if;
  if node ? 'Sort Key' then
    select pg_catalog.string_agg(k, ', ') into keys from pg_catalog.jsonb_array_elements_text(node->'Sort Key') k;
    return next pad || case when kind = 'XN Merge' then 'Merge Key: ' else 'Sort Key: ' end || keys;
  end if;
  if node ? 'Hash Cond' then
    return next pad || case when node ? 'rl_merge' then 'Merge Cond: ' else 'Hash Cond: ' end
      || redshift_local.explain_requalify(
      redshift_local.explain_requalify(node->>'Hash Cond', outer_aliases, '"outer".'), inner_aliases, '"inner".');
  end if;
  if node ? 'Merge Cond' then
    return next pad || 'Merge Cond: ' || redshift_local.explain_requalify(
      redshift_local.explain_requalify(node->>'Merge Cond', outer_aliases, '"outer".'), inner_aliases, '"inner".');
  end if;
  if node ? 'Join Filter' then
    return next pad || 'Join Filter: ' || redshift_local.explain_requalify(
      redshift_local.explain_requalify(node->>'Join Filter', outer_aliases, '"outer".'), inner_aliases, '"inner".');
  end if;
  if node ? 'Filter' then
    return next pad || 'Filter: ' || case when node ? 'Relation Name'
      then redshift_local.explain_requalify(node->>'Filter', own, '')
      else redshift_local.explain_unblank(node->>'Filter') end;
  end if;
  for child in select value from pg_catalog.jsonb_array_elements(coalesce(node->'Plans', '[]')) loop
    -- A merge join reads its inner table as it is: no hash table is built.
    if node ? 'rl_merge' and child->>'Node Type' = 'Hash' then
      child := child->'Plans'->0;
    end if;
    return query select * from redshift_local.explain_render(child, depth + 1);
  end loop;
end
$$;

-- Redshift shows an RLS policy's filter only to holders of EXPLAIN RLS
-- (t_rls_ownership.html, r_GRANT.html) and hides it from the others, in a
-- plan the emulator cannot render: for a user the policies filter who lacks
-- EXPLAIN RLS, EXPLAIN [VERBOSE] of a protected relation is refused. raw is
-- PostgreSQL's EXPLAIN (VERBOSE, FORMAT JSON) of the query.
create or replace function redshift_local.explain_rls_guard(raw jsonb)
returns void language plpgsql stable as $$
declare
  missing text;
begin
  if redshift_local.rls_explains() then
    return;
  end if;
  select n->>'Relation Name' into missing
  from pg_catalog.jsonb_path_query(raw->0->'Plan', 'lax $.** ? (exists (@."Relation Name"))') n
  where redshift_local.rls_filters(pg_catalog.to_regclass(pg_catalog.format('%I.%I', n->>'Schema', n->>'Relation Name')))
  limit 1;
  if missing is not null then
    raise exception using errcode = '0A000',
      message = pg_catalog.format('EXPLAIN of a query on %s, which row-level security filters for this user, in the local emulator is not supported', missing),
      hint = 'an emulator limit: Redshift shows the policies'' filters only with the EXPLAIN RLS permission (GRANT EXPLAIN RLS), and hides them from the others in a plan the emulator cannot render';
  end if;
end
$$;

-- EXPLAIN VERBOSE: PostgreSQL's own VERBOSE text of the statement (Redshift's
-- internal plan tree cannot be built from it), after the RLS check above.
create or replace function redshift_local.explain_verbose(statement text, query text)
returns setof text language plpgsql volatile as $$
declare
  raw jsonb;
begin
  execute 'explain (verbose, format json) ' || query into raw;
  perform redshift_local.explain_rls_guard(raw);
  perform redshift_local.explain_foreign_guard(raw, true);
  return query execute statement;
end
$$;

create or replace function redshift_local.explain_plan(query text)
returns setof text language plpgsql volatile
set max_parallel_workers_per_gather = 0
set enable_indexscan = off
set enable_indexonlyscan = off
set enable_bitmapscan = off
set enable_tidscan = off
set enable_mergejoin = off
set enable_nestloop = off
set enable_memoize = off
as $$
declare
  raw jsonb;
  root jsonb;
  top jsonb;
  missing text;
begin
  execute 'explain (verbose, format json) ' || query into raw;
  perform redshift_local.explain_rls_guard(raw);
  perform redshift_local.explain_foreign_guard(raw, false);
  root := redshift_local.explain_annotate(raw->0->'Plan');
  -- ORDER BY: each slice sorts, the leader merges (as the AWS examples show).
  top := case when root->>'Node Type' = 'Limit' then root->'Plans'->0 else root end;
  if top->>'Node Type' = 'Sort'
     and pg_catalog.jsonb_path_exists(top, 'lax $.** ? (exists (@."Relation Name"))') then
    top := (top - 'Plans' - 'Sort Key' - 'Node Type') || pg_catalog.jsonb_build_object(
      'Node Type', 'XN Merge', 'Sort Key', top->'Sort Key', 'Plans', pg_catalog.jsonb_build_array(
        (top - 'Plans' - 'Sort Key' - 'Node Type') || pg_catalog.jsonb_build_object(
          'Node Type', 'XN Network', 'Plans', pg_catalog.jsonb_build_array(top))));
    root := case when root->>'Node Type' = 'Limit'
      then pg_catalog.jsonb_set(root, '{Plans,0}', top) else top end;
  end if;
  return query select * from redshift_local.explain_render(root, 0);
  if pg_catalog.jsonb_path_exists(root, 'lax $.** ? (@."Node Type" == "Nested Loop")') then
    return next '----- Nested Loop Join in the query plan - review the join predicates to avoid Cartesian products -----';
  end if;
  select pg_catalog.string_agg(distinct r.relname, ', ' order by r.relname) into missing
  from pg_catalog.jsonb_path_query(root, 'lax $.** ? (exists (@."Relation Name"))') n,
    lateral (select c.relname::text as relname, c.reltuples from pg_catalog.pg_class c
      where c.oid = pg_catalog.to_regclass(pg_catalog.format('%I.%I', n->>'Schema', n->>'Relation Name'))
        -- The statistics of another database are kept there, not with its foreign table.
        and c.relkind <> 'f') r
  where r.reltuples < 0;
  if missing is not null then
    return next '----- Tables missing statistics: ' || missing || ' -----';
    return next '----- Update statistics by running the ANALYZE command on these tables -----';
  end if;
end
$$;
`
