import { Kysely, sql, type Generated, type LogEvent } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import {
  batchInsert,
  BatchInsertError,
  MAX_BIND_PARAMETERS,
  MAX_CHUNK_BYTES,
  type BatchInsertProgress,
} from '../../src/batch/index.js'
import { valueBytes } from '../../src/batch/value-bytes.js'
import { RedshiftDialect } from '../../src/dialect/redshift-dialect.js'
import { DataError } from '../../src/errors/index.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import { emulatorUrl } from './local-test-helpers.js'
import { uniqueAppName } from './pool-helpers.js'

interface DB {
  sales: {
    id: number
    qty: number
    note: string | null
    day: string | null
  }
  notes: {
    id: number
    body: Generated<string>
    label: Generated<string | null>
  }
}

type Sale = DB['sales']

const sale = (i: number): Sale => ({
  id: i,
  qty: i % 97,
  note: i % 3 === 0 ? null : `n${i}`,
  day: '2024-01-02',
})

// Chunks of 4-column rows within the bind-parameter limit.
const ROWS_PER_CHUNK = Math.floor(MAX_BIND_PARAMETERS / 4)

describe.each([
  ['PostgreSQL', (tdb: TestDatabase) => tdb.url],
  ['the local emulator', (tdb: TestDatabase) => emulatorUrl(tdb.name)],
] as const)('batchInsert on %s', (target, urlOf) => {
  let tdb: TestDatabase
  let db: Kysely<DB>
  const events: LogEvent[] = []

  beforeAll(async () => {
    tdb = await createTestDatabase('batch')
    db = new Kysely<DB>({
      dialect: new RedshiftDialect({
        url: urlOf(tdb),
        tls: 'disable',
        applicationName: uniqueAppName('batch'),
        pool: { max: 2 },
      }),
      log: (event) => {
        events.push(event)
      },
    })
    await sql`create table sales (id int not null, qty int not null, note varchar(60000), day date)`.execute(
      db,
    )
    await sql`create table notes (id int not null, body varchar(100) not null default 'none', label varchar(20) default 'unlabelled')`.execute(
      db,
    )
  })

  afterAll(async () => {
    await db?.destroy()
    await tdb?.drop()
  })

  beforeEach(async () => {
    await sql`delete from sales`.execute(db)
    await sql`delete from notes`.execute(db)
    events.length = 0
  })

  const count = async (table: 'sales' | 'notes') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  /** The INSERT statements the log saw, with their measured sizes. */
  const inserts = () =>
    events
      .filter((e) => e.query.sql.startsWith('insert'))
      .map((e) => ({
        parameters: e.query.parameters.length,
        bytes:
          Buffer.byteLength(e.query.sql) +
          e.query.parameters.reduce<number>((n, v) => n + valueBytes(v), 0),
      }))

  const N = 100_000

  it(`inserts ${N} rows in chunks within 32,767 parameters, reporting progress`, async () => {
    const progress: BatchInsertProgress[] = []
    const result = await batchInsert(
      db,
      'sales',
      Array.from({ length: N }, (_, i) => sale(i)),
      { onProgress: (p) => progress.push(p) },
    )
    const chunks = Math.ceil(N / ROWS_PER_CHUNK)
    expect(result).toMatchObject({ rowsInserted: N, chunks })
    expect(Object.isFrozen(result)).toBe(true)
    expect(await count('sales')).toBe(N)
    const sent = inserts()
    expect(sent).toHaveLength(chunks)
    for (const s of sent)
      expect(s.parameters).toBeLessThanOrEqual(MAX_BIND_PARAMETERS)
    expect(sent[0]!.parameters).toBe(ROWS_PER_CHUNK * 4)
    expect(progress.map((p) => p.chunks)).toEqual(
      Array.from({ length: chunks }, (_, i) => i + 1),
    )
    expect(progress.map((p) => p.rowsInserted)).toEqual(
      Array.from({ length: chunks }, (_, i) =>
        Math.min(N, (i + 1) * ROWS_PER_CHUNK),
      ),
    )
    expect(progress.every((p) => Object.isFrozen(p))).toBe(true)
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.elapsedMs).toBeGreaterThanOrEqual(
        progress[i - 1]!.elapsedMs,
      )
    }
    expect(result.elapsedMs).toBeGreaterThanOrEqual(progress.at(-1)!.elapsedMs)
    const sample = await db
      .selectFrom('sales')
      .selectAll()
      .where('id', 'in', [0, 3, N - 1])
      .orderBy('id')
      .execute()
    expect(
      sample.map((r) => ({ ...r, day: r.day === null ? null : String(r.day) })),
    ).toEqual(
      [0, 3, N - 1].map((i) => ({ ...sale(i), day: expect.anything() })),
    )
  })

  it(`is all or nothing: a bad row in the last chunk of ${N} leaves the table unchanged`, async () => {
    await batchInsert(db, 'sales', [sale(-1), sale(-2)])
    const before = await count('sales')
    const bad = N - 1
    const rows = Array.from({ length: N }, (_, i) =>
      i === bad
        ? { ...sale(i), qty: 'not a number' as unknown as number }
        : sale(i),
    )
    const error = await batchInsert(db, 'sales', rows).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BatchInsertError)
    const chunks = Math.ceil(N / ROWS_PER_CHUNK)
    const e = error as BatchInsertError
    expect(e).toMatchObject({
      chunk: chunks,
      firstRow: (chunks - 1) * ROWS_PER_CHUNK,
      lastRow: N - 1,
      rolledBack: true,
      code: '22P02',
      target: '"sales"',
    })
    expect(e.firstRow <= bad && bad <= e.lastRow).toBe(true)
    expect(e.cause).toBeInstanceOf(DataError)
    expect(e.message).toContain(
      `chunk ${chunks} (rows ${e.firstRow}..${N - 1})`,
    )
    expect(e.message).toContain('nothing was inserted')
    expect(await count('sales')).toBe(before)
  })

  it('sizes chunks by parameter count', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => sale(i))
    const result = await batchInsert(db, 'sales', rows, { maxParameters: 10 })
    // 4 values per row: 2 rows fit in 10 parameters.
    expect(result).toMatchObject({
      rowsInserted: 25,
      chunks: Math.ceil(25 / 2),
    })
    for (const s of inserts()) expect(s.parameters).toBeLessThanOrEqual(10)
    expect(await count('sales')).toBe(25)
  })

  it('sizes chunks by bytes, with the limit asked for and with the 16 MB default', async () => {
    const note = 'é'.repeat(500) // 1,000 bytes
    const small = Array.from({ length: 40 }, (_, i) => ({ ...sale(i), note }))
    const result = await batchInsert(db, 'sales', small, { maxBytes: 10_000 })
    const sent = inserts()
    expect(sent.length).toBe(result.chunks)
    expect(result.chunks).toBeGreaterThanOrEqual(
      Math.ceil((40 * 1_000) / 10_000),
    )
    for (const s of sent) expect(s.bytes).toBeLessThanOrEqual(10_000)
    expect(await count('sales')).toBe(40)

    events.length = 0
    await sql`delete from sales`.execute(db)
    // 300 rows of 60,000 bytes: 18 MB, more than one statement may take.
    const big = Array.from({ length: 300 }, (_, i) => ({
      ...sale(i),
      note: String(i % 10).repeat(60_000),
    }))
    const large = await batchInsert(db, 'sales', big)
    expect(large.chunks).toBeGreaterThanOrEqual(
      Math.ceil((300 * 60_000) / MAX_CHUNK_BYTES),
    )
    for (const s of inserts())
      expect(s.bytes).toBeLessThanOrEqual(MAX_CHUNK_BYTES)
    const lengths = await db
      .selectFrom('sales')
      .select((eb) => eb.fn.sum<number>(sql`length(note)`).as('total'))
      .executeTakeFirstOrThrow()
    expect(Number(lengths.total)).toBe(300 * 60_000)
  })

  it('takes rows with different columns: the union, DEFAULT for the missing ones', async () => {
    const result = await batchInsert(db, 'notes', [
      { id: 1 },
      { id: 2, body: 'two' },
      { label: 'l3', id: 3 },
      { id: 4, body: 'four', label: null },
      { id: 5, body: 'five', label: undefined },
    ])
    expect(result).toMatchObject({ rowsInserted: 5, chunks: 1 })
    expect(
      await db.selectFrom('notes').selectAll().orderBy('id').execute(),
    ).toEqual([
      { id: 1, body: 'none', label: 'unlabelled' },
      { id: 2, body: 'two', label: 'unlabelled' },
      { id: 3, body: 'none', label: 'l3' },
      { id: 4, body: 'four', label: null },
      { id: 5, body: 'five', label: 'unlabelled' },
    ])
  })

  it('takes an async iterable, and closes it when the insert fails', async () => {
    async function* generate(n: number) {
      for (let i = 0; i < n; i++) {
        if (i % 1_000 === 0) await new Promise((r) => setImmediate(r))
        yield sale(i)
      }
    }
    const result = await batchInsert(db, 'sales', generate(20_000))
    expect(result).toMatchObject({
      rowsInserted: 20_000,
      chunks: Math.ceil(20_000 / ROWS_PER_CHUNK),
    })
    expect(await count('sales')).toBe(20_000)

    let closed = false
    let pulled = 0
    async function* failing() {
      try {
        for (let i = 0; ; i++) {
          pulled++
          yield i === ROWS_PER_CHUNK + 5
            ? { ...sale(i), id: null as unknown as number }
            : sale(i)
          if (i > 5 * ROWS_PER_CHUNK) return
        }
      } finally {
        closed = true
      }
    }
    const error = await batchInsert(db, 'sales', failing()).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({
      name: 'BatchInsertError',
      chunk: 2,
      code: '23502',
    })
    expect(closed).toBe(true)
    // Stopped at the failing chunk, not read to the end: the next chunk is
    // read (and compiled) while the server runs one, so at most one chunk
    // (and the row that closed it) past the failing one was pulled.
    expect(pulled).toBeLessThanOrEqual(3 * ROWS_PER_CHUNK + 1)
    expect(await count('sales')).toBe(20_000)
  })

  it('does nothing for empty input, not even a transaction', async () => {
    async function* none(): AsyncGenerator<Sale> {}
    for (const rows of [[], none(), new Set<Sale>()]) {
      const result = await batchInsert(db, 'sales', rows)
      expect(result).toEqual({
        rowsInserted: 0,
        chunks: 0,
        elapsedMs: expect.any(Number),
      })
      expect(Object.isFrozen(result)).toBe(true)
    }
    expect(events).toEqual([])
  })

  it('refuses a row that is not a row, naming it, and inserts nothing', async () => {
    const rows: unknown[] = [sale(1), sale(2), null, sale(4)]
    const error = await batchInsert(db, 'sales', rows as Sale[], {
      maxRows: 1,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BatchInsertError)
    expect(error).toMatchObject({ firstRow: 2, lastRow: 2, rolledBack: true })
    expect((error as Error).message).toContain('row 2: a row must be an object')
    expect(await count('sales')).toBe(0)
    await expect(batchInsert(db, 'sales', [{} as Sale])).rejects.toThrow(
      'row 0: the row has no column values',
    )
    await expect(
      batchInsert(db, 'sales', [sale(1)], { maxParameters: 40_000 }),
    ).rejects.toThrow(RangeError)
  })

  it("inserts in the caller's transaction, which decides", async () => {
    await db
      .transaction()
      .execute(async (trx) => {
        const result = await batchInsert(trx, 'sales', [sale(1), sale(2)])
        expect(result.rowsInserted).toBe(2)
        expect(
          await trx.selectFrom('sales').select('id').execute(),
        ).toHaveLength(2)
        throw new Error('changed my mind')
      })
      .catch(() => {})
    expect(await count('sales')).toBe(0)
    if (target === 'PostgreSQL') {
      const trx = await db.startTransaction().execute()
      const error = await batchInsert(trx, 'sales', [
        sale(1),
        { ...sale(2), qty: 'x' as unknown as number },
      ]).catch((e: unknown) => e)
      expect(error).toMatchObject({ rolledBack: false })
      expect((error as Error).message).toContain("caller's transaction")
      await trx.rollback().execute()
    }
  })

  it('rolls back when the progress callback throws', async () => {
    const error = await batchInsert(
      db,
      'sales',
      Array.from({ length: 30 }, (_, i) => sale(i)),
      {
        maxRows: 10,
        onProgress: (p) => {
          if (p.chunks === 2) throw new Error('stop')
        },
      },
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ message: 'stop' })
    expect(await count('sales')).toBe(0)
  })
})
