import { describe, expect, it } from 'vitest'

import { parseRedshiftConfig } from '../../src/config/index.js'
import { RedshiftConfigError } from '../../src/errors/index.js'

const BASE = { host: 'cluster.example.com', user: 'app' } as const

describe('config endpointKind', () => {
  it('is kept when given, absent when not', () => {
    expect(
      parseRedshiftConfig({ ...BASE, endpointKind: 'serverless' }).endpointKind,
    ).toBe('serverless')
    expect(
      parseRedshiftConfig({ ...BASE, endpointKind: 'provisioned' })
        .endpointKind,
    ).toBe('provisioned')
    expect(parseRedshiftConfig(BASE)).not.toHaveProperty('endpointKind')
  })

  it('names the field when the value is not a kind', () => {
    let error: unknown
    try {
      parseRedshiftConfig({ ...BASE, endpointKind: 'cluster' as never })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(RedshiftConfigError)
    const issue = (error as RedshiftConfigError).issues.find(
      (i) => i.path === 'endpointKind',
    )
    expect(issue?.expected).toContain("'provisioned' | 'serverless'")
  })
})
