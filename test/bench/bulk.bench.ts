/**
 * `npm run bench:bulk`: bulk data against one embedded PostgreSQL, all
 * variants in the same run.
 *
 * - batchInsert of 100k rows vs one INSERT per row (same dialect, one
 *   transaction each): `batch_speedup`, rows/s over rows/s.
 * - a 1M-row stream through `toReadable` vs raw pg-cursor, each in a child
 *   process of its own (RSS never goes back down): `stream_rss_mb` (peak
 *   RSS growth of ours) and `stream_over_pg_cursor` (rows/s over rows/s).
 * - the emulator's COPY of 1M CSV rows from the S3 folder vs PostgreSQL's
 *   `COPY FROM STDIN` of the same file (`copy_over_pg_copy`), and its UNLOAD
 *   of those rows to Parquet vs `COPY TO STDOUT` (`unload_over_pg_copy`).
 *
 * Knobs: BENCH_ROUNDS (default 3), BENCH_BATCH_ROWS (100000),
 * BENCH_STREAM_ROWS (1000000), BENCH_BULK_ROWS (1000000).
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { startPostgres } from '../setup/start-postgres.js'
import { envInt, markdownTable, median } from './bench-utils.js'
import { benchEmulatorCopyUnload } from './bulk/emulator-copy-unload.js'
import {
  measureBatchInsert,
  measureStream,
  type StreamReader,
  type StreamRun,
} from './bulk/index.js'

const self = fileURLToPath(import.meta.url)

if (process.argv[2] === 'stream') {
  // Child mode: one stream run, its result as the only stdout line.
  const run = await measureStream(
    process.env['BENCH_URL']!,
    process.argv[3] as StreamReader,
    { rows: envInt('BENCH_STREAM_ROWS', 1_000_000), chunkSize: 1_000 },
  )
  process.stdout.write(`${JSON.stringify(run)}\n`)
  process.exit(0)
}

const rounds = envInt('BENCH_ROUNDS', 3)
const log = (line: string) => process.stderr.write(`${line}\n`)
const server = await startPostgres()
try {
  const batch: number[] = []
  const overRawPg: number[] = []
  for (let round = 0; round < rounds; round++) {
    const r = await measureBatchInsert(server.url, {
      rows: envInt('BENCH_BATCH_ROWS', 100_000),
      perRowRows: 20_000,
    })
    log(
      `batch round ${round + 1}: ${r.speedup.toFixed(1)}x (batchInsert ${Math.round(r.batchRowsPerSecond)} rows/s in ${Math.round(r.batchMs)} ms, one INSERT per row ${Math.round(r.perRowRowsPerSecond)} rows/s; raw pg multi-row ${Math.round(r.rawPgMultiRowMs)} ms)`,
    )
    batch.push(r.speedup)
    overRawPg.push(r.batchMs / r.rawPgMultiRowMs)
  }

  const streams: Record<StreamReader, StreamRun[]> = {
    readable: [],
    'pg-cursor': [],
  }
  for (let round = 0; round < rounds; round++) {
    // The order alternates so drift on a shared machine hits both alike.
    const order: StreamReader[] =
      round % 2 === 0 ? ['pg-cursor', 'readable'] : ['readable', 'pg-cursor']
    for (const reader of order) {
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, self, 'stream', reader],
        {
          env: { ...process.env, BENCH_URL: server.url },
          encoding: 'utf8',
        },
      )
      if (child.status !== 0) {
        throw new Error(`stream child failed: ${child.stderr}`)
      }
      const run = JSON.parse(
        child.stdout.trim().split('\n').pop()!,
      ) as StreamRun
      log(
        `stream ${reader}: ${Math.round(run.rowsPerSecond)} rows/s, +${run.peakRssGrowthMb.toFixed(1)} MB`,
      )
      streams[reader].push(run)
    }
  }
  const streamRatios = streams.readable.map(
    (run, i) => run.rowsPerSecond / streams['pg-cursor'][i]!.rowsPerSecond,
  )

  const bulk = await benchEmulatorCopyUnload({
    rows: envInt('BENCH_BULK_ROWS', 1_000_000),
    rounds,
    pgUrl: server.url,
    log,
  })

  const result = {
    bench: 'bulk',
    batch_speedup: round2(median(batch)),
    stream_rss_mb: round2(
      median(streams.readable.map((run) => run.peakRssGrowthMb)),
    ),
    stream_over_pg_cursor: round2(median(streamRatios)),
    copy_over_pg_copy: round2(bulk.copyOverPgCopy),
    unload_over_pg_copy: round2(bulk.unloadOverPgCopy),
  }
  process.stdout.write(
    markdownTable(
      ['measure', 'rounds', 'median'],
      [
        [
          'batchInsert / one INSERT per row (rows/s)',
          batch.map(round2).join(' '),
          String(result.batch_speedup),
        ],
        [
          'batchInsert / raw pg multi-row INSERTs (ms; for reference)',
          overRawPg.map(round2).join(' '),
          String(round2(median(overRawPg))),
        ],
        [
          'Readable peak RSS growth (MB)',
          streams.readable.map((r) => round2(r.peakRssGrowthMb)).join(' '),
          String(result.stream_rss_mb),
        ],
        [
          'Readable / pg-cursor (rows/s)',
          streamRatios.map(round2).join(' '),
          String(result.stream_over_pg_cursor),
        ],
      ],
    ) +
      '\n\n' +
      bulk.table +
      '\n',
  )
  process.stdout.write(`${JSON.stringify(result)}\n`)
} finally {
  await server.stop()
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}
