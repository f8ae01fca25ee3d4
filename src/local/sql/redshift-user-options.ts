import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { REDSHIFT_ONLY_PARAMETERS } from '../session/redshift-parameters.js'
import { wordOf, type Token } from './lexer.js'
import { quoteLiteral } from './quote.js'
import { emulatorLimit } from './syntax/syntax-tokens.js'

/** What `rewriteUserOptions` makes of a statement. */
export type UserOptionsRewrite =
  | {
      readonly text: string
      /** Statements to run after it: the settings it records for the user. */
      readonly after?: readonly string[]
    }
  | { readonly error: ErrorFields }

/**
 * PostgreSQL role options Redshift's CREATE USER / ALTER USER
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_USER.html) and
 * CREATE ROLE (r_CREATE_ROLE.html) do not have: PostgreSQL would run them.
 */
const POSTGRES_ONLY_OPTIONS: ReadonlySet<string> = new Set([
  'superuser',
  'nosuperuser',
  'login',
  'nologin',
  'inherit',
  'noinherit',
  'replication',
  'noreplication',
  'bypassrls',
  'nobypassrls',
  'createrole',
  'nocreaterole',
  'admin',
  'role',
  'user',
  'sysid',
  'encrypted',
  'unencrypted',
])

/** SESSION TIMEOUT's bounds in seconds (r_CREATE_USER.html: up to 20 days). */
const SESSION_TIMEOUT_MIN = 60
const SESSION_TIMEOUT_MAX = 1_728_000

/**
 * Redshift's CREATE USER / ALTER USER options in PostgreSQL's words, and the
 * refusal of PostgreSQL's own (`SUPERUSER`, `LOGIN`, `ROLE`, `IN ROLE` ...):
 *
 * - `CREATEUSER` / `NOCREATEUSER` make a superuser or take that away, which
 *   is what they mean on Redshift, so they become `SUPERUSER` / `NOSUPERUSER`;
 * - `CONNECTION LIMIT UNLIMITED` is PostgreSQL's `CONNECTION LIMIT -1`;
 * - `SYSLOG ACCESS { RESTRICTED | UNRESTRICTED }` and `SESSION TIMEOUT n`
 *   (60 to 1,728,000 seconds) are checked and kept as settings of the user,
 *   `redshift_local.syslog_access` / `redshift_local.session_timeout`
 *   (SVV_USER_INFO shows them): ALTER USER with only one of them (or `RESET
 *   SESSION TIMEOUT`) becomes that setting, and CREATE USER or ALTER USER
 *   with other options too records them in statements run after it. SYSLOG
 *   ACCESS decides which rows of the log views the user sees
 *   (`catalog/log-visibility.ts`); the emulator closes no idle sessions;
 * - CREATE USER needs a PASSWORD clause (`PASSWORD DISABLE` included), as
 *   Redshift's grammar does;
 * - `EXTERNALID id` (the user's or role's ID at an identity provider) is
 *   kept as the setting `redshift_local.external_id`, which SVV_USER_INFO
 *   and SVV_ROLES show; no identity provider signs anyone in with it.
 *
 * CREATE ROLE takes no option at all besides EXTERNALID. `tokens` are the
 * statement's significant tokens. Null for any other statement, or when
 * nothing changes.
 *
 * @example
 * ```ts
 * rewriteUserOptions('create user dbuser password \'abcD1234\' createuser', tokens)
 * // { text: "create user dbuser password 'abcD1234' SUPERUSER" }
 * ```
 */
