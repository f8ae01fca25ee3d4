import {
  parquetMetadata,
  parquetReadObjects,
  type FileMetaData,
} from 'hyparquet'
import { describe, expect, it } from 'vitest'

import { MAX_ROW_GROUP_ROWS } from '../../src/local/unload/parquet-file.js'
import {
  BIGINT,
  column,
  INT,
  MemoryStorage,
  statement,
  TEXT,
  unload,
} from './local-unload-helpers.js'

const COLUMNS = [
  column('s', 21, 'smallint'),
  INT('i'),
  BIGINT('big'),
  column('price', 1700, 'numeric(12,2)'),
  column('small', 1700, 'numeric(5,3)'),
  column('huge', 1700, 'numeric(38,10)'),
  column('r', 700, 'real'),
  column('d', 701, 'double precision'),
  column('ok', 16, 'boolean'),
  column('c', 1042, 'character(3)'),
  TEXT('v'),
  column('day', 1082, 'date'),
  column('at', 1114, 'timestamp without time zone'),
  column('atz', 1184, 'timestamp with time zone'),
  column('t', 1083, 'time without time zone'),
  column('j', 3802, 'super'),
  column('n', 1700, 'numeric'),
]

const ROWS = [
  [
    '-32768',
    '2147483647',
    '9223372036854775807',
    '9999999999.99',
    '-12.345',
    '-1234567890123456789012345678.0123456789',
    '1.5',
    '0.1',
    't',
    'ab ',
    'é|"\\\n☃',
    '2024-02-29',
    '2024-01-02 03:04:05.123456',
    '2024-01-02 03:04:05.5+05:30',
    '23:59:59.999999',
    '{"a": [1, 2]}',
    '3.14159265358979323846264338327950288419',
  ],
  [
    '0',
    '-1',
    '-9223372036854775808',
    '-0.01',
    '0.000',
    '0.0000000001',
    'NaN',
    '-Infinity',
    'f',
    '   ',
    '',
    '1900-01-01',
    '1970-01-01 00:00:00',
    '1969-12-31 23:59:59.999999-08',
    '00:00:00',
    'null',
    '0',
  ],
  Array.from({ length: 17 }, () => null),
  [
    '1',
    '1',
    '1',
    '1.00',
    '1.000',
    '1.0000000000',
    '1',
    '1',
    't',
    'x  ',
    'x',
    '0044-03-15 BC',
    '0001-01-01 00:00:00',
    '9999-12-31 23:59:59.999999+00',
    '12:00:00.5',
    '[]',
    '1',
  ],
]

function arrayBuffer(body: Buffer): ArrayBuffer {
  return body.buffer.slice(
    body.byteOffset,
    body.byteOffset + body.length,
  ) as ArrayBuffer
}

/** The file read back exactly: DECIMALs as their unscaled integers, timestamps as micros, dates as days. */
async function readExact(body: Buffer) {
  const file = arrayBuffer(body)
  const metadata = parquetMetadata(file)
  const decimals = new Map<string, number>()
  const raw: FileMetaData = {
    ...metadata,
    schema: metadata.schema.map((element) => {
      if (element.converted_type !== 'DECIMAL') return element
      decimals.set(element.name, element.scale ?? 0)
      const { converted_type: _c, logical_type: _l, ...rest } = element
      return rest
    }),
  }
  const rows = await parquetReadObjects({
    file,
    metadata: raw,
    parsers: {
      timestampFromMicroseconds: (micros: bigint) => micros,
      dateFromDays: (days: number) => days,
    },
  })
  return { metadata, decimals, rows }
}

/** An unscaled DECIMAL (INT32 / INT64 / big-endian two's complement bytes) as its exact text. */
function decimalText(value: unknown, scale: number): string | null {
  if (value === null || value === undefined) return null
  let unscaled: bigint
  if (value instanceof Uint8Array) {
    unscaled = 0n
    for (const byte of value) unscaled = (unscaled << 8n) | BigInt(byte)
    if (value.length > 0 && value[0]! & 0x80)
      unscaled -= 1n << BigInt(8 * value.length)
  } else unscaled = BigInt(value as number | bigint)
  const negative = unscaled < 0n
  const digits = (negative ? -unscaled : unscaled)
    .toString()
    .padStart(scale + 1, '0')
  const text =
    scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
  return negative ? `-${text}` : text
}

