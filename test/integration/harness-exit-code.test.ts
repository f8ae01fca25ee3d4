import fs from 'node:fs'

import { describe, expect, it } from 'vitest'

import { reachableTempDir, runChild } from './process-helpers.js'

describe('npm test', () => {
  // The README's own test command, with its global setup (embedded
  // PostgreSQL and the emulator) and reporters, on one failing test.
  it('exits non-zero when a test fails', async () => {
    const env: NodeJS.ProcessEnv = {}
    for (const name of Object.keys(process.env)) {
      // This run's own markers would make the child think it is a worker.
      if (name.startsWith('VITEST') || name === 'TEST') env[name] = undefined
    }
    const tmp = reachableTempDir('harness-exit-')
    try {
      const result = await runChild('npm', {
        args: ['test', '--', 'test/integration/deliberate-failure.test.ts'],
        env: { ...env, TMPDIR: tmp, KYSELY_REDSHIFT_DELIBERATE_FAILURE: '1' },
        timeoutMs: 120_000,
      })
      expect(result.stdout).toContain('Tests: 0 passed, 1 failed, 0 skipped')
      expect(result.code).toBe(1)
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  }, 150_000)
})
