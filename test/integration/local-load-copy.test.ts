import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import {
  CopyLoadError,
  parseCopy,
  startCopyLoad,
  type TargetColumn,
} from '../../src/local/load/index.js'
import { FolderStorage } from '../../src/local/storage/folder-storage.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import { copyFromStdin } from './local-load-pg-copy.js'

// The loader's chunks go into a real PostgreSQL `COPY ... FROM STDIN`, and
// what PostgreSQL stored is read back as text: the COPY text format and every
// conversion are proven against PostgreSQL's own parser, not against a
// decoder of ours.

const TABLE = `create table everything (
  id bigint not null, small smallint, med integer, name varchar(40), code char(3),
  price numeric(12,2), ratio double precision, approx real, ok boolean, day date,
  at timestamp, atz timestamptz, clock time, doc jsonb, bytes bytea, note varchar(10) default 'dflt'
)`

/** A value for every column, as text in PostgreSQL's output form (null for NULL). */
type Row = readonly (string | null)[]
const COLUMNS = [
  'id',
  'small',
  'med',
  'name',
  'code',
  'price',
  'ratio',
  'approx',
  'ok',
  'day',
  'at',
  'atz',
  'clock',
  'doc',
  'bytes',
] as const

const TRICKY = [
  'plain',
  'with "double" and \'single\' quotes',
  'back\\slash \\N \\t',
  'pipe | comma , semicolon ;',
  'new\nline and\r\ncrlf',
  'tab\there',
  'ünïcødé 𝄞 €',
  '',
  ' leading and trailing ',
  'NULL',
]

function rows(): Row[] {
  return TRICKY.map((name, i) => [
    String(9007199254740993n + BigInt(i) * 1000000007n),
    i % 3 === 0 ? null : String(-32768 + i),
    String(2147483647 - i),
    name,
    i % 2 === 0 ? 'abc' : 'x',
    (i % 2 === 0 ? '-' : '') +
      `${1234567890 + i}.${String(i).padStart(2, '0')}`,
    String(1.5 + i / 8),
    String(0.25 * i),
    i % 2 === 0 ? 'true' : 'false',
    `20${String(10 + i).padStart(2, '0')}-0${(i % 9) + 1}-${String(10 + i).padStart(2, '0')}`,
    `2021-12-31 23:59:${String(i).padStart(2, '0')}.5${i}1`,
    `2022-06-0${(i % 9) + 1} 0${i % 10}:30:00+00`,
    `1${i % 10}:0${i % 6}:59`,
    i % 4 === 0
      ? null
      : `{"k": ${JSON.stringify(name)}, "n": [${i}, 12345678901234567890, 1.50]}`,
    i % 5 === 0 ? null : Buffer.from(name || 'empty').toString('hex'),
  ])
}

/** RFC 4180 CSV of the rows (NULL written as NULL AS's string, unquoted). */
function csv(data: readonly Row[]): string {
  return data
    .map((row) =>
      row
        .map((v) => (v === null ? '\\N' : `"${v.replace(/"/g, '""')}"`))
        .join(','),
    )
    .join('\r\n')
}

let db: TestDatabase
let client: pg.Client
let dir: string
let storage: FolderStorage
let columns: TargetColumn[]

beforeAll(async () => {
  db = await createTestDatabase('local_load')
  client = new pg.Client({ connectionString: db.url })
  await client.connect()
  await client.query("set timezone = 'UTC'")
  await client.query(TABLE)
  dir = await mkdtemp(join(tmpdir(), 'local-load-'))
  await mkdir(join(dir, 'bucket'))
  storage = new FolderStorage(dir)
  columns = (
    await client.query<TargetColumn>(
      `select attname as name, format_type(atttypid, atttypmod) as type, attnotnull as "notNull",
         attidentity <> '' as identity, atthasdef as "hasDefault"
       from pg_attribute where attrelid = 'everything'::regclass and attnum > 0 and not attisdropped
       order by attnum`,
    )
  ).rows
})

