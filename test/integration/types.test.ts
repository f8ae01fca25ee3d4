import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createTypeParsers, prepareValue } from '../../src/types/index.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'

// A zone with DST, where pg's default local-time reading of TIMESTAMP shifts
// values and cannot even represent 2024-03-10 02:30 (a skipped hour).
const ZONE = 'America/New_York'

describe('createTypeParsers on a real PostgreSQL', () => {
  let db: TestDatabase
  let client: pg.Client
  let plain: pg.Client
  const originalTz = process.env['TZ']

  beforeAll(async () => {
    process.env['TZ'] = ZONE
    db = await createTestDatabase('types')
    client = new pg.Client({
      connectionString: db.url,
      types: createTypeParsers({ int8: 'bigint', numeric: 'string' }),
    })
    plain = new pg.Client({ connectionString: db.url })
    await Promise.all([client.connect(), plain.connect()])
  })

  afterAll(async () => {
    await Promise.allSettled([client.end(), plain.end()])
    await db.drop()
    if (originalTz === undefined) delete process.env['TZ']
    else process.env['TZ'] = originalTz
  })

  it('runs in the zone it claims', () => {
    expect(new Date('2024-01-15T12:00:00Z').getTimezoneOffset()).toBe(300)
  })

  it('reads every PostgreSQL-representable type', async () => {
    const { rows } = await client.query(`
      select
        1::int2 as i2,
        2147483647::int4 as i4,
        9007199254740993::int8 as i8,
        '-9223372036854775808'::int8 as i8min,
        1.10::numeric as num,
        12345678901234567890.123456789::numeric(38, 9) as bignum,
        1.5::float4 as f4,
        2.25::float8 as f8,
        'NaN'::float8 as nan,
        true as t,
        false as f,
        'ab'::char(3) as ch,
        'varchar'::varchar(10) as vc,
        'text'::text as tx,
        '2024-03-10'::date as d,
        '2024-03-10 02:30:00.123456'::timestamp as ts,
        '2024-03-10 02:30:00+00'::timestamptz as tstz,
        '12:34:56'::time as tm,
        '12:34:56+02'::timetz as tmtz,
        '1 day 02:00:00'::interval as iv,
        '\\x0001ff'::bytea as by,
        '{"a":[1,2],"b":"x"}'::json as js,
        '{"n":1.5}'::jsonb as jb,
        'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as id,
        null::int8 as nothing
    `)
    const row = rows[0]
    expect(row).toEqual({
      i2: 1,
      i4: 2147483647,
      i8: 9007199254740993n,
      i8min: -9223372036854775808n,
      num: '1.10',
      bignum: '12345678901234567890.123456789',
      f4: 1.5,
      f8: 2.25,
      nan: NaN,
      t: true,
      f: false,
      ch: 'ab ',
      vc: 'varchar',
      tx: 'text',
      d: '2024-03-10',
      ts: new Date('2024-03-10T02:30:00.123Z'),
      tstz: new Date('2024-03-10T02:30:00.000Z'),
      tm: '12:34:56',
      tmtz: '12:34:56+02',
      iv: '1 day 02:00:00',
      by: Buffer.from([0, 1, 255]),
      js: { a: [1, 2], b: 'x' },
      jb: { n: 1.5 },
      id: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      nothing: null,
    })
    expect(typeof row.i8).toBe('bigint')
    expect(Buffer.isBuffer(row.by)).toBe(true)
  })

  it('reads timestamptz in any session zone as the same instant', async () => {
    await client.query(`set time zone 'Asia/Kolkata'`)
    try {
      const { rows } = await client.query(
        `select '2024-03-10 02:30:00+00'::timestamptz as at, '2024-03-10 02:30:00+00'::timestamptz::text as text`,
      )
      expect(rows[0].text).toBe('2024-03-10 08:00:00+05:30')
      expect(rows[0].at).toEqual(new Date('2024-03-10T02:30:00Z'))
    } finally {
      await client.query('reset time zone')
    }
  })

  it('applies other reading options per client', async () => {
    const other = new pg.Client({
      connectionString: db.url,
      types: createTypeParsers({ int8: 'string', numeric: 'number' }),
    })
    await other.connect()
    try {
      const { rows } = await other.query(
        'select 9007199254740993::int8 as i8, 1.10::numeric as num',
      )
      expect(rows[0]).toEqual({ i8: '9007199254740993', num: 1.1 })
    } finally {
      await other.end()
    }
  })

  it('leaves the global pg.types and other clients alone', async () => {
    const { rows } = await plain.query(
      `select 9007199254740993::int8 as i8, '2024-01-15 12:00:00'::timestamp as ts, '2024-01-15'::date as d`,
    )
    // pg's defaults: int8 as string, timestamp and date in local time.
    expect(rows[0].i8).toBe('9007199254740993')
    expect((rows[0].ts as Date).toISOString()).toBe('2024-01-15T17:00:00.000Z')
    expect(rows[0].d).toBeInstanceOf(Date)
    expect(pg.types.getTypeParser(20)('1')).toBe('1')
  })

  it('pg sends a top-level bigint bind parameter exactly', async () => {
    const { rows } = await client.query('select $1::int8 + 0 as v', [
      9007199254740993n,
    ])
    expect(rows[0].v).toBe(9007199254740993n)
  })

  it('prepareValue makes Dates round-trip through TIMESTAMP in any TZ', async () => {
    await client.query('create table stamps (label text, at timestamp)')
    const at = new Date('2024-01-02T03:04:05.678Z')
    await client.query('insert into stamps values ($1, $2), ($3, $4)', [
      'prepared',
      prepareValue(at),
      'raw',
      at,
    ])
    const { rows } = await client.query<{ label: string; at: Date }>(
      'select label, at from stamps order by label',
    )
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r.at]))
    expect(byLabel['prepared']).toEqual(at)
    // What pg does by itself: the local wall time is stored, the offset
    // dropped, so the value read back is 5 hours early in New York.
    expect(byLabel['raw']?.getTime()).toBe(at.getTime() - 5 * 3600_000)
  })

  it('prepareValue writes bigint inside JSON, which pg cannot', async () => {
    const value = { n: 9007199254740993n }
    await expect(client.query('select $1::jsonb', [value])).rejects.toThrow(
      /BigInt/,
    )
    const { rows } = await client.query(`select ($1::jsonb ->> 'n') as n`, [
      prepareValue(value),
    ])
    expect(rows[0].n).toBe('9007199254740993')
  })
})
