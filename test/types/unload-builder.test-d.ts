import { sql, type CompiledQuery } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import {
  unload,
  type UnloadBuilder,
  type UnloadResult,
} from '../../src/commands/unload/index.js'
import type {
  ExcludedBy,
  GateReason,
} from '../../src/commands/unload/unload-gates.js'
import { compileOnlyDb } from '../setup/schema-database.js'

// Never connects: type tests only compile.
const db = compileOnlyDb()
const sales = db.selectFrom('sales').select(['id', 'person_id', 'qty', 'price'])
const base = unload(db, sales).to('s3://b/p_').iamRole('default')

describe('unload() types', () => {
  it('types the builder by the query output row', () => {
    expectTypeOf(unload(db, sales)).toEqualTypeOf<
      UnloadBuilder<{
        id: number
        person_id: number
        qty: number
        price: string
      }>
    >()
    expectTypeOf(unload(db, sql<{ n: number }>`select 1 as n`)).toEqualTypeOf<
      UnloadBuilder<{ n: number }>
    >()
    expectTypeOf(base.compile()).toEqualTypeOf<CompiledQuery>()
    expectTypeOf(base.execute()).resolves.toEqualTypeOf<UnloadResult>()
  })

  it('refuses wrong tables and columns in the inner query', () => {
    // @ts-expect-error: no such table
    db.selectFrom('no_such_table')
    // @ts-expect-error: no such column in sales
    db.selectFrom('sales').select('first_name')
  })

  it('PARTITION BY takes only output columns, and leaves one out', () => {
    base.partitionBy(['person_id'])
    base.partitionBy(['person_id', 'qty'], { include: true })
    // @ts-expect-error: sold_on is a column of sales, but not of the output
    base.partitionBy(['sold_on'])
    // @ts-expect-error: not a column at all
    base.partitionBy(['region'])
    // @ts-expect-error: every output column partitioned: nothing left to write
    base.partitionBy(['id', 'person_id', 'qty', 'price'])
  })

  it('PARTITION BY refuses SUPER and VARBYTE columns', () => {
    const q = sql<{ id: number; doc: { a: number }; bytes: Buffer }>`select 1`
    const b = unload(db, q).to('s3://b/p_').iamRole('default')
    b.partitionBy(['id'])
    // @ts-expect-error: a SUPER value cannot be a partition key
    b.partitionBy(['doc'])
    // @ts-expect-error: a VARBYTE value cannot be a partition key
    b.partitionBy(['bytes'])
  })

  it('FIXEDWIDTH needs the width of every output column', () => {
    base.fixedWidth({ id: 10, person_id: 10, qty: 5, price: 12 })
    // @ts-expect-error: price has no width
    base.fixedWidth({ id: 10, person_id: 10, qty: 5 })
  })

  it('after format(parquet) there is no text layout or compression', () => {
    const parquet = base.format('parquet')
    parquet.partitionBy(['person_id']).manifest({ verbose: true })
    parquet.rowGroupSize(64)
    // @ts-expect-error: PARQUET excludes HEADER
    parquet.header()
    // @ts-expect-error: PARQUET excludes DELIMITER
    parquet.delimiter(',')
    // @ts-expect-error: PARQUET excludes GZIP
    parquet.gzip()
    // @ts-expect-error: PARQUET excludes NULL AS
    parquet.nullAs('')
    // @ts-expect-error: PARQUET excludes ADDQUOTES
    parquet.addQuotes()
    // @ts-expect-error: PARQUET excludes ESCAPE
    parquet.escape()
    // @ts-expect-error: one format only
    parquet.format('csv')
    expectTypeOf<
      GateReason<'HEADER', 'PARQUET'>
    >().toEqualTypeOf<'HEADER cannot be used with PARQUET'>()
  })

  it('after format(json) and format(csv) their exclusions hold', () => {
    const json = base.format('json')
    json.gzip().parallel(false)
    // @ts-expect-error: JSON excludes HEADER
    json.header()
    // @ts-expect-error: JSON excludes FIXEDWIDTH
    json.fixedWidth({ id: 1, person_id: 1, qty: 1, price: 1 })
    const csv = base.format('csv')
    csv.header().delimiter(';').nullAs('NULL').gzip()
    // @ts-expect-error: CSV excludes ADDQUOTES
    csv.addQuotes()
  })

  it('options given first narrow the formats', () => {
    const headed = base.header()
    headed.format('csv')
    // @ts-expect-error: HEADER excludes PARQUET
    headed.format('parquet')
    // @ts-expect-error: HEADER excludes JSON
    headed.format('json')
    // @ts-expect-error: HEADER excludes FIXEDWIDTH
    headed.fixedWidth({ id: 1, person_id: 1, qty: 1, price: 1 })
  })

  it('ROWGROUPSIZE needs PARQUET first', () => {
    // @ts-expect-error: ROWGROUPSIZE needs PARQUET
    base.rowGroupSize(64)
    expectTypeOf<
      GateReason<'ROWGROUPSIZE', 'CSV'>
    >().toEqualTypeOf<'ROWGROUPSIZE needs PARQUET first'>()
  })

  it('CLEANPATH excludes ALLOWOVERWRITE, one compression, no option twice', () => {
    base.cleanPath().parallel(true)
    // @ts-expect-error: CLEANPATH excludes ALLOWOVERWRITE
    base.cleanPath().allowOverwrite()
    // @ts-expect-error: ALLOWOVERWRITE excludes CLEANPATH
    base.allowOverwrite().cleanPath()
    // @ts-expect-error: GZIP excludes ZSTD
    base.gzip().zstd()
    // @ts-expect-error: HEADER given twice
    base.header().header()
    // @ts-expect-error: TO given twice
    base.to('s3://b/other_')
    // @ts-expect-error: authorization given twice
    base.authorization({ iamRole: 'default' })
  })

  it('ENCRYPTED AUTO and KMS keys', () => {
    base.encrypted('auto').manifest()
    base.encrypted({ kmsKeyId: 'k' }).format('parquet')
    // @ts-expect-error: ENCRYPTED given twice
    base.encrypted('auto').encrypted({ kmsKeyId: 'k' })
    expectTypeOf<ExcludedBy<'ENCRYPTED AUTO'>>().toEqualTypeOf<
      'KMS_KEY_ID' | 'MASTER_SYMMETRIC_KEY'
    >()
  })
})