export function rewriteUserOptions(
  text: string,
  tokens: readonly Token[],
): UserOptionsRewrite | null {
  const verb = wordOf(text, tokens[0])
  const kind = wordOf(text, tokens[1])
  if ((verb !== 'create' && verb !== 'alter') || tokens.length < 3) return null
  if (kind === 'role')
    return verb === 'create' ? createRole(text, tokens) : null
  if (kind !== 'user') return null
  const word = (i: number) => wordOf(text, tokens[i])
  // CREATE / ALTER USER MAPPING FOR ... is PostgreSQL's (and refused as such).
  if (word(2) === 'mapping' && word(3) === 'for') return null
  // ALTER USER name SET parameter of Redshift's own: the emulator keeps those
  // in the session, and no session reads a user's defaults for them.
  if (
    verb === 'alter' &&
    word(3) === 'set' &&
    REDSHIFT_ONLY_PARAMETERS.has(word(4) ?? '')
  )
    return {
      error: emulatorLimit(
        `ALTER USER ... SET ${word(4)}`,
        `set ${word(4)} in each session instead`,
      ),
    }
  // ALTER USER name RENAME TO / SET / RESET parameter: PostgreSQL's grammar is Redshift's.
  if (
    verb === 'alter' &&
    (word(3) === 'rename' ||
      word(3) === 'set' ||
      (word(3) === 'reset' && word(4) !== 'session'))
  )
    return null
  const edits: { start: number; end: number; text: string }[] = []
  const settings: string[] = []
  let password = false
  let disabled = false
  let externalId = false
  let options = 0
  for (let i = 3; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.kind !== 'word') continue
    const w = word(i)
    if (w === 'with' && i === 3) continue
    options++
    if (w === 'password') {
      password = true
      // PASSWORD DISABLE reaches here as PostgreSQL's PASSWORD NULL.
      disabled = word(i + 1) === 'null'
    }
    if (w === 'createuser' || w === 'nocreateuser') {
      edits.push({
        start: token.start,
        end: token.end,
        text: w === 'createuser' ? 'SUPERUSER' : 'NOSUPERUSER',
      })
    } else if (w === 'connection' && word(i + 1) === 'limit') {
      if (word(i + 2) === 'unlimited') {
        edits.push({
          start: tokens[i + 2]!.start,
          end: tokens[i + 2]!.end,
          text: '-1',
        })
      }
      i += 2
    } else if (w === 'syslog') {
      const value = word(i + 2)
      if (
        word(i + 1) !== 'access' ||
        (value !== 'restricted' && value !== 'unrestricted')
      )
        return syntaxAt(text, tokens[i + (word(i + 1) === 'access' ? 2 : 1)])
      edits.push({ start: token.start, end: tokens[i + 2]!.end, text: '' })
      settings.push(`SET redshift_local.syslog_access TO '${value}'`)
      i += 2
    } else if (w === 'session' && word(i + 1) === 'timeout') {
      const limit = tokens[i + 2]
      const seconds =
        limit?.kind === 'number'
          ? Number(text.slice(limit.start, limit.end))
          : NaN
      if (!Number.isInteger(seconds)) return syntaxAt(text, limit)
      if (seconds < SESSION_TIMEOUT_MIN || seconds > SESSION_TIMEOUT_MAX)
        return {
          error: reject.other(
            '22023',
            `SESSION TIMEOUT must be between ${SESSION_TIMEOUT_MIN} and ${SESSION_TIMEOUT_MAX} seconds`,
          ),
        }
      edits.push({ start: token.start, end: limit!.end, text: '' })
      settings.push(`SET redshift_local.session_timeout TO '${seconds}'`)
      i += 2
    } else if (
      w === 'reset' &&
      verb === 'alter' &&
      word(i + 1) === 'session' &&
      word(i + 2) === 'timeout'
    ) {
      edits.push({ start: token.start, end: tokens[i + 2]!.end, text: '' })
      settings.push('RESET redshift_local.session_timeout')
      i += 2
    } else if (w === 'externalid') {
      const id = externalIdOf(text, tokens[i + 1])
      if (id === undefined) return syntaxAt(text, tokens[i + 1])
      edits.push({ start: token.start, end: tokens[i + 1]!.end, text: '' })
      settings.push(`SET redshift_local.external_id TO ${quoteLiteral(id)}`)
      externalId = true
      i += 1
    } else if (w === 'in' && word(i + 1) !== 'group') {
      return syntaxAt(text, tokens[i + 1])
    } else if (POSTGRES_ONLY_OPTIONS.has(w)) {
      return syntaxAt(text, token)
    }
  }
  // "The user must have their password disabled" (r_CREATE_USER.html,
  // EXTERNALID); Redshift's wording for the refusal is not documented.
  if (verb === 'create' && externalId && !disabled)
    return {
      error: reject.other(
        '22023',
        'a user with an EXTERNALID must have PASSWORD DISABLE',
      ),
    }
  if (verb === 'create' && !password)
    return {
      error: reject.syntax(
        text.slice(
          tokens[tokens.length - 1]!.start,
          tokens[tokens.length - 1]!.end,
        ),
        "CREATE USER needs PASSWORD { 'password' | 'md5hash' | 'sha256hash' | DISABLE }",
      ),
    }
  if (edits.length === 0) return null
  // ALTER USER with nothing but SYSLOG ACCESS or SESSION TIMEOUT: the value
  // becomes a setting of the user.
  if (verb === 'alter' && settings.length === 1 && options === 1) {
    const name = text.slice(tokens[0]!.start, tokens[2]!.end)
    return { text: `${name} ${settings[0]}` }
  }
  if (verb === 'alter' && settings.length === options)
    return {
      error: reject.syntax(
        'SESSION',
        'give SYSLOG ACCESS and SESSION TIMEOUT in ALTER USER statements of their own',
      ),
    }
  let out = text
  for (const edit of edits.reverse())
    out = `${out.slice(0, edit.start)}${edit.text}${out.slice(edit.end)}`
  if (settings.length === 0) return { text: out }
  // The user's name as the statement wrote it, for the settings it records.
  const user = text.slice(tokens[2]!.start, tokens[2]!.end)
  return {
    text: out,
    after: settings.map((set) => `ALTER USER ${user} ${set}`),
  }
}

