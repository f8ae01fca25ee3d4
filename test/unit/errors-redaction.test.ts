import { inspect } from 'node:util'

import pg from 'pg'
import { describe, expect, it } from 'vitest'

import {
  mapRedshiftError,
  REDACTED,
  redactSecrets,
  sanitizeError,
} from '../../src/errors/index.js'

const SECRET = 'S3cr3t+/Pa$$'

/** Every way a mapped error can end up in a log. */
function renderings(error: unknown): string[] {
  const e = error as Error
  return [
    e.message,
    e.stack ?? '',
    JSON.stringify(e),
    inspect(e, { depth: Infinity }),
    inspect(e, { depth: Infinity, showHidden: true }),
    String(e),
  ]
}

describe('redactSecrets', () => {
  it.each([
    [
      "copy t from 's3://b/p' access_key_id 'AKIAEXAMPLE' secret_access_key 'wJalr''X\\'Y' session_token 'FwoGZX' csv",
      "copy t from 's3://b/p' access_key_id '[redacted]' secret_access_key '[redacted]' session_token '[redacted]' csv",
    ],
    [
      "copy t from 's3://b/p' credentials 'aws_access_key_id=AKIA;aws_secret_access_key=abc/+=;token=zzz'",
      "copy t from 's3://b/p' credentials 'aws_access_key_id=[redacted];aws_secret_access_key=[redacted];token=[redacted]'",
    ],
    [
      "unload ('select 1') to 's3://b/p' master_symmetric_key 'k=='",
      "unload ('select 1') to 's3://b/p' master_symmetric_key '[redacted]'",
    ],
    [
      "create user bob with password 'md5abcdef'",
      "create user bob with password '[redacted]'",
    ],
    ['alter user bob password disable', 'alter user bob password disable'],
    [
      'redshift://bob:hunter2@host:5439/dev?sslmode=require',
      'redshift://bob:[redacted]@host:5439/dev?sslmode=require',
    ],
    ['host=h password=hunter2 user=bob', 'host=h password=[redacted] user=bob'],
    ['{"password":"hunter2"}', '{"password":[redacted]}'],
    [
      'password authentication failed for user "bob"',
      'password authentication failed for user "bob"',
    ],
  ])('%s', (input, expected) => {
    expect(redactSecrets(input, [])).toBe(expected)
  })

  it('removes listed secrets, also percent-encoded', () => {
    const text = `pw ${SECRET} url postgres://u:${encodeURIComponent(SECRET)}@h/db`
    const out = redactSecrets(text, [SECRET, ''])
    expect(out).not.toContain(SECRET)
    expect(out).not.toContain(encodeURIComponent(SECRET))
    expect(out).toContain(REDACTED)
  })
})

describe('mapped errors never carry a secret', () => {
  it('from context.secrets, in every field and rendering', () => {
    const error = new pg.DatabaseError(`bad value ${SECRET}`, 0, 'error')
    Object.assign(error, {
      code: '22P02',
      detail: `detail ${SECRET}`,
      hint: `hint ${SECRET}`,
      where: `where ${SECRET}`,
      internalQuery: `select '${SECRET}'`,
    })
    const mapped = mapRedshiftError(error, {
      sql: `select '${SECRET}'`,
      secrets: [SECRET],
    })
    for (const text of renderings(mapped)) expect(text).not.toContain(SECRET)
    expect(mapped.message).toBe(`bad value ${REDACTED}`)
    expect(mapped.sql).toBe(`select '${REDACTED}'`)
  })

  it('from COPY credentials in the SQL, even without a secrets list', () => {
    const sql =
      "copy sales from 's3://bucket/p' access_key_id 'AKIAEXAMPLE' secret_access_key 'wJalrXUtnFEMI' csv"
    const error = new pg.DatabaseError(
      `syntax error at or near "wJalrXUtnFEMI"`,
      0,
      'error',
    )
    Object.assign(error, { code: '42601', position: '70' })
    const mapped = mapRedshiftError(error, { sql })
    expect(mapped.sql).not.toContain('wJalrXUtnFEMI')
    expect(mapped.sql).not.toContain('AKIAEXAMPLE')
    // The server echo of a bare token cannot be recognised without the list;
    // with it, it is removed too.
    const withList = mapRedshiftError(error, {
      sql,
      secrets: ['wJalrXUtnFEMI'],
    })
    for (const text of renderings(withList)) {
      expect(text).not.toContain('wJalrXUtnFEMI')
    }
  })

  it('drops connection objects hung on the driver error', () => {
    // pg-pool sets `error.client` on errors of idle clients; anything like it
    // must not reach a log through `cause`.
    const error = new pg.DatabaseError('terminating connection', 0, 'error')
    Object.assign(error, {
      code: '57P01',
      client: {
        connectionParameters: { password: SECRET, host: 'h' },
        password: SECRET,
      },
      config: { password: SECRET },
    })
    const mapped = mapRedshiftError(error, {})
    for (const text of renderings(mapped)) expect(text).not.toContain(SECRET)
    expect(mapped.cause).toBeInstanceOf(pg.DatabaseError)
    expect(mapped.cause).not.toHaveProperty('client')
  })

  it('redacts nested causes and AggregateError members', () => {
    const inner = new Error(`connect to postgres://u:${SECRET}@h failed`)
    const outer = new Error('Connection terminated due to connection timeout', {
      cause: new AggregateError([inner], `all failed ${SECRET}`),
    })
    const mapped = mapRedshiftError(outer, { secrets: [SECRET] })
    for (const text of renderings(mapped)) expect(text).not.toContain(SECRET)
    const cause = mapped.cause as Error
    expect(cause.message).toBe(
      'Connection terminated due to connection timeout',
    )
    expect((cause.cause as AggregateError).errors).toHaveLength(1)
  })

  it('sanitizeError keeps primitives and the prototype', () => {
    const error = Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
      errno: -104,
      fatal: true,
      socket: { secret: SECRET },
    })
    const copy = sanitizeError(error, []) as typeof error
    expect(copy).toBeInstanceOf(Error)
    expect(copy).toMatchObject({ code: 'ECONNRESET', errno: -104, fatal: true })
    expect(copy.message).toBe('read ECONNRESET')
    expect(Object.keys(copy)).not.toContain('socket')
    expect(Object.keys(copy)).not.toContain('message')
  })
})
