import type {
  ExplainNode,
  JoinNode,
  SelectModifierNode,
  SelectQueryNode,
  SetOperationNode,
  TopNode,
} from 'kysely'

import { refuse, unsupported } from './unsupported.js'
import { FETCH } from './unsupported-features.js'

/** How Kysely's row-locking modifiers read in SQL, for the message. */
const LOCKING_MODIFIERS: Readonly<Record<string, string>> = {
  ForUpdate: 'FOR UPDATE',
  ForNoKeyUpdate: 'FOR NO KEY UPDATE',
  ForShare: 'FOR SHARE',
  ForKeyShare: 'FOR KEY SHARE',
  NoWait: 'NOWAIT',
  SkipLocked: 'SKIP LOCKED',
}

/** Join types Redshift lacks, as they read in SQL. */
const LATERAL_JOINS: Readonly<Record<string, string>> = {
  LateralInnerJoin: 'INNER JOIN LATERAL',
  LateralLeftJoin: 'LEFT JOIN LATERAL',
  LateralCrossJoin: 'CROSS JOIN LATERAL',
  OuterApply: 'OUTER APPLY',
  CrossApply: 'CROSS APPLY',
}

/**
 * Throws for SELECT clauses Redshift lacks: DISTINCT ON, FETCH, and TOP
 * together with DISTINCT.
 *
 * ```ts
 * checkSelectQuery(node) // from visitSelectQuery
 * ```
 */
export function checkSelectQuery(node: SelectQueryNode): void {
  if (node.distinctOn) {
    unsupported(
      'DISTINCT ON',
      'ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...) filtered with QUALIFY or in a subquery',
    )
  }
  if (node.fetch) {
    refuse(FETCH)
  }
  if (node.top && node.frontModifiers?.some((m) => m.modifier === 'Distinct')) {
    unsupported(
      'TOP together with DISTINCT',
      'LIMIT: Redshift accepts either TOP or DISTINCT after SELECT, not both',
    )
  }
}

/**
 * Throws for row locking (FOR UPDATE, SKIP LOCKED, ...): Redshift locks whole
 * tables only.
 *
 * ```ts
 * checkSelectModifier(node) // from visitSelectModifier
 * ```
 */
export function checkSelectModifier(node: SelectModifierNode): void {
  if (node.modifier && node.modifier !== 'Distinct') {
    unsupported(
      `row locking (${LOCKING_MODIFIERS[node.modifier] ?? node.modifier})`,
      'LOCK table inside the transaction (Redshift locks whole tables)',
    )
  }
}

/**
 * Throws for LATERAL and APPLY joins.
 *
 * ```ts
 * checkJoin(node) // from visitJoin
 * ```
 */
export function checkJoin(node: JoinNode): void {
  const lateral = LATERAL_JOINS[node.joinType]
  if (lateral) {
    unsupported(
      `${lateral} joins`,
      'a join against a grouped subquery, or window functions with QUALIFY',
    )
  }
}

/**
 * Throws for a TOP Redshift would reject: outside SELECT, with PERCENT or
 * WITH TIES, or with a count that is not a non-negative integer (it is
 * written into the SQL, not bound).
 *
 * ```ts
 * checkTop(node, SelectQueryNode.is(parent)) // from visitTop
 * ```
 */
export function checkTop(node: TopNode, inSelect: boolean): void {
  if (!inSelect) {
    unsupported(
      'TOP outside SELECT',
      'a WHERE condition that selects the rows (Redshift accepts TOP only in SELECT)',
    )
  }
  if (node.modifiers) {
    unsupported(
      `TOP ... ${node.modifiers.toUpperCase()}`,
      'TOP n or LIMIT n with an explicit count',
    )
  }
  const count = node.expression
  if (
    typeof count === 'number' &&
    !(Number.isSafeInteger(count) && count >= 0)
  ) {
    throw new RangeError(`TOP needs a non-negative integer, got ${count}`)
  }
}

/**
 * Throws for INTERSECT ALL / EXCEPT ALL: only UNION has an ALL form.
 *
 * ```ts
 * checkSetOperation(node) // from visitSetOperation
 * ```
 */
export function checkSetOperation(node: SetOperationNode): void {
  if (node.all && node.operator !== 'union') {
    unsupported(
      `${node.operator.toUpperCase()} ALL`,
      `${node.operator.toUpperCase()} (without ALL) — only UNION has an ALL form on Redshift`,
    )
  }
}

/**
 * Throws for EXPLAIN with options or a format: Redshift has EXPLAIN
 * [VERBOSE] only.
 *
 * ```ts
 * checkExplain(node) // from visitExplain
 * ```
 */
export function checkExplain(node: ExplainNode): void {
  if (node.format || node.options) {
    unsupported(
      'EXPLAIN options or formats',
      '.explain() without arguments (Redshift has EXPLAIN [VERBOSE] only)',
    )
  }
}
