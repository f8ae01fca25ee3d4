import { AuthenticationFailedError } from './authentication-failed-error.js'
import { ColumnNotFoundError } from './column-not-found-error.js'
import { ConnectionLostError } from './connection-lost-error.js'
import { DataError } from './data-error.js'
import { InvalidSqlError } from './invalid-sql-error.js'
import { LoadError } from './load-error.js'
import { NotAllowedInTransactionError } from './not-allowed-in-transaction-error.js'
import { PermissionDeniedError } from './permission-denied-error.js'
import { QueryCancelledError } from './query-cancelled-error.js'
import { redactSecrets } from './redact-secrets.js'
import {
  SERVER_POSITION_FIELDS,
  SERVER_TEXT_FIELDS,
  RedshiftError,
  type RedshiftErrorFields,
  type RedshiftErrorOptions,
} from './redshift-error.js'
import { ResourceError } from './resource-error.js'
import { sanitizeError } from './sanitize-error.js'
import { SerializationFailureError } from './serialization-failure-error.js'
import { StatementTimeoutError } from './statement-timeout-error.js'
import { TableNotFoundError } from './table-not-found-error.js'
import { TlsError } from './tls-error.js'

/** What the caller knows about the statement that failed. */
export interface MapErrorContext {
  /** The text of the statement that failed; kept on the error only after redaction. */
  readonly sql?: string
  /**
   * The caller's statement, when the one that failed (`sql`) was sent by the
   * SDK on its behalf; kept only after redaction.
   */
  readonly userSql?: string
  /** The `statement_timeout` in force for the statement, in milliseconds. */
  readonly statementTimeoutMs?: number
  /** How long the statement ran before it failed, in milliseconds. */
  readonly elapsedMs?: number
  /** Values that must never appear in the error (passwords, keys, tokens). */
  readonly secrets?: readonly string[]
}

// Redshift and PostgreSQL give no code for connection loss seen by the
// driver; these are Node.js socket error codes and pg's own messages.
const SOCKET_ERROR_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
])
const CONNECTION_LOST_MESSAGE =
  /^(Connection terminated|timeout expired$|Client has encountered a connection error)/

// A statement timeout in PostgreSQL says so; Redshift says `Query (N)
// cancelled on user's request` for both a timeout and a cancel.
const TIMEOUT_MESSAGE = /statement timeout/i
// Redshift reports the timeout once the deadline passed; a cancel that lands
// in the last 10% is indistinguishable and is called a timeout.
const TIMEOUT_ELAPSED_RATIO = 0.9

// Node's certificate verification codes, and pg's answer when the server
// refuses the SSLRequest.
const TLS_ERROR_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])
const NO_TLS_MESSAGE = /^The server does not support SSL connections/

const LOAD_FAILED = /Load into table '(.*?)' failed/
const CONNECTION_LIMIT = /connection limit "\d+" exceeded/i

/**
 * Turns anything thrown by the driver, the socket or the server into one of
 * this package's error classes, keeping every raw ErrorResponse field.
 *
 * Redshift-specific classification (see the error classes for details):
 * `XX000` + `1023`, the `Serializable isolation violation` detail, and
 * `conflict with concurrent transaction` are serialization failures;
 * `Load into table '...' failed` is a {@link LoadError}; `abort query` (code
 * 1020) and `Disk Full` (code 1016) are {@link ResourceError}s.
 *
 * Secrets never survive the mapping: `context.secrets` and anything that
 * looks like a credential are removed from the message, detail, hint, stack
 * and SQL, and the `cause` is a sanitized copy of the original error.
 * Mapping a {@link RedshiftError} again returns it unchanged.
 *
 * ```ts
 * try {
 *   await client.query(text, values)
 * } catch (error) {
 *   throw mapRedshiftError(error, { sql: text, statementTimeoutMs: 30_000, elapsedMs })
 * }
 * ```
 */
