import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createRedshift, type RedshiftClient } from '../../src/client.js'
import { spectrum } from '../../src/commands/spectrum/index.js'
import { ExternalDdlInTransactionError } from '../../src/errors/external-ddl-in-transaction-error.js'
import {
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'
import { hostileText } from '../setup/hostile-text.js'

// Each Spectrum builder run through a client against the emulator, and
// what it did read back from the SVV_EXTERNAL_* views. One database for the
// file; each test uses schemas of its own.

const ROLE = 'arn:aws:iam::123456789012:role/mySpectrumRole'
const TEXTFILE = {
  input_format: 'org.apache.hadoop.mapred.TextInputFormat',
  output_format: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
  serialization_lib: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
}

describe('Spectrum builders on the emulator', () => {
  let emulator: EmulatorDatabase
  let db: RedshiftClient<Record<string, never>>

  const rows = async (query: string) =>
    (await sql.raw<Record<string, unknown>>(query).execute(db)).rows

  /** SVV_EXTERNAL_COLUMNS of `schema`.sales: [name, type, number, partition key]. */
  const salesColumns = async (schema: string) =>
    (
      await sql<{
        columnname: string
        external_type: string
        columnnum: number
        part_key: number
      }>`select columnname, external_type, columnnum, part_key from svv_external_columns
         where schemaname = ${schema} and tablename = 'sales' order by columnnum`.execute(
        db,
      )
    ).rows.map((r) => [r.columnname, r.external_type, r.columnnum, r.part_key])

  const createSchema = (name: string) =>
    db.spectrum
      .createExternalSchema(name)
      .fromDataCatalog({
        database: `${name}db`,
        iamRole: ROLE,
        createExternalDatabaseIfNotExists: true,
      })
      .execute()

  const salesTable = (schema: string) =>
    db.spectrum
      .createExternalTable(`${schema}.sales`)
      .columns({
        salesid: 'integer',
        pricepaid: 'decimal(8,2)',
        saletime: 'timestamp',
        note: 'varchar(20)',
      })
      .partitionedBy({ saledate: 'date', region: 'char(2)' })
      .rowFormatDelimited({ fieldsTerminatedBy: '\t' })
      .storedAs('TEXTFILE')
      .location(`s3://bucket/${schema}/sales/`)
      .tableProperties({ 'skip.header.line.count': 1 })

  beforeAll(async () => {
    emulator = await openEmulatorDatabase('spectrum_builders')
    db = createRedshift(emulator.url)
  })
  afterAll(async () => {
    await db?.close()
    await emulator?.close()
  })

  it('creates an external schema FROM DATA CATALOG, IF NOT EXISTS leaving it alone', async () => {
    await db.spectrum
      .createExternalSchema('sb_catalog')
      .fromDataCatalog({
        database: "it's db",
        region: 'us-west-2',
        iamRole: ROLE,
        createExternalDatabaseIfNotExists: true,
      })
      .execute()
    await db.spectrum
      .createExternalSchema('sb_catalog')
      .ifNotExists()
      .fromDataCatalog({ database: 'other', iamRole: 'default' })
      .execute()
    expect(
      await rows(
        "select eskind, databasename, esoptions from svv_external_schemas where schemaname = 'sb_catalog'",
      ),
    ).toEqual([
      {
        eskind: 1,
        databasename: "it's db",
        esoptions: `{"REGION":"us-west-2","IAM_ROLE":"${ROLE}","CREATE_EXTERNAL_DATABASE":"TRUE"}`,
      },
    ])
  })

  it('creates an external schema FROM HIVE METASTORE', async () => {
    await db.spectrum
      .createExternalSchema('sb_hive')
      .fromHiveMetastore({
        database: 'hive_db',
        uri: '172.10.10.10',
        port: 9084,
        iamRole: ROLE,
      })
      .execute()
    expect(
      await rows(
        "select eskind, esoptions from svv_external_schemas where schemaname = 'sb_hive'",
      ),
    ).toEqual([
      {
        eskind: 2,
        esoptions: `{"URI":"172.10.10.10","PORT":"9084","IAM_ROLE":"${ROLE}"}`,
      },
    ])
  })

  it('creates a partitioned external table, shown in SVV_EXTERNAL_TABLES and SVV_EXTERNAL_COLUMNS', async () => {
    await createSchema('sb_tables')
    await salesTable('sb_tables').execute()
    expect(
      await rows(
        `select location, input_format, output_format, serialization_lib, serde_parameters, parameters
         from svv_external_tables where schemaname = 'sb_tables' and tablename = 'sales'`,
      ),
    ).toEqual([
      {
        location: 's3://bucket/sb_tables/sales/',
        ...TEXTFILE,
        serde_parameters: '{"field.delim":"\\t","serialization.format":"\\t"}',
        parameters: '{"EXTERNAL":"TRUE","skip.header.line.count":"1"}',
      },
    ])
    expect(await salesColumns('sb_tables')).toEqual([
      ['salesid', 'int', 1, 0],
      ['pricepaid', 'decimal(8,2)', 2, 0],
      ['saletime', 'timestamp', 3, 0],
      ['note', 'varchar(20)', 4, 0],
      ['saledate', 'date', 5, 1],
      ['region', 'char(2)', 6, 2],
    ])
  })

  it('adds several partitions at once (IF NOT EXISTS), moves and drops one, shown in SVV_EXTERNAL_PARTITIONS', async () => {
    await createSchema('sb_parts')
    const sales = salesTable('sb_parts')
    await sales.execute()
    const partitions = () =>
      rows(
        `select "values", location from svv_external_partitions
         where schemaname = 'sb_parts' and tablename = 'sales' order by "values"`,
      )
    await db.spectrum
      .alterExternalTable(sales)
      .addPartition(
        { saledate: '2008-01-01', region: 'eu' },
        's3://bucket/sales/saledate=2008-01-01/region=eu/',
      )
      .addPartition(
        { region: 'us', saledate: new Date(Date.UTC(2008, 1, 1)) },
        's3://bucket/sales/saledate=2008-02-01/region=us/',
      )
      .execute()
    // Again with IF NOT EXISTS, one of them new: the existing one stays.
    await db.spectrum
      .alterExternalTable(sales)
      .addPartition({ saledate: '2008-01-01', region: 'eu' }, 's3://other/')
      .addPartition(
        { saledate: '2008-03-01', region: 'eu' },
        's3://bucket/sales/saledate=2008-03-01/region=eu/',
      )
      .ifNotExists()
      .execute()
    await db.spectrum
      .alterExternalTable(sales)
      .setPartitionLocation(
        { saledate: '2008-02-01', region: 'us' },
        's3://bucket/moved/',
      )
      .execute()
    await db.spectrum
      .alterExternalTable('sb_parts.sales')
      .dropPartition({ saledate: '2008-03-01', region: 'eu' })
      .execute()
    expect(await partitions()).toEqual([
      {
        values: '["2008-01-01", "eu"]',
        location: 's3://bucket/sales/saledate=2008-01-01/region=eu/',
      },
      { values: '["2008-02-01", "us"]', location: 's3://bucket/moved/' },
    ])
  })

  it('sets the location, file format and table properties of an external table', async () => {
    await createSchema('sb_alter')
    await salesTable('sb_alter').execute()
    const alter = () => db.spectrum.alterExternalTable('sb_alter.sales')
    await alter().setLocation('s3://bucket/sales-v2/').execute()
    await alter().setFileFormat('PARQUET').execute()
    await alter()
      .setTableProperties({ numRows: 170000, compression_type: 'snappy' })
      .execute()
    const [table] = await rows(
      `select location, input_format, parameters from svv_external_tables
       where schemaname = 'sb_alter' and tablename = 'sales'`,
    )
    expect(table).toMatchObject({
      location: 's3://bucket/sales-v2/',
      input_format:
        'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    })
    // A JSON object: compared as one, in whatever order the view writes it.
    expect(JSON.parse(String(table!['parameters']))).toEqual({
      EXTERNAL: 'TRUE',
      numRows: '170000',
      compression_type: 'snappy',
      'skip.header.line.count': '1',
    })
  })

  it('adds a column to an external table, shown in SVV_EXTERNAL_COLUMNS before the partition columns', async () => {
    await createSchema('sb_addcol')
    await salesTable('sb_addcol').execute()
    await db.spectrum
      .alterExternalTable('sb_addcol.sales')
      .addColumn('commission', 'decimal(8,2)')
      .execute()
    expect(await salesColumns('sb_addcol')).toEqual([
      ['salesid', 'int', 1, 0],
      ['pricepaid', 'decimal(8,2)', 2, 0],
      ['saletime', 'timestamp', 3, 0],
      ['note', 'varchar(20)', 4, 0],
      ['commission', 'decimal(8,2)', 5, 0],
      ['saledate', 'date', 6, 1],
      ['region', 'char(2)', 7, 2],
    ])
  })

  it('drops an external table, then the schema with its external database', async () => {
    await createSchema('sb_drop')
    await salesTable('sb_drop').execute()
    await db.spectrum.dropExternalTable('sb_drop.sales').execute()
    await db.spectrum.dropExternalTable('sb_drop.sales').ifExists().execute()
    expect(
      await rows(
        "select count(*)::int as n from svv_external_tables where schemaname = 'sb_drop'",
      ),
    ).toEqual([{ n: 0 }])
    await salesTable('sb_drop').execute()
    await db.spectrum
      .dropExternalSchema('sb_drop')
      .dropExternalDatabase()
      .cascade()
      .execute()
    await db.spectrum.dropExternalSchema('sb_drop').ifExists().execute()
    expect(
      await rows(
        `select (select count(*)::int from svv_external_schemas where schemaname = 'sb_drop') as schemas,
                (select count(*)::int from svv_external_tables where schemaname = 'sb_drop') as tables`,
      ),
    ).toEqual([{ schemas: 0, tables: 0 }])
  })

  it('any partition value and location reaches the catalog as written, in one statement', async () => {
    await createSchema('sb_prop')
    const table = db.spectrum
      .createExternalTable('sb_prop.t')
      .column('a', 'int')
      .partitionedBy({ p: 'varchar(200)' })
      .storedAs('PARQUET')
      .location('s3://bucket/prop/')
    await table.execute()
    const text = hostileText({ maxParts: 8, partLength: 5 }).filter(
      (s) => Buffer.byteLength(s) <= 100,
    )
    let n = 0
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const p = `${n++}:${value}`
        const location = `s3://bucket/prop/${value}`
        await db.spectrum
          .alterExternalTable(table)
          .addPartition({ p }, location)
          .execute()
        const found = await sql<{ location: string }>`
          select location from svv_external_partitions
          where schemaname = 'sb_prop' and "values" = ${JSON.stringify([p])}`.execute(
          db,
        )
        expect(found.rows).toEqual([{ location }])
      }),
      { numRuns: 40 },
    )
  })

  it('refuses CREATE EXTERNAL TABLE, ALTER and DROP TABLE on a transaction before sending them', async () => {
    await createSchema('sb_trx')
    await salesTable('sb_trx').execute()
    const refused: unknown[] = []
    await db.transaction().execute(async (trx) => {
      const builders = spectrum(trx)
      for (const run of [
        () =>
          builders
            .createExternalTable('sb_trx.other')
            .column('id', 'int')
            .storedAs('PARQUET')
            .location('s3://b/o/')
            .execute(),
        () =>
          builders
            .alterExternalTable('sb_trx.sales')
            .setLocation('s3://b/x/')
            .execute(),
        () => builders.dropExternalTable('sb_trx.sales').execute(),
      ]) {
        refused.push(await run().catch((error: unknown) => error))
      }
      // Nothing was sent: the transaction is not aborted.
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(trx)
      expect(rows).toEqual([{ one: 1 }])
    })
    expect(
      refused.map((e) => (e as ExternalDdlInTransactionError).statement),
    ).toEqual(['CREATE EXTERNAL TABLE', 'ALTER TABLE', 'DROP TABLE'])
    for (const error of refused) {
      expect(error).toBeInstanceOf(ExternalDdlInTransactionError)
    }
    expect(
      await rows(
        "select tablename, location from svv_external_tables where schemaname = 'sb_trx'",
      ),
    ).toEqual([{ tablename: 'sales', location: 's3://bucket/sb_trx/sales/' }])
  })

  it('the emulator itself refuses what the builder refuses on a transaction (25001)', async () => {
    const compiled = db.spectrum
      .alterExternalTable('sb_trx.sales')
      .setLocation('s3://b/x/')
      .compile()
    const error: unknown = await db
      .transaction()
      .execute((trx) => trx.executeQuery(compiled))
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(error).toMatchObject({ code: '25001' })
  })
})
