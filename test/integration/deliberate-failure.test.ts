import { expect, it } from 'vitest'

// Fails only when harness-exit-code.test.ts runs `npm test` on this file with
// the variable set, to prove that a failing test fails the suite; in a
// normal run it is reported as skipped.
it.runIf(process.env['KYSELY_REDSHIFT_DELIBERATE_FAILURE'] === '1')(
  'fails on purpose',
  () => {
    expect(1).toBe(2)
  },
)
