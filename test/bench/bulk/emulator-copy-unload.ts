/**
 * The emulator's COPY and UNLOAD against PostgreSQL's own COPY, on the same
 * server in the same run:
 *
 * - COPY: `COPY t FROM 's3://bucket/bench/rows.csv' ... CSV` through the
 *   emulator (reading the S3 folder) versus `COPY t FROM STDIN (FORMAT csv)`
 *   of the same file sent straight to the PostgreSQL behind it;
 * - UNLOAD: `UNLOAD ('select * from t') ... FORMAT PARQUET` through the
 *   emulator versus `COPY (select * from t) TO STDOUT` read straight from
 *   PostgreSQL.
 *
 * The direct variants speak the wire protocol with no driver on top
 * (`connectBackend` and the protocol's own messages), so the baseline is
 * PostgreSQL's COPY itself. Variants alternate round by round; the figure is
 * the median over rounds. Used by `npm run bench:bulk`; runnable alone with
 * `npx tsx test/bench/bulk/emulator-copy-unload.ts`.
 *
 * @example
 * ```ts
 * const result = await benchEmulatorCopyUnload({ rows: 1_000_000, rounds: 3 })
 * result.copyOverPgCopy // e.g. 2.1
 * ```
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { serialize } from 'pg-protocol'

import { startLocalRedshift } from '../../../src/local/index.js'
import { connectBackend } from '../../../src/local/protocol/backend-connection.js'
import { parseBackendUrl } from '../../../src/local/protocol/backend-target.js'
import { MessageReader } from '../../../src/local/protocol/message-reader.js'
import { startPostgres } from '../../setup/start-postgres.js'
import { envInt, markdownTable, median } from '../bench-utils.js'

/** Options of {@link benchEmulatorCopyUnload}. */
export interface CopyUnloadBenchOptions {
  /** Rows in the file and the table (default 1,000,000). */
  readonly rows?: number
  /** Rounds of each variant (default 3). */
  readonly rounds?: number
  /** PostgreSQL to run on; without it one is started (and stopped). */
  readonly pgUrl?: string
  /** Progress lines (default: to stderr). */
  readonly log?: (line: string) => void
}

/** What {@link benchEmulatorCopyUnload} measured, in milliseconds (medians over rounds). */
export interface CopyUnloadBenchResult {
  readonly rows: number
  readonly fileBytes: number
  readonly emulatorCopyMs: number
  readonly pgCopyFromStdinMs: number
  readonly emulatorUnloadParquetMs: number
  readonly pgCopyToStdoutMs: number
  /** UNLOAD to CSV through the emulator (not in a ratio: the session's share without Parquet). */
  readonly emulatorUnloadCsvMs: number
  /** emulatorCopyMs / pgCopyFromStdinMs (target <= 3). */
  readonly copyOverPgCopy: number
  /** emulatorUnloadParquetMs / pgCopyToStdoutMs (target <= 3). */
  readonly unloadOverPgCopy: number
  /** The rounds as a Markdown table. */
  readonly table: string
}

const TABLE = `create table bench_copy (id bigint, name varchar(64), amount numeric(12,2),
  created timestamp, active boolean)`

