import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createRedshift, type RedshiftClient } from '../../src/client.js'
import { copyInto } from '../../src/commands/copy/index.js'
import { CommandOptionError } from '../../src/errors/command-option-error.js'
import { LoadError } from '../../src/errors/load-error.js'
import { startOwnEmulator, type OwnEmulator } from './local-test-helpers.js'

interface DB {
  sales: { id: number; qty: number; note: string | null }
}

describe('COPY execute() on the emulator, from a local S3 folder', () => {
  let s3Dir: string
  let emulator: OwnEmulator
  let db: RedshiftClient<DB>

  const put = async (key: string, body: string | Buffer) => {
    const path = join(s3Dir, 'bucket', key)
    await mkdir(join(path, '..'), { recursive: true })
    await writeFile(path, body)
  }
  const rows = () => db.selectFrom('sales').selectAll().orderBy('id').execute()

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'copy-execute-'))
    await put('sales/part-1.txt', '1|10|a\n2|20|\\N\n')
    await put('sales/part-2.txt', '3|30|c\n')
    await put('bad.csv', 'id,qty\n4,40\n5,x\n6,60\n7,y\n')
    emulator = await startOwnEmulator('copy_execute', { s3Dir })
    db = createRedshift<DB>({ url: emulator.local.url, pool: { max: 2 } })
    await db.schema
      .createTable('sales')
      .addColumn('id', 'integer')
      .addColumn('qty', 'integer')
      .addColumn('note', 'varchar(10)')
      .execute()
  })

  afterAll(async () => {
    await db?.close()
    await emulator?.stop()
    await rm(s3Dir, { recursive: true, force: true })
  })

  beforeEach(async () => {
    emulator.local.faults.reset()
    await db.deleteFrom('sales').execute()
  })

  it('loads an S3 prefix and returns rows loaded, the query id and the time, frozen', async () => {
    const result = await copyInto(db, 'sales')
      .from('s3://bucket/sales/')
      .iamRole('default')
      .execute()
    expect(result.rowsLoaded).toBe(3)
    expect(result.queryId).toBeGreaterThan(0)
    expect(result.rejected).toEqual([])
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0)
    expect(Object.isFrozen(result)).toBe(true)
    expect(await rows()).toEqual([
      { id: 1, qty: 10, note: 'a' },
      { id: 2, qty: 20, note: null },
      { id: 3, qty: 30, note: 'c' },
    ])
    // The query id is the COPY's own, as the session's pg_last_copy_id() says.
    const again = await copyInto(db, 'sales')
      .from('s3://bucket/sales/part-2')
      .iamRole('default')
      .execute()
    expect(again.rowsLoaded).toBe(1)
    expect(again.queryId).toBeGreaterThan(result.queryId)
  })

  // Values that break naive quoting and parsing, loaded as they are.
  const nasty = [
    { id: 1, qty: 1, note: 'a"b' },
    { id: 2, qty: 2, note: 'c\\d' },
    { id: 3, qty: 3, note: 'x,y|z' },
    { id: 4, qty: 4, note: 'l1\nl2' },
    { id: 5, qty: 5, note: 'é😀' },
    { id: 6, qty: 6, note: '' },
    { id: 7, qty: 7, note: null },
    { id: 8, qty: 8, note: "it's" },
  ]
  const csvField = (v: string | null) =>
    v === null ? '\\N' : `"${v.replaceAll('"', '""')}"`

  it('round-trips quotes, backslashes, delimiters, newlines, unicode, empty strings and NULLs: CSV, gzip-compressed', async () => {
    const body = nasty
      .map((r) => `${r.id},${r.qty},${csvField(r.note)}`)
      .join('\n')
    await put('nasty/rows.csv.gz', gzipSync(`id,qty,note\n${body}\n`))
    const result = await copyInto(db, 'sales')
      .from('s3://bucket/nasty/rows.csv.gz')
      .iamRole('default')
      .csv()
      .ignoreHeader(1)
      .gzip()
      .execute()
    expect(result.rowsLoaded).toBe(nasty.length)
    // NULL is NULL AS's default \N; an empty field stays '' (no EMPTYASNULL).
    expect(await rows()).toEqual(nasty)
  })

  it('round-trips the same values as JSON (auto)', async () => {
    await put('nasty/rows.json', nasty.map((r) => JSON.stringify(r)).join('\n'))
    const result = await copyInto(db, 'sales', ['id', 'qty', 'note'])
      .from('s3://bucket/nasty/rows.json')
      .iamRole('default')
      .json()
      .execute()
    expect(result.rowsLoaded).toBe(nasty.length)
    expect(await rows()).toEqual(nasty)
  })

  it('round-trips delimited text with ESCAPE and a NULL AS string', async () => {
    const escape = (v: string) => v.replace(/[\\|\n]/g, (c) => `\\${c}`)
    const body = nasty
      .map(
        (r) => `${r.id}|${r.qty}|${r.note === null ? 'NUL' : escape(r.note)}`,
      )
      .join('\n')
    await put('nasty/rows.txt', `${body}\n`)
    const result = await copyInto(db, 'sales')
      .from('s3://bucket/nasty/rows.txt')
      .iamRole('default')
      .escape()
      .nullAs('NUL')
      .execute()
    expect(result.rowsLoaded).toBe(nasty.length)
    expect(await rows()).toEqual(nasty)
  })

  it('throws LoadError with the load-error rows, and loads nothing, when a row is bad (MAXERROR 0)', async () => {
    const copy = copyInto(db, 'sales', ['id', 'qty'])
      .from('s3://bucket/bad.csv')
      .iamRole('default')
      .csv()
      .ignoreHeader(1)
    const error = await copy.execute().then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(LoadError)
    const load = error as LoadError
    expect(load.code).toBe('XX000')
    expect(load.tableName).toBe('sales')
    expect(load.loadErrors).toBeDefined()
    expect(load.loadErrors!.length).toBeGreaterThanOrEqual(1)
    const first = load.loadErrors![0]!
    expect(first).toMatchObject({
      file: 's3://bucket/bad.csv',
      line: 3,
      column: 'qty',
      type: 'int4',
      rawValue: 'x',
      code: 1207,
    })
    expect(first.reason).toMatch(/Invalid digit/)
    expect(Object.isFrozen(load.loadErrors)).toBe(true)
    expect(await rows()).toEqual([])
  })

  it('reads SYS_LOAD_ERROR_DETAIL with serverless: true', async () => {
    const error = (await copyInto(db, 'sales', ['id', 'qty'])
      .from('s3://bucket/bad.csv')
      .iamRole('default')
      .csv()
      .ignoreHeader(1)
      .execute({ serverless: true })
      .catch((e: unknown) => e)) as LoadError
    expect(error).toBeInstanceOf(LoadError)
    expect(error.loadErrors![0]).toMatchObject({
      file: 's3://bucket/bad.csv',
      line: 3,
      column: 'qty',
      type: 'int4',
      code: 1207,
    })
    expect(error.loadErrors![0]!.reason).toMatch(/Invalid digit/)
  })

  it('with MAXERROR 5 loads the good rows and returns the rejected ones', async () => {
    const result = await copyInto(db, 'sales', ['id', 'qty'])
      .from('s3://bucket/bad.csv')
      .iamRole('default')
      .csv()
      .ignoreHeader(1)
      .maxError(5)
      .execute()
    expect(result.rowsLoaded).toBe(2)
    expect(result.rejected.map((r) => [r.line, r.column, r.rawValue])).toEqual([
      [3, 'qty', 'x'],
      [5, 'qty', 'y'],
    ])
    expect(await rows()).toEqual([
      { id: 4, qty: 40, note: null },
      { id: 6, qty: 60, note: null },
    ])
  })

  it('ticks onProgress with the elapsed time while the COPY runs', async () => {
    emulator.local.faults.addLatency({
      ms: 400,
      pattern: "from 's3://bucket/sales/'",
    })
    const ticks: number[] = []
    const result = await copyInto(db, 'sales')
      .from('s3://bucket/sales/')
      .iamRole('default')
      .execute({
        onProgress: ({ elapsedMs }) => ticks.push(elapsedMs),
        progressIntervalMs: 50,
      })
    expect(ticks.length).toBeGreaterThanOrEqual(3)
    expect([...ticks].sort((a, b) => a - b)).toEqual(ticks)
    expect(result.elapsedMs).toBeGreaterThanOrEqual(400)
    const count = ticks.length
    await new Promise((r) => setTimeout(r, 150))
    expect(ticks.length).toBe(count) // stopped with the COPY
  })

  it('runs through the Kysely instance: its plugins see the COPY and the reads after it', async () => {
    const seen: string[] = []
    const recording = db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        seen.push(String(args.queryId.queryId))
        return args.result
      },
    })
    await copyInto(recording, 'sales')
      .from('s3://bucket/sales/')
      .iamRole('default')
      .execute()
    expect(seen).toHaveLength(2) // the COPY, then pg_last_copy_count() / pg_last_copy_id()
  })

  it('runs inside a transaction on its connection, and rolls back with it', async () => {
    await db
      .transaction()
      .execute(async (trx) => {
        const result = await copyInto(trx, 'sales')
          .from('s3://bucket/sales/')
          .iamRole('default')
          .execute()
        expect(result.rowsLoaded).toBe(3)
        expect(
          await trx.selectFrom('sales').select('id').execute(),
        ).toHaveLength(3)
        throw new Error('roll back')
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'))
    expect(await rows()).toEqual([])
  })

  it('in a transaction a failed COPY throws LoadError without rows (the transaction is aborted)', async () => {
    const error = await db
      .transaction()
      .execute((trx) =>
        copyInto(trx, 'sales', ['id', 'qty'])
          .from('s3://bucket/bad.csv')
          .iamRole('default')
          .csv()
          .ignoreHeader(1)
          .execute(),
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LoadError)
    expect((error as LoadError).loadErrors).toBeUndefined()
  })

  it('refuses a broken rule before sending anything', async () => {
    emulator.local.faults.failNext({
      pattern: 'COPY',
      message: 'should not be sent',
    })
    const copy = copyInto(db, 'sales')
      .from('s3://bucket/sales/')
      .iamRole('default')
      .parquet() as unknown as {
      region(r: string): { execute(): Promise<unknown> }
    }
    await expect(copy.region('us-east-1').execute()).rejects.toBeInstanceOf(
      CommandOptionError,
    )
    // The fault is still armed: nothing reached the emulator.
    await expect(
      copyInto(db, 'sales')
        .from('s3://bucket/sales/')
        .iamRole('default')
        .execute(),
    ).rejects.toThrow('should not be sent')
  })
})
