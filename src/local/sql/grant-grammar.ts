import type { DdlCursor } from './ddl-cursor.js'
import { quoteLiteral } from './quote.js'
import { identifierName } from './rewrite-tokens.js'

/** What a name in a GRANT or REVOKE must be: Redshift keeps users, groups and roles apart. */
export type IdentityKind = 'user' | 'group' | 'role'

/**
 * A name the statement gives, and what it must name; a kind ending in `?`
 * may also name nothing (`DROP USER IF EXISTS`). `routine` is a function or
 * procedure signature that must not be one of pg_catalog's built-ins.
 */
export interface NamedIdentity {
  readonly name: string
  readonly kind: IdentityKind | `${IdentityKind}?` | 'routine'
}

/**
 * Privileges PostgreSQL has and Redshift's GRANT does not (r_GRANT.html).
 * TRUNCATE is no table privilege on Redshift: only the table's owner or a
 * superuser may truncate it (r_TRUNCATE.html), or a role given the TRUNCATE
 * TABLE system permission.
 */
const POSTGRES_ONLY_PRIVILEGES: ReadonlySet<string> = new Set([
  'TRIGGER',
  'TRUNCATE',
  'MAINTAIN',
  'CONNECT',
  'SET',
])

/** The privileges a column list may follow (r_GRANT.html, column-level privileges). */
const COLUMN_PRIVILEGES: ReadonlySet<string> = new Set([
  'SELECT',
  'UPDATE',
  'ALL',
])

/** Object words after ON that this reader judges; any other leaves the statement alone. */
const JUDGED_OBJECTS: ReadonlySet<string> = new Set([
  'TABLE',
  'DATABASE',
  'SCHEMA',
  'FUNCTION',
  'PROCEDURE',
  'LANGUAGE',
])

/** Object words after ON that PostgreSQL has and another module answers or refuses. */
const OTHER_OBJECTS: ReadonlySet<string> = new Set([
  'DATASHARE',
  'EXTERNAL',
  'MODEL',
  'SEQUENCE',
  'TYPE',
  'DOMAIN',
  'TABLESPACE',
  'FOREIGN',
  'LARGE',
  'PARAMETER',
])

/**
 * Reads a GRANT or REVOKE (`c.pos` on the verb) in Redshift's grammar
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_REVOKE.html) and throws
 * a `DdlRuleError` (through `c.error`) for what that grammar does not have
 * and PostgreSQL would run:
 *
 * - a role granted without the word ROLE (`GRANT r TO u`), to PUBLIC or to
 *   a GROUP, WITH ADMIN OPTION to a role, PostgreSQL's WITH INHERIT / SET
 *   and INHERIT / SET OPTION FOR, and CASCADE or RESTRICT on a role revoke;
 * - the TRIGGER, TRUNCATE, MAINTAIN, CONNECT and SET privileges, a column list after
 *   a privilege other than SELECT, UPDATE or ALL, and WITH GRANT OPTION (or
 *   GRANT OPTION FOR) on column privileges;
 * - ON ROUTINE / ALL ROUTINES / ALL SEQUENCES, grantees CURRENT_USER,
 *   SESSION_USER and CURRENT_ROLE, GRANTED BY, and REVOKE ... CASCADE
 *   (Redshift's REVOKE ends in `[ RESTRICT ]`);
 * - WITH GRANT OPTION to a role (0LP01 as for a group or PUBLIC, which the
 *   page names), and GRANT OPTION FOR revoked from a group or PUBLIC
 *   ("You can't revoke GRANT OPTION from a group or from PUBLIC").
 *
 * Returns the names the statement gives with the kind each must be (a
 * plain grantee is a user, `GROUP g` a group, `ROLE r` and a granted role
 * a role), which only the catalog can check; null for the forms it does not
 * judge (datashares, ASSUMEROLE, system permissions, external objects).
 * Redshift's wording for these refusals is not documented: they are
 * syntax errors at the word (42601).
 *
 * @example
 * ```ts
 * readGrant(new DdlCursor('grant select on t to group g', true))
 * // [{ name: 'g', kind: 'group' }]
 * ```
 */
