import { SESSION_KEYS, type SessionKey } from '../pool/index.js'

// A statement that starts (after blanks and comments) with SET, RESET or
// DISCARD, and the parameter it names.
const SESSION_STATEMENT =
  /^(?:\s|\/\*[\s\S]*?\*\/|--[^\n]*(?:\n|$))*(set|reset|discard)\s+(?:(?:session|local)\s+)?("?[a-z_][\w.$]*"?)/i

const KEY_OF_PARAMETER: Readonly<Record<string, SessionKey>> = {
  query_group: 'queryGroup',
  statement_timeout: 'statementTimeoutMs',
  search_path: 'searchPath',
  wlm_query_slot_count: 'wlmQuerySlotCount',
}

/**
 * What a raw statement did to the tracked session keys: `unknown` ones were
 * SET to a value the connection did not choose, `reset` ones went back to
 * the server default (`RESET x`, `RESET ALL`, `DISCARD ALL`).
 */
export interface SessionChange {
  readonly unknown: readonly SessionKey[]
  readonly reset: readonly SessionKey[]
}

const NO_KEYS: readonly SessionKey[] = Object.freeze([])

/** The answer for every statement that changes nothing tracked. */
export const NO_SESSION_CHANGE: SessionChange = Object.freeze({
  unknown: NO_KEYS,
  reset: NO_KEYS,
})

/**
 * Which tracked session keys a raw statement changes. Each `;`-separated
 * part is looked at, so a string literal containing `; set ...` can only
 * make it say too much, never too little; a key both SET and RESET counts as
 * unknown.
 *
 * It is a cheap text check meant for every query: the first character
 * decides in the common case, and the answer then allocates nothing.
 *
 * ```ts
 * sessionChangeOf("set query_group to 'etl'") // { unknown: ['queryGroup'], reset: [] }
 * sessionChangeOf('reset all') // { unknown: [], reset: [every key] }
 * sessionChangeOf('select 1') // NO_SESSION_CHANGE
 * ```
 */
export function sessionChangeOf(sql: string): SessionChange {
  if (!sql.includes(';')) {
    return changeOfStatement(sql)
  }
  const unknown = new Set<SessionKey>()
  const reset = new Set<SessionKey>()
  for (const part of sql.split(';')) {
    const change = changeOfStatement(part)
    for (const key of change.unknown) unknown.add(key)
    for (const key of change.reset) reset.add(key)
  }
  if (unknown.size === 0 && reset.size === 0) {
    return NO_SESSION_CHANGE
  }
  return Object.freeze({
    unknown: [...unknown],
    reset: [...reset].filter((key) => !unknown.has(key)),
  })
}

function changeOfStatement(sql: string): SessionChange {
  if (!mayBeSessionStatement(sql)) {
    return NO_SESSION_CHANGE
  }
  const match = SESSION_STATEMENT.exec(sql)
  if (match === null) {
    return NO_SESSION_CHANGE
  }
  const verb = match[1]!.toLowerCase()
  const name = match[2]!.replaceAll('"', '').toLowerCase()
  if (verb === 'discard') {
    return name === 'all'
      ? { unknown: NO_KEYS, reset: SESSION_KEYS }
      : NO_SESSION_CHANGE
  }
  if (verb === 'reset' && name === 'all') {
    return { unknown: NO_KEYS, reset: SESSION_KEYS }
  }
  const key = KEY_OF_PARAMETER[name]
  if (key === undefined) {
    return NO_SESSION_CHANGE
  }
  return verb === 'reset'
    ? { unknown: NO_KEYS, reset: [key] }
    : { unknown: [key], reset: NO_KEYS }
}

// Skips the regular expression for the usual statement: the first
// non-blank character of SET/RESET/DISCARD or of a comment.
function mayBeSessionStatement(sql: string): boolean {
  for (let i = 0; i < sql.length; i++) {
    const c = sql.charCodeAt(i)
    if (c === 32 || c === 9 || c === 10 || c === 13) continue
    // s S r R d D / -
    return (
      c === 115 ||
      c === 83 ||
      c === 114 ||
      c === 82 ||
      c === 100 ||
      c === 68 ||
      c === 47 ||
      c === 45
    )
  }
  return false
}
