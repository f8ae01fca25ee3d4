import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'

import { createKysely } from './driver-helpers.js'

describe('RedshiftDriver: pool events', () => {
  it("gives the pool's 'error' listeners connect failures with secrets removed, as callers get them", async () => {
    const key = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY'
    const { db, driver } = createKysely({
      url: 'postgres://awsuser@127.0.0.1:1/dev',
      password: async () => {
        throw new Error(
          `credentials refused: aws_secret_access_key=${key};aws_session_token=tok`,
        )
      },
      pool: { min: 0, max: 1 },
    })
    const events: unknown[] = []
    driver.pool.on('error', (error) => events.push(error))
    try {
      const thrown = await sql`select 1`.execute(db).catch((e: unknown) => e)
      expect(events).toHaveLength(1)
      for (const error of [thrown, events[0]]) {
        expect(error).toBeInstanceOf(Error)
        const text =
          JSON.stringify(error, Object.getOwnPropertyNames(error)) +
          String((error as Error).stack) +
          JSON.stringify((error as Error).cause, ['message', 'stack'])
        expect(text).toContain('credentials refused')
        expect(text).not.toContain(key)
      }
    } finally {
      await db.destroy()
    }
  })
})

describe('RedshiftDriver: a password provider that never answers', () => {
  it('fails the connection after connectTimeoutMs, so destroy() still finishes', async () => {
    const { db } = createKysely({
      url: 'postgres://awsuser@127.0.0.1:1/dev',
      password: () => new Promise<string>(() => {}),
      pool: { min: 0, max: 1, connectTimeoutMs: 50, acquireTimeoutMs: 2_000 },
    })
    const error = await sql`select 1`.execute(db).catch((e: unknown) => e)
    expect(String(error)).toMatch(/login provider did not answer within 50 ms/)
    const outcome = await Promise.race([
      db.destroy().then(() => 'destroyed'),
      new Promise((resolve) => setTimeout(resolve, 3_000, 'still open')),
    ])
    expect(outcome).toBe('destroyed')
  })
})
