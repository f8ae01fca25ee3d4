import { CamelCasePlugin, CompiledQuery, sql } from 'kysely'
import { describe, expect, it } from 'vitest'

import { unload } from '../../src/commands/unload/index.js'
import { CommandOptionError } from '../../src/errors/command-option-error.js'
import { RedshiftUnsupportedError } from '../../src/errors/index.js'
import { compileOnlyDb } from '../setup/schema-database.js'
import { OPTION_CASES, type AnyBuilder } from './unload-option-cases.js'

const db = compileOnlyDb()
const query = db.selectFrom('sales').select(['id', 'person_id', 'qty'])
const base = unload(db, query).to('s3://b/p_').iamRole('default')
const PREFIX =
  `UNLOAD ('select "id", "person_id", "qty" from "sales"') ` +
  `TO 's3://b/p_' IAM_ROLE default`

describe('UNLOAD compiles each option exactly', () => {
  it.each(OPTION_CASES)('$name', ({ build, sql: clause }) => {
    const compiled = build(base).compile()
    expect(compiled.sql).toBe(clause === '' ? PREFIX : `${PREFIX} ${clause}`)
    expect(compiled.parameters).toEqual([])
  })

  it('compiles the example of the issue', () => {
    const compiled = unload(
      db,
      db
        .selectFrom('sales')
        .select(['id', 'person_id', 'qty'])
        .where('qty', '>', 0),
    )
      .to('s3://b/out/sales_')
      .iamRole('default')
      .format('parquet')
      .partitionBy(['person_id'], { include: true })
      .compile()
    expect(compiled.sql).toBe(
      `UNLOAD ('select "id", "person_id", "qty" from "sales" where "qty" > 0') ` +
        `TO 's3://b/out/sales_' IAM_ROLE default FORMAT AS PARQUET ` +
        `PARTITION BY ("person_id") INCLUDE`,
    )
  })

  it.each([
    [
      'a role ARN',
      { iamRole: 'arn:aws:iam::1:role/r' },
      "IAM_ROLE 'arn:aws:iam::1:role/r'",
    ],
    [
      'a role chain',
      { iamRole: ['arn:aws:iam::1:role/a', 'arn:aws:iam::2:role/b'] },
      "IAM_ROLE 'arn:aws:iam::1:role/a,arn:aws:iam::2:role/b'",
    ],
    [
      'an access key with a session token',
      { accessKeyId: 'AK', secretAccessKey: "s'\\k", sessionToken: 'tok' },
      "ACCESS_KEY_ID 'AK' SECRET_ACCESS_KEY 's''\\\\k' SESSION_TOKEN 'tok'",
    ],
    [
      'a CREDENTIALS string',
      { credentials: 'aws_iam_role=arn:aws:iam::1:role/r' },
      "CREDENTIALS 'aws_iam_role=arn:aws:iam::1:role/r'",
    ],
  ])('compiles the authorization from %s', (_name, auth, clause) => {
    expect(
      unload(db, query).to('s3://b/p_').authorization(auth).compile().sql,
    ).toBe(
      `UNLOAD ('select "id", "person_id", "qty" from "sales"') TO 's3://b/p_' ${clause}`,
    )
  })

  it('is immutable: each method returns a new builder', () => {
    const csv = base.format('csv')
    expect(base.compile().sql).toBe(PREFIX)
    expect(csv.compile().sql).toBe(`${PREFIX} FORMAT AS CSV`)
    expect(csv).not.toBe(base)
  })

  it('quotes the path, doubling quotes and backslashes', () => {
    expect(
      unload(db, query).to("s3://b/it's\\x/").iamRole('default').compile().sql,
    ).toBe(
      `UNLOAD ('select "id", "person_id", "qty" from "sales"') TO 's3://b/it''s\\\\x/' IAM_ROLE default`,
    )
  })

  it('quotes identifiers in PARTITION BY', () => {
    const q = sql<{ 'a"b': number; c: number }>`select 1 as "a""b", 2 as c`
    expect(
      unload(db, q)
        .to('s3://b/p_')
        .iamRole('default')
        .partitionBy(['a"b'])
        .compile().sql,
    ).toBe(
      `UNLOAD ('select 1 as "a""b", 2 as c') TO 's3://b/p_' IAM_ROLE default PARTITION BY ("a""b")`,
    )
  })
})

