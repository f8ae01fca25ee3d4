import { Readable } from 'node:stream'

import type { ErrorFields } from '../protocol/error-fields.js'
import type { LoadErrorEntry, LoadErrorField } from '../catalog/load-log.js'
import { decompressStream } from '../codecs/decompress.js'
import { readParquet } from '../formats/read-parquet.js'
import type { ObjectStorage } from '../storage/object-storage.js'
import { parseS3Url } from '../storage/object-storage.js'
import { columnConverter, type ColumnConverter } from './convert-field.js'
import { copyError, CopyLoadError, FieldError } from './copy-errors.js'
import type { CopyOptions, CopyPlan } from './copy-plan.js'
import { CopyChunks } from './copy-text.js'
import {
  evaluateJsonPath,
  parseJsonPaths,
  type JsonPathStep,
} from './json-paths.js'
import { parseJsonExact, type JsonValue } from './json-value.js'
import { mapColumns } from './map-columns.js'
import {
  parquetValueReaders,
  type ParquetValueReader,
} from './parquet-super.js'
import { readAvro } from '../formats/read-avro.js'
import { resolveFiles, type SourceFile } from './resolve-files.js'
import { splitDelimited } from './split-delimited.js'
import { splitFixedWidth } from './split-fixed-width.js'
import { JsonSplitter } from './split-json.js'
import { storageFailure } from './storage-failure.js'
import type { TargetColumn } from './target-column.js'
import { textDecoder } from './text-decoder.js'
import type { RecordSplitter, TextRecord } from './text-record.js'

/** What the session gives a load. */
export interface CopyLoadContext {
  readonly storage: ObjectStorage
  /** Every column of the target table, in table order. */
  readonly columns: readonly TargetColumn[]
  /** The table's name as messages show it. */
  readonly tableName: string
  readonly queryId: number
}

/** One file a COPY read, for STL_LOAD_COMMITS and STL_FILE_SCAN. */
export interface CopyLoadFile {
  readonly url: string
  readonly lines: number
  readonly bytes: number
  /** When the load started reading the file. */
  readonly began?: Date
  /** Microseconds from then until the file's last row went to PostgreSQL. */
  readonly loadtime?: number
}

/** What a finished load did. */
export interface CopyLoadResult {
  readonly rowsLoaded: number
  readonly errors: readonly LoadErrorEntry[]
  readonly files: readonly CopyLoadFile[]
}

/** A running COPY: the columns to name, the data to stream, the outcome. */
export interface CopyLoad {
  /** Columns to name in `COPY <table> (<insertColumns>) FROM STDIN`, in order. */
  readonly insertColumns: readonly string[]
  /**
   * PostgreSQL COPY text-format data (tab-separated, `\N` for NULL,
   * backslash escapes) for those columns, in chunks of about 64 KB. Throws
   * `CopyLoadError` when the load must fail.
   */
  readonly chunks: AsyncIterable<Buffer>
  /** Final once `chunks` is done. */
  readonly result: CopyLoadResult
  /** NOLOAD: everything is read and checked, nothing is sent. */
  readonly noLoad: boolean
}

const PARQUET_MAGIC = Buffer.from('PAR1')
const FEED_SLICE = 16 * 1024

/**
 * Starts the load of a parsed COPY: maps the fields to the table's columns
 * (throwing `CopyLoadError` at once when they do not fit), then, as
 * `chunks` is read, lists the objects (prefix or manifest), decompresses,
 * decodes, splits and converts them one file and one chunk at a time, so
 * memory stays bounded whatever the file size. Rejected rows become
 * STL_LOAD_ERRORS entries; more than MAXERROR of them (none by default)
 * fails the load with Redshift's `Load into table 'T' failed.` error.
 *
 * @example
 * ```ts
 * const load = startCopyLoad(plan, { storage, columns, tableName: 'sales', queryId: 7 })
 * // COPY sales (load.insertColumns) FROM STDIN, then:
 * for await (const chunk of load.chunks) connection.sendCopyData(chunk)
 * console.log(load.result.rowsLoaded)
 * ```
 */
