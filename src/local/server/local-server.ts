import { randomInt } from 'node:crypto'
import net from 'node:net'
import tls from 'node:tls'

import {
  authenticationMd5,
  authenticationOk,
  backendKeyData,
  negotiateProtocolVersion,
  parameterStatus,
  readyForQuery,
} from '../protocol/backend-messages.js'
import {
  BackendStartupError,
  connectBackend,
} from '../protocol/backend-connection.js'
import type { BackendTarget } from '../protocol/backend-target.js'
import {
  encodeErrorMessage,
  type ErrorFields,
} from '../protocol/error-fields.js'
import { readStartupPacket } from '../protocol/startup-packet.js'
import { IamCredentialStore } from '../aws-api/iam-credential-store.js'
import { BACKING_DATABASE } from '../catalog/client-catalog-views.js'
import type { IamRoles } from '../aws-api/iam-roles.js'
import { quoteIdentifier } from '../sql/quote.js'
import type { LocalRuntime } from '../runtime/local-runtime.js'
import { ProxySession } from '../session/proxy-session.js'
import { checkMd5Password, newSalt } from './client-auth.js'
import {
  connectionEvent,
  connectionFacts,
  type AuthMethod,
} from './connection-events.js'
import {
  REDSHIFT_STARTUP_DEFAULTS,
  MAX_PROTOCOL_VERSION,
  negotiatedProtocolVersion,
  redshiftParameterStatuses,
} from './startup-parameters.js'
import {
  HandshakeReader,
  messageLength,
  startupLength,
} from './handshake-reader.js'

/** Start-up parameters passed on to PostgreSQL (the rest are Redshift drivers' own). */
const FORWARDED_STARTUP = [
  'application_name',
  'client_encoding',
  'DateStyle',
  'TimeZone',
  'extra_float_digits',
] as const

/** Options of {@link LocalServer}. */
export interface LocalServerOptions {
  readonly host: string
  readonly port: number
  /** When set, clients authenticate with MD5 and must use `user` and this password. */
  readonly user: string | undefined
  readonly password: string | undefined
  readonly isolation: 'serializable' | 'snapshot'
  /** Makes a database ready (catalog installed) before its first session starts. */
  readonly prepareDatabase: (database: string) => Promise<void>
  /**
   * Temporary IAM logins: a user named `IAM:...` / `IAMA:...` / `IAMR:...`
   * must log in with a password these issued, before it expires.
   */
  readonly iam?: {
    readonly store: IamCredentialStore
    readonly roles: IamRoles
  }
  /** When set, an SSLRequest is answered 'S' and the connection upgraded. */
  readonly tls?: tls.SecureContext
  /** Refuses connections that did not upgrade to TLS (Redshift's require_ssl). */
  readonly requireSsl?: boolean
  /**
   * The database whose STL_CONNECTION_LOG records a failed login naming
   * `database` (default: that one). A failed login must not make the
   * emulator open a database nobody has used yet.
   */
  readonly failureLogDatabase?: (database: string) => string
}

/**
 * The emulator's listening socket: answers SSLRequest with 'S' and upgrades
 * the connection to TLS when a certificate is configured (else 'N'),
 * authenticates the client (temporary IAM passwords for `IAM:` users, MD5
 * when a password is configured, otherwise trust), opens the session's own
 * PostgreSQL connection, and hands both sockets to a {@link ProxySession}.
 *
 * @example
 * ```ts
 * const server = new LocalServer(runtime, target, options)
 * const port = await server.listen()
 * ```
 */
export class LocalServer {
  readonly #runtime: LocalRuntime
  readonly #target: BackendTarget
  readonly #options: LocalServerOptions
  readonly #server: net.Server
  readonly #sockets = new Set<net.Socket>()

