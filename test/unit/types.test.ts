import pg from 'pg'
import { describe, expect, it } from 'vitest'

import {
  createTypeParsers,
  findTypeInfo,
  parseBytea,
  parseSuper,
  parseTimestamp,
  parseVarbyte,
  POSTGRES_TYPES,
  prepareValue,
  REDSHIFT_TYPES,
  resolveColumnType,
} from '../../src/types/index.js'

// The documented types: OIDs from the AWS drivers' OID tables (redshift_connector
// oids.py, JDBC Oid.java), names and aliases from the Developer Guide.
const DOCUMENTED_TYPES = [
  { oid: 21, typname: 'int2', aliases: ['INT2'] },
  { oid: 23, typname: 'int4', aliases: ['INT', 'INT4'] },
  { oid: 20, typname: 'int8', aliases: ['INT8'] },
  { oid: 1700, typname: 'numeric', aliases: ['NUMERIC'] },
  { oid: 700, typname: 'float4', aliases: ['FLOAT4'] },
  { oid: 701, typname: 'float8', aliases: ['FLOAT8', 'FLOAT'] },
  { oid: 16, typname: 'bool', aliases: ['BOOL'] },
  { oid: 1042, typname: 'bpchar', aliases: ['CHARACTER', 'NCHAR', 'BPCHAR'] },
  {
    oid: 1043,
    typname: 'varchar',
    aliases: ['CHARACTER VARYING', 'NVARCHAR', 'TEXT'],
  },
  { oid: 1082, typname: 'date', aliases: [] },
  { oid: 1083, typname: 'time', aliases: ['TIME WITHOUT TIME ZONE'] },
  { oid: 1266, typname: 'timetz', aliases: ['TIME WITH TIME ZONE'] },
  { oid: 1114, typname: 'timestamp', aliases: ['TIMESTAMP WITHOUT TIME ZONE'] },
  { oid: 1184, typname: 'timestamptz', aliases: ['TIMESTAMP WITH TIME ZONE'] },
  { oid: 1188, typname: 'intervaly2m', aliases: [] },
  { oid: 1190, typname: 'intervald2s', aliases: [] },
  { oid: 1186, typname: 'interval', aliases: [] },
  { oid: 6551, typname: 'varbyte', aliases: ['VARBINARY', 'BINARY VARYING'] },
  { oid: 4000, typname: 'super', aliases: [] },
  { oid: 3000, typname: 'geometry', aliases: [] },
  { oid: 3001, typname: 'geography', aliases: [] },
  { oid: 2935, typname: 'hllsketch', aliases: [] },
]

describe('REDSHIFT_TYPES', () => {
  it('has every catalog type with its OID, typname and aliases', () => {
    expect(DOCUMENTED_TYPES).toHaveLength(22)
    for (const t of DOCUMENTED_TYPES) {
      const info = REDSHIFT_TYPES.find((r) => r.oid === t.oid)
      expect(info, t.typname).toBeDefined()
      expect(info?.typname).toBe(t.typname)
      expect(info?.aliases).toEqual(t.aliases)
    }
  })

  it('has unique OIDs and is frozen', () => {
    const oids = [...REDSHIFT_TYPES, ...POSTGRES_TYPES].map((t) => t.oid)
    expect(new Set(oids).size).toBe(oids.length)
    expect(Object.isFrozen(REDSHIFT_TYPES)).toBe(true)
    expect(Object.isFrozen(REDSHIFT_TYPES[0])).toBe(true)
  })

  it.each([
    ['int2', 'number', 'number'],
    ['int4', 'number', 'number'],
    ['int8', 'bigint', 'bigint | number | string'],
    ['numeric', 'string', 'string | number | bigint'],
    ['float4', 'number', 'number'],
    ['float8', 'number', 'number'],
    ['bool', 'boolean', 'boolean'],
    ['bpchar', 'string', 'string'],
    ['varchar', 'string', 'string'],
    ['date', 'string', 'string'],
    ['time', 'string', 'string'],
    ['timetz', 'string', 'string'],
    ['timestamp', 'Date', 'Date | string'],
    ['timestamptz', 'Date', 'Date | string'],
    ['interval', 'string', 'string'],
    ['intervaly2m', 'string', 'string'],
    ['intervald2s', 'string', 'string'],
    ['super', 'JsonValue', 'JsonValue'],
    ['varbyte', 'Buffer', 'Buffer'],
    ['geometry', 'string', 'string'],
    ['geography', 'string', 'string'],
    ['hllsketch', 'string', 'string'],
  ])('%s: select %s, insert %s', (typname, select, insert) => {
    const info = REDSHIFT_TYPES.find((t) => t.typname === typname)
    expect(info?.select).toBe(select)
    expect(info?.insert).toBe(insert)
    expect(info?.update).toBe(insert)
  })
})

