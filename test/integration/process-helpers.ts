import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The checkout's root folder. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** The repository's `src/local/index.ts`, for scripts run in a child process. */
export const localEntry = path.join(repoRoot, 'src/local/index.ts')

/**
 * Time limit of a test that starts several Node.js or npx processes at once:
 * each start-up compiles TypeScript or reads npm's cache, which on a loaded
 * two-core machine takes far longer than the suite's default 30 s allows.
 */
export const PROCESS_TEST_TIMEOUT_MS = 120_000

/** How a child process ended and what it printed. */
export interface ChildResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Options of {@link runChild}. */
export interface RunChildOptions {
  readonly args?: readonly string[]
  readonly env?: NodeJS.ProcessEnv
  readonly cwd?: string
  /** Sends this signal once stdout contains `signalWhen`. */
  readonly signal?: NodeJS.Signals
  readonly signalWhen?: string
  /** Kills the child after this long (default 60 s): a hung child fails the test. */
  readonly timeoutMs?: number
}

/** A child process being run: its result, and a way to wait for its output. */
export interface StartedChild {
  readonly result: Promise<ChildResult>
  /** Resolves once stdout contains `text` (rejects if the child ends first). */
  printed(text: string): Promise<void>
  kill(signal: NodeJS.Signals): void
}

/**
 * Starts a command, collecting its output, optionally sending it a signal
 * once it printed a marker.
 *
 * @example
 * const server = startChild(process.execPath, { args: [cli, 'local'] })
 * await server.printed('listening')
 * server.kill('SIGINT')
 * expect((await server.result).code).toBe(0)
 */
export function startChild(
  command: string,
  options: RunChildOptions = {},
): StartedChild {
  const child = spawn(command, [...(options.args ?? [])], {
    cwd: options.cwd ?? repoRoot,
    // An `undefined` entry removes the variable.
    env: Object.fromEntries(
      Object.entries({ ...process.env, ...options.env }).filter(
        ([, value]) => value !== undefined,
      ),
    ),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  const watchers = new Set<() => void>()
  const timer = setTimeout(
    () => child.kill('SIGKILL'),
    options.timeoutMs ?? 60_000,
  )
  if (options.signal !== undefined) {
    const signal = options.signal
    watchers.add(function send() {
      if (!stdout.includes(options.signalWhen ?? '')) return
      watchers.delete(send)
      child.kill(signal)
    })
  }
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
    for (const watcher of [...watchers]) watcher()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const result = new Promise<ChildResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
  return {
    result,
    kill: (signal) => child.kill(signal),
    printed: (text) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!stdout.includes(text)) return
          watchers.delete(check)
          resolve()
        }
        watchers.add(check)
        check()
        void result.then((ended) =>
          reject(new Error(`ended before printing ${text}: ${ended.stderr}`)),
        )
      }),
  }
}

/**
 * Runs a command to its end and resolves with its exit code or signal and
 * its output.
 *
 * @example
 * const result = await runChild(process.execPath, { args: ['-e', 'process.exitCode = 3'] })
 * expect(result.code).toBe(3)
 */
export function runChild(
  command: string,
  options: RunChildOptions = {},
): Promise<ChildResult> {
  return startChild(command, options).result
}

/**
 * Runs a TypeScript module (its source given as text) in a child Node.js
 * through tsx. `__LOCAL__` in the source stands for the emulator's entry point.
 *
 * @example
 * const result = await runScript(`process.exitCode = 3`)
 */
export async function runScript(
  source: string,
  options: RunChildOptions & {
    readonly dir?: string
    readonly nodeArgs?: readonly string[]
    readonly local?: string
  } = {},
): Promise<ChildResult> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'child-'))
  const file = path.join(dir, `script-${process.pid}-${Date.now()}.mts`)
  fs.writeFileSync(
    file,
    source.replaceAll('__LOCAL__', JSON.stringify(options.local ?? localEntry)),
  )
  try {
    return await runChild(process.execPath, {
      ...options,
      args: [
        ...(options.nodeArgs ?? []),
        '--import',
        'tsx',
        file,
        ...(options.args ?? []),
      ],
    })
  } finally {
    fs.rmSync(file, { force: true })
    if (options.dir === undefined)
      fs.rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Runs a TypeScript module in a child Node.js started with `--expose-gc`
 * (garbage collection is only under a test's control there), from a folder
 * inside the checkout (git-ignored `.tmp`, so the script resolves kysely).
 * Fails when the child fails or prints an error; resolves with the last
 * line it printed, parsed as JSON.
 *
 * @example
 * const outcome = await runGcScript<{ warnings: string[] }>(SCRIPT, { EMULATOR_URL: url })
 */
export async function runGcScript<T>(
  source: string,
  env: NodeJS.ProcessEnv,
): Promise<T> {
  fs.mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true })
  const dir = fs.mkdtempSync(path.join(repoRoot, '.tmp', 'gc-'))
  const result = await runScript(source, {
    dir,
    nodeArgs: ['--expose-gc'],
    env,
    timeoutMs: 60_000,
  }).finally(() => fs.rmSync(dir, { recursive: true, force: true }))
  if (result.code !== 0 || /Error/.test(result.stderr)) {
    throw new Error(`the script failed (code ${result.code}): ${result.stderr}`)
  }
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as T
}

/**
 * A private temporary folder the `postgres` user can enter (as root the
 * embedded PostgreSQL runs as that user), to point a child's TMPDIR at and
 * see exactly what it leaves behind.
 */
export function reachableTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  fs.chmodSync(dir, 0o755)
  return dir
}

/**
 * Holds a loopback port until `close()`, so that something else finds it in use.
 *
 * @example
 * const held = await holdPort()
 * try { ... held.port ... } finally { await held.close() }
 */
export async function holdPort(): Promise<{
  readonly port: number
  close(): Promise<void>
}> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Whether something accepts TCP connections on this loopback port. */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** The port of the first `postgres://...@127.0.0.1:<port>/` URL in `text`. */
export function portIn(text: string, label: string): number {
  const match = new RegExp(`${label}\\S*127\\.0\\.0\\.1:(\\d+)`).exec(text)
  if (!match) throw new Error(`no ${label} URL in: ${text}`)
  return Number(match[1])
}