export function startCopyLoad(
  plan: CopyPlan,
  context: CopyLoadContext,
): CopyLoad {
  if (plan.source.kind !== 's3')
    throw new CopyLoadError(
      copyError.emulatorLimit(`COPY from ${plan.source.kind}`),
    )
  const columns = mapColumns(
    plan,
    context.columns,
    context.tableName,
    context.queryId,
  )
  const run = new LoadRun(plan, context, columns)
  return {
    insertColumns: Object.freeze(columns.map((c) => c.name)),
    chunks: {
      [Symbol.asyncIterator]: () => run.chunks()[Symbol.asyncIterator](),
    },
    get result() {
      return run.result()
    },
    noLoad: plan.options.noLoad,
  }
}

class LoadRun {
  readonly #plan: CopyPlan
  readonly #o: CopyOptions
  readonly #context: CopyLoadContext
  readonly #converters: readonly ColumnConverter[]
  readonly #plain: readonly boolean[]
  readonly #errors: LoadErrorEntry[] = []
  readonly #files: CopyLoadFile[] = []
  readonly #out = new CopyChunks()
  #rows = 0
  #started = false
  #starttime = new Date()

  constructor(
    plan: CopyPlan,
    context: CopyLoadContext,
    columns: readonly TargetColumn[],
  ) {
    this.#plan = plan
    this.#o = plan.options
    this.#context = context
    this.#converters = columns.map((c) => columnConverter(c, plan.options))
    this.#plain = this.#converters.map((c) => c.plain)
  }

