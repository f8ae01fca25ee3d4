import type { ErrorFields } from '../protocol/error-fields.js'
import { tokenize, wordOf, type Token } from './lexer.js'

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
  // An identity provider's PARAMETERS hold its client secret.
  'parameters',
])

const MAY_HOLD_SECRET =
  /password|access_key_id|secret_access_key|session_token|credentials|master_symmetric_key|parameters/i

/** What a secret literal is written as in the query log. */
export const MASKED_SECRET = "'***'"

/**
 * The string literals of `text` that hold a secret: the one that follows
 * PASSWORD, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, CREDENTIALS or
 * MASTER_SYMMETRIC_KEY (optionally after AS), and an identity provider's
 * PARAMETERS. Reading tokens, a keyword
 * inside a string, a quoted identifier or a comment counts for nothing, and
 * every quoting form of the literal is covered.
 */
function secretTokens(text: string): Token[] {
  // Every statement is logged, and almost none holds a secret: skip the
  // tokenizer unless one of the words appears at all.
  if (!MAY_HOLD_SECRET.test(text)) return []
  const found: Token[] = []
  // Whether the last significant token was a secret word (or its AS).
  let pending = false
  let sawAs = false
  for (const token of tokenize(text)) {
    if (token.kind === 'space' || token.kind === 'comment') continue
    if (pending && token.kind === 'string') {
      found.push(token)
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
  return found
}

/**
 * The statement text with every secret literal replaced by `'***'`.
 *
 * @example
 * ```ts
 * maskSecrets("create user ann password 'Sup3r-secret'")
 * // "create user ann password '***'"
 * ```
 */
export function maskSecrets(text: string): string {
  let out = ''
  let copied = 0
  for (const token of secretTokens(text)) {
    out += text.slice(copied, token.start) + MASKED_SECRET
    copied = token.end
  }
  return copied === 0 ? text : out + text.slice(copied)
}

// Shortest secret value masked on its own, outside its quotes.
const MIN_BARE_SECRET = 4

/**
 * An error about `statement` with its secret literals taken out of every
 * text field. PostgreSQL quotes the text near a syntax error, and that text
 * can be (part of) a password: an unterminated one is quoted whole.
 *
 * @example
 * ```ts
 * maskErrorSecrets(fields, "create user ann password 'Sup3r")
 * // message: 'unterminated quoted string at or near "\'***\'"'
 * ```
 */
export function maskErrorSecrets(
  fields: ErrorFields,
  statement: string,
): ErrorFields {
  const secrets = new Set<string>()
  for (const token of secretTokens(statement)) {
    const literal = statement.slice(token.start, token.end)
    secrets.add(literal)
    // The value alone, without its prefix (E, U&, $tag$) and quotes. Not
    // for values shorter than MIN_BARE_SECRET: masking every `T` or `ab` in
    // a message would destroy it, and so short a value protects nothing.
    const value = literal.replace(/^(?:[eE]|[uU]&)?'|'$/g, '')
    if (value.length >= MIN_BARE_SECRET) secrets.add(value)
  }
  if (secrets.size === 0) return fields
  // Longest first, so a value inside its own literal is masked whole.
  const ordered = [...secrets].sort((a, b) => b.length - a.length)
  const mask = (value: string) =>
    ordered.reduce(
      (text, secret) => text.split(secret).join(MASKED_SECRET),
      value,
    )
  // The fields that carry words; codes, positions and names stay as they are.
  return {
    ...fields,
    message: mask(fields.message),
    ...(fields.detail === undefined ? {} : { detail: mask(fields.detail) }),
    ...(fields.hint === undefined ? {} : { hint: mask(fields.hint) }),
    ...(fields.where === undefined ? {} : { where: mask(fields.where) }),
  }
}
