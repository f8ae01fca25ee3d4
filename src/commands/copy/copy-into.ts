import type { Kysely } from 'kysely'

import { compileTarget } from './compile-copy.js'
import type { CopyFrom } from './copy-builder.js'
import { CopyCommand } from './copy-command.js'

/**
 * Starts a COPY into `table` of `DB`, optionally naming the columns the
 * files fill (in file order; only that table's columns compile). It runs
 * through `db`, so the instance's plugins, pool and telemetry apply.
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
export function copyInto<DB, T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  columns?: readonly (keyof DB[T] & string)[],
): CopyFrom {
  const target = compileTarget(table, columns)
  return new CopyCommand(
    { db: db as Kysely<any>, target },
    {
      table: Object.freeze(table.split('.')),
      ...(columns === undefined
        ? {}
        : { columns: Object.freeze([...columns]) }),
      options: Object.freeze([]),
    },
  ) as unknown as CopyFrom
}
