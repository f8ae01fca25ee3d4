import type { DatabaseError } from 'pg-protocol'

import { createErrorResponse, internalDetail } from './error-response.js'
import { markTimedOut } from './simulated-timeout.js'

/**
 * The error a connection drops with: a Node.js socket error, which is what
 * node-postgres hands to the query in flight when the server goes away.
 */
export type SocketError = Error & {
  readonly code: string
  readonly errno: number
  readonly syscall: string
}

/**
 * Options of {@link redshiftError.serializationFailure}.
 */
export interface SerializationFailureOptions {
  /** The id of the table the conflict was detected on. */
  readonly tableId?: number
  /** The two transactions forming the cycle. */
  readonly transactions?: readonly [number, number]
  readonly pid?: number
}

/**
 * The errors Redshift commonly sends, with its SQLSTATEs and message texts.
 * Used as the properties of {@link redshiftError}.
 *
 * @example
 * ```ts
 * redshiftErrorPresets.serializationFailure()
 * ```
 */
export const redshiftErrorPresets = {
  /**
   * ERROR 1023: a serializable isolation violation. SQLSTATE `XX000` (not
   * PostgreSQL's 40001); the whole transaction should be retried.
   *
   * @example
   * ```ts
   * mock.on('commit', { times: 1 }).fails(redshiftError.serializationFailure())
   * ```
   */
  serializationFailure(
    options: SerializationFailureOptions = {},
  ): DatabaseError {
    const {
      tableId = 100_148,
      transactions = [4_021, 4_023],
      pid = 1_073_815_810,
    } = options
    return createErrorResponse({
      code: 'XX000',
      message: '1023',
      detail:
        `Serializable isolation violation on table - ${tableId}, ` +
        `transactions forming the cycle are: ${transactions[0]}, ${transactions[1]} (pid:${pid})`,
      routine: 'pg_throw',
    })
  },

  /**
   * The conflict Redshift reports under SNAPSHOT isolation (the Serverless
   * default) and for DDL racing background work such as materialized view
   * refreshes. Drivers see it as an internal error (`XX000`).
   *
   * @example
   * ```ts
   * mock.on(/^drop table/, { times: 1 }).fails(redshiftError.concurrentTransactionConflict())
   * ```
   */
  concurrentTransactionConflict(): DatabaseError {
    return createErrorResponse({
      code: 'XX000',
      message:
        'could not complete because of conflict with concurrent transaction',
    })
  },

  /**
   * A statement cancelled by CANCEL, `pg_cancel_backend` or
   * `statement_timeout` (Redshift words all three the same way).
   *
   * @example
   * ```ts
   * mock.on(/from "big_table"/).fails(redshiftError.queryCancelled({ queryId: 1234 }))
   * ```
   */
  queryCancelled(options: { readonly queryId?: number } = {}): DatabaseError {
    const { queryId = 1_234_567 } = options
    return createErrorResponse({
      code: '57014',
      message: `Query (${queryId}) cancelled on user's request`,
    })
  },

  /**
   * A statement that ran until its `statement_timeout`. Redshift reports it
   * exactly like a cancel (57014, `Query (N) cancelled on user's request`);
   * the SDK tells the two apart by the timeout in force and how long the
   * statement ran, and the mock makes this statement count as having run
   * for the whole timeout. The timeout is `timeoutMs`, else the
   * statement's own (the mock's `session` option or a
   * `QuerySettingsPlugin`); with neither, it comes out as a cancel, as it
   * would from the real driver.
   *
   * @example
   * ```ts
   * mock.on(/from "big_table"/).fails(redshiftError.statementTimeout({ timeoutMs: 60_000 }))
   * ```
   */
  statementTimeout(
    options: { readonly queryId?: number; readonly timeoutMs?: number } = {},
  ): DatabaseError {
    const { queryId = 1_234_567, timeoutMs } = options
    return markTimedOut(
      createErrorResponse({
        code: '57014',
        message: `Query (${queryId}) cancelled on user's request`,
      }),
      timeoutMs,
    )
  },

  /**
   * A query aborted by WLM or a query monitoring rule (internal code 1020).
   *
   * @example
   * ```ts
   * mock.on(/^select/).fails(redshiftError.systemAbort())
   * ```
   */
  systemAbort(options: { readonly queryId?: number } = {}): DatabaseError {
    const { queryId = 1_234_567 } = options
    return createErrorResponse({
      code: 'XX000',
      message: 'abort query',
      detail: internalDetail({
        error: 'abort query',
        code: 1020,
        context: 'system requested abort',
        query: queryId,
        location: 'queryabort.hpp:88',
        process: 'query1_61 [pid=31420]',
      }),
      routine: 'pg_throw',
    })
  },

  /**
   * A query that ran out of disk (internal code 1016).
   *
   * @example
   * ```ts
   * mock.on(/^insert into "events"/).fails(redshiftError.diskFull())
   * ```
   */
  diskFull(options: { readonly queryId?: number } = {}): DatabaseError {
    const { queryId = 1_234_567 } = options
    return createErrorResponse({
      code: 'XX000',
      message: 'Disk Full',
      detail: internalDetail({
        error: 'Disk Full',
        code: 1016,
        context: 'node: 0',
        query: queryId,
        location: 'fdisk_api.cpp:343',
        process: 'query0_49 [pid=15048]',
      }),
      routine: 'pg_throw',
    })
  },

  /**
   * A COPY that rejected rows; the details are in STL_LOAD_ERRORS.
   *
   * @example
   * ```ts
   * mock.on(/^copy "sales"/).fails(redshiftError.loadFailed('sales'))
   * ```
   */
  loadFailed(table: string): DatabaseError {
    return createErrorResponse({
      code: 'XX000',
      message: `Load into table '${table}' failed.  Check 'stl_load_errors' system table for details.`,
      routine: 'pg_throw',
    })
  },

  /**
   * `relation "..." does not exist` (SQLSTATE 42P01).
   *
   * @example
   * ```ts
   * mock.on(/from "sales"/).fails(redshiftError.tableNotFound('sales'))
   * ```
   */
  tableNotFound(table: string): DatabaseError {
    return createErrorResponse({
      code: '42P01',
      message: `relation "${table}" does not exist`,
    })
  },

  /**
   * `column "..." does not exist` (SQLSTATE 42703).
   *
   * @example
   * ```ts
   * mock.on(/"price"/).fails(redshiftError.columnNotFound('price'))
   * ```
   */
  columnNotFound(column: string): DatabaseError {
    return createErrorResponse({
      code: '42703',
      message: `column "${column}" does not exist`,
    })
  },

  /**
   * `permission denied for relation ...` (SQLSTATE 42501).
   *
   * @example
   * ```ts
   * mock.on(/^delete from "sales"/).fails(redshiftError.permissionDenied('sales'))
   * ```
   */
  permissionDenied(relation: string): DatabaseError {
    return createErrorResponse({
      code: '42501',
      message: `permission denied for relation ${relation}`,
    })
  },

  /**
   * `syntax error at or near "..."` (SQLSTATE 42601).
   *
   * @example
   * ```ts
   * mock.on(/^unload/).fails(redshiftError.syntaxError('$1', 10))
   * ```
   */
  syntaxError(near: string, position?: number): DatabaseError {
    return createErrorResponse({
      code: '42601',
      message: `syntax error at or near "${near}"`,
      position,
    })
  },

  /**
   * A statement that may not run inside a transaction block (SQLSTATE
   * 25001), e.g. VACUUM or CREATE EXTERNAL TABLE.
   *
   * @example
   * ```ts
   * mock.on(/^vacuum/).fails(redshiftError.notAllowedInTransaction('VACUUM'))
   * ```
   */
  notAllowedInTransaction(statement: string): DatabaseError {
    return createErrorResponse({
      code: '25001',
      message: `${statement} cannot run inside a transaction block`,
    })
  },

  /**
   * What every statement after a failed one gets until the transaction ends
   * (SQLSTATE 25P02). The mock sends it by itself; the preset exists for
   * tests that want it outside a transaction.
   *
   * @example
   * ```ts
   * mock.on(/^select/, { times: 1 }).fails(redshiftError.transactionAborted())
   * ```
   */
  transactionAborted(): DatabaseError {
    return createErrorResponse({
      code: '25P02',
      message:
        'current transaction is aborted, commands ignored until end of transaction block',
    })
  },

  /**
   * The session was ended by `pg_terminate_backend` or an administrator
   * (SQLSTATE 57P01, severity FATAL).
   *
   * @example
   * ```ts
   * mock.on(/^select/, { times: 1 }).fails(redshiftError.sessionTerminated())
   * ```
   */
  sessionTerminated(): DatabaseError {
    return createErrorResponse({
      code: '57P01',
      severity: 'FATAL',
      message: 'terminating connection due to administrator command',
    })
  },

  /**
   * The network connection dropped mid-query (a socket `ECONNRESET`, not
   * a server error response).
   *
   * @example
   * ```ts
   * mock.on(/^select/, { times: 1 }).fails(redshiftError.connectionLost())
   * ```
   */
  connectionLost(): SocketError {
    return Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
      errno: -104,
      syscall: 'read',
    })
  },
}
