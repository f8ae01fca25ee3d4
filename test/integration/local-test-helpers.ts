import { spawn } from 'node:child_process'
import { spawnSync } from 'node:child_process'

import pg from 'pg'
import { inject } from 'vitest'

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
