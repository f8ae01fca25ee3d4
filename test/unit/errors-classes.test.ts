import { describe, expect, it } from 'vitest'

import {
  AuthenticationFailedError,
  ColumnNotFoundError,
  ConnectionLostError,
  DataError,
  InvalidSqlError,
  LoadError,
  NotAllowedInTransactionError,
  PermissionDeniedError,
  PoolClosedError,
  PoolTimeoutError,
  QueryCancelledError,
  RedshiftConfigError,
  RedshiftError,
  RedshiftUnsupportedError,
  ResourceError,
  SerializationFailureError,
  StatementTimeoutError,
  TableNotFoundError,
} from '../../src/errors/index.js'

describe('error classes', () => {
  it.each([
    [SerializationFailureError, true],
    [QueryCancelledError, false],
    [StatementTimeoutError, false],
    [NotAllowedInTransactionError, false],
    [AuthenticationFailedError, false],
    [TableNotFoundError, false],
    [ColumnNotFoundError, false],
    [PermissionDeniedError, false],
    [InvalidSqlError, false],
    [DataError, false],
    [ResourceError, false],
    [ConnectionLostError, true],
    [LoadError, false],
    [RedshiftError, false],
  ] as const)('%o: name, chain, default retry advice', (Type, retryable) => {
    const error = new Type('boom', { code: 'XX000' })
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(RedshiftError)
    expect(error.name).toBe(Type.name)
    expect(error.stack?.startsWith(`${Type.name}: boom`)).toBe(true)
    expect(error.isRetryable).toBe(retryable)
    expect(new Type('x', { isRetryable: !retryable }).isRetryable).toBe(
      !retryable,
    )
    expect(error.code).toBe('XX000')
  })

  it('RedshiftUnsupportedError names the feature and the alternative', () => {
    const error = new RedshiftUnsupportedError({
      feature: 'RETURNING',
      alternative: 'a SELECT after the INSERT',
    })
    expect(error.message).toBe(
      'Redshift does not support RETURNING. Instead: a SELECT after the INSERT',
    )
    expect(error.feature).toBe('RETURNING')
    expect(error.alternative).toBe('a SELECT after the INSERT')
    expect(error.isRetryable).toBe(false)
  })

  it('PoolTimeoutError carries the pool state', () => {
    const error = new PoolTimeoutError({
      timeoutMs: 250,
      size: 4,
      inUse: 4,
      idle: 0,
      waiting: 2,
    })
    expect(error).toMatchObject({
      timeoutMs: 250,
      size: 4,
      inUse: 4,
      idle: 0,
      waiting: 2,
      isRetryable: true,
    })
    expect(error.message).toBe(
      'Timed out after 250 ms waiting for a connection (size 4, in use 4, idle 0, waiting 2)',
    )
  })

  it('PoolClosedError', () => {
    const error = new PoolClosedError()
    expect(error.message).toBe('The connection pool is closed')
    expect(error.isRetryable).toBe(false)
  })

  it('RedshiftConfigError lists every issue, frozen', () => {
    const error = new RedshiftConfigError({
      issues: [
        { path: 'port', message: 'must be an integer', expected: '1..65535' },
        { path: 'pool.min', message: 'must be <= pool.max' },
      ],
    })
    expect(error.message).toBe(
      [
        'Invalid Redshift configuration (2 issues):',
        '  - port: must be an integer (expected 1..65535)',
        '  - pool.min: must be <= pool.max',
      ].join('\n'),
    )
    expect(Object.isFrozen(error.issues)).toBe(true)
    expect(Object.isFrozen(error.issues[0])).toBe(true)
  })

  it('subclass options', () => {
    expect(new LoadError('x', { tableName: 't' }).tableName).toBe('t')
    expect(new ResourceError('x', { reason: 'disk-full' }).reason).toBe(
      'disk-full',
    )
    expect(new StatementTimeoutError('x', { timeoutMs: 5 }).timeoutMs).toBe(5)
    const cause = new Error('inner')
    expect(new RedshiftError('x', { cause }).cause).toBe(cause)
  })
})