export function mapRedshiftError(
  error: unknown,
  context: MapErrorContext = {},
): RedshiftError {
  if (error instanceof RedshiftError) return error
  const secrets = context.secrets ?? []
  const raw = readRawFields(error)
  const message = redactSecrets(raw.message, secrets)
  const redshiftCode = parseRedshiftCode(raw.message, raw.detail)
  const options: RedshiftErrorOptions = {
    ...redactFields(raw.fields, secrets),
    ...(redshiftCode === undefined ? {} : { redshiftCode }),
    ...(context.sql === undefined
      ? {}
      : { sql: redactSecrets(context.sql, secrets) }),
    ...(context.userSql === undefined
      ? {}
      : { userSql: redactSecrets(context.userSql, secrets) }),
    cause: sanitizeError(error, secrets),
  }
  const mapped = classify(message, raw, redshiftCode, options, context)
  redactStack(mapped, secrets)
  return mapped
}

interface RawError {
  readonly message: string
  readonly code: string | undefined
  readonly detail: string | undefined
  readonly fields: RedshiftErrorFields
  /** Codes of nested errors, e.g. each address an AggregateError tried. */
  readonly innerCodes: readonly string[]
}

function classify(
  message: string,
  raw: RawError,
  redshiftCode: number | undefined,
  options: RedshiftErrorOptions,
  context: MapErrorContext,
): RedshiftError {
  const code = raw.code ?? ''
  const detail = raw.detail ?? ''

  if (
    code === '40001' ||
    code === '40P01' ||
    redshiftCode === 1023 ||
    redshiftCode === 1018 ||
    detail.includes('Serializable isolation violation') ||
    message.includes('conflict with concurrent transaction')
  ) {
    return new SerializationFailureError(message, options)
  }

  const load = LOAD_FAILED.exec(message)
  if (load) return new LoadError(message, { ...options, tableName: load[1] })

  if (redshiftCode === 1020 || /^abort query\b/i.test(message)) {
    return new ResourceError(message, { ...options, reason: 'query-aborted' })
  }
  if (redshiftCode === 1016 || /\bdisk full\b/i.test(message)) {
    return new ResourceError(message, { ...options, reason: 'disk-full' })
  }

  if (code === '57014') return cancelOrTimeout(message, options, context)

  if (
    code === '25001' ||
    /cannot run inside a transaction block/i.test(message)
  ) {
    return new NotAllowedInTransactionError(message, options)
  }

  if (CONNECTION_LIMIT.test(message)) {
    return new ResourceError(message, {
      ...options,
      reason: 'too-many-connections',
      isRetryable: true,
    })
  }
  if (code.startsWith('28')) {
    return new AuthenticationFailedError(message, options)
  }
  if (code === '42P01') return new TableNotFoundError(message, options)
  if (code === '42703') return new ColumnNotFoundError(message, options)
  if (code === '42501') return new PermissionDeniedError(message, options)
  if (code.startsWith('42')) return new InvalidSqlError(message, options)
  if (code.startsWith('22')) return new DataError(message, options)
  if (code.startsWith('53')) return resourceError(code, message, options)

  if (TLS_ERROR_CODES.has(code)) {
    return new TlsError(
      `TLS verification failed (${code}: ${message}): trust the server's CA with tls.ca, or check tls.servername / the host name`,
      options,
    )
  }
  if (NO_TLS_MESSAGE.test(message)) {
    return new TlsError(
      `${message}: connect with tls 'disable' only if the server really has no TLS`,
      options,
    )
  }

  if (
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    SOCKET_ERROR_CODES.has(code) ||
    raw.innerCodes.some((inner) => SOCKET_ERROR_CODES.has(inner)) ||
    CONNECTION_LOST_MESSAGE.test(message)
  ) {
    return new ConnectionLostError(message, options)
  }

  return new RedshiftError(message, options)
}

