import type { ColumnChunk, SchemaElement } from 'hyparquet'
import { ByteWriter } from 'hyparquet-writer'
import { writePageHeader } from 'hyparquet-writer/src/datapage.js'

import { snappyCompress } from './snappy-compress.js'

/** A data page is closed once its values take this many bytes (parquet-mr's default page size). */
export const PAGE_BYTES = 1 << 20

/** One finished page: its header and its Snappy-compressed body. */
interface Page {
  readonly header: Uint8Array
  readonly body: Uint8Array
  readonly uncompressedBytes: number
}

/**
 * The values of one OPTIONAL column in the current row group, PLAIN-encoded
 * as they are appended, cut into Snappy-compressed v1 data pages of about
 * {@link PAGE_BYTES} each. Definition levels are kept as a bitmap, which is
 * the RLE/bit-packed hybrid's bit-packed run for a bit width of 1 as it is.
 * INT32 and INT64 columns keep their minimum and maximum for the chunk's
 * statistics (every column keeps its null count).
 *
 * @example
 * ```ts
 * const chunk = new ParquetColumnChunk({ name: 'id', type: 'INT64', repetition_type: 'OPTIONAL' })
 * chunk.int64(42)
 * chunk.null()
 * const { meta, bytes } = chunk.finish(4) // the chunk starts at file offset 4
 * ```
 */
export class ParquetColumnChunk {
  readonly element: SchemaElement
  #values = new Uint8Array(64 * 1024)
  #view = new DataView(this.#values.buffer)
  #length = 0
  /** Definition levels of the page: bit i set when value i is not null. */
  #defined = new Uint8Array(1024)
  #count = 0
  #nulls = 0
  /** BOOLEAN: non-null values of the page, bit-packed. */
  #booleans = 0
  #pages: Page[] = []
  #chunkValues = 0
  #chunkNulls = 0
  #min = Infinity
  #max = -Infinity
  /** Cleared when a value is outside what a double holds exactly. */
  #exactRange = true

  constructor(element: SchemaElement) {
    this.element = element
  }

  /** Values appended to the chunk so far, nulls included. */
  get count(): number {
    return this.#chunkValues + this.#count
  }

  null(): void {
    this.#level(false)
    this.#nulls++
  }

  int32(value: number): void {
    this.#level(true)
    this.#ensure(4)
    this.#view.setInt32(this.#length, value, true)
    this.#length += 4
    this.#range(value)
    this.#maybeCut()
  }

  /** An INT64 given as a double holding an integer exactly (|value| < 2^53). */
  int64(value: number): void {
    this.#level(true)
    this.#ensure(8)
    const high = Math.floor(value / 4294967296)
    this.#view.setUint32(this.#length, value - high * 4294967296, true)
    this.#view.setInt32(this.#length + 4, high, true)
    this.#length += 8
    this.#range(value)
    this.#maybeCut()
  }

  bigInt64(value: bigint): void {
    this.#level(true)
    this.#ensure(8)
    this.#view.setBigInt64(this.#length, value, true)
    this.#length += 8
    const asNumber = Number(value)
    if (Number.isSafeInteger(asNumber)) this.#range(asNumber)
    else this.#exactRange = false
    this.#maybeCut()
  }

  float(value: number): void {
    this.#level(true)
    this.#ensure(4)
    this.#view.setFloat32(this.#length, value, true)
    this.#length += 4
    this.#maybeCut()
  }

  double(value: number): void {
    this.#level(true)
    this.#ensure(8)
    this.#view.setFloat64(this.#length, value, true)
    this.#length += 8
    this.#maybeCut()
  }

  boolean(value: boolean): void {
    this.#level(true)
    const bit = this.#booleans++
    this.#ensure(1)
    const at = bit >>> 3
    if ((bit & 7) === 0) this.#values[at] = 0
    if (value) this.#values[at]! |= 1 << (bit & 7)
    this.#length = at + 1
    this.#maybeCut()
  }

  /** A BYTE_ARRAY value: `source[start..end)`, as it is. */
  bytes(source: Uint8Array, start: number, end: number): void {
    this.#level(true)
    const length = end - start
    this.#ensure(4 + length)
    this.#view.setInt32(this.#length, length, true)
    this.#length += 4
    if (length < 32) {
      const values = this.#values
      let at = this.#length
      for (let i = start; i < end; i++) values[at++] = source[i]!
    } else {
      this.#values.set(source.subarray(start, end), this.#length)
    }
    this.#length += length
    this.#maybeCut()
  }

