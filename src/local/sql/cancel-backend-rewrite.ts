import { significant, tokenize, wordOf } from './lexer.js'

/**
 * The SQLSTATE of the warning `redshift_local.cancel_backend` raises to tell
 * the emulator that a session is being cancelled; the session that receives
 * it swallows it (see `session/cancel-signal.ts`).
 */
export const CANCEL_SIGNAL_CODE = 'RL001'

const TRIGGER = /pg_cancel_backend/i

/**
 * Points `pg_cancel_backend(...)` calls at `redshift_local.cancel_backend`,
 * which first tells the emulator (a statement waiting for a WLM slot is not
 * in PostgreSQL yet, so PostgreSQL's cancel alone would miss it) and then
 * calls PostgreSQL's. Returns null when the text has none; a text without the
 * word pays one regular-expression test.
 *
 * @example
 * ```ts
 * rewriteCancelBackend('select pg_cancel_backend(4242)')
 * // 'select redshift_local.cancel_backend(4242)'
 * ```
 */
export function rewriteCancelBackend(text: string): string | null {
  if (!TRIGGER.test(text)) return null
  const tokens = significant(tokenize(text))
  let out = ''
  let at = 0
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (
      wordOf(text, token) !== 'pg_cancel_backend' ||
      tokens[i + 1]?.kind !== 'open'
    ) {
      continue
    }
    let start = token.start
    // pg_catalog.pg_cancel_backend(...) too.
    if (
      tokens[i - 1]?.kind === 'dot' &&
      wordOf(text, tokens[i - 2]) === 'pg_catalog'
    ) {
      start = tokens[i - 2]!.start
    }
    out += text.slice(at, start) + 'redshift_local.cancel_backend'
    at = token.end
  }
  return at === 0 ? null : out + text.slice(at)
}
