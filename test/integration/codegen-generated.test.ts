import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { generateExampleTypes } from '../../examples/example-types.js'
import { EXAMPLE_SCHEMA } from '../../examples/schema.js'
import {
  openEmulatorDatabase,
  type EmulatorDatabase,
} from './local-test-helpers.js'

describe('generated/db.ts', () => {
  let examples: EmulatorDatabase
  beforeAll(async () => {
    examples = await openEmulatorDatabase('codegen_examples', EXAMPLE_SCHEMA)
  })
  afterAll(() => examples.close())

  // The checked-in types of the examples' schema, regenerated from the
  // emulator: a change to the schema, the catalog or the renderer that is not
  // followed by `npm run generate:examples` fails here, with the diff.
  it('is what codegen generates from the examples’ schema', async () => {
    const result = await generateExampleTypes(examples.url, { verify: true })
    expect(result.action).toBe('verified')
    expect(result.diff ?? '').toBe('')
    expect(result.changed).toBe(false)
    expect(result.relations).toBe(5)
  })
})
