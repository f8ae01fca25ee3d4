import type { Kysely, RawBuilder } from 'kysely'

import type { UnloadSource } from './inner-query.js'
import { UnloadQueryBuilder, type UnloadBuilder } from './unload-builder.js'

/**
 * Starts an UNLOAD of `query`'s rows to S3. The query is a Kysely SELECT
 * built on `db` (its output row types `.partitionBy()` and `.fixedWidth()`),
 * raw SQL from the `sql` tag, or any `Compilable` without parameters. Its
 * values are written inline, through the escaping module, because bind
 * parameters cannot cross into UNLOAD; the whole query is then quoted as one
 * literal. It is compiled by `db`'s own plugins and dialect, so the
 * dialect's Redshift checks apply to it.
 *
 * ```ts
 * const result = await unload(db, db.selectFrom('sales').select(['id', 'region', 'qty']).where('qty', '>', 0))
 *   .to('s3://b/out/sales_')
 *   .iamRole('default')
 *   .format('parquet')
 *   .partitionBy(['region'], { include: true })
 *   .execute()
 * console.log(result.rowsUnloaded, result.files.length)
 * ```
 */
export function unload<O>(
  db: Kysely<any>,
  query: RawBuilder<O> | UnloadSource<O>,
): UnloadBuilder<O> {
  return new UnloadQueryBuilder({
    db,
    source: query,
    clauses: Object.freeze([]),
  }) as unknown as UnloadBuilder<O>
}
