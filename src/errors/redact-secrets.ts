/** What a removed secret is replaced with. */
export const REDACTED = '[redacted]'

// `key=value` pairs as they appear in CREDENTIALS strings
// ('aws_access_key_id=...;aws_secret_access_key=...;token=...'), connection
// strings and logs. The value ends at a separator or a quote.
// Prefixed names (aws_session_token, x-amz-security-token, client_secret)
// count too: over-redacting a log line costs less than leaking a key.
const KEY_VALUE =
  /\b((?:[a-z0-9]+[_-])*(?:password|passwd|pwd|secret|secret_access_key|access_key_id|token|session_token|symmetric_key|signature|apikey|api_key|private_key))("?\s*[=:]\s*)('(?:[^'\\]|''|\\.)*'|"[^"]*"|[^\s;'"&,]+)/gi

// Redshift keywords followed by a literal: COPY's ACCESS_KEY_ID '...'
// SECRET_ACCESS_KEY '...' SESSION_TOKEN '...' MASTER_SYMMETRIC_KEY '...', and
// CREATE/ALTER USER ... PASSWORD '...'. Redshift literals escape a quote by
// doubling it or with a backslash, so both are skipped over.
const KEYWORD_LITERAL =
  /\b(password|secret_access_key|session_token|access_key_id|master_symmetric_key)(\s+(?:as\s+)?)'(?:[^'\\]|''|\\.)*'/gi

// user:password@ in URLs (postgres://, redshift://, https://).
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi

/**
 * Removes secrets from a text: each string in `secrets` (also in its
 * percent-encoded form, as it appears in URLs), and whatever looks like a
 * credential in SQL or in a connection string — `password=...`,
 * `aws_secret_access_key=...`, `token=...`, `SECRET_ACCESS_KEY '...'`,
 * `SESSION_TOKEN '...'`, `ACCESS_KEY_ID '...'`, `PASSWORD '...'` and the
 * password of `scheme://user:password@host`.
 *
 * ```ts
 * redactSecrets("copy t from 's3://b/k' secret_access_key 'abc' ...", [])
 * // "copy t from 's3://b/k' secret_access_key '[redacted]' ..."
 * redactSecrets('login failed for hunter2', ['hunter2'])
 * // 'login failed for [redacted]'
 * ```
 */
export function redactSecrets(
  text: string,
  secrets: readonly string[] = [],
): string {
  let result = text
  // Longest first, so a secret containing another is removed whole.
  const variants = new Set<string>()
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length === 0) continue
    variants.add(secret)
    variants.add(encodeURIComponent(secret))
  }
  for (const secret of [...variants].sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join(REDACTED)
  }
  return result
    .replace(KEYWORD_LITERAL, `$1$2'${REDACTED}'`)
    .replace(KEY_VALUE, `$1$2${REDACTED}`)
    .replace(URL_USERINFO, `$1${REDACTED}@`)
}
