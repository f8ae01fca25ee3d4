import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createRedshift, type RedshiftClient } from '../../src/client.js'
import { unload } from '../../src/commands/unload/index.js'
import { CommandOptionError } from '../../src/errors/command-option-error.js'
import { unloadText } from '../unit/unload-sql-text.js'
import { startOwnEmulator, type OwnEmulator } from './local-test-helpers.js'
import { hostileText } from '../setup/hostile-text.js'

interface DB {
  items: {
    id: number
    name: string | null
    region: string | null
    qty: number
    price: string
    at: Date
    ok: boolean
  }
  items_back: DB['items']
}

// Quotes, backslashes, delimiters, newlines, unicode, empty strings, NULLs.
const NAMES = [
  "it's",
  'back\\slash',
  'pipe|and,comma',
  'line\nbreak',
  'tab\there',
  'é😀',
  '',
  null,
  '"dq"',
  '\\N',
]

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

describe('UNLOAD execute() on the emulator, to a local S3 folder', () => {
  let s3Dir: string
  let emulator: OwnEmulator
  let db: RedshiftClient<DB>

  /** The local file standing for an s3:// path. */
  const local = (path: string) =>
    join(s3Dir, ...path.replace(/^s3:\/\//, '').split('/'))
  const source = () =>
    db
      .selectFrom('items')
      .select(['id', 'name', 'region', 'qty', 'price', 'at', 'ok'])
      .where('qty', '>', 0)

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'unload-execute-'))
    await mkdir(join(s3Dir, 'bucket'))
    emulator = await startOwnEmulator('unload_execute', { s3Dir })
    db = createRedshift<DB>({ url: emulator.local.url, pool: { max: 2 } })
    for (const table of ['items', 'items_back'] as const) {
      await db.schema
        .createTable(table)
        .addColumn('id', 'integer')
        .addColumn('name', 'varchar(100)')
        .addColumn('region', 'varchar(10)')
        .addColumn('qty', 'integer')
        .addColumn('price', 'decimal(10, 2)')
        .addColumn('at', 'timestamp')
        .addColumn('ok', 'boolean')
        .execute()
    }
    await db
      .insertInto('items')
      .values(
        NAMES.map((name, i) => ({
          id: i + 1,
          name,
          region: i % 3 === 0 ? null : i % 3 === 1 ? 'eu' : 'us',
          qty: i % 4 === 0 ? 0 : i,
          price: `${i}.25`,
          at: new Date(Date.UTC(2024, 0, i + 1, 12, 30, 15, 250)),
          ok: i % 2 === 0,
        })),
      )
      .execute()
  })

  afterAll(async () => {
    await db?.close()
    await emulator?.stop()
    await rm(s3Dir, { recursive: true, force: true })
  })

  beforeEach(async () => {
    emulator.local.faults.reset()
    await db.deleteFrom('items_back').execute()
  })

  it('unloads CSV, reports rows, query id and files as written, frozen, and COPY reads the same rows back', async () => {
    const expected = await source().orderBy('id').execute()
    const result = await unload(db, source())
      .to('s3://bucket/csv/items_')
      .iamRole('default')
      .format('csv')
      // CSV writes NULL as an empty field by default, which COPY reads as ''.
      .nullAs('<null>')
      .execute()

    expect(result.rowsUnloaded).toBe(expected.length)
    expect(result.queryId).toBeGreaterThan(0)
    expect(result.manifestPath).toBeUndefined()
    expect(Object.isFrozen(result)).toBe(true)
    expect(Object.isFrozen(result.files)).toBe(true)
    expect(result.files.length).toBeGreaterThan(0)
    let rows = 0
    for (const file of result.files) {
      expect(file.path.startsWith('s3://bucket/csv/items_')).toBe(true)
      expect(file.bytes).toBe((await stat(local(file.path))).size)
      rows += file.rows
    }
    expect(rows).toBe(expected.length)

    await sql`copy items_back from 's3://bucket/csv/items_' iam_role default format as csv null as '<null>'`.execute(
      db,
    )
    expect(
      await db.selectFrom('items_back').selectAll().orderBy('id').execute(),
    ).toEqual(expected)
  })

  it('unloads pipe-delimited text with ESCAPE and NULL AS, and COPY reads it back', async () => {
    const expected = await source().orderBy('id').execute()
    const result = await unload(db, source())
      .to('s3://bucket/text/items_')
      .iamRole('default')
      .escape()
      .nullAs('\\N')
      .parallel(false)
      .execute()
    expect(result.rowsUnloaded).toBe(expected.length)
    await sql`copy items_back from 's3://bucket/text/items_' iam_role default escape null as '\\\\N'`.execute(
      db,
    )
    expect(
      await db.selectFrom('items_back').selectAll().orderBy('id').execute(),
    ).toEqual(expected)
  })

  it('unloads partitioned Parquet with a manifest: files under col=value/, the manifest lists them', async () => {
    const result = await unload(db, source())
      .to('s3://bucket/parquet/items_')
      .iamRole('default')
      .format('parquet')
      .partitionBy(['region'], { include: true })
      .manifest()
      .execute()
    const expected = await source().execute()
    expect(result.rowsUnloaded).toBe(expected.length)
    const regions = new Set(expected.map((row) => row.region))
    expect(result.files).toHaveLength(regions.size)
    for (const file of result.files) {
      expect(file.path).toMatch(
        /^s3:\/\/bucket\/parquet\/items_\/region=(eu|us|__HIVE_DEFAULT_PARTITION__)\/0000_part_00\.parquet$/,
      )
      await stat(local(file.path))
    }
    expect(result.manifestPath).toBe('s3://bucket/parquet/items_/manifest')
    const manifest = JSON.parse(
      await readFile(local(result.manifestPath!), 'utf8'),
    ) as { entries: { url: string }[] }
    expect(manifest.entries.map((e) => e.url).sort()).toEqual(
      result.files.map((f) => f.path).sort(),
    )
  })

  it('reads the files from SYS_UNLOAD_DETAIL with serverless: true', async () => {
    const provisioned = await unload(db, source())
      .to('s3://bucket/json/a_')
      .iamRole('default')
      .format('json')
      .execute()
    const serverless = await unload(db, source())
      .to('s3://bucket/json/b_')
      .iamRole('default')
      .format('json')
      .execute({ serverless: true })
    expect(serverless.files.length).toBeGreaterThan(0)
    expect(serverless.files.map((f) => f.path.replace('/b_', '/a_'))).toEqual(
      provisioned.files.map((f) => f.path),
    )
    expect(serverless.rowsUnloaded).toBe(provisioned.rowsUnloaded)
    expect(serverless.queryId).toBeGreaterThan(provisioned.queryId)
  })

  it('runs inside a transaction, on its connection', async () => {
    const result = await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('items')
        .values({
          id: 100,
          name: 'in trx',
          region: 'eu',
          qty: 1,
          price: '1.00',
          at: new Date(0),
          ok: true,
        })
        .execute()
      return unload(
        trx,
        trx.selectFrom('items').select(['id', 'name']).where('id', '=', 100),
      )
        .to('s3://bucket/trx/items_')
        .iamRole('default')
        .execute()
    })
    // pg_last_unload_count() is read on the transaction's own session. The
    // emulator's STL_UNLOAD_LOG rows of an UNLOAD in a transaction show only
    // after it ends (below), so `files` is not checked inside it.
    expect(result.rowsUnloaded).toBe(1)
    expect(result.queryId).toBeGreaterThan(0)
    const text = await readFile(
      local('s3://bucket/trx/items_0000_part_00'),
      'utf8',
    )
    expect(text).toBe('100|in trx\n')
    const logged = await sql<{
      path: string
    }>`select trim(path) as path from stl_unload_log where query = ${result.queryId}`.execute(
      db,
    )
    expect(logged.rows).toEqual([
      { path: 's3://bucket/trx/items_0000_part_00' },
    ])
    await db.deleteFrom('items').where('id', '=', 100).execute()
  })

  it('ticks onProgress with the elapsed time while the UNLOAD runs', async () => {
    emulator.local.faults.addLatency({ ms: 400, pattern: /^UNLOAD/ })
    const ticks: number[] = []
    const result = await unload(db, source())
      .to('s3://bucket/slow/items_')
      .iamRole('default')
      .execute({
        progressIntervalMs: 50,
        onProgress: ({ elapsedMs }) => ticks.push(elapsedMs),
      })
    expect(ticks.length).toBeGreaterThanOrEqual(3)
    expect([...ticks].sort((a, b) => a - b)).toEqual(ticks)
    expect(result.elapsedMs).toBeGreaterThanOrEqual(400)
    const count = ticks.length
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(ticks.length).toBe(count)
  })

  it('fails before sending anything when a rule is broken, and without the secret', async () => {
    const before = await db
      .selectFrom(sql<{ n: number }>`stl_unload_log`.as('l'))
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow()
    // `any`: the types refuse CLEANPATH with ALLOWOVERWRITE already.
    const builder: any = unload(db, source())
      .to('s3://bucket/bad/items_')
      .authorization({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET })
      .cleanPath()
    const error = await builder
      .allowOverwrite()
      .execute()
      .catch((e: unknown) => e as Error)
    expect(error).toBeInstanceOf(CommandOptionError)
    expect(String(error) + JSON.stringify(error)).not.toContain(SECRET)
    const after = await db
      .selectFrom(sql<{ n: number }>`stl_unload_log`.as('l'))
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('keeps the secret out of a server error', async () => {
    const error = (await unload(db, source())
      .to('s3://no-such-bucket/items_')
      .authorization({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET })
      .execute()
      .catch((e: unknown) => e)) as Error & { sql?: string }
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toMatch(/bucket/i)
    expect(error.sql).toMatch(/^UNLOAD \(/)
    const everything = [
      String(error),
      error.stack,
      error.sql,
      JSON.stringify(error),
    ].join('\n')
    expect(everything).not.toContain(SECRET)
  })

  it('refuses to overwrite without ALLOWOVERWRITE, and overwrites with it', async () => {
    const run = (allow: boolean) => {
      const b = unload(db, source())
        .to('s3://bucket/twice/items_')
        .iamRole('default')
      return (allow ? b.allowOverwrite() : b).execute()
    }
    const first = await run(false)
    await expect(run(false)).rejects.toThrow()
    const again = await run(true)
    expect(again.rowsUnloaded).toBe(first.rowsUnloaded)
  })
})

describe('inlined values select what the parameters select (emulator)', () => {
  let emulator: OwnEmulator
  let db: RedshiftClient<any>

  interface Case {
    readonly column: string
    readonly type: string
    readonly value: unknown
  }
  const cases: Case[] = [
    { column: 's', type: 'varchar(300)', value: "it's a \\ 'test' \n é😀" },
    { column: 's', type: 'varchar(300)', value: '' },
    { column: 'i', type: 'integer', value: -42 },
    { column: 'bi', type: 'bigint', value: 9007199254740993n },
    { column: 'bi', type: 'bigint', value: -9007199254740993n },
    { column: 'f', type: 'float8', value: 1.5e-7 },
    { column: 'n', type: 'decimal(30, 5)', value: '-12345678901234567.12345' },
    { column: 'b', type: 'boolean', value: false },
    {
      column: 'ts',
      type: 'timestamp',
      value: new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 123)),
    },
    {
      column: 'tz',
      type: 'timestamptz',
      value: new Date(Date.UTC(1999, 11, 31, 1, 2, 3, 4)),
    },
    { column: 'j', type: 'super', value: { a: "q'\\", b: [1, null, true] } },
    {
      column: 'vb',
      type: 'varbyte',
      value: Buffer.from([0, 0x27, 0x5c, 0xff]),
    },
  ]

  beforeAll(async () => {
    emulator = await startOwnEmulator('unload_inline')
    db = createRedshift<any>({ url: emulator.local.url, pool: { max: 1 } })
    const columns = [...new Map(cases.map((c) => [c.column, c.type]))]
    let create = db.schema.createTable('vals').addColumn('k', 'integer')
    for (const [column, type] of columns) {
      create = create.addColumn(column, sql.raw(type))
    }
    await create.execute()
    for (const [index, { column, value }] of cases.entries()) {
      await db
        .insertInto('vals')
        .values({
          k: index,
          [column]:
            column === 'j' ? sql`json_parse(${JSON.stringify(value)})` : value,
        })
        .execute()
    }
  })

  afterAll(async () => {
    await db?.close()
    await emulator?.stop()
  })

  it.each(cases.map((c, i) => [`${c.type} ${String(c.value)}`, c, i] as const))(
    '%s',
    async (_name, { column, value }, index) => {
      // A SUPER column compares with a SUPER value: a string (literal or
      // parameter) is a VARCHAR scalar on Redshift and equals no object.
      const compared =
        column === 'j' ? sql`json_parse(${JSON.stringify(value)})` : value
      const query = db
        .selectFrom('vals')
        .select('k')
        .where(column, '=', compared)
        .orderBy('k')
      const parameterised = await query.execute()
      const inner = unloadText(
        unload(db, query).to('s3://b/p_').iamRole('default').compile().sql,
      )
      expect(inner).not.toMatch(/\$\d/)
      const inlined = await sql.raw(inner).execute(db)
      expect(parameterised).toContainEqual({ k: index })
      expect(inlined.rows).toEqual(parameterised)
    },
  )

  it('any string, inlined, selects what its parameter selects', async () => {
    await db.schema
      .createTable('texts')
      .addColumn('k', 'integer')
      .addColumn('s', 'varchar(1000)')
      .execute()
    const text = hostileText({ maxParts: 8, partLength: 5 })
    let k = 0
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        k++
        await db.insertInto('texts').values({ k, s: value }).execute()
        const query = db
          .selectFrom('texts')
          .select(['k', 's'])
          .where('s', '=', value)
        const inner = unloadText(
          unload(db, query).to('s3://b/p_').iamRole('default').compile().sql,
        )
        const inlined = await sql.raw(inner).execute(db)
        expect(inlined.rows).toContainEqual({ k, s: value })
        expect(inlined.rows).toEqual(await query.execute())
      }),
      { numRuns: 60 },
    )
  })
})
