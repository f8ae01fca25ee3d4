import { spawn } from 'node:child_process'
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import pg from 'pg'
import { inject } from 'vitest'

import type {
  LocalRedshift,
  LocalRedshiftOptions,
} from '../../src/local/index.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'

/** The suite's emulator URL, pointed at `database`. */
export function emulatorUrl(database: string): string {
  const url = new URL(inject('redshiftUrl'))
  url.pathname = `/${database}`
  return url.toString()
}

/** A connected pg client on the emulator (or any URL). */
export async function connect(
  url: string,
  config: pg.ClientConfig = {},
): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, ...config })
  client.on('error', () => {})
  await client.connect()
  return client
}

/** A database of its own seen through the suite's emulator, with one client on it. */
export interface EmulatorDatabase {
  readonly db: TestDatabase
  /** The emulator URL of `db`. */
  readonly url: string
  readonly client: pg.Client
  /** Ends the client, then drops the database. */
  readonly close: () => Promise<void>
}

/**
 * Creates a fresh database, connects to it through the emulator and runs the
 * `setup` statements there in order, so each file starts from its own tables.
 *
 * @example
 * beforeAll(async () => {
 *   ;({ client, close } = await openEmulatorDatabase('local_qlog', [
 *     'create table events (id int)',
 *   ]))
 * })
 * afterAll(() => close())
 */
export async function openEmulatorDatabase(
  prefix: string,
  setup: readonly string[] = [],
): Promise<EmulatorDatabase> {
  const db = await createTestDatabase(prefix)
  const url = emulatorUrl(db.name)
  const client = await connect(url)
  for (const statement of setup) await client.query(statement)
  return {
    db,
    url,
    client,
    close: async () => {
      await client.end()
      await db.drop()
    },
  }
}

/** An emulator of a file's own, on a database of its own. */
export interface OwnEmulator {
  readonly db: TestDatabase
  readonly local: LocalRedshift
  /** Stops the emulator, then drops the database. */
  readonly stop: () => Promise<void>
}

/**
 * Starts an emulator with `options` on a fresh database, for files whose
 * settings, queues or faults must not reach the suite's shared emulator.
 *
 * @example
 * beforeAll(async () => {
 *   ;({ local, stop } = await startOwnEmulator('local_wlm', { wlm }))
 * })
 * afterAll(() => stop())
 */
export async function startOwnEmulator(
  prefix: string,
  options: Omit<LocalRedshiftOptions, 'port' | 'pgUrl' | 'database'> = {},
): Promise<OwnEmulator> {
  const db = await createTestDatabase(prefix)
  // Loaded here, not at the top: most files only talk to the suite's
  // emulator, and loading the whole emulator in each of them costs more
  // than their tests.
  const { startLocalRedshift } = await import('../../src/local/index.js')
  const local = await startLocalRedshift({
    port: 0,
    pgUrl: inject('databaseUrl'),
    database: db.name,
    ...options,
  })
  return {
    db,
    local,
    stop: async () => {
      await local.stop()
      await db.drop()
    },
  }
}

/** An emulator of a file's own whose S3 is a temporary folder of its own. */
export interface S3Emulator extends OwnEmulator {
  /** The folder the emulator's S3 reads (buckets are its subfolders). */
  readonly s3Dir: string
}

/**
 * Writes `files` (keys under `bucket/`) into a fresh temporary folder and
 * starts an emulator of the file's own with that folder as its S3; `stop`
 * also removes the folder.
 *
 * @example
 * beforeAll(async () => {
 *   emulator = await startS3Emulator('spectrum_reads', { 'sales/1.txt': '1\n' })
 * })
 * afterAll(() => emulator?.stop())
 */
export async function startS3Emulator(
  prefix: string,
  files: Readonly<Record<string, string | Uint8Array>>,
): Promise<S3Emulator> {
  const s3Dir = await mkdtemp(join(tmpdir(), `${prefix}-`))
  for (const [key, body] of Object.entries(files)) {
    const path = join(s3Dir, 'bucket', key)
    await mkdir(join(path, '..'), { recursive: true })
    await writeFile(path, body)
  }
  const own = await startOwnEmulator(prefix, { s3Dir })
  return {
    ...own,
    s3Dir,
    stop: async () => {
      await own.stop()
      await rm(s3Dir, { recursive: true, force: true })
    },
  }
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<pg.DatabaseError> {
  try {
    await promise
  } catch (error) {
    return error as pg.DatabaseError
  }
  throw new Error('expected the statement to fail')
}

/** Whether the `psql` binary is on PATH. */
export const psqlAvailable: boolean =
  spawnSync('psql', ['--version']).status === 0

/** Runs psql with `args` against `url`; resolves with its exit code and output. */
export function runPsql(
  url: string,
  args: readonly string[],
  input?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', [url, '-X', '-v', 'ON_ERROR_STOP=1', ...args], {
      env: { ...process.env, PGCONNECT_TIMEOUT: '10', PGSSLMODE: 'prefer' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    child.stdin.end(input ?? '')
  })
}

/** Resolves when `check` returns true, polling on a short interval (for other sessions' states). */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}
