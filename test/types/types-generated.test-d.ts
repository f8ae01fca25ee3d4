import type {
  ColumnType,
  Insertable,
  Generated as KyselyGenerated,
  GeneratedAlways as KyselyGeneratedAlways,
  Selectable,
  Updateable,
} from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import type {
  Generated as RootGenerated,
  GeneratedAlways as RootGeneratedAlways,
} from '../../src/index.js'
import { createMockRedshift } from '../../src/testing/index.js'
import type {
  DateString,
  Generated,
  GeneratedAlways,
  GeometryHex,
  Int8,
  Int8AsString,
  Int8Input,
  JsonValue,
  Numeric,
  NumericAsNumber,
  NumericInput,
  Super,
  SuperInput,
  TimeString,
  Timestamp,
  Timestamptz,
  VarByte,
} from '../../src/types/index.js'

// Every column type src/types/column-types.ts exports, one column each.
interface Columns {
  int8: Int8
  int8_as_string: Int8AsString
  numeric: Numeric
  numeric_as_number: NumericAsNumber
  super: Super
  varbyte: VarByte
  timestamp: Timestamp
  timestamptz: Timestamptz
  date: DateString
  time: TimeString
  geometry: GeometryHex
}

// What the driver returns for each column: what a select must be typed as,
// whichever helper wraps the column.
interface Selected {
  int8: bigint
  int8_as_string: string
  numeric: string
  numeric_as_number: number
  super: JsonValue
  varbyte: Buffer
  timestamp: Date
  timestamptz: Date
  date: string
  time: string
  geometry: string
}

// What an insert or update accepts for each column.
interface Inputs {
  int8: Int8Input
  int8_as_string: Int8Input
  numeric: NumericInput
  numeric_as_number: NumericInput
  super: SuperInput
  varbyte: Buffer
  timestamp: Date | string
  timestamptz: Date | string
  date: string
  time: string
  geometry: string
}

// Every table also has one plain required column, so that an insert or
// update naming a column it may not set meets an object type with keys
// (an object literal is never too wide for `{}`, so a table made only of
// GeneratedAlways columns would accept anything).
interface Label {
  label: string
}

interface DB {
  plain: Columns & Label
  generated: { [K in keyof Columns]: Generated<Columns[K]> } & Label
  always: { [K in keyof Columns]: GeneratedAlways<Columns[K]> } & Label
}

interface SelectedRow extends Selected, Label {}

/** `Insertable` and `Updateable` of columns that may be left out. */
type Optional<T> = { [K in keyof T]?: T[K] | undefined }

// Kysely's Insertable is `object & {required} & {optional}`; one flat object
// type on both sides lets toEqualTypeOf compare the columns alone.
type Flat<T> = { [K in keyof T]: T[K] }

// Type-only: test-d files are type-checked, never run, so no database.
const db = createMockRedshift<DB>().db

describe('Generated and GeneratedAlways', () => {
  it('unwrap our column types into one ColumnType', () => {
    expectTypeOf<Generated<Int8>>().toEqualTypeOf<
      ColumnType<bigint, Int8Input | undefined, Int8Input>
    >()
    expectTypeOf<Generated<Timestamp>>().toEqualTypeOf<
      ColumnType<Date, Date | string | undefined, Date | string>
    >()
    expectTypeOf<GeneratedAlways<Int8>>().toEqualTypeOf<
      ColumnType<bigint, never, never>
    >()
    expectTypeOf<GeneratedAlways<Numeric>>().toEqualTypeOf<
      ColumnType<string, never, never>
    >()
  })

  it('are exactly Kysely’s for plain types', () => {
    expectTypeOf<Generated<number>>().toEqualTypeOf<KyselyGenerated<number>>()
    expectTypeOf<Generated<number>>().toEqualTypeOf<
      ColumnType<number, number | undefined, number>
    >()
    expectTypeOf<Generated<boolean>>().toEqualTypeOf<KyselyGenerated<boolean>>()
    expectTypeOf<Generated<string | null>>().toEqualTypeOf<
      KyselyGenerated<string | null>
    >()
    expectTypeOf<Generated<DateString>>().toEqualTypeOf<
      KyselyGenerated<string>
    >()
    expectTypeOf<GeneratedAlways<number>>().toEqualTypeOf<
      KyselyGeneratedAlways<number>
    >()
    expectTypeOf<GeneratedAlways<number>>().toEqualTypeOf<
      ColumnType<number, never, never>
    >()
    expectTypeOf<GeneratedAlways<JsonValue>>().toEqualTypeOf<
      KyselyGeneratedAlways<JsonValue>
    >()
  })

  it('keep null in every half of a nullable column type', () => {
    expectTypeOf<Generated<Int8 | null>>().toEqualTypeOf<
      ColumnType<bigint | null, Int8Input | null | undefined, Int8Input | null>
    >()
    expectTypeOf<GeneratedAlways<Timestamp | null>>().toEqualTypeOf<
      ColumnType<Date | null, never, never>
    >()
  })

  it('are idempotent and unwrap Kysely’s own helpers too', () => {
    expectTypeOf<Generated<Generated<Int8>>>().toEqualTypeOf<Generated<Int8>>()
    expectTypeOf<Generated<KyselyGenerated<number>>>().toEqualTypeOf<
      KyselyGenerated<number>
    >()
    expectTypeOf<GeneratedAlways<Generated<Int8>>>().toEqualTypeOf<
      GeneratedAlways<Int8>
    >()
  })

  it('are exported from the package root', () => {
    expectTypeOf<RootGenerated<Int8>>().toEqualTypeOf<Generated<Int8>>()
    expectTypeOf<RootGeneratedAlways<Int8>>().toEqualTypeOf<
      GeneratedAlways<Int8>
    >()
  })
})

