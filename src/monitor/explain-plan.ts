/**
 * How a join step moves rows between slices, as EXPLAIN prints it after the
 * join operator (c_data_redistribution.html). `DS_DIST_NONE` and
 * `DS_DIST_ALL_NONE` move nothing; the others redistribute or broadcast.
 */
export type DistributionStep =
  | 'DS_DIST_NONE'
  | 'DS_DIST_ALL_NONE'
  | 'DS_DIST_INNER'
  | 'DS_DIST_OUTER'
  | 'DS_DIST_ALL_INNER'
  | 'DS_DIST_BOTH'
  | 'DS_BCAST_INNER'

/**
 * What a distribution step costs: `none` (nothing moves), `moderate` (one
 * side is redistributed by the join key), `high` (a table is broadcast to
 * every node, both sides are redistributed, or the whole inner table goes to
 * one slice).
 */
export type RedistributionCost = 'none' | 'moderate' | 'high'

/**
 * The relative cost EXPLAIN estimates for one operation: `startup` to return
 * its first row, `total` to complete it (both include the operations below).
 */
export interface PlanCost {
  readonly startup: number
  readonly total: number
}

/**
 * One operation of a query plan.
 *
 * ```ts
 * // XN Hash Join DS_BCAST_INNER  (cost=0.09..15.38 rows=30 width=22)
 * node.operator // 'Hash Join'
 * node.distribution // 'DS_BCAST_INNER'
 * node.cost // { startup: 0.09, total: 15.38 }
 * ```
 */
export interface PlanNode {
  /** The operation without its `XN ` prefix and distribution step, e.g. `Seq Scan`. */
  readonly operator: string
  /** `XN` (compute nodes), `LD` (leader node), or `null` when none is printed. */
  readonly engine: 'XN' | 'LD' | null
  /** The table a scan reads (`Seq Scan on sales`), else `null`. */
  readonly relation: string | null
  /** The alias the query gave that table, else `null`. */
  readonly alias: string | null
  /** The join's distribution step, else `null`. */
  readonly distribution: DistributionStep | null
  readonly cost: PlanCost
  /** Estimated rows the operation returns. */
  readonly rows: number
  /** Estimated average row width, in bytes. */
  readonly widthBytes: number
  /** The lines printed under the operation: `Hash Cond: ...`, `Filter: ...`, `Send to leader`. */
  readonly details: readonly string[]
  /** The operations feeding this one, outer (first) before inner. */
  readonly children: readonly PlanNode[]
}

/**
 * A parsed EXPLAIN: the plan tree, Redshift's warnings (the lines framed by
 * `-----`, e.g. `Tables missing statistics: sales`) and the text as printed.
 *
 * ```ts
 * const plan = await db.monitor.explain(db.selectFrom('sales').selectAll())
 * plan.root.operator // 'Seq Scan'
 * plan.warnings // []
 * ```
 */
export interface ExplainPlan {
  readonly root: PlanNode
  readonly warnings: readonly string[]
  /** The plan's estimated total cost (the root's). */
  readonly totalCost: number
  /** Every distribution step that moves rows, in plan order (top down). */
  readonly redistributions: readonly PlanNode[]
  /** The lines EXPLAIN returned, joined with `\n`. */
  readonly text: string
}

const COST: Readonly<Record<DistributionStep, RedistributionCost>> = {
  DS_DIST_NONE: 'none',
  DS_DIST_ALL_NONE: 'none',
  DS_DIST_INNER: 'moderate',
  DS_DIST_OUTER: 'moderate',
  DS_DIST_ALL_INNER: 'high',
  DS_DIST_BOTH: 'high',
  DS_BCAST_INNER: 'high',
}

const MEANING: Readonly<Record<DistributionStep, string>> = {
  DS_DIST_NONE: 'no redistribution: both sides are distributed on the join key',
  DS_DIST_ALL_NONE: 'no redistribution: the inner table has DISTSTYLE ALL',
  DS_DIST_INNER: 'the inner table is redistributed',
  DS_DIST_OUTER: 'the outer table is redistributed',
  DS_DIST_ALL_INNER: 'the entire inner table is sent to a single slice',
  DS_DIST_BOTH: 'both tables are redistributed',
  DS_BCAST_INNER:
    'a copy of the entire inner table is broadcast to every compute node',
}

/**
 * How costly a distribution step is (see {@link RedistributionCost}).
 *
 * ```ts
 * redistributionCost('DS_BCAST_INNER') // 'high'
 * ```
 */
export function redistributionCost(step: DistributionStep): RedistributionCost {
  return COST[step]
}

/**
 * What a distribution step does, in the words of the AWS documentation.
 *
 * ```ts
 * distributionMeaning('DS_DIST_INNER') // 'the inner table is redistributed'
 * ```
 */
export function distributionMeaning(step: DistributionStep): string {
  return MEANING[step]
}

/**
 * Whether `value` is one of Redshift's distribution steps.
 *
 * ```ts
 * isDistributionStep('DS_DIST_NONE') // true
 * ```
 */
export function isDistributionStep(value: string): value is DistributionStep {
  return Object.hasOwn(COST, value)
}
