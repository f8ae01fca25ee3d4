import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  connect,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'
import { startS3Server, type S3TestServer } from './s3-test-server.js'

/** Every column type the round trips carry. */
const COLUMNS = `id integer, s varchar(200), c char(6), n numeric(12,2), big bigint,
  small smallint, f8 double precision, f4 real, flag boolean, d date, ts timestamp,
  tz timestamptz, doc super`

/** The values that break naive quoting: quotes, backslashes, delimiters, newlines, NULLs, unicode, empties. */
const TRICKY = [
  `plain`,
  `it's "quoted"`,
  `back\\slash \\N \\t`,
  `pipe|comma,tab\there`,
  `two\nlines\r\nand a CR`,
  `unicode é 日本語 😀`,
  ``,
  `  padded  `,
  null,
]

/**
 * One INSERT of rows covering each tricky value and each type's edges. The
 * SUPER documents carry no backslash or delimiter: Redshift's ESCAPE escapes
 * CHAR and VARCHAR values only, so such a document does not survive
 * delimited text there either.
 */
function seedSql(table: string): string {
  const rows = TRICKY.map((value, i) => {
    const s =
      value === null
        ? 'null'
        : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
    const odd = i % 2 === 1
    return `(${i}, ${s}, ${i === 8 ? 'null' : `'ab${i}'`}, ${odd ? '-1234567890.12' : `${i}.5`},
      ${odd ? '-9223372036854775808' : '9223372036854775807'}, ${odd ? '-32768' : '32767'},
      ${odd ? '1.0000000000000002' : '-2.5e-300'}, ${odd ? '3.4e38' : '1.25'}, ${odd ? 'true' : 'false'},
      '${odd ? '1999-12-31' : '2024-02-29'}', '2024-02-29 23:59:59.${String(i).padStart(6, '0')}',
      '2024-02-29 10:00:00.5+02', ${i === 8 ? 'null' : `json_parse('{"k":${i},"s":"it''s é","a":[1,null,true],"o":{"x":-0.5}}')`})`
  })
  return `insert into ${table} values ${rows.join(',\n')}`
}

interface Format {
  readonly name: string
  readonly unload: string
  readonly copy: string
}

/** UNLOAD options and the COPY options that read their files back. */
const FORMATS: readonly Format[] = [
  {
    name: 'delimited text',
    unload: "escape null as '\\\\N'",
    copy: "escape null as '\\\\N'",
  },
  {
    name: 'CSV',
    unload: "format csv null as '\\\\N'",
    copy: "csv null as '\\\\N'",
  },
  { name: 'JSON', unload: 'format json', copy: "json 'auto'" },
  { name: 'Parquet', unload: 'format parquet', copy: 'format parquet' },
  {
    name: 'gzip text',
    unload: "escape null as '\\\\N' gzip",
    copy: "escape null as '\\\\N' gzip",
  },
  {
    name: 'bzip2 text',
    unload: "escape null as '\\\\N' bzip2",
    copy: "escape null as '\\\\N' bzip2",
  },
  {
    name: 'zstd text',
    unload: "escape null as '\\\\N' zstd",
    copy: "escape null as '\\\\N' zstd",
  },
]

/**
 * The same rows, both ways: EXCEPT finds any difference in any column
 * (Redshift has no EXCEPT ALL; every row has its own id, and the counts are
 * compared too, so a duplicated or lost row shows as well).
 */
async function sameRows(
  client: pg.Client,
  a: string,
  b: string,
): Promise<void> {
  const diff = await client.query(
    `select count(*)::int as n from (
       (select id, s, c, n, big, small, f8, f4, flag, d, ts, tz, json_serialize(doc) as doc from ${a}
        except
        select id, s, c, n, big, small, f8, f4, flag, d, ts, tz, json_serialize(doc) from ${b})
       union all
       (select id, s, c, n, big, small, f8, f4, flag, d, ts, tz, json_serialize(doc) from ${b}
        except
        select id, s, c, n, big, small, f8, f4, flag, d, ts, tz, json_serialize(doc) from ${a})) x`,
  )
  const counts = await client.query(
    `select (select count(*) from ${a})::int as a, (select count(*) from ${b})::int as b`,
  )
  expect(counts.rows[0]).toEqual({ a: TRICKY.length, b: TRICKY.length })
  expect(diff.rows[0].n).toBe(0)
}

