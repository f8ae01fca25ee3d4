import { beforeEach, describe, expect, it } from 'vitest'

import { createMockRedshift, redshiftError } from '../../src/testing/index.js'
import type { MockRedshiftConnection } from '../../src/testing/mock-redshift-connection.js'

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

  const chunkSizes = (chunkSize: number, signal?: AbortSignal) =>
    db.getExecutor().provideConnection(async (connection) => {
      const sizes: number[] = []
      const compiled = db.selectFrom('events').select('id').compile()
      const stream = (connection as MockRedshiftConnection).streamQuery(
        compiled,
        chunkSize,
        { signal },
      )
      for await (const chunk of stream) {
        sizes.push(chunk.rows.length)
      }
      return sizes
    })

  it('hands the rows to the driver in chunks of the requested size', async () => {
    mock.on(/from "events"/).returns(rows)
    expect(await chunkSizes(3)).toEqual([3, 3, 1])
    // Like the real cursor, never fewer than two rows per read.
    expect(await chunkSizes(1)).toEqual([2, 2, 2, 1])
  })

  it('stops when the signal is aborted', async () => {
    mock.on(/from "events"/).returns(rows)
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(chunkSizes(3, controller.signal)).rejects.toThrow('stop')
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
    const error = await consume().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toBe(
      'chunkSize must be a positive integer',
    )
  })
})
