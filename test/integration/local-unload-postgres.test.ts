import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

import { decompress as zstdDecompress } from 'fzstd'
import {
  parquetMetadata,
  parquetReadObjects,
  type FileMetaData,
} from 'hyparquet'
import pg from 'pg'
import Bunzip from 'seek-bzip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FolderStorage } from '../../src/local/storage/folder-storage.js'
import {
  parseUnload,
  writeUnload,
  type UnloadColumn,
  type UnloadOutcome,
} from '../../src/local/unload/index.js'
import { openTestDatabase } from '../setup/test-database.js'
import { copyTextChunks } from '../unit/local-unload-helpers.js'

// The writer fed by a real PostgreSQL: its text output of every column type
// goes in, and PostgreSQL itself reads the files back (COPY FROM STDIN for
// text and CSV, json_populate_recordset for JSON, its own arithmetic for the
// Parquet values), so the data is compared exactly against the source table.

const TABLE = `create table src (
  id int primary key, s varchar(100), c char(4), n numeric(12,2), big int8,
  f float8, b boolean, d date, ts timestamp, tz timestamptz, j jsonb)`

const VALUES = `insert into src values
  (1, 'plain', 'ab', 12345.67, 9223372036854775807, 0.1, true, '2024-02-29',
      '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.5+05:30', '{"a": [1, "x|y"]}'),
  (2, E'pipe|comma,quote"apos''tab\\tback\\\\slash', 'x"|,', -0.01, -9223372036854775808,
      -1.5e-300, false, '1900-01-01', '1970-01-01 00:00:00', '1969-12-31 16:00:00-08', '"str"'),
  (3, E'line\\nbreak\\r\\ncr', E'\\\\n', 0, 0, 'NaN', null, '0044-03-15 BC',
      '0001-01-01 00:00:00', '9999-12-31 23:59:59.999999+00', 'null'),
  (4, '', '', null, null, null, true, null, null, null, null),
  (5, null, null, 99999.99, 1, 'Infinity', false, '2038-01-19', '2038-01-19 03:14:07.000001', null, '[]'),
  (6, 'é ☃ 𝄞 日本', 'ü', 1.5, 42, 1e300, true, '2000-01-01', '2000-01-01 00:00:00.5', '2000-01-01 00:00:00+00', '{"k": "é☃"}')`

let client: pg.Client
let close: () => Promise<void>
let dir: string
let storage: FolderStorage
let columns: UnloadColumn[]
let rows: (string | null)[][]

beforeAll(async () => {
  ;({ client, close } = await openTestDatabase('local_unload'))
  await client.query("set timezone to 'UTC'")
  await client.query(TABLE)
  await client.query(VALUES)
  const result = await client.query({
    text: 'select * from src order by id',
    rowMode: 'array',
    types: { getTypeParser: () => (value: string) => value },
  })
  rows = result.rows as (string | null)[][]
  const types = await client.query<{ name: string; type: string }>(
    `select attname as name, format_type(atttypid, atttypmod) as type
       from pg_attribute where attrelid = 'src'::regclass and attnum > 0 order by attnum`,
  )
  columns = result.fields.map((field, i) => ({
    name: field.name,
    typeOid: field.dataTypeID,
    type: types.rows[i]!.type,
  }))
  dir = await mkdtemp(join(tmpdir(), 'unload-'))
  await chmod(dir, 0o755)
  await mkdir(join(dir, 'bucket'))
  storage = new FolderStorage(dir)
})

afterAll(async () => {
  await close?.()
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function run(key: string, options: string): Promise<UnloadOutcome> {
  const parsed = parseUnload(
    `unload ('select * from src order by id') to 's3://bucket/${key}' iam_role default ${options}`,
  )
  if (!parsed.ok) throw new Error(parsed.error.message)
  return writeUnload(parsed.plan, {
    storage,
    columns,
    chunks: copyTextChunks(rows),
    queryId: 7,
  })
}

/** COPY ... FROM STDIN with `data`, through pg's query protocol hooks. */
function copyFrom(sql: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const submittable = {
      submit(connection: { query(text: string): void }) {
        connection.query(sql)
      },
      handleCopyInResponse(connection: {
        sendCopyFromChunk(chunk: Buffer): void
        endCopyFrom(): void
      }) {
        connection.sendCopyFromChunk(data)
        connection.endCopyFrom()
      },
      handleCommandComplete() {},
      // pg forgets the query on an error: ReadyForQuery never reaches it then.
      handleError(error: Error) {
        reject(error)
      },
      handleReadyForQuery() {
        resolve()
      },
    }
    void client.query(submittable as never)
  })
}

