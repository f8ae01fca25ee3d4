// The queue between PostgreSQL's COPY TO STDOUT and the emulator's UNLOAD
// writer: back-pressure, and what a failure in the middle leaves.
import { describe, expect, it } from 'vitest'

import { CopyOutChunks } from '../../src/local/session/copy-out-chunks.js'

function flow() {
  const calls: string[] = []
  return {
    calls,
    host: {
      pauseBackend: () => calls.push('pause'),
      resumeBackend: () => calls.push('resume'),
    },
  }
}

const ROW = Buffer.alloc(64 * 1024, 0x61)

describe('CopyOutChunks', () => {
  it('pauses PostgreSQL above its high-water mark and resumes as the reader drains', async () => {
    const { calls, host } = flow()
    const queue = new CopyOutChunks(host)
    let accepted = 0
    while (queue.push(ROW, 0, ROW.length)) accepted++
    expect(calls).toEqual(['pause'])
    queue.end()
    let bytes = 0
    for await (const chunk of queue) bytes += chunk.length
    // The refused row is not taken: the session's reader hands it over
    // again when PostgreSQL is resumed, so only the accepted rows arrive.
    expect(bytes).toBe(accepted * ROW.length)
    expect(calls).toEqual(['pause', 'resume'])
  })

  it('a failure while paused: the reader gets the error, PostgreSQL is resumed and the rest is dropped', async () => {
    const { calls, host } = flow()
    const queue = new CopyOutChunks(host)
    while (queue.push(ROW, 0, ROW.length));
    expect(calls).toEqual(['pause'])
    const failure = new Error('division by zero')
    queue.fail(failure)
    // PostgreSQL must go on sending, or the session never reaches its
    // ReadyForQuery: what it sends is dropped and never paused again.
    expect(calls).toEqual(['pause', 'resume'])
    for (let i = 0; i < 100; i++)
      expect(queue.push(ROW, 0, ROW.length)).toBe(true)
    expect(calls).toEqual(['pause', 'resume'])
    const seen: number[] = []
    const error = await (async () => {
      for await (const chunk of queue) seen.push(chunk.length)
    })().catch((e: unknown) => e)
    expect(error).toBe(failure)
    // The rows gathered before the failure are not handed out after it.
    expect(seen).toEqual([])
    // Ending after a failure changes nothing.
    queue.end()
    queue.fail(new Error('later'))
    await expect(
      (async () => {
        for await (const _ of queue) void _
      })(),
    ).rejects.toBe(failure)
  })

  it('a failure while the reader waits wakes it with the error', async () => {
    const { host } = flow()
    const queue = new CopyOutChunks(host)
    const reading = (async () => {
      const chunks: number[] = []
      for await (const chunk of queue) chunks.push(chunk.length)
      return chunks
    })()
    await new Promise((resolve) => setImmediate(resolve))
    const failure = new Error('connection lost')
    queue.fail(failure)
    await expect(reading).rejects.toBe(failure)
  })

  it('a reader that stops early makes the rest be read and dropped', async () => {
    const { calls, host } = flow()
    const queue = new CopyOutChunks(host)
    while (queue.push(ROW, 0, ROW.length));
    for await (const _ of queue) break
    expect(calls).toEqual(['pause', 'resume'])
    expect(queue.push(ROW, 0, ROW.length)).toBe(true)
    expect(calls).toEqual(['pause', 'resume'])
  })
})
