import { redactSecrets } from './redact-secrets.js'

// Causes nest (pg-pool wraps errors in errors); past this depth the chain is
// cut rather than walked, so a cyclic chain cannot loop.
const MAX_DEPTH = 4

/**
 * Returns a copy of an error that is safe to log, serialize or inspect: same
 * prototype (so `instanceof` checks on the driver's classes still work), every
 * primitive field with secrets redacted, and no object-valued fields.
 *
 * Object fields are dropped on purpose: drivers hang connection state on
 * errors (pg-pool sets `error.client`, whose connection parameters and TLS
 * options are one `util.inspect` away from a log line), and nothing a caller
 * needs to classify an error lives there. Nested errors (`cause`, an
 * AggregateError's `errors`) are kept, sanitized the same way.
 *
 * ```ts
 * const safe = sanitizeError(pgError, ['hunter2'])
 * console.log(util.inspect(safe)) // no password, no client
 * ```
 */
export function sanitizeError(
  error: unknown,
  secrets: readonly string[],
  depth = 0,
): unknown {
  if (typeof error === 'string') return redactSecrets(error, secrets)
  if (typeof error !== 'object' || error === null) return error
  const copy: Record<string, unknown> = Object.create(
    Object.getPrototypeOf(error) as object | null,
  )
  const source = error as Record<string, unknown>
  for (const key of Object.keys(source)) {
    const value = source[key]
    if (typeof value === 'string') copy[key] = redactSecrets(value, secrets)
    else if (isPrimitive(value)) copy[key] = value
  }
  for (const key of ['message', 'stack'] as const) {
    const value = source[key]
    if (typeof value === 'string' && !Object.hasOwn(copy, key)) {
      hide(copy, key, redactSecrets(value, secrets))
    }
  }
  if (depth < MAX_DEPTH) {
    if ('cause' in source && source['cause'] !== undefined) {
      hide(copy, 'cause', sanitizeError(source['cause'], secrets, depth + 1))
    }
    const errors = source['errors']
    if (Array.isArray(errors)) {
      hide(
        copy,
        'errors',
        errors.map((inner: unknown) =>
          sanitizeError(inner, secrets, depth + 1),
        ),
      )
    }
  }
  return copy
}

function isPrimitive(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  )
}

// Error's own message/stack/cause are non-enumerable; the copy keeps that so
// it prints and serializes like the original.
function hide(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    configurable: true,
    enumerable: false,
  })
}
