import type { CompiledQuery, KyselyPlugin } from 'kysely'

import {
  QuerySettingsPlugin,
  withStatementSettings,
} from '../dialect/query-settings-plugin.js'

const IDEMPOTENT = new QuerySettingsPlugin({ idempotent: true })

/** Anything that takes a plugin for itself: Kysely's query builders and `sql` templates. */
export interface TakesPlugins<Q> {
  withPlugin(plugin: KyselyPlugin): Q
}

/**
 * Marks one query as safe to run more than once, so that outside a
 * transaction it is retried after a retryable failure (a lost connection,
 * a serialization conflict) like a read. Use it for writes whose repetition
 * changes nothing: an insert guarded by its key, a delete or an update to
 * fixed values. Reads need no mark.
 *
 * Takes a query builder or a `sql` template (use it with `$call`), or a
 * query compiled already; for every query of a Kysely instance, use
 * `withQuerySettings(db, { idempotent: true })` instead.
 *
 * ```ts
 * await db
 *   .deleteFrom('sessions')
 *   .where('id', '=', id)
 *   .$call(idempotent)
 *   .execute()
 *
 * await db.executeQuery(idempotent(CompiledQuery.raw('delete from sessions where id = 1')))
 * ```
 */
export function idempotent<Q extends TakesPlugins<Q> | CompiledQuery>(
  query: Q,
): Q {
  if ('withPlugin' in query && typeof query.withPlugin === 'function') {
    return query.withPlugin(IDEMPOTENT)
  }
  return withStatementSettings(query as CompiledQuery, {
    idempotent: true,
  }) as Q
}
