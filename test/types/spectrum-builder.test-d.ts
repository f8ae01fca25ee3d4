import { describe, expectTypeOf, it } from 'vitest'

import {
  createRedshift,
  spectrum,
  type AlterExternalTableBuilder,
  type CreateExternalTableBuilder,
  type PartitionValues,
} from '../../src/index.js'

// The Spectrum builders' types: column types limited to what external
// tables take, partition values typed by the table's PARTITIONED BY. Never
// connects: type tests only compile.
const db = createRedshift('redshift://app@localhost:5439/dev')

const sales = db.spectrum
  .createExternalTable('spectrum.sales')
  .columns({ salesid: 'integer', pricepaid: 'decimal(8,2)' })
  .partitionedBy({ saledate: 'date', year: 'smallint', ok: 'boolean' })
  .storedAs('PARQUET')
  .location('s3://bucket/sales/')

describe('Spectrum builders', () => {
  it('are on the client and on any Kysely instance', () => {
    expectTypeOf(db.spectrum).toEqualTypeOf(spectrum(db))
    expectTypeOf(sales).toEqualTypeOf<
      CreateExternalTableBuilder<
        { salesid: 'integer'; pricepaid: 'decimal(8,2)' },
        { saledate: 'date'; year: 'smallint'; ok: 'boolean' }
      >
    >()
  })

  it('type partition values by the table definition', () => {
    const alter = db.spectrum.alterExternalTable(sales)
    expectTypeOf(alter).toEqualTypeOf<
      AlterExternalTableBuilder<{
        saledate: 'date'
        year: 'smallint'
        ok: 'boolean'
      }>
    >()
    void alter.addPartition(
      { saledate: new Date(), year: 2008, ok: true },
      's3://bucket/sales/2008/',
    )
    void alter.dropPartition({
      saledate: '2008-01-01',
      year: '2008',
      ok: false,
    })
    // @ts-expect-error a partition column is missing
    void alter.dropPartition({ saledate: '2008-01-01', year: 2008 })
    // @ts-expect-error ok is a boolean
    void alter.dropPartition({ saledate: '2008-01-01', year: 2008, ok: 'yes' })
    // @ts-expect-error not a partition column
    void alter.dropPartition({ saledate: 'd', year: 1, ok: true, salesid: 1 })
  })

  it('take any values for a table known by name', () => {
    expectTypeOf<
      Parameters<
        ReturnType<typeof db.spectrum.alterExternalTable>['dropPartition']
      >[0]
    >().toEqualTypeOf<PartitionValues<Record<string, 'date'>>>()
    void db.spectrum
      .alterExternalTable('spectrum.sales')
      .dropPartition({ anything: 1 })
  })

  it('refuse column types external tables cannot take, and unknown formats', () => {
    // @ts-expect-error SUPER is not an external type
    void db.spectrum.createExternalTable('spectrum.t').column('p', 'super')
    const table = db.spectrum.createExternalTable('spectrum.t')
    // @ts-expect-error TIMESTAMPTZ is not an external type
    void table.columns({ t: 'timestamptz' })
    // @ts-expect-error JSON is not a STORED AS format
    void db.spectrum.createExternalTable('spectrum.t').storedAs('JSON')
    // @ts-expect-error not a documented table property
    void sales.tableProperties({ compression: 'gzip' })
  })
})
