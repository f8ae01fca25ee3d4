/**
 * Trailing blanks are insignificant when VARCHAR values are compared, as on
 * Redshift ("Significance of trailing blanks",
 * https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html):
 * `=`, `<>`, `<`, `<=`, `>`, `>=` between two VARCHARs (a column against a
 * literal or a parameter, a join key) and, through default B-tree and hash
 * operator classes for VARCHAR, GROUP BY, DISTINCT, UNION, ORDER BY and hash
 * or merge joins compare the values without their trailing blanks.
 *
 * The operators live in `pg_catalog` (so an exact VARCHAR match wins over
 * PostgreSQL's TEXT ones whatever the search_path); their functions in a
 * schema of their own that the catalog rebuild does not drop, so indexes
 * built with the operator classes survive it. Created once: later installs
 * only replace the function bodies.
 */
/**
 * The comparison operators: function suffix, operator, negator, commutator,
 * restriction and join selectivity estimators.
 */
export const COMPARISONS = [
  ['eq', '=', '<>', '=', 'eqsel', 'eqjoinsel'],
  ['ne', '<>', '=', '<>', 'neqsel', 'neqjoinsel'],
  ['lt', '<', '>=', '>', 'scalarltsel', 'scalarltjoinsel'],
  ['le', '<=', '>', '>=', 'scalarlesel', 'scalarlejoinsel'],
  ['gt', '>', '<=', '<', 'scalargtsel', 'scalargtjoinsel'],
  ['ge', '>=', '<', '<=', 'scalargesel', 'scalargejoinsel'],
] as const

/**
 * CHAR against VARCHAR (`char_col = varchar_col`, a join of the two): the
 * VARCHAR operators above and PostgreSQL's CHAR ones would both apply, and
 * PostgreSQL refuses the comparison as ambiguous (42725). Redshift compares
 * the two with trailing blanks insignificant, as it does two VARCHARs; the
 * operators below do that, in both argument orders. They belong to no
 * operator class, so such a join is a nested loop rather than a hash join.
 * Created once, like the VARCHAR operators.
 */
const CHAR_VARCHAR_SQL = `
${COMPARISONS.map(
  ([
    name,
    op,
  ]) => `create or replace function redshift_local_types.bpchar_varchar_${name}(a bpchar, b varchar) returns bool
language sql immutable strict parallel safe as $$ select pg_catalog.rtrim(a::text, ' ') ${op} pg_catalog.rtrim(b, ' ') $$;
create or replace function redshift_local_types.varchar_bpchar_${name}(a varchar, b bpchar) returns bool
language sql immutable strict parallel safe as $$ select pg_catalog.rtrim(a, ' ') ${op} pg_catalog.rtrim(b::text, ' ') $$;`,
).join('\n')}
do $char_varchar$
begin
  if exists (select 1 from pg_catalog.pg_operator
             where oprname = '=' and oprleft = 'pg_catalog.bpchar'::regtype
               and oprright = 'pg_catalog.varchar'::regtype) then
    return;
  end if;
${COMPARISONS.map(
  ([
    name,
    op,
    negator,
    commutator,
    restrict,
    join,
  ]) => `  create operator pg_catalog.${op} (leftarg = bpchar, rightarg = varchar,
    function = redshift_local_types.bpchar_varchar_${name}, commutator = operator(pg_catalog.${commutator}),
    negator = operator(pg_catalog.${negator}), restrict = ${restrict}, join = ${join});
  create operator pg_catalog.${op} (leftarg = varchar, rightarg = bpchar,
    function = redshift_local_types.varchar_bpchar_${name}, commutator = operator(pg_catalog.${commutator}),
    negator = operator(pg_catalog.${negator}), restrict = ${restrict}, join = ${join});`,
).join('\n')}
end
$char_varchar$;
`