function cancelOrTimeout(
  message: string,
  options: RedshiftErrorOptions,
  context: MapErrorContext,
): RedshiftError {
  const { statementTimeoutMs, elapsedMs } = context
  const timeoutKnown =
    statementTimeoutMs !== undefined && statementTimeoutMs > 0
  const ranOut =
    timeoutKnown &&
    elapsedMs !== undefined &&
    elapsedMs >= statementTimeoutMs * TIMEOUT_ELAPSED_RATIO
  if (TIMEOUT_MESSAGE.test(message) || ranOut) {
    return new StatementTimeoutError(message, {
      ...options,
      ...(timeoutKnown ? { timeoutMs: statementTimeoutMs } : {}),
    })
  }
  return new QueryCancelledError(message, options)
}

function resourceError(
  code: string,
  message: string,
  options: RedshiftErrorOptions,
): ResourceError {
  switch (code) {
    case '53300':
      return new ResourceError(message, {
        ...options,
        reason: 'too-many-connections',
        isRetryable: true,
      })
    case '53100':
      return new ResourceError(message, { ...options, reason: 'disk-full' })
    case '53200':
      return new ResourceError(message, { ...options, reason: 'out-of-memory' })
    case '53000':
      // The generic "insufficient resources": the cluster is busy (WLM
      // queues full, a slot not granted) and refused to start the statement,
      // which may well run once the load drops.
      return new ResourceError(message, {
        ...options,
        reason: 'insufficient-resources',
        isRetryable: true,
      })
    default:
      return new ResourceError(message, {
        ...options,
        reason: 'insufficient-resources',
      })
  }
}

/**
 * Redshift's internal code: a message that is only a number (`1023`) or a
 * number and a colon (`1023: ...`), or a `code: NNNN` line in the detail block.
 */
export function parseRedshiftCode(
  message: string,
  detail: string | undefined,
): number | undefined {
  const inMessage = /^\s*(\d+)\s*(?:$|:)/.exec(message)
  if (inMessage) return Number(inMessage[1])
  const inDetail = detail === undefined ? null : /code:\s*(\d+)/.exec(detail)
  return inDetail ? Number(inDetail[1]) : undefined
}

function readRawFields(error: unknown): RawError {
  if (typeof error !== 'object' || error === null) {
    return {
      message: String(error),
      code: undefined,
      detail: undefined,
      fields: {},
      innerCodes: [],
    }
  }
  const source = error as Record<string, unknown>
  const text = (key: string): string | undefined =>
    typeof source[key] === 'string' ? source[key] : undefined
  const integer = (key: string): number | undefined => {
    const value = source[key]
    const parsed = typeof value === 'string' ? Number(value) : value
    return typeof parsed === 'number' && Number.isInteger(parsed)
      ? parsed
      : undefined
  }
  const fields: Record<string, string | number> = {}
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined) fields[key] = value
  }
  for (const key of SERVER_TEXT_FIELDS) put(key, text(key))
  for (const key of SERVER_POSITION_FIELDS) put(key, integer(key))
  const errors = source['errors']
  const innerCodes = Array.isArray(errors)
    ? errors.flatMap((inner: unknown) => {
        const innerCode = (inner as { code?: unknown } | null)?.code
        return typeof innerCode === 'string' ? [innerCode] : []
      })
    : []
  const message = text('message')
  return {
    message:
      message !== undefined && message !== ''
        ? message
        : (text('code') ?? String(error)),
    code: text('code'),
    detail: text('detail'),
    fields: fields as RedshiftErrorFields,
    innerCodes,
  }
}

function redactFields(
  fields: RedshiftErrorFields,
  secrets: readonly string[],
): RedshiftErrorFields {
  const result: Record<string, unknown> = { ...fields }
  for (const key of ['detail', 'hint', 'where', 'internalQuery'] as const) {
    const value = fields[key]
    if (value !== undefined) result[key] = redactSecrets(value, secrets)
  }
  return result as RedshiftErrorFields
}

// The stack is built from the (already redacted) message, but redacting it
// too costs little and covers a secret that reached the stack some other way.
function redactStack(error: RedshiftError, secrets: readonly string[]): void {
  if (typeof error.stack === 'string') {
    error.stack = redactSecrets(error.stack, secrets)
  }
}
