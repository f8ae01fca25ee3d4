import type { DdlCursor } from './ddl-cursor.js'
import { quoteIdentifier, quoteLiteral } from './quote.js'

/** What a datashare statement becomes: a call into the catalog, or an emulator limit. */
export type DatashareRewrite =
  { readonly sql: string; readonly tag: string } | { readonly limit: string }

const CONSUMER_LIMIT =
  'the consumer side of data sharing (there is no other namespace to read a datashare from)'

/**
 * The producer side of data sharing, with `c.pos` on the first word:
 * CREATE / ALTER / DROP DATASHARE, GRANT | REVOKE USAGE ON DATASHARE ... TO
 * NAMESPACE | ACCOUNT, GRANT | REVOKE { ALTER | SHARE } ON DATASHARE ... TO
 * a user, SHOW DATASHARES and DESC DATASHARE (r_CREATE_DATASHARE.html,
 * r_ALTER_DATASHARE.html, r_DROP_DATASHARE.html, r_GRANT.html,
 * r_REVOKE.html, r_SHOW_DATASHARES.html, r_DESC_DATASHARE.html). Each
 * becomes a call of a `redshift_local.datashare_*` procedure (see
 * `catalog/datashare-catalog.ts`), which checks the rules and records the
 * share where SVV_DATASHARES and its sibling views read it. The consumer
 * side (CREATE DATABASE ... FROM DATASHARE, DESC DATASHARE ... OF) is an
 * emulator limit. Null when the statement is not about a datashare.
 *
 * @example
 * ```ts
 * // 'create datashare s' -> call redshift_local.datashare_create('s', false)
 * ```
 */
export function rewriteDatashare(c: DdlCursor): DatashareRewrite | null {
  const verb = c.kw()
  switch (verb) {
    case 'CREATE':
      if (c.kw(c.pos + 1) === 'DATABASE') return createDatabase(c)
      return c.kw(c.pos + 1) === 'DATASHARE' ? create(c) : null
    case 'DROP':
      if (c.kw(c.pos + 1) !== 'DATASHARE') return null
      c.pos += 2
      return done(
        c,
        `call redshift_local.datashare_drop(${name(c)})`,
        'DROP DATASHARE',
      )
    case 'ALTER':
      return c.kw(c.pos + 1) === 'DATASHARE' ? alter(c) : null
    case 'GRANT':
    case 'REVOKE':
      return grant(c)
    case 'SHOW':
      return c.kw(c.pos + 1) === 'DATASHARES' ? show(c) : null
    case 'DESC':
      return c.kw(c.pos + 1) === 'DATASHARE' ? desc(c) : null
    default:
      return null
  }
}

/** `CREATE DATABASE ... FROM DATASHARE` (r_CREATE_DATABASE.html): the consumer side. */
function createDatabase(c: DdlCursor): DatashareRewrite | null {
  for (let at = c.pos + 2; at + 1 < c.tokens.length; at++) {
    if (c.kw(at) === 'FROM' && c.kw(at + 1) === 'DATASHARE')
      return { limit: `CREATE DATABASE ... FROM DATASHARE (${CONSUMER_LIMIT})` }
  }
  return null
}

/** `CREATE DATASHARE name [[SET] PUBLICACCESSIBLE [=] TRUE | FALSE]`. */
function create(c: DdlCursor): DatashareRewrite {
  c.pos += 2
  const share = name(c)
  let publicAccessible = 'false'
  if (c.kw() === 'SET' || c.kw() === 'PUBLICACCESSIBLE') {
    c.accept('SET')
    if (!c.accept('PUBLICACCESSIBLE')) throw c.syntaxError()
    publicAccessible = bool(c)
  }
  if (c.is(',') && c.kw(c.pos + 1) === 'MANAGEDBY')
    return { limit: 'CREATE DATASHARE ... MANAGEDBY ADX (AWS Data Exchange)' }
  return done(
    c,
    `call redshift_local.datashare_create(${share}, ${publicAccessible})`,
    'CREATE DATASHARE',
  )
}

