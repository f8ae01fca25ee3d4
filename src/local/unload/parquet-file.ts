import { ParquetFileWriter } from '../formats/parquet-file-writer.js'
import { fieldIsNull, type RowFields } from './copy-text.js'
import type { ObjectSink } from './object-sink.js'
import type { ParquetColumn } from './parquet-columns.js'

/**
 * Most rows one row group holds, whatever ROWGROUPSIZE says, so a file's
 * pending rows stay a bounded amount of memory.
 */
export const MAX_ROW_GROUP_ROWS = 131_072

/**
 * One Parquet file being written: each row's fields go straight from
 * PostgreSQL's COPY text bytes into the columns' pages (no value objects),
 * and the rows are written as a Snappy-compressed row group (as Redshift
 * writes them) when the group reaches ROWGROUPSIZE (estimated from the
 * text) or {@link MAX_ROW_GROUP_ROWS} rows.
 *
 * @example
 * ```ts
 * const file = new ParquetFile(sink, columns, 32 * 1024 * 1024)
 * const pending = file.add(chunk, fields, [0, 1])
 * if (pending) await pending
 * await file.finish()
 * ```
 */
export class ParquetFile {
  readonly #columns: readonly ParquetColumn[]
  readonly #writer: ParquetFileWriter
  readonly #sink: ObjectSink
  readonly #rowGroupBytes: number
  #pendingBytes = 0
  /** Rows written to the file so far. */
  rows = 0

  constructor(
    sink: ObjectSink,
    columns: readonly ParquetColumn[],
    rowGroupBytes: number,
  ) {
    this.#sink = sink
    this.#columns = columns
    this.#rowGroupBytes = rowGroupBytes
    this.#writer = new ParquetFileWriter(
      columns.map((column) => column.element),
      {
        output: (bytes) =>
          sink.write(
            Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          ),
        createdBy: 'kysely-redshift local emulator (Redshift UNLOAD)',
      },
    )
  }

  /** Bytes the file will hold once its pending row group is written (an estimate). */
  get bytes(): number {
    return this.#sink.bytes + this.#pendingBytes
  }

  /**
   * Appends one row: the fields `indexes` of the row `fields` found in
   * `chunk`. Returns a promise only when a row group is being written.
   */
  add(
    chunk: Buffer,
    fields: RowFields,
    indexes: readonly number[],
  ): Promise<void> | undefined {
    const columns = this.#columns
    const targets = this.#writer.columns
    const { starts, ends, count } = fields
    let bytes = columns.length
    for (let k = 0; k < columns.length; k++) {
      const i = indexes[k]!
      const target = targets[k]!
      if (i >= count) {
        target.null()
        continue
      }
      const start = starts[i]!
      const end = ends[i]!
      if (fieldIsNull(chunk, start, end)) target.null()
      else {
        bytes += end - start
        columns[k]!.put(target, chunk, start, end)
      }
    }
    this.#writer.endRow()
    this.#pendingBytes += bytes
    this.rows++
    if (
      this.#writer.pendingRows >= MAX_ROW_GROUP_ROWS ||
      this.#pendingBytes >= this.#rowGroupBytes
    ) {
      return this.#flushGroup()
    }
    return undefined
  }

  async finish(): Promise<void> {
    this.#pendingBytes = 0
    await this.#writer.finish()
  }

  async #flushGroup(): Promise<void> {
    this.#pendingBytes = 0
    await this.#writer.writeRowGroup()
  }
}