export function readGrant(
  c: DdlCursor,
  defaults = false,
): readonly NamedIdentity[] | null {
  const verb = c.kw()
  const grant = verb === 'GRANT'
  let at = c.pos + 1
  let optionFor: 'GRANT' | 'ADMIN' | undefined
  const option = c.kw(at)
  if (!grant && c.kw(at + 1) === 'OPTION' && c.kw(at + 2) === 'FOR') {
    if (option === 'INHERIT' || option === 'SET') throw syntaxAt(c, at)
    if (option === 'GRANT' || option === 'ADMIN') {
      optionFor = option
      at += 3
    }
  }
  if (c.kw(at) === 'ROLE' && !defaults)
    return readRoleGrant(c, at, grant, optionFor)
  if (optionFor === 'ADMIN') throw syntaxAt(c, at)
  const on = findWord(c, at, 'ON')
  if (on === -1) {
    // `GRANT r TO u`: PostgreSQL's role grant, without Redshift's word ROLE.
    const to = findWord(c, at, grant ? 'TO' : 'FROM')
    if (to === at + 1 && isName(c, at)) throw syntaxAt(c, at)
    return null
  }
  let columns = false
  for (let k = at; k < on; k++) {
    const word = c.kw(k)
    if (POSTGRES_ONLY_PRIVILEGES.has(word) && startsItem(c, k, at))
      throw syntaxAt(c, k)
    // Default privileges on tables have no DROP (r_ALTER_DEFAULT_PRIVILEGES.html).
    if (defaults && word === 'DROP' && startsItem(c, k, at))
      throw syntaxAt(c, k)
    if (c.is('(', k)) {
      const privilege = c.kw(k - 1) === 'PRIVILEGES' ? 'ALL' : c.kw(k - 1)
      if (!COLUMN_PRIVILEGES.has(privilege)) throw syntaxAt(c, k)
      columns = true
      const close = c.closing(k)
      // ALL (columns) is SELECT and UPDATE on them (PostgreSQL's adds INSERT, REFERENCES).
      if (grant && privilege === 'ALL') {
        const list = c.text(k, close)
        const from = c.kw(k - 1) === 'PRIVILEGES' ? k - 2 : k - 1
        c.replace(from, close, `SELECT ${list}, UPDATE ${list}`)
      }
      k = close
    }
  }
  const object = defaults
    ? readDefaultsObject(c, on + 1)
    : readObject(c, on + 1)
  if (object === null) return null
  const routines = defaults ? [] : builtinRoutineChecks(c, on + 1, object)
  // ALL [PRIVILEGES] on tables: Redshift's table privileges, not PostgreSQL's
  // TRIGGER, TRUNCATE and MAINTAIN (which would let the grantee truncate,
  // VACUUM or LOCK).
  if (
    grant &&
    !columns &&
    c.kw(at) === 'ALL' &&
    on === at + 1 + (c.kw(at + 1) === 'PRIVILEGES' ? 1 : 0) &&
    (defaults ? c.kw(on + 1) === 'TABLES' : isTableObject(c, on + 1))
  )
    c.replace(at, on - 1, TABLE_PRIVILEGES)
  const to = findWord(c, object, grant ? 'TO' : 'FROM')
  if (to === -1) return null
  if (columns && optionFor === 'GRANT') throw syntaxAt(c, c.pos + 1)
  const { identities, end } = readGrantees(c, to + 1, false)
  const rest = readTail(c, end, grant, 'GRANT', defaults)
  if (rest && columns) throw syntaxAt(c, end)
  const withOption = rest || optionFor === 'GRANT'
  if (withOption) {
    const refused = identities.find(
      (g) =>
        g.kind === 'group' ||
        g.kind === 'public' ||
        (grant && g.kind === 'role'),
    )
    if (refused !== undefined) {
      const whom = refused.kind === 'public' ? 'PUBLIC' : `a ${refused.kind}`
      throw c.error(
        grant
          ? `WITH GRANT OPTION cannot be granted to ${whom}`
          : `GRANT OPTION cannot be revoked from ${whom}`,
        '0LP01',
        to + 1,
      )
    }
  }
  return [...named(identities), ...routines]
}

