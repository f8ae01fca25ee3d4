import type { DistStyle, RelationName } from '../catalog/table-attributes.js'
import { readNameList, readRelationName } from './ddl-attributes.js'
import type { DdlCursor } from './ddl-cursor.js'
import { identifierName } from './rewrite-tokens.js'

/**
 * One `ALTER TABLE | MATERIALIZED VIEW ... ALTER ...` change of Redshift
 * table attributes
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_MATERIALIZED_VIEW.html).
 * Absent fields are left as they are.
 */
export interface AttributeChange {
  readonly kind: 'table' | 'materialized_view'
  readonly relation: RelationName
  /** ALTER DISTSTYLE / ALTER DISTKEY (which implies KEY). */
  readonly diststyle?: DistStyle
  readonly distkey?: string
  /** ALTER [COMPOUND] SORTKEY (cols), SORTKEY AUTO, SORTKEY NONE (`none`, no columns). */
  readonly sortkeyType?: 'compound' | 'auto' | 'none'
  readonly sortkey?: readonly string[]
  /** ALTER ENCODE AUTO. */
  readonly encodeAuto?: true
  /** ALTER COLUMN c ENCODE e [, ALTER COLUMN ...]: column -> encoding. */
  readonly encodings?: Readonly<Record<string, string>>
}

const DIST_STYLES = new Set(['ALL', 'EVEN', 'AUTO'])

/**
 * Reads `ALTER TABLE name ALTER ...` (c.pos on TABLE) or `ALTER MATERIALIZED
 * VIEW name ALTER ...` (c.pos on MATERIALIZED) when its action is one of
 * Redshift's attribute changes; returns null for any other ALTER (PostgreSQL
 * judges those). Throws a DdlRuleError for a malformed one.
 *
 * @example
 * ```ts
 * const c = new DdlCursor('alter table t alter distkey id', true)
 * c.pos = 1
 * readAttributeChange(c) // { kind: 'table', relation: { schema: null, name: 't' }, diststyle: 'KEY', distkey: 'id' }
 * ```
 */
export function readAttributeChange(c: DdlCursor): AttributeChange | null {
  let kind: AttributeChange['kind'] = 'table'
  if (c.accept('MATERIALIZED', 'VIEW')) kind = 'materialized_view'
  else if (!c.accept('TABLE')) return null
  if (c.kw() === 'IF') return null
  const name = readRelationName(c)
  const relation = { schema: name.schema, name: name.name }
  if (c.kw() !== 'ALTER') return null
  let change = readAction(c)
  if (change === null) return null
  // The page's four combinations: ALTER SORTKEY (cols) with ALTER DISTKEY c
  // or ALTER DISTSTYLE ALL, in either order.
  if (c.is(',') && combines(change)) {
    c.pos++
    const at = c.pos
    if (c.kw() !== 'ALTER') throw c.syntaxError()
    const second = readAction(c)
    if (
      second === null ||
      !combines(second) ||
      (change.sortkeyType === undefined) === (second.sortkeyType === undefined)
    ) {
      c.pos = at
      throw c.syntaxError()
    }
    change = { ...change, ...second }
  }
  if (c.pos < c.tokens.length && !(c.is(';') && c.pos === c.tokens.length - 1))
    throw c.syntaxError()
  return Object.freeze({ kind, relation, ...change })
}

type Action = Omit<AttributeChange, 'kind' | 'relation'>

/** One `ALTER ...` action, c.pos on its ALTER; null when it is none of these. */
function readAction(c: DdlCursor): Action | null {
  const start = c.pos
  c.pos++
  const word = c.kw()
  if (word === 'DISTSTYLE') return readDistStyle(c)
  if (word === 'DISTKEY') {
    c.pos++
    return { diststyle: 'KEY', distkey: readColumnName(c) }
  }
  if (word === 'COMPOUND' || word === 'INTERLEAVED' || word === 'SORTKEY')
    return readSortKey(c)
  if (word === 'ENCODE' && c.kw(c.pos + 1) === 'AUTO') {
    c.pos += 2
    return { encodeAuto: true }
  }
  if (word === 'COLUMN' && c.kw(c.pos + 2) === 'ENCODE') {
    c.pos = start
    return { encodings: readColumnEncodings(c) }
  }
  return null
}

/** Whether the action is one of those r_ALTER_TABLE.html lets two of run together. */
function combines(action: Action): boolean {
  if (action.sortkeyType !== undefined)
    return action.sortkeyType === 'compound' && action.diststyle === undefined
  return (
    action.diststyle === 'ALL' ||
    (action.diststyle === 'KEY' && action.distkey !== undefined)
  )
}

function readDistStyle(
  c: DdlCursor,
): Omit<AttributeChange, 'kind' | 'relation'> {
  c.pos++
  const style = c.kw()
  if (DIST_STYLES.has(style)) {
    c.pos++
    return { diststyle: style as DistStyle }
  }
  if (style === 'KEY') {
    c.pos++
    // ALTER DISTSTYLE KEY DISTKEY column_name: the column is required.
    if (c.kw() !== 'DISTKEY') throw c.syntaxError()
    c.pos++
    return { diststyle: 'KEY', distkey: readColumnName(c) }
  }
  throw c.syntaxError()
}

function readSortKey(c: DdlCursor): Omit<AttributeChange, 'kind' | 'relation'> {
  if (c.kw() === 'INTERLEAVED') {
    // Only a compound key can be set: "you can't alter a compound sort key to
    // an interleaved sort key", and ALTER takes no INTERLEAVED keyword.
    throw c.error('ALTER SORTKEY cannot set an INTERLEAVED sort key', '0A000')
  }
  const compound = c.accept('COMPOUND')
  c.pos++ // SORTKEY
  if (!compound && (c.kw() === 'AUTO' || c.kw() === 'NONE')) {
    const type = c.kw() === 'AUTO' ? 'auto' : 'none'
    c.pos++
    return { sortkeyType: type, sortkey: [] }
  }
  if (!c.is('(')) throw c.syntaxError()
  const columns = readNameList(c)
  if (columns.length === 0) throw c.syntaxError()
  if (columns.length > 400) {
    throw c.error('a COMPOUND SORTKEY can have at most 400 columns', '0A000', 0)
  }
  return { sortkeyType: 'compound', sortkey: columns }
}

/** `ALTER COLUMN c ENCODE e [, ALTER COLUMN c ENCODE e ...]`, c.pos on the first ALTER. */
function readColumnEncodings(c: DdlCursor): Record<string, string> {
  const encodings: Record<string, string> = {}
  for (;;) {
    if (!c.accept('ALTER', 'COLUMN')) throw c.syntaxError()
    const column = readColumnName(c)
    if (!c.accept('ENCODE')) throw c.syntaxError()
    const encoding = c.token()
    if (encoding?.kind !== 'word') throw c.syntaxError()
    if (column in encodings) {
      throw c.error(
        `column "${column}" specified more than once`,
        '42701',
        c.pos - 2,
      )
    }
    encodings[column] = encoding.text.toLowerCase()
    c.pos++
    if (!c.is(',')) return encodings
    c.pos++
  }
}

function readColumnName(c: DdlCursor): string {
  const token = c.token()
  if (token?.kind !== 'word' && token?.kind !== 'quoted') throw c.syntaxError()
  c.pos++
  return identifierName(token)
}
