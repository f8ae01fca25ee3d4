import type { CtasKeys, TableAttributes } from '../catalog/table-attributes.js'
import {
  checkKeys,
  emptyDraft,
  finishAttributes,
  readNameList,
  readRelationName,
  readTableAttributes,
  refuseKeyPositions,
  type AttributeDraft,
} from './ddl-attributes.js'
import { encodingTypeRefusal, isEncoding } from '../catalog/encoding-types.js'
import { ctasSource } from './ctas-source.js'
import type { DdlCursor } from './ddl-cursor.js'
import { readColumnType } from './ddl-types.js'
import { storedValueCheck } from './stored-value-checks.js'
import { identifierName } from './rewrite-tokens.js'

/** What reading a CREATE statement found. */
export interface CreateResult {
  /** What to record; none for a `#name` view, which has nothing to record. */
  readonly attributes?: TableAttributes
  /** Worth recording even when the text needed no change (LIKE, late binding). */
  readonly notable: boolean
}

/**
 * `CREATE [LOCAL] [TEMP] TABLE [IF NOT EXISTS] name ( elements ) [attributes]`
 * and `CREATE [TEMP] TABLE name [(columns)] [attributes] AS query`, with
 * `c.pos` on TABLE. `#name` makes the table temporary.
 */
export function rewriteCreateTable(
  c: DdlCursor,
  temporary: boolean,
): CreateResult {
  const tableAt = c.pos
  c.pos++
  c.accept('IF', 'NOT', 'EXISTS')
  const name = readRelationName(c)
  const isTemporary = temporary || name.hash
  // "If you are creating a temporary table, you can't specify a schema
  // name" (r_CREATE_TABLE_NEW.html), as PostgreSQL's TEMP TABLE s.t says.
  if (name.hash && name.schema !== null) throw temporaryInSchema(c, name.first)
  if (name.hash) {
    c.replace(name.first, name.last, `"${name.name.replace(/"/g, '""')}"`)
    if (!temporary) c.insertBefore(tableAt, 'TEMP ')
  }
  const draft = emptyDraft()
  let columns: string[] | null = null
  let elements: [number, number] | null = null
  let asAt = -1
  if (c.is('(')) {
    const open = c.pos
    const close = c.closing(open)
    c.pos = close + 1
    readTableAttributes(c, draft, false)
    if (c.kw() === 'AS') {
      asAt = c.pos
      c.pos = open
      columns = readNameList(c)
    } else {
      elements = [open, close]
    }
  } else {
    readTableAttributes(c, draft, false)
    if (c.kw() === 'AS') asAt = c.pos
  }
  const afterAttributes = c.pos
  if (elements) {
    columns = readElements(c, elements[0], elements[1], draft, name.name)
    c.pos = afterAttributes
  }
  if (asAt < 0) refuseKeyPositions(c, draft)
  else refuseCtasEncodeAuto(c, draft)
  if (draft.likeTable !== null) refuseLikeAttributes(c, draft, tableAt)
  checkKeys(c, draft, draft.likeTable ? null : columns)
  const relation = { schema: isTemporary ? null : name.schema, name: name.name }
  const attributes = finishAttributes(draft, 'table', relation, isTemporary)
  const ctas = asAt < 0 ? undefined : ctasKeys(c, asAt, draft, columns)
  return {
    attributes:
      ctas === undefined ? attributes : Object.freeze({ ...attributes, ctas }),
    notable: draft.likeTable !== null || ctas !== undefined,
  }
}

/** A `schema.#name` table or view: its temporary schema cannot be named. */
export function temporaryInSchema(c: DdlCursor, at: number): Error {
  return c.error(
    'cannot create temporary relation in non-temporary schema',
    '42P16',
    at,
  )
}

/**
 * CREATE TABLE AS takes DISTSTYLE, DISTKEY and SORTKEY, and BACKUP; no
 * ENCODE AUTO, which only CREATE TABLE has (r_CREATE_TABLE_AS.html).
 */
