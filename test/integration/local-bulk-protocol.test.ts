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

/** Rows of the large file: long enough that a COPY of it can be stopped midway. */
const BIG_ROWS = 1_500_000

describe('COPY and UNLOAD over both protocols, under cancel, timeout and faults', () => {
  let own: OwnEmulator
  let dir: string
  let client: pg.Client
  const notices: Notice[] = []

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-protocol-'))
    fs.mkdirSync(path.join(dir, 'bucket', 'small'), { recursive: true })
    fs.mkdirSync(path.join(dir, 'bucket', 'big'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'bucket', 'small', 'a'), '1|one\n2|two\n')
    const lines: string[] = []
    for (let i = 0; i < BIG_ROWS; i++) lines.push(`${i}|row number ${i}`)
    fs.writeFileSync(
      path.join(dir, 'bucket', 'big', 'a'),
      lines.join('\n') + '\n',
    )
    own = await startOwnEmulator('local_bulk_protocol', { s3Dir: dir })
    client = await connect(own.local.url)
    client.on('notice', (n) => notices.push(n))
    await client.query('create table items (id int, label varchar(40))')
  })
  afterAll(async () => {
    await client.end()
    await own.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  async function count(): Promise<number> {
    const { rows } = await client.query('select count(*)::int as n from items')
    return rows[0].n as number
  }

  it('runs a COPY sent with the extended protocol (a named statement)', async () => {
    notices.length = 0
    const result = await client.query({
      name: 'copy_small',
      text: "copy items from 's3://bucket/small/' iam_role default",
    })
    expect(result.command).toBe('COPY')
    expect(notices.map((n) => n.message)).toEqual([
      "Load into table 'items' completed, 2 record(s) loaded successfully.",
    ])
    expect(await count()).toBe(2)
    // The same prepared statement again: a second, separate load.
    await client.query({
      name: 'copy_small',
      text: "copy items from 's3://bucket/small/' iam_role default",
    })
    expect(await count()).toBe(4)
    await client.query('truncate items')
  })

  it('runs an UNLOAD sent with the extended protocol', async () => {
    await client.query("insert into items values (9, 'nine')")
    const result = await client.query({
      name: 'unload_items',
      text: "unload ('select * from items') to 's3://bucket/ext/items_' iam_role default parallel off",
    })
    expect(result.command).toBe('UNLOAD')
    expect(
      fs.readFileSync(path.join(dir, 'bucket', 'ext', 'items_000'), 'utf8'),
    ).toBe('9|nine\n')
    await client.query('truncate items')
  })

  it('refuses bind parameters as Redshift does', async () => {
    const error = await errorOf(
      client.query('copy items from $1 iam_role default', [
        's3://bucket/small/',
      ]),
    )
    expect([error.code, error.message]).toEqual([
      '42601',
      'syntax error at or near "$1"',
    ])
    const unload = await errorOf(
      client.query(
        "unload ('select * from items where id = $1') to 's3://bucket/p/' iam_role default",
        [1],
      ),
    )
    expect(unload.code).toBe('42601')
  })

  it('refuses a COPY sent with other statements in one query', async () => {
    const error = await errorOf(
      client.query(
        "copy items from 's3://bucket/small/' iam_role default; select 1",
      ),
    )
    expect(error.code).toBe('0A000')
    expect(await count()).toBe(0)
  })

  it('CANCEL during a long COPY stops it and leaves the table empty', async () => {
    const other = await connect(own.local.url)
    const pid = (await client.query('select pg_backend_pid() as pid')).rows[0]
      .pid
    const started = Date.now()
    const copy = errorOf(
      client.query("copy items from 's3://bucket/big/' iam_role default"),
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    await other.query(`cancel ${pid}`)
    const error = await copy
    await other.end()
    expect(error.code).toBe('57014')
    expect(error.message).toMatch(/^Query \(\d+\) cancelled on user's request$/)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(await count()).toBe(0)
  })

  it('statement_timeout stops a long COPY', async () => {
    await client.query('set statement_timeout to 300')
    const error = await errorOf(
      client.query("copy items from 's3://bucket/big/' iam_role default"),
    )
    await client.query('reset statement_timeout')
    expect(error.code).toBe('57014')
    expect(await count()).toBe(0)
  })

  it('a client that goes away mid-COPY leaves nothing, and the emulator serves the next one', async () => {
    const leaving = await connect(own.local.url)
    const copy = leaving
      .query("copy items from 's3://bucket/big/' iam_role default")
      .catch((e: Error) => e)
    await new Promise((resolve) => setTimeout(resolve, 300))
    ;(
      leaving as unknown as { connection: { stream: { destroy(): void } } }
    ).connection.stream.destroy()
    await copy
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await count()).toBe(0)
    await client.query("copy items from 's3://bucket/small/' iam_role default")
    expect(await count()).toBe(2)
  })

  it('a fault matching the COPY fails it before anything is read', async () => {
    await client.query('truncate items')
    own.local.faults.failNext({
      pattern: 'copy items',
      code: 'XX000',
      message: 'injected',
    })
    const error = await errorOf(
      client.query("copy items from 's3://bucket/small/' iam_role default"),
    )
    expect([error.code, error.message]).toEqual(['XX000', 'injected'])
    expect(await count()).toBe(0)
  })

  it('a dropped connection right after the COPY was sent: all of the load or none of it', async () => {
    await client.query('truncate items')
    const dropped = await connect(own.local.url)
    own.local.faults.dropConnection({ pattern: 'copy items' })
    const outcome = await dropped
      .query("copy items from 's3://bucket/small/' iam_role default")
      .then(
        () => 'answered',
        () => 'dropped',
      )
    expect(outcome).toBe('dropped')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect([0, 2]).toContain(await count())
  })
})
