// Two emulators on one PostgreSQL server (parallel test workers, each with a
// database of its own): one reading a view that lists every database sets up
// a database it finds new, and must not impose its options on a database the
// other emulator set up at the same moment.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { installCatalog } from '../../src/local/catalog/install-catalog.js'
import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'
import {
  connect,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

/** The catalog install's advisory lock (install-catalog.ts). */
const INSTALL_LOCK_KEY = 4200917

describe('a database set up by another emulator while this one reads it', () => {
  let reader: OwnEmulator
  let served: TestDatabase
  let direct: pg.Client
  let server: pg.Client

  beforeAll(async () => {
    reader = await startOwnEmulator('local_shared_reader')
    served = await createTestDatabase('local_shared_served')
    direct = new pg.Client({ connectionString: served.url })
    await direct.connect()
    server = new pg.Client({ connectionString: inject('databaseUrl') })
    await server.connect()
  })
  afterAll(async () => {
    await direct?.end()
    await server?.end()
    await reader?.stop()
    await served?.drop()
  })

  it('keeps the WLM queues of the emulator that installed the catalog', async () => {
    // The serving emulator's install holds the lock when the read arrives
    // and finds no catalog yet.
    await direct.query('begin')
    await direct.query('select pg_catalog.pg_advisory_xact_lock($1)', [
      INSTALL_LOCK_KEY,
    ])
    const client = await connect(reader.local.url)
    try {
      const read = client.query(
        'select count(*)::int as n from svv_redshift_tables',
      )
      read.catch(() => undefined)
      // The reader's install waits on the lock in the served database.
      for (let i = 0; ; i++) {
        const { rows } = await server.query<{ n: number }>(
          `select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
           where l.locktype = 'advisory' and not l.granted and d.datname = $1`,
          [served.name],
        )
        if (rows[0]!.n > 0) break
        if (i > 600)
          throw new Error('the read never waited on the install lock')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      const installed = await installCatalog(direct, {
        wlmQueues: [
          { serviceClass: 6, name: 'etl', slots: 2, queryGroups: ['etl'] },
          { serviceClass: 7, name: 'Default queue', slots: 3, isDefault: true },
        ],
      })
      expect(installed.created).toBe(true)
      await read
    } finally {
      await client.end()
    }
    const { rows } = await direct.query(
      'select trim(name) as name, num_query_tasks as slots from stv_wlm_service_class_config where service_class >= 6 order by service_class',
    )
    expect(rows).toEqual([
      { name: 'etl', slots: 2 },
      { name: 'Default queue', slots: 3 },
    ])
  })
})