/** `{GRANT | REVOKE [ADMIN OPTION FOR]} ROLE r [, [ROLE] r] {TO | FROM} ...`, `at` on ROLE. */
function readRoleGrant(
  c: DdlCursor,
  at: number,
  grant: boolean,
  optionFor: 'GRANT' | 'ADMIN' | undefined,
): readonly NamedIdentity[] {
  if (optionFor === 'GRANT') throw syntaxAt(c, c.pos + 1)
  const roles: NamedIdentity[] = []
  let k = at
  for (;;) {
    if (c.kw(k) === 'ROLE') k++
    const name = readName(c, k)
    if (name === null) throw syntaxAt(c, k)
    roles.push({ name: name.name, kind: 'role' })
    k = name.end
    if (!c.is(',', k)) break
    k++
  }
  if (c.kw(k) !== (grant ? 'TO' : 'FROM')) throw syntaxAt(c, k)
  const { identities, end } = readGrantees(c, k + 1, true)
  const admin = readTail(c, end, grant, 'ADMIN')
  if (admin || optionFor === 'ADMIN') {
    // WITH ADMIN OPTION is a user's: `TO { user_name [ WITH ADMIN OPTION ] | ROLE role_name }`.
    if (identities.some((g) => g.kind !== 'user'))
      throw syntaxAt(c, admin ? end : c.pos + 1)
  }
  return [...roles, ...named(identities)]
}

/** A grantee as GRANT and REVOKE name it; PUBLIC's name is `public`. */
export interface Grantee {
  readonly name: string
  readonly kind: IdentityKind | 'public'
}

/** `{ name | ROLE r | GROUP g | PUBLIC } [, ...]` from `at`; a role grant takes no GROUP or PUBLIC. */
export function readGrantees(
  c: DdlCursor,
  at: number,
  roleGrant: boolean,
): { readonly identities: readonly Grantee[]; readonly end: number } {
  const identities: Grantee[] = []
  let k = at
  for (;;) {
    const word = c.kw(k)
    let kind: IdentityKind = 'user'
    if (word === 'PUBLIC') {
      if (roleGrant) throw syntaxAt(c, k)
      identities.push({ name: 'public', kind: 'public' })
      k++
    } else {
      if (word === 'ROLE' || word === 'GROUP') {
        if (roleGrant && word === 'GROUP') throw syntaxAt(c, k)
        kind = word === 'ROLE' ? 'role' : 'group'
        k++
      } else if (
        word === 'CURRENT_USER' ||
        word === 'SESSION_USER' ||
        word === 'CURRENT_ROLE'
      ) {
        throw syntaxAt(c, k)
      }
      const name = readName(c, k)
      if (name === null) throw syntaxAt(c, k)
      identities.push({ name: name.name, kind })
      k = name.end
    }
    if (!c.is(',', k)) return { identities, end: k }
    k++
  }
}

/**
 * What may follow the grantees at `at`: `WITH { GRANT | ADMIN } OPTION` on a
 * GRANT (`option` says which), `[ RESTRICT ]` on a REVOKE of privileges.
 * True when the WITH ... OPTION is there.
 */
function readTail(
  c: DdlCursor,
  at: number,
  grant: boolean,
  option: 'GRANT' | 'ADMIN',
  defaults = false,
): boolean {
  let k = at
  let withOption = false
  if (grant && c.kw(k) === 'WITH') {
    if (c.kw(k + 1) !== option || c.kw(k + 2) !== 'OPTION')
      throw syntaxAt(c, k + 1)
    withOption = true
    k += 3
  } else if (
    !grant &&
    option === 'GRANT' &&
    (c.kw(k) === 'RESTRICT' || (defaults && c.kw(k) === 'CASCADE'))
  ) {
    // ALTER DEFAULT PRIVILEGES ... REVOKE ends in [ CASCADE | RESTRICT ].
    k++
  }
  if (k < c.tokens.length && !c.is(';', k)) throw syntaxAt(c, k)
  return withOption
}