function refuseCtasEncodeAuto(c: DdlCursor, draft: AttributeDraft): void {
  const at = draft.writtenAt.ENCODE
  if (at !== undefined) throw c.syntaxError(at)
}

/**
 * "Distribution style, sort keys, BACKUP, and NULL properties are inherited
 * by LIKE tables, but you can't explicitly set them in the CREATE TABLE ...
 * LIKE statement" (r_CREATE_TABLE_NEW.html, LIKE), at the table's level or
 * as a column's DISTKEY / SORTKEY. Redshift's wording is not documented;
 * this names the rule.
 */
function refuseLikeAttributes(
  c: DdlCursor,
  draft: AttributeDraft,
  tableAt: number,
): void {
  const { writtenAt } = draft
  const written = (['DISTSTYLE', 'DISTKEY', 'SORTKEY', 'BACKUP'] as const)
    .filter((word) => writtenAt[word] !== undefined)
    .sort((a, b) => writtenAt[a]! - writtenAt[b]!)[0]
  const column =
    draft.distkey !== null
      ? 'DISTKEY'
      : draft.sortkeyType !== null
        ? 'SORTKEY'
        : null
  const word = written ?? column
  if (word === null) return
  throw c.error(
    `CREATE TABLE ... LIKE cannot set ${word}: the new table takes the parent table's distribution style, sort keys and BACKUP`,
    '0A000',
    written !== undefined ? writtenAt[written] : tableAt,
  )
}

/**
 * What a CREATE TABLE AS leaves to the catalog (`record_ctas_attributes`):
 * key positions, key names no column list vouches for, and the keys and
 * column types a simple SELECT of one table takes from it; every CTAS has
 * one, as its columns get their stored-value checks there.
 */
function ctasKeys(
  c: DdlCursor,
  asAt: number,
  draft: AttributeDraft,
  columns: readonly string[] | null,
): CtasKeys {
  let last = c.tokens.length - 1
  if (c.is(';', last)) last--
  const source = ctasSource(c.text(asAt + 1, last), columns)
  return Object.freeze({
    distkeyAt: draft.distkeyAt,
    sortkeyAt: Object.freeze([...draft.sortkeyAt]),
    source: source?.source ?? null,
    renamed: source?.renamed ?? null,
    sortedBy: source?.sortedBy ?? null,
  })
}

/** Reads the column definitions and table constraints; returns the column names. */
function readElements(
  c: DdlCursor,
  open: number,
  close: number,
  draft: AttributeDraft,
  table: string,
): string[] {
  const columns: string[] = []
  let columnDistkey: string | null = null
  const columnSortkey: string[] = []
  let start = open + 1
  for (let at = open + 1; at <= close; at++) {
    if (c.is('(', at)) {
      at = c.closing(at)
      continue
    }
    if (at !== close && !c.is(',', at)) continue
    if (at > start) {
      const end = at - 1
      c.pos = start
      const word = c.kw()
      if (word === 'LIKE') {
        c.pos++
        const parent = readRelationName(c)
        draft.likeTable = { schema: parent.schema, name: parent.name }
        // LIKE parent [INCLUDING | EXCLUDING DEFAULTS]
        // (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html).
        while (c.pos <= end) {
          const option = c.kw()
          if (
            (option !== 'INCLUDING' && option !== 'EXCLUDING') ||
            c.kw(c.pos + 1) !== 'DEFAULTS'
          ) {
            const at =
              option === 'INCLUDING' || option === 'EXCLUDING'
                ? c.pos + 1
                : c.pos
            throw c.error(
              `syntax error at or near "${c.token(at)?.text ?? ''}"`,
              '42601',
              at,
            )
          }
          c.pos += 2
        }
        // The parent's only CHECK constraints are the emulator's stored-value
        // checks (Redshift has none): its VARBYTE(n) and DATE columns keep them.
        c.replace(end, end, `${c.text(end, end)} INCLUDING CONSTRAINTS`)
      } else if (word === 'CHECK' || word === 'EXCLUDE') {
        throw c.error(`${word} constraints are not supported`, '0A000')
      } else if (
        ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN'].includes(word)
      ) {
        for (let k = start; k <= end; k++) {
          if (c.kw(k) === 'CHECK')
            throw c.error('CHECK constraints are not supported', '0A000', k)
        }
      } else {
        const column = readColumn(c, end, draft, table)
        columns.push(column.name)
        if (column.distkey) {
          if (columnDistkey !== null)
            throw c.error(
              'multiple DISTKEY columns are not allowed',
              '42601',
              start,
            )
          columnDistkey = column.name
        }
        if (column.sortkey) columnSortkey.push(column.name)
      }
    }
    start = at + 1
  }
  if (columnDistkey !== null) {
    if (draft.distkey !== null)
      throw c.error('multiple DISTKEY columns are not allowed', '42601', open)
    draft.distkey = columnDistkey
  }
  if (columnSortkey.length > 0) {
    if (draft.sortkeyType !== null)
      throw c.error('multiple SORTKEY clauses are not allowed', '42601', open)
    draft.sortkeyType = 'compound'
    draft.sortkey = columnSortkey
  }
  return columns
}

