import type pg from 'pg'
import Cursor from 'pg-cursor'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openEmulatorDatabase } from './local-test-helpers.js'

/**
 * Redshift ends a SELECT (and CREATE TABLE AS, SELECT INTO) with the
 * CommandComplete tag `SELECT` and no row count, as PostgreSQL 8.0 did, so
 * drivers report none: node-postgres' `rowCount` is null, DB-API drivers'
 * `rowcount` is -1 (node-postgres #1330, redshift_connector #73). INSERT,
 * UPDATE, DELETE and FETCH keep their counts.
 */
describe('local emulator: command tags as Redshift sends them', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_tags', [
      'create table tags_t (a int)',
      'insert into tags_t values (1), (2), (3)',
    ]))
  })
  afterAll(() => close())

  const tag = (r: pg.QueryResult) => [r.command, r.rowCount]

  it('SELECT, CREATE TABLE AS and SELECT INTO: no row count, in both protocols', async () => {
    const simple = await client.query('select a from tags_t')
    expect(tag(simple)).toEqual(['SELECT', null])
    expect(simple.rows).toHaveLength(3)
    const extended = await client.query(
      'select a from tags_t where a > $1',
      [1],
    )
    expect(tag(extended)).toEqual(['SELECT', null])
    expect(extended.rows).toHaveLength(2)
    expect(
      tag(await client.query('create table tags_c as select * from tags_t')),
    ).toEqual(['SELECT', null])
    expect(
      tag(await client.query('select * into tags_i from tags_t where a = 1')),
    ).toEqual(['SELECT', null])
    const empty = await client.query('select a from tags_t where false')
    expect(tag(empty)).toEqual(['SELECT', null])
  })

  it('INSERT, UPDATE, DELETE and FETCH keep their counts', async () => {
    expect(
      tag(await client.query('insert into tags_c values (4), (5)')),
    ).toEqual(['INSERT', 2])
    expect(
      tag(await client.query('update tags_c set a = a + 10 where a > 3')),
    ).toEqual(['UPDATE', 2])
    expect(tag(await client.query('delete from tags_c where a > 10'))).toEqual([
      'DELETE',
      2,
    ])
    await client.query('begin')
    await client.query('declare tags_cur cursor for select a from tags_t')
    expect(tag(await client.query('fetch forward 2 from tags_cur'))).toEqual([
      'FETCH',
      2,
    ])
    await client.query('close tags_cur')
    await client.query('commit')
  })

  it('a portal read in batches (max rows) gives every row and ends with SELECT', async () => {
    const cursor = client.query(new Cursor('select a from tags_t order by a'))
    const first = await cursor.read(2)
    const rest = await cursor.read(10)
    await cursor.close()
    expect([...first, ...rest].map((r) => r.a)).toEqual([1, 2, 3])
  })
})
