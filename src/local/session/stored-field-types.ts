import type { ResultSources } from '../runtime/result-sources.js'

const TEXT_OID = 25

/**
 * Redshift's type OIDs for result fields read from columns that PostgreSQL
 * stores as another type: a GEOMETRY, GEOGRAPHY or HLLSKETCH column is text
 * in the backing database, and Redshift sends 3000, 3001 or 2935 for it
 * (the drivers' type tables; the catalog reference's OIDs). A RowDescription
 * names each field's table OID and attribute number; the relations of its
 * text fields are looked up on the emulator's own connection (as the
 * extended result metadata's are, see `ResultSources`) before the message
 * goes on, once per relation until DDL.
 *
 * @example
 * ```ts
 * const types = new StoredFieldTypes(runtime.resultSources, 'dev')
 * const wait = types.wait(buf, start, end) // hold the stream until it settles
 * redshiftFieldTypes(buf, start, end, types.typeOf)
 * ```
 */
export class StoredFieldTypes {
  readonly #sources: ResultSources
  readonly #database: string

  constructor(sources: ResultSources, database: string) {
    this.#sources = sources
    this.#database = database
  }

  /**
   * Looks up the relations of the RowDescription's text fields that are not
   * known yet; undefined when there is nothing to wait for.
   */
  wait(buf: Buffer, start: number, end: number): Promise<void> | undefined {
    const oids: string[] = []
    const count = buf.readInt16BE(start + 5)
    let at = start + 7
    for (let i = 0; i < count && at < end; i++) {
      const nameEnd = buf.indexOf(0, at)
      // NUL, table oid (4), attnum (2), type oid (4), typlen (2), typmod (4), format (2)
      if (nameEnd < 0 || nameEnd + 19 > end) break
      const table = buf.readUInt32BE(nameEnd + 1)
      if (table !== 0 && buf.readInt32BE(nameEnd + 7) === TEXT_OID)
        oids.push(String(table))
      at = nameEnd + 19
    }
    return oids.length === 0
      ? undefined
      : this.#sources.note(this.#database, oids)
  }

  /** Redshift's type OID of column `attnum` of relation `table`, where its backing type differs. */
  readonly typeOf = (table: number, attnum: number): number | undefined =>
    this.#sources.relation(this.#database, table)?.columns.get(attnum)
      ?.redshiftType
}