describe('the inner query', () => {
  const inner = (q: Parameters<typeof unload>[1]) =>
    unload(db, q).to('s3://b/p_').iamRole('default').compile().sql

  it.each<[string, unknown, string]>([
    ['a string', "it's a \\ test", "''it''''s a \\\\\\\\ test''"],
    ['an empty string', '', "''''"],
    ['a number', 42, '42'],
    ['a fraction', 1.5, '1.5'],
    ['a negative number', -3, '(-3)'],
    ['a bigint', 9007199254740993n, '9007199254740993'],
    ['a negative bigint', -9007199254740993n, '(-9007199254740993)'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['null', null, 'null'],
    [
      'a Date (UTC)',
      new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)),
      "''2024-01-02 03:04:05.678+00''",
    ],
    [
      'a Buffer (VARBYTE)',
      Buffer.from([0, 0xff, 0x27]),
      "from_hex(''00ff27'')",
    ],
    [
      'a plain object (SUPER)',
      { a: "q'", b: [1n, null], c: '\\' },
      // JSON writes the backslash as \\, each literal level doubles it: 8.
      `json_parse(''{"a":"q''''","b":[1,null],"c":"${'\\'.repeat(8)}"}'')`,
    ],
    ['an array (SUPER)', [1, 'x'], `json_parse(''[1,"x"]'')`],
  ])('inlines %s', (_name, value, literal) => {
    expect(inner(sql`select ${value} as v`)).toBe(
      `UNLOAD ('select ${literal} as v') TO 's3://b/p_' IAM_ROLE default`,
    )
  })

  it('inlines the values of a Kysely query, in lists too, and keeps sql.lit', () => {
    const q = db
      .selectFrom('sales')
      .select(['id', sql.lit('lit').as('tag')])
      .where('id', 'in', [1, 2])
      .where('price', '=', 'x')
      .where(sql<boolean>`qty-${-1} > 0`)
    expect(inner(q)).toBe(
      `UNLOAD ('select "id", ''lit'' as "tag" from "sales" where "id" in (1, 2) ` +
        `and "price" = ''x'' and qty-(-1) > 0') TO 's3://b/p_' IAM_ROLE default`,
    )
  })

  it('runs the instance plugins first', () => {
    const camel = db.withPlugin(new CamelCasePlugin())
    const q = camel
      .selectFrom('sales')
      .select('personId' as never)
      .where('soldOn' as never, '>', new Date(0) as never)
    expect(
      unload(camel, q).to('s3://b/p_').iamRole('default').compile().sql,
    ).toBe(
      `UNLOAD ('select "person_id" from "sales" where "sold_on" > ''1970-01-01 00:00:00.000+00''') ` +
        `TO 's3://b/p_' IAM_ROLE default`,
    )
  })

  it('names PARTITION BY columns through the instance plugins too', () => {
    const camel = db.withPlugin(new CamelCasePlugin())
    const q = camel
      .selectFrom('sales')
      .select(['id', 'personId', 'soldOn'] as never[])
    // `any`: the camel-cased row type is not the schema's.
    const b = unload(camel, q).to('s3://b/p_').iamRole('default') as AnyBuilder
    expect(b.partitionBy(['personId', 'soldOn']).compile().sql).toBe(
      `UNLOAD ('select "id", "person_id", "sold_on" from "sales"') ` +
        `TO 's3://b/p_' IAM_ROLE default PARTITION BY ("person_id", "sold_on")`,
    )
    expect(() => b.partitionBy(['personid']).compile()).toThrow(
      /"personid" is not an output column/,
    )
  })

  it('takes a Compilable without parameters, refuses one with them', () => {
    const raw = { compile: () => CompiledQuery.raw('select 1 as n') }
    expect(inner(raw)).toBe(
      `UNLOAD ('select 1 as n') TO 's3://b/p_' IAM_ROLE default`,
    )
    const withParams = {
      compile: () => CompiledQuery.raw('select $1 as n', [1]),
    }
    expect(() => inner(withParams)).toThrow(/bind parameters/)
  })

  it('refuses a LIMIT on the outer SELECT and says to nest it', () => {
    const error = errorOf(() => inner(query.limit(5)))
    expect(error).toBeInstanceOf(CommandOptionError)
    expect(error.message).toMatch(/LIMIT on the outer SELECT.*nest it/)
    const nested = db
      .selectFrom((eb) => eb.selectFrom('sales').select('id').limit(5).as('t'))
      .selectAll()
    expect(inner(nested)).toBe(
      `UNLOAD ('select * from (select "id" from "sales" limit 5) as "t"') TO 's3://b/p_' IAM_ROLE default`,
    )
  })

  it('refuses queries that are not a SELECT', () => {
    expect(() =>
      inner(db.deleteFrom('sales').where('id', '=', 1) as never),
    ).toThrow(/takes a SELECT query.*DeleteQueryNode/)
  })

  it('applies the dialect checks to the inner query', () => {
    expect(() =>
      inner(db.selectFrom('sales').select('id').distinctOn('id')),
    ).toThrow(RedshiftUnsupportedError)
  })

  it.each<[string, unknown, RegExp]>([
    ['undefined', undefined, /a undefined cannot/],
    ['a symbol', Symbol('s'), /a symbol cannot/],
    ['NaN', Number.NaN, /NaN has no SQL literal/],
    ['Infinity', Number.POSITIVE_INFINITY, /Infinity has no SQL literal/],
    ['an invalid Date', new Date(Number.NaN), /invalid Date/],
    ['a Map', new Map([['k', 'secret-value']]), /a Map cannot/],
    ['a class instance', new (class Point {})(), /a Point cannot/],
    [
      'an object with toPostgres',
      { toPostgres: () => 'secret-value' },
      /a Object cannot/,
    ],
    ['a string with NUL', 'secret-value\0', /NUL/],
  ])('refuses %s, without showing the value', (_name, value, message) => {
    const error = errorOf(() => inner(sql`select ${sql.val(value)} as v`))
    expect(error).toBeInstanceOf(CommandOptionError)
    expect(error).toMatchObject({ command: 'UNLOAD', option: 'query' })
    expect(error.message).toMatch(message)
    expect(error.message).not.toContain('secret-value')
  })

  it('checks PARTITION BY against the output columns it can see', () => {
    const b = unload(db, query).to('s3://b/p_').iamRole('default') as AnyBuilder
    expect(() => b.partitionBy(['sold_on']).compile()).toThrow(
      /"sold_on" is not an output column of the query \(id, person_id, qty\)/,
    )
    expect(() => b.partitionBy(['id', 'person_id', 'qty']).compile()).toThrow(
      /at least one output column must stay out/,
    )
  })
})

function errorOf(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error')
}
