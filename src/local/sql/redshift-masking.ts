import type { DdlCursor } from './ddl-cursor.js'
import { parseOneStatement, walkTree } from './parse-tree.js'
import { quoteLiteral } from './quote.js'
import { relation, textArray, TYPE_NAME } from './redshift-rls.js'

/** What a masking policy statement becomes: a call into the catalog, or an emulator limit. */
export type MaskingRewrite =
  | {
      readonly sql: string
      readonly tag: string
      /** Checked by the policy as the client's statement (the masking expression). */
      readonly policyText?: string
    }
  | { readonly limit: string }

/** The caller's search path, in which the expression's names are resolved once. */
const SEARCH_PATH = "pg_catalog.current_setting('search_path')"

/**
 * Redshift's dynamic data masking statements (r_CREATE_MASKING_POLICY.html,
 * r_ALTER_MASKING_POLICY.html, r_DROP_MASKING_POLICY.html,
 * r_ATTACH_MASKING_POLICY.html, r_DETACH_MASKING_POLICY.html), with `c.pos`
 * on the first word. Each becomes a call of a `redshift_local.mask_*`
 * procedure (`catalog/masking-catalog.ts`). Null when the statement is none
 * of these.
 *
 * @example
 * ```ts
 * // "create masking policy p with (a int) using (0)"
 * //   -> call redshift_local.mask_create('p', false, ..., '0', '0')
 * ```
 */
export function rewriteMasking(c: DdlCursor): MaskingRewrite | null {
  const verb = c.kw()
  if (c.kw(c.pos + 1) !== 'MASKING' || c.kw(c.pos + 2) !== 'POLICY') return null
  c.pos += 3
  switch (verb) {
    case 'CREATE':
      return create(c)
    case 'ALTER': {
      const policy = quoteLiteral(c.name())
      const expr = expression(c)
      if ('limit' in expr) return expr
      return done(
        c,
        `call redshift_local.mask_alter(${policy}, ${quoteLiteral(expr.text)}, ${quoteLiteral(expr.text)}, ${SEARCH_PATH})`,
        'ALTER MASKING POLICY',
        expr.check,
      )
    }
    case 'DROP':
      return done(
        c,
        `call redshift_local.mask_drop(${quoteLiteral(c.name())})`,
        'DROP MASKING POLICY',
      )
    case 'ATTACH':
    case 'DETACH':
      return attach(c, verb === 'ATTACH')
    default:
      return null
  }
}

/** `CREATE MASKING POLICY [IF NOT EXISTS] p WITH (column type [, ...]) USING (expression)`. */
function create(c: DdlCursor): MaskingRewrite {
  const ifNotExists = c.accept('IF', 'NOT', 'EXISTS')
  const policy = quoteLiteral(c.name())
  if (!c.accept('WITH') || !c.is('(')) throw c.syntaxError()
  const columns: string[] = []
  const types: string[] = []
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
    if (c.is(',')) {
      c.pos++
      if (c.pos >= close) throw c.syntaxError(close)
    }
  }
  if (columns.length === 0) throw c.syntaxError(close)
  c.pos = close + 1
  const expr = expression(c)
  if ('limit' in expr) return expr
  return done(
    c,
    `call redshift_local.mask_create(${policy}, ${ifNotExists}, ${textArray(columns)}, ${textArray(types)}, ${quoteLiteral(expr.text)}, ${quoteLiteral(expr.text)}, ${SEARCH_PATH})`,
    'CREATE MASKING POLICY',
    expr.check,
  )
}

/**
 * `USING (expression)`: its text, and the statement the policy checks it in.
 * A subquery (a lookup table) is an emulator limit: the mask would read it
 * with the querying user's permissions, which Redshift does not say.
 */