/** Measures both ratios; see the module comment. */
export async function benchEmulatorCopyUnload(
  options: CopyUnloadBenchOptions = {},
): Promise<CopyUnloadBenchResult> {
  const rows = options.rows ?? 1_000_000
  const rounds = options.rounds ?? 3
  const log =
    options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const started =
    options.pgUrl === undefined ? await startPostgres() : undefined
  const pgUrl = options.pgUrl ?? started!.url
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bulk-'))
  const local = await startLocalRedshift({
    port: 0,
    pgUrl,
    s3Dir: dir,
    database: 'bench_bulk',
  })
  const client = new pg.Client({ connectionString: local.url })
  await client.connect()
  try {
    const file = path.join(dir, 'bucket', 'bench', 'rows.csv')
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const fileBytes = writeCsv(file, rows)
    log(`bench bulk: ${rows} rows, ${(fileBytes / 1e6).toFixed(1)} MB of CSV`)
    await client.query(TABLE)
    const target = parseBackendUrl(pgUrl)
    const direct = await connectBackend(
      { ...target, database: 'bench_bulk' },
      { database: 'bench_bulk' },
    )
    const samples = {
      emulatorCopy: [] as number[],
      pgCopy: [] as number[],
      emulatorUnload: [] as number[],
      emulatorUnloadCsv: [] as number[],
      pgCopyOut: [] as number[],
    }
    const copyVariants = [
      {
        name: 'emulatorCopy' as const,
        run: async () => {
          await client.query(
            "copy bench_copy from 's3://bucket/bench/rows.csv' iam_role default csv",
          )
        },
      },
      {
        name: 'pgCopy' as const,
        run: () =>
          copyFromStdin(
            direct.socket,
            'COPY bench_copy FROM STDIN (FORMAT csv)',
            file,
          ),
      },
    ]
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? copyVariants : [...copyVariants].reverse()
      for (const variant of order) {
        await client.query('truncate bench_copy')
        const ms = await timed(variant.run)
        samples[variant.name].push(ms)
        // Outside the timing: each variant really loaded every row.
        const loaded = await client.query(
          'select count(*)::int as n from bench_copy',
        )
        if (loaded.rows[0].n !== rows)
          throw new Error(
            `${variant.name} loaded ${loaded.rows[0].n} of ${rows} rows`,
          )
        log(`round ${round + 1}: ${variant.name} ${ms.toFixed(0)} ms`)
      }
    }
    // The table holds the rows once for the UNLOAD rounds.
    await client.query('truncate bench_copy')
    await copyFromStdin(
      direct.socket,
      'COPY bench_copy FROM STDIN (FORMAT csv)',
      file,
    )
    const unloadVariants = [
      {
        name: 'emulatorUnload' as const,
        run: async () => {
          await client.query(
            "unload ('select * from bench_copy') to 's3://bucket/bench/out/part_' iam_role default format parquet allowoverwrite",
          )
        },
      },
      {
        // Not in the ratio: CSV's writer costs little, so this shows what
        // reading the rows through the session costs apart from Parquet.
        name: 'emulatorUnloadCsv' as const,
        run: async () => {
          await client.query(
            "unload ('select * from bench_copy') to 's3://bucket/bench/csv/part_' iam_role default format csv allowoverwrite",
          )
        },
      },
      {
        name: 'pgCopyOut' as const,
        run: () =>
          copyToStdout(
            direct.socket,
            'COPY (select * from bench_copy) TO STDOUT',
          ),
      },
    ]
    for (let round = 0; round < rounds; round++) {
      const order =
        round % 2 === 0 ? unloadVariants : [...unloadVariants].reverse()
      for (const variant of order) {
        const ms = await timed(variant.run)
        samples[variant.name].push(ms)
        log(`round ${round + 1}: ${variant.name} ${ms.toFixed(0)} ms`)
      }
    }
    direct.socket.end(Buffer.from([0x58, 0, 0, 0, 4]))
    const emulatorCopyMs = median([...samples.emulatorCopy])
    const pgCopyFromStdinMs = median([...samples.pgCopy])
    const emulatorUnloadParquetMs = median([...samples.emulatorUnload])
    const pgCopyToStdoutMs = median([...samples.pgCopyOut])
    const emulatorUnloadCsvMs = median([...samples.emulatorUnloadCsv])
    const table = markdownTable(
      [
        'round',
        'emulator COPY ms',
        'PG COPY FROM STDIN ms',
        'emulator UNLOAD parquet ms',
        'emulator UNLOAD csv ms',
        'PG COPY TO STDOUT ms',
      ],
      samples.emulatorCopy.map((_, i) => [
        String(i + 1),
        samples.emulatorCopy[i]!.toFixed(0),
        samples.pgCopy[i]!.toFixed(0),
        samples.emulatorUnload[i]!.toFixed(0),
        samples.emulatorUnloadCsv[i]!.toFixed(0),
        samples.pgCopyOut[i]!.toFixed(0),
      ]),
    )
    return Object.freeze({
      rows,
      fileBytes,
      emulatorCopyMs,
      pgCopyFromStdinMs,
      emulatorUnloadParquetMs,
      pgCopyToStdoutMs,
      emulatorUnloadCsvMs,
      copyOverPgCopy: emulatorCopyMs / pgCopyFromStdinMs,
      unloadOverPgCopy: emulatorUnloadParquetMs / pgCopyToStdoutMs,
      table,
    })
  } finally {
    await client.end().catch(() => {})
    await local.stop()
    await started?.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** Writes `rows` CSV lines (int8, varchar, numeric(12,2), timestamp, boolean); returns the size. */
function writeCsv(file: string, rows: number): number {
  const fd = fs.openSync(file, 'w')
  let bytes = 0
  try {
    const base = Date.UTC(2024, 0, 1)
    let batch: string[] = []
    for (let i = 1; i <= rows; i++) {
      const created = new Date(base + i * 1000)
        .toISOString()
        .replace('T', ' ')
        .slice(0, 19)
      const amount = `${(i * 37) % 100000}.${String(i % 100).padStart(2, '0')}`
      const name = i % 10 === 0 ? `"name, ${i}"` : `name-${i}`
      batch.push(`${i},${name},${amount},${created},${i % 2 === 0}\n`)
      if (batch.length === 10_000 || i === rows) {
        const chunk = Buffer.from(batch.join(''))
        fs.writeSync(fd, chunk)
        bytes += chunk.length
        batch = []
      }
    }
  } finally {
    fs.closeSync(fd)
  }
  return bytes
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint()
  await run()
  return Number(process.hrtime.bigint() - start) / 1e6
}

/** Waits for ReadyForQuery on `socket`, calling `onMessage` for each message before it. */
function untilReady(
  socket: import('node:net').Socket,
  onMessage: (type: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const reader = new MessageReader()
    let error: string | undefined
    const onData = (chunk: Buffer) => {
      reader.read(chunk, (type, buf, start, end) => {
        if (type === 0x45) error ??= buf.toString('utf8', start + 5, end)
        if (type === 0x5a) {
          socket.removeListener('data', onData)
          if (error !== undefined) reject(new Error(error))
          else resolve()
          return false
        }
        onMessage(type)
        return true
      })
    }
    socket.on('data', onData)
  })
}

