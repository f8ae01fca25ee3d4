import { describe, expect, it } from 'vitest'

import { callerFrame } from '../../src/errors/caller-frame.js'

describe('callerFrame', () => {
  it("names the caller's own line, not its own frame", () => {
    expect(callerFrame([])).toMatch(/caller-frame\.test\.ts:\d+:\d+/)
  })

  it('skips the frames of the given paths', () => {
    // Called through a frame of this file that is skipped: the line found is
    // vitest's, not this file's.
    const frame = callerFrame(['/unit/caller-frame.test.'])
    expect(frame).not.toContain('caller-frame.test.ts')
    expect(frame).toMatch(/^at /)
  })
})