afterAll(async () => {
  await client?.end()
  await db?.drop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function load(
  sql: string,
): Promise<{ loaded: number; rowsLoaded: number }> {
  const parsed = parseCopy(sql)
  if (!parsed.ok) throw new Error(parsed.error.message)
  const run = startCopyLoad(parsed.plan, {
    storage,
    columns,
    tableName: 'everything',
    queryId: 5,
  })
  const loaded = await copyFromStdin(
    client,
    `copy everything (${run.insertColumns.join(', ')}) from stdin`,
    run.chunks,
  )
  return { loaded, rowsLoaded: run.result.rowsLoaded }
}

async function stored(): Promise<Row[]> {
  const result = await client.query({
    text: `select ${COLUMNS.map((c) => (c === 'bytes' ? `encode(bytes, 'hex')` : `${c}::text`)).join(', ')}, note
           from everything order by id`,
    rowMode: 'array',
  })
  return result.rows as Row[]
}

describe('COPY text into PostgreSQL', () => {
  test.each([
    ['csv', (d: Row[]) => csv(d), "csv null as '\\\\N'"],
    ['gzip csv', (d: Row[]) => gzipSync(csv(d)), "csv gzip null as '\\\\N'"],
    [
      'JSON',
      (d: Row[]) =>
        d
          .map(
            (row) =>
              `{${COLUMNS.map((c, i) => {
                const v = row[i]
                if (v === null) return `"${c}": null`
                if (c === 'doc') return `"${c}": ${v}`
                if (
                  ['id', 'small', 'med', 'ratio', 'approx', 'price'].includes(c)
                )
                  return `"${c}": ${v}`
                return `"${c}": ${JSON.stringify(v)}`
              }).join(', ')}}`,
          )
          .join('\n'),
      "json 'auto'",
    ],
  ])(
    '%s: every value of every column type arrives exactly',
    async (_name, write, options) => {
      await client.query('truncate everything')
      const data = rows()
      await writeFile(join(dir, 'bucket', 'data'), write(data))
      const sql = `copy everything (${COLUMNS.join(', ')}) from 's3://bucket/data' iam_role default ${options}`
      const { loaded, rowsLoaded } = await load(sql)
      expect(loaded).toBe(data.length)
      expect(rowsLoaded).toBe(data.length)
      const back = await stored()
      // jsonb prints its own canonical form; the rest comes back as written.
      const expected = data.map((row) => [
        ...row.map((v, i) =>
          COLUMNS[i] === 'doc' && v !== null
            ? JSON.stringify(
                JSON.parse(v.replace(/12345678901234567890/, '"BIG"')),
              )
            : v,
        ),
        'dflt',
      ])
      const actual = back.map((row) =>
        row.map((v, i) =>
          COLUMNS[i] === 'doc' && v !== null
            ? JSON.stringify(
                JSON.parse(v.replace(/12345678901234567890/, '"BIG"')),
              )
            : v,
        ),
      )
      expect(actual).toEqual(expected)
      // The big integer inside SUPER is exact.
      expect(
        back
          .filter((r) => r[13] !== null)
          .every((r) => r[13]!.includes('12345678901234567890')),
      ).toBe(true)
    },
  )

  test('a load that fails after sending rows leaves the table as it was', async () => {
    await client.query('truncate everything')
    const good = csv(rows())
    await writeFile(
      join(dir, 'bucket', 'bad'),
      `${good}\r\n"1",x,,,,,,,,,,,,,\r\n`,
    )
    await client.query('begin')
    let failure: unknown
    try {
      await load(
        `copy everything (${COLUMNS.join(', ')}) from 's3://bucket/bad' iam_role default csv null as '\\\\N'`,
      )
    } catch (error) {
      failure = error
    } finally {
      await client.query('rollback')
    }
    expect(failure).toBeInstanceOf(CopyLoadError)
    expect((failure as CopyLoadError).loadErrors[0]).toMatchObject({
      err_code: 1207,
      colname: 'small',
      // Ten good rows, one of them with two quoted line breaks.
      line_number: 13,
    })
    expect(
      (await client.query('select count(*)::int as n from everything')).rows[0]
        .n,
    ).toBe(0)
  })
})
