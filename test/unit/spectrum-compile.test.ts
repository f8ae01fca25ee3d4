import { afterAll, describe, expect, it } from 'vitest'

import { createRedshift } from '../../src/client.js'
import { checkOptionRules } from '../../src/commands/option-rule.js'
import { SPECTRUM_RULES } from '../../src/commands/spectrum/index.js'
import { CommandOptionError } from '../../src/errors/command-option-error.js'
import { ExternalColumnError } from '../../src/errors/external-column-error.js'

// The SQL each Spectrum builder compiles to, checked exactly, and the
// typed errors for what Redshift refuses. Compiles only: the client never
// connects (the statements are run against the emulator in
// test/integration/spectrum-builders.test.ts).

const db = createRedshift('redshift://app@localhost:5439/dev')
afterAll(() => db.close())

const ROLE = 'arn:aws:iam::123456789012:role/mySpectrumRole'

/** The error `build` throws (fails the test when it throws none). */
function errorOf(build: () => unknown): CommandOptionError {
  try {
    build()
  } catch (error) {
    expect(error).toBeInstanceOf(CommandOptionError)
    return error as CommandOptionError
  }
  throw new Error('expected the builder to throw')
}

const sales = () =>
  db.spectrum
    .createExternalTable('spectrum.sales')
    .columns({
      salesid: 'integer',
      listid: 'int',
      pricepaid: 'decimal(8, 2)',
      saletime: 'timestamp',
      note: 'varchar',
      flag: 'char',
      ratio: 'double precision',
    })
    .partitionedBy({ saledate: 'date', region: 'varchar(8)' })

describe('CREATE EXTERNAL SCHEMA', () => {
  it('compiles FROM DATA CATALOG with every option, in Redshift order', () => {
    const { sql, parameters } = db.spectrum
      .createExternalSchema('spectrum')
      .ifNotExists()
      .fromDataCatalog({
        database: "it's db",
        region: 'us-west-2',
        iamRole: ROLE,
        catalogRole: 'SESSION',
        createExternalDatabaseIfNotExists: true,
        catalogId: '123456789012',
      })
      .compile()
    expect(sql).toBe(
      `CREATE EXTERNAL SCHEMA IF NOT EXISTS "spectrum" FROM DATA CATALOG DATABASE 'it''s db' REGION 'us-west-2' ` +
        `IAM_ROLE '${ROLE}' CATALOG_ROLE 'SESSION' CREATE EXTERNAL DATABASE IF NOT EXISTS CATALOG_ID '123456789012'`,
    )
    expect(parameters).toEqual([])
  })

  it('compiles IAM_ROLE default, SESSION and a chain through the authorization module', () => {
    const from = (iamRole: string | readonly string[]) =>
      db.spectrum
        .createExternalSchema('s')
        .fromDataCatalog({ database: 'd', iamRole })
        .compile().sql
    expect(from('default')).toBe(
      `CREATE EXTERNAL SCHEMA "s" FROM DATA CATALOG DATABASE 'd' IAM_ROLE default`,
    )
    expect(from('SESSION')).toBe(
      `CREATE EXTERNAL SCHEMA "s" FROM DATA CATALOG DATABASE 'd' IAM_ROLE 'SESSION'`,
    )
    expect(from([ROLE, `${ROLE}2`])).toBe(
      `CREATE EXTERNAL SCHEMA "s" FROM DATA CATALOG DATABASE 'd' IAM_ROLE '${ROLE},${ROLE}2'`,
    )
    expect(errorOf(() => from('a role')).option).toBe('IAM_ROLE')
  })

  it('compiles FROM HIVE METASTORE with URI and PORT', () => {
    expect(
      db.spectrum
        .createExternalSchema('hive')
        .fromHiveMetastore({
          database: 'hive_db',
          uri: '172.10.10.10',
          port: 9084,
          iamRole: 'default',
        })
        .compile().sql,
    ).toBe(
      `CREATE EXTERNAL SCHEMA "hive" FROM HIVE METASTORE DATABASE 'hive_db' URI '172.10.10.10' PORT 9084 IAM_ROLE default`,
    )
  })

  it('refuses what Redshift refuses, naming the option', () => {
    const hive = (extra: object) => () =>
      db.spectrum
        .createExternalSchema('hive')
        .fromHiveMetastore({
          database: 'h',
          uri: 'u',
          iamRole: 'default',
          ...extra,
        })
        .compile()
    expect(errorOf(hive({ iamRole: 'SESSION' }))).toMatchObject({
      option: 'HIVE METASTORE',
      other: 'IAM_ROLE SESSION',
    })
    expect(errorOf(hive({ port: 70000 })).option).toBe('PORT')
    expect(errorOf(hive({ uri: undefined }))).toMatchObject({
      option: 'HIVE METASTORE',
      other: 'URI',
    })
    expect(
      errorOf(() => db.spectrum.createExternalSchema('s').compile()).option,
    ).toBe('FROM')
    expect(
      errorOf(() =>
        db.spectrum
          .createExternalSchema('s')
          .fromDataCatalog({ database: '', iamRole: 'default' }),
      ).option,
    ).toBe('DATABASE')
    expect(errorOf(() => db.spectrum.createExternalSchema('')).option).toBe(
      'schema name',
    )
  })

  it('has one row for each rule, and every row is enforced', () => {
    for (const rule of SPECTRUM_RULES) {
      const present = new Set(
        rule.kind === 'excludes' ? [rule.option, rule.other] : [rule.option],
      )
      const error = errorOf(() => checkOptionRules(SPECTRUM_RULES, present))
      expect(error.option).toBe(rule.option)
    }
  })
})