  constructor(
    runtime: LocalRuntime,
    target: BackendTarget,
    options: LocalServerOptions,
  ) {
    this.#runtime = runtime
    this.#target = target
    this.#options = options
    this.#server = net.createServer((socket) => {
      this.#sockets.add(socket)
      socket.once('close', () => this.#sockets.delete(socket))
      this.#accept(socket).catch(() => socket.destroy())
    })
  }

  /** Starts listening; resolves to the port (useful with port 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(this.#options.port, this.#options.host, () => {
        this.#server.removeListener('error', reject)
        resolve((this.#server.address() as net.AddressInfo).port)
      })
    })
  }

  /** Stops accepting and closes every connection. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.#server.close(() => resolve()),
    )
    for (const session of this.#runtime.sessions.values()) session.destroy()
    for (const socket of this.#sockets) socket.destroy()
    await closed
  }

  async #accept(raw: net.Socket): Promise<void> {
    raw.setNoDelay(true)
    let socket: net.Socket = raw
    let reader = new HandshakeReader(socket)
    let encrypted = false
    let parameters: Readonly<Record<string, string>> | undefined
    for (;;) {
      const packet = readStartupPacket(await reader.next(startupLength))
      if (packet === null) throw new Error('incomplete start-up packet')
      const { packet: p } = packet
      if (p.kind === 'ssl' && this.#options.tls !== undefined && !encrypted) {
        // Bytes sent after the SSLRequest but before the handshake would be
        // plain text posing as encrypted (CVE-2021-23214): refused.
        if (reader.release().length > 0)
          throw new Error('data after SSLRequest')
        socket.write('S')
        socket = new tls.TLSSocket(raw, {
          isServer: true,
          secureContext: this.#options.tls,
        })
        // A client that rejects the certificate ends the handshake with an
        // alert; nothing more to do than drop the socket.
        socket.once('error', () => raw.destroy())
        reader = new HandshakeReader(socket)
        encrypted = true
        continue
      }
      if (p.kind === 'ssl' || p.kind === 'gssenc') {
        socket.write('N')
        continue
      }
      if (p.kind === 'cancel') {
        this.#runtime.cancelByKey(p.pid, p.secret)
        socket.end()
        return
      }
      if (p.major !== 3) {
        return fatal(
          socket,
          '0A000',
          `unsupported frontend protocol ${p.major}.${p.minor}: server supports 3.0`,
        )
      }
      if (p.minor > 0) {
        socket.write(
          negotiateProtocolVersion(
            0,
            Object.keys(p.parameters).filter((k) => k.startsWith('_pq_.')),
          ),
        )
      }
      parameters = p.parameters
      break
    }
    if (this.#runtime.faults.refusing) {
      return fatal(
        socket,
        '53300',
        'connection limit "500" exceeded for non-bootstrap users',
      )
    }
    const user = parameters['user']
    if (!user)
      return fatal(
        socket,
        '28000',
        'no PostgreSQL user name specified in startup packet',
      )
    const database = parameters['database'] || user
    if (this.#options.requireSsl === true && !encrypted) {
      return fatal(
        socket,
        '28000',
        `no pg_hba.conf entry for host "${raw.remoteAddress ?? ''}", user "${user}", database "${database}", SSL off`,
      )
    }
    const { password, user: expectedUser, iam } = this.#options
    // Without its lookups the emulator cannot fill extended metadata.
    const protocolVersion = negotiatedProtocolVersion(
      parameters,
      this.#runtime.resultSources === undefined ? 0 : MAX_PROTOCOL_VERSION,
    )
    const iamLogin = iam !== undefined && IamCredentialStore.isIamUser(user)
    const authmethod: AuthMethod = iamLogin
      ? 'IAM'
      : password !== undefined
        ? 'password'
        : 'trust'
    const facts = connectionFacts(raw, socket, parameters, {
      database,
      user,
      authmethod,
      protocolVersion: protocolVersion ?? 0,
    })
    const authFailed = (): void => {
      const into = this.#options.failureLogDatabase?.(database) ?? database
      this.#runtime.log.connection(
        into,
        connectionEvent(facts, 'authentication failure'),
      )
    }
    // The role the session runs as: the login name, except for temporary
    // IAM users, whose credentials name it.
    let sessionUser = user
    if (iam !== undefined && iamLogin) {
      const salt = newSalt()
      socket.write(authenticationMd5(salt))
      const message = await reader.next(messageLength)
      const received =
        message[0] === 0x70
          ? message.toString('utf8', 5, message.length - 1)
          : ''
      const check = iam.store.check(user, database, (candidate) =>
        checkMd5Password(received, { user, password: candidate }, salt),
      )
      // Redshift says the same for a wrong and for an expired password, and
      // for a right one sent without TLS: temporary IAM credentials are
      // accepted over SSL only (mgmt:generating-iam-credentials-cli-api.md;
      // seen from pg without ssl in brianc/node-postgres#1528).
      if (!check.ok || !encrypted) {
        authFailed()
        return fatal(
          socket,
          '28000',
          `password authentication failed for user "${user}"`,
        )
      }
      if (!(await iam.roles.exists(check.credential.role))) {
        authFailed()
        return fatal(socket, '42704', `user "${user}" does not exist`)
      }
      sessionUser = check.credential.role
    } else if (password !== undefined) {
      const salt = newSalt()
      socket.write(authenticationMd5(salt))
      const message = await reader.next(messageLength)
      const received =
        message[0] === 0x70
          ? message.toString('utf8', 5, message.length - 1)
          : ''
      const wanted = { user, password }
      if (
        (expectedUser !== undefined && user !== expectedUser) ||
        !checkMd5Password(received, wanted, salt)
      ) {
        authFailed()
        return fatal(
          socket,
          '28P01',
          `password authentication failed for user "${user}"`,
        )
      }
    }
    // The backing PostgreSQL's maintenance database is the emulator's own:
    // refused as Redshift refuses a database it does not have.
    if (database === BACKING_DATABASE) {
      return fatal(socket, '3D000', `database "${database}" does not exist`)
    }
    const authenticatedAt = new Date()

    const startup: Record<string, string> = {
      database,
      default_transaction_isolation:
        this.#options.isolation === 'snapshot'
          ? 'repeatable read'
          : 'serializable',
    }
    for (const key of FORWARDED_STARTUP) {
      const value = parameters[key]
      if (value !== undefined) startup[key] = value
    }
    startup['client_encoding'] ??= 'UTF8'
    for (const [key, value] of Object.entries(REDSHIFT_STARTUP_DEFAULTS))
      startup[key] ??= value
    let backend
    try {
      ;[backend] = await Promise.all([
        // The session runs as the user the client logged in as when PostgreSQL
        // has that role (current_user, object owners); otherwise as the
        // emulator's own PostgreSQL user.
        connectBackend(
          this.#target,
          startup,
          `SET SESSION AUTHORIZATION ${quoteIdentifier(sessionUser)}`,
        ),
        this.#options.prepareDatabase(database),
      ])
    } catch (error) {
      if (error instanceof BackendStartupError) {
        socket.end(encodeErrorMessage({ ...error.fields, severity: 'FATAL' }))
        return
      }
      return fatal(
        socket,
        '08006',
        `could not reach the database: ${(error as Error).message}`,
      )
    }
    if (socket.destroyed) {
      backend.socket.destroy()
      return
    }

    const clientSecret = randomInt(1, 2 ** 31 - 1)
    const greeting: Buffer[] = [authenticationOk()]
    for (const [name, value] of redshiftParameterStatuses(
      backend.parameters,
      protocolVersion,
    )) {
      greeting.push(parameterStatus(name, value))
    }
    greeting.push(backendKeyData(backend.pid, clientSecret), readyForQuery('I'))
    socket.write(Buffer.concat(greeting))

    const leftover = reader.release()
    const connection = { ...facts, pid: backend.pid, username: sessionUser }
    const log = this.#runtime.log
    log.connection(
      database,
      connectionEvent(connection, 'authenticated', authenticatedAt),
    )
    log.connection(database, connectionEvent(connection, 'initiating session'))
    const session = new ProxySession(
      this.#runtime,
      socket,
      backend,
      {
        user: sessionUser,
        database,
        protocolVersion: protocolVersion ?? 0,
        connection,
      },
      clientSecret,
      (closed) => {
        if (this.#runtime.sessions.get(closed.pid) === closed)
          this.#runtime.sessions.delete(closed.pid)
      },
    )
    this.#runtime.sessions.set(backend.pid, session)
    session.start(leftover)
  }
}

function fatal(socket: net.Socket, code: string, message: string): void {
  const fields: ErrorFields = { severity: 'FATAL', code, message }
  socket.end(encodeErrorMessage(fields))
}
