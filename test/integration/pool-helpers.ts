import { randomBytes } from 'node:crypto'
import type { EventEmitter } from 'node:events'

import pg from 'pg'
import { beforeEach } from 'vitest'

/** A `connect` option for the pool that tags every client with `applicationName`. */
export function connectTo(
  url: string,
  applicationName: string,
  onConnect?: () => void,
): () => Promise<pg.Client> {
  return async () => {
    onConnect?.()
    const client = new pg.Client({
      connectionString: url,
      application_name: applicationName,
    })
    // Until the pool has the client, an 'error' must not go unheard.
    client.on('error', () => {})
    await client.connect()
    return client
  }
}

/** A fresh application_name, so one pool's backends can be told apart. */
export function uniqueAppName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`
}

/** How many server backends are connected to `database` as `applicationName`. */
export async function serverBackends(
  admin: Pick<pg.Client, 'query'>,
  database: string,
  applicationName: string,
): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    'select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = $2',
    [database, applicationName],
  )
  return rows[0]!.n
}

/**
 * Waits until `check` returns true. Used only for server-side state that has
 * no event of its own (a backend process exits a moment after its socket
 * closes); everything in the pool is awaited through events.
 */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Resolves with the arguments of the first `event` whose arguments satisfy `match`. */
export function nextEvent<A extends unknown[]>(
  emitter: EventEmitter,
  event: string,
  match: (...args: A) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<A> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener)
      reject(new Error(`no '${event}' event within ${timeoutMs} ms`))
    }, timeoutMs)
    const listener = (...args: unknown[]) => {
      if (match(...(args as A))) {
        clearTimeout(timer)
        emitter.off(event, listener)
        resolve(args as A)
      }
    }
    emitter.on(event, listener)
  })
}

/**
 * Counts the round trips a client makes from now on, by reading the frontend
 * messages it writes to its socket: a simple Query ('Q') or a Sync ('S') is
 * the end of one request the server answers with ReadyForQuery.
 */
export function countRoundTrips(client: pg.Client): {
  readonly count: () => number
  readonly statements: () => readonly string[]
} {
  let count = 0
  const statements: string[] = []
  const stream = client.connection.stream
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (Buffer.isBuffer(chunk)) {
      let offset = 0
      while (offset + 5 <= chunk.length) {
        const type = String.fromCharCode(chunk[offset]!)
        const length = chunk.readInt32BE(offset + 1)
        if (type === 'Q') {
          count++
          statements.push(
            chunk
              .toString('utf8', offset + 5, offset + length)
              .replace(/\0$/, ''),
          )
        } else if (type === 'S') {
          count++
        } else if (type === 'P') {
          // Parse: name\0 text\0 ...; keep the text for the record.
          const nameEnd = chunk.indexOf(0, offset + 5)
          const textEnd = chunk.indexOf(0, nameEnd + 1)
          statements.push(chunk.toString('utf8', nameEnd + 1, textEnd))
        }
        offset += 1 + length
      }
    }
    return write(chunk, ...rest)
  }) as typeof stream.write
  return { count: () => count, statements: () => statements }
}

/** Round trips of a metered pool's connection, counted per test. */
export interface RoundTripMeter {
  /** Every statement text sent so far, in order. */
  readonly statements: () => readonly string[]
  /** Round trips since the test (or the last call) began. */
  readonly spent: () => number
  /** Counts on each connection `pool` opens from now on (one, with `max: 1`). */
  readonly attach: (pool: {
    on(
      event: 'connect',
      listener: (connection: { readonly client: pg.Client }) => void,
    ): unknown
  }) => void
}

/**
 * Registers a `beforeEach` that starts each test's count afresh, so `spent()`
 * is what that test cost; call `attach(driver.pool)` once the driver exists.
 */
export function useRoundTripMeter(): RoundTripMeter {
  let trips: ReturnType<typeof countRoundTrips> | undefined
  let mark = 0
  const count = () => trips?.count() ?? 0
  beforeEach(() => {
    mark = count()
  })
  return {
    statements: () => trips?.statements() ?? [],
    spent: () => {
      const n = count() - mark
      mark = count()
      return n
    },
    attach: (pool) => {
      pool.on('connect', (connection) => {
        trips = countRoundTrips(connection.client)
      })
    },
  }
}
