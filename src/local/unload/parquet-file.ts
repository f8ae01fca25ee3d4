import { ByteWriter, ParquetWriter } from 'hyparquet-writer'

import type { ObjectSink } from './object-sink.js'
import type { ParquetColumn } from './parquet-columns.js'

/**
 * Most rows one row group holds, whatever ROWGROUPSIZE says, so a file's
 * pending rows stay a bounded amount of memory.
 */
export const MAX_ROW_GROUP_ROWS = 131_072

/** hyparquet-writer's byte writer, handing each finished row group to a sink. */
class SinkWriter extends ByteWriter {
  readonly #sink: ObjectSink

  constructor(sink: ObjectSink) {
    super(1 << 20)
    this.#sink = sink
  }

  flush(): Promise<void> {
    // Copy: the buffer is reused for the next row group.
    const bytes = Buffer.from(this.getBytes())
    this.index = 0
    return this.#sink.write(bytes)
  }

  override finish(): Promise<void> {
    return this.flush()
  }
}

/**
 * One Parquet file being written: rows are collected column by column and
 * written as a Snappy-compressed row group (as Redshift writes them) when
 * the group reaches ROWGROUPSIZE (estimated from the text) or
 * {@link MAX_ROW_GROUP_ROWS} rows.
 *
 * @example
 * ```ts
 * const file = new ParquetFile(sink, columns, 32 * 1024 * 1024)
 * await file.add(['1', 'a'])
 * await file.finish()
 * ```
 */
export class ParquetFile {
  readonly #columns: readonly ParquetColumn[]
  readonly #writer: ParquetWriter
  readonly #sink: ObjectSink
  readonly #rowGroupBytes: number
  #data: unknown[][]
  #rows = 0
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
    this.#data = columns.map(() => [])
    this.#writer = new ParquetWriter({
      writer: new SinkWriter(sink),
      schema: [
        { name: 'schema', num_children: columns.length },
        ...columns.map((column) => column.element),
      ],
      codec: 'SNAPPY',
      createdBy: 'kysely-redshift local emulator (Redshift UNLOAD)',
    })
  }

  /** Bytes the file will hold once its pending row group is written (an estimate). */
  get bytes(): number {
    return this.#sink.bytes + this.#pendingBytes
  }

  async add(values: readonly (string | null)[]): Promise<void> {
    const columns = this.#columns
    let bytes = 0
    for (let i = 0; i < columns.length; i++) {
      const text = values[i]!
      if (text === null) this.#data[i]!.push(null)
      else {
        bytes += text.length
        this.#data[i]!.push(columns[i]!.convert(text))
      }
    }
    this.#pendingBytes += bytes + columns.length
    this.#rows++
    this.rows++
    if (
      this.#rows >= MAX_ROW_GROUP_ROWS ||
      this.#pendingBytes >= this.#rowGroupBytes
    ) {
      await this.#flushGroup()
    }
  }

  async finish(): Promise<void> {
    await this.#flushGroup()
    await this.#writer.finish()
  }

  async #flushGroup(): Promise<void> {
    if (this.#rows === 0) return
    const data = this.#data
    const rows = this.#rows
    this.#data = this.#columns.map(() => [])
    this.#rows = 0
    this.#pendingBytes = 0
    await this.#writer.write({
      columnData: this.#columns.map((column, i) => ({
        name: column.element.name,
        data: data[i]!,
      })),
      rowGroupSize: rows,
    })
  }
}
