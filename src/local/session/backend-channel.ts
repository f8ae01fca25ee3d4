import { serialize } from 'pg-protocol'

import {
  decodeErrorFields,
  type ErrorFields,
} from '../protocol/error-fields.js'
import { BackendFlowGate } from './backend-flow-gate.js'
import { CopyOutChunks } from './copy-out-chunks.js'
import { readDataRow, readRowDescription, type RowField } from './data-rows.js'

/** What the channel needs from the session whose PostgreSQL connection it borrows. */
export interface ChannelHost {
  /** Writes bytes to PostgreSQL; false asks to wait for {@link drained}. */
  write(bytes: Buffer): boolean
  /** Resolves once PostgreSQL's socket takes writes again. */
  drained(): Promise<void>
  /** Stops delivering PostgreSQL's messages (the rows' consumer is behind). */
  pauseBackend(): void
  /** Delivers PostgreSQL's messages again, starting with any held back. */
  resumeBackend(): void
  /** Resolves once every client message already sent to PostgreSQL got its answers. */
  idle(): Promise<void>
}

/** An error PostgreSQL raised for one of the channel's statements. */
export class ChannelError extends Error {
  readonly fields: ErrorFields
  constructor(fields: ErrorFields) {
    super(fields.message)
    this.name = 'ChannelError'
    this.fields = fields
  }
}

/** The answer to a statement run with {@link BackendChannel.query}. */
export interface ChannelResult {
  readonly fields: readonly RowField[]
  readonly rows: readonly (readonly (string | null)[])[]
  /** CommandComplete tag (`COPY 5`, `SELECT 1` ...). */
  readonly tag: string
}

/** A `COPY (query) TO STDOUT` read as it comes (see {@link BackendChannel.copyOut}). */
export interface CopyOutStream {
  /** The columns, known before the first row. */
  readonly fields: readonly RowField[]
  /** The rows in COPY text format, in chunks of whole rows. */
  readonly chunks: AsyncIterable<Buffer>
  /** The CommandComplete tag, once every row was read. */
  readonly tag: Promise<string>
}

/** A query whose rows are read as they come (see {@link BackendChannel.stream}). */
export interface RowStream {
  /** The columns, known before the first row. */
  readonly fields: readonly RowField[]
  readonly rows: AsyncIterable<readonly (string | null)[]>
  /** The CommandComplete tag, once every row was read. */
  readonly tag: Promise<string>
}

type Handler = (
  type: number,
  buf: Buffer,
  start: number,
  end: number,
) => boolean

/** Rows buffered before PostgreSQL's stream is paused. */
const HIGH_WATER = 4096

const FLUSH = Buffer.from([0x48, 0, 0, 0, 4])
const SYNC = Buffer.from([0x53, 0, 0, 0, 4])
const COPY_DONE = Buffer.from([0x63, 0, 0, 0, 4])

/** Name of the statement and portal the channel's own statements use. */
const HIDDEN = 'redshift_local_bulk'

function parse(text: string): Buffer {
  return Buffer.from(serialize.parse({ name: HIDDEN, text }))
}

function bind(): Buffer {
  return Buffer.from(serialize.bind({ portal: HIDDEN, statement: HIDDEN }))
}

function describePortal(): Buffer {
  return Buffer.from(serialize.describe({ type: 'P', name: HIDDEN }))
}

function execute(): Buffer {
  return Buffer.from(serialize.execute({ portal: HIDDEN }))
}

function closeBoth(): Buffer[] {
  return [
    Buffer.from(serialize.close({ type: 'P', name: HIDDEN })),
    Buffer.from(serialize.close({ type: 'S', name: HIDDEN })),
  ]
}