  /**
   * A BYTE_ARRAY value written by `write` into the space it is given (at
   * most `maxLength` bytes at `at` in `target`); `write` returns the end.
   */
  bytesWith(
    maxLength: number,
    write: (target: Uint8Array, at: number) => number,
  ): void {
    this.#level(true)
    this.#ensure(4 + maxLength)
    const start = this.#length + 4
    const end = write(this.#values, start)
    this.#view.setInt32(this.#length, end - start, true)
    this.#length = end
    this.#maybeCut()
  }

  /** A FIXED_LEN_BYTE_ARRAY value (its length is the column's). */
  fixed(value: Uint8Array): void {
    this.#level(true)
    this.#ensure(value.length)
    this.#values.set(value, this.#length)
    this.#length += value.length
    this.#maybeCut()
  }

  /**
   * Closes the last page and lays the chunk out for a file in which it
   * starts at `offset`: its pages, and its ColumnChunk metadata. The chunk
   * is then empty, ready for the next row group.
   */
  finish(offset: number): {
    readonly chunk: ColumnChunk
    readonly pages: readonly Uint8Array[]
    readonly bytes: number
  } {
    if (this.#count > 0 || this.#pages.length === 0) this.#cut()
    const pages: Uint8Array[] = []
    let compressed = 0
    let uncompressed = 0
    for (const page of this.#pages) {
      pages.push(page.header, page.body)
      compressed += page.header.length + page.body.length
      uncompressed += page.header.length + page.uncompressedBytes
    }
    const type = this.element.type!
    const integer = type === 'INT32' || type === 'INT64'
    const nonNull = this.#chunkValues - this.#chunkNulls
    // hyparquet-writer's footer takes a DECIMAL's bounds as bigints when
    // they are unscaled (a number would be taken as the decimal value).
    const asBigInt =
      type === 'INT64' || this.element.converted_type === 'DECIMAL'
    const statistics =
      integer && this.#exactRange && nonNull > 0
        ? {
            null_count: BigInt(this.#chunkNulls),
            min_value: asBigInt ? BigInt(this.#min) : this.#min,
            max_value: asBigInt ? BigInt(this.#max) : this.#max,
          }
        : { null_count: BigInt(this.#chunkNulls) }
    const chunk: ColumnChunk = {
      file_offset: BigInt(offset),
      meta_data: {
        type,
        encodings: ['PLAIN', 'RLE'],
        path_in_schema: [this.element.name],
        codec: 'SNAPPY',
        num_values: BigInt(this.#chunkValues),
        total_uncompressed_size: BigInt(uncompressed),
        total_compressed_size: BigInt(compressed),
        data_page_offset: BigInt(offset),
        statistics,
      },
    }
    this.#pages = []
    this.#chunkValues = 0
    this.#chunkNulls = 0
    this.#min = Infinity
    this.#max = -Infinity
    this.#exactRange = true
    return { chunk, pages, bytes: compressed }
  }

  #level(defined: boolean): void {
    const i = this.#count++
    const at = i >>> 3
    if (at >= this.#defined.length) {
      const grown = new Uint8Array(this.#defined.length * 2)
      grown.set(this.#defined)
      this.#defined = grown
    }
    if ((i & 7) === 0) this.#defined[at] = 0
    if (defined) this.#defined[at]! |= 1 << (i & 7)
  }

  #range(value: number): void {
    if (value < this.#min) this.#min = value
    if (value > this.#max) this.#max = value
  }

  #ensure(extra: number): void {
    const needed = this.#length + extra
    if (needed <= this.#values.length) return
    let size = this.#values.length * 2
    while (size < needed) size *= 2
    const grown = new Uint8Array(size)
    grown.set(this.#values.subarray(0, this.#length))
    this.#values = grown
    this.#view = new DataView(grown.buffer)
  }

  #maybeCut(): void {
    if (this.#length >= PAGE_BYTES) this.#cut()
  }

  /** Closes the current page: levels and values, compressed, behind a page header. */
  #cut(): void {
    const count = this.#count
    const levels = definitionLevels(this.#defined, count, this.#nulls)
    const body = new Uint8Array(4 + levels.length + this.#length)
    new DataView(body.buffer).setUint32(0, levels.length, true)
    body.set(levels, 4)
    body.set(this.#values.subarray(0, this.#length), 4 + levels.length)
    const compressed = snappyCompress(body)
    const header = new ByteWriter(64)
    writePageHeader(header, {
      type: 'DATA_PAGE',
      uncompressed_page_size: body.length,
      compressed_page_size: compressed.length,
      data_page_header: {
        num_values: count,
        encoding: 'PLAIN',
        definition_level_encoding: 'RLE',
        repetition_level_encoding: 'RLE',
      },
    })
    this.#pages.push({
      header: header.getBytes(),
      body: compressed,
      uncompressedBytes: body.length,
    })
    this.#chunkValues += count
    this.#chunkNulls += this.#nulls
    this.#count = 0
    this.#nulls = 0
    this.#length = 0
    this.#booleans = 0
  }
}

/**
 * Definition levels (bit width 1) in the RLE/bit-packed hybrid: one RLE run
 * of 1 when nothing is null, else one bit-packed run of the bitmap.
 */
function definitionLevels(
  defined: Uint8Array,
  count: number,
  nulls: number,
): Uint8Array {
  if (count === 0) return new Uint8Array(0)
  if (nulls === 0) {
    const header = varint(count * 2)
    const out = new Uint8Array(header.length + 1)
    out.set(header)
    out[header.length] = 1
    return out
  }
  const groups = Math.ceil(count / 8)
  const header = varint(groups * 2 + 1)
  const out = new Uint8Array(header.length + groups)
  out.set(header)
  out.set(defined.subarray(0, groups), header.length)
  // Bits past the last value are zero already (each byte is cleared as it starts).
  return out
}

function varint(value: number): Uint8Array {
  const bytes: number[] = []
  while (value >= 0x80) {
    bytes.push((value % 0x80) | 0x80)
    value = Math.floor(value / 0x80)
  }
  bytes.push(value)
  return Uint8Array.from(bytes)
}
