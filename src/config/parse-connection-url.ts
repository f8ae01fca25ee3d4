import { readFileSync } from 'node:fs'

import {
  RedshiftConfigError,
  type RedshiftConfigIssue,
} from '../errors/index.js'
import { PORT_EXPECTED, readPortNumber } from './port-number.js'
import type { TlsMode } from './redshift-config.js'
import type { RedshiftConfigInput } from './redshift-config-input.js'
import { SSL_MODE_EXPECTED, tlsModeFromSslMode } from './ssl-modes.js'

const SCHEMES = new Set(['redshift:', 'postgres:', 'postgresql:'])

/**
 * Reads a `redshift://`, `postgres://` or `postgresql://` URL:
 * `scheme://user:password@host:port/database?param=value&...`, with
 * percent-decoding of every part. Parameters: `sslmode`, `sslrootcert` (a
 * file, read now), `ssl` (`true`/`false`), `query_group`,
 * `statement_timeout` (ms), `search_path` (comma-separated),
 * `application_name`, `connect_timeout` (seconds, as in libpq), and libpq's
 * `host`, `port`, `dbname`, `user`, `password`.
 *
 * Throws {@link RedshiftConfigError} listing every problem; the URL itself
 * is never quoted, since it may hold a password.
 *
 * ```ts
 * parseConnectionUrl('redshift://app:s%40cret@cluster.example.com:5439/dev?sslmode=verify-full&query_group=etl')
 * // { host: 'cluster.example.com', port: 5439, database: 'dev', user: 'app',
 * //   password: 's@cret', tls: { mode: 'verify-full' }, session: { queryGroup: 'etl' } }
 * ```
 */
export function parseConnectionUrl(url: string): RedshiftConfigInput {
  const { input, issues } = readConnectionUrl(url)
  if (issues.length > 0) throw new RedshiftConfigError({ issues })
  return input
}

/**
 * What {@link parseConnectionUrl} reads, plus its issues instead of a throw,
 * so a caller can report the URL's problems together with its own and still
 * use the parts of the URL that were fine.
 */
