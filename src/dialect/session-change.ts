import { SESSION_KEYS, type SessionKey } from '../pool/index.js'

// A statement that starts (after blanks and comments) with SET, RESET or
// DISCARD, and the parameter it names.
const SESSION_STATEMENT =
  /^(?:\s|\/\*[\s\S]*?\*\/|--[^\n]*(?:\n|$))*(set|reset|discard)\s+(?:(?:session|local)\s+)?("?[a-z_][\w.$]*"?)/i

const KEY_OF_PARAMETER: Readonly<Record<string, SessionKey>> = {
  query_group: 'queryGroup',
  statement_timeout: 'statementTimeoutMs',
  search_path: 'searchPath',
}

const NONE: readonly SessionKey[] = Object.freeze([])

/**
 * The tracked session keys a raw statement may have changed: the parameter
 * of a `SET`/`RESET`, every key for `RESET ALL`/`DISCARD ALL`, none for
 * anything else. Each `;`-separated part is looked at, so a string literal
 * containing `; set ...` can only make it say too much, never too little.
 *
 * It is a cheap text check meant for every query: the first character
 * decides in the common case.
 *
 * ```ts
 * sessionKeysChangedBy("set query_group to 'etl'") // ['queryGroup']
 * sessionKeysChangedBy('reset all') // every key
 * sessionKeysChangedBy('select 1') // []
 * ```
 */
export function sessionKeysChangedBy(sql: string): readonly SessionKey[] {
  if (!sql.includes(';')) {
    return keysOfStatement(sql)
  }
  const keys = new Set<SessionKey>()
  for (const part of sql.split(';')) {
    for (const key of keysOfStatement(part)) {
      keys.add(key)
    }
  }
  return keys.size === 0 ? NONE : [...keys]
}

function keysOfStatement(sql: string): readonly SessionKey[] {
  if (!mayBeSessionStatement(sql)) {
    return NONE
  }
  const match = SESSION_STATEMENT.exec(sql)
  if (match === null) {
    return NONE
  }
  const verb = match[1]!.toLowerCase()
  const name = match[2]!.replaceAll('"', '').toLowerCase()
  if (name === 'all' && verb !== 'set') {
    return SESSION_KEYS
  }
  const key = KEY_OF_PARAMETER[name]
  return key === undefined ? NONE : [key]
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
