import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { generate } from '../../codegen/index.js'
import { EMULATOR_SCHEMA } from '../fixtures/codegen/emulator-schema.js'
import {
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'

/** The checked-in output of codegen for {@link EMULATOR_SCHEMA}. */
const SNAPSHOT = fileURLToPath(
  new URL('../fixtures/codegen/emulator-db.ts', import.meta.url),
)

describe('codegen output for the emulator schema', () => {
  let emulator: EmulatorDatabase
  beforeAll(async () => {
    emulator = await openEmulatorDatabase(
      'codegen_emulator_output',
      EMULATOR_SCHEMA,
    )
  })
  afterAll(() => emulator?.close())

  // The snapshot is verified, never written, here: a change to the catalog,
  // the introspection or the renderer shows up as this diff, and the
  // fixture is regenerated on purpose, after reading it.
  it('matches test/fixtures/codegen/emulator-db.ts byte for byte', async () => {
    const result = await generate({
      url: emulator.url,
      outFile: SNAPSHOT,
      importFrom: '../../../src/index.js',
      verify: true,
    })
    expect(result.action).toBe('verified')
    expect(result.diff ?? '', 'the snapshot is stale').toBe('')
    expect(result.changed).toBe(false)
    expect(result.relations).toBe(10)
  })
})
