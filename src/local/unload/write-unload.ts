import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { s3Url, StorageError } from '../storage/storage-error.js'
import type {
  ObjectLocation,
  ObjectStorage,
} from '../storage/object-storage.js'
import {
  columnKind,
  type ColumnKind,
  type UnloadColumn,
} from './column-kind.js'
import { compressionRefusal } from './compress-output.js'
import { lineValues, RowFields, rowValues, splitRow } from './copy-text.js'
import { ObjectSink } from './object-sink.js'
import {
  dataFileKey,
  partitionFolder,
  wouldOverwrite,
} from './object-naming.js'
import { parquetColumn, type ParquetColumn } from './parquet-columns.js'
import { ParquetFile } from './parquet-file.js'
import { textEncoder, type TextRowEncoder } from './text-encoders.js'
import { manifestJson } from './unload-manifest.js'
import { UnloadError } from './unload-error.js'
import type { UnloadPlan } from './unload-plan.js'

/** What the session hands {@link writeUnload}. */
export interface UnloadContext {
  readonly storage: ObjectStorage
  /** The inner query's result columns. */
  readonly columns: readonly UnloadColumn[]
  /**
   * Its rows in PostgreSQL's COPY text format (`COPY (query) TO STDOUT`), in
   * chunks of whole rows.
   */
  readonly chunks: AsyncIterable<Buffer>
  readonly queryId: number
  /** Called once the destination is checked and writing begins. */
  readonly began?: () => void
}

/** One file an UNLOAD wrote. */
export interface UnloadedFile {
  readonly url: string
  /** Data rows in the file (a header line is not counted). */
  readonly rows: number
  /** The object's size as stored (after compression). */
  readonly bytes: number
  /** `Text`, `CSV`, `JSON` or `Parquet`, as STL_UNLOAD_LOG.file_format shows it. */
  readonly format: string
}

/** What an UNLOAD did, for the session's system tables and pg_last_unload_count(). */
export interface UnloadOutcome {
  readonly rowCount: number
  readonly files: readonly UnloadedFile[]
  readonly manifestUrl?: string
}

const FILE_FORMAT = {
  TEXT: 'Text',
  CSV: 'CSV',
  JSON: 'JSON',
  PARQUET: 'Parquet',
} as const

/** Text is handed to the storage in chunks of about this many characters. */
const TEXT_CHUNK = 64 * 1024

const NOT_EMPTY =
  'Specified unload destination on S3 is not empty. Consider using a different bucket / prefix, ' +
  'manually removing the target files in S3, or using the ALLOWOVERWRITE option.'

/** Partition key types Redshift accepts (r_UNLOAD, PARTITION BY). */
const PARTITION_KINDS: ReadonlySet<ColumnKind> = new Set([
  'smallint',
  'integer',
  'bigint',
  'decimal',
  'real',
  'boolean',
  'char',
  'varchar',
  'date',
  'timestamp',
])

/**
 * Writes the rows of an UNLOAD's inner query to storage as Redshift names
 * and formats its files: `<prefix>0000_part_00` (the emulator is one slice;
 * `000`, `001`... with PARALLEL OFF), a new part whenever MAXFILESIZE would
 * be passed, `.parquet` / `.gz` / `.bz2` / `.zst` or the EXTENSION; `col=value/`
 * folders for PARTITION BY (partition columns left out of the files unless
 * INCLUDE), and the manifest. Without ALLOWOVERWRITE or CLEANPATH it
 * refuses a destination that holds a file it could overwrite; CLEANPATH
 * first removes the files under the prefix (under each partition folder it
 * writes, when partitioned). Rows stream through: text formats hold one
 * chunk per open file, Parquet one row group. With no rows, text and CSV
 * write one empty file (its header with HEADER) and JSON and Parquet none.
 *
 * @example
 * ```ts
 * const outcome = await writeUnload(plan, { storage, columns, rows, queryId: 42 })
 * outcome.files[0]?.url // 's3://bucket/unload/venue_0000_part_00'
 * ```
 */
