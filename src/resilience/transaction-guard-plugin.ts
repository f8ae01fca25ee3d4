import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RawNode,
  RootOperationNode,
  UnknownRow,
} from 'kysely'

// For the {@link} in the class documentation.
import type { TransactionGuard } from './transaction-guard.js'
import { ImplicitCommitError } from './transaction-implicit-commit-error.js'
import { implicitCommitOf } from './transaction-implicit-commit.js'

/**
 * The plugin on every transaction a helper of this package opens. Before a
 * statement is compiled it refuses:
 *
 * - TRUNCATE and ALTER TABLE APPEND, which Redshift runs with a COMMIT of
 *   their own, with an {@link ImplicitCommitError} (Kysely has no builder for
 *   either, so they only come as raw SQL: a `sql` template or `sql.raw`);
 * - any statement once `signal` is aborted, with the signal's reason, so an
 *   abort stops the callback at its next statement and the transaction is
 *   rolled back.
 *
 * A `CompiledQuery` compiled elsewhere and passed to `trx.executeQuery()`
 * skips Kysely's plugins; the helpers put the same checks on the
 * transaction's connection ({@link TransactionGuard}), which sees it.
 *
 * ```ts
 * const trx = db.withPlugin(new TransactionGuardPlugin(signal))
 * await sql`truncate sales`.execute(trx) // throws ImplicitCommitError
 * ```
 */
export class TransactionGuardPlugin implements KyselyPlugin {
  readonly #signal: AbortSignal | undefined

  constructor(signal?: AbortSignal) {
    this.#signal = signal
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#signal?.throwIfAborted()
    const { node } = args
    if (node.kind === 'RawNode') {
      const text = rawText(node as RawNode)
      const statement = implicitCommitOf(text)
      if (statement !== undefined) {
        throw new ImplicitCommitError(statement, text.trim())
      }
    }
    return node
  }

  async transformResult(
    args: PluginTransformResultArgs,
  ): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

// The SQL a raw node stands for, with each identifier or value it embeds
// written as `x`: enough to tell what kind of statement it is.
function rawText(node: RawNode): string {
  let text = node.sqlFragments[0] ?? ''
  node.parameters.forEach((parameter, index) => {
    text += embedded(parameter) + (node.sqlFragments[index + 1] ?? '')
  })
  return text
}

function embedded(node: OperationNode): string {
  return node.kind === 'RawNode' ? rawText(node as RawNode) : ' x '
}