/**
 * The object after ON at `at`: `[TABLE] names`, `ALL { TABLES | FUNCTIONS |
 * PROCEDURES } IN SCHEMA names`, `DATABASE | SCHEMA | FUNCTION | PROCEDURE
 * | LANGUAGE ...`. Returns where to look for TO / FROM, or null for an
 * object this reader leaves to others.
 */
function readObject(c: DdlCursor, at: number): number | null {
  const word = c.kw(at)
  if (word === 'ALL') {
    const kind = c.kw(at + 1)
    if (kind !== 'TABLES' && kind !== 'FUNCTIONS' && kind !== 'PROCEDURES')
      throw syntaxAt(c, at + 1)
    return at + 2
  }
  if (word === 'ROUTINE') throw syntaxAt(c, at)
  if (OTHER_OBJECTS.has(word)) return null
  return JUDGED_OBJECTS.has(word) ? at + 1 : at
}

/**
 * "Amazon Redshift doesn't support GRANT or REVOKE statements for pg_proc
 * builtin entries defined in pg_catalog namespace" (r_GRANT.html): ALL
 * FUNCTIONS | PROCEDURES IN SCHEMA pg_catalog is refused here, and each
 * `FUNCTION | PROCEDURE name(args)` from `at` to `end` is returned as a
 * `routine` for the catalog to check (only it knows where an unqualified
 * name resolves). Redshift's wording is not documented.
 */
function builtinRoutineChecks(
  c: DdlCursor,
  at: number,
  end: number,
): NamedIdentity[] {
  const word = c.kw(at)
  if (word === 'ALL' && c.kw(at + 1) !== 'TABLES') {
    for (let k = at + 4; k < c.tokens.length && !isGrantee(c, k); k++) {
      if (isName(c, k) && identifierName(c.token(k)!) === 'pg_catalog')
        throw c.error(BUILTIN_ROUTINES, '0A000', k)
    }
    return []
  }
  if (word !== 'FUNCTION' && word !== 'PROCEDURE') return []
  const routines: NamedIdentity[] = []
  let k = end
  while (k < c.tokens.length && !isGrantee(c, k)) {
    const open = c.tokens.findIndex((t, i) => i > k && t.text === '(')
    if (open < 0) break
    const close = c.closing(open)
    if (c.text(k, k).toLowerCase() === 'pg_catalog')
      throw c.error(BUILTIN_ROUTINES, '0A000', k)
    routines.push({ name: c.text(k, close), kind: 'routine' })
    k = c.is(',', close + 1) ? close + 2 : close + 1
  }
  return routines
}

const BUILTIN_ROUTINES =
  'GRANT and REVOKE are not supported on the built-in functions of pg_catalog'

function isGrantee(c: DdlCursor, at: number): boolean {
  const word = c.kw(at)
  return word === 'TO' || word === 'FROM'
}

/**
 * The objects of ALTER DEFAULT PRIVILEGES (r_ALTER_DEFAULT_PRIVILEGES.html):
 * ON TABLES, FUNCTIONS or PROCEDURES; PostgreSQL's ROUTINES, SEQUENCES,
 * TYPES and SCHEMAS are refused.
 */
function readDefaultsObject(c: DdlCursor, at: number): number {
  const word = c.kw(at)
  if (word !== 'TABLES' && word !== 'FUNCTIONS' && word !== 'PROCEDURES')
    throw syntaxAt(c, at)
  return at + 1
}