describe('selects', () => {
  it('give the plain type of every column, wrapped or not', () => {
    expectTypeOf<Selectable<DB['plain']>>().toEqualTypeOf<SelectedRow>()
    expectTypeOf<Selectable<DB['generated']>>().toEqualTypeOf<SelectedRow>()
    expectTypeOf<Selectable<DB['always']>>().toEqualTypeOf<SelectedRow>()
  })

  it('type query results with the plain types', () => {
    expectTypeOf(
      db.selectFrom('plain').selectAll().executeTakeFirstOrThrow(),
    ).resolves.toEqualTypeOf<SelectedRow>()
    expectTypeOf(
      db.selectFrom('generated').selectAll().executeTakeFirstOrThrow(),
    ).resolves.toEqualTypeOf<SelectedRow>()
    expectTypeOf(
      db.selectFrom('always').selectAll().executeTakeFirstOrThrow(),
    ).resolves.toEqualTypeOf<SelectedRow>()
    expectTypeOf(
      db
        .selectFrom('generated')
        .select(['int8', 'timestamp', 'numeric'])
        .executeTakeFirstOrThrow(),
    ).resolves.toEqualTypeOf<{
      int8: bigint
      timestamp: Date
      numeric: string
    }>()
  })

  it('a selected Generated<Int8> is a bigint, not the column type', () => {
    expectTypeOf<Selectable<DB['generated']>['int8']>().toEqualTypeOf<bigint>()
    expectTypeOf<Selectable<DB['always']>['int8']>().toEqualTypeOf<bigint>()
  })
})

describe('where clauses', () => {
  // One chain per table: a union of tables would accept a value that fits
  // any one of them and could not catch a wrong select type.
  it('compare every column with its plain type', () => {
    const buffer = Buffer.from('ab')
    const at = new Date()
    for (const query of [
      db
        .selectFrom('plain')
        .where('int8', '=', 1n)
        .where('int8_as_string', '=', '1')
        .where('numeric', '=', '1.10')
        .where('numeric_as_number', '=', 1.1)
        .where('super', '=', { a: 1 })
        .where('varbyte', '=', buffer)
        .where('timestamp', '=', at)
        .where('timestamptz', '=', at)
        .where('date', '=', '2024-01-01')
        .where('time', '=', '12:00:00')
        .where('geometry', '=', '0101'),
      db
        .selectFrom('generated')
        .where('int8', '=', 1n)
        .where('int8_as_string', '=', '1')
        .where('numeric', '=', '1.10')
        .where('numeric_as_number', '=', 1.1)
        .where('super', '=', { a: 1 })
        .where('varbyte', '=', buffer)
        .where('timestamp', '=', at)
        .where('timestamptz', '=', at)
        .where('date', '=', '2024-01-01')
        .where('time', '=', '12:00:00')
        .where('geometry', '=', '0101'),
      db
        .selectFrom('always')
        .where('int8', '=', 1n)
        .where('int8_as_string', '=', '1')
        .where('numeric', '=', '1.10')
        .where('numeric_as_number', '=', 1.1)
        .where('super', '=', { a: 1 })
        .where('varbyte', '=', buffer)
        .where('timestamp', '=', at)
        .where('timestamptz', '=', at)
        .where('date', '=', '2024-01-01')
        .where('time', '=', '12:00:00')
        .where('geometry', '=', '0101'),
    ]) {
      expectTypeOf(query.compile().sql).toBeString()
    }
  })

  it('take lists and refuse values of another type', () => {
    db.selectFrom('generated').where('int8', 'in', [1n, 2n])
    db.selectFrom('generated').where('timestamp', '>', new Date())
    // @ts-expect-error a BIGINT column is compared with a bigint, not a boolean
    db.selectFrom('generated').where('int8', '=', true)
    // @ts-expect-error a TIMESTAMP column is compared with a Date, not a bigint
    db.selectFrom('generated').where('timestamp', '=', 1n)
    // @ts-expect-error a BIGINT column is compared with a bigint, not a boolean
    db.selectFrom('always').where('int8', '=', true)
  })
})