/** The ALTER DATASHARE forms: ADD | REMOVE objects, SET PUBLICACCESSIBLE | INCLUDENEW. */
function alter(c: DdlCursor): DatashareRewrite {
  c.pos += 2
  const share = name(c)
  const tag = 'ALTER DATASHARE'
  if (c.accept('SET')) {
    if (c.accept('PUBLICACCESSIBLE')) {
      const value = bool(c)
      return done(
        c,
        `call redshift_local.datashare_set(${share}, 'PUBLICACCESSIBLE', ${value}, null)`,
        tag,
      )
    }
    if (!c.accept('INCLUDENEW')) throw c.syntaxError()
    const value = bool(c)
    if (!c.accept('FOR', 'SCHEMA')) throw c.syntaxError()
    const schema = quoteLiteral(c.name())
    return done(
      c,
      `call redshift_local.datashare_set(${share}, 'INCLUDENEW', ${value}, ${schema})`,
      tag,
    )
  }
  const add = c.kw() === 'ADD'
  if (!add && c.kw() !== 'REMOVE') throw c.syntaxError()
  c.pos++
  let kind: string
  if (c.accept('ALL', 'TABLES', 'IN', 'SCHEMA')) kind = 'ALL TABLES'
  else if (c.accept('ALL', 'FUNCTIONS', 'IN', 'SCHEMA')) kind = 'ALL FUNCTIONS'
  else if (c.accept('SCHEMA')) kind = 'SCHEMA'
  else if (c.accept('TABLE')) kind = 'TABLE'
  else if (c.accept('FUNCTION')) kind = 'FUNCTION'
  else throw c.syntaxError()
  const objects: string[] = []
  do {
    objects.push(quoteLiteral(objectName(c, kind)))
  } while (c.is(',') && c.pos++ >= 0)
  return done(
    c,
    `call redshift_local.datashare_alter(${share}, ${add}, '${kind}', array[${objects.join(', ')}]::text[])`,
    tag,
  )
}

/**
 * One object of ALTER DATASHARE ADD | REMOVE, as the text the procedure
 * resolves: a schema's name, `"schema"."table"`, or a function's
 * `"schema"."name"(types)` for `regprocedure`. A three-part name names an
 * object of another database, which a datashare cannot hold
 * (r_CREATE_DATASHARE.html: only objects of the associated database).
 */
function objectName(c: DdlCursor, kind: string): string {
  if (kind === 'SCHEMA' || kind.startsWith('ALL ')) return c.name()
  const start = c.pos
  const parts = [c.name()]
  while (c.is('.')) {
    c.pos++
    parts.push(c.name())
  }
  if (parts.length === 3) {
    throw c.error(
      `cannot add objects of database "${parts[0]}" to a datashare of another database`,
      '0A000',
      start,
    )
  }
  if (parts.length !== 2) throw c.syntaxError(start)
  const qualified = parts.map(quoteIdentifier).join('.')
  if (kind !== 'FUNCTION') return qualified
  if (!c.is('(')) throw c.syntaxError()
  const close = c.closing(c.pos)
  const types = c.text(c.pos + 1, close - 1)
  c.pos = close + 1
  return `${qualified}(${types})`
}

/**
 * `GRANT | REVOKE USAGE ON DATASHARE name TO | FROM NAMESPACE 'guid' |
 * ACCOUNT 'id'` and `GRANT | REVOKE { ALTER | SHARE } [, ...] ON DATASHARE
 * name TO | FROM { user | ROLE r | GROUP g | PUBLIC }` (r_GRANT.html,
 * r_REVOKE.html). Null when the statement is not ON DATASHARE.
 */
