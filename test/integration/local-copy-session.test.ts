import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  connect,
  errorOf,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

/** What the tests read of a NoticeResponse. */
interface Notice {
  readonly severity?: string
  readonly message?: string
}

/** A client that keeps the notices the server sent. */
async function noticing(url: string) {
  const client = await connect(url)
  const notices: Notice[] = []
  client.on('notice', (n) => notices.push(n))
  return { client, notices }
}

describe('COPY from the S3 folder, in the session', () => {
  let own: OwnEmulator
  let dir: string
  let client: pg.Client
  let notices: Notice[]

  function put(key: string, body: string | Buffer): void {
    const file = path.join(dir, 'bucket', key)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, body)
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-session-'))
    own = await startOwnEmulator('local_copy_session', { s3Dir: dir })
    ;({ client, notices } = await noticing(own.local.url))
  })
  afterAll(async () => {
    await client.end()
    await own.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('loads a CSV file, answers with the INFO notice and COPY, and sets pg_last_copy_count()', async () => {
    await client.query('create table people (id int, name varchar(20))')
    put('people/part_00.csv', '1,ann\n2,"b,ob"\n3,\n')
    notices.length = 0
    const result = await client.query(
      "copy people from 's3://bucket/people/' iam_role default csv",
    )
    const copyId = (await client.query('select pg_last_query_id() as q'))
      .rows[0].q
    expect(result.command).toBe('COPY')
    expect(result.rowCount).toBeNull()
    expect(notices.map((n) => [n.severity, n.message])).toEqual([
      [
        'INFO',
        "Load into table 'people' completed, 3 record(s) loaded successfully.",
      ],
    ])
    const rows = await client.query('select id, name from people order by id')
    expect(rows.rows).toEqual([
      { id: 1, name: 'ann' },
      { id: 2, name: 'b,ob' },
      { id: 3, name: '' },
    ])
    const last = await client.query(
      'select pg_last_copy_count() as count, pg_last_copy_id() as id',
    )
    expect(Number(last.rows[0].count)).toBe(3)
    expect(last.rows[0].id).toBe(copyId)
  })

  it('fills IDENTITY columns itself, and takes their values with EXPLICIT_IDS', async () => {
    await client.query(
      'create table tagged (id int identity(1, 1), label varchar(10), n int default 7)',
    )
    put('tags/a', 'x\ny\n')
    await client.query(
      "copy tagged (label) from 's3://bucket/tags/' iam_role default",
    )
    put('tags-ids/a', '10|z|1\n')
    await client.query(
      "copy tagged from 's3://bucket/tags-ids/' iam_role default explicit_ids",
    )
    const { rows } = await client.query(
      'select id, label, n from tagged order by id',
    )
    expect(rows).toEqual([
      { id: 1, label: 'x', n: 7 },
      { id: 2, label: 'y', n: 7 },
      { id: 10, label: 'z', n: 1 },
    ])
  })

  it('loads a table and columns whose names are longer than PostgreSQL keeps', async () => {
    const table = `t_${'a'.repeat(98)}`
    const column = `c_${'b'.repeat(70)}`
    await client.query(`create table ${table} (${column} int, other int)`)
    put('long/a', '5|6\n')
    await client.query(
      `copy ${table} (${column}, other) from 's3://bucket/long/' iam_role default`,
    )
    const { rows } = await client.query(
      `select ${column} as v, other from ${table}`,
    )
    expect(rows).toEqual([{ v: 5, other: 6 }])
  })

  it('NOLOAD reads and checks the files and loads nothing', async () => {
    await client.query('create table checked (id int)')
    put('check/a', '1\n2\n')
    await client.query(
      "copy checked from 's3://bucket/check/' iam_role default noload",
    )
    const { rows } = await client.query(
      'select count(*)::int as n from checked',
    )
    expect(rows[0].n).toBe(0)
  })

  it('refuses a COPY into a table that does not exist', async () => {
    put('nothing/part_00.csv', '1\n')
    const error = await errorOf(
      client.query(
        "copy nosuch from 's3://bucket/nothing/' iam_role default csv",
      ),
    )
    expect(error.code).toBe('42P01')
  })
})

