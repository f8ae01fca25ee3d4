import fs from 'node:fs'

import { describe, expect, it } from 'vitest'

// The emulator's view tests read a copy of the documented columns kept in the
// repository (so they run anywhere); this keeps the copy equal to the
// reference catalog wherever that catalog sits beside the checkout.
const reference = new URL(
  '../../../shared/reference/redshift-catalog.json',
  import.meta.url,
)
const copy = new URL('../integration/local-catalog-views.json', import.meta.url)

type Views = Record<string, { columns: unknown[] }>

describe('documented system-view columns', () => {
  const available = fs.existsSync(reference)
  it.skipIf(!available)(
    'the copy used by the emulator tests equals the reference catalog',
    () => {
      const documented = (
        JSON.parse(fs.readFileSync(reference, 'utf8')) as { views: Views }
      ).views
      const copied = (
        JSON.parse(fs.readFileSync(copy, 'utf8')) as { views: Views }
      ).views
      const shared = Object.keys(copied).filter((name) => name in documented)
      expect(shared.length).toBeGreaterThanOrEqual(12)
      for (const name of shared) {
        expect(copied[name]!.columns, name).toEqual(documented[name]!.columns)
      }
    },
  )
  if (!available) {
    it('is checked only where the reference catalog is beside the checkout', () => {
      console.warn(`skipped: ${reference.pathname} not found`)
      expect(fs.existsSync(copy)).toBe(true)
    })
  }
})
