import type { DdlCursor } from './ddl-cursor.js'
import { parseOneStatement, walkTree } from './parse-tree.js'
import { quoteLiteral } from './quote.js'
import { identifierName } from './rewrite-tokens.js'

/** What a row-level security statement becomes: a call into the catalog, or an emulator limit. */
export type RlsRewrite =
  | {
      readonly sql: string
      readonly tag: string
      /** Checked by the policy as the client's statement (a policy's predicate). */
      readonly policyText?: string
    }
  | { readonly limit: string }

/** A type name as a policy's WITH clause may write it: `int`, `varchar(10)`, `numeric(10, 2)` ... */
export const TYPE_NAME =
  /^[a-z_][a-z0-9_]*(\s+[a-z_][a-z0-9_]*)*(\s*\(\s*(\d+|max)\s*(,\s*\d+\s*)?\))?(\s+with(out)?\s+time\s+zone)?$/i

/**
 * Redshift's row-level security statements (r_CREATE_RLS_POLICY.html,
 * r_ALTER_RLS_POLICY.html, r_DROP_RLS_POLICY.html, r_ATTACH_RLS_POLICY.html,
 * r_DETACH_RLS_POLICY.html, `ALTER TABLE ... ROW LEVEL SECURITY` of
 * r_ALTER_TABLE.html and `GRANT | REVOKE { IGNORE | EXPLAIN } RLS` of
 * r_GRANT.html), with
 * `c.pos` on the first word. Each becomes a call of a `redshift_local.rls_*`
 * procedure (`catalog/rls-catalog.ts`), which records the policy and keeps
 * PostgreSQL's own row security policies on the table in step with it (see
 * there for how Redshift's rules map onto PostgreSQL's). Null when the
 * statement is none of these.
 *
 * @example
 * ```ts
 * // "create rls policy p with (a int) using (a > 0)"
 * //   -> call redshift_local.rls_create('p', ..., 'a > 0', false)
 * ```
 */
export function rewriteRls(c: DdlCursor): RlsRewrite | null {
  const verb = c.kw()
  if (verb === 'GRANT' || verb === 'REVOKE') return rlsPermission(c)
  if (verb === 'ALTER' && c.kw(c.pos + 1) === 'TABLE') return alterTable(c)
  if (c.kw(c.pos + 1) !== 'RLS' || c.kw(c.pos + 2) !== 'POLICY') return null
  c.pos += 3
  switch (verb) {
    case 'CREATE':
      return create(c, false)
    case 'ALTER':
      return create(c, true)
    case 'DROP': {
      const ifExists = c.accept('IF', 'EXISTS')
      const policy = name(c)
      const cascade = c.accept('CASCADE')
      if (!cascade) c.accept('RESTRICT')
      return done(
        c,
        `call redshift_local.rls_drop(${policy}, ${ifExists}, ${cascade})`,
        'DROP RLS POLICY',
      )
    }
    case 'ATTACH':
    case 'DETACH':
      return attach(c, verb === 'ATTACH')
    default:
      return null
  }
}

/**
 * `CREATE RLS POLICY p [WITH (column type [, ...]) [[AS] alias]] USING (predicate)`
 * and `ALTER RLS POLICY p USING (predicate)`. The predicate is kept as
 * written (SVV_RLS_POLICY's `polqual`) and, for PostgreSQL's policies, with
 * the alias's qualification dropped: a policy's expression names the
 * table's columns bare. A subquery (a lookup table) is an emulator limit:
 * Redshift reads a lookup table with the policy's own SELECT permission
 * (r_CREATE_RLS_POLICY.html), PostgreSQL with the querying user's.
 */
