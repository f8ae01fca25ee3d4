import {
  parquetMetadata,
  parquetReadObjects,
  snappyUncompress,
  type SchemaElement,
} from 'hyparquet'
import { describe, expect, it } from 'vitest'

import { PAGE_BYTES } from '../../src/local/formats/parquet-column-chunk.js'
import { ParquetFileWriter } from '../../src/local/formats/parquet-file-writer.js'
import { snappyCompress } from '../../src/local/formats/snappy-compress.js'
import {
  fieldIsNull,
  fieldText,
  RowFields,
  splitRow,
} from '../../src/local/unload/copy-text.js'

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff
    return state / 0x7fffffff
  }
}

function unsnappy(compressed: Uint8Array, length: number): Buffer {
  const out = new Uint8Array(length)
  snappyUncompress(compressed, out)
  return Buffer.from(out)
}

describe('snappyCompress', () => {
  it('round-trips through hyparquet’s decompressor: empty, tiny, block edges, repeats, noise', () => {
    const next = random(7)
    const inputs: Buffer[] = []
    for (const n of [0, 1, 3, 4, 14, 15, 16, 17, 60, 61, 256, 65535, 65536]) {
      inputs.push(Buffer.alloc(n, 7))
      inputs.push(Buffer.from(Array.from({ length: n }, (_, i) => i & 0xff)))
    }
    inputs.push(Buffer.alloc(200_000 + 3, 0))
    for (let k = 0; k < 60; k++) {
      const n = Math.floor(next() * 150_000)
      const alphabet = 1 + Math.floor(next() * 255)
      const bytes = Buffer.alloc(n)
      for (let i = 0; i < n; i++) {
        bytes[i] =
          i > 12 && next() < 0.4
            ? bytes[i - 1 - Math.floor(next() * 12)]!
            : Math.floor(next() * alphabet)
      }
      inputs.push(bytes)
    }
    for (const input of inputs) {
      const compressed = snappyCompress(input)
      expect(unsnappy(compressed, input.length).equals(input)).toBe(true)
    }
  })

  it('compresses what repeats', () => {
    const text = Buffer.from('name-1|name-2|name-3|'.repeat(5_000))
    expect(snappyCompress(text).length).toBeLessThan(text.length / 10)
  })
})