  result(): CopyLoadResult {
    return Object.freeze({
      rowsLoaded: this.#rows,
      errors: Object.freeze([...this.#errors]),
      files: Object.freeze([...this.#files]),
    })
  }

  async *chunks(): AsyncGenerator<Buffer> {
    if (this.#started)
      throw new Error('the chunks of a COPY load can be read once')
    this.#started = true
    this.#starttime = new Date()
    const source = this.#plan.source as { bucket: string; key: string }
    const columnar = this.#o.format === 'parquet'
    const files = await resolveFiles(this.#context.storage, source, {
      manifest: this.#o.manifest,
      columnar,
      query: this.#context.queryId,
    })
    const paths = await this.#jsonPaths()
    for (const file of files) {
      const began = new Date()
      const start = performance.now()
      if (this.#o.format === 'parquet') yield* this.#parquet(file)
      else if (this.#o.format === 'avro') yield* this.#avro(file, paths)
      else yield* this.#text(file, paths)
      const last = this.#files.length - 1
      if (last >= 0 && this.#files[last]!.url === file.url) {
        this.#files[last] = Object.freeze({
          ...this.#files[last]!,
          began,
          loadtime: Math.round((performance.now() - start) * 1000),
        })
      }
    }
    if (!this.#out.empty) yield this.#out.take()
  }

  // ---- text formats and JSON ------------------------------------------

  async *#text(
    file: SourceFile,
    paths: JsonPathStep[][] | undefined,
  ): AsyncGenerator<Buffer> {
    const o = this.#o
    let stream: Readable
    try {
      stream = await this.#context.storage.openRead(file.location)
    } catch (error) {
      throw new CopyLoadError(
        storageFailure(error, this.#context.queryId),
        this.#errors,
      )
    }
    if (o.compression !== undefined)
      stream = decompressStream(o.compression, stream)
    const decoder = textDecoder(o.encoding)
    let lines = 0
    const json = o.format === 'json'
    const splitter: RecordSplitter | JsonSplitter = json
      ? new JsonSplitter()
      : o.format === 'fixedwidth'
        ? splitFixedWidth(o.fixedWidth!, o.nullAs)
        : splitDelimited({
            csv: o.format === 'csv',
            delimiter: o.delimiter,
            quote: o.quote,
            escape: o.escape,
            removeQuotes: o.removeQuotes,
            nullAs: o.nullAs,
            defaultNull: o.defaultNull,
          })
    let header = o.ignoreHeader
    const onRecord = (record: TextRecord) => {
      if (header > 0) {
        header--
        return
      }
      if (o.ignoreBlankLines && (record.raw === '' || record.raw === '\r'))
        return
      this.#record(record, file)
    }
    const onJson = (chunk: { text: string; line: number; error?: string }) => {
      lines = chunk.line
      this.#json(chunk, file, paths)
    }
    const feed = (text: string) => {
      if (json) (splitter as JsonSplitter).feed(text, onJson)
      else (splitter as RecordSplitter).feed(text, onRecord)
    }
    try {
      for await (const chunk of stream) {
        const text = decoder.write(chunk as Buffer)
        // Fed in slices, so a chunk of output is handed on when it is full
        // rather than once per (possibly large) piece of input.
        for (let at = 0; at < text.length; at += FEED_SLICE) {
          feed(
            at === 0 && text.length <= FEED_SLICE
              ? text
              : text.slice(at, at + FEED_SLICE),
          )
          if (this.#out.full) yield this.#out.take()
        }
      }
      feed(decoder.end())
      if (json) (splitter as JsonSplitter).end(onJson)
      else (splitter as RecordSplitter).end(onRecord)
    } catch (error) {
      if (error instanceof CopyLoadError) throw error
      throw new CopyLoadError(
        copyError.executor(
          `Failed to read '${file.url}'${o.compression ? ` as ${o.compression.toUpperCase()}` : ''}: ${(error as Error).message}`,
          8001,
          this.#context.queryId,
        ),
        this.#errors,
      )
    }
    if (!json) lines = (splitter as RecordSplitter).lines
    this.#files.push(Object.freeze({ url: file.url, lines, bytes: file.size }))
  }

  #record(record: TextRecord, file: SourceFile): void {
    const convs = this.#converters
    const n = convs.length
    const fields = record.fields
    const o = this.#o
    if (record.error !== undefined) {
      this.#reject(
        file,
        record,
        undefined,
        record.error.code,
        record.error.reason,
      )
      return
    }
    // A delimiter that ends the line closes the last field rather than
    // opening another: r_COPY_command_examples loads `1|Toyota Park|
    // Bridgeview|IL|` into four columns. The Guide shows it for delimited
    // text only, so CSV keeps counting the empty field as a column.
    const trailing =
      fields.length === n + 1 && o.format === 'text' && fields[n] === ''
    if (fields.length > n && !trailing) {
      this.#reject(file, record, n - 1, 1202, 'Extra column(s) found')
      return
    }
    if (fields.length < n && !o.fillRecord) {
      this.#reject(file, record, fields.length, 1214, 'Delimiter not found')
      return
    }
    const values = new Array<string | null>(n)
    let i = 0
    try {
      for (; i < n; i++) {
        const conv = convs[i]!
        let v: string | null
        // FILLRECORD: a missing VARCHAR is '' (NULL with EMPTYASNULL); a
        // missing CHAR, like any other type, is NULL (copy-parameters-data-
        // conversion, FILLRECORD).
        if (i >= fields.length)
          v = conv.info.kind.kind === 'varchar' && !o.emptyAsNull ? '' : null
        else {
          const f = fields[i]!
          if (f === null) v = null
          else if (conv.isText) {
            if (f === '' && o.emptyAsNull && record.quoted?.[i] !== true)
              v = null
            else if (o.blanksAsNull && f.length > 0 && f.trim() === '') v = null
            else v = conv.fromText(f)
          } else v = f === '' ? null : conv.fromText(f)
        }
        if (v === null && conv.column.notNull)
          throw new FieldError(1213, 'Missing data for not-null field')
        values[i] = v
      }
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      this.#reject(file, record, i, error.code, error.message, values)
      return
    }
    this.#accept(values)
  }

  #accept(values: readonly (string | null)[]): void {
    if (!this.#o.noLoad) {
      this.#out.row(values, this.#plain)
      this.#rows++
    }
  }

  #reject(
    file: SourceFile,
    record: {
      readonly raw: string
      readonly line: number
      readonly fields?: readonly (string | null)[]
      readonly offsets?: readonly number[]
    },
    column: number | undefined,
    code: number,
    reason: string,
    parsed?: readonly (string | null)[],
  ): void {
    const conv = column === undefined ? undefined : this.#converters[column]
    // STL_LOADERROR_DETAIL keeps at most 20 rejected lines per slice and load
    // (r_STL_LOADERROR_DETAIL.html); the emulator has one slice.
    const detail =
      parsed !== undefined && column !== undefined && this.#errors.length < 20
        ? this.#detail(column, parsed)
        : undefined
    const entry: LoadErrorEntry = Object.freeze({
      query: this.#context.queryId,
      slice: 0,
      starttime: this.#starttime,
      filename: file.url.slice(0, 256),
      line_number: record.line,
      colname: conv?.column.name.slice(0, 127) ?? '',
      type: conv?.info.stlType ?? '',
      col_length: conv?.info.colLength ?? '',
      position:
        column === undefined
          ? 0
          : (record.offsets?.[column] ?? record.raw.length),
      raw_line: printable(record.raw.slice(0, 1024)),
      raw_field_value:
        column === undefined
          ? ''
          : printable((record.fields?.[column] ?? '').slice(0, 1024)),
      err_code: code,
      err_reason: reason.slice(0, 100),
      ...(detail !== undefined ? { detail } : {}),
    })
    // IGNOREALLERRORS keeps loading whatever fails; keep a bounded record of it.
    if (this.#errors.length < 100_000) this.#errors.push(entry)
    if (!this.#o.ignoreAllErrors && this.#errors.length > this.#o.maxError) {
      throw new CopyLoadError(
        copyError.loadFailed(
          this.#context.tableName,
          this.#errors[0],
          this.#context.queryId,
        ),
        this.#errors,
      )
    }
  }

  /**
   * A field parse error's STL_LOADERROR_DETAIL rows: every column up to and
   * including the failing one, with the value each parsed to. The failing
   * field parsed to nothing, so it shows a blank null value, as the page's
   * example shows it (`aaa` for an integer). Fields are numbered from 1: the
   * page does not say where numbering starts.
   */
  #detail(
    column: number,
    parsed: readonly (string | null)[],
  ): readonly LoadErrorField[] {
    const fields: LoadErrorField[] = []
    for (let i = 0; i <= column; i++) {
      const conv = this.#converters[i]!
      const value = i < column ? (parsed[i] ?? null) : null
      fields.push(
        Object.freeze({
          field: i + 1,
          colname: conv.column.name,
          value: value === null ? '' : singleByte(value.slice(0, 1024)),
          is_null: value === null ? 1 : 0,
          type: conv.info.stlType,
          col_length: conv.info.colLength,
        }),
      )
    }
    return Object.freeze(fields)
  }

  // ---- JSON -------------------------------------------------------------

  async #jsonPaths(): Promise<JsonPathStep[][] | undefined> {
    const mapping = this.#o.mapping
    if (mapping?.kind === 'noshred') {
      const only =
        this.#converters.length === 1 ? this.#converters[0] : undefined
      if (only === undefined || only.info.kind.kind !== 'super')
        throw new CopyLoadError(
          copyError.executor(
            "JSON 'noshred' loads each document into one SUPER column: the table or column list must have exactly one column, of type SUPER",
            8001,
            this.#context.queryId,
          ),
        )
    }
    if (mapping?.kind !== 'jsonpaths') return undefined
    const location = parseS3Url(mapping.url)!
    let text: string
    try {
      text = (await this.#context.storage.read(location)).toString('utf8')
    } catch (error) {
      const inner = storageFailure(error, this.#context.queryId)
      throw new CopyLoadError(
        copyError.executor(
          `Problem reading JSONPaths file - ${inner.message}`,
          8001,
          this.#context.queryId,
        ),
      )
    }
    let paths: JsonPathStep[][]
    try {
      paths = parseJsonPaths(text)
    } catch (error) {
      throw new CopyLoadError(
        copyError.executor(
          (error as Error).message,
          8001,
          this.#context.queryId,
        ),
      )
    }
    if (paths.length !== this.#converters.length)
      throw new CopyLoadError(
        copyError.executor(
          `Number of jsonpaths and the number of columns should match. JSONPath size: ${paths.length}, Number of columns in table or column list: ${this.#converters.length}`,
          8001,
          this.#context.queryId,
        ),
      )
    return paths
  }

  #json(
    chunk: { text: string; line: number; error?: string },
    file: SourceFile,
    paths: JsonPathStep[][] | undefined,
  ): void {
    const record = { raw: chunk.text, line: chunk.line }
    if (chunk.error !== undefined) {
      this.#reject(file, record, undefined, 1224, chunk.error)
      return
    }
    let doc: JsonValue
    try {
      doc = parseJsonExact(chunk.text)
    } catch (error) {
      this.#reject(
        file,
        record,
        undefined,
        1224,
        `Invalid JSON: ${(error as Error).message}`,
      )
      return
    }
    const mapping = this.#o.mapping!
    if (mapping.kind === 'noshred') {
      this.#structured(file, record, () => [doc])
      return
    }
    if (paths !== undefined) {
      this.#structured(file, record, () =>
        paths.map((p) => evaluateJsonPath(doc, p)),
      )
      return
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      this.#reject(
        file,
        record,
        undefined,
        1224,
        "Invalid JSONPath format: Member is not an object. 'auto' needs one object per row",
      )
      return
    }
    this.#structured(file, record, () =>
      byName(
        doc as Record<string, unknown>,
        this.#converters,
        mapping.kind === 'auto' && mapping.ignoreCase,
      ),
    )
  }

  /** Converts one row of JSON, Avro or Parquet values (in insert-column order). */
  #structured(
    file: SourceFile,
    record: { raw: string; line: number },
    read: () => readonly unknown[],
    readers?: readonly ParquetValueReader[],
  ): void {
    const convs = this.#converters
    const o = this.#o
    const input = read()
    const values = new Array<string | null>(convs.length)
    let i = 0
    try {
      for (; i < convs.length; i++) {
        const conv = convs[i]!
        const value = input[i]
        let v: string | null
        if (typeof value === 'string' && conv.isText) {
          if (value === '' && o.emptyAsNull) v = null
          else if (o.blanksAsNull && value.length > 0 && value.trim() === '')
            v = null
          else v = (readers?.[i] ?? conv.fromValue)(value)
        } else v = (readers?.[i] ?? conv.fromValue)(value)
        if (v === null && conv.column.notNull)
          throw new FieldError(1213, 'Missing data for not-null field')
        values[i] = v
      }
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      this.#reject(
        file,
        {
          ...record,
          fields: input.map((v) =>
            v === undefined || v === null
              ? null
              : typeof v === 'string'
                ? v
                : String(v),
          ),
          offsets: [],
        },
        i,
        error.code,
        error.message,
        values,
      )
      return
    }
    this.#accept(values)
  }

  // ---- Parquet and Avro ---------------------------------------------------

  async #whole(file: SourceFile): Promise<Buffer> {
    let body: Buffer
    try {
      body = await this.#context.storage.read(file.location)
    } catch (error) {
      throw new CopyLoadError(
        storageFailure(error, this.#context.queryId),
        this.#errors,
      )
    }
    // Columnar files are matched by content: .gz and .bz2 are read as such.
    const codec =
      body[0] === 0x1f && body[1] === 0x8b
        ? 'gzip'
        : body.subarray(0, 3).toString('latin1') === 'BZh'
          ? 'bzip2'
          : body.readUInt32LE(0) === 0xfd2fb528
            ? 'zstd'
            : this.#o.format === 'avro' && this.#o.compression !== undefined
              ? this.#o.compression
              : undefined
    if (codec === undefined) return body
    const parts: Buffer[] = []
    for await (const part of decompressStream(codec, Readable.from([body])))
      parts.push(part as Buffer)
    return Buffer.concat(parts)
  }

  async *#parquet(file: SourceFile): AsyncGenerator<Buffer> {
    const body = await this.#whole(file)
    const query = this.#context.queryId
    if (body.length < 8 || !body.subarray(0, 4).equals(PARQUET_MAGIC))
      throw new CopyLoadError(
        copyError.executor(
          `File '${file.url}' is not a valid Parquet file: it does not start with PAR1`,
          15001,
          query,
        ),
      )
    let content
    try {
      content = await readParquet(body)
    } catch (error) {
      throw new CopyLoadError(
        copyError.executor(
          `Failed to read Parquet file '${file.url}': ${(error as Error).message}`,
          15001,
          query,
        ),
      )
    }
    if (content.columns.length !== this.#converters.length)
      throw new CopyLoadError(
        copyError.executor(
          `Unmatched number of columns between table and file. Table columns: ${this.#converters.length}, Data columns: ${content.columns.length}, File name: ${file.url}`,
          15007,
          query,
        ),
      )
    const readers = parquetValueReaders(
      content.columns,
      this.#converters,
      this.#o.serializeToJson,
      file.url,
      query,
    )
    if (!Array.isArray(readers)) throw new CopyLoadError(readers as ErrorFields)
    let lines = 0
    for await (const row of content.rows) {
      lines++
      this.#structured(file, { raw: '', line: lines }, () => row, readers)
      if (this.#out.full) yield this.#out.take()
    }
    this.#files.push(Object.freeze({ url: file.url, lines, bytes: file.size }))
  }

  async *#avro(
    file: SourceFile,
    paths: JsonPathStep[][] | undefined,
  ): AsyncGenerator<Buffer> {
    const body = await this.#whole(file)
    let content
    try {
      content = await readAvro(body)
    } catch (error) {
      if (error instanceof CopyLoadError) throw error
      throw new CopyLoadError(
        copyError.executor(
          `Failed to read Avro file '${file.url}': ${(error as Error).message}`,
          8001,
          this.#context.queryId,
        ),
      )
    }
    const mapping = this.#o.mapping!
    let lines = 0
    for await (const record of content.records) {
      lines++
      this.#structured(file, { raw: '', line: lines }, () =>
        paths !== undefined
          ? paths.map((p) => evaluateJsonPath(record, p))
          : byName(
              record,
              this.#converters,
              mapping.kind === 'auto' && mapping.ignoreCase,
            ),
      )
      if (this.#out.full) yield this.#out.take()
    }
    this.#files.push(Object.freeze({ url: file.url, lines, bytes: file.size }))
  }
}

