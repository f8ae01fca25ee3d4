import net from 'node:net'

/** Where a cancel request goes, and the session it names. */
export interface CancelTarget {
  readonly host: string
  readonly port: number
  /** The backend pid from the session's BackendKeyData. */
  readonly pid: number
  /** The secret key from the same message. */
  readonly secret: number
}

// CancelRequest: length 16, the code 1234 5678, pid, secret key.
const CANCEL_REQUEST_CODE = 80877102

/**
 * Sends the PostgreSQL protocol's CancelRequest for a session, on a new TCP
 * connection of its own (the protocol's way: the session itself is busy
 * running the statement). Resolves once the server has closed that
 * connection (it has then read the request) or after `timeoutMs`, never
 * rejects: whether the statement stopped is seen on the session itself.
 *
 * It needs no login, so it works with the pool exhausted and costs the
 * server no session, where `pg_cancel_backend(pid)` would need another
 * connection.
 *
 * ```ts
 * await sendCancelRequest({ host, port, pid: client.processID, secret: client.secretKey }, 2_000)
 * ```
 */
export function sendCancelRequest(
  target: CancelTarget,
  timeoutMs: number,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const socket = net.connect({ host: target.host, port: target.port })
    const done = () => {
      clearTimeout(timer)
      socket.destroy()
      resolve()
    }
    const timer = setTimeout(done, timeoutMs)
    timer.unref()
    socket.once('connect', () => {
      const packet = Buffer.alloc(16)
      packet.writeInt32BE(16, 0)
      packet.writeInt32BE(CANCEL_REQUEST_CODE, 4)
      packet.writeUInt32BE(target.pid >>> 0, 8)
      packet.writeUInt32BE(target.secret >>> 0, 12)
      socket.end(packet)
    })
    socket.once('close', done)
    socket.once('error', done)
  })
}