/**
 * `ALTER DEFAULT PRIVILEGES [ FOR USER u [, ...] ] [ IN SCHEMA s [, ...] ]
 * { GRANT | REVOKE } ...` (r_ALTER_DEFAULT_PRIVILEGES.html), with `c.pos`
 * on ALTER: its GRANT or REVOKE read as {@link readGrant} reads one (ON
 * TABLES | FUNCTIONS | PROCEDURES, and REVOKE ... CASCADE allowed), and
 * PostgreSQL's FOR ROLE refused. Returns the names with their kinds (the
 * FOR USER names are users), with `c.pos` left on the GRANT or REVOKE;
 * null for a statement that is not ALTER DEFAULT PRIVILEGES.
 *
 * @example
 * ```ts
 * readDefaultPrivileges(new DdlCursor('alter default privileges for user u grant select on tables to group g', true))
 * // [{ name: 'u', kind: 'user' }, { name: 'g', kind: 'group' }]
 * ```
 */
export function readDefaultPrivileges(
  c: DdlCursor,
): readonly NamedIdentity[] | null {
  if (c.kw(c.pos + 1) !== 'DEFAULT' || c.kw(c.pos + 2) !== 'PRIVILEGES')
    return null
  let k = c.pos + 3
  const owners: NamedIdentity[] = []
  if (c.kw(k) === 'FOR') {
    if (c.kw(k + 1) !== 'USER') throw syntaxAt(c, k + 1)
    k += 2
    for (;;) {
      const name = readName(c, k)
      if (name === null) throw syntaxAt(c, k)
      owners.push({ name: name.name, kind: 'user' })
      k = name.end
      if (!c.is(',', k)) break
      k++
    }
  }
  if (c.kw(k) === 'IN' && c.kw(k + 1) === 'SCHEMA') {
    k += 2
    while (isName(c, k) && c.is(',', k + 1)) k += 2
    k++
  }
  if (c.kw(k) !== 'GRANT' && c.kw(k) !== 'REVOKE') throw syntaxAt(c, k)
  c.pos = k
  return [...owners, ...(readGrant(c, true) ?? [])]
}

/**
 * The schemas of an ALTER DEFAULT PRIVILEGES ... IN SCHEMA (as written) and
 * its FOR USER names (`c.pos` on ALTER, the statement already read by
 * {@link readDefaultPrivileges}); no schemas when it has no IN SCHEMA.
 *
 * @example
 * ```ts
 * defaultPrivilegeScope(new DdlCursor('alter default privileges for user u in schema s grant select on tables to g', true))
 * // { users: ['u'], schemas: ['s'] }
 * ```
 */
export function defaultPrivilegeScope(c: DdlCursor): {
  readonly users: readonly string[]
  readonly schemas: readonly string[]
} {
  let k = c.pos + 3
  const users: string[] = []
  const schemas: string[] = []
  if (c.kw(k) === 'FOR') {
    k += 2
    for (;;) {
      const name = readName(c, k)
      if (name === null) break
      users.push(name.name)
      k = name.end
      if (!c.is(',', k)) break
      k++
    }
  }
  if (c.kw(k) === 'IN' && c.kw(k + 1) === 'SCHEMA') {
    k += 2
    while (isName(c, k)) {
      schemas.push(c.text(k, k))
      if (!c.is(',', k + 1)) break
      k += 2
    }
  }
  return { users, schemas }
}

/**
 * `sql` (an ALTER DEFAULT PRIVILEGES ... IN SCHEMA) as the call that first
 * checks each target user has CREATE on each schema
 * (`redshift_local.run_in_schemas` in `catalog/role-views.ts`).
 *
 * @example
 * ```ts
 * inSchemasSql({ users: [], schemas: ['s'] }, 'alter default privileges in schema s grant select on tables to g')
 * // "CALL redshift_local.run_in_schemas(ARRAY[]::text[], ARRAY['s']::text[], '...')"
 * ```
 */
