import type { Writable } from 'node:stream'

/**
 * Collects what one read of a socket produces for the other side: ranges of
 * the input passed through untouched (adjacent ranges merge, so a chunk with
 * nothing to change is written as one slice of itself) and replacement
 * messages. `writeTo` sends it all with one cork/uncork.
 *
 * @example
 * ```ts
 * const out = new OutputBatch()
 * out.pass(chunk, 0, 20)
 * out.push(replacementMessage)
 * out.pass(chunk, 40, chunk.length)
 * const ok = out.writeTo(socket)
 * ```
 */
export class OutputBatch {
  #parts: Buffer[] = []
  #buf: Buffer | null = null
  #start = 0
  #end = 0

  pass(buf: Buffer, start: number, end: number): void {
    if (this.#buf === buf && this.#end === start) {
      this.#end = end
      return
    }
    this.#close()
    this.#buf = buf
    this.#start = start
    this.#end = end
  }

  push(bytes: Buffer): void {
    this.#close()
    this.#parts.push(bytes)
  }

  /** Writes everything collected; returns false when the socket asks to wait for 'drain'. */
  writeTo(socket: Writable): boolean {
    this.#close()
    const parts = this.#parts
    if (parts.length === 0) return true
    this.#parts = []
    if (parts.length === 1) return socket.write(parts[0])
    socket.cork()
    let ok = true
    for (const part of parts) ok = socket.write(part)
    socket.uncork()
    return ok
  }

  #close(): void {
    const buf = this.#buf
    if (buf === null) return
    this.#parts.push(
      this.#start === 0 && this.#end === buf.length
        ? buf
        : buf.subarray(this.#start, this.#end),
    )
    this.#buf = null
  }
}