describe('inserts', () => {
  it('require every plain column', () => {
    // A NOT NULL SUPER column too: its insert type leaves out a top-level
    // null (the driver would send SQL NULL).
    expectTypeOf<Flat<Insertable<DB['plain']>>>().toEqualTypeOf<
      Flat<Inputs & Label>
    >()
    db.insertInto('plain').values({
      int8: 1,
      int8_as_string: '9007199254740993',
      numeric: 1.5,
      numeric_as_number: '1.5',
      super: [1, 'a'],
      varbyte: Buffer.from('ab'),
      timestamp: '2024-01-01 00:00:00',
      timestamptz: new Date(),
      date: '2024-01-01',
      time: '12:00:00',
      geometry: '0101',
      label: 'a',
    })
    // @ts-expect-error plain columns are required
    db.insertInto('plain').values({ label: 'a' })
  })

  it('may omit every Generated column and accept its insert type', () => {
    expectTypeOf<Flat<Insertable<DB['generated']>>>().toEqualTypeOf<
      Flat<Optional<Inputs> & Label>
    >()
    db.insertInto('generated').values({ label: 'a' })
    db.insertInto('generated').values({
      int8: '9007199254740993',
      numeric: 2n,
      timestamp: new Date(),
      label: 'a',
    })
    db.insertInto('generated').values({ int8: undefined, label: 'a' })
    // @ts-expect-error a BIGINT column takes no boolean
    db.insertInto('generated').values({ int8: true, label: 'a' })
    // @ts-expect-error a VARBYTE column takes a Buffer, not a string
    db.insertInto('generated').values({ varbyte: 'ab', label: 'a' })
  })

  it('may not provide any GeneratedAlways column', () => {
    expectTypeOf<keyof Insertable<DB['always']>>().toEqualTypeOf<'label'>()
    db.insertInto('always').values({ label: 'a' })
    // @ts-expect-error GeneratedAlways columns are not insertable
    db.insertInto('always').values({ int8: 1n, label: 'a' })
    // @ts-expect-error GeneratedAlways columns are not insertable
    db.insertInto('always').values({ timestamp: new Date(), label: 'a' })
    // @ts-expect-error GeneratedAlways columns are not insertable
    db.insertInto('always').values({ numeric: '1.10', label: 'a' })
  })
})

describe('updates', () => {
  it('accept the update type of plain and Generated columns', () => {
    expectTypeOf<Updateable<DB['plain']>>().toEqualTypeOf<
      Optional<Inputs & Label>
    >()
    expectTypeOf<Updateable<DB['generated']>>().toEqualTypeOf<
      Optional<Inputs & Label>
    >()
    db.updateTable('generated').set({
      int8: 5,
      int8_as_string: 5n,
      numeric: 1.5,
      timestamp: '2024-01-01 00:00:00',
      super: { a: [1] },
    })
    db.updateTable('generated').set({ int8: 1n }).where('int8', '=', 1n)
    // @ts-expect-error a BIGINT column takes no boolean
    db.updateTable('generated').set({ int8: true })
  })

  it('refuse every GeneratedAlways column', () => {
    expectTypeOf<keyof Updateable<DB['always']>>().toEqualTypeOf<'label'>()
    db.updateTable('always').set({ label: 'b' })
    // @ts-expect-error GeneratedAlways columns are not updatable
    db.updateTable('always').set({ int8: 1n })
    // @ts-expect-error GeneratedAlways columns are not updatable
    db.updateTable('always').set({ timestamptz: new Date() })
  })
})
