import { spawn, spawnSync, type SpawnOptions } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import {
  DataDirInUseError,
  LocalRedshiftStartError,
} from '../errors/local-start-error.js'
import type { PostgresAccount } from './postgres-account.js'
import type { PostgresBinaries } from './postgres-binaries.js'

/** What {@link PostgresCluster} runs. */
export interface PostgresClusterOptions {
  readonly binaries: PostgresBinaries
  /** The account to run as (as root); the current user when absent. */
  readonly account: PostgresAccount | undefined
  readonly dataDir: string
  /** The bootstrap superuser initdb creates (Redshift's is `rdsdb`). */
  readonly superuser: string
  /** The superuser's password. */
  readonly password: string
}

/**
 * One PostgreSQL cluster driven through `initdb` and `pg_ctl`: `pg_ctl`
 * waits for the server to accept connections, and stops it synchronously
 * when the process is already exiting. Every failure is a
 * {@link LocalRedshiftStartError} carrying the tail of the server's log.
 *
 * @example
 * ```ts
 * const cluster = new PostgresCluster({ binaries, account, dataDir, superuser: 'rdsdb', password })
 * await cluster.initialiseIfNeeded() // false when dataDir already held a cluster
 * await cluster.start(54321, ['-c', 'fsync=off'])
 * await cluster.stop()
 * ```
 */
export class PostgresCluster {
  readonly #options: PostgresClusterOptions
  #started = false

  constructor(options: PostgresClusterOptions) {
    this.#options = options
  }

  /**
   * Runs initdb unless the folder already holds a cluster; whether it ran.
   * `noSync` skips initdb's final flush to disk (for a cluster that is
   * removed when it stops, which a crash cannot leave behind usable anyway).
   */
  async initialiseIfNeeded(noSync = false): Promise<boolean> {
    const { dataDir, account, password, binaries, superuser } = this.#options
    if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return false
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    if (account) fs.chownSync(dataDir, account.uid, account.gid)
    // Beside the data folder (initdb wants it empty), readable only by the server's user.
    const passwordFile = path.join(
      path.dirname(dataDir),
      `.pwfile-${crypto.randomBytes(6).toString('hex')}`,
    )
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 })
    try {
      if (account) fs.chownSync(passwordFile, account.uid, account.gid)
      const result = await this.#run(binaries.initdb, [
        `--pgdata=${dataDir}`,
        '--auth=password',
        `--username=${superuser}`,
        `--pwfile=${passwordFile}`,
        // Redshift is UTF-8 throughout; the builtin provider gives the same
        // collation and case mapping on every machine, whatever locales it has.
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
        '--lc-messages=C',
        ...(noSync ? ['--no-sync'] : []),
      ])
      if (result.code !== 0) {
        throw new LocalRedshiftStartError(
          `initdb could not create a PostgreSQL cluster in ${dataDir} (exit code ${result.code}).`,
          { logTail: tail(result.output) },
        )
      }
    } finally {
      fs.rmSync(passwordFile, { force: true })
    }
    return true
  }

  /** Starts the server on `port` and resolves once it accepts connections. */
  async start(port: number, flags: readonly string[]): Promise<void> {
    const { dataDir, binaries } = this.#options
    const logFile = this.#logFile
    fs.rmSync(logFile, { force: true })
    this.#started = true
    const result = await this.#run(binaries.pgCtl, [
      'start',
      '--wait',
      '--timeout=120',
      '--silent',
      `--pgdata=${dataDir}`,
      `--log=${logFile}`,
      // pg_ctl hands these to the server through a shell: they never hold
      // spaces or quotes (port number and our own `-c name=value` flags).
      `--options=-p ${port} ${flags.join(' ')}`,
    ])
    if (result.code === 0) return
    const logTail = tail(`${readIfExists(logFile)}${result.output}`)
    await this.stop().catch(() => this.stopSync())
    const running = /lock file "postmaster\.pid" already exists/.test(logTail)
    if (running) {
      throw new DataDirInUseError(path.dirname(dataDir), pidFrom(logTail))
    }
    throw new LocalRedshiftStartError(
      `PostgreSQL did not start on port ${port} (pg_ctl exit code ${result.code}).`,
      { logTail },
    )
  }

  /** Stops the server (fast shutdown: sessions are ended, no data is lost). */
  async stop(): Promise<void> {
    if (!this.#started) return
    const result = await this.#run(this.#options.binaries.pgCtl, [
      'stop',
      '--wait',
      '--timeout=30',
      '--silent',
      '--mode=fast',
      `--pgdata=${this.#options.dataDir}`,
    ])
    this.#started = false
    if (result.code !== 0 && this.#isRunning()) {
      this.stopSync()
      if (this.#isRunning()) {
        throw new LocalRedshiftStartError('PostgreSQL did not stop.', {
          logTail: tail(result.output),
        })
      }
    }
  }

  /**
   * Stops the server at once and waits for it, synchronously: for the
   * process's `exit` event, where nothing asynchronous runs any more.
   */
  stopSync(): void {
    if (!this.#started) return
    this.#started = false
    spawnSync(
      this.#options.binaries.pgCtl,
      [
        'stop',
        '--wait',
        '--timeout=10',
        '--silent',
        '--mode=immediate',
        `--pgdata=${this.#options.dataDir}`,
      ],
      { ...this.#spawnOptions(), stdio: 'ignore' },
    )
  }

  get #logFile(): string {
    return path.join(this.#options.dataDir, 'postgresql.log')
  }

  #isRunning(): boolean {
    return fs.existsSync(path.join(this.#options.dataDir, 'postmaster.pid'))
  }

  #spawnOptions(): SpawnOptions {
    const { account } = this.#options
    return {
      ...(account ? { uid: account.uid, gid: account.gid } : {}),
      // English messages whatever the machine's locale: they are read back.
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
    }
  }

  /** Runs a program to its end, its output collected; never throws on spawn. */
  #run(
    command: string,
    args: readonly string[],
  ): Promise<{ code: number; output: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        ...this.#spawnOptions(),
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      const collect = (chunk: Buffer) => {
        output += chunk.toString('utf8')
      }
      child.stdout?.on('data', collect)
      child.stderr?.on('data', collect)
      child.on('error', (error: NodeJS.ErrnoException) => {
        reject(
          new LocalRedshiftStartError(
            `Could not run ${command} (${error.code ?? error.message})` +
              (error.code === 'EACCES' && this.#options.account
                ? `: the \`${this.#options.account.name}\` user PostgreSQL runs as cannot execute it.`
                : '.'),
            { cause: error },
          ),
        )
      })
      child.on('close', (code) => resolve({ code: code ?? 1, output }))
    })
  }
}

/** The last lines of a log: where the reason a start failed is. */
function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}

function readIfExists(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

function pidFrom(log: string): number | undefined {
  const match = /PID (\d+)/.exec(log)
  return match ? Number(match[1]) : undefined
}