/** 'auto': values by key = column name (case-sensitive, or not with 'auto ignorecase'). */
function byName(
  doc: Readonly<Record<string, unknown>>,
  convs: readonly ColumnConverter[],
  ignoreCase: boolean,
): unknown[] {
  if (!ignoreCase)
    return convs.map((c) =>
      Object.prototype.hasOwnProperty.call(doc, c.column.name)
        ? doc[c.column.name]
        : undefined,
    )
  const lower = new Map<string, unknown>()
  for (const [key, value] of Object.entries(doc)) {
    const k = key.toLowerCase()
    if (!lower.has(k)) lower.set(k, value)
  }
  return convs.map((c) => lower.get(c.column.name.toLowerCase()))
}

/**
 * The text of a rejected line as STL_LOAD_ERRORS can hold it: each byte
 * that was not valid UTF-8 (kept by the decoder as U+DC80..U+DCFF) becomes
 * U+FFFD, since the catalog's text columns cannot hold the byte itself.
 * Which character Redshift shows there is not documented.
 */
/** STL_LOADERROR_DETAIL.value shows each multibyte character as a period. */
function singleByte(text: string): string {
  return text.replace(/[^\u0000-\u007f]/gu, '.')
}

function printable(text: string): string {
  return text.replace(/[\udc80-\udcff]/g, '\ufffd')
}
