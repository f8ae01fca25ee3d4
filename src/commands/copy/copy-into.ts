import type { Kysely } from 'kysely'

import type { DatabaseOf } from '../../types/database-of.js'
import { compileTarget } from './compile-copy.js'
import type { CopyFrom } from './copy-builder.js'
import { CopyCommand } from './copy-command.js'

export type { DatabaseOf }

/**
 * Starts a COPY into `table` of the instance's `DB`, optionally naming the
 * columns the files fill (in file order; only that table's columns
 * compile). It runs through `db` (a Kysely instance, a transaction, a
 * connection, a `RedshiftClient`), so the instance's plugins, pool and
 * telemetry apply.
 *
 * ```ts
 * const { rowsLoaded, rejected } = await copyInto(db, 'sales', ['id', 'qty'])
 *   .from('s3://bucket/sales/')
 *   .iamRole('default')
 *   .csv({ quote: '"' })
 *   .ignoreHeader(1)
 *   .maxError(5)
 *   .execute()
 * ```
 */
export function copyInto<
  K extends Kysely<any>,
  T extends keyof DatabaseOf<K> & string,
>(
  db: K,
  table: T,
  columns?: readonly (keyof DatabaseOf<K>[T] & string)[],
): CopyFrom {
  const target = compileTarget(table, columns)
  return new CopyCommand(
    { db, target },
    {
      table: Object.freeze(table.split('.')),
      ...(columns === undefined
        ? {}
        : { columns: Object.freeze([...columns]) }),
      options: Object.freeze([]),
    },
  ) as unknown as CopyFrom
}