function readColumn(
  c: DdlCursor,
  end: number,
  draft: AttributeDraft,
  table: string,
): { name: string; distkey: boolean; sortkey: boolean } {
  const nameToken = c.token()!
  if (nameToken.kind !== 'word' && nameToken.kind !== 'quoted') {
    throw c.error(`syntax error at or near "${nameToken.text}"`, '42601')
  }
  const name = identifierName(nameToken)
  c.pos++
  const type = readColumnType(c, end + 1, `${table}.${name}`)
  const written = c
    .text(type.first, type.last)
    .toLowerCase()
    .replace(/\s+/g, '')
  const check = storedValueCheck(type.redshiftType, type.name, name)
  if (check !== null) {
    c.replace(
      type.first,
      type.last,
      (type.pgType ?? c.text(type.first, type.last)) + check,
    )
  } else if (type.pgType !== null && written !== type.pgType) {
    c.replace(type.first, type.last, type.pgType)
  }
  if (type.redshiftType !== null) draft.columnTypes[name] = type.redshiftType
  let distkey = false
  let sortkey = false
  while (c.pos <= end) {
    const at = c.pos
    const word = c.kw()
    const next = c.token(at + 1)
    if (c.is('(')) {
      c.pos = c.closing(at) + 1
    } else if (word === 'ENCODE' && next?.kind === 'word') {
      const encoding = next.text.toLowerCase()
      if (!isEncoding(encoding)) {
        throw c.error(
          `invalid encoding type "${encoding}" specified for column "${name}"`,
          '42704',
          at + 1,
        )
      }
      const refusal = encodingTypeRefusal(encoding, type.name, name)
      if (refusal !== null) throw c.error(refusal, '0A000', at + 1)
      draft.encodings[name] = encoding
      c.remove(at, at + 1)
      c.pos += 2
    } else if (word === 'DISTKEY') {
      distkey = true
      c.remove(at, at)
      c.pos++
    } else if (word === 'SORTKEY') {
      sortkey = true
      c.remove(at, at)
      c.pos++
    } else if (word === 'IDENTITY' && c.is('(', at + 1)) {
      const close = c.closing(at + 1)
      const [seed, step] = identityArguments(c, at + 1, close)
      checkIdentityType(c, type.name, name, at)
      draft.identity[name] = { seed, step, generated: 'always' }
      c.replace(
        at,
        close,
        `GENERATED ALWAYS AS IDENTITY ${sequenceOptions(seed, step)}`,
      )
      c.pos = close + 1
    } else if (word === 'IDENTITY') {
      // r_CREATE_TABLE_examples.html writes `hist_id BIGINT IDENTITY NOT
      // NULL`, which numbers its rows 1, 2, 3: IDENTITY(1, 1).
      checkIdentityType(c, type.name, name, at)
      draft.identity[name] = { seed: '1', step: '1', generated: 'always' }
      c.replace(
        at,
        at,
        `GENERATED ALWAYS AS IDENTITY ${sequenceOptions('1', '1')}`,
      )
      c.pos = at + 1
    } else if (
      word === 'GENERATED' &&
      c.kw(at + 1) === 'BY' &&
      c.kw(at + 2) === 'DEFAULT' &&
      c.kw(at + 3) === 'AS' &&
      c.kw(at + 4) === 'IDENTITY'
    ) {
      checkIdentityType(c, type.name, name, at)
      c.pos = at + 5
      let seed = '1'
      let step = '1'
      if (c.is('(')) {
        const close = c.closing(c.pos)
        ;[seed, step] = identityArguments(c, c.pos, close)
        c.replace(c.pos, close, sequenceOptions(seed, step))
        c.pos = close + 1
      }
      draft.identity[name] = { seed, step, generated: 'by default' }
    } else if (word === 'COLLATE') {
      // r_CREATE_TABLE_NEW.html: COLLATE { CASE_SENSITIVE | CS | CASE_INSENSITIVE | CI }.
      const collation = COLUMN_COLLATIONS[c.kw(at + 1)]
      if (collation === undefined) {
        const written = c.token(at + 1)
        const shown = written ? identifierName(written) : ''
        throw c.error(`collation "${shown}" is not supported`, '0A000', at + 1)
      }
      draft.collations[name] = collation
      // A case-insensitive character column compares with the
      // nondeterministic ICU collation the COLLATE function uses.
      if (collation === 'case_insensitive' && isCharacterType(type.name))
        c.replace(at, at + 1, 'COLLATE redshift_local.case_insensitive')
      else c.remove(at, at + 1)
      c.pos += 2
    } else if (word === 'CHECK') {
      throw c.error('CHECK constraints are not supported', '0A000', at)
    } else {
      c.pos++
    }
  }
  return { name, distkey, sortkey }
}

