import { randomBytes } from 'node:crypto'

import { significant, tokenize, wordOf } from './lexer.js'
import { quoteLiteral } from './quote.js'

/**
 * The SQLSTATE of the warning `redshift_local.pg_cancel_backend` raises to tell
 * the emulator that a session is being cancelled; the session that receives
 * it swallows it (see `session/cancel-signal.ts`).
 */
export const CANCEL_SIGNAL_CODE = 'RL001'

/** How the rewritten text calls it (the session looks for it, see backend-responses.ts). */
export const CANCEL_BACKEND_CALL = 'redshift_local.pg_cancel_backend('

const TRIGGER = /pg_cancel_backend/i

/**
 * A fresh key for one emulator's cancel signals: the rewrite puts it in the
 * call, the warning carries it back, and a warning without it is the
 * client's own (a procedure can `RAISE ... USING ERRCODE = 'RL001'` too).
 *
 * @example
 * ```ts
 * newCancelKey() // '3f9c...' (32 hex digits)
 * ```
 */
export function newCancelKey(): string {
  return randomBytes(16).toString('hex')
}

/**
 * Points `pg_cancel_backend(...)` calls at `redshift_local.pg_cancel_backend`,
 * which first tells the emulator (a statement waiting for a WLM slot is not
 * in PostgreSQL yet, so PostgreSQL's cancel alone would miss it) and then
 * calls PostgreSQL's; `key` goes in as its first argument. Returns null when
 * the text has none; a text without the word pays one regular-expression
 * test.
 *
 * @example
 * ```ts
 * rewriteCancelBackend('select pg_cancel_backend(4242)', 'k')
 * // "select redshift_local.pg_cancel_backend('k', 4242)"
 * ```
 */
export function rewriteCancelBackend(text: string, key: string): string | null {
  if (!TRIGGER.test(text)) return null
  const tokens = significant(tokenize(text))
  const keyArgument = `${quoteLiteral(key)}, `
  let out = ''
  let at = 0
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    const open = tokens[i + 1]
    if (wordOf(text, token) !== 'pg_cancel_backend' || open?.kind !== 'open') {
      continue
    }
    let start = token.start
    // pg_catalog.pg_cancel_backend(...) too; another schema's function of
    // that name (the emulator's own, once rewritten) is left alone.
    if (tokens[i - 1]?.kind === 'dot') {
      if (wordOf(text, tokens[i - 2]) !== 'pg_catalog') continue
      start = tokens[i - 2]!.start
    }
    out += text.slice(at, start) + CANCEL_BACKEND_CALL + keyArgument
    at = open.end
  }
  return at === 0 ? null : out + text.slice(at)
}
