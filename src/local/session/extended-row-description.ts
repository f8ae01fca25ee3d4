import type {
  ResultSources,
  SourceRelation,
} from '../runtime/result-sources.js'
import type { LongNames } from '../sql/long-identifiers.js'

/**
 * The flags word after a field's four names, bit by bit as the drivers read
 * it (JDBC `QueryExecutorImpl.receiveFields`, redshift_connector `core.py`
 * `handle_ROW_DESCRIPTION`, the ODBC driver's libpq `getRowDescriptions`).
 * Bit 0 set means the column holds no NULLs (JDBC `columnNoNulls`, ODBC
 * `NOT_NULL`). Bit 1, case sensitivity, is read from version 3 only, which
 * the emulator does not speak, so it is never set.
 */
const NOT_NULL = 0x0001
const AUTO_INCREMENT = 0x0010
/**
 * Redshift documents neither read-only nor searchable. The one value the
 * drivers show, redshift_connector's test of `pg_catalog.pg_proc.proname`
 * (flags `0x1001`), is searchable and not read-only even for a catalog
 * table no user may write; the emulator sends the same for every field,
 * which is also what the JDBC driver answers for a field without metadata
 * (`isSearchable` true, `isReadOnly` false).
 */
const SEARCHABLE = 0x1000

/**
 * A session that speaks protocol version 1: every RowDescription it gets
 * carries Redshift's extended result metadata, filled from the relations
 * its fields are read from.
 *
 * @example
 * ```ts
 * const wait = metadata.wait(buf, start, end)
 * if (wait === undefined) toClient.push(metadata.extend(buf, start, end))
 * ```
 */
export class ResultMetadata {
  readonly #sources: ResultSources
  readonly #database: string
  readonly #names: LongNames

  constructor(sources: ResultSources, database: string, names: LongNames) {
    this.#sources = sources
    this.#database = database
    this.#names = names
  }

  /**
   * Looks up the relations of a RowDescription's fields that are not known
   * yet; the promise (which never rejects) settles when they are. Undefined
   * when all are known: the message can be extended now.
   */
  wait(buf: Buffer, start: number, end: number): Promise<void> | undefined {
    const oids: string[] = []
    forEachField(buf, start, end, (at) => {
      const oid = buf.readUInt32BE(at)
      if (oid !== 0) oids.push(String(oid))
    })
    return oids.length === 0
      ? undefined
      : this.#sources.note(this.#database, oids)
  }

  /** The RowDescription with the extended metadata after each field. */
  extend(buf: Buffer, start: number, end: number): Buffer {
    return extendedRowDescription(
      buf,
      start,
      end,
      this.#database,
      (oid) => {
        const relation = this.#sources.relation(this.#database, oid)
        return relation ?? undefined
      },
      (name) => this.#names.lookup(name) ?? name,
    )
  }
}

/**
 * A RowDescription (`buf[start]` is its type byte) in protocol version 1's
 * layout: each field's 18 bytes are followed by its schema, table, column
 * and catalog names (NUL-terminated) and an Int16 of flags. A field read
 * from a relation names it and its column, with `catalog` (the database);
 * a field computed by an expression (table OID 0), or read from a relation
 * `relationOf` does not know, has four empty names. `nameOf` turns a short
 * PostgreSQL name back into the long one the client wrote.
 *
 * @example
 * ```ts
 * const out = extendedRowDescription(buf, start, end, 'dev', (oid) => sources.get(oid), (n) => n)
 * ```
 */
export function extendedRowDescription(
  buf: Buffer,
  start: number,
  end: number,
  catalog: string,
  relationOf: (oid: number) => SourceRelation | undefined,
  nameOf: (name: string) => string,
): Buffer {
  const parts: Buffer[] = [buf.subarray(start, start + 7)]
  const catalogBytes = Buffer.from(catalog, 'utf8')
  let copied = start + 7
  forEachField(buf, start, end, (at) => {
    const fieldEnd = at + 18
    parts.push(buf.subarray(copied, fieldEnd))
    copied = fieldEnd
    const oid = buf.readUInt32BE(at)
    const relation = oid === 0 ? undefined : relationOf(oid)
    const column = relation?.columns.get(buf.readInt16BE(at + 4))
    let flags = SEARCHABLE
    if (relation === undefined || column === undefined) {
      // Four empty names.
      parts.push(Buffer.alloc(4))
    } else {
      parts.push(
        cString(nameOf(relation.schema)),
        cString(nameOf(relation.table)),
        cString(nameOf(column.name)),
        catalogBytes,
        Buffer.alloc(1),
      )
      if (column.notNull) flags |= NOT_NULL
      if (column.autoIncrement) flags |= AUTO_INCREMENT
    }
    const word = Buffer.alloc(2)
    word.writeUInt16BE(flags)
    parts.push(word)
  })
  parts.push(buf.subarray(copied, end))
  const out = Buffer.concat(parts)
  out.writeInt32BE(out.length - 1, 1)
  return out
}

/** Calls `each` with the offset of every field's table OID. */
function forEachField(
  buf: Buffer,
  start: number,
  end: number,
  each: (at: number) => void,
): void {
  const count = buf.readInt16BE(start + 5)
  let at = start + 7
  for (let i = 0; i < count && at < end; i++) {
    const nameEnd = buf.indexOf(0, at)
    // NUL, table oid (4), attnum (2), type oid (4), typlen (2), typmod (4), format (2)
    if (nameEnd < 0 || nameEnd + 19 > end) return
    each(nameEnd + 1)
    at = nameEnd + 19
  }
}

function cString(text: string): Buffer {
  return Buffer.from(text + '\0', 'utf8')
}