describe('Parquet', () => {
  it('writes each type as Redshift does, read back exactly with hyparquet', async () => {
    const storage = new MemoryStorage()
    const outcome = await unload(
      storage,
      statement('pq/t_', 'parquet'),
      COLUMNS,
      ROWS,
    )
    expect(outcome.files).toEqual([
      {
        url: 's3://b/pq/t_0000_part_00.parquet',
        rows: 4,
        bytes: storage.body('pq/t_0000_part_00.parquet').length,
        format: 'Parquet',
      },
    ])
    const { metadata, decimals, rows } = await readExact(
      storage.body('pq/t_0000_part_00.parquet'),
    )
    const types = Object.fromEntries(
      metadata.schema
        .slice(1)
        .map((e) => [e.name, [e.type, e.converted_type ?? null]]),
    )
    expect(types).toEqual({
      s: ['INT32', 'INT_16'],
      i: ['INT32', null],
      big: ['INT64', null],
      price: ['INT64', 'DECIMAL'],
      small: ['INT32', 'DECIMAL'],
      huge: ['FIXED_LEN_BYTE_ARRAY', 'DECIMAL'],
      r: ['FLOAT', null],
      d: ['DOUBLE', null],
      ok: ['BOOLEAN', null],
      c: ['BYTE_ARRAY', 'UTF8'],
      v: ['BYTE_ARRAY', 'UTF8'],
      day: ['INT32', 'DATE'],
      at: ['INT64', 'TIMESTAMP_MICROS'],
      atz: ['INT64', 'TIMESTAMP_MICROS'],
      t: ['INT64', 'TIME_MICROS'],
      // SUPER is the JSON type (unload-super-parquet.html).
      j: ['BYTE_ARRAY', 'JSON'],
      n: ['BYTE_ARRAY', 'UTF8'],
    })
    expect(metadata.row_groups[0]!.columns[0]!.meta_data!.codec).toBe('SNAPPY')
    expect(metadata.schema.find((e) => e.name === 'atz')!.logical_type).toEqual(
      {
        type: 'TIMESTAMP',
        isAdjustedToUTC: true,
        unit: 'MICROS',
      },
    )

    // Decimals: exact, every digit.
    for (const name of ['price', 'small', 'huge']) {
      expect(
        rows.map((row) => decimalText(row[name], decimals.get(name)!)),
      ).toEqual(
        ROWS.map(
          (row) => row[COLUMNS.findIndex((c) => c.name === name)] ?? null,
        ),
      )
    }
    const micros = (iso: string) => BigInt(Date.parse(iso)) * 1000n
    expect(rows.map((row) => row['big'])).toEqual([
      9223372036854775807n,
      -9223372036854775808n,
      null,
      1n,
    ])
    expect(rows.map((row) => row['at'])).toEqual([
      micros('2024-01-02T03:04:05Z') + 123456n,
      0n,
      null,
      micros('0001-01-01T00:00:00Z'),
    ])
    // TIMESTAMPTZ keeps the instant, in UTC.
    expect(rows.map((row) => row['atz'])).toEqual([
      micros('2024-01-01T21:34:05.5Z'),
      micros('1970-01-01T07:59:59Z') + 999999n,
      null,
      micros('9999-12-31T23:59:59Z') + 999999n,
    ])
    expect(rows.map((row) => row['day'])).toEqual([
      Date.parse('2024-02-29T00:00:00Z') / 86_400_000,
      Date.parse('1900-01-01T00:00:00Z') / 86_400_000,
      null,
      // 44 BC is astronomical year -43.
      Math.round(Date.parse('-000043-03-15T00:00:00Z') / 86_400_000),
    ])
    expect(rows.map((row) => row['t'])).toEqual([
      86_399_999_999n,
      0n,
      null,
      43_200_500_000n,
    ])
    expect(
      rows.map((row) => [row['s'], row['i'], row['ok'], row['c'], row['v']]),
    ).toEqual([
      [-32768, 2147483647, true, 'ab ', 'é|"\\\n☃'],
      [0, -1, false, '   ', ''],
      [null, null, null, null, null],
      [1, 1, true, 'x  ', 'x'],
    ])
    expect(rows[0]!['r']).toBe(1.5)
    expect(rows[0]!['d']).toBe(0.1)
    expect(Number.isNaN(rows[1]!['r'])).toBe(true)
    expect(rows[1]!['d']).toBe(-Infinity)
    // hyparquet parses a JSON column: the text was JSON.
    expect(rows.map((row) => row['j'])).toEqual([{ a: [1, 2] }, null, null, []])
    expect(rows[0]!['n']).toBe('3.14159265358979323846264338327950288419')
  })

  it('cuts row groups at a bounded row count, and MAXFILESIZE starts new files', async () => {
    const storage = new MemoryStorage()
    const n = MAX_ROW_GROUP_ROWS * 2 + 10
    const rows = Array.from({ length: n }, (_, i) => [
      String(i),
      `row ${i} ${'x'.repeat(20)}`,
    ])
    await unload(
      storage,
      statement('pq/g_', 'parquet'),
      [BIGINT('id'), TEXT('v')],
      rows,
    )
    const { metadata, rows: back } = await readExact(
      storage.body('pq/g_0000_part_00.parquet'),
    )
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([
      MAX_ROW_GROUP_ROWS,
      MAX_ROW_GROUP_ROWS,
      10,
    ])
    expect(back.map((row) => String(row['id']))).toEqual(
      rows.map((row) => row[0]),
    )

    // Text that does not compress: 6 MB of it splits at 5 MB.
    const wide = Array.from({ length: 60_000 }, (_, i) => [
      String(i),
      Buffer.from(
        Array.from({ length: 75 }, (_, j) => (i * 31 + j * 17) % 256),
      ).toString('base64'),
    ])
    const split = new MemoryStorage()
    const outcome = await unload(
      split,
      statement('pq/w_', 'parquet maxfilesize 5 mb rowgroupsize 32 mb'),
      [BIGINT('id'), TEXT('v')],
      wide,
    )
    expect(split.keys().length).toBeGreaterThan(1)
    expect(outcome.files.reduce((sum, f) => sum + f.rows, 0)).toBe(wide.length)
    const ids: string[] = []
    for (const key of split.keys()) {
      const { rows: part } = await readExact(split.body(key))
      ids.push(...part.map((row) => String(row['id'])))
    }
    expect(ids).toEqual(wide.map((row) => row[0]))
  }, 120_000)

  it('PARTITION BY leaves the partition columns out unless INCLUDE', async () => {
    const storage = new MemoryStorage()
    const columns = [INT('year'), TEXT('v')]
    await unload(
      storage,
      statement('pq/', 'parquet partition by (year)'),
      columns,
      [['2019', 'a']],
    )
    await unload(
      storage,
      statement('pq2/', 'parquet partition by (year) include'),
      columns,
      [['2019', 'a']],
    )
    const without = await readExact(
      storage.body('pq/year=2019/0000_part_00.parquet'),
    )
    const withIt = await readExact(
      storage.body('pq2/year=2019/0000_part_00.parquet'),
    )
    expect(without.rows).toEqual([{ v: 'a' }])
    expect(withIt.rows).toEqual([{ year: 2019, v: 'a' }])
  })

  it('refuses VARBYTE, GEOMETRY and HLLSKETCH, and values it cannot represent', async () => {
    const storage = new MemoryStorage()
    for (const type of ['varbyte(10)', 'geometry', 'hllsketch']) {
      await expect(
        unload(
          storage,
          statement('pq/x_', 'parquet'),
          [column('x', type === 'varbyte(10)' ? 17 : 25, type)],
          [['a']],
        ),
      ).rejects.toMatchObject({ fields: { code: '0A000' } })
    }
    await expect(
      unload(
        storage,
        statement('pq/x_', 'parquet'),
        [column('d', 1082, 'date')],
        [['infinity']],
      ),
    ).rejects.toMatchObject({ fields: { code: '22007' } })
    expect(storage.keys()).toEqual([])
  })
})
