import type { CompiledQuery, InsertObject, Kysely } from 'kysely'

import type { DatabaseOf } from '../types/database-of.js'
import type { WritableRelationName } from '../types/read-only-relation.js'
import { BatchInsertError } from './batch-insert-error.js'
import { chunkLimits, type ChunkLimits } from './batch-limits.js'
import { ChunkStatements } from './chunk-statements.js'
import { ChunkCompiler } from './compile-chunk.js'
import { RowChunker, RowRefusedError, type RowChunk } from './row-chunks.js'
import { valueBytes } from './value-bytes.js'

/** Rows for {@link batchInsert}: an array, any iterable, or an async iterable. */
export type BatchRows<R> = Iterable<R> | AsyncIterable<R>

/** Where a batch insert is, after each chunk (and, frozen, at the end). */
export interface BatchInsertProgress {
  /** Rows inserted so far (not committed before the end). */
  readonly rowsInserted: number
  /** INSERT statements run so far. */
  readonly chunks: number
  /** Milliseconds since the batch insert began. */
  readonly elapsedMs: number
}

/** What a finished batch insert did (a frozen object). */
export type BatchInsertResult = BatchInsertProgress

/** Options of {@link batchInsert}. */
export interface BatchInsertOptions extends Partial<ChunkLimits> {
  /** Called after each chunk; an exception thrown here aborts the insert. */
  readonly onProgress?: (progress: BatchInsertProgress) => void
}

/**
 * Inserts many rows as chunked multi-row INSERTs in one transaction: all of
 * them or, when any chunk fails, none (Redshift has no savepoints, so one
 * transaction is the unit). Each chunk stays within 32,767 bind parameters
 * and 16 MB (SQL text plus values), so it is one statement Redshift accepts;
 * rows may leave out columns (the chunk lists the union of its rows' columns
 * and sends DEFAULT for the missing ones). Run on a transaction, it inserts
 * in that transaction and leaves committing to the caller.
 *
 * Multi-row INSERT suits thousands to a few million small rows arriving from
 * the application. Redshift's leader node parses every statement and the
 * values travel through it, so for larger loads, for rows already in files,
 * or for regular pipelines, COPY from S3 is the better choice: the compute
 * nodes read the files in parallel and it is usually one to two orders of
 * magnitude faster (see `db.copy`).
 *
 * ```ts
 * const result = await batchInsert(db, 'sales', rows, {
 *   onProgress: ({ rowsInserted, elapsedMs }) => console.log(rowsInserted, elapsedMs),
 * })
 * result // { rowsInserted: 100000, chunks: 13, elapsedMs: 2150.4 }
 * ```
 */
export async function batchInsert<
  K extends Kysely<any>,
  TB extends WritableRelationName<DatabaseOf<K>>,
>(
  db: K,
  table: TB,
  rows: BatchRows<InsertObject<DatabaseOf<K>, TB>>,
  options: BatchInsertOptions = {},
): Promise<BatchInsertResult> {
  const started = performance.now()
  const limits = chunkLimits(options)
  const onProgress = options.onProgress
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new TypeError('batchInsert option onProgress must be a function')
  }
  const target = JSON.stringify(table)
  const inTransaction = db.isTransaction
  const chunks = chunksOf(rows, new RowChunker(limits))
  const statementNames = new ChunkStatements()
  const next = async (): Promise<RowChunk<object> | undefined> => {
    try {
      const step = await chunks.next()
      return step.done ? undefined : step.value
    } catch (error) {
      if (!(error instanceof RowRefusedError)) throw error
      throw new BatchInsertError({
        target,
        firstRow: error.index,
        lastRow: error.index,
        rolledBack: !inTransaction,
        reason: error.message,
      })
    }
  }
  try {
    const first = await next()
    const elapsed = () => performance.now() - started
    if (first === undefined) {
      // Nothing to insert: no transaction either.
      return Object.freeze({ rowsInserted: 0, chunks: 0, elapsedMs: elapsed() })
    }
    const insertAll = async (trx: Kysely<any>): Promise<BatchInsertResult> => {
      const compiler = new ChunkCompiler(trx, table)
      let rowsInserted = 0
      let statements = 0
      // The statement in flight: the next chunk is read and compiled while
      // the server runs it, so the client's work overlaps the server's.
      let running: Promise<void> | undefined
      const run = async (part: ChunkStatement): Promise<void> => {
        const number = ++statements
        try {
          await trx.executeQuery(part.compiled)
        } catch (cause) {
          throw new BatchInsertError({
            target,
            chunk: number,
            firstRow: part.firstRow,
            lastRow: part.firstRow + part.rows - 1,
            rolledBack: !inTransaction,
            reason: `the server refused it: ${(cause as Error).message}`,
            cause,
          })
        }
        rowsInserted += part.rows
        onProgress?.(
          Object.freeze({
            rowsInserted,
            chunks: number,
            elapsedMs: elapsed(),
          }),
        )
      }
      try {
        for (
          let chunk: RowChunk<object> | undefined = first;
          chunk !== undefined;
          chunk = await next()
        ) {
          for (const part of statementsFor(compiler, chunk, limits)) {
            statementNames.named(part.compiled)
            await running
            running = run(part)
            // Observed here: it may fail while the next chunk is being read.
            running.catch(() => {})
          }
        }
        await running
      } catch (error) {
        // Never leave a statement running (or its failure unobserved) while
        // the transaction is rolled back.
        await running?.catch(() => {})
        throw error
      }
      return Object.freeze({
        rowsInserted,
        chunks: statements,
        elapsedMs: elapsed(),
      })
    }
    return inTransaction
      ? await insertAll(db)
      : await db.transaction().execute(insertAll)
  } finally {
    statementNames.release()
    // Closes the caller's iterator when the insert stopped early.
    await chunks.return(undefined)
  }
}

