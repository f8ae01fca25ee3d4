import { readNameList, readRelationName } from './ddl-attributes.js'
import { DdlCursor } from './ddl-cursor.js'
import { requireQualifiedRelations } from './ddl-view.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { quoteLiteral } from './quote.js'

/** What the view's query becomes before the catalog keeps it (`name` is the view's). */
export type ViewQueryRewrite = (
  name: string,
  query: string,
) => string | ErrorFields

/**
 * The call that creates a late-binding view, from the PostgreSQL form of
 * `CREATE [OR REPLACE] VIEW name [(columns)] AS query` that
 * `rewriteRedshiftDdl` made of `... WITH NO SCHEMA BINDING`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_VIEW.html). The
 * catalog keeps the query and binds it whenever it can (see
 * `late-binding-views.ts`), so the view may name tables that do not exist
 * yet and never holds their DROP or ALTER back; the schemas it names must
 * exist. `rewrite` changes the query
 * first (reads of external tables, see `spectrum/view-external-reads.ts`).
 * Null when the text is not such a statement.
 *
 * @example
 * ```ts
 * lateBindingViewCall('create view public.v as select * from public.t')
 * // "call redshift_local.create_late_binding_view('public', 'v', false, null, 'select * from public.t', array['public']::text[])"
 * ```
 */
export function lateBindingViewCall(
  sql: string,
  rewrite?: ViewQueryRewrite,
): string | ErrorFields | null {
  const c = new DdlCursor(sql, false)
  if (!c.accept('CREATE')) return null
  const replace = c.accept('OR', 'REPLACE')
  if (!c.accept('VIEW')) return null
  const name = readRelationName(c)
  const columns = c.is('(') ? readNameList(c) : null
  if (!c.accept('AS')) return null
  let last = c.tokens.length - 1
  if (c.is(';', last)) last--
  const written = c.text(c.pos, last)
  const schemas = requireQualifiedRelations(c, c.pos, last)
  const query = rewrite === undefined ? written : rewrite(name.name, written)
  if (typeof query !== 'string') return query
  return `call redshift_local.create_late_binding_view(${
    name.schema === null ? 'null' : quoteLiteral(name.schema)
  }, ${quoteLiteral(name.name)}, ${replace}, ${textArray(columns)}, ${quoteLiteral(query)}, ${textArray(schemas)})`
}

function textArray(names: readonly string[] | null): string {
  return names === null
    ? 'null'
    : `array[${names.map(quoteLiteral).join(', ')}]::text[]`
}
