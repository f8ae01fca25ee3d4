import { afterEach, describe, expect, it, vi } from 'vitest'

import {
  CLOCK_SLACK_MS,
  preciseNow,
} from '../../src/local/runtime/query-run.js'

// The query log's times are compared with PostgreSQL's (wall clock) in the
// system views; the monotonic clock stands still while a machine sleeps.
describe('preciseNow', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('stays within a millisecond of the wall clock, with sub-millisecond steps', () => {
    const readings = Array.from({ length: 1000 }, () => [
      preciseNow(),
      Date.now(),
    ])
    for (const [precise, wall] of readings) {
      expect(Math.abs(precise! - wall!)).toBeLessThan(1 + CLOCK_SLACK_MS)
    }
    const times = readings.map(([precise]) => precise!)
    expect(times).toEqual([...times].sort((a, b) => a - b))
  })

  it('follows the wall clock when it moves apart from the monotonic one (sleep, clock set)', () => {
    const wall = Date.now()
    for (const jump of [3_600_000, -120_000]) {
      const set = wall + jump
      vi.spyOn(Date, 'now').mockReturnValue(set)
      const now = preciseNow()
      expect(now).toBeGreaterThanOrEqual(set)
      expect(now).toBeLessThan(set + 1)
      vi.restoreAllMocks()
    }
    expect(Math.abs(preciseNow() - Date.now())).toBeLessThan(1 + CLOCK_SLACK_MS)
  })
})
