import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { createRedshift, type RedshiftClient } from '../../src/client.js'
import { CodegenError } from '../../codegen/errors/codegen-error.js'
import { detectServer, introspect } from '../../codegen/introspect/index.js'
import { columnModel } from '../../codegen/model/column-model.js'
import { freePort } from '../../src/local/runtime/embedded-postgres.js'
import {
  schemaModelSchema,
  type ColumnModel,
  type RelationModel,
  type SchemaModel,
} from '../../codegen/model/schema-model.js'
import {
  EMULATOR_SCHEMA,
  LONG_NAME,
} from '../fixtures/codegen/emulator-schema.js'
import {
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'

describe('introspect', () => {
  let emulator: EmulatorDatabase
  let db: RedshiftClient<any>
  let model: SchemaModel

  beforeAll(async () => {
    emulator = await openEmulatorDatabase('codegen_introspect', EMULATOR_SCHEMA)
    db = createRedshift(emulator.url)
    model = await introspect(db)
  })
  afterAll(async () => {
    await db?.close()
    await emulator?.close()
  })

  it('reads the source and every user relation, sorted, temporary tables left out', () => {
    expect(model.version).toBe(1)
    expect(model.source).toEqual({
      kind: 'emulator',
      database: emulator.db.name,
    })
    expect(model.relations.map((r) => [r.schema, r.name, r.kind])).toEqual([
      ['analytics', 'events', 'table'],
      ['public', 'all_types', 'table'],
      ['public', 'clicks', 'table'],
      ['public', 'daily', 'materialized-view'],
      ['public', 'event_names', 'view'],
      ['public', 'events', 'table'],
      ['public', 'late_events', 'late-binding-view'],
      ['public', 'mixedcase', 'table'],
      ['public', 'open', 'table'],
      ['public', LONG_NAME, 'table'],
    ])
    expect(schemaModelSchema.parse(model)).toEqual(model)
  })

  it('gives every column type as the catalog prints it', () => {
    expect(relation('public', 'all_types')).toEqual({
      schema: 'public',
      name: 'all_types',
      kind: 'table',
      comment: null,
      distStyle: 'AUTO',
      sortKeyKind: null,
      columns: [
        ['c_smallint', 'smallint', 'az64'],
        ['c_integer', 'integer', 'az64'],
        ['c_bigint', 'bigint', 'az64'],
        ['c_decimal', 'numeric(12,2)', 'az64'],
        ['c_real', 'real', 'none'],
        ['c_double', 'double precision', 'none'],
        ['c_boolean', 'boolean', 'none'],
        ['c_char', 'character(10)', 'lzo'],
        ['c_varchar', 'character varying(40)', 'lzo'],
        ['c_varchar_max', 'character varying(65535)', 'lzo'],
        ['c_date', 'date', 'az64'],
        ['c_time', 'time without time zone', 'az64'],
        ['c_timetz', 'time with time zone', 'az64'],
        ['c_timestamp', 'timestamp without time zone', 'az64'],
        ['c_timestamptz', 'timestamp with time zone', 'az64'],
        ['c_ym', 'interval year to month', 'none'],
        ['c_ds', 'interval day to second', 'none'],
        ['c_varbyte', 'varbyte(100)', 'none'],
        ['c_super', 'super', 'none'],
        // The default encoding for GEOMETRY and GEOGRAPHY is RAW (spatial-limitations.html).
        ['c_geometry', 'geometry', 'none'],
        ['c_geography', 'geography', 'none'],
        ['c_hll', 'hllsketch', 'lzo'],
      ].map(([name, dataType, encoding], i) =>
        column(name!, i + 1, dataType!, { encoding: encoding! }),
      ),
    })
  })

  it('reads identities, defaults, NOT NULL, comments, DISTKEY, compound SORTKEY and ENCODE', () => {
    expect(relation('public', 'events')).toEqual({
      schema: 'public',
      name: 'events',
      kind: 'table',
      comment: 'Everything that happened',
      distStyle: 'KEY',
      sortKeyKind: 'compound',
      columns: [
        column('id', 1, 'bigint', {
          nullable: false,
          identity: { generation: 'always', seed: 1, step: 1 },
          encoding: 'none',
          sortKeyPosition: 2,
        }),
        column('seq', 2, 'integer', {
          nullable: false,
          identity: { generation: 'by-default', seed: 100, step: 5 },
          encoding: 'az64',
        }),
        column('eventname', 3, 'character varying(64)', {
          nullable: false,
          default: "'unnamed'::character varying",
          encoding: 'zstd',
        }),
        column('region', 4, 'character varying(16)', {
          nullable: false,
          encoding: 'lzo',
          distKey: true,
        }),
        column('created_at', 5, 'timestamp without time zone', {
          default: 'getdate()',
          encoding: 'az64',
          sortKeyPosition: 1,
        }),
        column('payload', 6, 'super', {
          comment: '@type { items: string[] }',
          encoding: 'none',
        }),
      ],
    })
  })

  it('marks every column of an interleaved sort key negative', () => {
    const clicks = relation('public', 'clicks')
    expect([clicks.distStyle, clicks.sortKeyKind]).toEqual([
      'EVEN',
      'interleaved',
    ])
    expect(clicks.columns.map((c) => [c.name, c.sortKeyPosition])).toEqual([
      ['a', -1],
      ['b', -2],
      ['c', 0],
      ['d', -3],
    ])
  })

  it('reads views, late-binding views and materialized views without physical attributes', () => {
    expect(relation('public', 'event_names')).toEqual({
      schema: 'public',
      name: 'event_names',
      kind: 'view',
      comment: null,
      distStyle: null,
      sortKeyKind: null,
      columns: [
        column('id', 1, 'bigint'),
        column('eventname', 2, 'character varying(64)'),
      ],
    })
    expect(relation('public', 'late_events')).toEqual({
      schema: 'public',
      name: 'late_events',
      kind: 'late-binding-view',
      comment: null,
      distStyle: null,
      sortKeyKind: null,
      columns: [
        column('id', 1, 'bigint'),
        column('region', 2, 'character varying(16)'),
        column('payload', 3, 'super'),
      ],
    })
    expect(relation('public', 'daily')).toEqual({
      schema: 'public',
      name: 'daily',
      kind: 'materialized-view',
      comment: null,
      distStyle: null,
      sortKeyKind: null,
      columns: [
        column('region', 1, 'character varying(16)', { encoding: 'lzo' }),
        column('n', 2, 'bigint', { encoding: 'az64' }),
      ],
    })
  })

  it('keeps names as the catalog folds them: mixed case, reserved words, long names, two schemas', () => {
    expect(relation('public', 'mixedcase').columns.map((c) => c.name)).toEqual([
      'camelcolumn',
    ])
    const open = relation('public', 'open')
    expect(open.distStyle).toBe('ALL')
    expect(open.columns.map((c) => c.name)).toEqual([
      'timestamp',
      'offset',
      'tag',
    ])
    expect(relation('public', LONG_NAME).columns.map((c) => c.name)).toEqual([
      'a',
    ])
    expect(relation('analytics', 'events').columns).toEqual([
      column('id', 1, 'integer', { nullable: false, encoding: 'az64' }),
      column('kind', 2, 'character varying(10)', { encoding: 'lzo' }),
    ])
  })

  it('reads only the schemas asked for, and gives the same JSON every time', async () => {
    const only = await introspect(db, { schemas: ['analytics'] })
    expect(only.relations.map((r) => `${r.schema}.${r.name}`)).toEqual([
      'analytics.events',
    ])
    expect(JSON.stringify(await introspect(db))).toBe(JSON.stringify(model))
    expect((await introspect(db, { schemas: [] })).relations).toEqual([])
  })

  function relation(schema: string, name: string): RelationModel {
    const found = model.relations.find(
      (r) => r.schema === schema && r.name === name,
    )
    if (!found) throw new Error(`no relation ${schema}.${name}`)
    return found
  }
})

describe('detectServer', () => {
  it('says emulator, with the database and the Redshift version, on the emulator', async () => {
    const db = createRedshift<any>(inject('redshiftUrl'))
    try {
      expect(await detectServer(db)).toEqual({
        kind: 'emulator',
        database: 'dev',
        version: expect.stringMatching(/^1\.0\.\d+$/),
      })
    } finally {
      await db.close()
    }
  })

  it('refuses plain PostgreSQL, naming it', async () => {
    const db = createRedshift<any>(inject('databaseUrl'))
    try {
      const error = await detectServer(db).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CodegenError)
      expect((error as CodegenError).code).toBe('unsupported-database')
      expect((error as CodegenError).message).toMatch(
        /^PostgreSQL \d+\.\d+, not Amazon Redshift/,
      )
      await expect(introspect(db)).rejects.toMatchObject({
        code: 'unsupported-database',
      })
    } finally {
      await db.close()
    }
  })

  it('says unreachable when nothing listens', async () => {
    const url = new URL(inject('redshiftUrl'))
    url.port = String(await freePort())
    const db = createRedshift<any>(url.toString())
    try {
      await expect(detectServer(db)).rejects.toMatchObject({
        code: 'unreachable',
      })
    } finally {
      await db.close()
    }
  })
})

function column(
  name: string,
  ordinal: number,
  dataType: string,
  overrides: Partial<ColumnModel> = {},
): ColumnModel {
  return columnModel({ name, ordinal, dataType, ...overrides })
}