export async function writeUnload(
  plan: UnloadPlan,
  context: UnloadContext,
): Promise<UnloadOutcome> {
  const layout = resolveLayout(plan, context.columns)
  const refusal =
    plan.compression === undefined
      ? undefined
      : compressionRefusal(plan.compression)
  if (refusal !== undefined) fail(refusal)
  const storage = context.storage
  const { bucket } = plan.location
  await prepareDestination(plan, storage)
  context.began?.()

  const outputs = new Map<string, FileSeries>()
  const cleaned = new Set<string>()
  const open = async (folder: string): Promise<FileSeries> => {
    if (
      plan.cleanPath &&
      plan.partitionBy !== undefined &&
      !cleaned.has(folder)
    ) {
      cleaned.add(folder)
      await removeUnder(storage, bucket, plan.location.key + folder)
    }
    const series = new FileSeries(
      plan,
      storage,
      plan.location.key + folder,
      layout,
    )
    outputs.set(folder, series)
    return series
  }

  let rowCount = 0
  const partition = layout.partitionIndexes
  const data = layout.dataIndexes
  const projected: (string | null)[] = new Array(data.length)
  const keys: (string | null)[] = new Array(partition.length)
  const fields = new RowFields(context.columns.length)
  const parquet = layout.parquetColumns !== undefined
  let only: FileSeries | undefined
  // The rows of a chunk from `at` on, synchronously, until one has to wait
  // (a file to open, output to drain): no promise per row. Returns where
  // to go on, or a promise of it.
  const feed = (chunk: Buffer, from: number): number | Promise<number> => {
    let at = from
    while (at < chunk.length) {
      const next = splitRow(chunk, at, fields)
      let series: FileSeries | undefined
      let folder = ''
      if (partition.length === 0) series = only
      else {
        rowValues(chunk, fields, partition, keys)
        folder = partitionFolder(layout.partitionNames, keys)
        series = outputs.get(folder)
      }
      if (series === undefined) {
        // The row is read again once its file is open.
        const row = at
        return open(folder).then((opened) => {
          if (partition.length === 0) only = opened
          return row
        })
      }
      rowCount++
      let pending: Promise<void> | undefined
      if (parquet) pending = series.addFields(chunk, fields, data)
      else {
        lineValues(chunk, at, next, data, projected)
        pending = series.add(projected)
      }
      at = next
      if (pending !== undefined) return pending.then(() => next)
    }
    return at
  }
  try {
    for await (const chunk of context.chunks) {
      for (let at = 0; at < chunk.length;) {
        const step = feed(chunk, at)
        at = typeof step === 'number' ? step : await step
      }
    }
    if (
      rowCount === 0 &&
      partition.length === 0 &&
      (plan.format === 'TEXT' || plan.format === 'CSV')
    ) {
      await (await open('')).start()
    }
    const files: UnloadedFile[] = []
    const entries: { url: string; bytes: number; records: number }[] = []
    for (const series of outputs.values()) {
      for (const file of await series.finish()) {
        files.push(file.file)
        entries.push({
          url: file.file.url,
          bytes: file.file.bytes,
          records: file.lines,
        })
      }
    }
    let manifestUrl: string | undefined
    if (plan.manifest !== undefined) {
      const location = { bucket, key: `${plan.location.key}manifest` }
      await storage.write(
        location,
        Buffer.from(
          manifestJson(entries, context.columns, plan.manifest.verbose),
        ),
      )
      manifestUrl = s3Url(location)
    }
    return Object.freeze({
      rowCount,
      files: Object.freeze(files),
      ...(manifestUrl !== undefined ? { manifestUrl } : {}),
    })
  } catch (error) {
    await Promise.all(
      [...outputs.values()].map((series) => series.abort(asError(error))),
    )
    throw asUnloadError(error)
  }
}

/** Which columns go where, and how each is written. */
interface Layout {
  readonly partitionIndexes: readonly number[]
  readonly partitionNames: readonly string[]
  readonly dataIndexes: readonly number[]
  readonly dataColumns: readonly UnloadColumn[]
  readonly dataKinds: readonly ColumnKind[]
  /** Parquet only. */
  readonly parquetColumns?: readonly ParquetColumn[]
  /** Text formats only. */
  readonly encoder?: TextRowEncoder
}

