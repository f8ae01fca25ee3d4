import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import {
  rangeVarColumns,
  sourceName,
  type ColumnSource,
  type ColumnType,
  type StoredColumn,
} from './column-scopes.js'
import {
  booleanLiteralError,
  datetimeLiteralError,
  geometryLiteralError,
  hllsketchLiteralError,
} from './input-literals.js'
import { nodeType, walkTree, type PgNode } from './parse-tree.js'

/** Statements that store values into a table's columns. */
const STATEMENTS = new Set(['InsertStmt', 'UpdateStmt'])

/**
 * Refuses a string literal stored into a column whose Redshift type would
 * not read it, where PostgreSQL's input function would:
 *
 * - BOOLEAN: only r_Boolean_type.html's literals (`'on'`, `'off'` and
 *   prefixes such as `'tr'` are PostgreSQL's);
 * - DATE, TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ: no 'infinity', '-infinity',
 *   'epoch' or 'allballs' (r_Date_and_time_literals.html lists 'now',
 *   'today', 'tomorrow' and 'yesterday'), and no DATE past 294276 AD
 *   (r_Datetime_types.html);
 * - VARBYTE(n): at most n bytes (r_VARBYTE_type.html; a longer value is
 *   refused as VARCHAR(n) refuses one, in the same words, Redshift's own
 *   for VARBYTE not being documented);
 * - GEOMETRY and GEOGRAPHY: hexadecimal (E)WKB or (E)WKT, HLLSKETCH: its
 *   JSON or Base64 form (see `geometryLiteralError`,
 *   `hllsketchLiteralError`); the emulator stores them as text.
 *
 * The same rules apply to a literal cast to these types (the policy's
 * TypeCast checks) and COPY reads its fields by them; here the literal has
 * no cast and takes the column's type, which only the catalog gives
 * (`columns`, the lookup the DECIMAL typing and SUPER literals use). INSERT
 * ... VALUES, INSERT ... SELECT of literals and UPDATE ... SET are checked;
 * a computed value (`from_hex(...)`, a concatenation) and a bind parameter
 * are PostgreSQL's to read, an emulator limit, except in a VARBYTE(n) or
 * DATE column, whose constraint (`stored-value-checks.ts`) checks every
 * value stored. Null when nothing is refused.
 *
 * @example
 * ```ts
 * storedLiteralError(text, tree, 'InsertStmt', columns) // for insert into flags values ('on'): 22P02
 * ```
 */
export function storedLiteralError(
  text: string,
  tree: unknown,
  type: string | undefined,
  columns: ColumnSource | undefined,
): ErrorFields | undefined {
  if (columns === undefined || type === undefined || !STATEMENTS.has(type))
    return undefined
  // Without a quote there is no string literal: no lookup is asked for.
  if (!text.includes("'")) return undefined
  let error: ErrorFields | undefined
  const check = (column: ColumnType | undefined, value: unknown): void => {
    if (error !== undefined || column?.kind !== 'stored') return
    const literal = nodeType(value)
    const text =
      literal?.[0] === 'A_Const'
        ? (literal[1]['sval'] as { sval?: string } | undefined)?.sval
        : undefined
    if (typeof text === 'string') error = literalError(column, text)
  }
  walkTree(tree, (nodeKind, node) => {
    if (nodeKind === 'InsertStmt') insert(node, columns, check)
    else if (nodeKind === 'UpdateStmt') update(node, columns, check)
  })
  return error
}

type Check = (column: ColumnType | undefined, value: unknown) => void

function literalError(
  column: StoredColumn,
  text: string,
): ErrorFields | undefined {
  switch (column.type) {
    case 'boolean':
      return booleanLiteralError(text)
    case 'geometry':
    case 'geography':
      return geometryLiteralError(column.type, text)
    case 'hllsketch':
      return hllsketchLiteralError(text)
    case 'varbyte':
      break
    default:
      return datetimeLiteralError(column.type, text)
  }
  const length = column.length
  if (length === undefined || byteaLength(text) <= length) return undefined
  return reject.other('22001', `value too long for type varbyte(${length})`)
}

/** The bytes PostgreSQL's bytea input makes of `text`: hex after `\x`, else its UTF-8 bytes. */
function byteaLength(text: string): number {
  if (text.startsWith('\\x')) return Math.floor((text.length - 2) / 2)
  return Buffer.byteLength(text.replace(/\\\\/g, '\\'))
}

function insert(node: PgNode, columns: ColumnSource, check: Check): void {
  const table = rangeVarColumns(node['relation'], columns)
  if (table === undefined) return
  const listed = Array.isArray(node['cols'])
    ? node['cols'].map((c) => nodeType(c)?.[1]['name'])
    : undefined
  const order =
    listed === undefined
      ? [...table.values()]
      : listed.map((name) =>
          typeof name === 'string'
            ? table.get(sourceName(columns, name))
            : undefined,
        )
  const select = nodeType(node['selectStmt'])
  if (select?.[0] !== 'SelectStmt') return
  const query = select[1]
  if (Array.isArray(query['valuesLists'])) {
    for (const list of query['valuesLists']) {
      const items = nodeType(list)?.[1]['items']
      if (Array.isArray(items))
        items.forEach((value, i) => check(order[i], value))
    }
  } else if (
    (query['op'] === undefined || query['op'] === 'SETOP_NONE') &&
    Array.isArray(query['targetList'])
  ) {
    query['targetList'].forEach((target, i) =>
      check(order[i], nodeType(target)?.[1]['val']),
    )
  }
}

function update(node: PgNode, columns: ColumnSource, check: Check): void {
  const table = rangeVarColumns(node['relation'], columns)
  if (table === undefined) return
  const targets = Array.isArray(node['targetList']) ? node['targetList'] : []
  for (const wrapped of targets) {
    const target = nodeType(wrapped)?.[1]
    const name = target?.['name']
    // SET (a, b) = (...) assigns through a MultiAssignRef: left as written.
    if (typeof name !== 'string' || target?.['indirection'] !== undefined)
      continue
    check(table.get(sourceName(columns, name)), target!['val'])
  }
}
