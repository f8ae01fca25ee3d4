import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { generate } from '../../codegen/index.js'
import { introspect } from '../../codegen/introspect/index.js'
import { parseSchemaModel } from '../../codegen/model/parse-schema-model.js'
import type { SchemaModel } from '../../codegen/model/schema-model.js'
import { createRedshift } from '../../src/client.js'
import { SPECTRUM_SCHEMA } from '../fixtures/codegen/spectrum-schema.js'
import {
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'

/** The checked-in output of codegen for {@link SPECTRUM_SCHEMA}, type-tested in test/types. */
const OUT_FILE = fileURLToPath(
  new URL('../fixtures/codegen/spectrum-db.ts', import.meta.url),
)

describe('codegen of Spectrum external tables, through the emulator', () => {
  let emulator: EmulatorDatabase
  let model: SchemaModel

  beforeAll(async () => {
    emulator = await openEmulatorDatabase('codegen_spectrum', SPECTRUM_SCHEMA)
    const db = createRedshift(emulator.url)
    try {
      model = await introspect(db)
    } finally {
      await db.close()
    }
  })
  afterAll(() => emulator?.close())

  it('reads external tables from SVV_EXTERNAL_TABLES / COLUMNS, partition columns included', () => {
    expect(
      model.relations.map((r) => [`${r.schema}.${r.name}`, r.kind]),
    ).toEqual([
      ['archive.sales_2008', 'external-table'],
      ['public.local_sales', 'table'],
      ['spectrum.events', 'external-table'],
      ['spectrum.sales', 'external-table'],
    ])
    const sales = model.relations.find((r) => r.name === 'sales')!
    expect(
      sales.columns.map((c) => [c.name, c.dataType, c.partitionKey]),
    ).toEqual([
      ['salesid', 'integer', 0],
      ['qtysold', 'smallint', 0],
      ['buyerid', 'bigint', 0],
      ['pricepaid', 'numeric(8,2)', 0],
      ['commission', 'real', 0],
      ['ratio', 'double precision', 0],
      ['paid', 'boolean', 0],
      ['eventname', 'character varying(200)', 0],
      ['code', 'character(2)', 0],
      ['saletime', 'timestamp without time zone', 0],
      ['caldate', 'date', 0],
      ['saledate', 'date', 1],
      ['region', 'character varying(8)', 2],
    ])
    expect(sales.columns.every((c) => c.nullable)).toBe(true)
    expect(sales.external).toEqual({
      location: 's3://bucket/tickit/spectrum/sales/',
      inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      outputFormat:
        'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      serializationLib: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
      serdeParameters: '{"field.delim":"|","serialization.format":"|"}',
      compressed: false,
      parameters: '{"EXTERNAL":"TRUE"}',
    })
    // The model round-trips through a snapshot.
    expect(
      parseSchemaModel(JSON.parse(JSON.stringify(model)), 'snapshot'),
    ).toEqual(model)
  })

  it('applies the include and exclude patterns to external tables', async () => {
    const only = await generate({
      url: emulator.url,
      print: true,
      includePattern: ['spectrum.*'],
      excludePattern: ['*.events'],
    })
    expect(only.relations).toBe(1)
    expect(only.output).toContain("'spectrum.sales': SpectrumSales")
    expect(only.output).not.toContain('archive')
    expect(only.output).not.toContain('events')
  })

  // The file is verified, never written, here: test/types/codegen-spectrum-db.test-d.ts
  // type-checks queries against it, so what it checks is what codegen writes.
  it('writes test/fixtures/codegen/spectrum-db.ts byte for byte, external tables read-only', async () => {
    const result = await generate({
      url: emulator.url,
      outFile: OUT_FILE,
      importFrom: '../../../src/index.js',
      verify: true,
    })
    expect(result.diff ?? '', 'the fixture is stale').toBe('')
    expect(result.action).toBe('verified')
    expect(result.relations).toBe(4)
    expect(result.output).toMatch(
      /export interface SpectrumSales extends ReadOnlyRelation \{/,
    )
    expect(result.output).toContain('`date PARTITION KEY(1)`')
    expect(result.output).not.toMatch(/LocalSales extends ReadOnlyRelation/)
  })
})
