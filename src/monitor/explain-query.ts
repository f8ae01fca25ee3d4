import {
  CompiledQuery,
  type Compilable,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RawBuilder,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely'

import { InlineValuesTransformer } from '../commands/unload/inline-values-plugin.js'
import type { ExplainPlan } from './explain-plan.js'
import { parseExplain } from './parse-explain.js'

/** What `explain` takes: a Kysely query builder or a `sql` template. */
export type ExplainSource = Compilable<unknown> | RawBuilder<unknown>

// Values are written inline: EXPLAIN of a statement with bind parameters is
// not something Redshift documents (and the emulator refuses it), and the
// plan of the inlined statement is the plan of the real one.
class InlineForExplain implements KyselyPlugin {
  readonly #transformer = new InlineValuesTransformer()

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId)
  }

  async transformResult(
    args: PluginTransformResultArgs,
  ): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

/**
 * Runs `EXPLAIN` of a typed query (its values written inline by the escaping
 * module) through `db` and parses Redshift's plan text into an
 * {@link ExplainPlan}. Nothing is executed but the EXPLAIN.
 *
 * ```ts
 * const plan = await explainQuery(db, db.selectFrom('sales').innerJoin('event', 'event.id', 'sales.event_id').selectAll())
 * plan.redistributions.map((n) => n.distribution) // ['DS_BCAST_INNER']
 * ```
 */
export async function explainQuery(
  db: Kysely<any>,
  query: ExplainSource,
): Promise<ExplainPlan> {
  const compiled = compileInlined(db, query)
  const { rows } = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(`explain ${compiled.sql}`),
  )
  return parseExplain(rows.map((row) => String(Object.values(row)[0] ?? '')))
}

function compileInlined(db: Kysely<any>, query: ExplainSource): CompiledQuery {
  const plugin = new InlineForExplain()
  const source = query as {
    readonly isRawBuilder?: boolean
    withPlugin?: (plugin: KyselyPlugin) => {
      compile(db?: Kysely<any>): CompiledQuery
    }
    compile?: (db?: Kysely<any>) => CompiledQuery
  }
  let compiled: CompiledQuery
  if (source.isRawBuilder === true && source.withPlugin !== undefined) {
    compiled = source.withPlugin(plugin).compile(db)
  } else if (source.withPlugin !== undefined) {
    compiled = source.withPlugin(plugin).compile()
  } else if (source.compile !== undefined) {
    compiled = source.compile()
  } else {
    throw new TypeError(
      'explain takes a Kysely query builder or a sql`...` template',
    )
  }
  if (compiled.parameters.length > 0) {
    throw new TypeError(
      'the query has bind parameters that could not be written inline for EXPLAIN; build it with Kysely or the sql tag',
    )
  }
  return compiled
}