export function readConnectionUrl(url: string): {
  input: RedshiftConfigInput
  issues: RedshiftConfigIssue[]
  /** False when nothing could be read, not even the host. */
  readable: boolean
} {
  const issues: RedshiftConfigIssue[] = []
  const fail = (path: string, message: string, expected?: string) =>
    issues.push(
      expected === undefined ? { path, message } : { path, message, expected },
    )

  // The WHATWG parser rejects a whole URL for a bad port, which would hide
  // the host, user and every other part that was fine; so the port is read
  // here, and a bad one is reported alone and left out.
  const authorityPort = splitAuthorityPort(url)
  let readable = url
  if (authorityPort !== undefined && authorityPort.port !== '') {
    const read = readPortNumber(authorityPort.port)
    if ('problem' in read) {
      fail('url.port', read.problem, PORT_EXPECTED)
      readable = authorityPort.withoutPort
    }
  }

  let parsed: URL
  try {
    parsed = new URL(readable)
  } catch {
    fail(
      'url',
      'is not a valid URL',
      'redshift://user:password@host:5439/database',
    )
    return { input: {}, issues, readable: false }
  }
  if (!SCHEMES.has(parsed.protocol)) {
    fail(
      'url',
      `has an unsupported scheme`,
      'redshift://, postgres:// or postgresql://',
    )
  }

  const decode = (text: string, path: string): string | undefined => {
    try {
      return decodeURIComponent(text)
    } catch {
      fail(path, 'has malformed percent-encoding')
      return undefined
    }
  }

  const input: RedshiftConfigInput = {}
  const host = decode(parsed.hostname.replace(/^\[(.*)\]$/, '$1'), 'url.host')
  if (host) input.host = host
  if (parsed.port !== '' && readable === url) {
    const read = readPortNumber(parsed.port)
    if ('port' in read) input.port = read.port
  }
  const database = decode(parsed.pathname.replace(/^\//, ''), 'url.database')
  if (database !== undefined && database !== '') {
    if (database.includes('/')) {
      fail('url.database', 'must be a single path segment', 'database name')
    } else {
      input.database = database
    }
  }
  const user = decode(parsed.username, 'url.user')
  if (user) input.user = user
  const password = decode(parsed.password, 'url.password')
  if (password) input.password = password

  const tls: { mode?: TlsMode; ca?: string } = {}
  const session: {
    queryGroup?: string
    statementTimeoutMs?: number
    searchPath?: string[]
  } = {}
  // Parsed by hand: URLSearchParams reads '+' as a space, libpq does not.
  const query = parsed.search.replace(/^\?/, '')
  for (const pair of query === '' ? [] : query.split('&')) {
    const eq = pair.indexOf('=')
    const key = decode(eq < 0 ? pair : pair.slice(0, eq), 'url')
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1), `url.${key}`)
    if (key === undefined || value === undefined) continue
    const path = `url.${key}`
    switch (key) {
      case 'sslmode': {
        const mode = tlsModeFromSslMode(value)
        if (mode) tls.mode = mode
        else fail(path, 'is not an sslmode', SSL_MODE_EXPECTED)
        break
      }
      case 'ssl':
        if (/^(true|1|on)$/i.test(value)) tls.mode ??= 'verify-full'
        else if (/^(false|0|off)$/i.test(value)) tls.mode ??= 'disable'
        else fail(path, 'is not a boolean', "'true' | 'false'")
        break
      case 'sslrootcert':
        try {
          tls.ca = readFileSync(value, 'utf8')
        } catch {
          fail(path, 'names a file that cannot be read', 'path to a PEM file')
        }
        break
      case 'query_group':
        session.queryGroup = value
        break
      case 'statement_timeout':
        if (/^\d+$/.test(value)) session.statementTimeoutMs = Number(value)
        else fail(path, 'is not a whole number of milliseconds', 'integer >= 0')
        break
      case 'search_path':
        session.searchPath = value.split(',').map((s) => s.trim())
        break
      case 'application_name':
        input.applicationName = value
        break
      case 'connect_timeout':
        if (/^\d+$/.test(value) && Number(value) > 0) {
          input.pool = { connectTimeoutMs: Number(value) * 1000 }
        } else fail(path, 'is not a whole number of seconds', 'integer >= 1')
        break
      case 'host':
        input.host = value
        break
      case 'port': {
        const read = readPortNumber(value)
        if ('port' in read) input.port = read.port
        else fail(path, read.problem, PORT_EXPECTED)
        break
      }
      case 'dbname':
        input.database = value
        break
      case 'user':
        input.user = value
        break
      case 'password':
        input.password = value
        break
      default:
        fail(path, 'is not a supported URL parameter')
    }
  }
  if (Object.keys(tls).length > 0) input.tls = tls
  if (Object.keys(session).length > 0) input.session = session
  return { input, issues, readable: true }
}

/**
 * The port text of a URL's authority (`user:password@host:port`), and the
 * URL without it; undefined when the URL has no authority or no `:port`. The
 * userinfo ends at the last `@` and an IPv6 host is bracketed, as in the
 * WHATWG parser, so a `:` in either is not taken for the port's.
 */
function splitAuthorityPort(
  url: string,
): { readonly port: string; readonly withoutPort: string } | undefined {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)([\s\S]*)$/.exec(url)
  if (match === null) return undefined
  const [, scheme = '', authority = '', rest = ''] = match
  const hostStart = authority.lastIndexOf('@') + 1
  let hostEnd = hostStart
  if (authority.startsWith('[', hostStart)) {
    hostEnd = authority.indexOf(']', hostStart) + 1
    // An unclosed bracket: the URL is invalid whatever its port says.
    if (hostEnd === 0) return undefined
  }
  const colon = authority.indexOf(':', hostEnd)
  if (colon < 0) return undefined
  return {
    port: authority.slice(colon + 1),
    withoutPort: scheme + authority.slice(0, colon) + rest,
  }
}
