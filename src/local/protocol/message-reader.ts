/**
 * Splits a byte stream of PostgreSQL protocol messages (`type:u8 length:i32 body`)
 * into whole messages without copying: each message is reported as a range of
 * the buffer it arrived in. Only a message split across chunks costs a copy.
 *
 * @example
 * ```ts
 * const reader = new MessageReader()
 * socket.on('data', (chunk) => {
 *   reader.read(chunk, (type, buf, start, end) => {
 *     // buf[start] === type; the body is buf.subarray(start + 5, end)
 *   })
 * })
 * ```
 */
export class MessageReader {
  #pending: Buffer | null = null

  /**
   * Calls `onMessage` for every complete message in `chunk` (plus what was left
   * over from earlier chunks) and returns the buffer those ranges refer to.
   * When `onMessage` returns `false` reading stops there and that message and
   * the rest stay buffered until the next `read` (pass an empty buffer to
   * resume without new bytes).
   */
  read(chunk: Buffer, onMessage: MessageCallback): Buffer {
    let buf = chunk
    if (this.#pending !== null) {
      buf =
        chunk.length === 0
          ? this.#pending
          : Buffer.concat([this.#pending, chunk])
      this.#pending = null
    }
    const total = buf.length
    let offset = 0
    while (offset + 5 <= total) {
      const end = offset + 1 + buf.readInt32BE(offset + 1)
      if (end > total) break
      if (onMessage(buf[offset]!, buf, offset, end) === false) break
      offset = end
    }
    if (offset < total) this.#pending = buf.subarray(offset)
    return buf
  }

  /** Buffers `chunk` without reading it (while the reader of messages is held). */
  append(chunk: Buffer): void {
    this.#pending =
      this.#pending === null ? chunk : Buffer.concat([this.#pending, chunk])
  }

  /** Bytes received but not yet part of a whole message. */
  get buffered(): number {
    return this.#pending?.length ?? 0
  }

  /** Takes whatever is buffered (used when a connection changes hands). */
  takeBuffered(): Buffer | null {
    const pending = this.#pending
    this.#pending = null
    return pending
  }
}

/** `start` is the offset of the type byte; `end` is one past the last byte. */
export type MessageCallback = (
  type: number,
  buf: Buffer,
  start: number,
  end: number,
) => boolean | void
