import { keylessType } from '../catalog/key-column-types.js'
import type {
  ColumnCollation,
  DistStyle,
  IdentitySpec,
  RelationName,
  SortKeyType,
  TableAttributes,
} from '../catalog/table-attributes.js'
import { identifierName } from './rewrite-tokens.js'
import type { DdlCursor } from './ddl-cursor.js'

/** Attributes as they are collected while a statement is read. */
export interface AttributeDraft {
  diststyle: DistStyle | null
  distkey: string | null
  sortkey: string[]
  sortkeyType: SortKeyType | null
  encodeAutoDeclared: boolean
  encodings: Record<string, string>
  backup: boolean
  identity: Record<string, IdentitySpec>
  columnTypes: Record<string, string>
  collations: Record<string, ColumnCollation>
  likeTable: RelationName | null
  autoRefresh: boolean | null
  /** CTAS `DISTKEY(n)`: the n-th column of the new table. */
  distkeyAt: number | null
  /** CTAS `SORTKEY(n, ...)`: columns by position. */
  sortkeyAt: number[]
  /**
   * Where each table attribute was written (the token of its first word:
   * DISTSTYLE, DISTKEY, SORTKEY, ENCODE, BACKUP), for the statements that
   * may not set it.
   */
  writtenAt: Partial<Record<TableAttributeWord, number>>
}

/** The first word of a table attribute, COMPOUND / INTERLEAVED counted as SORTKEY. */
export type TableAttributeWord =
  'DISTSTYLE' | 'DISTKEY' | 'SORTKEY' | 'ENCODE' | 'BACKUP'

export function emptyDraft(): AttributeDraft {
  return {
    diststyle: null,
    distkey: null,
    sortkey: [],
    sortkeyType: null,
    encodeAutoDeclared: false,
    encodings: {},
    backup: true,
    identity: {},
    columnTypes: {},
    collations: {},
    likeTable: null,
    autoRefresh: null,
    distkeyAt: null,
    sortkeyAt: [],
    writtenAt: {},
  }
}

export function finishAttributes(
  draft: AttributeDraft,
  kind: TableAttributes['kind'],
  relation: RelationName,
  temporary: boolean,
  lateBinding = false,
): TableAttributes {
  return Object.freeze({
    kind,
    relation: Object.freeze({ ...relation }),
    temporary,
    diststyle:
      draft.diststyle ??
      (draft.distkey !== null || draft.distkeyAt !== null ? 'KEY' : null),
    distkey: draft.distkey,
    sortkey: Object.freeze([...draft.sortkey]),
    sortkeyType: draft.sortkeyType,
    encodeAuto:
      draft.encodeAutoDeclared || Object.keys(draft.encodings).length === 0,
    encodings: Object.freeze({ ...draft.encodings }),
    backup: draft.backup,
    identity: Object.freeze({ ...draft.identity }),
    columnTypes: Object.freeze({ ...draft.columnTypes }),
    collations: Object.freeze({ ...draft.collations }),
    likeTable: draft.likeTable,
    lateBinding,
    autoRefresh: draft.autoRefresh,
  })
}

/** A relation name in the statement, and whether it was a `#name` (temporary). */
export interface ReadName extends RelationName {
  readonly first: number
  readonly last: number
  readonly hash: boolean
}

/**
 * Reads `[database.][schema.]name`, where the name may be `#temp` (a bare
 * `#` before a word) or a quoted name starting with `#`.
 */
export function readRelationName(c: DdlCursor): ReadName {
  const first = c.pos
  const parts: string[] = []
  let hash = false
  for (;;) {
    const token = c.token()
    if (token?.kind === 'operator' && token.text === '#') {
      const word = c.token(c.pos + 1)
      if (!word || word.kind !== 'word' || word.start !== token.end) break
      parts.push(`#${word.text.toLowerCase()}`)
      hash = true
      c.pos += 2
    } else if (token?.kind === 'word' || token?.kind === 'quoted') {
      const name = identifierName(token)
      parts.push(name)
      if (name.startsWith('#')) hash = true
      c.pos++
    } else {
      break
    }
    if (!c.is('.')) break
    c.pos++
  }
  if (parts.length === 0) {
    throw c.error(`syntax error at or near "${c.token()?.text ?? ''}"`, '42601')
  }
  const name = parts[parts.length - 1]!
  const schema = parts.length > 1 ? parts[parts.length - 2]! : null
  return { schema, name, first, last: c.pos - 1, hash }
}

