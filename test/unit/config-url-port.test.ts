import { describe, expect, it } from 'vitest'

import {
  configFromEnv,
  parseConnectionUrl,
  parseRedshiftConfig,
} from '../../src/config/index.js'
import {
  RedshiftConfigError,
  type RedshiftConfigIssue,
} from '../../src/errors/index.js'

function issuesOf(run: () => unknown): RedshiftConfigIssue[] {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(RedshiftConfigError)
    return [...(error as RedshiftConfigError).issues]
  }
  throw new Error('expected a RedshiftConfigError')
}

const OUT_OF_RANGE = {
  path: 'url.port',
  message: 'is out of range',
  expected: 'integer 1..65535',
}
const NOT_A_PORT = {
  path: 'url.port',
  message: 'is not a port number',
  expected: 'integer 1..65535',
}

describe('a bad port in a URL is named alone', () => {
  it.each([
    ['99999', 'redshift://app:pw@cluster.example.com:99999/dev', OUT_OF_RANGE],
    ['65536', 'redshift://app:pw@cluster.example.com:65536/dev', OUT_OF_RANGE],
    ['0', 'redshift://app:pw@cluster.example.com:0/dev', OUT_OF_RANGE],
    ['abc', 'redshift://app:pw@cluster.example.com:abc/dev', NOT_A_PORT],
    ['-1', 'redshift://app:pw@cluster.example.com:-1/dev', NOT_A_PORT],
    [
      'two ports',
      'redshift://app:pw@cluster.example.com:5439:1/dev',
      NOT_A_PORT,
    ],
    [
      '?port=99999',
      'redshift://app:pw@cluster.example.com/dev?port=99999',
      OUT_OF_RANGE,
    ],
    [
      '?port=0',
      'redshift://app:pw@cluster.example.com/dev?port=0',
      OUT_OF_RANGE,
    ],
    [
      '?port=abc',
      'redshift://app:pw@cluster.example.com/dev?port=abc',
      NOT_A_PORT,
    ],
  ])('port %s', (_name, url, issue) => {
    expect(issuesOf(() => parseRedshiftConfig(url))).toEqual([issue])
    expect(issuesOf(() => parseConnectionUrl(url))).toEqual([issue])
  })

  it('still reads the rest of the URL, and reports its other problems too', () => {
    const url =
      'redshift://app:pw@cluster.example.com:99999/dev?sslmode=maybe&query_group=etl'
    expect(issuesOf(() => parseConnectionUrl(url)).map((i) => i.path)).toEqual([
      'url.port',
      'url.sslmode',
    ])
    // An explicit port is used, but the URL's own port is still wrong.
    expect(
      issuesOf(() => parseRedshiftConfig({ url, port: 5440 })).map(
        (i) => i.path,
      ),
    ).toEqual(['url.port', 'url.sslmode'])
  })

  it('reads a bad port next to an IPv6 host and a password with colons', () => {
    expect(
      issuesOf(() => parseRedshiftConfig('postgres://app:a:b@[::1]:99999/dev')),
    ).toEqual([OUT_OF_RANGE])
    expect(
      parseRedshiftConfig('postgres://app:a:b@[::1]:5440/dev'),
    ).toMatchObject({ host: '::1', port: 5440, user: 'app' })
  })

  it('never quotes the port, which in a malformed URL may be part of a password', () => {
    // An unencoded '/' ends the authority early: the "port" is the
    // password's first part.
    const issues = issuesOf(() =>
      parseRedshiftConfig('redshift://app:90210/secret@h:5439/dev'),
    )
    expect(issues).toContainEqual(OUT_OF_RANGE)
    expect(JSON.stringify(issues)).not.toMatch(/90210|secret/)
    const error = new RedshiftConfigError({ issues })
    expect(error.message).not.toMatch(/90210|secret/)
  })

  it('reads an empty port as the default, as libpq does', () => {
    expect(parseRedshiftConfig('redshift://app@h:/dev').port).toBe(5439)
    expect(parseConnectionUrl('redshift://app@h:/dev')).not.toHaveProperty(
      'port',
    )
  })

  it('reads a valid port, leading zeros included', () => {
    expect(parseRedshiftConfig('redshift://app@h:65535/dev').port).toBe(65535)
    expect(parseRedshiftConfig('redshift://app@h:1/dev').port).toBe(1)
    expect(parseRedshiftConfig('redshift://app@h:05440/dev').port).toBe(5440)
    expect(parseRedshiftConfig('redshift://app@h/dev?port=5441').port).toBe(
      5441,
    )
  })

  it('reports an unreadable URL alone, not the host and user it would have given', () => {
    expect(
      issuesOf(() => parseRedshiftConfig('not a url')).map((i) => i.path),
    ).toEqual(['url'])
    expect(
      issuesOf(() => parseRedshiftConfig('redshift://app@[::1/dev')).map(
        (i) => i.path,
      ),
    ).toEqual(['url'])
    // A readable URL without a user still says so.
    expect(
      issuesOf(() => parseRedshiftConfig('redshift://h/dev')).map(
        (i) => i.path,
      ),
    ).toEqual(['user'])
  })

  it('names the environment variable whose port is bad', () => {
    expect(issuesOf(() => configFromEnv({ REDSHIFT_PORT: '99999' }))).toEqual([
      { ...OUT_OF_RANGE, path: 'env.REDSHIFT_PORT' },
    ])
    expect(issuesOf(() => configFromEnv({ PGPORT: '0' }))).toEqual([
      { ...OUT_OF_RANGE, path: 'env.PGPORT' },
    ])
    expect(
      issuesOf(() =>
        configFromEnv({ REDSHIFT_URL: 'redshift://app@h:99999/dev' }),
      ),
    ).toEqual([{ ...OUT_OF_RANGE, path: 'env.REDSHIFT_URL.port' }])
  })
})