/**
 * `CREATE ROLE name [ EXTERNALID external_id ]`: nothing else. The external
 * ID is kept as a setting of the role, which SVV_ROLES shows.
 */
function createRole(
  text: string,
  tokens: readonly Token[],
): UserOptionsRewrite | null {
  if (tokens.length <= 3) return null
  if (wordOf(text, tokens[3]) !== 'externalid' || tokens.length > 5)
    return syntaxAt(
      text,
      tokens[wordOf(text, tokens[3]) === 'externalid' ? 5 : 3],
    )
  const id = externalIdOf(text, tokens[4])
  if (id === undefined) return syntaxAt(text, tokens[4])
  const role = text.slice(tokens[2]!.start, tokens[2]!.end)
  return {
    text: text.slice(0, tokens[2]!.end),
    after: [
      `ALTER ROLE ${role} SET redshift_local.external_id TO ${quoteLiteral(id)}`,
    ],
  }
}

/**
 * An external ID (r_CREATE_USER.html, r_CREATE_ROLE.html, r_ALTER_ROLE.html:
 * `EXTERNALID "ABC123"`) from its token's text: a quoted identifier keeps
 * its case, as an identity provider's ID does, whatever the folding of
 * names; a bare word folds to lower case. Undefined for anything else.
 *
 * @example
 * ```ts
 * externalIdText('"XYZ456"', 'quoted') // 'XYZ456'
 * ```
 */
export function externalIdText(
  raw: string,
  kind: Token['kind'] | undefined,
): string | undefined {
  if (kind === 'quoted' && raw.startsWith('"'))
    return raw.slice(1, -1).replace(/""/g, '"')
  return kind === 'word' ? raw.toLowerCase() : undefined
}

function externalIdOf(
  text: string,
  token: Token | undefined,
): string | undefined {
  return token === undefined
    ? undefined
    : externalIdText(text.slice(token.start, token.end), token.kind)
}

function syntaxAt(text: string, token: Token | undefined): UserOptionsRewrite {
  return {
    error: reject.syntax(
      token === undefined ? '' : text.slice(token.start, token.end),
    ),
  }
}
