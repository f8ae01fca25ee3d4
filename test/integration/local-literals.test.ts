import fc from 'fast-check'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openEmulatorDatabase } from './local-test-helpers.js'
import { hostileText } from '../setup/hostile-text.js'

/** Redshift's literal rules: double `'` and `\` (backslash is an escape character). */
const redshiftLiteral = (value: string) =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`

// Characters that matter to quoting, mixed with any text (no NUL: PostgreSQL
// text cannot hold it).
const text = hostileText({ partLength: 4 })

describe('local emulator: string literals', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_literals'))
  })
  afterAll(() => close())

  it('reads a literal with doubled quotes and backslashes back as the original value, in one statement', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (a, b) => {
        const result = await client.query(
          `select ${redshiftLiteral(a)} as a, ${redshiftLiteral(b)} as b`,
        )
        expect(result.rows).toEqual([{ a, b }])
      }),
      { numRuns: 150 },
    )
  })

  it('keeps a query_group value through SET and SHOW', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (group) => {
        await client.query(`set query_group to ${redshiftLiteral(group)}`)
        const { rows } = await client.query('show query_group')
        expect(rows).toEqual([{ query_group: group }])
      }),
      { numRuns: 100 },
    )
    await client.query('reset query_group')
  })
})
