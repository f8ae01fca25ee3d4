import type { ChunkLimits } from './batch-limits.js'
import { valueBytes } from './value-bytes.js'

/** Consecutive rows of the input that go into one INSERT. */
export interface RowChunk<R> {
  readonly rows: readonly R[]
  /** Index (from 0) in the input of the chunk's first row. */
  readonly firstRow: number
  /** {@link valueBytes} of every value of its rows, added up. */
  readonly valueBytes: number
  /** How many values its rows hold. */
  readonly parameters: number
}

// Estimates of the SQL text a row adds to a multi-row INSERT: a placeholder
// and its separator per value (`$32767, `), `default, ` per column it leaves
// out, and `(...), ` around it. The compiled statement is measured exactly
// afterwards; these only have to be close.
const BYTES_PER_PLACEHOLDER = 8
const BYTES_PER_DEFAULT = 9
const BYTES_PER_ROW = 4

/**
 * Cuts rows into chunks that each fit one statement: within the limits'
 * bind parameters, bytes (SQL text plus values) and rows. Rows may have
 * different keys: a chunk's INSERT lists the union of its rows' columns and
 * writes DEFAULT where a row has none, which the byte count includes.
 *
 * ```ts
 * const chunks = new RowChunker<Row>(limits)
 * for (const row of rows) {
 *   const full = chunks.add(row)
 *   if (full) await insert(full)
 * }
 * const last = chunks.finish()
 * ```
 */
export class RowChunker<R extends object> {
  readonly #limits: ChunkLimits
  #rows: R[] = []
  #firstRow = 0
  #next = 0
  #parameters = 0
  #bytes = 0
  #columns = new Set<string>()
  /** The previous row's keys: most rows have the same, so the set is left alone. */
  #lastKeys: readonly string[] = []
  #valueBytes = 0

  constructor(limits: ChunkLimits) {
    this.#limits = limits
  }

  /** Adds the next row; returns the chunk it closed, if it did not fit. */
  add(row: R): RowChunk<R> | undefined {
    const index = this.#next++
    const keys = definedKeys(row, index)
    const parameters = keys.length
    let values = 0
    for (const key of keys) values += valueBytes((row as never)[key])
    let bytes = BYTES_PER_ROW + parameters * BYTES_PER_PLACEHOLDER + values
    this.#checkAlone(index, parameters, bytes)
    const same = this.#rows.length > 0 && sameKeys(keys, this.#lastKeys)
    let added = 0
    if (!same) for (const key of keys) if (!this.#columns.has(key)) added++
    // Left-out columns: the new ones in every row so far, the chunk's other
    // ones in this row.
    const defaults =
      added * this.#rows.length + (this.#columns.size + added - keys.length)
    bytes += defaults * BYTES_PER_DEFAULT
    let closed: RowChunk<R> | undefined
    if (
      this.#rows.length > 0 &&
      (this.#parameters + parameters > this.#limits.maxParameters ||
        this.#bytes + bytes > this.#limits.maxBytes ||
        this.#rows.length + 1 > this.#limits.maxRows)
    ) {
      closed = this.#close()
      bytes -= defaults * BYTES_PER_DEFAULT
    }
    if (!same || closed !== undefined) {
      for (const key of keys) this.#columns.add(key)
    }
    this.#lastKeys = keys
    if (this.#rows.length === 0) this.#firstRow = index
    this.#rows.push(row)
    this.#parameters += parameters
    this.#bytes += bytes
    this.#valueBytes += values
    return closed
  }

  /** The last chunk, or undefined when no rows are left. */
  finish(): RowChunk<R> | undefined {
    return this.#rows.length === 0 ? undefined : this.#close()
  }

  #close(): RowChunk<R> {
    const chunk = Object.freeze({
      rows: this.#rows,
      firstRow: this.#firstRow,
      valueBytes: this.#valueBytes,
      parameters: this.#parameters,
    })
    this.#rows = []
    this.#parameters = 0
    this.#bytes = 0
    this.#valueBytes = 0
    this.#columns = new Set()
    return chunk
  }

  #checkAlone(index: number, parameters: number, bytes: number): void {
    const { maxParameters, maxBytes } = this.#limits
    if (parameters > maxParameters || bytes > maxBytes) {
      throw new RowRefusedError(
        index,
        parameters > maxParameters
          ? `the row has ${parameters} values, more than one statement may bind (${maxParameters})`
          : `the row takes about ${bytes} bytes, more than one statement may (${maxBytes}); load it with COPY from S3`,
      )
    }
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** The row's keys that have a value, after checking that it is a row. */
function definedKeys(row: unknown, index: number): string[] {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw new RowRefusedError(
      index,
      `a row must be an object of column values, got ${Array.isArray(row) ? 'an array' : row === null ? 'null' : typeof row}`,
    )
  }
  const keys: string[] = []
  for (const key of Object.keys(row)) {
    if ((row as Record<string, unknown>)[key] !== undefined) keys.push(key)
  }
  if (keys.length === 0) {
    throw new RowRefusedError(index, 'the row has no column values')
  }
  return keys
}

/**
 * A row that cannot be sent, whatever the chunk: the batch insert turns it
 * into a BatchInsertError that says what happened to the rows before it.
 *
 * ```ts
 * throw new RowRefusedError(7, 'the row has no column values')
 * ```
 */
export class RowRefusedError extends Error {
  /** Index (from 0) of the row in the input. */
  readonly index: number

  constructor(index: number, reason: string) {
    super(reason)
    this.index = index
  }
}