/**
 * PostgreSQL's identity options for Redshift's (seed, step). Redshift takes
 * any seed, e.g. IDENTITY(0, 1); PostgreSQL's sequence bounds default to 1
 * (or -1 going down), so a seed beyond them moves the bound.
 */
function sequenceOptions(seed: string, step: string): string {
  const up = !step.startsWith('-')
  const bound =
    up && BigInt(seed) < 1n
      ? ` MINVALUE ${seed}`
      : !up && BigInt(seed) > -1n
        ? ` MAXVALUE ${seed}`
        : ''
  return `(START WITH ${seed} INCREMENT BY ${step}${bound})`
}

const COLUMN_COLLATIONS: Readonly<
  Record<string, 'case_sensitive' | 'case_insensitive'>
> = {
  CASE_SENSITIVE: 'case_sensitive',
  CS: 'case_sensitive',
  CASE_INSENSITIVE: 'case_insensitive',
  CI: 'case_insensitive',
}

function isCharacterType(typeName: string): boolean {
  return /^(VARCHAR|CHAR)$/.test(typeName)
}

function identityArguments(
  c: DdlCursor,
  open: number,
  close: number,
): [string, string] {
  const text = c.text(open + 1, close - 1).replace(/\s+/g, '')
  const match = /^(-?\d+),(-?\d+)$/.exec(text)
  if (!match)
    throw c.error(
      'IDENTITY takes (seed, step) integer arguments',
      '42601',
      open,
    )
  if (match[2] === '0' || /^-?0+$/.test(match[2]!)) {
    throw c.error('IDENTITY step cannot be zero', '22023', open)
  }
  return [match[1]!, match[2]!]
}

function checkIdentityType(
  c: DdlCursor,
  typeName: string,
  column: string,
  at: number,
): void {
  if (typeName !== 'INTEGER' && typeName !== 'BIGINT') {
    throw c.error(
      `Identity column "${column}" must be of type INT or BIGINT`,
      '0A000',
      at,
    )
  }
}