function resolveLayout(
  plan: UnloadPlan,
  columns: readonly UnloadColumn[],
): Layout {
  const kinds = columns.map(columnKind)
  const names = columns.map((column) => column.name)
  const partitionIndexes: number[] = []
  for (const name of plan.partitionBy?.columns ?? []) {
    const index = names.findIndex((n) => n.toLowerCase() === name)
    if (index < 0) {
      fail(
        reject.other(
          '42703',
          `PARTITION BY column "${name}" is not a column of the query`,
        ),
      )
    }
    const kind = kinds[index]!
    if (!PARTITION_KINDS.has(kind)) {
      fail(
        reject.unsupported(
          `PARTITION BY a ${columns[index]!.type} column ("${name}")`,
          'partition by SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, BOOLEAN, CHAR, VARCHAR, DATE or TIMESTAMP columns',
        ),
      )
    }
    partitionIndexes.push(index)
  }
  if (
    partitionIndexes.length > 0 &&
    partitionIndexes.length === columns.length
  ) {
    fail(
      reject.other(
        '0A000',
        'UNLOAD with PARTITION BY needs at least one column that is not a partition column',
      ),
    )
  }
  const dataIndexes = columns
    .map((_, i) => i)
    .filter((i) => plan.partitionBy?.include || !partitionIndexes.includes(i))
  const dataColumns = dataIndexes.map((i) => columns[i]!)
  const dataKinds = dataIndexes.map((i) => kinds[i]!)
  const dataNames = dataColumns.map((column) => column.name)

  const binary = dataKinds.findIndex(
    (kind) => kind === 'varbyte' || kind === 'geometry' || kind === 'hllsketch',
  )
  if (
    binary >= 0 &&
    (plan.format === 'JSON' || plan.format === 'PARQUET' || plan.fixedWidth)
  ) {
    const format = plan.fixedWidth ? 'FIXEDWIDTH' : plan.format
    fail(
      reject.unsupported(
        `UNLOAD of a ${dataKinds[binary]!.toUpperCase()} column ("${dataNames[binary]}") to ${format}`,
        'unload it as text or CSV',
      ),
    )
  }
  if (plan.format === 'JSON' || plan.format === 'PARQUET') {
    const seen = new Set<string>()
    for (const name of dataNames) {
      if (seen.has(name)) {
        fail(
          reject.other(
            '42701',
            `column name "${name}" appears more than once in the query: ${plan.format} needs a unique name for each column`,
          ),
        )
      }
      seen.add(name)
    }
  }
  const base = {
    partitionIndexes,
    partitionNames: plan.partitionBy?.columns ?? [],
    dataIndexes,
    dataColumns,
    dataKinds,
  }
  if (plan.format === 'PARQUET') {
    return {
      ...base,
      parquetColumns: dataColumns.map((column, i) =>
        parquetColumn(column, dataKinds[i]!),
      ),
    }
  }
  return { ...base, encoder: textEncoder(plan, dataKinds, dataNames) }
}

/** ALLOWOVERWRITE / CLEANPATH, before anything is written. */
async function prepareDestination(
  plan: UnloadPlan,
  storage: ObjectStorage,
): Promise<void> {
  if (plan.allowOverwrite) return
  const { bucket, key } = plan.location
  if (plan.cleanPath) {
    // Partitioned: only the folders that receive files are cleaned, as they open.
    if (plan.partitionBy === undefined) await removeUnder(storage, bucket, key)
    else if (plan.manifest !== undefined) {
      await storage.delete([{ bucket, key: `${key}manifest` }])
    }
    return
  }
  const overwritten = wouldOverwrite(plan)
  const existing = await storage.list(bucket, key)
  if (existing.some((object) => overwritten(object.key))) {
    fail(reject.other('XX000', NOT_EMPTY))
  }
}

async function removeUnder(
  storage: ObjectStorage,
  bucket: string,
  prefix: string,
): Promise<void> {
  const existing = await storage.list(bucket, prefix)
  if (existing.length > 0) {
    await storage.delete(existing.map(({ key }) => ({ bucket, key })))
  }
}

/**
 * The files of one folder (the prefix, or one partition under it): the
 * current file and the finished ones, a new part whenever the next row
 * would take the file past MAXFILESIZE.
 */
class FileSeries {
  readonly #plan: UnloadPlan
  readonly #storage: ObjectStorage
  readonly #base: string
  readonly #layout: Layout
  readonly #done: { file: UnloadedFile; lines: number }[] = []
  #part = 0
  #sink: ObjectSink | undefined
  #parquet: ParquetFile | undefined
  /** Text not yet handed to the sink. */
  #pending = ''
  #fileBytes = 0
  #fileRows = 0
  #headerLines = 0