function roundTrips(
  label: string,
  setup: () => Promise<{
    client: pg.Client
    auth: string
    /** Writes one object into the storage behind the emulator. */
    put: (key: string, body: string) => Promise<void>
    stop: () => Promise<void>
  }>,
  formats: readonly Format[],
): void {
  describe(`COPY -> SELECT -> UNLOAD -> COPY through ${label}`, () => {
    let client: pg.Client
    let auth: string
    let put: (key: string, body: string) => Promise<void>
    let stop: () => Promise<void>

    beforeAll(async () => {
      ;({ client, auth, put, stop } = await setup())
      await client.query(`create table source (${COLUMNS})`)
      await client.query(seedSql('source'))
    })
    afterAll(() => stop())

    it('loads a hand-written CSV file exactly (COPY -> SELECT)', async () => {
      // Every value quoted, quotes doubled, NULL as an unquoted \N.
      const csv = TRICKY.map(
        (value, i) =>
          `${i},${value === null ? '\\N' : `"${value.replace(/"/g, '""')}"`}\n`,
      ).join('')
      await put('hand/file.csv', csv)
      await client.query('create table hand (id int, s varchar(200))')
      await client.query(
        `copy hand from 's3://bucket/hand/file.csv' ${auth} csv null as '\\\\N'`,
      )
      const { rows } = await client.query('select s from hand order by id')
      expect(rows.map((r: { s: string | null }) => r.s)).toEqual(TRICKY)
    })

    it('COPY of its own UNLOAD gives the same rows (UNLOAD -> COPY -> SELECT)', async () => {
      await client.query(`create table seeded (${COLUMNS})`)
      await client.query(
        `unload ('select * from source order by id') to 's3://bucket/seed/' ${auth} format csv null as '\\\\N' parallel off`,
      )
      await client.query(
        `copy seeded from 's3://bucket/seed/' ${auth} csv null as '\\\\N'`,
      )
      const { rows } = await client.query(
        'select id, s from seeded order by id',
      )
      expect(rows.map((r: { s: string | null }) => r.s)).toEqual(TRICKY)
      await sameRows(client, 'source', 'seeded')
    })

    for (const [i, format] of formats.entries()) {
      it(`${format.name}: the data comes back exactly`, async () => {
        const target = `back_${i}`
        await client.query(`create table ${target} (${COLUMNS})`)
        await client.query(
          `unload ('select * from source') to 's3://bucket/rt${i}/part_' ${auth} ${format.unload}`,
        )
        await client.query(
          `copy ${target} from 's3://bucket/rt${i}/part_' ${auth} ${format.copy}`,
        )
        await sameRows(client, 'source', target)
      })
    }
  })
}

roundTrips(
  'the S3 folder',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-roundtrip-'))
    fs.mkdirSync(path.join(dir, 'bucket'))
    const own: OwnEmulator = await startOwnEmulator('local_bulk_roundtrip', {
      s3Dir: dir,
    })
    const client = await connect(own.local.url)
    return {
      client,
      auth: 'iam_role default',
      put: async (key, body) => {
        const file = path.join(dir, 'bucket', key)
        fs.mkdirSync(path.dirname(file), { recursive: true })
        fs.writeFileSync(file, body)
      },
      stop: async () => {
        await client.end()
        await own.stop()
        fs.rmSync(dir, { recursive: true, force: true })
      },
    }
  },
  FORMATS,
)

roundTrips(
  'the S3 endpoint',
  async () => {
    const s3: S3TestServer = await startS3Server()
    s3.createBucket('bucket')
    const own = await startOwnEmulator('local_bulk_roundtrip_s3', {
      s3Endpoint: s3.endpoint,
    })
    const client = await connect(own.local.url)
    return {
      client,
      auth: `access_key_id '${s3.accessKeyId}' secret_access_key '${s3.secretAccessKey}'`,
      put: (key, body) =>
        own.local
          .storage!.forStatement({
            accessKeyId: s3.accessKeyId,
            secretAccessKey: s3.secretAccessKey,
          })
          .write({ bucket: 'bucket', key }, Buffer.from(body)),
      stop: async () => {
        await client.end()
        await own.stop()
        await s3.stop()
      },
    }
  },
  FORMATS,
)
