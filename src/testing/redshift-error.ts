import { DatabaseError } from 'pg-protocol'

/**
 * The fields of an error response, as node-postgres exposes them on its
 * `DatabaseError`. Only `message` is required; `code` (the SQLSTATE)
 * defaults to `XX000`, which is what Redshift sends for its own internal
 * errors (serialization failures included).
 *
 * @example
 * ```ts
 * const fields: ErrorResponseFields = { code: '42P01', message: 'relation "x" does not exist' }
 * ```
 */
export interface ErrorResponseFields {
  readonly message: string
  /** SQLSTATE. Default `XX000`. */
  readonly code?: string
  /** Default `ERROR`. */
  readonly severity?: string
  readonly detail?: string
  readonly hint?: string
  /** 1-based character offset into the SQL text. */
  readonly position?: number | string
  readonly internalPosition?: number | string
  readonly internalQuery?: string
  readonly where?: string
  readonly schema?: string
  readonly table?: string
  readonly column?: string
  readonly dataType?: string
  readonly constraint?: string
  readonly file?: string
  readonly line?: number | string
  readonly routine?: string
}

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
 * Builds an error shaped exactly like the `DatabaseError` node-postgres
 * raises for a server error response (same class, same string-typed
 * fields), so that code under test and the SDK's error mapping see what
 * they would see from a real cluster.
 *
 * The presets (`redshiftError.serializationFailure()`, ...) build the errors
 * Redshift actually sends for common failures, with its message texts and
 * SQLSTATEs.
 *
 * @example
 * ```ts
 * mock.on(/^insert/, { times: 1 }).fails(
 *   redshiftError({
 *     code: 'XX000',
 *     message: '1023',
 *     detail: 'Serializable isolation violation on table - 100, transactions forming the cycle are: 1, 2 (pid:1)',
 *   }),
 * )
 * ```
 */
function createRedshiftError(fields: ErrorResponseFields): DatabaseError {
  const error = new DatabaseError(
    fields.message,
    Buffer.byteLength(fields.message),
    'error',
  )
  error.severity = fields.severity ?? 'ERROR'
  error.code = fields.code ?? 'XX000'
  error.detail = fields.detail
  error.hint = fields.hint
  error.position = optionalString(fields.position)
  error.internalPosition = optionalString(fields.internalPosition)
  error.internalQuery = fields.internalQuery
  error.where = fields.where
  error.schema = fields.schema
  error.table = fields.table
  error.column = fields.column
  error.dataType = fields.dataType
  error.constraint = fields.constraint
  error.file = fields.file
  error.line = optionalString(fields.line)
  error.routine = fields.routine
  return error
}

function optionalString(
  value: number | string | undefined,
): string | undefined {
  return value === undefined ? undefined : String(value)
}

/**
 * Redshift reports its internal errors with a DETAIL block of aligned
 * `name: value` lines between dashed rules.
 */
function internalDetail(
  lines: Readonly<Record<string, string | number>>,
): string {
  const rule = '  -----------------------------------------------'
  const body = Object.entries(lines).map(
    ([name, value]) => `  ${`${name}:`.padEnd(10)} ${value}`,
  )
  return [rule, ...body, rule].join('\n')
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

const presets = {
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
    return createRedshiftError({
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
    return createRedshiftError({
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
    return createRedshiftError({
      code: '57014',
      message: `Query (${queryId}) cancelled on user's request`,
    })
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
    return createRedshiftError({
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
    return createRedshiftError({
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
    return createRedshiftError({
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
    return createRedshiftError({
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
    return createRedshiftError({
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
    return createRedshiftError({
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
    return createRedshiftError({
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
    return createRedshiftError({
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
    return createRedshiftError({
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
    return createRedshiftError({
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

/**
 * Builds a Redshift error response (see {@link ErrorResponseFields}); its
 * properties are presets for the failures Redshift commonly sends.
 *
 * @example
 * ```ts
 * redshiftError({ code: '42P01', message: 'relation "sales" does not exist' })
 * redshiftError.serializationFailure()
 * redshiftError.queryCancelled({ queryId: 42 })
 * ```
 */
export const redshiftError: typeof createRedshiftError & typeof presets =
  Object.assign(createRedshiftError, presets)