describe('COPY with bad rows, transactions and the load views', () => {
  let own: OwnEmulator
  let dir: string
  let client: pg.Client
  let notices: Notice[]

  function put(key: string, body: string): void {
    const file = path.join(dir, 'bucket', key)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, body)
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-errors-'))
    own = await startOwnEmulator('local_copy_errors', { s3Dir: dir })
    ;({ client, notices } = await noticing(own.local.url))
    await client.query('create table scores (id int, score int)')
    await client.query('insert into scores values (0, 0)')
    put('bad/part_00', '1|10\n2|x\n3|30\n4|4y\n5|50\n')
  })
  afterAll(async () => {
    await client.end()
    await own.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  async function scores(): Promise<number[]> {
    const { rows } = await client.query('select id from scores order by id')
    return rows.map((r: { id: number }) => r.id)
  }

  it('MAXERROR 0: fails with the rows in STL_LOAD_ERRORS, the table unchanged', async () => {
    const error = await errorOf(
      client.query("copy scores from 's3://bucket/bad/' iam_role default"),
    )
    expect(error.code).toBe('XX000')
    expect(error.message).toBe(
      "Load into table 'scores' failed.  Check 'stl_load_errors' system table for details.",
    )
    expect(await scores()).toEqual([0])
    const id = (await client.query('select pg_last_copy_id() as id')).rows[0]
      .id as number
    expect(
      Number(
        (await client.query('select pg_last_copy_count() as n')).rows[0].n,
      ),
    ).toBe(0)
    const { rows } = await client.query(
      `select trim(filename) as filename, line_number, trim(colname) as colname,
         trim(raw_field_value) as value, err_code
       from stl_load_errors where query = $1 order by line_number`,
      [id],
    )
    expect(rows[0]).toMatchObject({
      filename: 's3://bucket/bad/part_00',
      line_number: '2',
      colname: 'score',
      value: 'x',
    })
    const history = await client.query(
      'select status, table_name, loaded_rows, error_count from sys_load_history where query_id = $1',
      [id],
    )
    expect(history.rows).toEqual([
      {
        status: 'failed',
        table_name: 'scores',
        loaded_rows: '0',
        error_count: String(rows.length),
      },
    ])
  })

  it('MAXERROR 5: loads the good rows and reports the bad ones', async () => {
    notices.length = 0
    await client.query(
      "copy scores from 's3://bucket/bad/' iam_role default maxerror 5",
    )
    expect(notices.map((n) => n.message)).toEqual([
      "Load into table 'scores' completed, 3 record(s) loaded successfully.",
      "Load into table 'scores' completed, 2 record(s) could not be loaded.  Check 'stl_load_errors' system table for details.",
    ])
    expect(await scores()).toEqual([0, 1, 3, 5])
    const id = (await client.query('select pg_last_copy_id() as id')).rows[0].id
    const errors = await client.query(
      'select line_number, trim(column_name) as column_name from sys_load_error_detail where query_id = $1 order by line_number',
      [id],
    )
    expect(errors.rows).toEqual([
      { line_number: '2', column_name: 'score' },
      { line_number: '4', column_name: 'score' },
    ])
    const commits = await client.query(
      'select trim(filename) as filename, lines_scanned, errors, status from stl_load_commits where query = $1',
      [id],
    )
    expect(commits.rows).toEqual([
      {
        filename: 's3://bucket/bad/part_00',
        lines_scanned: 5,
        errors: 2,
        status: 1,
      },
    ])
    await client.query('delete from scores where id > 0')
  })

  it('COPY inside BEGIN ... ROLLBACK leaves nothing; a failed COPY aborts the block', async () => {
    put('good/part_00', '7|70\n8|80\n')
    await client.query('begin')
    await client.query("copy scores from 's3://bucket/good/' iam_role default")
    expect(await scores()).toEqual([0, 7, 8])
    await client.query('rollback')
    expect(await scores()).toEqual([0])

    await client.query('begin')
    await client.query("copy scores from 's3://bucket/good/' iam_role default")
    const failed = await errorOf(
      client.query("copy scores from 's3://bucket/bad/' iam_role default"),
    )
    expect(failed.code).toBe('XX000')
    const aborted = await errorOf(client.query('select 1'))
    expect(aborted.code).toBe('25P02')
    await client.query('rollback')
    expect(await scores()).toEqual([0])
  })

  it('loads a temporary table', async () => {
    await client.query('create temp table scratch (id int, score int)')
    await client.query("copy scratch from 's3://bucket/good/' iam_role default")
    const { rows } = await client.query(
      'select sum(score)::int as s from scratch',
    )
    expect(rows[0].s).toBe(150)
  })

  it('logs the COPY in STL_QUERY and SYS_QUERY_HISTORY with its secrets masked', async () => {
    await client.query(
      "copy scores from 's3://bucket/good/' access_key_id 'AKIAEXAMPLE' secret_access_key 'wJalrXUtnFEMI/K7MDENG'",
    )
    const id = (await client.query('select pg_last_copy_id() as id')).rows[0].id
    await own.local.flushQueryLog()
    const { rows } = await client.query(
      'select trim(querytxt) as text from stl_query where query = $1',
      [id],
    )
    expect(rows[0].text).toBe(
      "copy scores from 's3://bucket/good/' access_key_id '***' secret_access_key '***'",
    )
    const history = await client.query(
      'select trim(query_type) as type, trim(status) as status from sys_query_history where query_id = $1',
      [id],
    )
    expect(history.rows).toEqual([{ type: 'COPY', status: 'success' }])
  })
})
