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

describe('UNLOAD to the S3 folder, in the session', () => {
  let own: OwnEmulator
  let dir: string
  let client: pg.Client
  const notices: Notice[] = []

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unload-session-'))
    fs.mkdirSync(path.join(dir, 'bucket'))
    own = await startOwnEmulator('local_unload_session', { s3Dir: dir })
    client = await connect(own.local.url)
    client.on('notice', (n) => notices.push(n))
  })
  afterAll(async () => {
    await client.end()
    await own.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('writes the rows of a temporary table created in the open transaction', async () => {
    await client.query('begin')
    await client.query('create temp table t (id int, name varchar(10))')
    await client.query("insert into t values (1, 'a|b'), (2, null)")
    notices.length = 0
    const result = await client
      .query(
        "unload ('select id, name from t order by id') to 's3://bucket/out/t_' iam_role default parallel off",
      )
      .finally(() => client.query('rollback'))
    expect(result.command).toBe('UNLOAD')
    expect(notices.map((n) => [n.severity, n.message])).toEqual([
      ['INFO', 'UNLOAD completed, 2 record(s) unloaded successfully.'],
    ])
    const files = fs.readdirSync(path.join(dir, 'bucket', 'out'))
    expect(files).toEqual(['t_000'])
    expect(
      fs.readFileSync(path.join(dir, 'bucket', 'out', 't_000'), 'utf8'),
    ).toBe('1|a|b\n2|\n')
    const last = await client.query('select pg_last_unload_count() as n')
    expect(Number(last.rows[0].n)).toBe(2)
  })

  it('plans the inner query like any query: what Redshift refuses is refused', async () => {
    await client.query('create table plain (id int)')
    const error = await errorOf(
      client.query(
        "unload ('select id from plain for update') to 's3://bucket/bad/' iam_role default",
      ),
    )
    expect([error.code, error.message]).toEqual([
      '0A000',
      'SELECT FOR UPDATE/SHARE is not supported',
    ])
  })

  it('rewrites the Redshift functions of the inner query', async () => {
    await client.query('insert into plain values (1), (2)')
    await client.query(
      "unload ('select listagg(id::varchar, ''-'') within group (order by id) as ids, nvl(null, ''none'') as n from plain -- a trailing comment\n') to 's3://bucket/fn/' iam_role default parallel off",
    )
    expect(fs.readFileSync(path.join(dir, 'bucket', 'fn', '000'), 'utf8')).toBe(
      '1-2|none\n',
    )
  })
})