describe('findTypeInfo / resolveColumnType', () => {
  it.each([
    ['character varying(256)', 'VARCHAR'],
    ['VARCHAR(MAX)', 'VARCHAR'],
    ['numeric(18,2)', 'DECIMAL'],
    ['timestamp without time zone', 'TIMESTAMP'],
    ['timestamp with time zone', 'TIMESTAMPTZ'],
    ['double precision', 'DOUBLE PRECISION'],
    ['float', 'DOUBLE PRECISION'],
    ['int', 'INTEGER'],
    ['text', 'VARCHAR'],
    ['"char"', 'CHAR'],
    ['varbyte(64000)', 'VARBYTE'],
    ['interval year to month', 'INTERVAL YEAR TO MONTH'],
    ['super', 'SUPER'],
    ['bytea', 'BYTEA'],
    ['integer[]', undefined],
  ])('%s -> %s', (name, expected) => {
    expect(findTypeInfo(name)?.name).toBe(expected)
  })

  it('by OID', () => {
    expect(findTypeInfo(4000)?.typname).toBe('super')
    expect(findTypeInfo(17)?.typname).toBe('bytea')
    expect(findTypeInfo(99999)).toBeUndefined()
  })

  it('picks the variant for the reading options', () => {
    const int8 = findTypeInfo('bigint')!
    const numeric = findTypeInfo('numeric')!
    const defaults = { int8: 'bigint', numeric: 'string' } as const
    const other = { int8: 'string', numeric: 'number' } as const
    expect(resolveColumnType(int8, defaults)).toEqual({
      select: 'bigint',
      insert: 'bigint | number | string',
      update: 'bigint | number | string',
      helper: 'Int8',
    })
    expect(resolveColumnType(int8, other).select).toBe('string')
    expect(resolveColumnType(int8, other).helper).toBe('Int8AsString')
    expect(resolveColumnType(numeric, other).select).toBe('number')
    expect(resolveColumnType(numeric, defaults).select).toBe('string')
    expect(resolveColumnType(findTypeInfo('int4')!, other).select).toBe(
      'number',
    )
  })
})

describe('Redshift-only parsers, from their documented text forms', () => {
  it.each([
    ['{"a":[1,2,{"b":null}]}', { a: [1, 2, { b: null }] }],
    ['[1,"x",true]', [1, 'x', true]],
    ['"abc"', 'abc'],
    ['123', 123],
    ['1.5e3', 1500],
    ['true', true],
    ['null', null],
    // Not JSON: returned as sent rather than failing the row.
    ['abc', 'abc'],
    ['{broken', '{broken'],
  ])('SUPER %s', (text, expected) => {
    expect(parseSuper(text)).toEqual(expected)
  })

  it('VARBYTE as Redshift prints it (hex, no prefix) and with \\x', () => {
    expect(parseVarbyte('6162')).toEqual(Buffer.from('ab'))
    expect(parseVarbyte('616263')).toEqual(Buffer.from('abc'))
    // CHAR(10) 'aa' cast to VARBYTE, from the VARBYTE type page.
    expect(parseVarbyte('61612020202020202020')).toEqual(
      Buffer.from('aa        '),
    )
    expect(parseVarbyte('0005')).toEqual(Buffer.from([0, 5]))
    expect(parseVarbyte('FFfe')).toEqual(Buffer.from([0xff, 0xfe]))
    expect(parseVarbyte('\\x00ff')).toEqual(Buffer.from([0, 255]))
    expect(parseVarbyte('')).toEqual(Buffer.alloc(0))
  })

  it('BYTEA hex and escape formats', () => {
    expect(parseBytea('\\x0001ff')).toEqual(Buffer.from([0, 1, 255]))
    expect(parseBytea('ab')).toEqual(Buffer.from('ab'))
    expect(parseBytea('a\\000b\\\\c\\377')).toEqual(
      Buffer.from([0x61, 0, 0x62, 0x5c, 0x63, 0xff]),
    )
  })

  it('GEOMETRY/GEOGRAPHY and HLLSKETCH stay as the server text', () => {
    const parsers = createTypeParsers()
    const ewkb = '0101000020E6100000000000000000F03F0000000000000040'
    for (const oid of [3000, 3001, 3999]) {
      expect(parsers.getTypeParser(oid)(ewkb)).toBe(ewkb)
    }
    const sketch =
      '{"version":1,"logm":15,"sparse":{"indices":[1],"values":[2]}}'
    expect(parsers.getTypeParser(2935)(sketch)).toBe(sketch)
  })

  it('Redshift interval column types stay text', () => {
    const parsers = createTypeParsers()
    expect(parsers.getTypeParser(1188)('1 year 2 mons')).toBe('1 year 2 mons')
    expect(parsers.getTypeParser(1190)('3 days 04:05:06')).toBe(
      '3 days 04:05:06',
    )
  })
})

