import type { CreateViewNode, RefreshMaterializedViewNode } from 'kysely'

import { unsupported } from './unsupported.js'

/**
 * Throws for CREATE VIEW forms Redshift lacks: temporary views, IF NOT
 * EXISTS, OR REPLACE on a materialized view, and a column list on a
 * materialized view.
 *
 * ```ts
 * checkCreateView(node) // from visitCreateView
 * ```
 */
export function checkCreateView(node: CreateViewNode): void {
  if (node.temporary) {
    unsupported('temporary views', 'a temporary table, or a CTE')
  }
  if (node.ifNotExists) {
    unsupported('CREATE VIEW IF NOT EXISTS', '.orReplace()')
  }
  if (node.materialized && node.orReplace) {
    unsupported(
      'CREATE OR REPLACE MATERIALIZED VIEW',
      'DROP MATERIALIZED VIEW IF EXISTS, then CREATE MATERIALIZED VIEW',
    )
  }
  if (node.materialized && node.columns) {
    unsupported(
      'a column list on a materialized view',
      'aliases in the SELECT list',
    )
  }
}

/**
 * Throws for REFRESH MATERIALIZED VIEW CONCURRENTLY and WITH NO DATA.
 *
 * ```ts
 * checkRefreshMaterializedView(node) // from visitRefreshMaterializedView
 * ```
 */
export function checkRefreshMaterializedView(
  node: RefreshMaterializedViewNode,
): void {
  if (node.concurrently) {
    unsupported(
      'REFRESH MATERIALIZED VIEW CONCURRENTLY',
      'REFRESH MATERIALIZED VIEW (Redshift refreshes without blocking readers)',
    )
  }
  if (node.withNoData) {
    unsupported('REFRESH ... WITH NO DATA', 'REFRESH MATERIALIZED VIEW')
  }
}
