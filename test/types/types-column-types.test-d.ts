import type { Insertable, Selectable, Updateable } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'

import type {
  DateString,
  Int8,
  Int8AsString,
  JsonValue,
  Numeric,
  NumericAsNumber,
  Super,
  Timestamp,
  Timestamptz,
  VarByte,
} from '../../src/types/index.js'

interface Events {
  id: Int8
  legacy_id: Int8AsString
  amount: Numeric
  ratio: NumericAsNumber
  payload: Super
  digest: VarByte
  at: Timestamp
  at_tz: Timestamptz
  day: DateString
}

describe('column helper types', () => {
  it('select types are what the parsers return', () => {
    expectTypeOf<Selectable<Events>>().toEqualTypeOf<{
      id: bigint
      legacy_id: string
      amount: string
      ratio: number
      payload: JsonValue
      digest: Buffer
      at: Date
      at_tz: Date
      day: string
    }>()
  })

  it('insert and update accept the wider inputs', () => {
    expectTypeOf<Insertable<Events>['id']>().toEqualTypeOf<
      bigint | number | string
    >()
    expectTypeOf<Insertable<Events>['amount']>().toEqualTypeOf<
      string | number | bigint
    >()
    expectTypeOf<Insertable<Events>['at']>().toEqualTypeOf<Date | string>()
    expectTypeOf<Updateable<Events>['at']>().toEqualTypeOf<
      Date | string | undefined
    >()
    expectTypeOf<Insertable<Events>['digest']>().toEqualTypeOf<Buffer>()
  })

  it('JsonValue admits JSON and rejects what JSON cannot hold', () => {
    expectTypeOf<{ a: [1, 'x', null, { b: true }] }>().toExtend<JsonValue>()
    expectTypeOf<'text'>().toExtend<JsonValue>()
    expectTypeOf<undefined>().not.toExtend<JsonValue>()
    expectTypeOf<bigint>().not.toExtend<JsonValue>()
    expectTypeOf<Date>().not.toExtend<JsonValue>()
    expectTypeOf<() => void>().not.toExtend<JsonValue>()
  })

  it('a selected BIGINT is not a number', () => {
    expectTypeOf<Selectable<Events>['id']>().not.toEqualTypeOf<number>()
  })
})
