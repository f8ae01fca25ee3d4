import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { quoteLiteral } from '../sql/quote.js'
import {
  externalTempName,
  type ExternalRead,
} from '../sql/spectrum/external-reads.js'
import type { ObjectStorage } from '../storage/object-storage.js'
import {
  readExternalTables,
  type ExternalReadChannel,
} from './read-external-tables.js'

/**
 * The external tables that the views a statement names read, through any
 * depth of views: a late-binding view reads one through
 * `redshift_local.external_rows(NULL::schema.table)`, whose argument's type
 * is the table's row type. Names resolve as the statement's do, on its
 * connection. A view reads with its owner's rights (r_CREATE_VIEW.html: "make
 * sure the owner of the late binding view has select privileges to the
 * referenced objects"): the third column says whether the owner of a view
 * that reads the table has USAGE on its schema.
 */
const VIEW_READS_SQL = `WITH RECURSIVE named(oid) AS (
  SELECT pg_catalog.to_regclass(CASE WHEN x->>0 IS NULL THEN pg_catalog.quote_ident(x->>1)
    ELSE pg_catalog.quote_ident(x->>0) || '.' || pg_catalog.quote_ident(x->>1) END)::oid
  FROM pg_catalog.json_array_elements($1::json) x
), reached(oid, owner) AS (
  SELECT c.oid, c.relowner FROM named JOIN pg_catalog.pg_class c ON c.oid = named.oid WHERE c.relkind = 'v'
  UNION
  SELECT COALESCE(t.typrelid, d.refobjid), v.relowner FROM reached
  JOIN pg_catalog.pg_class v ON v.oid = reached.oid
  JOIN pg_catalog.pg_rewrite w ON w.ev_class = reached.oid
  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = w.oid
  LEFT JOIN pg_catalog.pg_type t ON d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass
    AND t.oid = d.refobjid AND t.typrelid <> 0
  WHERE (d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass OR t.oid IS NOT NULL)
    AND d.refobjid <> reached.oid
)
SELECT n.nspname, c.relname,
  pg_catalog.bool_or(pg_catalog.has_schema_privilege(reached.owner, n.oid, 'USAGE'))
FROM reached
JOIN pg_catalog.pg_class c ON c.oid = reached.oid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'p' AND EXISTS (SELECT 1 FROM redshift_local.external_table_files(n.nspname, c.relname))
GROUP BY 1, 2 ORDER BY 1, 2`

/**
 * Reads the external tables that the late-binding views a statement names
 * read (see `sql/spectrum/view-external-reads.ts`) into the session's
 * temporary tables, as a query naming them does, and names the statement
 * (`marker`, its text as PostgreSQL receives it) in
 * `redshift_local.spectrum_statement`, so that the views read those rows
 * while it runs and no other statement's. Returns the error the statement
 * fails with, or undefined.
 *
 * @example
 * ```ts
 * const error = await readViewExternalTables(channel, storage, [[null, 'sales_v']], text, [])
 * ```
 */
export async function readViewExternalTables(
  channel: ExternalReadChannel,
  storage: ObjectStorage | undefined,
  views: readonly (readonly [string | null, string])[],
  marker: string,
  direct: readonly ExternalRead[],
): Promise<ErrorFields | undefined> {
  const { rows } = await channel.query(
    VIEW_READS_SQL.replace('$1', () => quoteLiteral(JSON.stringify(views))),
  )
  const reads: ExternalRead[] = []
  for (const row of rows) {
    const [schema, table] = [row[0]!, row[1]!]
    // A table the statement also names is read for it (with its pseudocolumns).
    if (direct.some((d) => d.schema === schema && d.table === table)) continue
    if (row[2] !== 't')
      return reject.other('42501', `permission denied for schema ${schema}`)
    const temp = externalTempName(schema, table)
    reads.push({ schema, table, temp, pseudo: false, checked: true })
  }
  if (rows.length === 0) return undefined
  const error = await readExternalTables(channel, storage, reads)
  if (error !== undefined) return error
  await channel.query(
    `SELECT pg_catalog.set_config('redshift_local.spectrum_statement', ${quoteLiteral(marker)}, false)`,
  )
  return undefined
}
