import { BackendFlowGate, type BackendFlow } from './backend-flow-gate.js'

/** Rows are gathered into chunks of about this many bytes. */
const CHUNK_BYTES = 256 * 1024
/** Chunks held before PostgreSQL's stream is paused. */
const HIGH_WATER = 8

/**
 * The CopyData of a `COPY ... TO STDOUT` between PostgreSQL and its reader,
 * as chunks of whole rows (each CopyData's payload is one row): the rows
 * are copied out of the socket's buffers into chunks of about 256 KiB, so a
 * reader handles a few hundred rows per wake-up and no object per row is
 * made. Above a few chunks PostgreSQL's stream is paused until the reader
 * catches up; a reader that stops early makes the queue drop the rest.
 *
 * @example
 * ```ts
 * const queue = new CopyOutChunks(host)
 * // on each CopyData message: queue.push(buf, start + 5, end)
 * for await (const chunk of queue) parse(chunk)
 * ```
 */
export class CopyOutChunks implements AsyncIterable<Buffer> {
  readonly #gate: BackendFlowGate
  #ready: Buffer[] = []
  /** Chunk buffers the reader is done with, reused (fewer large allocations to collect). */
  #free: Buffer[] = []
  #current: Buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  #length = 0

  constructor(flow: BackendFlow) {
    this.#gate = new BackendFlowGate(flow)
  }

  /**
   * One row's bytes arrived; false asks the session to stop reading
   * PostgreSQL. A false row is not taken: the session's reader keeps that
   * message and hands it over again when the reader resumes it.
   */
  push(buf: Buffer, start: number, end: number): boolean {
    if (this.#gate.discarding) return true
    if (this.#ready.length >= HIGH_WATER) {
      this.#gate.pause()
      return false
    }
    const length = end - start
    if (this.#length + length > this.#current.length) {
      this.#seal()
      if (length > this.#current.length) {
        this.#current = Buffer.allocUnsafe(length)
      }
    }
    const current = this.#current
    if (length < 256) {
      // Rows are short: a loop beats Buffer#copy's call overhead.
      let at = this.#length
      for (let i = start; i < end; i++) current[at++] = buf[i]!
    } else {
      buf.copy(current, this.#length, start, end)
    }
    this.#length += length
    if (this.#length >= CHUNK_BYTES) this.#seal()
    return true
  }

  end(): void {
    this.#seal()
    this.#gate.end()
  }

  /** Ends the rows with `error`; rows still to come are dropped. */
  fail(error: Error): void {
    if (this.#gate.fail(error)) this.#ready = []
  }

  /** The rows gathered so far become a chunk the reader can take. */
  #seal(): void {
    if (this.#length === 0) return
    this.#ready.push(this.#current.subarray(0, this.#length))
    this.#current = this.#free.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES)
    this.#length = 0
    this.#gate.wakeReader()
  }

  /**
   * The chunks in order. A chunk is only valid until the next one is asked
   * for: its memory is then reused.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        const chunk = this.#ready.shift()
        if (chunk !== undefined) {
          if (this.#ready.length < HIGH_WATER / 2) this.#gate.resume()
          yield chunk
          if (chunk.buffer.byteLength === CHUNK_BYTES) {
            this.#free.push(
              Buffer.from(chunk.buffer, chunk.byteOffset, CHUNK_BYTES),
            )
          }
          continue
        }
        if (this.#gate.finished()) return
        // Nothing sealed yet: take what has arrived rather than wait for more.
        if (this.#length > 0) {
          this.#seal()
          continue
        }
        this.#gate.resume()
        await this.#gate.wait()
      }
    } finally {
      // Stopped early: PostgreSQL's remaining rows are read and dropped.
      if (this.#gate.leftEarly()) this.#ready = []
    }
  }
}
