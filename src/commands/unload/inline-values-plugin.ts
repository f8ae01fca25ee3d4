import {
  OperationNodeTransformer,
  RawNode,
  SelectQueryNode,
  ValueListNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely'

import { CommandOptionError } from '../../errors/command-option-error.js'
import { inlineLiteral } from './inline-literal.js'

/**
 * Replaces every bind parameter of a query with its value written as SQL
 * text (see {@link inlineLiteral}). `sql.lit` values (immediate values) are
 * left to the dialect's compiler, which already writes them inline. Also
 * used on its own where no parameter may reach the server (EXPLAIN).
 *
 * ```ts
 * const inlined = new InlineValuesTransformer().transformNode(query.toOperationNode())
 * ```
 */
export class InlineValuesTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    if (node.immediate) return node
    // A raw fragment compiles to its text as it is; the compiler never sees
    // the value, so it adds no parameter.
    return RawNode.createWithSql(
      inlineLiteral(node.value),
    ) as unknown as ValueNode
  }

  protected override transformPrimitiveValueList(
    node: PrimitiveValueListNode,
  ): PrimitiveValueListNode {
    // `in (...)` lists: a ValueListNode of raw values compiles to the same
    // parenthesised list.
    return ValueListNode.create(
      node.values.map((value) => RawNode.createWithSql(inlineLiteral(value))),
    ) as unknown as PrimitiveValueListNode
  }
}

/**
 * A Kysely plugin, added last to the query inside an UNLOAD, that inlines its
 * values and refuses what UNLOAD cannot take: anything but a SELECT (or raw
 * SQL), and a LIMIT on the outer SELECT. Being a plugin, it runs after the
 * instance's own plugins and hands the tree to the instance's own compiler,
 * so the dialect's checks apply to the inlined query as to any other.
 *
 * ```ts
 * const compiled = query.withPlugin(new InlineValuesPlugin()).compile()
 * compiled.parameters // []
 * ```
 */
export class InlineValuesPlugin implements KyselyPlugin {
  readonly #transformer = new InlineValuesTransformer()
  #root: RootOperationNode | undefined

  /** The query's root node as the plugin last saw it (after earlier plugins). */
  get root(): RootOperationNode | undefined {
    return this.#root
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    checkUnloadQueryNode(args.node)
    this.#root = args.node
    return this.#transformer.transformNode(args.node, args.queryId)
  }

  async transformResult(
    args: PluginTransformResultArgs,
  ): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

/**
 * Refuses a query UNLOAD cannot take: anything but a SELECT or raw SQL, and a
 * SELECT with a LIMIT of its own (Redshift allows LIMIT only in a nested
 * query).
 *
 * ```ts
 * checkUnloadQueryNode(db.selectFrom('t').selectAll().limit(5).toOperationNode()) // throws
 * ```
 */
export function checkUnloadQueryNode(node: RootOperationNode): void {
  if (SelectQueryNode.is(node)) {
    if (node.limit !== undefined) {
      throw new CommandOptionError({
        command: 'UNLOAD',
        option: 'query',
        rule:
          'Redshift refuses a LIMIT on the outer SELECT of an UNLOAD; nest it: ' +
          "db.selectFrom((eb) => eb.selectFrom('t').selectAll().limit(10).as('t')).selectAll()",
      })
    }
  } else if (node.kind !== 'RawNode') {
    throw new CommandOptionError({
      command: 'UNLOAD',
      option: 'query',
      rule: `UNLOAD takes a SELECT query (or raw SQL), not a ${node.kind}`,
    })
  }
}
