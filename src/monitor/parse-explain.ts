import {
  isDistributionStep,
  redistributionCost,
  type DistributionStep,
  type ExplainPlan,
  type PlanNode,
} from './explain-plan.js'

// `[->  ][XN |LD ]<operator>  (cost=a..b rows=n width=w)`, as in
// c-the-query-plan.html. Costs may be huge (1000000000136.38) and are read
// as numbers: they are relative estimates, not amounts.
const NODE_LINE =
  /^(\s*)(?:->\s+)?(?:(XN|LD)\s+)?(.+?)\s+\(cost=(\d+(?:\.\d+)?)\.\.(\d+(?:\.\d+)?) rows=(\d+) width=(\d+)\)\s*$/

// `----- Tables missing statistics: a, b -----`
const WARNING_LINE = /^\s*-{3,}\s*(.*?)\s*-{3,}\s*$/

const DISTRIBUTION_SUFFIX = /\s+(DS_[A-Z_]+)$/

// `Seq Scan on sales`, `Seq Scan on sales s`, `Seq Scan on "my table" t`
const SCAN_TARGET =
  /^(.*?) on ("(?:[^"]|"")+"|\S+)(?:\s+("(?:[^"]|"")+"|\S+))?$/

interface Draft {
  readonly column: number
  readonly node: {
    operator: string
    engine: 'XN' | 'LD' | null
    relation: string | null
    alias: string | null
    distribution: DistributionStep | null
    cost: { startup: number; total: number }
    rows: number
    widthBytes: number
    details: string[]
    children: Draft['node'][]
  }
}

/**
 * Parses the text EXPLAIN returns (one row per line) into an
 * {@link ExplainPlan}: operations nested by their `->` indentation, each
 * with its cost range, rows, width, distribution step and detail lines, and
 * Redshift's warnings. Throws a `TypeError` on text with no plan in it.
 *
 * ```ts
 * const plan = parseExplain([
 *   'XN HashAggregate  (cost=131.97..133.41 rows=576 width=17)',
 *   '  ->  XN Seq Scan on event  (cost=0.00..87.98 rows=8798 width=17)',
 * ])
 * plan.root.children[0].relation // 'event'
 * ```
 */
export function parseExplain(lines: readonly string[]): ExplainPlan {
  const all = lines.flatMap((line) => line.split('\n'))
  const warnings: string[] = []
  const stack: Draft[] = []
  let root: Draft['node'] | undefined
  for (const line of all) {
    if (line.trim() === '') continue
    const warning = WARNING_LINE.exec(line)
    if (warning !== null) {
      warnings.push(warning[1]!)
      continue
    }
    const match = NODE_LINE.exec(line)
    if (match === null) {
      const column = line.length - line.trimStart().length
      while (stack.length > 1 && stack.at(-1)!.column >= column) stack.pop()
      stack.at(-1)?.node.details.push(line.trim())
      continue
    }
    const [, indent, engine, label, startup, total, rows, width] = match
    const column = indent!.length
    const node = nodeOf(
      label!,
      (engine as 'XN' | 'LD' | undefined) ?? null,
      [Number(startup), Number(total)],
      Number(rows),
      Number(width),
    )
    if (root === undefined) {
      root = node
    } else {
      while (stack.length > 1 && stack.at(-1)!.column >= column) stack.pop()
      stack.at(-1)!.node.children.push(node)
    }
    stack.push({ column, node })
  }
  if (root === undefined) {
    throw new TypeError(
      'the EXPLAIN output has no plan line of the form "<operation>  (cost=a..b rows=n width=w)"',
    )
  }
  const tree = freeze(root)
  return Object.freeze({
    root: tree,
    warnings: Object.freeze(warnings),
    totalCost: tree.cost.total,
    redistributions: Object.freeze(movingSteps(tree)),
    text: all.join('\n'),
  })
}

function nodeOf(
  label: string,
  engine: 'XN' | 'LD' | null,
  [startup, total]: [number, number],
  rows: number,
  widthBytes: number,
): Draft['node'] {
  let operator = label.trim()
  let distribution: DistributionStep | null = null
  const step = DISTRIBUTION_SUFFIX.exec(operator)
  if (step !== null && isDistributionStep(step[1]!)) {
    distribution = step[1]
    operator = operator.slice(0, step.index)
  }
  let relation: string | null = null
  let alias: string | null = null
  const target = SCAN_TARGET.exec(operator)
  if (target !== null) {
    operator = target[1]!
    relation = unquote(target[2]!)
    alias = target[3] === undefined ? null : unquote(target[3])
  }
  return {
    operator,
    engine,
    relation,
    alias,
    distribution,
    cost: { startup, total },
    rows,
    widthBytes,
    details: [],
    children: [],
  }
}

function unquote(name: string): string {
  return name.startsWith('"') && name.endsWith('"')
    ? name.slice(1, -1).replaceAll('""', '"')
    : name
}

function freeze(node: Draft['node']): PlanNode {
  return Object.freeze({
    ...node,
    cost: Object.freeze(node.cost),
    details: Object.freeze(node.details),
    children: Object.freeze(node.children.map(freeze)),
  })
}

function movingSteps(node: PlanNode): PlanNode[] {
  const own =
    node.distribution !== null &&
    redistributionCost(node.distribution) !== 'none'
      ? [node]
      : []
  return [...own, ...node.children.flatMap(movingSteps)]
}
