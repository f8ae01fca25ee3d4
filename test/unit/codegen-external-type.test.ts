import { describe, expect, it } from 'vitest'

import { redshiftTypeOfExternal } from '../../codegen/introspect/external-type.js'
import { columnType } from '../../codegen/render/column-type.js'
import { resolveRenderOptions } from '../../codegen/render/render-options.js'
import { columnModel } from '../../codegen/model/column-model.js'

// The Hive types SVV_EXTERNAL_COLUMNS shows, as the Redshift types the one
// type table in src/types knows, and the TypeScript each renders as.
describe('external column types in codegen', () => {
  const options = resolveRenderOptions({})
  const rendered = (external: string) =>
    columnType(
      columnModel({
        name: 'c',
        ordinal: 1,
        dataType: redshiftTypeOfExternal(external),
        nullable: false,
      }),
      options,
    )

  it.each([
    ['tinyint', 'smallint', 'number'],
    ['smallint', 'smallint', 'number'],
    ['int', 'integer', 'number'],
    ['bigint', 'bigint', 'Int8'],
    ['float', 'real', 'number'],
    ['double', 'double precision', 'number'],
    ['boolean', 'boolean', 'boolean'],
    ['date', 'date', 'DateString'],
    ['timestamp', 'timestamp without time zone', 'Timestamp'],
    ['decimal(8, 2)', 'numeric(8,2)', 'Numeric'],
    ['varchar(20)', 'character varying(20)', 'string'],
    ['char(2)', 'character(2)', 'string'],
    ['string', 'character varying', 'string'],
  ])('%s is %s, typed %s', (external, redshift, typescript) => {
    expect(redshiftTypeOfExternal(external)).toBe(redshift)
    expect(rendered(external)).toMatchObject({
      type: typescript,
      warnings: [],
    })
  })

  it('keeps a nested type as it is: unknown, with a warning', () => {
    expect(redshiftTypeOfExternal('array<int>')).toBe('array<int>')
    const column = rendered('struct<a:int>')
    expect(column.type).toBe('unknown')
    expect(column.warnings).toEqual([
      'Unknown Redshift type `struct<a:int>`: typed `unknown`.',
    ])
  })
})