describe('ParquetFileWriter', () => {
  const leaves: SchemaElement[] = [
    { name: 'i', type: 'INT32', repetition_type: 'OPTIONAL' },
    { name: 'big', type: 'INT64', repetition_type: 'OPTIONAL' },
    { name: 'f', type: 'FLOAT', repetition_type: 'OPTIONAL' },
    { name: 'd', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
    { name: 'ok', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
    {
      name: 's',
      type: 'BYTE_ARRAY',
      repetition_type: 'OPTIONAL',
      converted_type: 'UTF8',
      logical_type: { type: 'STRING' },
    },
    {
      name: 'fixed',
      type: 'FIXED_LEN_BYTE_ARRAY',
      type_length: 3,
      repetition_type: 'OPTIONAL',
    },
  ]

  /** Row i's values: a null every 7th value of each column, shifted per column. */
  const expected = (i: number) => {
    const isNull = (c: number) => (i + c) % 7 === 0
    return {
      i: isNull(0) ? null : i % 2 === 0 ? -i : i * 1000,
      big: isNull(1) ? null : BigInt(i) * 1_000_000_007n - 2n ** 62n,
      f: isNull(2) ? null : Math.fround(i / 8),
      d: isNull(3) ? null : i / 3,
      ok: isNull(4) ? null : i % 3 === 0,
      s: isNull(5) ? null : `é${i}${'x'.repeat(i % 50)}`,
      fixed: isNull(6) ? null : Uint8Array.from([i & 0xff, (i >> 8) & 0xff, 1]),
    }
  }

  async function write(rows: number, groupEvery: number): Promise<Buffer> {
    const parts: Uint8Array[] = []
    const file = new ParquetFileWriter(leaves, {
      output: async (bytes) => {
        parts.push(Uint8Array.from(bytes))
      },
      createdBy: 'test',
    })
    const [i, big, f, d, ok, s, fixed] = file.columns
    for (let r = 0; r < rows; r++) {
      const row = expected(r)
      if (row.i === null) i!.null()
      else i!.int32(row.i)
      if (row.big === null) big!.null()
      else if (r % 2 === 0) big!.bigInt64(row.big)
      else big!.int64(Number(BigInt(r) * 1000n))
      if (row.f === null) f!.null()
      else f!.float(row.f)
      if (row.d === null) d!.null()
      else d!.double(row.d)
      if (row.ok === null) ok!.null()
      else ok!.boolean(row.ok)
      if (row.s === null) s!.null()
      else {
        const bytes = Buffer.from(row.s)
        s!.bytes(bytes, 0, bytes.length)
      }
      if (row.fixed === null) fixed!.null()
      else fixed!.fixed(row.fixed)
      file.endRow()
      if (file.pendingRows === groupEvery) await file.writeRowGroup()
    }
    await file.finish()
    return Buffer.concat(parts)
  }

  it('writes every physical type and NULLs, in row groups, read back exactly by hyparquet', async () => {
    const rows = 25_003
    const body = await write(rows, 10_000)
    const file = body.buffer.slice(
      body.byteOffset,
      body.byteOffset + body.length,
    ) as ArrayBuffer
    const metadata = parquetMetadata(file)
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([
      10_000, 10_000, 5_003,
    ])
    expect(Number(metadata.num_rows)).toBe(rows)
    const back = await parquetReadObjects({ file })
    expect(back.length).toBe(rows)
    for (let r = 0; r < rows; r++) {
      const row = expected(r)
      const want = {
        ...row,
        big:
          row.big === null ? null : r % 2 === 0 ? row.big : BigInt(r) * 1000n,
      }
      expect(back[r]).toEqual(want)
    }
    // Statistics: null counts everywhere, min/max for the integer columns.
    const group = metadata.row_groups[0]!
    const stats = group.columns.map((c) => c.meta_data!.statistics)
    expect(stats.every((s) => s?.null_count !== undefined)).toBe(true)
    const ints = Array.from({ length: 10_000 }, (_, r) => expected(r).i).filter(
      (v): v is number => v !== null,
    )
    expect(stats[0]!.min_value).toBe(Math.min(...ints))
    expect(stats[0]!.max_value).toBe(Math.max(...ints))
    expect(group.columns[0]!.meta_data!.codec).toBe('SNAPPY')
  })

  it(`cuts pages of about ${PAGE_BYTES} bytes, and a column of only NULLs`, async () => {
    const parts: Uint8Array[] = []
    const file = new ParquetFileWriter(
      [
        { name: 'v', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
        { name: 'nothing', type: 'INT64', repetition_type: 'OPTIONAL' },
      ],
      {
        output: async (bytes) => {
          parts.push(Uint8Array.from(bytes))
        },
        createdBy: 'test',
      },
    )
    const value = Buffer.alloc(1000, 0x61)
    const rows = Math.ceil((3 * PAGE_BYTES) / 1000)
    for (let r = 0; r < rows; r++) {
      file.columns[0]!.bytes(value, 0, value.length)
      file.columns[1]!.null()
      file.endRow()
    }
    await file.finish()
    const body = Buffer.concat(parts)
    const buffer = body.buffer.slice(
      body.byteOffset,
      body.byteOffset + body.length,
    ) as ArrayBuffer
    const back = await parquetReadObjects({ file: buffer, utf8: false })
    expect(back.length).toBe(rows)
    expect(back.every((row) => row['nothing'] === null)).toBe(true)
    expect(
      back.every((row) => Buffer.from(row['v'] as Uint8Array).equals(value)),
    ).toBe(true)
    const chunk = parquetMetadata(buffer).row_groups[0]!.columns[0]!.meta_data!
    // Several pages: the chunk's compressed bytes hold more than one page header.
    expect(Number(chunk.total_uncompressed_size)).toBeGreaterThan(
      3 * PAGE_BYTES,
    )
  })

  it('gives a DECIMAL column its bounds as the unscaled integers they are', async () => {
    const decimal = (name: string, type: 'INT32' | 'INT64'): SchemaElement => ({
      name,
      type,
      repetition_type: 'OPTIONAL',
      converted_type: 'DECIMAL',
      precision: type === 'INT32' ? 5 : 12,
      scale: 2,
      logical_type: {
        type: 'DECIMAL',
        precision: type === 'INT32' ? 5 : 12,
        scale: 2,
      },
    })
    const parts: Uint8Array[] = []
    const file = new ParquetFileWriter(
      [decimal('p', 'INT32'), decimal('q', 'INT64')],
      {
        output: async (bytes) => {
          parts.push(Uint8Array.from(bytes))
        },
        createdBy: 'test',
      },
    )
    for (const unscaled of [150, -25, 9999]) {
      file.columns[0]!.int32(unscaled)
      file.columns[1]!.int64(unscaled)
      file.endRow()
    }
    await file.finish()
    const body = Buffer.concat(parts)
    const metadata = parquetMetadata(
      body.buffer.slice(
        body.byteOffset,
        body.byteOffset + body.length,
      ) as ArrayBuffer,
    )
    for (const column of metadata.row_groups[0]!.columns) {
      const stats = column.meta_data!.statistics!
      // hyparquet reads the bounds back as decimal values.
      expect(stats.min_value).toBe(-0.25)
      expect(Number(stats.max_value)).toBeCloseTo(99.99, 10)
    }
  })

  it('refuses a column that is not OPTIONAL, and a row group with a missing value', async () => {
    expect(
      () =>
        new ParquetFileWriter(
          [{ name: 'r', type: 'INT32', repetition_type: 'REQUIRED' }],
          { output: async () => {}, createdBy: 'test' },
        ),
    ).toThrow(/OPTIONAL/)
    const file = new ParquetFileWriter(
      [
        { name: 'a', type: 'INT32', repetition_type: 'OPTIONAL' },
        { name: 'b', type: 'INT32', repetition_type: 'OPTIONAL' },
      ],
      { output: async () => {}, createdBy: 'test' },
    )
    file.columns[0]!.int32(1)
    file.endRow()
    await expect(file.writeRowGroup()).rejects.toThrow(/"b" has 0 values/)
  })
})

describe('COPY text rows', () => {
  it('splits rows and fields, finds NULLs, and undoes escapes', () => {
    const chunk = Buffer.from(
      '1\t\\N\ta\\tb\\\\c\\nd\n\t\t\né☃\\r\\b\\f\\v\\x\t\\\\N\t\n',
    )
    const fields = new RowFields(3)
    const rows: (string | null)[][] = []
    for (let at = 0; at < chunk.length;) {
      at = splitRow(chunk, at, fields)
      const row: (string | null)[] = []
      for (let i = 0; i < fields.count; i++) {
        const start = fields.starts[i]!
        const end = fields.ends[i]!
        row.push(
          fieldIsNull(chunk, start, end) ? null : fieldText(chunk, start, end),
        )
      }
      rows.push(row)
    }
    expect(rows).toEqual([
      ['1', null, 'a\tb\\c\nd'],
      ['', '', ''],
      ['é☃\r\b\f\vx', '\\N', ''],
    ])
  })
})