/** One INSERT statement of a chunk, and the input rows it holds. */
interface ChunkStatement {
  readonly compiled: CompiledQuery
  readonly firstRow: number
  readonly rows: number
}

/**
 * The chunk compiled as one INSERT, measured exactly: in the rare case the
 * estimate was short (values that are SQL expressions), it is split in
 * halves until each part fits.
 */
function statementsFor(
  compiler: ChunkCompiler,
  chunk: Pick<RowChunk<object>, 'rows' | 'firstRow'> &
    Partial<Pick<RowChunk<object>, 'valueBytes'>>,
  limits: ChunkLimits,
): ChunkStatement[] {
  const { compiled, plain } = compiler.compile(chunk.rows)
  // The chunker already added up its values' sizes: when they are the
  // parameters, the exact count only needs the SQL text.
  const valueBytes = plain ? chunk.valueBytes : undefined
  if (fits(compiled, limits, valueBytes)) {
    return [{ compiled, firstRow: chunk.firstRow, rows: chunk.rows.length }]
  }
  if (chunk.rows.length === 1) {
    throw new RowRefusedError(
      chunk.firstRow,
      `the row's INSERT takes ${compiled.parameters.length} bind parameters and more bytes than one statement may (${limits.maxParameters} parameters, ${limits.maxBytes} bytes)`,
    )
  }
  const half = Math.ceil(chunk.rows.length / 2)
  return [
    ...statementsFor(
      compiler,
      { rows: chunk.rows.slice(0, half), firstRow: chunk.firstRow },
      limits,
    ),
    ...statementsFor(
      compiler,
      { rows: chunk.rows.slice(half), firstRow: chunk.firstRow + half },
      limits,
    ),
  ]
}

function fits(
  compiled: CompiledQuery,
  limits: ChunkLimits,
  knownValueBytes: number | undefined,
): boolean {
  if (compiled.parameters.length > limits.maxParameters) return false
  let bytes = Buffer.byteLength(compiled.sql)
  if (knownValueBytes !== undefined) bytes += knownValueBytes
  else for (const value of compiled.parameters) bytes += valueBytes(value)
  return bytes <= limits.maxBytes
}

/** The rows cut into chunks, one at a time (a sync input is read without awaiting each row). */
async function* chunksOf<R extends object>(
  rows: BatchRows<R>,
  chunker: RowChunker<R>,
): AsyncGenerator<RowChunk<R>, void, undefined> {
  if (isIterable(rows)) {
    for (const row of rows) {
      const full = chunker.add(row)
      if (full !== undefined) yield full
    }
  } else if (isAsyncIterable(rows)) {
    for await (const row of rows) {
      const full = chunker.add(row)
      if (full !== undefined) yield full
    }
  } else {
    throw new TypeError(
      'batchInsert rows must be an array, an iterable or an async iterable of row objects',
    )
  }
  const last = chunker.finish()
  if (last !== undefined) yield last
}

function isIterable<R>(value: unknown): value is Iterable<R> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Iterable<R>)[Symbol.iterator] === 'function'
  )
}

function isAsyncIterable<R>(value: unknown): value is AsyncIterable<R> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AsyncIterable<R>)[Symbol.asyncIterator] === 'function'
  )
}