function create(c: DdlCursor, alter: boolean): RlsRewrite {
  const policy = name(c)
  const columns: string[] = []
  const types: string[] = []
  let alias = ''
  if (!alter && c.accept('WITH')) {
    if (!c.is('(')) throw c.syntaxError()
    const close = c.closing(c.pos)
    c.pos++
    while (c.pos < close) {
      columns.push(c.name())
      const start = c.pos
      while (c.pos < close && !c.is(',')) {
        if (c.is('(')) c.pos = c.closing(c.pos)
        c.pos++
      }
      const type = c.text(start, c.pos - 1)
      // The type reaches PostgreSQL as text: only a type name's shape passes.
      if (!TYPE_NAME.test(type)) throw c.syntaxError(start)
      types.push(type)
      if (c.is(',')) c.pos++
    }
    c.pos = close + 1
    if (c.accept('AS') || (c.kw() !== 'USING' && c.token() !== undefined))
      alias = c.name()
  }
  if (!c.accept('USING') || !c.is('(')) throw c.syntaxError()
  const close = c.closing(c.pos)
  const written = c.text(c.pos + 1, close - 1)
  if (written === '') throw c.syntaxError(close)
  // Without a WITH clause the alias names no columns; the predicate may still use it.
  const predicate = stripAlias(c, c.pos + 1, close - 1, alias)
  const check = `select 1 where (\n${predicate}\n)`
  const tree = parseOneStatement(check)
  if (tree === undefined) throw c.syntaxError(c.pos + 1)
  let sublink = false
  walkTree(tree, (type) => {
    if (type === 'SubLink') sublink = true
  })
  if (sublink)
    return {
      limit:
        "RLS policies with subqueries (a lookup table is read with the policy's permissions, which PostgreSQL has no way to give)",
    }
  c.pos = close + 1
  const tag = alter ? 'ALTER RLS POLICY' : 'CREATE RLS POLICY'
  const call = alter
    ? `call redshift_local.rls_alter(${policy}, ${quoteLiteral(written)}, ${quoteLiteral(predicate)})`
    : `call redshift_local.rls_create(${policy}, ${textArray(columns)}, ${textArray(types)}, ${quoteLiteral(alias)}, ${quoteLiteral(written)}, ${quoteLiteral(predicate)})`
  return { ...done(c, call, tag), policyText: check } as RlsRewrite
}

/**
 * The predicate's text between tokens `from` and `to`, each `alias.` (not
 * itself after a dot) left out: the policy's expression on the table names
 * its columns bare, and subqueries, the only other scope, are refused.
 */
function stripAlias(
  c: DdlCursor,
  from: number,
  to: number,
  alias: string,
): string {
  if (alias === '') return c.text(from, to)
  let out = ''
  let at = c.tokens[from]!.start
  for (let k = from; k < to; k++) {
    const token = c.tokens[k]!
    if (
      (token.kind === 'word' || token.kind === 'quoted') &&
      identifierName(token) === alias &&
      c.is('.', k + 1) &&
      !c.is('.', k - 1)
    ) {
      out += c.sql.slice(at, token.start)
      at = c.tokens[k + 1]!.end
      k++
    }
  }
  return out + c.sql.slice(at, c.tokens[to]!.end)
}

/**
 * `ATTACH RLS POLICY p ON [TABLE] t [, ...] TO { user | ROLE r | PUBLIC } [, ...]`
 * and `DETACH RLS POLICY p ON [TABLE] t [, ...] FROM ...`.
 */
function attach(c: DdlCursor, isAttach: boolean): RlsRewrite {
  const policy = name(c)
  if (!c.accept('ON')) throw c.syntaxError()
  c.accept('TABLE')
  const tables: string[] = []
  do {
    tables.push(relation(c))
  } while (c.is(',') && c.pos++ >= 0)
  if (!c.accept(isAttach ? 'TO' : 'FROM')) throw c.syntaxError()
  const grantees = granteeList(c)
  const verb = isAttach ? 'ATTACH' : 'DETACH'
  return done(
    c,
    `call redshift_local.rls_${verb.toLowerCase()}(${policy}, ${relationArray(tables)}, ${textArray(grantees)})`,
    `${verb} RLS POLICY`,
  )
}

