import { tokenize, wordOf } from './lexer.js'

/**
 * Words whose string literal is a secret: user passwords and the AWS keys,
 * tokens and encryption keys COPY and UNLOAD accept. Redshift masks these
 * in its own logs, and so does the emulator.
 */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'password',
  'access_key_id',
  'secret_access_key',
  'session_token',
  'credentials',
  'master_symmetric_key',
])

/** What a secret literal is written as in the query log. */
export const MASKED_SECRET = "'***'"

/**
 * The statement text with every secret literal replaced by `'***'`: the
 * string that follows PASSWORD, ACCESS_KEY_ID, SECRET_ACCESS_KEY,
 * SESSION_TOKEN, CREDENTIALS or MASTER_SYMMETRIC_KEY (optionally after AS).
 * It reads tokens, so a keyword inside a string, a quoted identifier or a
 * comment is left alone, and any quoting form of the literal is covered.
 *
 * @example
 * ```ts
 * maskSecrets("create user ann password 'Sup3r-secret'")
 * // "create user ann password '***'"
 * ```
 */
export function maskSecrets(text: string): string {
  const tokens = tokenize(text)
  let out = ''
  let copied = 0
  // The secret word seen last, and whether an AS already followed it.
  let pending = false
  let sawAs = false
  for (const token of tokens) {
    if (token.kind === 'space' || token.kind === 'comment') continue
    if (pending && token.kind === 'string') {
      out += text.slice(copied, token.start) + MASKED_SECRET
      copied = token.end
      pending = false
      continue
    }
    const word = wordOf(text, token)
    if (pending && !sawAs && word === 'as') {
      sawAs = true
      continue
    }
    pending = SECRET_WORDS.has(word)
    sawAs = false
  }
  return copied === 0 ? text : out + text.slice(copied)
}
