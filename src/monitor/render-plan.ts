import {
  distributionMeaning,
  redistributionCost,
  type ExplainPlan,
  type PlanNode,
} from './explain-plan.js'

/** Options of {@link renderPlan}. */
export interface RenderPlanOptions {
  /**
   * ANSI colours: red for a costly redistribution, yellow for a moderate
   * one, dim details. Off by default, so the text is the same in a log file
   * as on a terminal.
   */
  readonly color?: boolean
  /** Print each operation's detail lines (`Hash Cond: ...`). Default true. */
  readonly details?: boolean
}

const RED = '\u001b[31m'
const YELLOW = '\u001b[33m'
const DIM = '\u001b[2m'
const RESET = '\u001b[0m'

/**
 * The plan as an indented tree for a terminal: one operation per line with
 * its relation, cost range, rows and width; a redistribution that moves rows
 * is marked `!!` (high cost: broadcast, both sides, all to one slice) or `!`
 * (one side redistributed) and explained; Redshift's warnings last. Plain
 * text unless `color` is asked for.
 *
 * ```ts
 * console.log(renderPlan(await db.monitor.explain(query), { color: process.stdout.isTTY }))
 * // Hash Join DS_BCAST_INNER !!  cost 0.09..15.38  rows 30  width 22  (a copy of the entire inner table is broadcast to every compute node)
 * // │  Hash Cond: ("outer".eventid = "inner".eventid)
 * // ├─ Seq Scan on sales  cost 0.00..1.03  rows 3  width 4
 * // └─ Hash  cost ...
 * ```
 */
export function renderPlan(
  plan: ExplainPlan,
  options: RenderPlanOptions = {},
): string {
  const paint = options.color === true ? ansi : plain
  const details = options.details ?? true
  const lines: string[] = []
  const visit = (node: PlanNode, lead: string, own: string) => {
    lines.push(own + describe(node, paint))
    const below = node.children.length > 0 ? '│  ' : '   '
    if (details) {
      for (const detail of node.details) {
        lines.push(lead + below + paint('dim', detail))
      }
    }
    node.children.forEach((child, i) => {
      const last = i === node.children.length - 1
      visit(child, lead + (last ? '   ' : '│  '), lead + (last ? '└─ ' : '├─ '))
    })
  }
  visit(plan.root, '', '')
  if (plan.warnings.length > 0) {
    lines.push('', 'Warnings:')
    for (const warning of plan.warnings) lines.push(`  ${warning}`)
  }
  return lines.join('\n')
}

type Tone = 'high' | 'moderate' | 'dim'

function describe(
  node: PlanNode,
  paint: (tone: Tone, text: string) => string,
): string {
  let head = node.operator
  if (node.relation !== null) {
    head += ` on ${node.relation}${node.alias === null ? '' : ` ${node.alias}`}`
  }
  const numbers =
    `cost ${node.cost.startup.toFixed(2)}..${node.cost.total.toFixed(2)}` +
    `  rows ${node.rows}  width ${node.widthBytes}`
  if (node.distribution === null) return `${head}  ${numbers}`
  const cost = redistributionCost(node.distribution)
  if (cost === 'none') return `${head} ${node.distribution}  ${numbers}`
  const mark = cost === 'high' ? '!!' : '!'
  return (
    `${head} ${paint(cost, `${node.distribution} ${mark}`)}  ${numbers}  ` +
    paint(cost, `(${distributionMeaning(node.distribution)})`)
  )
}

function plain(_tone: Tone, text: string): string {
  return text
}

function ansi(tone: Tone, text: string): string {
  const code = tone === 'high' ? RED : tone === 'moderate' ? YELLOW : DIM
  return `${code}${text}${RESET}`
}
