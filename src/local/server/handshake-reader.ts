import type net from 'node:net'

/**
 * Reads the first packets of a connection (start-up, password) before the
 * session takes the socket over. Collects bytes and hands out whole packets;
 * `release()` returns what arrived beyond them.
 *
 * @example
 * ```ts
 * const reader = new HandshakeReader(socket)
 * const packet = await reader.next((buf) => (buf.length >= 8 ? buf.readInt32BE(0) : 0))
 * ```
 */
export class HandshakeReader {
  readonly #socket: net.Socket
  #buffer: Buffer = Buffer.alloc(0)
  #waiter: (() => void) | undefined
  #failed: Error | undefined

  constructor(socket: net.Socket) {
    this.#socket = socket
    socket.on('data', this.#onData)
    socket.once('close', this.#onEnd)
    socket.once('error', this.#onEnd)
  }

  /**
   * Waits for a whole packet; `lengthOf` returns its length once enough bytes
   * are there to know it (0 while unknown).
   */
  async next(lengthOf: (buf: Buffer) => number): Promise<Buffer> {
    for (;;) {
      if (this.#failed) throw this.#failed
      const length = lengthOf(this.#buffer)
      if (length > 0 && this.#buffer.length >= length) {
        const packet = this.#buffer.subarray(0, length)
        this.#buffer = this.#buffer.subarray(length)
        return packet
      }
      await new Promise<void>((resolve) => {
        this.#waiter = resolve
      })
    }
  }

  /** Stops reading and returns bytes received beyond the last packet. */
  release(): Buffer {
    this.#socket.removeListener('data', this.#onData)
    this.#socket.removeListener('close', this.#onEnd)
    this.#socket.removeListener('error', this.#onEnd)
    return this.#buffer
  }

  readonly #onData = (chunk: Buffer): void => {
    this.#buffer =
      this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk])
    this.#wake()
  }

  readonly #onEnd = (): void => {
    this.#failed ??= new Error('client disconnected during start-up')
    this.#wake()
  }

  #wake(): void {
    const waiter = this.#waiter
    this.#waiter = undefined
    waiter?.()
  }
}

/** Length of an untyped start-up packet (`length:i32 ...`). */
export const startupLength = (buf: Buffer): number =>
  buf.length >= 4 ? buf.readInt32BE(0) : 0

/** Length of a typed message (`type:u8 length:i32 ...`). */
export const messageLength = (buf: Buffer): number =>
  buf.length >= 5 ? 1 + buf.readInt32BE(1) : 0
