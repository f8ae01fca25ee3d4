import type { FileMetaData, RowGroup, SchemaElement } from 'hyparquet'
import { ByteWriter } from 'hyparquet-writer'
import { writeMetadata } from 'hyparquet-writer/src/metadata.js'

import { ParquetColumnChunk } from './parquet-column-chunk.js'

/** `PAR1`, at both ends of a Parquet file. */
const MAGIC = Uint8Array.from([0x50, 0x41, 0x52, 0x31])

/** Where a {@link ParquetFileWriter} puts its bytes, in order. */
export type ParquetOutput = (bytes: Uint8Array) => Promise<void>

/**
 * A Parquet file of flat OPTIONAL columns, written row group by row group:
 * values go into {@link columns} (one {@link ParquetColumnChunk} per leaf of
 * the schema, each value appended as its physical type), {@link endRow}
 * counts a row, {@link writeRowGroup} writes the pending rows as a row group
 * (PLAIN values, RLE/bit-packed definition levels, Snappy pages) and
 * {@link finish} writes the footer (the Thrift compact FileMetaData, written
 * by hyparquet-writer's own serializer). Only the simple physical types:
 * BOOLEAN, INT32, INT64, FLOAT, DOUBLE, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY.
 *
 * @example
 * ```ts
 * const file = new ParquetFileWriter(
 *   [{ name: 'id', type: 'INT64', repetition_type: 'OPTIONAL' }],
 *   { output: (bytes) => sink.write(Buffer.from(bytes)), createdBy: 'me' },
 * )
 * file.columns[0]!.int64(1)
 * file.endRow()
 * await file.finish()
 * ```
 */
export class ParquetFileWriter {
  readonly columns: readonly ParquetColumnChunk[]
  readonly #schema: readonly SchemaElement[]
  readonly #output: ParquetOutput
  readonly #createdBy: string
  readonly #rowGroups: RowGroup[] = []
  #offset = 0
  #pendingRows = 0
  #rows = 0
  #started = false

  constructor(
    leaves: readonly SchemaElement[],
    options: { readonly output: ParquetOutput; readonly createdBy: string },
  ) {
    for (const leaf of leaves) {
      if (leaf.repetition_type !== 'OPTIONAL' || leaf.type === undefined) {
        throw new TypeError(
          `ParquetFileWriter writes OPTIONAL columns of a physical type; column "${leaf.name}" is not one`,
        )
      }
    }
    this.#schema = [{ name: 'schema', num_children: leaves.length }, ...leaves]
    this.columns = leaves.map((leaf) => new ParquetColumnChunk(leaf))
    this.#output = options.output
    this.#createdBy = options.createdBy
  }

  /** Rows appended since the last row group was written. */
  get pendingRows(): number {
    return this.#pendingRows
  }

  /** Bytes written to the output so far. */
  get bytesWritten(): number {
    return this.#offset
  }

  /** Counts one row: every column got one value (or null) for it. */
  endRow(): void {
    this.#pendingRows++
  }

  /** Writes the pending rows as one row group (nothing when there are none). */
  async writeRowGroup(): Promise<void> {
    if (this.#pendingRows === 0) return
    await this.#start()
    const rows = this.#pendingRows
    this.#pendingRows = 0
    const start = this.#offset
    const parts: Uint8Array[] = []
    const chunks = []
    let uncompressed = 0n
    let offset = start
    for (const column of this.columns) {
      if (column.count !== rows) {
        throw new Error(
          `Parquet column "${column.element.name}" has ${column.count} values for ${rows} rows`,
        )
      }
      const { chunk, pages, bytes } = column.finish(offset)
      chunks.push(chunk)
      parts.push(...pages)
      offset += bytes
      uncompressed += chunk.meta_data!.total_uncompressed_size
    }
    this.#rowGroups.push({
      columns: chunks,
      total_byte_size: uncompressed,
      num_rows: BigInt(rows),
      file_offset: BigInt(start),
      total_compressed_size: BigInt(offset - start),
    })
    this.#rows += rows
    await this.#write(concat(parts, offset - start))
  }

  /** Writes the last row group and the footer. */
  async finish(): Promise<void> {
    await this.writeRowGroup()
    await this.#start()
    const footer = new ByteWriter(4096)
    const metadata: Omit<FileMetaData, 'metadata_length'> = {
      version: 2,
      schema: [...this.#schema],
      num_rows: BigInt(this.#rows),
      row_groups: this.#rowGroups,
      created_by: this.#createdBy,
    }
    writeMetadata(footer, metadata as FileMetaData)
    footer.appendBytes(MAGIC)
    await this.#write(footer.getBytes())
  }

  async #start(): Promise<void> {
    if (this.#started) return
    this.#started = true
    await this.#write(MAGIC)
  }

  async #write(bytes: Uint8Array): Promise<void> {
    this.#offset += bytes.length
    await this.#output(bytes)
  }
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
