import type { DdlCursor } from './ddl-cursor.js'

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
