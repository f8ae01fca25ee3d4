import { beforeEach, describe, expect, it } from 'vitest'

import { createMockRedshift, redshiftError } from '../../src/testing/index.js'

interface DB {
  events: { id: number }
}

describe('mock streaming', () => {
  const mock = createMockRedshift<DB>()
  const { db } = mock

  beforeEach(() => mock.reset())

  const rows = Array.from({ length: 7 }, (_, i) => ({ id: i + 1 }))

  it('streams canned rows in the order given', async () => {
    mock.on(/from "events"/).returns(rows)
    const seen: number[] = []
    for await (const row of db.selectFrom('events').select('id').stream(3)) {
      seen.push(row.id)
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(mock.lastQuery()).toMatchObject({
      sql: 'select "id" from "events"',
      streamed: true,
    })
  })

  it('hands the rows to the driver in chunks of the requested size', async () => {
    mock.on(/from "events"/).returns(rows)
    const chunks = await db.getExecutor().provideConnection(async (c) => {
      const sizes: number[] = []
      const compiled = db.selectFrom('events').select('id').compile()
      for await (const chunk of c.streamQuery(compiled, 3)) {
        sizes.push(chunk.rows.length)
      }
      return sizes
    })
    expect(chunks).toEqual([3, 3, 1])
  })

  it('streams nothing for an empty result', async () => {
    const seen = []
    for await (const row of db.selectFrom('events').selectAll().stream()) {
      seen.push(row)
    }
    expect(seen).toEqual([])
    expect(mock.queries).toHaveLength(1)
  })

  it('fails the stream with an injected error', async () => {
    mock.on(/from "events"/).fails(redshiftError.queryCancelled({ queryId: 9 }))
    const consume = async () => {
      for await (const _ of db.selectFrom('events').selectAll().stream()) {
        // nothing to do
      }
    }
    await expect(consume()).rejects.toThrow(
      "Query (9) cancelled on user's request",
    )
    expect(mock.lastQuery()).toMatchObject({ streamed: true, failed: true })
  })

  it('rejects a chunk size that is not a positive integer', async () => {
    const consume = async () => {
      for await (const _ of db.selectFrom('events').selectAll().stream(0)) {
        // nothing to do
      }
    }
    await expect(consume()).rejects.toThrow(
      'chunkSize must be a positive integer',
    )
  })
})
