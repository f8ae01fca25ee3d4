import { createHash } from 'node:crypto'
import net from 'node:net'

import { serialize } from 'pg-protocol'

import type { BackendTarget } from './backend-target.js'
import { decodeErrorFields, type ErrorFields } from './error-fields.js'
import { MessageReader } from './message-reader.js'
import { ScramClient } from './scram-client.js'

/** A PostgreSQL connection that finished start-up and is ready for queries. */
export interface BackendConnection {
  readonly socket: net.Socket
  readonly pid: number
  readonly secret: number
  /** ParameterStatus values the server reported during start-up, in order. */
  readonly parameters: ReadonlyMap<string, string>
  /** Transaction status of the first ReadyForQuery (always 'I'). */
  readonly status: string
}

/** Raised when PostgreSQL refuses the connection; carries its error fields. */
export class BackendStartupError extends Error {
  readonly fields: ErrorFields
  constructor(fields: ErrorFields) {
    super(fields.message)
    this.fields = fields
  }
}

/**
 * Opens a connection to the backing PostgreSQL and runs start-up and
 * authentication (trust, cleartext, MD5 or SCRAM-SHA-256).
 *
 * @example
 * ```ts
 * const backend = await connectBackend(target, { database: 'dev', application_name: 'psql' })
 * backend.socket.write(serialize.query('select 1'))
 * ```
 */
export function connectBackend(
  target: BackendTarget,
  parameters: Readonly<Record<string, string>>,
  /**
   * A statement run once start-up is done, before the connection is handed
   * over (e.g. SET SESSION AUTHORIZATION); an error in it is ignored.
   */
  setup?: string,
): Promise<BackendConnection> {
  return new Promise((resolve, reject) => {
    const socket = target.host.startsWith('/')
      ? net.connect({ path: `${target.host}/.s.PGSQL.${target.port}` })
      : net.connect({ host: target.host, port: target.port })
    socket.setNoDelay(true)
    const reader = new MessageReader()
    const reported = new Map<string, string>()
    let pid = 0
    let secret = 0
    let scram: ScramClient | undefined
    let pendingSetup = setup
    let settled = false

    const fail = (error: Error) => {
      if (settled) return
      settled = true
      socket.removeListener('data', onData)
      socket.destroy()
      reject(error)
    }

    const onData = (chunk: Buffer) => {
      try {
        reader.read(chunk, (type, buf, start, end) => {
          if (settled) return
          const body = start + 5
          switch (type) {
            case 0x52 /* R */: {
              const code = buf.readInt32BE(body)
              if (code === 0) return
              if (code === 3) {
                socket.write(serialize.password(requirePassword(target)))
              } else if (code === 5) {
                const salt = buf.subarray(body + 4, body + 8)
                socket.write(serialize.password(md5Password(target, salt)))
              } else if (code === 10) {
                const mechanisms = buf
                  .toString('utf8', body + 4, end)
                  .split('\0')
                if (!mechanisms.includes('SCRAM-SHA-256')) {
                  throw new Error(
                    `unsupported SASL mechanisms: ${mechanisms.join(', ')}`,
                  )
                }
                scram = new ScramClient(requirePassword(target))
                socket.write(
                  serialize.sendSASLInitialResponseMessage(
                    'SCRAM-SHA-256',
                    scram.firstMessage,
                  ),
                )
              } else if (code === 11 && scram) {
                socket.write(
                  serialize.sendSCRAMClientFinalMessage(
                    scram.finalMessage(buf.toString('utf8', body + 4, end)),
                  ),
                )
              } else if (code === 12 && scram) {
                scram.verifyServerFinal(buf.toString('utf8', body + 4, end))
              } else {
                throw new Error(`unsupported authentication request ${code}`)
              }
              return
            }
            case 0x53 /* S */: {
              const zero = buf.indexOf(0, body)
              reported.set(
                buf.toString('utf8', body, zero),
                buf.toString('utf8', zero + 1, end - 1),
              )
              return
            }
            case 0x4b /* K */:
              pid = buf.readInt32BE(body)
              secret = buf.readInt32BE(body + 4)
              return
            case 0x45 /* E */:
              // An error of the setup statement leaves the connection usable.
              if (
                pid !== 0 &&
                pendingSetup === undefined &&
                setup !== undefined
              )
                return
              fail(new BackendStartupError(decodeErrorFields(buf, start, end)))
              return
            case 0x5a /* Z */:
              if (pendingSetup !== undefined) {
                socket.write(serialize.query(pendingSetup))
                pendingSetup = undefined
                return
              }
              settled = true
              socket.removeListener('data', onData)
              socket.removeListener('error', fail)
              socket.removeListener('close', onClose)
              resolve({
                socket,
                pid,
                secret,
                parameters: reported,
                status: String.fromCharCode(buf[body]!),
              })
              return
            default:
              // NoticeResponse and NegotiateProtocolVersion need no answer.
              return
          }
        })
      } catch (error) {
        fail(error as Error)
      }
    }

    const onClose = () =>
      fail(new Error('PostgreSQL closed the connection during start-up'))
    socket.on('data', onData)
    socket.on('error', fail)
    socket.once('close', onClose)
    socket.once('connect', () => {
      socket.write(startupMessage({ user: target.user, ...parameters }))
    })
  })
}

/** Sends a CancelRequest for `pid`/`secret` on a connection of its own. */
export function cancelBackend(
  target: BackendTarget,
  pid: number,
  secret: number,
): Promise<void> {
  return new Promise((resolve) => {
    const socket = target.host.startsWith('/')
      ? net.connect({ path: `${target.host}/.s.PGSQL.${target.port}` })
      : net.connect({ host: target.host, port: target.port })
    socket.once('connect', () => socket.end(serialize.cancel(pid, secret)))
    socket.once('close', () => resolve())
    socket.once('error', () => resolve())
  })
}

/** A protocol 3.0 StartupMessage with exactly the given parameters. */
function startupMessage(parameters: Readonly<Record<string, string>>): Buffer {
  const body = Buffer.from(
    Object.entries(parameters)
      .map(([key, value]) => `${key}\0${value}\0`)
      .join('') + '\0',
    'utf8',
  )
  const out = Buffer.allocUnsafe(8 + body.length)
  out.writeInt32BE(8 + body.length, 0)
  out.writeInt32BE(196608, 4)
  body.copy(out, 8)
  return out
}

function requirePassword(target: BackendTarget): string {
  if (target.password === undefined) {
    throw new Error('PostgreSQL asked for a password but the URL has none')
  }
  return target.password
}

function md5Password(target: BackendTarget, salt: Buffer): string {
  const inner = createHash('md5')
    .update(requirePassword(target) + target.user)
    .digest('hex')
  return 'md5' + createHash('md5').update(inner).update(salt).digest('hex')
}
