import { sql } from 'kysely'
import { Node, Project, type TypeNode } from 'ts-morph'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { introspect } from '../../codegen/introspect/index.js'
import type {
  RelationModel,
  SchemaModel,
} from '../../codegen/model/schema-model.js'
import { columnType } from '../../codegen/render/column-type.js'
import { resolveRenderOptions } from '../../codegen/render/render-options.js'
import { createRedshift, type RedshiftClient } from '../../src/client.js'
import {
  REDSHIFT_TYPES,
  resolveColumnType,
  type TypeParserOptions,
} from '../../src/types/index.js'
import type { DB } from '../fixtures/codegen/emulator-db.js'
import {
  EMULATOR_SCHEMA,
  LONG_NAME,
} from '../fixtures/codegen/emulator-schema.js'
import {
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'

// For both reading options of the client, every column of every relation of
// the emulator schema holds a non-null value, is read back through the SDK,
// and is checked against the select type the renderer writes for it under
// the same options. The renderer's helpers (`Int8`, `Timestamp`...) are
// resolved through their definitions in src/types/column-types.ts, so a
// helper whose select half drifted from the driver fails here too.

const SETTINGS: readonly TypeParserOptions[] = [
  { int8: 'bigint', numeric: 'string' },
  { int8: 'string', numeric: 'number' },
]

/** A runtime check for each select type text the renderer may write. */
const PREDICATES: Readonly<Record<string, (value: unknown) => boolean>> = {
  bigint: (v) => typeof v === 'bigint',
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  Date: (v) => v instanceof Date && !Number.isNaN(v.getTime()),
  Buffer: (v) => Buffer.isBuffer(v),
  JsonValue: isJsonValue,
  // The `@type` tag on public.events.payload.
  '{ items: string[] }': (v) =>
    isPlainObject(v) &&
    Object.keys(v).join() === 'items' &&
    Array.isArray(v['items']) &&
    v['items'].every((item) => typeof item === 'string'),
}

/** The select type of each helper in src/types/column-types.ts, by name. */
const HELPER_SELECT_TYPES = readHelperSelectTypes()

describe('values read back through the SDK have the generated types', () => {
  let emulator: EmulatorDatabase

  beforeAll(async () => {
    emulator = await openEmulatorDatabase(
      'codegen_runtime_types',
      EMULATOR_SCHEMA,
    )
    const db = createRedshift<DB>(emulator.url)
    try {
      await insertRows(db)
    } finally {
      await db.close()
    }
  })
  afterAll(() => emulator?.close())

  it('resolves each helper to the select type of the type table', () => {
    for (const info of REDSHIFT_TYPES) {
      for (const options of SETTINGS) {
        const text = resolveColumnType(info, options)
        if (text.helper === undefined) continue
        expect(HELPER_SELECT_TYPES.get(text.helper), text.helper).toBe(
          text.select,
        )
      }
    }
  })

  describe.each(SETTINGS)('with types %o', (types) => {
    let db: RedshiftClient<any>
    let model: SchemaModel

    beforeAll(async () => {
      db = createRedshift<any>({ url: emulator.url, types })
      model = await introspect(db)
    })
    afterAll(() => db?.close())

    it('covers every relation of the schema', () => {
      expect(model.relations.map((r) => `${r.schema}.${r.name}`)).toEqual([
        'analytics.events',
        'public.all_types',
        'public.clicks',
        'public.daily',
        'public.event_names',
        'public.events',
        'public.late_events',
        'public.mixedcase',
        'public.open',
        `public.${LONG_NAME}`,
      ])
    })

    it('reads every column of every relation as its generated select type', async () => {
      let checked = 0
      for (const relation of model.relations) {
        const row = await readRow(db, relation)
        expect(Object.keys(row), relation.name).toEqual(
          relation.columns.map((c) => c.name),
        )
        for (const column of relation.columns) {
          const where = `${relation.schema}.${relation.name}.${column.name}`
          const rendered = columnType(column, resolveRenderOptions(types))
          const selectTypes = selectTypesOf(rendered.type)
          const value = row[column.name]
          expect(value, `${where} is null`).not.toBeNull()
          for (const type of selectTypes) {
            expect(
              PREDICATES[type],
              `${where}: no runtime check for \`${type}\` (rendered \`${rendered.type}\`)`,
            ).toBeDefined()
          }
          expect(
            selectTypes.some((type) => PREDICATES[type]!(value)),
            `${where}: ${describeValue(value)} is not \`${selectTypes.join(' | ')}\` (rendered \`${rendered.type}\`)`,
          ).toBe(true)
          checked++
        }
      }
      expect(checked).toBe(46)
    })

    // `JsonValue` admits a string, so SUPER text the driver failed to parse
    // would pass the check above: the objects must come back as objects.
    it('reads SUPER values as parsed JSON, not as their text', async () => {
      const all = await db
        .selectFrom('all_types')
        .select('c_super')
        .executeTakeFirstOrThrow()
      expect(all.c_super).toEqual({ a: [1, 'x', null] })
      const late = await db
        .selectFrom('late_events')
        .select('payload')
        .executeTakeFirstOrThrow()
      expect(late.payload).toEqual({ items: ['a', 'b'] })
    })
  })
})

/**
 * Inserts one row with a value in every column of every table (IDENTITY
 * columns take theirs from the database), then refreshes the materialized
 * view, so that every column of every relation reads back non-null.
 */
async function insertRows(db: RedshiftClient<DB>): Promise<void> {
  await db
    .insertInto('all_types')
    .values({
      c_smallint: 1,
      c_integer: 2,
      c_bigint: '9007199254740993',
      c_decimal: '1234567890.12',
      c_real: 1.5,
      c_double: 2.25,
      c_boolean: true,
      c_char: 'abc',
      c_varchar: 'varchar',
      c_varchar_max: 'varchar max',
      c_date: '2024-02-29',
      c_time: '12:34:56',
      c_timetz: '12:34:56+02',
      c_timestamp: '2024-02-29 12:34:56.789',
      c_timestamptz: new Date('2024-02-29T10:34:56Z'),
      c_ym: sql<string>`interval '1-2' year to month`,
      c_ds: sql<string>`interval '3 04:05:06' day to second`,
      c_varbyte: Buffer.from([0xab, 0xcd, 0x00]),
      c_super: sql`json_parse(${JSON.stringify({ a: [1, 'x', null] })})`,
      // POINT(1 2) as hex EWKB, which Redshift takes for GEOMETRY.
      c_geometry: '0101000000000000000000F03F0000000000000040',
      c_geography: '0101000000000000000000F03F0000000000000040',
      c_hll:
        '{"version":1,"logm":15,"sparse":{"indices":[4878,9559],"values":[1,2]}}',
    })
    .execute()
  await db
    .insertInto('events')
    .values({
      seq: 1,
      eventname: 'signup',
      region: 'eu',
      created_at: new Date('2024-02-29T12:00:00Z'),
      payload: sql`json_parse(${JSON.stringify({ items: ['a', 'b'] })})`,
    })
    .execute()
  await db.insertInto('analytics.events').values({ id: 1, kind: 'k' }).execute()
  await db
    .insertInto('clicks')
    .values({ a: 1, b: 2, c: 'c', d: '2024-02-29' })
    .execute()
  await db
    .insertInto('open')
    .values({ timestamp: new Date(0), offset: 3, tag: 't' })
    .execute()
  await db.insertInto('mixedcase').values({ camelcolumn: 4 }).execute()
  await db
    .insertInto(
      'éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééx',
    )
    .values({ a: 5 })
    .execute()
  await sql`refresh materialized view public.daily`.execute(db)
}

/** The one row of a relation, every column selected. */
async function readRow(
  db: RedshiftClient<any>,
  relation: RelationModel,
): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom(`${relation.schema}.${relation.name}`)
    .selectAll()
    .execute()
  expect(rows, `${relation.schema}.${relation.name}`).toHaveLength(1)
  return rows[0] as Record<string, unknown>
}