  constructor(
    plan: UnloadPlan,
    storage: ObjectStorage,
    base: string,
    layout: Layout,
  ) {
    this.#plan = plan
    this.#storage = storage
    this.#base = base
    this.#layout = layout
  }

  /** Opens the first file (written even if no row comes). */
  async start(): Promise<void> {
    if (this.#sink === undefined) await this.#open()
  }

  /** A Parquet row, from its COPY text fields; a promise only when it has to wait. */
  addFields(
    chunk: Buffer,
    fields: RowFields,
    indexes: readonly number[],
  ): Promise<void> | undefined {
    const parquet = this.#parquet
    if (parquet === undefined || parquet.bytes >= this.#plan.maxFileSize) {
      return this.#reopen().then(() => {
        this.#fileRows++
        return this.#parquet!.add(chunk, fields, indexes)
      })
    }
    this.#fileRows++
    return parquet.add(chunk, fields, indexes)
  }

  /** A text row; a promise only when it has to wait. */
  add(values: readonly (string | null)[]): Promise<void> | undefined {
    const line = this.#layout.encoder!.line(values)
    const bytes = Buffer.byteLength(line)
    if (
      this.#sink === undefined ||
      (this.#fileRows > 0 && this.#fileBytes + bytes > this.#plan.maxFileSize)
    ) {
      return this.#reopen().then(() => this.#append(line, bytes))
    }
    return this.#append(line, bytes)
  }

  #append(line: string, bytes: number): Promise<void> | undefined {
    this.#fileBytes += bytes
    this.#fileRows++
    this.#pending += line
    return this.#pending.length >= TEXT_CHUNK ? this.#flushText() : undefined
  }

  /** Closes the current file, if one is open, and opens the next part. */
  async #reopen(): Promise<void> {
    if (this.#sink !== undefined) await this.#close()
    await this.#open()
  }

  /** Ends the last file; the files in order, with their line counts. */
  async finish(): Promise<readonly { file: UnloadedFile; lines: number }[]> {
    await this.#close()
    return this.#done
  }

  async abort(error: Error): Promise<void> {
    const sink = this.#sink
    this.#sink = undefined
    this.#parquet = undefined
    await sink?.abort(error)
  }

  async #open(): Promise<void> {
    const location: ObjectLocation = {
      bucket: this.#plan.location.bucket,
      key: dataFileKey(this.#base, this.#part++, this.#plan),
    }
    const parquet = this.#layout.parquetColumns
    this.#sink = new ObjectSink(
      this.#storage,
      location,
      parquet ? undefined : this.#plan.compression,
    )
    this.#fileRows = 0
    this.#headerLines = 0
    if (parquet) {
      this.#parquet = new ParquetFile(
        this.#sink,
        parquet,
        this.#plan.rowGroupSize,
      )
      return
    }
    const header = this.#layout.encoder!.header(
      this.#layout.dataColumns.map((column) => column.name),
    )
    this.#pending = header
    this.#fileBytes = Buffer.byteLength(header)
    this.#headerLines = header === '' ? 0 : 1
  }

  async #flushText(): Promise<void> {
    if (this.#pending === '') return
    const chunk = Buffer.from(this.#pending)
    this.#pending = ''
    await this.#sink!.write(chunk)
  }

  async #close(): Promise<void> {
    const sink = this.#sink
    if (sink === undefined) return
    if (this.#parquet !== undefined) await this.#parquet.finish()
    else await this.#flushText()
    const bytes = await sink.end()
    this.#sink = undefined
    this.#parquet = undefined
    this.#done.push({
      file: Object.freeze({
        url: s3Url(sink.location),
        rows: this.#fileRows,
        bytes,
        format: FILE_FORMAT[this.#plan.format],
      }),
      lines: this.#fileRows + this.#headerLines,
    })
  }
}

function fail(fields: ErrorFields): never {
  throw new UnloadError(fields)
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

/** Storage failures keep their own message; anything unexpected becomes XX000. */
function asUnloadError(error: unknown): unknown {
  if (error instanceof UnloadError) return error
  if (error instanceof StorageError) {
    // S3's own words, as Redshift passes them on (`S3ServiceException:...`).
    return new UnloadError(
      reject.other(
        'XX000',
        `S3ServiceException:${error.message} (${error.code})`,
      ),
    )
  }
  return error
}
