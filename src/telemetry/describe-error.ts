import { mapRedshiftError, redactSecrets } from '../errors/index.js'
import { RedshiftError } from '../errors/redshift-error.js'

/** What telemetry may say about a failed statement. */
export interface ErrorDescription {
  /** `error.type`: the error's class name (`SerializationFailureError`...), `_OTHER` when it has none. */
  readonly type: string
  /** `db.response.status_code`: the SQLSTATE, when the server sent one. */
  readonly statusCode: string | undefined
  /** The span status message: the class, and the message cut at its first quote (values and names are quoted). */
  readonly message: string
}

const SQLSTATE = /^[0-9A-Z]{5}$/
// Server messages quote the values they complain about (invalid input
// syntax for type integer: "x"), and a value may itself hold quotes or line
// breaks: everything from the first quote on goes.
const FIRST_QUOTE = /["'][\s\S]*$/
const MAX_MESSAGE = 300

/**
 * Describes an error for span attributes, events and status without a
 * value or a secret in it: a server error is classified as the driver
 * classifies it (a stream reports pg's own error), and its message loses
 * everything from its first quote on (where a server echoes a value) and
 * anything that looks like a credential.
 *
 * ```ts
 * describeError(new SerializationFailureError('1023', { code: 'XX000' }))
 * // { type: 'SerializationFailureError', statusCode: 'XX000', message: 'SerializationFailureError: 1023' }
 * ```
 */
export function describeError(error: unknown): ErrorDescription {
  const classified =
    error instanceof RedshiftError
      ? error
      : typeof (error as { code?: unknown } | null)?.code === 'string'
        ? mapRedshiftError(error)
        : error
  const code = (classified as { code?: unknown } | null)?.code
  const statusCode =
    typeof code === 'string' && SQLSTATE.test(code) ? code : undefined
  const type =
    classified instanceof Error && classified.name !== ''
      ? classified.name
      : '_OTHER'
  const raw = classified instanceof Error ? classified.message : ''
  const text = redactSecrets(raw, []).replace(FIRST_QUOTE, '?')
  const message = text === '' ? type : `${type}: ${text}`
  return {
    type,
    statusCode,
    message:
      message.length > MAX_MESSAGE
        ? `${message.slice(0, MAX_MESSAGE)}...`
        : message,
  }
}