/**
 * A table to COPY a file back into. SUPER ignores NULL AS (r_UNLOAD), so a
 * NULL SUPER comes back as an empty field: `j` is read as text.
 */
async function backTable(name: string): Promise<void> {
  await client.query(`create table ${name} (like src)`)
  await client.query(`alter table ${name} alter column j type text`)
}

/** The columns of a back table, read as src holds them. */
const AS_SRC =
  "id, s, c, n, big, f, b, d, ts, tz, nullif(j::text, '')::jsonb as j"

/** Rows of `table` that differ from src (both ways). */
async function differences(table: string, columns = '*'): Promise<unknown[]> {
  const result = await client.query(
    `(select ${columns} from src except all select ${columns} from ${table})
     union all (select ${columns} from ${table} except all select ${columns} from src)`,
  )
  return result.rows
}

async function read(key: string): Promise<Buffer> {
  return storage.read({ bucket: 'bucket', key })
}

describe('UNLOAD of PostgreSQL rows, read back by PostgreSQL', () => {
  it('delimited text with ESCAPE and NULL AS reloads exactly with COPY', async () => {
    const outcome = await run('text/src_', "escape null as '\\\\N'")
    expect(outcome.files.map((f) => f.url)).toEqual([
      's3://bucket/text/src_0000_part_00',
    ])
    expect(outcome.rowCount).toBe(rows.length)
    const data = await read('text/src_0000_part_00')
    expect(outcome.files[0]!.bytes).toBe(data.length)
    await backTable('back_text')
    await copyFrom("copy back_text from stdin (delimiter '|')", data)
    expect(await differences('back_text', AS_SRC)).toEqual([])
  })

  it('CSV with HEADER and NULL AS reloads exactly with COPY (CSV)', async () => {
    await run('csv/src_', "csv header null as 'NULL'")
    const data = await read('csv/src_0000_part_00')
    expect(data.toString().split('\n')[0]).toBe('id,s,c,n,big,f,b,d,ts,tz,j')
    await backTable('back_csv')
    await copyFrom(
      "copy back_csv from stdin (format csv, header true, null 'NULL')",
      data,
    )
    expect(await differences('back_csv', AS_SRC)).toEqual([])
  })

  it.each([
    ['gzip', '.gz', (b: Buffer) => gunzipSync(b)],
    ['zstd', '.zst', (b: Buffer) => Buffer.from(zstdDecompress(b))],
    ['bzip2', '.bz2', (b: Buffer) => Bunzip.decode(b, undefined, true)],
  ])(
    '%s text decompresses to what PostgreSQL reloads exactly',
    async (codec, suffix, decode) => {
      await run(`${codec}/src_`, `escape null as '\\\\N' ${codec}`)
      const data = decode(await read(`${codec}/src_0000_part_00${suffix}`))
      await backTable(`back_${codec}`)
      await copyFrom(`copy back_${codec} from stdin (delimiter '|')`, data)
      expect(await differences(`back_${codec}`, AS_SRC)).toEqual([])
    },
  )

  it('JSON lines load back exactly through json_populate_recordset', async () => {
    await run('json/src_', 'json')
    const lines = (await read('json/src_0000_part_00'))
      .toString()
      .trimEnd()
      .split('\n')
    expect(lines).toHaveLength(rows.length)
    const objects = lines.map((line) => JSON.parse(line))
    // Numbers are JSON numbers; NaN and the infinities, strings.
    expect(typeof objects[0].big).toBe('number')
    expect(objects[2].f).toBe('NaN')
    await client.query('create table back_json (like src)')
    await client.query(
      'insert into back_json select * from json_populate_recordset(null::back_json, $1::json)',
      [`[${lines.join(',')}]`],
    )
    // A SUPER holding JSON null and a NULL SUPER are both `null` in JSON.
    expect(
      await differences(
        'back_json',
        "id, s, c, n, big, f, b, d, ts, tz, nullif(j, 'null'::jsonb) as j",
      ),
    ).toEqual([])
    expect(objects[2].j).toBeNull()
  })

  it('Parquet values equal what PostgreSQL computes from the source rows', async () => {
    const outcome = await run('parquet/src_', 'parquet')
    const body = await read('parquet/src_0000_part_00.parquet')
    expect(outcome.files[0]).toMatchObject({
      rows: rows.length,
      bytes: body.length,
      format: 'Parquet',
    })
    const file = body.buffer.slice(
      body.byteOffset,
      body.byteOffset + body.length,
    ) as ArrayBuffer
    const metadata = parquetMetadata(file)
    const raw: FileMetaData = {
      ...metadata,
      // Read DECIMAL and JSON columns as stored (integers, text) rather than
      // converted, to compare them with PostgreSQL's own text.
      schema: metadata.schema.map((element) => {
        if (
          element.converted_type !== 'DECIMAL' &&
          element.converted_type !== 'JSON'
        )
          return element
        const { converted_type: _c, logical_type: _l, ...rest } = element
        return rest
      }),
    }
    const back = await parquetReadObjects({
      file,
      metadata: raw,
      parsers: {
        timestampFromMicroseconds: (micros: bigint) => micros,
        dateFromDays: (days: number) => days,
      },
    })
    const expected = await client.query({
      text: `select id, s, c, (n * 100)::int8::text as n, big::text as big, b,
               (d - date '1970-01-01') as d,
               (extract(epoch from ts) * 1000000)::numeric(30,0)::text as ts,
               (extract(epoch from tz) * 1000000)::numeric(30,0)::text as tz,
               j::text as j
             from src order by id`,
      types: {
        getTypeParser: (oid: number) =>
          oid === 23
            ? Number
            : oid === 16
              ? (v: string) => v === 't'
              : (v: string) => v,
      },
    })
    expect(
      back.map((row) => ({
        id: row['id'],
        s: row['s'],
        c: row['c'],
        n: row['n'] === null ? null : String(row['n']),
        big: row['big'] === null ? null : String(row['big']),
        b: row['b'],
        d: row['d'],
        ts: row['ts'] === null ? null : String(row['ts']),
        tz: row['tz'] === null ? null : String(row['tz']),
        j: row['j'],
      })),
    ).toEqual(expected.rows)
    // float8 survives bit for bit (NaN aside).
    expect(back.map((row) => row['f'])).toEqual([
      0.1,
      -1.5e-300,
      NaN,
      null,
      Infinity,
      1e300,
    ])
  })

  it('partitions, a verbose manifest, and the overwrite rules on the folder storage', async () => {
    const outcome = await run(
      'part/',
      "partition by (b) manifest verbose csv null as 'NULL'",
    )
    const keys = (await storage.list('bucket', 'part/')).map((o) => o.key)
    expect(keys).toEqual([
      'part/b=__HIVE_DEFAULT_PARTITION__/0000_part_00',
      'part/b=f/0000_part_00',
      'part/b=t/0000_part_00',
      'part/manifest',
    ])
    const manifest = JSON.parse((await read('part/manifest')).toString())
    expect(manifest.entries.map((e: { url: string }) => e.url).sort()).toEqual(
      outcome.files.map((f) => f.url).sort(),
    )
    expect(manifest.meta.record_count).toBe(rows.length)
    await expect(
      run('part/', "partition by (b) manifest verbose csv null as 'NULL'"),
    ).rejects.toMatchObject({
      fields: {
        message: expect.stringMatching(
          /^Specified unload destination on S3 is not empty/,
        ),
      },
    })
    await run('part/', "partition by (b) csv null as 'NULL' cleanpath")
    expect((await storage.list('bucket', 'part/')).map((o) => o.key)).toEqual([
      'part/b=__HIVE_DEFAULT_PARTITION__/0000_part_00',
      'part/b=f/0000_part_00',
      'part/b=t/0000_part_00',
      // CLEANPATH with PARTITION BY leaves the root alone.
      'part/manifest',
    ])
  })
})