function expression(
  c: DdlCursor,
): { readonly text: string; readonly check: string } | { limit: string } {
  if (!c.accept('USING') || !c.is('(')) throw c.syntaxError()
  const close = c.closing(c.pos)
  const text = c.text(c.pos + 1, close - 1)
  if (text === '') throw c.syntaxError(close)
  const check = `select (\n${text}\n)`
  const tree = parseOneStatement(check)
  if (tree === undefined) throw c.syntaxError(c.pos + 1)
  let sublink = false
  walkTree(tree, (type) => {
    if (type === 'SubLink') sublink = true
  })
  if (sublink)
    return { limit: 'masking policies with subqueries (lookup tables)' }
  c.pos = close + 1
  return { text, check }
}

/**
 * `ATTACH MASKING POLICY p ON t (columns) [USING (columns)] TO { user | ROLE r | PUBLIC } [PRIORITY n]`
 * and `DETACH MASKING POLICY p ON t (columns) FROM { user | ROLE r | PUBLIC }`:
 * one grantee (r_ATTACH_MASKING_POLICY.html: "You can only set one of").
 */
function attach(c: DdlCursor, isAttach: boolean): MaskingRewrite {
  const policy = quoteLiteral(c.name())
  if (!c.accept('ON')) throw c.syntaxError()
  const table = relation(c)
  const outputs = columnList(c)
  const inputs = isAttach && c.accept('USING') ? columnList(c) : null
  if (outputs === PATH || inputs === PATH) return { limit: PATH_LIMIT }
  if (!c.accept(isAttach ? 'TO' : 'FROM')) throw c.syntaxError()
  let grantee: string
  if (c.kw() === 'PUBLIC') {
    c.pos++
    grantee = 'public'
  } else if (c.accept('ROLE')) grantee = `role:${c.name()}`
  else grantee = `user:${c.name()}`
  const rel = `${quoteLiteral(table)}::regclass::oid`
  if (!isAttach)
    return done(
      c,
      `call redshift_local.mask_detach(${policy}, ${rel}, ${textArray(outputs)}, ${quoteLiteral(grantee)})`,
      'DETACH MASKING POLICY',
    )
  let priority = 0
  if (c.accept('PRIORITY')) {
    const token = c.token()
    if (token?.kind !== 'number' || !/^\d+$/.test(token.text))
      throw c.syntaxError()
    priority = Number(token.text)
    if (priority > 2147483647) throw c.syntaxError()
    c.pos++
  }
  return done(
    c,
    `call redshift_local.mask_attach(${policy}, ${rel}, ${textArray(outputs)}, ${inputs === null ? 'null' : textArray(inputs)}, ${quoteLiteral(grantee)}, ${priority})`,
    'ATTACH MASKING POLICY',
  )
}

/** A column list that names a SUPER path (`col.a.b`). */
const PATH = Symbol('path')

/**
 * Masking a scalar inside a SUPER value (t_ddm-super.html) needs the value
 * rebuilt with the path replaced, the policy's input cast in lax or strict
 * mode and missing paths resolved, which the emulator does not do.
 */
const PATH_LIMIT = 'masking policies attached to SUPER paths'

/** `(a, b, ...)`: column names (PATH when one is a SUPER path). */
function columnList(c: DdlCursor): string[] | typeof PATH {
  if (!c.is('(')) throw c.syntaxError()
  const close = c.closing(c.pos)
  c.pos++
  const names: string[] = []
  while (c.pos < close) {
    names.push(c.name())
    if (c.is('.')) {
      c.pos = close + 1
      return PATH
    }
    if (c.is(',') && c.pos + 1 < close) c.pos++
    else if (c.pos !== close) throw c.syntaxError()
  }
  if (names.length === 0) throw c.syntaxError(close)
  c.pos = close + 1
  return names
}

/** The statement must end here: the rewrite, or a syntax error at what follows. */
function done(
  c: DdlCursor,
  sql: string,
  tag: string,
  policyText?: string,
): MaskingRewrite {
  c.end()
  return policyText === undefined ? { sql, tag } : { sql, tag, policyText }
}