/**
 * The emulator's own line to a session's PostgreSQL connection, used between
 * two client messages: it waits until everything the client sent earlier was
 * answered, then runs statements of its own on the same backend, so they see
 * the client's temporary tables and open transaction and roll back with it.
 * Their answers never reach the client. While open, the session hands every
 * message PostgreSQL sends to {@link onMessage}.
 *
 * It speaks the extended protocol with a statement and portal of its own
 * and no Sync (a simple Query or a Sync would drop the client's unnamed
 * portal and end its implicit transaction), and the COPY sub-protocol:
 * `COPY ... FROM STDIN` fed from an async iterable (CopyFail when it throws,
 * so PostgreSQL keeps nothing). Rows are read as they arrive, with
 * back-pressure.
 *
 * @example
 * ```ts
 * await channel.open()
 * try {
 *   const tag = await channel.copyIn('COPY t (a) FROM STDIN', chunks)
 * } finally {
 *   channel.close()
 * }
 * ```
 */
export class BackendChannel {
  readonly #host: ChannelHost
  #open = false
  #handler: Handler | null = null
  #aborted: Error | null = null
  #onAbort: (() => void) | null = null
  /** What PostgreSQL is doing for the channel. */
  #mode: 'idle' | 'query' | 'copy-in' = 'idle'
  /** Ends the feed of a COPY that PostgreSQL already failed. */
  #refused: (() => void) | null = null
  /** Rejects the statement under way (the connection is gone). */
  #fail: ((error: Error) => void) | null = null

  constructor(host: ChannelHost) {
    this.#host = host
  }

  /** True between {@link open} and {@link close}: PostgreSQL's messages are the channel's. */
  get active(): boolean {
    return this.#open
  }

  /**
   * Waits until the session's earlier messages were answered, then takes
   * over PostgreSQL's messages. A Flush makes PostgreSQL send what it holds
   * for extended-protocol messages not yet followed by Sync.
   */
  async open(): Promise<void> {
    // The work starts inside the read of the client's bytes: what that read
    // queued for PostgreSQL is written when it returns, and must go first.
    await new Promise<void>((resolve) => setImmediate(resolve))
    this.#host.write(FLUSH)
    await this.#host.idle()
    this.#open = true
    this.#aborted = null
  }

  /** Gives PostgreSQL's messages back to the session. */
  close(): void {
    this.#open = false
    this.#mode = 'idle'
    this.#handler = null
    this.#onAbort = null
    this.#fail = null
  }

  /**
   * The connection is gone: the statement under way fails with `reason`
   * (PostgreSQL will never answer it).
   */
  terminate(reason: Error): void {
    this.abort(reason)
    const fail = this.#fail
    this.#fail = null
    this.#handler = null
    fail?.(reason)
  }