/** Reads `( name [, ...] )` at `c.pos` as identifiers; leaves `c.pos` after `)`. */
export function readNameList(c: DdlCursor): string[] {
  const close = c.closing(c.pos)
  const names: string[] = []
  for (let at = c.pos + 1; at < close; at++) {
    const token = c.token(at)!
    if (token.text === ',') continue
    if (token.kind !== 'word' && token.kind !== 'quoted') {
      throw c.error(`syntax error at or near "${token.text}"`, '42601', at)
    }
    names.push(identifierName(token))
  }
  c.pos = close + 1
  return names
}

const DIST_STYLES = new Set(['AUTO', 'EVEN', 'KEY', 'ALL'])

const ATTRIBUTE_WORDS: Readonly<Record<string, TableAttributeWord>> = {
  DISTSTYLE: 'DISTSTYLE',
  DISTKEY: 'DISTKEY',
  SORTKEY: 'SORTKEY',
  COMPOUND: 'SORTKEY',
  INTERLEAVED: 'SORTKEY',
  ENCODE: 'ENCODE',
  BACKUP: 'BACKUP',
}

/**
 * Reads and removes the table attributes Redshift allows after a table's
 * column list (and before AS in CTAS and materialized views): DISTSTYLE,
 * DISTKEY(col), [COMPOUND|INTERLEAVED] SORTKEY(cols) / SORTKEY AUTO,
 * ENCODE AUTO, BACKUP YES|NO, and for materialized views AUTO REFRESH YES|NO.
 */
export function readTableAttributes(
  c: DdlCursor,
  draft: AttributeDraft,
  materializedView: boolean,
): void {
  for (;;) {
    const start = c.pos
    const word = c.kw()
    if (word === 'DISTSTYLE') {
      const style = c.kw(c.pos + 1)
      if (!DIST_STYLES.has(style)) {
        throw c.error(
          `syntax error at or near "${c.token(c.pos + 1)?.text ?? ''}"`,
          '42601',
          c.pos + 1,
        )
      }
      if (draft.diststyle !== null)
        throw c.error('conflicting DISTSTYLE', '42601')
      draft.diststyle = style as DistStyle
      c.pos += 2
    } else if (word === 'DISTKEY' && c.is('(', c.pos + 1)) {
      c.pos++
      const { names, positions } = readKeyList(c)
      if (names.length + positions.length !== 1)
        throw c.error('DISTKEY takes exactly one column', '42601', start)
      if (draft.distkey !== null || draft.distkeyAt !== null)
        throw c.error(
          'multiple DISTKEY columns are not allowed',
          '42601',
          start,
        )
      draft.distkey = names[0] ?? null
      draft.distkeyAt = positions[0] ?? null
    } else if (
      (word === 'COMPOUND' || word === 'INTERLEAVED') &&
      c.kw(c.pos + 1) === 'SORTKEY' &&
      c.is('(', c.pos + 2)
    ) {
      c.pos += 2
      setSortKey(
        c,
        draft,
        word === 'COMPOUND' ? 'compound' : 'interleaved',
        readKeyList(c),
        start,
      )
    } else if (word === 'SORTKEY' && c.is('(', c.pos + 1)) {
      c.pos++
      setSortKey(c, draft, 'compound', readKeyList(c), start)
    } else if (word === 'SORTKEY' && c.kw(c.pos + 1) === 'AUTO') {
      setSortKey(c, draft, 'auto', { names: [], positions: [] }, start)
      c.pos += 2
    } else if (word === 'ENCODE' && c.kw(c.pos + 1) === 'AUTO') {
      draft.encodeAutoDeclared = true
      c.pos += 2
    } else if (word === 'BACKUP' && ['YES', 'NO'].includes(c.kw(c.pos + 1))) {
      draft.backup = c.kw(c.pos + 1) === 'YES'
      c.pos += 2
    } else if (
      materializedView &&
      word === 'AUTO' &&
      c.kw(c.pos + 1) === 'REFRESH' &&
      ['YES', 'NO'].includes(c.kw(c.pos + 2))
    ) {
      draft.autoRefresh = c.kw(c.pos + 2) === 'YES'
      c.pos += 3
    } else {
      return
    }
    const written = ATTRIBUTE_WORDS[word]
    if (written !== undefined) draft.writtenAt[written] ??= start
    c.remove(start, c.pos - 1)
  }
}

