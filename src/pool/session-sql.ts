import { quoteLiteral } from '../sql/literal.js'
import type { SessionKey, SessionSettings } from './session-settings.js'

/**
 * The statement that moves one session parameter to `value`, where `null`
 * (or `undefined`) means "back to the server default".
 *
 * `RESET` is used for the default rather than a hard-coded value, so that a
 * per-user default (`ALTER USER ... SET statement_timeout ...`) is honoured.
 *
 * ```ts
 * sessionStatement('queryGroup', 'etl') // SET query_group TO 'etl'
 * sessionStatement('statementTimeoutMs', null) // RESET statement_timeout
 * ```
 */
export function sessionStatement(
  key: SessionKey,
  value: SessionSettings[SessionKey],
): string {
  switch (key) {
    case 'queryGroup':
      return value == null
        ? 'RESET query_group'
        : `SET query_group TO ${quoteLiteral(String(value))}`
    case 'statementTimeoutMs':
      return value == null
        ? 'RESET statement_timeout'
        : `SET statement_timeout TO ${timeoutLiteral(value)}`
    case 'searchPath':
      return value == null
        ? 'RESET search_path'
        : `SET search_path TO ${searchPathLiteral(value)}`
    case 'wlmQuerySlotCount':
      return value == null
        ? 'RESET wlm_query_slot_count'
        : `SET wlm_query_slot_count TO ${slotCountLiteral(value)}`
  }
}

function timeoutLiteral(value: unknown): string {
  // Only a plain non-negative integer can reach the SQL text unquoted.
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(
      `statementTimeoutMs must be a non-negative integer of milliseconds, got ${String(value)}`,
    )
  }
  return String(value)
}

function slotCountLiteral(value: unknown): string {
  // Only a plain integer in Redshift's range reaches the SQL text unquoted.
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < 1 ||
    value > 50
  ) {
    throw new TypeError(
      `wlmQuerySlotCount must be an integer from 1 to 50, got ${String(value)}`,
    )
  }
  return String(value)
}

function searchPathLiteral(value: unknown): string {
  if (!Array.isArray(value) || value.some((s) => typeof s !== 'string')) {
    throw new TypeError('searchPath must be an array of schema names')
  }
  // A quoted entry names the schema exactly ('$user' included), like a
  // double-quoted identifier would.
  return value.length === 0
    ? "''"
    : value.map((schema: string) => quoteLiteral(schema)).join(', ')
}