/**
 * The select types of a rendered property type, for a non-null value:
 * `Generated<...>` and `GeneratedAlways<...>` unwrapped, `null` left out,
 * helpers resolved to their select type, `ColumnType<S, I, U>` to `S`.
 */
function selectTypesOf(typeText: string): string[] {
  const project = new Project({ useInMemoryFileSystem: true })
  const file = project.createSourceFile('column.ts', `type T = ${typeText}`)
  return selectTypesOfNode(file.getTypeAliasOrThrow('T').getTypeNodeOrThrow())
}

function selectTypesOfNode(node: TypeNode): string[] {
  if (Node.isParenthesizedTypeNode(node)) {
    return selectTypesOfNode(node.getTypeNode())
  }
  if (Node.isUnionTypeNode(node)) {
    return node
      .getTypeNodes()
      .filter((member) => member.getText() !== 'null')
      .flatMap(selectTypesOfNode)
  }
  if (Node.isTypeReference(node)) {
    const name = node.getTypeName().getText()
    const [first] = node.getTypeArguments()
    if (
      first !== undefined &&
      (name === 'Generated' ||
        name === 'GeneratedAlways' ||
        name === 'ColumnType')
    ) {
      return selectTypesOfNode(first)
    }
    // A type with a check of its own (`JsonValue`) is not taken apart.
    const helper = HELPER_SELECT_TYPES.get(name)
    if (helper !== undefined && PREDICATES[name] === undefined) {
      return selectTypesOf(helper)
    }
  }
  return [node.getText()]
}

/**
 * Reads src/types/column-types.ts: for each exported type alias, its select
 * type (the first argument of `ColumnType<S, I, U>`, or the alias itself).
 */
function readHelperSelectTypes(): ReadonlyMap<string, string> {
  const project = new Project({ skipAddingFilesFromTsConfig: true })
  const file = project.addSourceFileAtPath(
    new URL('../../src/types/column-types.ts', import.meta.url).pathname,
  )
  const helpers = new Map<string, string>()
  for (const alias of file.getTypeAliases()) {
    if (!alias.isExported()) continue
    const node = alias.getTypeNodeOrThrow()
    const [first] = Node.isTypeReference(node) ? node.getTypeArguments() : []
    const select =
      Node.isTypeReference(node) &&
      node.getTypeName().getText() === 'ColumnType' &&
      first !== undefined
        ? first.getText()
        : node.getText()
    helpers.set(alias.getName(), select)
  }
  return helpers
}

/** A value `JSON.stringify` and `JSON.parse` give back unchanged. */
function isJsonValue(value: unknown): boolean {
  if (value === null || typeof value === 'string') return true
  if (typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every(isJsonValue)
  return isPlainObject(value) && Object.values(value).every(isJsonValue)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  )
}

function describeValue(value: unknown): string {
  const type =
    value === null
      ? 'null'
      : typeof value === 'object'
        ? (Object.getPrototypeOf(value)?.constructor?.name ?? 'object')
        : typeof value
  return `${type} ${String(value)}`
}