/**
 * A key's `( column [, ...] )` at `c.pos`: names, or (CREATE TABLE AS only,
 * r_CREATE_TABLE_AS.html) positions in the select list, 1 for the first
 * column; the two do not mix.
 */
function readKeyList(c: DdlCursor): {
  names: string[]
  positions: number[]
} {
  const close = c.closing(c.pos)
  const positions: number[] = []
  for (let at = c.pos + 1; at < close; at++) {
    const token = c.token(at)!
    if (token.kind === 'number' && /^[0-9]+$/.test(token.text))
      positions.push(Number(token.text))
  }
  if (positions.length === 0) return { names: readNameList(c), positions }
  for (let at = c.pos + 1; at < close; at++) {
    const token = c.token(at)!
    if (
      token.text === ',' ||
      (token.kind === 'number' && /^[0-9]+$/.test(token.text))
    )
      continue
    throw c.error(`syntax error at or near "${token.text}"`, '42601', at)
  }
  c.pos = close + 1
  return { names: [], positions }
}

function setSortKey(
  c: DdlCursor,
  draft: AttributeDraft,
  type: SortKeyType,
  keys: { names: string[]; positions: number[] },
  at: number,
): void {
  const columns = keys.names
  draft.sortkeyAt = keys.positions
  if (draft.sortkeyType !== null)
    throw c.error('multiple SORTKEY clauses are not allowed', '42601', at)
  const count = columns.length + keys.positions.length
  if (type === 'interleaved' && count > 8) {
    throw c.error(
      'an INTERLEAVED SORTKEY can have at most 8 columns',
      '0A000',
      at,
    )
  }
  if (type === 'compound' && count > 400) {
    throw c.error(
      'a COMPOUND SORTKEY can have at most 400 columns',
      '0A000',
      at,
    )
  }
  draft.sortkeyType = type
  draft.sortkey = columns
}

/**
 * Key positions (`DISTKEY(1)`) belong to CREATE TABLE AS only: anywhere
 * else the number is a syntax error, as it was before CTAS took them.
 */
export function refuseKeyPositions(c: DdlCursor, draft: AttributeDraft): void {
  const position = draft.distkeyAt ?? draft.sortkeyAt[0]
  if (position !== undefined && position !== null)
    throw c.error(`syntax error at or near "${position}"`, '42601', 0)
}

/** Redshift's rules between DISTSTYLE, DISTKEY and SORTKEY, and that the named columns exist. */
export function checkKeys(
  c: DdlCursor,
  draft: AttributeDraft,
  columns: readonly string[] | null,
): void {
  if (
    draft.diststyle === 'KEY' &&
    draft.distkey === null &&
    draft.distkeyAt === null
  ) {
    throw c.error('DISTSTYLE KEY requires a DISTKEY column', '42601', 0)
  }
  if (
    (draft.distkey !== null || draft.distkeyAt !== null) &&
    draft.diststyle !== null &&
    draft.diststyle !== 'KEY'
  ) {
    throw c.error(
      `DISTKEY cannot be used with DISTSTYLE ${draft.diststyle}`,
      '42601',
      0,
    )
  }
  if (columns === null) return
  for (const column of [
    ...(draft.distkey ? [draft.distkey] : []),
    ...draft.sortkey,
  ]) {
    if (!columns.includes(column)) {
      throw c.error(`column "${column}" does not exist`, '42703', 0)
    }
  }
  // SUPER, VARBYTE, GEOMETRY, GEOGRAPHY and HLLSKETCH columns cannot be
  // keys (`keylessType`). Redshift's wording is not documented.
  for (const [column, key] of [
    ...(draft.distkey ? [[draft.distkey, 'distribution key'] as const] : []),
    ...draft.sortkey.map((name) => [name, 'sort key'] as const),
  ]) {
    const type = keylessType(draft.columnTypes[column])
    if (type !== null) {
      throw c.error(
        `column "${column}" of type ${type} cannot be a ${key}`,
        '0A000',
        0,
      )
    }
  }
}
