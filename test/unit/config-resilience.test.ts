import { describe, expect, it } from 'vitest'

import {
  parseRedshiftConfig,
  type RedshiftConfigInput,
} from '../../src/config/index.js'
import { EXPECTED } from '../../src/config/config-schema.js'
import { RedshiftConfigError } from '../../src/errors/index.js'

const BASE = { host: 'cluster.example.com', user: 'app' } as const

function issuesOf(input: unknown): RedshiftConfigError['issues'] {
  try {
    parseRedshiftConfig(input as RedshiftConfigInput)
  } catch (error) {
    expect(error).toBeInstanceOf(RedshiftConfigError)
    return (error as RedshiftConfigError).issues
  }
  throw new Error('expected the configuration to be rejected')
}

describe('parseRedshiftConfig: retry, circuit breaker and timeouts', () => {
  it.each([
    [{ retry: { maxElapsedMs: -1 } }, 'retry.maxElapsedMs'],
    [{ retry: { maxElapsedMs: 1.5 } }, 'retry.maxElapsedMs'],
    [{ cancelTimeoutMs: 0 }, 'cancelTimeoutMs'],
    [{ cancelTimeoutMs: '2s' }, 'cancelTimeoutMs'],
    [{ queryTimeoutMs: -5 }, 'queryTimeoutMs'],
  ])('names the bad field in %o', (fields, path) => {
    const issues = issuesOf({ ...BASE, ...fields })
    expect(issues.map((issue) => issue.path)).toEqual([path])
    expect(issues[0]?.expected).toBe(EXPECTED[path])
  })

  it('says what each policy field expects', () => {
    expect(EXPECTED['retry.maxElapsedMs']).toBe(
      'integer milliseconds >= 0 (no retry starts later than this after the first failure)',
    )
    expect(EXPECTED['cancelTimeoutMs']).toBe(
      'integer milliseconds >= 1 (how long a timed-out statement has to stop after its cancel)',
    )
    expect(EXPECTED['circuitBreaker.enabled']).toBe(
      'boolean (default: true when a circuitBreaker section is given)',
    )
  })

  it('keeps the breaker off without a circuitBreaker section, and turns it on with one', () => {
    expect(parseRedshiftConfig(BASE).circuitBreaker.enabled).toBe(false)
    expect(
      parseRedshiftConfig({ ...BASE, circuitBreaker: {} }).circuitBreaker,
    ).toEqual({ enabled: true, failureThreshold: 5, halfOpenAfterMs: 30_000 })
    expect(
      parseRedshiftConfig({ ...BASE, circuitBreaker: { failureThreshold: 2 } })
        .circuitBreaker,
    ).toEqual({ enabled: true, failureThreshold: 2, halfOpenAfterMs: 30_000 })
    expect(
      parseRedshiftConfig({
        ...BASE,
        circuitBreaker: { enabled: false, failureThreshold: 2 },
      }).circuitBreaker.enabled,
    ).toBe(false)
  })

  it('reads every policy field it is given', () => {
    const config = parseRedshiftConfig({
      ...BASE,
      retry: {
        enabled: false,
        maxAttempts: 7,
        initialDelayMs: 1,
        maxDelayMs: 2,
        maxElapsedMs: 3,
      },
      queryTimeoutMs: 1500,
      cancelTimeoutMs: 250,
    })
    expect(config.retry).toEqual({
      enabled: false,
      maxAttempts: 7,
      initialDelayMs: 1,
      maxDelayMs: 2,
      maxElapsedMs: 3,
    })
    expect(config.queryTimeoutMs).toBe(1500)
    expect(config.cancelTimeoutMs).toBe(250)
  })
})