describe('CREATE EXTERNAL TABLE', () => {
  it('compiles columns, partitions, a delimited row format, the format, location and properties', () => {
    const { sql, parameters } = sales()
      .rowFormatDelimited({ fieldsTerminatedBy: '|', linesTerminatedBy: '\n' })
      .storedAs('textfile')
      .location("s3://bucket/tickit/it's/")
      .tableProperties({
        'skip.header.line.count': 1,
        compression_type: 'gzip',
        'serialization.null.format': '\\N',
      })
      .compile()
    expect(sql).toBe(
      'CREATE EXTERNAL TABLE "spectrum"."sales" ("salesid" integer, "listid" integer, "pricepaid" decimal(8,2), ' +
        '"saletime" timestamp, "note" varchar(256), "flag" char(1), "ratio" double precision) ' +
        'PARTITIONED BY ("saledate" date, "region" varchar(8)) ' +
        "ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LINES TERMINATED BY '\n' " +
        "STORED AS TEXTFILE LOCATION 's3://bucket/tickit/it''s/' " +
        "TABLE PROPERTIES ('skip.header.line.count'='1', 'compression_type'='gzip', 'serialization.null.format'='\\\\N')",
    )
    expect(parameters).toEqual([])
  })

  it('compiles ROW FORMAT SERDE with SERDEPROPERTIES and INPUTFORMAT / OUTPUTFORMAT', () => {
    expect(
      db.spectrum
        .createExternalTable('spectrum.json_events')
        .column('id', 'bigint')
        .column('ok', 'bool')
        .rowFormatSerde('org.openx.data.jsonserde.JsonSerDe', {
          'ignore.malformed.json': 'true',
        })
        .storedAs({
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat:
            'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        })
        .location('s3://bucket/events/')
        .compile().sql,
    ).toBe(
      `CREATE EXTERNAL TABLE "spectrum"."json_events" ("id" bigint, "ok" boolean) ` +
        `ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' WITH SERDEPROPERTIES ('ignore.malformed.json'='true') ` +
        `STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat' ` +
        `OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' LOCATION 's3://bucket/events/'`,
    )
  })

  it('refuses a type external tables cannot take, naming the column', () => {
    for (const type of [
      'super',
      'timestamptz',
      'varbyte',
      'time',
      'geometry',
      'text[]',
    ]) {
      const error = errorOf(() =>
        db.spectrum
          .createExternalTable('spectrum.t')
          .column('payload', type as never),
      )
      expect(error).toBeInstanceOf(ExternalColumnError)
      expect((error as ExternalColumnError).column).toBe('payload')
      expect(error.message).toContain('column "payload"')
    }
    const sizes = {
      'varchar(65536)': 'VARCHAR(65536)',
      'char(4097)': 'CHAR(4097)',
      'decimal(39,2)': 'DECIMAL(39,2)',
      'decimal(5,6)': 'DECIMAL(5,6)',
    } as const
    for (const [type, words] of Object.entries(sizes)) {
      const error = errorOf(() =>
        db.spectrum
          .createExternalTable('spectrum.t')
          .column('c', type as never),
      ) as ExternalColumnError
      expect(error.column).toBe('c')
      expect(error.message).toContain(words)
    }
  })

  it('refuses a partition column that is also a column, and pseudocolumn names', () => {
    const error = errorOf(() =>
      db.spectrum
        .createExternalTable('spectrum.t')
        .columns({ saledate: 'date' })
        .partitionedBy({ saledate: 'date' }),
    ) as ExternalColumnError
    expect(error).toBeInstanceOf(ExternalColumnError)
    expect(error).toMatchObject({
      option: 'PARTITIONED BY',
      column: 'saledate',
    })
    expect(
      errorOf(() =>
        db.spectrum.createExternalTable('spectrum.t').column('$path', 'int'),
      ).option,
    ).toBe('column')
  })

  it('refuses an empty, non-S3 or missing location, an unknown format or property, and a bad name', () => {
    const table = () => sales().storedAs('PARQUET')
    expect(errorOf(() => table().location('')).option).toBe('LOCATION')
    expect(errorOf(() => table().location('/data/sales/')).option).toBe(
      'LOCATION',
    )
    expect(errorOf(() => table().location('s3://')).option).toBe('LOCATION')
    expect(errorOf(() => table().compile())).toMatchObject({
      option: 'CREATE EXTERNAL TABLE',
      other: 'LOCATION',
    })
    expect(errorOf(() => sales().location('s3://b/').compile())).toMatchObject({
      other: 'STORED AS',
    })
    expect(errorOf(() => sales().storedAs('JSON' as never)).option).toBe(
      'STORED AS',
    )
    expect(
      errorOf(() =>
        table().tableProperties({ Compression_Type: 'gzip' } as never),
      ).option,
    ).toBe('TABLE PROPERTIES')
    expect(
      errorOf(() => table().tableProperties({ compression_type: 'lzo' }))
        .message,
    ).toContain('compression_type: the value is one of')
    expect(
      errorOf(() => table().tableProperties({ 'write.maxfilesize.mb': 7000 }))
        .message,
    ).toContain('5 to 6200')
    expect(
      errorOf(() =>
        sales().rowFormatDelimited().rowFormatSerde('org.example.Serde'),
      ),
    ).toMatchObject({
      option: 'ROW FORMAT DELIMITED',
      other: 'ROW FORMAT SERDE',
    })
    expect(
      errorOf(() => sales().rowFormatDelimited({ fieldsTerminatedBy: '||' }))
        .option,
    ).toBe('FIELDS TERMINATED BY')
    expect(errorOf(() => db.spectrum.createExternalTable('sales')).option).toBe(
      'table name',
    )
    expect(
      errorOf(() =>
        db.spectrum
          .createExternalTable('spectrum.t')
          .storedAs('PARQUET')
          .location('s3://b/')
          .compile(),
      ).option,
    ).toBe('column')
  })
})

describe('ALTER TABLE of an external table', () => {
  it('adds several partitions at once, IF NOT EXISTS, in partition column order', () => {
    const { sql } = db.spectrum
      .alterExternalTable(sales())
      .addPartition(
        { region: "o'hare", saledate: '2008-01-01' },
        's3://bucket/sales/saledate=2008-01-01/',
      )
      .addPartition(
        { saledate: new Date(Date.UTC(2008, 1, 1)), region: 'eu' },
        's3://bucket/sales/saledate=2008-02-01/',
      )
      .ifNotExists()
      .compile()
    expect(sql).toBe(
      `ALTER TABLE "spectrum"."sales" ADD IF NOT EXISTS ` +
        `PARTITION ("saledate"='2008-01-01', "region"='o''hare') LOCATION 's3://bucket/sales/saledate=2008-01-01/' ` +
        `PARTITION ("saledate"='2008-02-01', "region"='eu') LOCATION 's3://bucket/sales/saledate=2008-02-01/'`,
    )
  })

  it('compiles DROP PARTITION, PARTITION SET LOCATION, SET LOCATION, SET FILE FORMAT, SET TABLE PROPERTIES and ADD COLUMN', () => {
    const alter = () => db.spectrum.alterExternalTable('spectrum.sales')
    expect(
      alter().dropPartition({ saledate: '2008-01-01' }).compile().sql,
    ).toBe(
      `ALTER TABLE "spectrum"."sales" DROP PARTITION ("saledate"='2008-01-01')`,
    )
    expect(
      alter()
        .setPartitionLocation({ saledate: '2008-01-01', n: 7 }, 's3://b/p/')
        .compile().sql,
    ).toBe(
      `ALTER TABLE "spectrum"."sales" PARTITION ("saledate"='2008-01-01', "n"='7') SET LOCATION 's3://b/p/'`,
    )
    expect(alter().setLocation('s3://b/sales-v2/').compile().sql).toBe(
      `ALTER TABLE "spectrum"."sales" SET LOCATION 's3://b/sales-v2/'`,
    )
    expect(alter().setFileFormat('parquet').compile().sql).toBe(
      `ALTER TABLE "spectrum"."sales" SET FILE FORMAT PARQUET`,
    )
    expect(alter().setTableProperties({ numRows: 170000 }).compile().sql).toBe(
      `ALTER TABLE "spectrum"."sales" SET TABLE PROPERTIES ('numRows'='170000')`,
    )
    expect(alter().addColumn('commission', 'decimal(8,2)').compile().sql).toBe(
      `ALTER TABLE "spectrum"."sales" ADD COLUMN "commission" decimal(8,2)`,
    )
  })

  it('refuses partition values that do not match PARTITIONED BY, naming the column', () => {
    const alter = () => db.spectrum.alterExternalTable(sales())
    const cases: readonly [values: object, column: string, words: string][] = [
      [{ saledate: '2008-01-01' }, 'region', 'has no value'],
      [
        { saledate: '2008-01-01', region: 'eu', day: 1 },
        'day',
        'not a partition column',
      ],
      [{ saledate: 'January', region: 'eu' }, 'saledate', 'not a date'],
      [
        { saledate: '2008-01-01', region: 'a region too long' },
        'region',
        'longer than varchar(8)',
      ],
    ]
    for (const [values, column, words] of cases) {
      const error = errorOf(() =>
        alter().addPartition(values as never, 's3://b/p/'),
      ) as ExternalColumnError
      expect(error).toBeInstanceOf(ExternalColumnError)
      expect(error).toMatchObject({ option: 'PARTITION', column })
      expect(error.message).toContain(words)
    }
    const ints = db.spectrum.alterExternalTable(
      db.spectrum
        .createExternalTable('spectrum.t')
        .column('v', 'int')
        .partitionedBy({ year: 'smallint', ok: 'boolean' }),
    )
    expect(
      (
        errorOf(() =>
          ints.dropPartition({ year: 2008.5, ok: true }),
        ) as ExternalColumnError
      ).column,
    ).toBe('year')
    expect(ints.dropPartition({ year: 2008, ok: false }).compile().sql).toBe(
      `ALTER TABLE "spectrum"."t" DROP PARTITION ("year"='2008', "ok"='false')`,
    )
  })

  it('refuses a second action, IF NOT EXISTS without ADD PARTITION, and bad locations', () => {
    const alter = () => db.spectrum.alterExternalTable('spectrum.sales')
    expect(
      errorOf(() => alter().setLocation('s3://b/').setFileFormat('AVRO'))
        .option,
    ).toBe('action')
    // SET FILE FORMAT takes no ORC (r_ALTER_TABLE.html), though STORED AS does.
    expect(errorOf(() => alter().setFileFormat('ORC' as 'AVRO')).option).toBe(
      'SET FILE FORMAT',
    )
    expect(errorOf(() => alter().compile()).option).toBe('action')
    expect(
      errorOf(() => alter().setLocation('s3://b/').ifNotExists().compile())
        .option,
    ).toBe('IF NOT EXISTS')
    expect(
      errorOf(() => alter().addPartition({ d: '1' }, 'https://b/p/')).option,
    ).toBe('LOCATION')
    expect(errorOf(() => alter().addPartition({}, 's3://b/p/')).option).toBe(
      'PARTITION',
    )
    expect(
      (
        errorOf(() =>
          alter().addColumn('x', 'super' as never),
        ) as ExternalColumnError
      ).column,
    ).toBe('x')
  })
})

describe('DROP SCHEMA and DROP TABLE of external objects', () => {
  it('compiles every form', () => {
    expect(db.spectrum.dropExternalSchema('spectrum').compile().sql).toBe(
      'DROP SCHEMA "spectrum"',
    )
    expect(
      db.spectrum
        .dropExternalSchema('spectrum')
        .ifExists()
        .dropExternalDatabase()
        .cascade()
        .compile().sql,
    ).toBe('DROP SCHEMA IF EXISTS "spectrum" DROP EXTERNAL DATABASE CASCADE')
    expect(db.spectrum.dropExternalSchema('s').restrict().compile().sql).toBe(
      'DROP SCHEMA "s" RESTRICT',
    )
    expect(
      db.spectrum.dropExternalTable('spectrum.sales').ifExists().compile().sql,
    ).toBe('DROP TABLE IF EXISTS "spectrum"."sales"')
  })

  it('quotes names through the escaping module', () => {
    expect(db.spectrum.dropExternalTable('my "s".t').compile().sql).toBe(
      'DROP TABLE "my ""s"""."t"',
    )
  })
})
