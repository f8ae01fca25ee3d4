import {
  AliasNode,
  IdentifierNode,
  ReferenceNode,
  SelectQueryNode,
  type Compilable,
  type Kysely,
  type KyselyPlugin,
  type RawBuilder,
  type RootOperationNode,
} from 'kysely'

import { CommandOptionError } from '../../errors/command-option-error.js'
import {
  checkUnloadQueryNode,
  InlineValuesPlugin,
} from './inline-values-plugin.js'

/**
 * The query an UNLOAD writes out: a Kysely SELECT builder (typed by its
 * output row `O`), raw SQL from the `sql` tag, or any other `Compilable`
 * (which must then compile without parameters).
 *
 * ```ts
 * const q: UnloadSource<{ id: number }> = db.selectFrom('sales').select('id')
 * const r: UnloadSource<{ n: number }> = sql<{ n: number }>`select 1 as n`
 * ```
 */
export type UnloadSource<O = unknown> = Compilable<O> | RawBuilder<O>

/** The inner query compiled with its values inlined. */
export interface InnerQuery {
  readonly sql: string
  /**
   * The output column names, when the query's select list names them all
   * (no `selectAll`, no raw SQL); otherwise `undefined`.
   */
  readonly columns: readonly string[] | undefined
}

interface WithPlugin {
  withPlugin(plugin: KyselyPlugin): Compilable
}

function isRawBuilder(source: unknown): source is RawBuilder<unknown> {
  return (source as { isRawBuilder?: unknown }).isRawBuilder === true
}

function hasWithPlugin(source: unknown): source is WithPlugin {
  return typeof (source as { withPlugin?: unknown }).withPlugin === 'function'
}

/**
 * Compiles the inner query with the instance's own plugins and compiler, its
 * values inlined by {@link InlineValuesPlugin}, so the SQL has no parameters.
 *
 * ```ts
 * compileInnerQuery(db, db.selectFrom('t').select('id').where('id', '>', 5)).sql
 * // select "id" from "t" where "id" > 5
 * ```
 */
export function compileInnerQuery(
  db: Kysely<any>,
  source: UnloadSource,
): InnerQuery {
  const plugin = new InlineValuesPlugin()
  let compiled
  if (isRawBuilder(source)) {
    compiled = source.withPlugin(plugin).compile(db)
  } else if (hasWithPlugin(source)) {
    compiled = source.withPlugin(plugin).compile()
  } else if (typeof (source as { compile?: unknown }).compile === 'function') {
    compiled = source.compile()
    checkUnloadQueryNode(compiled.query)
  } else {
    throw new CommandOptionError({
      command: 'UNLOAD',
      option: 'query',
      rule: 'give a Kysely SELECT builder, a sql`...` template, or a Compilable',
    })
  }
  if (compiled.parameters.length > 0) {
    throw new CommandOptionError({
      command: 'UNLOAD',
      option: 'query',
      rule:
        'the query has bind parameters, which cannot cross into UNLOAD, and they could not be ' +
        'inlined; build it with Kysely (or the sql tag) so its values can be written inline',
    })
  }
  return {
    sql: compiled.sql,
    columns: outputColumns(plugin.root ?? compiled.query),
  }
}

function outputColumns(root: RootOperationNode): string[] | undefined {
  if (!SelectQueryNode.is(root) || root.selections === undefined) {
    return undefined
  }
  const names: string[] = []
  for (const { selection } of root.selections) {
    if (AliasNode.is(selection) && IdentifierNode.is(selection.alias)) {
      names.push(selection.alias.name)
    } else if (
      ReferenceNode.is(selection) &&
      selection.column.kind === 'ColumnNode'
    ) {
      names.push(selection.column.column.name)
    } else if (selection.kind === 'ColumnNode') {
      names.push(selection.column.name)
    } else {
      return undefined
    }
  }
  return names
}