export function inSchemasSql(
  scope: {
    readonly users: readonly string[]
    readonly schemas: readonly string[]
  },
  sql: string,
): string {
  const list = (values: readonly string[]) =>
    `ARRAY[${values.map(quoteLiteral).join(', ')}]::text[]`
  return `CALL redshift_local.run_in_schemas(${list(scope.users)}, ${list(scope.schemas)}, ${quoteLiteral(sql.trim().replace(/;\s*$/, ''))})`
}

/**
 * What GRANT ALL gives on a table: Redshift's privileges PostgreSQL has. The
 * DROP privilege ALL also gives is kept by the emulator (see
 * `drop-privilege.ts`).
 */
const TABLE_PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE, REFERENCES'

/** Whether the object after ON at `at` is tables: `[TABLE] names` or ALL TABLES IN SCHEMA. */
export function isTableObject(c: DdlCursor, at: number): boolean {
  const word = c.kw(at)
  if (word === 'ALL') return c.kw(at + 1) === 'TABLES'
  return (
    word === 'TABLE' || (!JUDGED_OBJECTS.has(word) && !OTHER_OBJECTS.has(word))
  )
}

/** A name at `at`: a word, a quoted identifier, or a system role written `sys:name`. */
function readName(
  c: DdlCursor,
  at: number,
): { readonly name: string; readonly end: number } | null {
  const token = c.token(at)
  if (token === undefined || !isName(c, at)) return null
  const colon = c.token(at + 1)
  const after = c.token(at + 2)
  if (
    token.kind === 'word' &&
    token.text.toLowerCase() === 'sys' &&
    colon?.text === ':' &&
    colon.start === token.end &&
    after?.kind === 'word' &&
    after.start === colon.end
  )
    return { name: `sys:${after.text.toLowerCase()}`, end: at + 3 }
  return { name: identifierName(token), end: at + 1 }
}

function isName(c: DdlCursor, at: number): boolean {
  const kind = c.token(at)?.kind
  return kind === 'word' || kind === 'quoted'
}

/** Whether the word at `k` starts a privilege (first, or after a comma). */
function startsItem(c: DdlCursor, k: number, first: number): boolean {
  return k === first || c.is(',', k - 1)
}

/** Index of `word` at bracket depth zero from `from`, or -1. */
function findWord(c: DdlCursor, from: number, word: string): number {
  for (let k = from; k < c.tokens.length; k++) {
    if (c.is('(', k)) {
      k = c.match[k]! < 0 ? k : c.match[k]!
      continue
    }
    if (c.kw(k) === word) return k
  }
  return -1
}

function named(grantees: readonly Grantee[]): NamedIdentity[] {
  return grantees.flatMap((g) =>
    g.kind === 'public' ? [] : [{ name: g.name, kind: g.kind }],
  )
}

function syntaxAt(c: DdlCursor, at: number): Error {
  const token = c.token(at)
  return c.error(`syntax error at or near "${token?.text ?? ''}"`, '42601', at)
}

/**
 * `sql` (a GRANT, REVOKE, or CREATE / ALTER / DROP USER or GROUP in
 * PostgreSQL's words) as the call that checks each name is of its kind
 * before running it (`redshift_local.run_checked` in
 * `catalog/role-views.ts`): PostgreSQL would take a role for whatever
 * Redshift calls it. Its message names the kind, `user "x" does not exist`
 * (Redshift's wording for a name of another kind is not documented).
 *
 * @example
 * ```ts
 * checkedIdentitiesSql([{ name: 'g', kind: 'group' }], 'grant select on t to g')
 * // "CALL redshift_local.run_checked(ARRAY['g']::text[], ARRAY['group']::text[], 'grant select on t to g')"
 * ```
 */
export function checkedIdentitiesSql(
  identities: readonly NamedIdentity[],
  sql: string,
): string {
  const names = identities.map((i) => quoteLiteral(i.name)).join(', ')
  const kinds = identities.map((i) => quoteLiteral(i.kind)).join(', ')
  return `CALL redshift_local.run_checked(ARRAY[${names}]::text[], ARRAY[${kinds}]::text[], ${quoteLiteral(sql.trim())})`
}