export const VARCHAR_BLANKS_SQL = `
create schema if not exists redshift_local_types;
grant usage on schema redshift_local_types to public;
create or replace function redshift_local_types.varchar_eq(a varchar, b varchar) returns bool
language sql immutable strict parallel safe as $$ select pg_catalog.rtrim(a, ' ') = pg_catalog.rtrim(b, ' ') $$;
create or replace function redshift_local_types.varchar_ne(a varchar, b varchar) returns bool
language sql immutable strict parallel safe as $$ select pg_catalog.rtrim(a, ' ') <> pg_catalog.rtrim(b, ' ') $$;
create or replace function redshift_local_types.varchar_lt(a varchar, b varchar) returns bool
language sql immutable strict parallel safe as $$ select pg_catalog.rtrim(a, ' ') < pg_catalog.rtrim(b, ' ') $$;
create or replace function redshift_local_types.varchar_le(a varchar, b varchar) returns bool
language sql immutable strict parallel safe as $$ select pg_catalog.rtrim(a, ' ') <= pg_catalog.rtrim(b, ' ') $$;
create or replace function redshift_local_types.varchar_gt(a varchar, b varchar) returns bool
language sql immutable strict parallel safe as $$ select pg_catalog.rtrim(a, ' ') > pg_catalog.rtrim(b, ' ') $$;
create or replace function redshift_local_types.varchar_ge(a varchar, b varchar) returns bool
language sql immutable strict parallel safe as $$ select pg_catalog.rtrim(a, ' ') >= pg_catalog.rtrim(b, ' ') $$;
create or replace function redshift_local_types.varchar_cmp(a varchar, b varchar) returns int4
language sql immutable strict parallel safe as $$ select pg_catalog.bttextcmp(pg_catalog.rtrim(a, ' '), pg_catalog.rtrim(b, ' ')) $$;
create or replace function redshift_local_types.varchar_hash(a varchar) returns int4
language sql immutable strict parallel safe as $$ select pg_catalog.hashtext(pg_catalog.rtrim(a, ' ')) $$;
do $blanks$
begin
  if exists (select 1 from pg_catalog.pg_opclass
             where opcname = 'varchar_blank_ops'
               and opcnamespace = 'redshift_local_types'::regnamespace) then
    return;
  end if;
  create operator pg_catalog.= (leftarg = varchar, rightarg = varchar,
    function = redshift_local_types.varchar_eq, commutator = operator(pg_catalog.=),
    negator = operator(pg_catalog.<>), restrict = eqsel, join = eqjoinsel, hashes, merges);
  create operator pg_catalog.<> (leftarg = varchar, rightarg = varchar,
    function = redshift_local_types.varchar_ne, commutator = operator(pg_catalog.<>),
    negator = operator(pg_catalog.=), restrict = neqsel, join = neqjoinsel);
  create operator pg_catalog.< (leftarg = varchar, rightarg = varchar,
    function = redshift_local_types.varchar_lt, commutator = operator(pg_catalog.>),
    negator = operator(pg_catalog.>=), restrict = scalarltsel, join = scalarltjoinsel);
  create operator pg_catalog.<= (leftarg = varchar, rightarg = varchar,
    function = redshift_local_types.varchar_le, commutator = operator(pg_catalog.>=),
    negator = operator(pg_catalog.>), restrict = scalarlesel, join = scalarlejoinsel);
  create operator pg_catalog.> (leftarg = varchar, rightarg = varchar,
    function = redshift_local_types.varchar_gt, commutator = operator(pg_catalog.<),
    negator = operator(pg_catalog.<=), restrict = scalargtsel, join = scalargtjoinsel);
  create operator pg_catalog.>= (leftarg = varchar, rightarg = varchar,
    function = redshift_local_types.varchar_ge, commutator = operator(pg_catalog.<=),
    negator = operator(pg_catalog.<), restrict = scalargesel, join = scalargejoinsel);
  create operator class redshift_local_types.varchar_blank_ops
    default for type varchar using btree as
    operator 1 pg_catalog.< (varchar, varchar),
    operator 2 pg_catalog.<= (varchar, varchar),
    operator 3 pg_catalog.= (varchar, varchar),
    operator 4 pg_catalog.>= (varchar, varchar),
    operator 5 pg_catalog.> (varchar, varchar),
    function 1 redshift_local_types.varchar_cmp(varchar, varchar);
  create operator class redshift_local_types.varchar_blank_hash_ops
    default for type varchar using hash as
    operator 1 pg_catalog.= (varchar, varchar),
    function 1 redshift_local_types.varchar_hash(varchar);
end
$blanks$;
${CHAR_VARCHAR_SQL}
`
