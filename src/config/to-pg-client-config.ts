import { isIP } from 'node:net'
import type { ConnectionOptions } from 'node:tls'

import type pg from 'pg'

import type { Login } from '../auth/index.js'
import type { PgTypes } from '../types/index.js'
import type { RedshiftConfig } from './redshift-config.js'

/**
 * The `pg.Client` options for one connection. Call it with a freshly fetched
 * login for each new connection (IAM passwords expire, and IAM names the
 * user too).
 *
 * TLS: `disable` -> no TLS; `require` -> TLS without certificate checks;
 * `verify-ca` -> the chain is checked but not the host name; `verify-full`
 * -> both, against `tls.servername` or the host. `tls.ca` replaces Node's
 * root CAs when given.
 *
 * The password is set as a non-enumerable property, so logging the returned
 * object does not print it (pg hides it the same way on its clients).
 *
 * ```ts
 * const client = new pg.Client(
 *   toPgClientConfig(config, await staticLogin(config).login(), createTypeParsers(config.types)),
 * )
 * await client.connect()
 * ```
 */
export function toPgClientConfig(
  config: RedshiftConfig,
  login: Login,
  types: PgTypes,
): pg.ClientConfig {
  const pgConfig: pg.ClientConfig = {
    host: config.host,
    port: config.port,
    database: config.database,
    user: login.user,
    ssl: tlsOptions(config),
    connectionTimeoutMillis: config.pool.connectTimeoutMs,
    // Idle pooled connections otherwise die silently behind NAT gateways
    // and load balancers, and are only found broken on the next query.
    keepAlive: true,
    types,
    ...(config.applicationName === undefined
      ? {}
      : { application_name: config.applicationName }),
  }
  Object.defineProperty(pgConfig, 'password', {
    value: login.password,
    enumerable: false,
    writable: false,
    configurable: false,
  })
  return pgConfig
}

function tlsOptions(config: RedshiftConfig): false | ConnectionOptions {
  const { mode, ca, servername } = config.tls
  const withCa = ca === undefined ? {} : { ca }
  switch (mode) {
    case 'disable':
      return false
    case 'require':
      return { rejectUnauthorized: false }
    case 'verify-ca':
      return {
        rejectUnauthorized: true,
        ...withCa,
        // The chain is still verified; only the name check is skipped.
        checkServerIdentity: () => undefined,
      }
    case 'verify-full': {
      const name = servername ?? config.host
      // SNI must not carry an IP address (RFC 6066); Node then checks the
      // certificate against the IP itself.
      return {
        rejectUnauthorized: true,
        ...withCa,
        ...(isIP(name) === 0 ? { servername: name } : {}),
      }
    }
  }
}
