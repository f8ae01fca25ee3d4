import net from 'node:net'

import {
  freePort,
  startEmbeddedPostgres,
} from '../../src/local/runtime/embedded-postgres.js'

export { freePort }

/** A PostgreSQL server the suite can use, and how to stop it. */
export interface StartedPostgres {
  readonly url: string
  readonly source: 'DATABASE_URL' | 'embedded-postgres' | 'testcontainers'
  stop(): Promise<void>
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
  const server = await startEmbeddedPostgres({ unsafeFast: true })
  return { url: server.url, source: 'embedded-postgres', stop: server.stop }
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
