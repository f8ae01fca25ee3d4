/**
 * `npm run soak`: a fixed number of operations through the local Redshift
 * emulator while it injects random faults, with every policy on (retries,
 * circuit breaker, time limits), then a check of the data.
 *
 * Operations (from a seeded generator, so a run can be replayed): reads,
 * idempotent writes with unique keys (insert-if-absent, marked idempotent),
 * and transactions (a ledger row and an account update, re-run as a whole
 * on a serialization failure or a lost connection). Faults, armed every few
 * milliseconds: connections dropped before or after a statement is sent,
 * retryable server errors (1023, 40001, 53000, 53300), stalls shorter than
 * the time limit, refused connects.
 *
 * Counted: `leaked_connections` (connections still checked out of the pool
 * once every call settled, plus our sessions still open on the server after
 * close), `hung_calls` (calls unsettled after SOAK_HANG_MS),
 * `duplicated_writes` (keys written more than once), `lost_acknowledged_writes`
 * (writes or transactions whose call resolved, missing from the data), and
 * `read_success_rate`.
 *
 * Last line: `{"bench":"soak","ops":N,"leaked_connections":0,"hung_calls":0,
 * "duplicated_writes":0,"lost_acknowledged_writes":0,"read_success_rate":P}`.
 * Targets: the four counters 0, P >= 0.999, N >= 10,000.
 *
 * Environment: SOAK_OPS (default 10000), SOAK_CONCURRENCY (8), SOAK_SEED,
 * SOAK_MAX_MS (time bound of the run, default 600000), SOAK_HANG_MS (30000),
 * SOAK_FAULT_EVERY_MS (25).
 */
import { Kysely, sql, type Driver } from 'kysely'
import pg from 'pg'

import { RedshiftDialect } from '../../src/dialect/redshift-dialect.js'
import type { RedshiftDriver } from '../../src/dialect/redshift-driver.js'
import {
  ConnectionLostError,
  SerializationFailureError,
  UnknownOutcomeError,
} from '../../src/errors/index.js'
import { startLocalRedshift } from '../../src/local/index.js'
import { idempotent } from '../../src/resilience/idempotent.js'
import { startPostgres } from '../setup/start-postgres.js'
import { envInt, markdownTable } from './bench-utils.js'

const OPS = envInt('SOAK_OPS', 10_000)
const CONCURRENCY = envInt('SOAK_CONCURRENCY', 8)
const SEED = envInt('SOAK_SEED', 20_261_201)
const MAX_MS = envInt('SOAK_MAX_MS', 600_000)
const HANG_MS = envInt('SOAK_HANG_MS', 30_000)
const FAULT_EVERY_MS = envInt('SOAK_FAULT_EVERY_MS', 25)
const ACCOUNTS = 16
const APP = `soak-${process.pid}`

interface DB {
  kv: { k: string; v: number }
  ledger: { k: string; account: number }
  accounts: { id: number; balance: number }
}

/** A small seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Keeps the driver, to read its pool's counts. */
class SoakDialect extends RedshiftDialect {
  driver: RedshiftDriver | undefined
  override createDriver(): Driver {
    this.driver = super.createDriver() as RedshiftDriver
    return this.driver
  }
}

const HUNG = Symbol('hung')

