import {
  AbortedTransactionError,
  CompiledQuery,
  type QueryResult,
} from 'kysely'

import type {
  GuardableConnection,
  TransactionGuard,
} from '../resilience/transaction-guard.js'
import { mapInjectedError } from './map-injected-error.js'
import type { MockBackend } from './mock-backend.js'
import type { MockQuery, TransactionControl } from './recorded-query.js'
import { redshiftError } from './redshift-error.js'
import { UnmatchedQueryError } from './unmatched-query-error.js'

type TransactionStatus = 'idle' | 'active' | 'failed'

// The real connection never reads fewer rows per cursor round trip.
const MIN_CHUNK_SIZE = 2

/**
 * One session of the mock. It keeps the transaction state a real session
 * has, so that code under test meets the same rules: after a failed
 * statement every statement but ROLLBACK fails with 25P02, and COMMIT of a
 * failed transaction rolls it back.
 */
export class MockRedshiftConnection implements GuardableConnection {
  readonly #backend: MockBackend
  #status: TransactionStatus = 'idle'
  #transactionId: number | undefined
  #guard: TransactionGuard | undefined

  constructor(backend: MockBackend) {
    this.#backend = backend
  }

  /**
   * Checks every statement with `guard` until the transaction ends, as the
   * real connection does.
   * @internal
   */
  guardTransaction(guard: TransactionGuard): void {
    this.#guard = guard
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    this.#guard?.check(compiledQuery.sql)
    return this.#run(compiledQuery, undefined, false) as QueryResult<R>
  }

  /**
   * Streams the canned rows in chunks, as the real connection reads a
   * cursor: at least two rows per chunk (Redshift can fail single-row
   * portal reads), and an aborted `signal` stops the stream.
   */
  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize: number,
    options?: { readonly signal?: AbortSignal },
  ): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
      throw new TypeError('chunkSize must be a positive integer')
    }
    const signal = options?.signal
    signal?.throwIfAborted()
    this.#guard?.check(compiledQuery.sql)
    const { rows } = this.#run(compiledQuery, undefined, true)
    const size = Math.max(MIN_CHUNK_SIZE, chunkSize)
    for (let start = 0; start < rows.length; start += size) {
      signal?.throwIfAborted()
      yield { rows: rows.slice(start, start + size) as R[] }
    }
  }

  async begin(sql: string): Promise<void> {
    this.#transactionId = this.#backend.nextTransactionId()
    this.#status = 'active'
    try {
      this.#run(CompiledQuery.raw(sql), 'begin', false)
    } catch (error) {
      this.#endTransaction()
      throw error
    }
  }

  async commit(): Promise<void> {
    if (this.#status === 'failed') {
      // The server accepts COMMIT of a failed transaction and rolls it back
      // instead; the driver reports that as an aborted transaction.
      const query = this.#describe(CompiledQuery.raw('commit'), 'commit', false)
      this.#backend.recordSessionAnswer(query)
      this.#endTransaction()
      throw new AbortedTransactionError()
    }
    this.#run(CompiledQuery.raw('commit'), 'commit', false)
    // A COMMIT that failed leaves the transaction to the ROLLBACK that
    // follows it, so both are logged under the same transaction.
    this.#endTransaction()
  }

  async rollback(): Promise<void> {
    try {
      this.#run(CompiledQuery.raw('rollback'), 'rollback', false)
    } finally {
      this.#endTransaction()
    }
  }

  #run(
    compiledQuery: CompiledQuery,
    control: TransactionControl | undefined,
    streamed: boolean,
  ): QueryResult<unknown> {
    const query = this.#describe(compiledQuery, control, streamed)
    try {
      if (this.#status === 'failed' && control !== 'rollback') {
        const error = mapInjectedError(
          redshiftError.transactionAborted(),
          query.sql,
          query.session.statementTimeoutMs,
        )
        this.#backend.recordSessionAnswer(query, error)
        throw error
      }
      return this.#backend.respond(query)
    } catch (error) {
      if (
        this.#status === 'active' &&
        !(error instanceof UnmatchedQueryError)
      ) {
        this.#status = 'failed'
      }
      throw error
    }
  }

  #describe(
    compiledQuery: CompiledQuery,
    control: TransactionControl | undefined,
    streamed: boolean,
  ): MockQuery {
    return this.#backend.describe(compiledQuery, {
      transactionId: this.#transactionId,
      transactionControl: control,
      streamed,
    })
  }

  #endTransaction(): void {
    this.#guard = undefined
    this.#transactionId = undefined
    this.#status = 'idle'
  }
}