/** PostgreSQL's `COPY ... FROM STDIN` of `file`, streamed as CopyData. */
async function copyFromStdin(
  socket: import('node:net').Socket,
  sql: string,
  file: string,
): Promise<void> {
  let ready!: () => void
  const inCopy = new Promise<void>((resolve) => (ready = resolve))
  const done = untilReady(socket, (type) => {
    if (type === 0x47) ready()
  })
  socket.write(serialize.query(sql))
  await inCopy
  for await (const chunk of fs.createReadStream(file, {
    highWaterMark: 256 * 1024,
  })) {
    const data = chunk as Buffer
    const header = Buffer.allocUnsafe(5)
    header[0] = 0x64
    header.writeInt32BE(4 + data.length, 1)
    if (!socket.write(Buffer.concat([header, data]))) {
      await new Promise((resolve) => socket.once('drain', resolve))
    }
  }
  socket.write(serialize.copyDone())
  await done
}

/** PostgreSQL's `COPY ... TO STDOUT`, every CopyData read and dropped. */
async function copyToStdout(
  socket: import('node:net').Socket,
  sql: string,
): Promise<void> {
  const done = untilReady(socket, () => {})
  socket.write(serialize.query(sql))
  await done
}

const isMain =
  process.argv[1] !== undefined &&
  import.meta.url.endsWith(path.basename(process.argv[1]))
if (isMain) {
  benchEmulatorCopyUnload({
    rows: envInt('BENCH_BULK_ROWS', 1_000_000),
    rounds: envInt('BENCH_ROUNDS', 3),
  }).then(
    (result) => {
      console.log(result.table)
      console.log(
        JSON.stringify({
          bench: 'bulk-copy-unload',
          rows: result.rows,
          copy_over_pg_copy: Number(result.copyOverPgCopy.toFixed(3)),
          unload_over_pg_copy: Number(result.unloadOverPgCopy.toFixed(3)),
        }),
      )
    },
    (error: unknown) => {
      console.error(error)
      process.exitCode = 1
    },
  )
}
