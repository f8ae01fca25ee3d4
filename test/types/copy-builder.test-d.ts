import type { CompiledQuery, Compilable } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import {
  copyInto,
  type CopyBuilder,
  type CopyResult,
  type LoadErrorRow,
} from '../../src/commands/copy/index.js'
import {
  createRedshift,
  type RedshiftClient,
  type RedshiftTransaction,
} from '../../src/client.js'
import { offlineDb, type CopyTestDB } from '../unit/copy-helpers.js'

const db = offlineDb()
const s3 = () => copyInto(db, 'sales').from('s3://b/k/').iamRole('default')

describe('copyInto types', () => {
  it('takes only tables of DB and columns of that table', () => {
    copyInto(db, 'sales', ['id', 'qty'])
    copyInto(db, 'analytics.events', ['ts', 'payload'])
    // @ts-expect-error no such table
    copyInto(db, 'sale')
    // @ts-expect-error a column of another table
    copyInto(db, 'sales', ['ts'])
    // @ts-expect-error no such column
    copyInto(db, 'analytics.events', ['id'])
  })

  it('reads DB from a RedshiftClient, a transaction or a connection too', () => {
    // Never connects: type tests only compile.
    const client: RedshiftClient<CopyTestDB> = createRedshift<CopyTestDB>(
      'redshift://app@localhost:5439/dev',
    )
    copyInto(client, 'sales', ['id', 'note'])
    // @ts-expect-error no such table
    copyInto(client, 'sale')
    // @ts-expect-error no such column
    copyInto(client, 'sales', ['ts'])
    const inTransaction = (trx: RedshiftTransaction<CopyTestDB>) => {
      copyInto(trx, 'analytics.events', ['ts'])
      // @ts-expect-error no such column
      copyInto(trx, 'analytics.events', ['qty'])
    }
    void inTransaction
    void client.connection().execute(async (conn) => {
      copyInto(conn, 'sales', ['qty'])
      // @ts-expect-error no such column
      copyInto(conn, 'sales', ['payload'])
    })
  })

  it('starts with from() only', () => {
    const start = copyInto(db, 'sales')
    expectTypeOf(start).toHaveProperty('from')
    expectTypeOf(start).not.toHaveProperty('csv')
    expectTypeOf(start).not.toHaveProperty('compile')
    // A URL typed as plain string is taken as S3's (its scheme is checked
    // when from() runs).
    expectTypeOf(start.from('s3://b/k' as string)).toEqualTypeOf<
      CopyBuilder<'s3', 'text'>
    >()
  })

  it('tracks the source from the URL scheme', () => {
    expectTypeOf(copyInto(db, 'sales').from('s3://b/k')).toEqualTypeOf<
      CopyBuilder<'s3', 'text'>
    >()
    expectTypeOf(copyInto(db, 'sales').from('dynamodb://T')).toEqualTypeOf<
      CopyBuilder<'dynamodb', 'text'>
    >()
    expectTypeOf(copyInto(db, 'sales').from('emr://j-1/p')).toEqualTypeOf<
      CopyBuilder<'emr', 'text'>
    >()
  })

  it('is Compilable and executes to a CopyResult', () => {
    expectTypeOf(s3()).toMatchTypeOf<Compilable>()
    expectTypeOf(s3().compile()).toMatchTypeOf<CompiledQuery>()
    expectTypeOf(s3().execute()).resolves.toEqualTypeOf<CopyResult>()
    expectTypeOf<CopyResult['rejected']>().toEqualTypeOf<
      readonly LoadErrorRow[]
    >()
    expectTypeOf<CopyResult['rowsLoaded']>().toEqualTypeOf<number>()
  })

  it('offers READRATIO on a DynamoDB source only, and no file options there', () => {
    const dynamo = copyInto(db, 'sales').from('dynamodb://T').iamRole('default')
    dynamo.readRatio(50).region('us-east-1').dateFormat('auto').maxError(2)
    // @ts-expect-error READRATIO is for DynamoDB
    s3().readRatio(50)
    // @ts-expect-error no data formats from DynamoDB
    dynamo.csv()
    // @ts-expect-error no compression from DynamoDB
    dynamo.gzip()
    // @ts-expect-error no NULL AS from DynamoDB
    dynamo.nullAs('')
    // @ts-expect-error no IGNOREHEADER from DynamoDB
    dynamo.ignoreHeader(1)
    // @ts-expect-error no ACCEPTINVCHARS from DynamoDB
    dynamo.acceptInvChars()
    // @ts-expect-error no MANIFEST from DynamoDB
    dynamo.manifest()
    // @ts-expect-error no ENCRYPTED from DynamoDB
    dynamo.encrypted()
  })

  it('has none of the refused parameters after parquet() / orc()', () => {
    const parquet = s3().parquet()
    expectTypeOf(parquet).toEqualTypeOf<CopyBuilder<'s3', 'columnar'>>()
    parquet
      .serializeToJson()
      .acceptInvChars()
      .fillRecord()
      .explicitIds()
      .statUpdate(false)
    // @ts-expect-error no REGION: same region only
    parquet.region('us-east-1')
    // @ts-expect-error no MAXERROR: any error fails the load
    parquet.maxError(1)
    // @ts-expect-error no IGNOREALLERRORS
    parquet.ignoreAllErrors()
    // @ts-expect-error no data conversion
    parquet.dateFormat('auto')
    // @ts-expect-error no NULL AS
    s3().orc().nullAs('')
    // @ts-expect-error no compression
    parquet.gzip()
    // @ts-expect-error one format
    parquet.csv()
    // @ts-expect-error SERIALIZETOJSON is for Parquet and ORC
    s3().csv().serializeToJson()
    // @ts-expect-error Parquet is read from S3 only
    copyInto(db, 'sales').from('emr://j-1/p').parquet()
  })

  it('takes one format, with the parameters it allows', () => {
    s3()
      .csv({ quote: '"' })
      .delimiter(';')
      .ignoreHeader(1)
      .nullAs('')
      .fillRecord()
    // @ts-expect-error one format
    s3().csv().json()
    // @ts-expect-error CSV has no ESCAPE
    s3().csv().escape()
    // @ts-expect-error CSV has no REMOVEQUOTES
    s3().csv().removeQuotes()
    const fixed = s3().fixedWidth([['id', 4]])
    // @ts-expect-error FIXEDWIDTH has no DELIMITER
    fixed.delimiter(',')
    s3()
      .fixedWidth([['id', 4]])
      .removeQuotes()
    s3().json('auto ignorecase').ignoreHeader(1)
    // @ts-expect-error JSON has no DELIMITER
    s3().json().delimiter(',')
    // @ts-expect-error JSON has no NULL AS
    s3().json().nullAs('')
    // @ts-expect-error JSON has no FILLRECORD
    s3().json().fillRecord()
    // @ts-expect-error AVRO has no IGNOREBLANKLINES
    s3().avro().ignoreBlankLines()
    // @ts-expect-error no such JSON option
    s3().json('manual')
    // @ts-expect-error 'noshred' is JSON's only
    s3().avro('noshred')
    s3().json('s3://b/paths.json')
    // @ts-expect-error SHAPEFILE has no ESCAPE
    s3().shapefile().escape()
    s3().escape().removeQuotes().delimiter('|')
  })

  it('offers MANIFEST, SSH and ENCRYPTED where they apply, ZSTD from S3 only', () => {
    s3().manifest().encrypted().zstd()
    // @ts-expect-error no SSH with MANIFEST
    s3().manifest().ssh()
    // @ts-expect-error no ENCRYPTED with SSH
    s3().ssh().encrypted()
    // @ts-expect-error no MANIFEST from EMR
    copyInto(db, 'sales').from('emr://j-1/p').manifest()
    // @ts-expect-error no REGION from EMR
    copyInto(db, 'sales').from('emr://j-1/p').region('us-east-1')
    // @ts-expect-error ZSTD only from S3
    copyInto(db, 'sales').from('emr://j-1/p').zstd()
    copyInto(db, 'sales').from('emr://j-1/p').gzip().csv()
  })

  it('types option arguments', () => {
    s3().encoding('UTF16BE').timeFormat('epochmillisecs').timeFormat('HH24:MI')
    // @ts-expect-error not an encoding Redshift reads
    s3().encoding('LATIN1')
    s3().compUpdate('PRESET').compUpdate(false).statUpdate()
    // @ts-expect-error COMPUPDATE takes ON/OFF/PRESET
    s3().compUpdate('SOMETIMES')
    s3()
      .rawOption('NEWOPTION', 'v')
      .rawOption('N', 1)
      .rawOption('K', { keyword: 'ON' })
    // @ts-expect-error a raw option's value is a string, number or { keyword }
    s3().rawOption('NEWOPTION', true)
  })
})