function grant(c: DdlCursor): DatashareRewrite | null {
  const isGrant = c.kw() === 'GRANT'
  let on = c.pos + 1
  while (on < c.tokens.length && c.kw(on) !== 'ON') on++
  if (c.kw(on + 1) !== 'DATASHARE') return null
  const verb = isGrant ? 'GRANT' : 'REVOKE'
  const privileges: string[] = []
  c.pos++
  if (!isGrant && c.kw() === 'GRANT' && c.kw(c.pos + 1) === 'OPTION')
    return { limit: 'REVOKE GRANT OPTION FOR ... ON DATASHARE' }
  while (c.pos < on) {
    const word = c.kw()
    if (
      word !== 'USAGE' &&
      word !== 'ALTER' &&
      word !== 'SHARE' &&
      word !== 'ALL'
    )
      throw c.error(
        `invalid privilege type ${c.token()?.text ?? ''} for datashare`,
        '0LP01',
      )
    privileges.push(word)
    c.pos++
    if (c.pos < on && !c.is(',')) throw c.syntaxError()
    if (c.is(',')) c.pos++
  }
  c.pos = on + 2
  const share = name(c)
  if (!c.accept(isGrant ? 'TO' : 'FROM')) throw c.syntaxError()
  let call = ''
  if (c.kw() === 'NAMESPACE' || c.kw() === 'ACCOUNT') {
    if (privileges.length !== 1 || privileges[0] !== 'USAGE')
      throw c.error(
        `only USAGE on a datashare can be granted to a ${c.kw().toLowerCase()}`,
        '0LP01',
      )
    const kind = c.kw()
    c.pos++
    const id = string(c)
    let namespace = 'null'
    let account = 'null'
    if (kind === 'ACCOUNT') {
      account = id
      if (c.accept('NAMESPACE')) namespace = string(c)
      if (c.kw() === 'VIA')
        return {
          limit: `${verb} USAGE ON DATASHARE ... VIA DATA CATALOG (AWS Lake Formation)`,
        }
    } else namespace = id
    call = `call redshift_local.datashare_consumer(${share}, ${isGrant}, ${account}, ${namespace})`
  } else {
    if (privileges.includes('USAGE'))
      throw c.error(
        'USAGE on a datashare can only be granted to a NAMESPACE or an ACCOUNT',
        '0LP01',
      )
    const all = privileges.includes('ALL') ? ['ALTER', 'SHARE'] : privileges
    const grantees: string[] = []
    do {
      if (c.kw() === 'PUBLIC') {
        grantees.push('null')
        c.pos++
      } else {
        if (!c.accept('ROLE')) c.accept('GROUP')
        grantees.push(quoteLiteral(c.name()))
      }
    } while (c.is(',') && c.pos++ >= 0)
    if (c.kw() === 'WITH')
      return { limit: `${verb} ... ON DATASHARE ... WITH GRANT OPTION` }
    call = `call redshift_local.datashare_privilege(${share}, ${isGrant}, array['${all.join("', '")}']::text[], array[${grantees.join(', ')}]::text[])`
  }
  return done(c, call, verb)
}

/** `SHOW DATASHARES [LIKE 'pattern']`, with the example's columns (r_SHOW_DATASHARES.html). */
function show(c: DdlCursor): DatashareRewrite {
  c.pos += 2
  let filter = ''
  if (c.accept('LIKE')) filter = ` where share_name like ${string(c)}`
  return done(
    c,
    `select share_name, share_owner, source_database, consumer_database, share_type,
  createdate, is_publicaccessible, share_acl, producer_account, producer_namespace
from pg_catalog.svv_datashares${filter}
order by share_name`,
    'SELECT',
  )
}

/**
 * `DESC DATASHARE name` on the producer (r_DESC_DATASHARE.html); with `OF
 * [ACCOUNT id] NAMESPACE guid` it describes an inbound share, the consumer
 * side, an emulator limit. A datashare that does not exist is an error.
 */
function desc(c: DdlCursor): DatashareRewrite {
  c.pos += 2
  const share = name(c)
  if (c.kw() === 'OF')
    return { limit: `DESC DATASHARE ... OF NAMESPACE (${CONSUMER_LIMIT})` }
  return done(
    c,
    `select producer_account, producer_namespace, share_type, share_name, object_type,
  object_name, include_new
from pg_catalog.svv_datashare_objects
where redshift_local.datashare_exists(${share}) and share_name = ${share}
order by case object_type when 'SCHEMA' then 0 else 1 end, object_name`,
    'SELECT',
  )
}

/** The statement must end here: the rewrite, or a syntax error at what follows. */
function done(c: DdlCursor, sql: string, tag: string): DatashareRewrite {
  c.end()
  return { sql, tag }
}

/** A datashare's name, as a literal. */
function name(c: DdlCursor): string {
  return quoteLiteral(c.name())
}

/** `[=] TRUE | FALSE`. */
function bool(c: DdlCursor): string {
  if (c.is('=')) c.pos++
  const word = c.kw()
  if (word !== 'TRUE' && word !== 'FALSE') throw c.syntaxError()
  c.pos++
  return word.toLowerCase()
}

/** A plain string literal ('...'), quoted again for the call. */
function string(c: DdlCursor): string {
  return quoteLiteral(c.plainString())
}