describe('parseTimestamp', () => {
  it.each([
    ['2024-03-10 02:30:00', '2024-03-10T02:30:00.000Z'],
    ['2024-03-10 02:30:00.123456', '2024-03-10T02:30:00.123Z'],
    ['2024-03-10 02:30:00.5', '2024-03-10T02:30:00.500Z'],
    ['2024-03-10 02:30:00+00', '2024-03-10T02:30:00.000Z'],
    ['2024-03-10 02:30:00-05', '2024-03-10T07:30:00.000Z'],
    ['2024-03-10 02:30:00+05:30', '2024-03-09T21:00:00.000Z'],
    ['1900-01-01 00:00:00+00:09:21', '1899-12-31T23:50:39.000Z'],
    ['0099-01-01 00:00:00', '0099-01-01T00:00:00.000Z'],
    ['0044-03-15 12:00:00 BC', '-000043-03-15T12:00:00.000Z'],
    ['10000-01-01 00:00:00', '+010000-01-01T00:00:00.000Z'],
  ])('%s', (text, iso) => {
    const value = parseTimestamp(text)
    expect(value).toBeInstanceOf(Date)
    expect((value as Date).toISOString()).toBe(iso)
  })

  it('returns text it cannot represent as it came', () => {
    expect(parseTimestamp('infinity')).toBe('infinity')
    expect(parseTimestamp('-infinity')).toBe('-infinity')
  })
})

describe('createTypeParsers', () => {
  it('applies the int8 and numeric options', () => {
    const exact = createTypeParsers()
    expect(exact.getTypeParser(20)('9007199254740993')).toBe(9007199254740993n)
    expect(exact.getTypeParser(1700)('1.10')).toBe('1.10')
    const loose = createTypeParsers({ int8: 'string', numeric: 'number' })
    expect(loose.getTypeParser(20)('9007199254740993')).toBe('9007199254740993')
    expect(loose.getTypeParser(1700)('1.10')).toBe(1.1)
  })

  it('falls back to pg for types not in the table and for binary', () => {
    const parsers = createTypeParsers()
    expect(parsers.getTypeParser(1007)('{1,2}')).toEqual([1, 2])
    expect(parsers.getTypeParser(20, 'binary')).toBe(
      pg.types.getTypeParser(20, 'binary'),
    )
  })

  it('never changes the global pg.types', () => {
    const before = [20, 1700, 1114, 1082, 4000, 17].map((oid) =>
      pg.types.getTypeParser(oid),
    )
    createTypeParsers({ int8: 'bigint', numeric: 'number' })
    const after = [20, 1700, 1114, 1082, 4000, 17].map((oid) =>
      pg.types.getTypeParser(oid),
    )
    expect(after).toEqual(before)
    expect(pg.types.getTypeParser(20)('9007199254740993')).toBe(
      '9007199254740993',
    )
  })
})

describe('prepareValue', () => {
  it('writes Dates in UTC', () => {
    expect(prepareValue(new Date('2024-01-02T03:04:05.678Z'))).toBe(
      '2024-01-02 03:04:05.678+00',
    )
    expect(prepareValue(new Date('-000043-03-15T12:00:00.000Z'))).toBe(
      '0044-03-15 12:00:00.000+00 BC',
    )
  })

  it('writes bigint as digits, also inside JSON', () => {
    expect(prepareValue(9007199254740993n)).toBe('9007199254740993')
    expect(
      prepareValue({ n: 9007199254740993n, a: [1n, 'x', null], u: undefined }),
    ).toBe('{"n":9007199254740993,"a":[1,"x",null]}')
    expect(prepareValue({ at: new Date(0) })).toBe(
      '{"at":"1970-01-01T00:00:00.000Z"}',
    )
  })

  it('leaves other values to pg', () => {
    const buffer = Buffer.from('ab')
    expect(prepareValue(buffer)).toBe(buffer)
    expect(prepareValue('x')).toBe('x')
    expect(prepareValue(1.5)).toBe(1.5)
    expect(prepareValue(null)).toBe(null)
    expect(prepareValue([1n, new Date(0)])).toEqual([
      '1',
      '1970-01-01 00:00:00.000+00',
    ])
  })
})
