/**
 * PG_ATTRIBUTE_INFO (https://docs.aws.amazon.com/redshift/latest/dg/r_PG_ATTRIBUTE_INFO.html):
 * the columns of PG_ATTRIBUTE and `attacl`, the privileges granted on each
 * column (GRANT ... (column) ON table). PostgreSQL keeps those in
 * PG_ATTRIBUTE itself, where Redshift keeps them in an internal catalog, so
 * the view is PG_ATTRIBUTE's rows with their own `attacl`.
 *
 * @example
 * ```ts
 * await client.query(`select attname, attacl from pg_attribute_info
 *   where attrelid = 'sales'::regclass and attacl is not null`)
 * ```
 */
export const ATTRIBUTE_INFO_VIEW_SQL = `
create view pg_catalog.pg_attribute_info as
select a.* from pg_catalog.pg_attribute a;
`

/** The view {@link ATTRIBUTE_INFO_VIEW_SQL} creates in pg_catalog. */
export const ATTRIBUTE_INFO_VIEWS = ['pg_attribute_info'] as const