  /**
   * Stops what the channel runs: a COPY being fed ends with CopyFail, a
   * stream of rows stops being read. The statement's own promise rejects
   * with `reason` once PostgreSQL confirmed the end.
   */
  abort(reason: Error): void {
    if (this.#aborted !== null) return
    this.#aborted = reason
    this.#onAbort?.()
  }

  /**
   * PostgreSQL is running one of the channel's queries (not a COPY being
   * fed, which CopyFail ends): stopping it takes a CancelRequest.
   */
  get querying(): boolean {
    return this.#mode === 'query'
  }

  /** Whether {@link abort} was called since {@link open}. */
  get aborted(): Error | null {
    return this.#aborted
  }

  /** One message from PostgreSQL; false holds the rest back (back-pressure). */
  onMessage(type: number, buf: Buffer, start: number, end: number): boolean {
    const handler = this.#handler
    // Nothing asked: ParameterStatus or a notice between statements.
    if (handler === null) return true
    return handler(type, buf, start, end)
  }

  /** Runs `text` and collects its whole answer. */
  async query(text: string): Promise<ChannelResult> {
    const stream = await this.stream(text)
    const rows: (readonly (string | null)[])[] = []
    for await (const row of stream.rows) rows.push(row)
    return { fields: stream.fields, rows, tag: await stream.tag }
  }

  /**
   * Runs `text`; resolves once its columns are known, with the rows to
   * read. Reading stops PostgreSQL's stream while the reader is behind, and
   * an abandoned read drains the rest.
   */
  stream(text: string): Promise<RowStream> {
    this.#check()
    const queue = new RowQueue(this.#host)
    let fields: readonly RowField[] = []
    let described = false
    return new Promise<RowStream>((resolve, reject) => {
      const describe = () => {
        if (described) return
        described = true
        resolve({ fields, rows: queue, tag })
      }
      // Aborted: the reader stops now; PostgreSQL's own end is still awaited.
      this.#onAbort = () => queue.fail(this.#aborted!)
      const tag = this.#exchange(
        'query',
        [
          parse(text),
          bind(),
          describePortal(),
          execute(),
          ...closeBoth(),
          FLUSH,
        ],
        {
          fields: (f) => {
            fields = f
            describe()
          },
          row: (row) => queue.push(row),
        },
      ).then(
        (result) => {
          queue.end()
          describe()
          return result
        },
        (failure: Error) => {
          queue.fail(failure)
          if (!described) reject(failure)
          throw failure
        },
      )
      tag.catch(() => {})
    })
  }

  /**
   * Runs the query `text` as `COPY (text) TO STDOUT` and hands its rows on
   * as PostgreSQL wrote them, in COPY text format, gathered into chunks of
   * whole rows: the reader converts them column by column from the bytes,
   * with no string or array per row (measured: most of an UNLOAD's time
   * went to decoding rows into strings). `fields` are the query's columns,
   * from {@link describe}.
   */
  copyOut(text: string, fields: readonly RowField[]): CopyOutStream {
    this.#check()
    const queue = new CopyOutChunks(this.#host)
    this.#onAbort = () => queue.fail(this.#aborted!)
    const tag = this.#exchange(
      'query',
      [
        // A newline first: the query may end in a line comment.
        parse(`COPY (${text}\n) TO STDOUT`),
        bind(),
        execute(),
        ...closeBoth(),
        FLUSH,
      ],
      {
        // Each CopyData is one row; its payload follows the 5-byte header.
        copyData: (buf, start, end) => queue.push(buf, start + 5, end),
      },
    ).then(
      (result) => {
        queue.end()
        return result
      },
      (failure: Error) => {
        queue.fail(failure)
        throw failure
      },
    )
    tag.catch(() => {})
    return { fields, chunks: queue, tag }
  }

  /** The columns `text` would return, without running it. */
  async describe(text: string): Promise<readonly RowField[]> {
    this.#check()
    let fields: readonly RowField[] = []
    await this.#exchange(
      'query',
      [
        parse(text),
        Buffer.from(serialize.describe({ type: 'S', name: HIDDEN })),
        Buffer.from(serialize.close({ type: 'S', name: HIDDEN })),
        FLUSH,
      ],
      { fields: (f) => (fields = f) },
      1,
    )
    return fields
  }

