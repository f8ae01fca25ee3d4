import { spawn } from 'node:child_process'
import path from 'node:path'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import {
  mapRedshiftError,
  SerializationFailureError,
} from '../../src/errors/index.js'
import type { LocalRedshift } from '../../src/local/index.js'
import {
  connect,
  errorOf,
  psqlAvailable,
  runPsql,
  startOwnEmulator,
} from './local-test-helpers.js'

describe('local emulator: authentication and TLS', () => {
  let local: LocalRedshift
  let stop: () => Promise<void>

  beforeAll(async () => {
    ;({ local, stop } = await startOwnEmulator('local_auth', {
      user: 'analyst',
      password: 'S3cret-pass',
    }))
  })
  afterAll(() => stop())

  it('puts user and password in the URL and accepts them (MD5)', async () => {
    expect(local.url).toMatch(
      /^postgres:\/\/analyst:S3cret-pass@127\.0\.0\.1:\d+\//,
    )
    const client = await connect(local.url)
    expect((await client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }])
    await client.end()
  })

  it('refuses a wrong password or another user with 28P01', async () => {
    const wrong = new URL(local.url)
    wrong.password = 'nope'
    const error = await errorOf(connect(wrong.toString()))
    expect(error.code).toBe('28P01')
    expect(error.message).toBe(
      'password authentication failed for user "analyst"',
    )
    const other = new URL(local.url)
    other.username = 'intruder'
    expect((await errorOf(connect(other.toString()))).code).toBe('28P01')
  })

  it("answers SSLRequest with 'N': TLS-only clients are refused, sslmode=prefer falls back", async () => {
    const tls = new pg.Client({
      connectionString: local.url,
      ssl: { rejectUnauthorized: false },
    })
    await expect(tls.connect()).rejects.toThrow(/does not support SSL/)
    if (psqlAvailable) {
      const prefer = await runPsql(`${local.url}?sslmode=prefer`, [
        '-At',
        '-c',
        'select 1',
      ])
      expect(prefer.code, prefer.stderr).toBe(0)
      const require = await runPsql(`${local.url}?sslmode=require`, [
        '-At',
        '-c',
        'select 1',
      ])
      expect(require.code).not.toBe(0)
    }
  })
})

describe('local emulator: snapshot isolation (Serverless default)', () => {
  let local: LocalRedshift
  let stop: () => Promise<void>

  beforeAll(async () => {
    ;({ local, stop } = await startOwnEmulator('local_snapshot', {
      isolation: 'snapshot',
    }))
    const setup = await connect(local.url)
    await setup.query('create table counters (id int, n int)')
    await setup.query('insert into counters values (1, 0)')
    await setup.end()
  })
  afterAll(() => stop())

  it('runs transactions as REPEATABLE READ on PostgreSQL', async () => {
    const client = await connect(local.url)
    await client.query('begin isolation level serializable')
    expect((await client.query('show transaction_isolation')).rows).toEqual([
      { transaction_isolation: 'repeatable read' },
    ])
    await client.query('commit')
    await client.end()
  })

  it('reports a write conflict the way Redshift does under snapshot isolation', async () => {
    const a = await connect(local.url)
    const b = await connect(local.url)
    try {
      await a.query('begin')
      await b.query('begin')
      await a.query('select n from counters where id = 1')
      await b.query('select n from counters where id = 1')
      await a.query('update counters set n = n + 1 where id = 1')
      const conflicting = errorOf(
        b.query('update counters set n = n + 1 where id = 1'),
      )
      await a.query('commit')
      const error = await conflicting
      expect(error.code).toBe('XX000')
      expect(error.message).toBe(
        'could not complete because of conflict with concurrent transaction',
      )
      expect(mapRedshiftError(error)).toBeInstanceOf(SerializationFailureError)
      await b.query('rollback')
    } finally {
      await a.end()
      await b.end()
    }
  })
})

describe('kysely-redshift local (CLI)', () => {
  const bin = path.resolve('bin/kysely-redshift.js')

  it('prints its help', async () => {
    const result = await run(['local', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/Usage: kysely-redshift local/)
    expect(result.stdout).toMatch(/--pg-url/)
  })

  it('starts on a PostgreSQL URL, prints the connection URL and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        bin,
        'local',
        '--port',
        '0',
        '--pg-url',
        inject('databaseUrl'),
        '--s3-dir',
        '/tmp',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        const match = /postgres:\/\/\S+/.exec(stdout)
        if (match) resolve(match[0])
      })
      child.on('exit', (code) =>
        reject(new Error(`exited with ${code}: ${stdout}`)),
      )
    })
    const client = await connect(url)
    expect((await client.query('select version()')).rows[0].version).toMatch(
      /Redshift/,
    )
    await client.end()
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', resolve),
    )
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  function run(
    args: string[],
  ): Promise<{ code: number | null; stdout: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let stdout = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      child.on('exit', (code) => resolve({ code, stdout }))
    })
  }
})
