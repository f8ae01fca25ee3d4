import { wordOf, type Token } from './lexer.js'

/**
 * `CREATE USER name PASSWORD DISABLE` and `ALTER USER name PASSWORD DISABLE`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html): the
 * user then logs in with IAM credentials only. PostgreSQL's grammar spells
 * a deleted password `PASSWORD NULL`; this returns the statement so spelled,
 * or null when it has no `PASSWORD DISABLE`. `tokens` are the statement's
 * significant tokens.
 *
 * @example
 * ```ts
 * passwordDisable('alter user dbuser password disable', significant(tokenize(text)))
 * // 'alter user dbuser password NULL'
 * ```
 */
export function passwordDisable(
  text: string,
  tokens: readonly Token[],
): string | null {
  const verb = wordOf(text, tokens[0])
  if (
    (verb !== 'create' && verb !== 'alter') ||
    wordOf(text, tokens[1]) !== 'user'
  )
    return null
  for (let i = 3; i < tokens.length; i++) {
    if (
      wordOf(text, tokens[i]) === 'disable' &&
      wordOf(text, tokens[i - 1]) === 'password'
    ) {
      const at = tokens[i]!
      return `${text.slice(0, at.start)}NULL${text.slice(at.end)}`
    }
  }
  return null
}
