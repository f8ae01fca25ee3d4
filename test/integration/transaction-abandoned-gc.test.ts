import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'
import { repoRoot, runGcScript } from './process-helpers.js'

// Garbage collection is only under a test's control with --expose-gc, so
// the handle is forgotten in a child Node.js started with it.
const SCRIPT = `
import { sql } from 'kysely'
import { createRedshift } from ${JSON.stringify(path.join(repoRoot, 'src/client.ts'))}

if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc')
const warnings = []
process.on('warning', (w) => {
  if (w.code === 'KYSELY_REDSHIFT_ABANDONED_TRANSACTION') warnings.push(w.message)
})
// One connection: the query after the leak can only run once the forgotten
// transaction's connection is gone and a new one is opened.
const db = createRedshift({ url: process.env.EMULATOR_URL, pool: { max: 1, acquireTimeoutMs: 8000 } })

async function forget() {
  const trx = await db.begin()
  await trx.insertInto('audit').values({ id: 1 }).execute()
  const { rows } = await sql\`select pg_backend_pid() as pid\`.execute(trx)
  return rows[0].pid
}

const pid = await forget()
for (let i = 0; i < 100 && warnings.length === 0; i++) {
  globalThis.gc()
  await new Promise((resolve) => setTimeout(resolve, 10))
}
const after = (await sql\`select pg_backend_pid() as pid\`.execute(db)).rows[0].pid
const rows = (await db.selectFrom('audit').selectAll().execute()).length
await db.close()
console.log(JSON.stringify({ warnings, pid, after, rows }))
`

describe('a begin() handle that is garbage-collected while open', () => {
  let emulator: EmulatorDatabase

  beforeAll(async () => {
    emulator = await openEmulatorDatabase('trx_gc', [
      'create table audit (id int)',
    ])
  })

  afterAll(() => emulator?.close())

  it('is rolled back, its connection destroyed, with a warning', async () => {
    const outcome = await runGcScript<{
      warnings: string[]
      pid: number
      after: number
      rows: number
    }>(SCRIPT, { EMULATOR_URL: emulator.url })
    expect(outcome.warnings).toHaveLength(1)
    expect(outcome.warnings[0]).toMatch(
      /neither committed nor rolled back before it was garbage-collected; it was rolled back and its connection destroyed/,
    )
    // Rolled back: the insert is gone.
    expect(outcome.rows).toBe(0)
    // Destroyed: the next query ran on a new session.
    expect(outcome.after).not.toBe(outcome.pid)
  }, 60_000)
})
