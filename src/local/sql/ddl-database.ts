import { BACKING_DATABASE } from '../catalog/client-catalog-views.js'
import type { DdlCursor } from './ddl-cursor.js'
import { identifierName } from './rewrite-tokens.js'

/** What CREATE / ALTER / DROP DATABASE becomes: PostgreSQL's text, or what the emulator cannot do. */
export type DatabaseRewrite =
  { readonly sql: string } | { readonly limit: string }

/**
 * Redshift's database options in PostgreSQL's words, with `c.pos` on the
 * verb (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_DATABASE.html,
 * r_ALTER_DATABASE.html, r_DROP_DATABASE.html):
 *
 * - `CONNECTION LIMIT UNLIMITED` is `CONNECTION LIMIT -1`;
 * - `COLLATE CASE_SENSITIVE | CS` is the default and is dropped;
 * - `DROP DATABASE name FORCE` is `DROP DATABASE name WITH (FORCE)`.
 *
 * `COLLATE CASE_INSENSITIVE | CI` (every column of the database) and
 * `ISOLATION LEVEL { SERIALIZABLE | SNAPSHOT }` (the emulator's isolation
 * is one for all its databases, chosen when it starts) are emulator limits.
 * DROP DATABASE has no IF EXISTS, ALTER DATABASE no SET or RESET, and the
 * dev, padb_harvest, template0 and template1 databases are neither dropped
 * nor renamed (r_DROP_DATABASE.html, r_ALTER_DATABASE.html). The backing
 * PostgreSQL's own `postgres` database does not exist for clients (3D000),
 * and a database cannot take its name (an emulator limit).
 * Null for other statements, or when nothing changes.
 *
 * @example
 * ```ts
 * rewriteDatabaseOptions(new DdlCursor('create database d connection limit unlimited', true))
 * // { sql: 'create database d connection limit -1' }
 * ```
 */
export function rewriteDatabaseOptions(c: DdlCursor): DatabaseRewrite | null {
  const verb = c.kw()
  if (c.kw(c.pos + 1) !== 'DATABASE') return null
  const last = c.tokens.length - 1
  if (verb === 'DROP' || verb === 'ALTER') checkDatabaseName(c, verb)
  if (takesBackingName(c, verb))
    return {
      limit: `${verb} DATABASE ... ${BACKING_DATABASE} (the name of the backing PostgreSQL's own database)`,
    }
  if (verb === 'DROP') {
    if (last !== c.pos + 3 || c.kw(last) !== 'FORCE') return null
    c.replace(last, last, 'WITH (FORCE)')
    return { sql: c.apply() }
  }
  if (verb !== 'CREATE' && verb !== 'ALTER') return null
  for (let at = c.pos + 3; at <= last; at++) {
    const word = c.kw(at)
    if (word === 'CONNECTION' && c.kw(at + 1) === 'LIMIT') {
      if (c.kw(at + 2) === 'UNLIMITED') c.replace(at + 2, at + 2, '-1')
      at += 2
    } else if (word === 'COLLATE') {
      const collation = c.kw(at + 1)
      if (collation === 'CASE_INSENSITIVE' || collation === 'CI')
        return { limit: `${verb} DATABASE ... COLLATE CASE_INSENSITIVE` }
      if (collation === 'CASE_SENSITIVE' || collation === 'CS')
        c.remove(at, at + 1)
      at++
    } else if (word === 'ISOLATION' && c.kw(at + 1) === 'LEVEL') {
      return {
        limit: `${verb} DATABASE ... ISOLATION LEVEL (the emulator's isolation, serializable or snapshot, is chosen for all its databases when it starts)`,
      }
    }
  }
  return c.changed ? { sql: c.apply() } : null
}

/** Databases r_DROP_DATABASE.html and r_ALTER_DATABASE.html say cannot be dropped or renamed. */
const SYSTEM_DATABASES: ReadonlySet<string> = new Set([
  'dev',
  'padb_harvest',
  'template0',
  'template1',
])

/**
 * DROP DATABASE [IF EXISTS] name and ALTER DATABASE name {SET | RESET | RENAME
 * TO}, with `c.pos` on the verb: what Redshift's grammar lacks, and the
 * system databases. Redshift's wording for the latter is not documented.
 */
function checkDatabaseName(c: DdlCursor, verb: 'DROP' | 'ALTER'): void {
  const at = c.pos + 2
  if (verb === 'DROP' && c.kw(at) === 'IF')
    throw c.error('syntax error at or near "IF"', '42601', at)
  const next = c.kw(at + 1)
  if (verb === 'ALTER' && (next === 'SET' || next === 'RESET'))
    throw c.error(
      `syntax error at or near "${c.token(at + 1)!.text}"`,
      '42601',
      at + 1,
    )
  const name = named(c, at)
  // Clients never see the backing PostgreSQL's own database.
  if (name === BACKING_DATABASE)
    throw c.error(`database "${name}" does not exist`, '3D000', at)
  if (verb === 'ALTER' && next !== 'RENAME') return
  if (name !== undefined && SYSTEM_DATABASES.has(name))
    throw c.error(
      `cannot ${verb === 'DROP' ? 'drop' : 'rename'} the system database "${name}"`,
      '42809',
      at,
    )
}

/** CREATE DATABASE postgres or ALTER DATABASE ... RENAME TO postgres, `c.pos` on the verb. */
function takesBackingName(c: DdlCursor, verb: string): boolean {
  if (verb === 'CREATE') return named(c, c.pos + 2) === BACKING_DATABASE
  return (
    verb === 'ALTER' &&
    c.kw(c.pos + 3) === 'RENAME' &&
    c.kw(c.pos + 4) === 'TO' &&
    named(c, c.pos + 5) === BACKING_DATABASE
  )
}

/** The name an identifier token at `at` stands for; undefined for any other token. */
function named(c: DdlCursor, at: number): string | undefined {
  const token = c.token(at)
  if (token?.kind !== 'word' && token?.kind !== 'quoted') return undefined
  return identifierName(token)
}
