import { readFileSync } from 'node:fs'

import {
  RedshiftConfigError,
  type RedshiftConfigIssue,
} from '../errors/index.js'
import { readConnectionUrl } from './parse-connection-url.js'
import { PORT_EXPECTED, readPortNumber } from './port-number.js'
import { SSL_MODE_EXPECTED, tlsModeFromSslMode } from './ssl-modes.js'
import type { TlsMode } from './redshift-config.js'
import type { RedshiftConfigInput } from './redshift-config-input.js'

/**
 * Reads connection settings from environment variables:
 * `REDSHIFT_URL`, then `REDSHIFT_HOST`, `REDSHIFT_PORT`, `REDSHIFT_DATABASE`,
 * `REDSHIFT_USER`, `REDSHIFT_PASSWORD` (each overriding the URL), and for
 * anything still missing libpq's `PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`,
 * `PGPASSWORD`, `PGSSLMODE`, `PGAPPNAME`, `PGSSLROOTCERT` (a file, read now).
 * Empty variables count as unset. `DATABASE_URL` is not read: it usually
 * belongs to another database of the application.
 *
 * ```ts
 * const db = new Kysely<DB>({
 *   dialect: new RedshiftDialect({ ...configFromEnv(), pool: { max: 4 } }),
 * })
 * ```
 */
export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): RedshiftConfigInput {
  const issues: RedshiftConfigIssue[] = []
  const get = (name: string): string | undefined => {
    const value = env[name]
    return value === undefined || value === '' ? undefined : value
  }
  const port = (name: string): number | undefined => {
    const value = get(name)
    if (value === undefined) return undefined
    const read = readPortNumber(value)
    if ('port' in read) return read.port
    issues.push({
      path: `env.${name}`,
      message: read.problem,
      expected: PORT_EXPECTED,
    })
    return undefined
  }

  let input: RedshiftConfigInput = {}
  const url = get('REDSHIFT_URL')
  if (url !== undefined) {
    const read = readConnectionUrl(url)
    input = read.input
    issues.push(
      ...read.issues.map((issue) => ({
        ...issue,
        path: issue.path.replace(/^url/, 'env.REDSHIFT_URL'),
      })),
    )
  }

  const pick = <T>(...values: (T | undefined)[]): T | undefined =>
    values.find((v) => v !== undefined)
  const host = pick(get('REDSHIFT_HOST'), input.host, get('PGHOST'))
  const portValue = pick(port('REDSHIFT_PORT'), input.port, port('PGPORT'))
  const database = pick(
    get('REDSHIFT_DATABASE'),
    input.database,
    get('PGDATABASE'),
  )
  const user = pick(get('REDSHIFT_USER'), input.user, get('PGUSER'))
  const password = pick<RedshiftConfigInput['password']>(
    get('REDSHIFT_PASSWORD'),
    input.password,
    get('PGPASSWORD'),
  )
  const applicationName = pick(input.applicationName, get('PGAPPNAME'))

  const urlTls = typeof input.tls === 'object' ? input.tls : {}
  const tls: { mode?: TlsMode; ca?: string | Buffer } = { ...urlTls }
  const sslmode = get('PGSSLMODE')
  if (tls.mode === undefined && sslmode !== undefined) {
    const mode = tlsModeFromSslMode(sslmode)
    if (mode) tls.mode = mode
    else {
      issues.push({
        path: 'env.PGSSLMODE',
        message: 'is not an sslmode',
        expected: SSL_MODE_EXPECTED,
      })
    }
  }
  const rootCert = get('PGSSLROOTCERT')
  if (tls.ca === undefined && rootCert !== undefined) {
    try {
      tls.ca = readFileSync(rootCert, 'utf8')
    } catch {
      issues.push({
        path: 'env.PGSSLROOTCERT',
        message: 'names a file that cannot be read',
        expected: 'path to a PEM file',
      })
    }
  }
  if (issues.length > 0) throw new RedshiftConfigError({ issues })

  const result: RedshiftConfigInput = { ...input }
  const set = <K extends keyof RedshiftConfigInput>(
    key: K,
    value: RedshiftConfigInput[K] | undefined,
  ) => {
    if (value === undefined) delete result[key]
    else result[key] = value
  }
  set('host', host)
  set('port', portValue)
  set('database', database)
  set('user', user)
  set('password', password)
  set('applicationName', applicationName)
  set('tls', Object.keys(tls).length > 0 ? tls : undefined)
  return result
}
