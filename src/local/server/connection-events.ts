import type net from 'node:net'
import tls from 'node:tls'

import type {
  ConnectionEventName,
  ConnectionLogEntry,
} from '../catalog/connection-log.js'

/** How the client proved who it is (STL_CONNECTION_LOG.authmethod). */
export type AuthMethod = 'password' | 'IAM' | 'trust'

/**
 * What STL_CONNECTION_LOG says about one client connection, the same for
 * each of its events: where it comes from, its TLS, and what its start-up
 * message said about the client.
 */
export type ConnectionFacts = Omit<
  ConnectionLogEntry,
  'event' | 'recordtime' | 'duration' | 'session_start' | 'timed_out'
>

/**
 * The facts of a connection from its sockets and start-up parameters. A
 * client's address in IPv4-mapped form (`::ffff:10.0.0.1`) is shown as
 * IPv4, as Redshift's examples show addresses.
 *
 * @example
 * ```ts
 * const facts = connectionFacts(raw, socket, parameters, { database: 'dev', user: 'awsuser', authmethod: 'password', protocolVersion: 0 })
 * log.connection('dev', connectionEvent(facts, 'authenticated'))
 * ```
 */
export function connectionFacts(
  raw: net.Socket,
  socket: net.Socket,
  parameters: Readonly<Record<string, string>>,
  who: {
    readonly database: string
    readonly user: string
    readonly authmethod: AuthMethod
    readonly protocolVersion: number
  },
): ConnectionFacts {
  const secure = socket instanceof tls.TLSSocket ? socket : undefined
  const address = raw.remoteAddress ?? ''
  return {
    remotehost: address.startsWith('::ffff:') ? address.slice(7) : address,
    remoteport: raw.remotePort === undefined ? '' : String(raw.remotePort),
    pid: 0,
    dbname: who.database,
    username: who.user,
    authmethod: who.authmethod,
    sslversion: secure?.getProtocol() ?? '',
    sslcipher: secure?.getCipher()?.name ?? '',
    application_name: parameters['application_name'] ?? '',
    os_version: parameters['os_version'] ?? '',
    driver_version: parameters['driver_version'] ?? '',
    plugin_name: parameters['plugin_name'] ?? '',
    protocol_version: who.protocolVersion,
  }
}

/**
 * One event of a connection; `at` defaults to now.
 *
 * @example
 * ```ts
 * connectionEvent({ ...facts, pid: 4242 }, 'initiating session')
 * ```
 */
export function connectionEvent(
  facts: ConnectionFacts,
  event: ConnectionEventName,
  at: Date = new Date(),
): ConnectionLogEntry {
  return { ...facts, event, recordtime: at, duration: 0 }
}