/** `work`, or HUNG when it has not settled after `ms`. */
async function settledWithin<T>(
  work: Promise<T>,
  ms: number,
): Promise<T | typeof HUNG> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<typeof HUNG>((resolve) => {
    timer = setTimeout(() => resolve(HUNG), ms)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main(): Promise<void> {
  const postgres = await startPostgres()
  const local = await startLocalRedshift({ port: 0, pgUrl: postgres.url })
  const admin = new pg.Client({ connectionString: local.url })
  await admin.connect()
  await admin.query('create table kv (k varchar(40), v int)')
  await admin.query('create table ledger (k varchar(40), account int)')
  await admin.query('create table accounts (id int, balance int)')
  await admin.query(
    `insert into accounts values ${Array.from({ length: ACCOUNTS }, (_, i) => `(${i}, 0)`).join(', ')}`,
  )

  const dialect = new SoakDialect({
    config: {
      url: local.url,
      applicationName: APP,
      pool: { max: CONCURRENCY, acquireTimeoutMs: 10_000 },
      retry: { maxAttempts: 6, initialDelayMs: 5, maxDelayMs: 200 },
      circuitBreaker: { failureThreshold: 20, halfOpenAfterMs: 200 },
      queryTimeoutMs: 3_000,
      cancelTimeoutMs: 1_000,
    },
  })
  const db = new Kysely<DB>({ dialect })
  const next = random(SEED)
  const watcher = new pg.Pool({ connectionString: postgres.url, max: 2 })
  async function sessionGone(pid: number | undefined): Promise<void> {
    if (pid === undefined) return
    for (let i = 0; i < 100; i++) {
      const { rows } = await watcher.query(
        'select count(*)::int as n from pg_stat_activity where pid = $1',
        [pid],
      )
      if (rows[0].n === 0) return
      await sleep(20)
    }
  }

  const acknowledged = new Set<string>()
  const acknowledgedTransactions = new Set<string>()
  let reads = 0
  let readsOk = 0
  let writes = 0
  let writesUnknown = 0
  let writesFailed = 0
  let transactions = 0
  let transactionRetries = 0
  let transactionsFailed = 0
  let hung = 0
  let done = 0
  const failures = new Map<string, number>()
  const noteFailure = (error: unknown) => {
    const name = (error as Error)?.name ?? String(error)
    failures.set(name, (failures.get(name) ?? 0) + 1)
  }

  // ----------------------------------------------------------- the faults
  let injecting = true
  const injected = new Map<string, number>()
  const inject = (name: string) =>
    injected.set(name, (injected.get(name) ?? 0) + 1)
  const faultRandom = random(SEED ^ 0x5eed)
  const injector = (async () => {
    while (injecting) {
      await sleep(FAULT_EVERY_MS)
      const r = faultRandom()
      if (r < 0.3) {
        const when = faultRandom() < 0.5 ? 'before-send' : 'after-send'
        local.faults.dropConnection({ when })
        inject(`drop ${when}`)
      } else if (r < 0.6) {
        const [code, message] = (
          [
            ['XX000', '1023'],
            ['40001', 'could not serialize access due to concurrent update'],
            ['53000', 'insufficient resources: WLM queue wait timeout'],
            [
              '53300',
              'connection limit "500" exceeded for non-bootstrap users',
            ],
          ] as const
        )[Math.floor(faultRandom() * 4)]!
        local.faults.failNext({ code, message })
        inject(`error ${code}`)
      } else if (r < 0.85) {
        const remove = local.faults.addLatency({
          ms: 20 + Math.floor(faultRandom() * 200),
        })
        setTimeout(remove, 50)
        inject('stall')
      } else {
        local.faults.refuseConnections({ count: 1 })
        inject('refuse connect')
      }
    }
  })()

  // ------------------------------------------------------- the operations
  async function read(i: number): Promise<void> {
    reads++
    try {
      if (i % 2 === 0) {
        await db
          .selectFrom('kv')
          .select(sql<number>`count(*)`.as('n'))
          .where('k', '=', `w-${Math.floor(next() * i)}`)
          .execute()
      } else {
        await db.selectFrom('accounts').selectAll().execute()
      }
      readsOk++
    } catch (error) {
      noteFailure(error)
    }
  }

  async function write(i: number): Promise<void> {
    writes++
    const k = `w-${i}`
    try {
      await idempotent(
        sql`insert into kv (k, v) select ${k}, ${i} where not exists (select 1 from kv where k = ${k})`,
      ).execute(db)
      acknowledged.add(k)
    } catch (error) {
      if (error instanceof UnknownOutcomeError) writesUnknown++
      else writesFailed++
      noteFailure(error)
    }
  }

  async function transaction(i: number): Promise<void> {
    transactions++
    const k = `t-${i}`
    const account = Math.floor(next() * ACCOUNTS)
    for (let attempt = 1; attempt <= 30; attempt++) {
      try {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('ledger').values({ k, account }).execute()
          await trx
            .updateTable('accounts')
            .set({ balance: sql`balance + 1` })
            .where('id', '=', account)
            .execute()
        })
        acknowledgedTransactions.add(k)
        return
      } catch (error) {
        if (error instanceof UnknownOutcomeError) {
          // The COMMIT's answer was lost: once the lost session is gone
          // from the server, the ledger says whether it committed.
          await sessionGone(error.backendPid)
          const { rows } = await sql<{
            n: number
          }>`select count(*)::int as n from ledger where k = ${k}`
            .execute(db)
            .catch(() => ({ rows: [] as { n: number }[] }))
          if (rows[0]?.n === 1) {
            acknowledgedTransactions.add(k)
            return
          }
          if (rows[0] === undefined) {
            noteFailure(error)
            transactionsFailed++
            return
          }
        } else if (
          !(error instanceof SerializationFailureError) &&
          !(error instanceof ConnectionLostError) &&
          !(error as { isRetryable?: boolean }).isRetryable
        ) {
          noteFailure(error)
          transactionsFailed++
          return
        }
        transactionRetries++
        await sleep(
          Math.min(200, 5 * 2 ** Math.min(attempt, 6)) * (0.5 + next() / 2),
        )
      }
    }
    transactionsFailed++
  }

  const started = performance.now()
  let issued = 0
  const worker = async () => {
    while (issued < OPS && performance.now() - started < MAX_MS) {
      const i = issued++
      const r = next()
      const op = r < 0.6 ? read(i) : r < 0.85 ? write(i) : transaction(i)
      const outcome = await settledWithin(op, HANG_MS)
      if (outcome === HUNG) hung++
      if (++done % 1000 === 0) {
        process.stderr.write(
          `soak: ${done} operations in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
        )
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const elapsedMs = performance.now() - started
  injecting = false
  await injector
  local.faults.reset()

  // ---------------------------------------------------------- the checks
  const stats = dialect.driver?.pool.stats()
  const checkedOut = stats?.inUse ?? 0
  const duplicatesIn = async (table: 'kv' | 'ledger') => {
    const { rows } = await admin.query<{ k: string }>(
      `select k from ${table} group by k having count(*) > 1 order by k`,
    )
    return rows.map((row) => row.k)
  }
  const kvDuplicates = await duplicatesIn('kv')
  const ledgerDuplicates = await duplicatesIn('ledger')
  await watcher.end()
  const { rows: keys } = await admin.query<{ k: string }>(
    'select k from kv union all select k from ledger',
  )
  const present = new Set(keys.map((row) => row.k))
  let lost = 0
  for (const k of acknowledged) if (!present.has(k)) lost++
  for (const k of acknowledgedTransactions) if (!present.has(k)) lost++
  const { rows: totals } = await admin.query(
    'select (select coalesce(sum(balance), 0)::int from accounts) as balance, (select count(*)::int from ledger) as ledger',
  )

  await db.destroy()
  // Sessions of ours the server still has once the client is closed.
  const direct = new pg.Client({ connectionString: postgres.url })
  await direct.connect()
  let open = 0
  for (let i = 0; i < 50; i++) {
    const { rows } = await direct.query(
      'select count(*)::int as n from pg_stat_activity where application_name = $1',
      [APP],
    )
    open = rows[0].n
    if (open === 0) break
    await sleep(100)
  }
  await direct.end()
  await admin.end()
  await local.stop()
  await postgres.stop()

  const readSuccessRate = reads === 0 ? 1 : readsOk / reads
  process.stdout.write(
    `${markdownTable(
      ['measure', 'value'],
      [
        ['operations', String(done)],
        ['elapsed s', (elapsedMs / 1000).toFixed(1)],
        ['reads (ok / all)', `${readsOk} / ${reads}`],
        [
          'idempotent writes (acknowledged / unknown / failed)',
          `${acknowledged.size} / ${writesUnknown} / ${writesFailed}`,
        ],
        [
          'transactions (committed / failed / re-runs)',
          `${acknowledgedTransactions.size} / ${transactionsFailed} / ${transactionRetries}`,
        ],
        [
          'ledger rows / sum of balances',
          `${totals[0].ledger} / ${totals[0].balance}`,
        ],
        [
          'keys written twice (kv / ledger)',
          `${kvDuplicates.join(',') || 'none'} / ${ledgerDuplicates.join(',') || 'none'}`,
        ],
        [
          'faults injected',
          [...injected].map(([name, n]) => `${name}: ${n}`).join(', '),
        ],
        [
          'failures seen by callers',
          [...failures].map(([name, n]) => `${name}: ${n}`).join(', ') ||
            'none',
        ],
        [
          'pool at the end (in use / size)',
          `${checkedOut} / ${stats?.size ?? 0}`,
        ],
        ['our sessions open after close', String(open)],
      ],
    )}\n`,
  )
  process.stdout.write(
    `${JSON.stringify({
      bench: 'soak',
      ops: done,
      leaked_connections: checkedOut + open,
      hung_calls: hung,
      duplicated_writes: kvDuplicates.length + ledgerDuplicates.length,
      lost_acknowledged_writes: lost,
      read_success_rate: Number(readSuccessRate.toFixed(5)),
    })}\n`,
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