  /**
   * The parameter types PostgreSQL gives `text` prepared with the declared
   * `types` (0: to be inferred), as its ParameterDescription says, without
   * running it.
   */
  async parameterTypes(
    text: string,
    types: readonly number[],
  ): Promise<readonly number[]> {
    this.#check()
    let found: readonly number[] = []
    await this.#exchange(
      'query',
      [
        Buffer.from(serialize.parse({ name: HIDDEN, text, types: [...types] })),
        Buffer.from(serialize.describe({ type: 'S', name: HIDDEN })),
        Buffer.from(serialize.close({ type: 'S', name: HIDDEN })),
        FLUSH,
      ],
      { parameters: (t) => (found = t) },
      1,
    )
    return found
  }

  /**
   * Runs `COPY ... FROM STDIN` and feeds it `chunks` (COPY text-format data)
   * as CopyData, waiting for PostgreSQL's socket whenever it is full. When
   * `chunks` throws or the channel is aborted, PostgreSQL gets CopyFail and
   * discards every row; the promise then rejects with that error. Resolves
   * with the CommandComplete tag (`COPY n`).
   */
  async copyIn(text: string, chunks: AsyncIterable<Buffer>): Promise<string> {
    this.#check()
    let feeding: Promise<Error | undefined> = Promise.resolve(undefined)
    let own: Error | undefined
    try {
      return await this.#exchange(
        'copy-in',
        [parse(text), bind(), execute(), FLUSH],
        {
          copyIn: () => {
            feeding = this.#feed(chunks).then((failure) => (own = failure))
          },
          failed: () => {
            // PostgreSQL now drops CopyData until Sync: stop reading files.
            this.#refused?.()
            return feeding
          },
        },
      )
    } catch (failure) {
      await feeding
      throw own ?? failure
    }
  }

  /**
   * Ends the implicit transaction the channel's statements ran in (Sync):
   * outside a block, what they did commits now, as a statement of its own.
   * For a client's simple Query, whose own message would end it anyway.
   */
  sync(): Promise<void> {
    this.#check()
    return new Promise<void>((resolve, reject) => {
      this.#fail = reject
      this.#handler = (type) => {
        if (type === 0x5a /* Z */) {
          this.#handler = null
          this.#fail = null
          resolve()
        }
        return true
      }
      this.#host.write(SYNC)
    })
  }

  /**
   * Sends one statement's messages (a statement and portal of the channel's
   * own, so the client's unnamed ones survive) and follows the answers. No
   * Sync is sent while all goes well: the statement belongs to the client's
   * transaction, implicit or not, and commits or rolls back with it. An
   * error makes PostgreSQL skip everything until Sync, so the channel sends
   * one and waits for its ReadyForQuery. Resolves with the CommandComplete
   * tag once `closes` CloseCompletes arrived.
   */
  #exchange(
    mode: 'query' | 'copy-in',
    messages: readonly Buffer[],
    on: {
      readonly fields?: (fields: readonly RowField[]) => void
      readonly parameters?: (types: readonly number[]) => void
      readonly row?: (row: (string | null)[]) => boolean
      readonly copyIn?: () => void
      readonly copyData?: (buf: Buffer, start: number, end: number) => boolean
      /** PostgreSQL reported an error; Sync waits for what this returns. */
      readonly failed?: () => Promise<unknown>
    },
    closes = 2,
  ): Promise<string> {
    const host = this.#host
    let tag = ''
    let error: ErrorFields | undefined
    let remaining = closes
    let syncs = 2
    return new Promise<string>((resolve, reject) => {
      const done = () => {
        this.#handler = null
        this.#fail = null
        this.#onAbort = null
        this.#mode = 'idle'
      }
      this.#fail = (failure) => {
        done()
        reject(failure)
      }
      this.#mode = mode
      this.#handler = (type, buf, start, end) => {
        switch (type) {
          case 0x54 /* T RowDescription */:
            on.fields?.(readRowDescription(buf, start))
            return true
          case 0x74 /* t ParameterDescription */: {
            const count = buf.readInt16BE(start + 5)
            const types: number[] = []
            for (let i = 0; i < count; i++)
              types.push(buf.readUInt32BE(start + 7 + i * 4))
            on.parameters?.(types)
            return true
          }
          case 0x44 /* D DataRow */:
            return on.row?.(readDataRow(buf, start)) ?? true
          case 0x47 /* G CopyInResponse */:
            on.copyIn?.()
            return true
          case 0x64 /* d CopyData */:
            return on.copyData?.(buf, start, end) ?? true
          case 0x43 /* C CommandComplete */:
            tag = buf.toString('utf8', start + 5, end - 1)
            return true
          case 0x33 /* 3 CloseComplete */:
            if (error === undefined && --remaining === 0) {
              done()
              resolve(tag)
            }
            return true
          case 0x45 /* E ErrorResponse */:
            if (error === undefined) {
              error = decodeErrorFields(buf, start, end)
              // Sync ends the skipping; then the statement and portal the
              // error left behind go, and a second Sync answers for that.
              void Promise.resolve(on.failed?.()).then(() => {
                host.write(SYNC)
                for (const close of closeBoth()) host.write(close)
                host.write(SYNC)
              })
            }
            return true
          case 0x5a /* Z ReadyForQuery (of the channel's Syncs) */:
            if (--syncs === 0) {
              done()
              reject(new ChannelError(error!))
            }
            return true
          default:
            // ParseComplete, BindComplete, NoData, notices: the client never sees them.
            return true
        }
      }
      for (const message of messages) host.write(message)
    })
  }

  /** Sends the chunks; resolves with the error that ended them early, if any. */
  async #feed(chunks: AsyncIterable<Buffer>): Promise<Error | undefined> {
    const host = this.#host
    const iterator = chunks[Symbol.asyncIterator]()
    let refused = false
    const aborted = new Promise<{ done: true; value: undefined }>((resolve) => {
      this.#onAbort = () => resolve({ done: true, value: undefined })
      this.#refused = () => {
        refused = true
        resolve({ done: true, value: undefined })
      }
      if (this.#aborted !== null) this.#onAbort()
    })
    try {
      for (;;) {
        const next = await Promise.race([iterator.next(), aborted])
        if (this.#aborted !== null) throw this.#aborted
        if (refused) {
          void iterator.return?.().catch(() => {})
          break
        }
        if (next.done) break
        const chunk = next.value
        if (chunk.length === 0) continue
        if (!host.write(copyData(chunk))) {
          await Promise.race([host.drained(), aborted])
          if (this.#aborted !== null) throw this.#aborted
        }
      }
      host.write(COPY_DONE)
      for (const close of closeBoth()) host.write(close)
      host.write(FLUSH)
      return undefined
    } catch (cause) {
      const failure = cause instanceof Error ? cause : new Error(String(cause))
      host.write(Buffer.from(serialize.copyFail(copyFailReason(failure))))
      // An iterator still reading files stops with the statement.
      void iterator.return?.().catch(() => {})
      return failure
    } finally {
      this.#onAbort = null
      this.#refused = null
    }
  }

  #check(): void {
    if (!this.#open) throw new Error('the backend channel is not open')
    if (this.#aborted !== null) throw this.#aborted
    if (this.#handler !== null)
      throw new Error('the backend channel is already running a statement')
  }
}

/** A CopyData message around `chunk` (one copy of the bytes: the header and the data). */
function copyData(chunk: Buffer): Buffer {
  const out = Buffer.allocUnsafe(5 + chunk.length)
  out[0] = 0x64
  out.writeInt32BE(4 + chunk.length, 1)
  chunk.copy(out, 5)
  return out
}

/** PostgreSQL logs the CopyFail reason: it never carries more than the error's class. */
function copyFailReason(error: Error): string {
  return `load stopped by the emulator (${error.name})`
}

/**
 * Rows between PostgreSQL and their reader: an async iterable that pauses
 * PostgreSQL's stream above {@link HIGH_WATER} rows and resumes it when the
 * reader catches up. A reader that stops early makes the queue drop the rest.
 */
class RowQueue implements AsyncIterable<readonly (string | null)[]> {
  readonly #gate: BackendFlowGate
  #rows: (readonly (string | null)[])[] = []

  constructor(host: ChannelHost) {
    this.#gate = new BackendFlowGate(host)
  }

  /**
   * A row arrived; false asks the session to stop reading PostgreSQL. A
   * false row is not taken: the session's reader keeps that message and
   * hands it over again when the reader resumes it.
   */
  push(row: readonly (string | null)[]): boolean {
    if (this.#gate.discarding) return true
    if (this.#rows.length >= HIGH_WATER) {
      this.#gate.pause()
      return false
    }
    this.#rows.push(row)
    this.#gate.wakeReader()
    return true
  }

  end(): void {
    this.#gate.end()
  }

  /** Ends the rows with `error`; rows still to come are dropped. */
  fail(error: Error): void {
    if (this.#gate.fail(error)) this.#rows = []
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<readonly (string | null)[]> {
    try {
      for (;;) {
        if (this.#rows.length > 0) {
          const rows = this.#rows
          // Taken as a batch: the reader consumes without a wake-up per row.
          this.#rows = []
          this.#gate.resume()
          for (const row of rows) yield row
          continue
        }
        if (this.#gate.finished()) return
        await this.#gate.wait()
      }
    } finally {
      // Stopped early: PostgreSQL's remaining rows are read and dropped.
      if (this.#gate.leftEarly()) this.#rows = []
    }
  }
}