/** `{ user | ROLE r | PUBLIC } [, ...]`, each as `user:name`, `role:name` or `public`. */
export function granteeList(c: DdlCursor): string[] {
  const grantees: string[] = []
  do {
    if (c.kw() === 'PUBLIC') {
      c.pos++
      grantees.push('public')
    } else if (c.accept('ROLE')) grantees.push(`role:${c.name()}`)
    else grantees.push(`user:${c.name()}`)
  } while (c.is(',') && c.pos++ >= 0)
  return grantees
}

/**
 * `ALTER TABLE t ROW LEVEL SECURITY { ON | OFF } [CONJUNCTION TYPE { AND | OR }] [FOR DATASHARES]`
 * (r_ALTER_TABLE.html). FOR DATASHARES protects the table only as a
 * datashare's consumers read it, which the emulator has none of: a limit.
 */
function alterTable(c: DdlCursor): RlsRewrite | null {
  let at = c.pos + 2
  while (
    at < c.tokens.length &&
    !(
      c.kw(at) === 'ROW' &&
      c.kw(at + 1) === 'LEVEL' &&
      c.kw(at + 2) === 'SECURITY'
    )
  )
    at++
  if (at >= c.tokens.length) return null
  c.pos += 2
  const table = relation(c)
  if (c.pos !== at) return null
  c.pos += 3
  const on = c.kw()
  if (on !== 'ON' && on !== 'OFF') throw c.syntaxError()
  c.pos++
  let conjunction = 'null'
  if (c.accept('CONJUNCTION', 'TYPE')) {
    const word = c.kw()
    if (word !== 'AND' && word !== 'OR') throw c.syntaxError()
    c.pos++
    conjunction = quoteLiteral(word.toLowerCase())
  }
  if (c.accept('FOR', 'DATASHARES'))
    return {
      limit:
        'ROW LEVEL SECURITY ... FOR DATASHARES (the emulator has no datashare consumers)',
    }
  return done(
    c,
    `call redshift_local.rls_set(${quoteLiteral(table)}::regclass::oid, ${on === 'ON'}, ${conjunction})`,
    'ALTER TABLE',
  )
}

/**
 * `GRANT { IGNORE | EXPLAIN } RLS TO { user | ROLE r } [, ...]` and its
 * REVOKE ... FROM (r_GRANT.html, r_REVOKE.html).
 */
function rlsPermission(c: DdlCursor): RlsRewrite | null {
  const permission = c.kw(c.pos + 1)
  if (
    (permission !== 'IGNORE' && permission !== 'EXPLAIN') ||
    c.kw(c.pos + 2) !== 'RLS'
  )
    return null
  const isGrant = c.kw() === 'GRANT'
  c.pos += 3
  if (!c.accept(isGrant ? 'TO' : 'FROM')) throw c.syntaxError()
  const grantees = granteeList(c)
  return done(
    c,
    `call redshift_local.rls_permission(${isGrant}, ${quoteLiteral(`${permission} RLS`)}, ${textArray(grantees)})`,
    isGrant ? 'GRANT' : 'REVOKE',
  )
}

/** A relation's name as written (`s.t`, `"T"`), read by `::regclass`. */
export function relation(c: DdlCursor): string {
  const start = c.pos
  c.name()
  while (c.is('.')) {
    c.pos++
    c.name()
  }
  return c.text(start, c.pos - 1)
}

/** The statement must end here: the rewrite, or a syntax error at what follows. */
function done(c: DdlCursor, sql: string, tag: string): RlsRewrite {
  c.end()
  return { sql, tag }
}

function name(c: DdlCursor): string {
  return quoteLiteral(c.name())
}

/** Relations resolved in the caller's search_path (the procedures have their own). */
function relationArray(names: readonly string[]): string {
  return `array[${names.map((n) => `${quoteLiteral(n)}::regclass::oid`).join(', ')}]::oid[]`
}

/** `array['a', 'b']::text[]`. */
export function textArray(values: readonly string[]): string {
  return `array[${values.map(quoteLiteral).join(', ')}]::text[]`
}
