import { isIP } from 'node:net'
import { rootCertificates, type ConnectionOptions } from 'node:tls'

import type pg from 'pg'

import type { Login } from '../auth/index.js'
import type { PgTypes } from '../types/index.js'
import type { RedshiftConfig } from './redshift-config.js'

/**
 * The `pg.Client` options for one connection. Call it with a freshly fetched
 * login for each new connection (IAM passwords expire, and IAM names the
 * user too).
 *
 * TLS: `disable` -> no TLS; `require` -> TLS without certificate checks
 * (warned about once per config, code `KYSELY_REDSHIFT_TLS_UNVERIFIED`);
 * `verify-ca` -> the chain is checked but not the host name; `verify-full`
 * -> both, against `tls.servername` or the host. `tls.ca` is trusted in
 * addition to Node's root CAs (which include Amazon's), not instead of them,
 * so a private CA does not stop the public ones from working.
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

// Configs already warned about: the warning is for the setting, not for
// each connection opened with it.
const warnedUnverified = new WeakSet<RedshiftConfig>()

function tlsOptions(config: RedshiftConfig): false | ConnectionOptions {
  const { mode, ca, servername } = config.tls
  // Giving `ca` to Node replaces its root store; both are wanted.
  const withCa = ca === undefined ? {} : { ca: [...rootCertificates, ca] }
  switch (mode) {
    case 'disable':
      return false
    case 'require':
      warnUnverified(config)
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

function warnUnverified(config: RedshiftConfig): void {
  if (warnedUnverified.has(config)) return
  warnedUnverified.add(config)
  process.emitWarning(
    `TLS mode 'require' encrypts the connection to ${config.host} but does not verify the server's certificate, so anyone on the network path can pose as the server. Use 'verify-full' (with tls.ca for a private CA).`,
    { code: 'KYSELY_REDSHIFT_TLS_UNVERIFIED' },
  )
}
