import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createRedshift, type RedshiftClient } from '../../src/client.js'
import { withQuerySettings } from '../../src/dialect/index.js'
import type { Params } from '../../src/prepared/index.js'
import { createMockRedshift } from '../../src/testing/index.js'
import { startOwnEmulator, type OwnEmulator } from './local-test-helpers.js'

interface DB {
  items: { id: number; name: string | null }
}

// The commands are methods of the client and of every instance derived from
// it, and run through the instance they are called on: a query group set
// with withQuerySettings labels the COPY and the UNLOAD too.
describe('the client commands (copyInto, unload, prepare, batchInsert)', () => {
  let s3Dir: string
  let emulator: OwnEmulator
  let db: RedshiftClient<DB>

  const labelsOf = async (pattern: string) => {
    const { rows } = await sql<{ label: string }>`
      select trim(label) as label from stl_query
      where querytxt like ${pattern} order by query`.execute(db)
    return rows.map((row) => row.label)
  }

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'client-commands-'))
    await mkdir(join(s3Dir, 'bucket', 'in'), { recursive: true })
    await writeFile(join(s3Dir, 'bucket', 'in', 'items.txt'), '1|one\n2|\\N\n')
    emulator = await startOwnEmulator('client_commands', { s3Dir })
    db = createRedshift<DB>({ url: emulator.local.url, pool: { max: 2 } })
    await db.schema
      .createTable('items')
      .addColumn('id', 'integer')
      .addColumn('name', 'varchar(20)')
      .execute()
  })

  afterAll(async () => {
    await db?.close()
    await emulator?.stop()
    await rm(s3Dir, { recursive: true, force: true })
  })

  beforeEach(async () => {
    await db.deleteFrom('items').execute()
  })

  it('copyInto and unload run through a derived instance, with its settings', async () => {
    const etl = withQuerySettings(db, { queryGroup: 'etl_nightly' })
    const copied = await etl
      .copyInto('items', ['id', 'name'])
      .from('s3://bucket/in/')
      .iamRole('default')
      .execute()
    expect(copied.rowsLoaded).toBe(2)
    const unloaded = await etl
      .unload(etl.selectFrom('items').select(['id', 'name']).orderBy('id'))
      .to('s3://bucket/out/items_')
      .iamRole('default')
      .format('csv')
      .parallel(false)
      .execute()
    expect(unloaded.rowsUnloaded).toBe(2)
    expect(unloaded.files.length).toBeGreaterThan(0)
    expect(await labelsOf('COPY "items"%')).toEqual(['etl_nightly'])
    expect(await labelsOf('UNLOAD %')).toEqual(['etl_nightly'])
  })

  it('prepare, batchInsert and toReadable are client methods too', async () => {
    const inserted = await db.batchInsert('items', [
      { id: 1, name: 'a' },
      { id: 2, name: null },
    ])
    expect(inserted.rowsInserted).toBe(2)
    const byId = db.prepare('client_items_by_id', (p: Params<{ id: number }>) =>
      db.selectFrom('items').select('name').where('id', '=', p.id),
    )
    expect(await byId.execute({ id: 1 })).toEqual([{ name: 'a' }])
    await byId.deallocate()
    const streamed: unknown[] = []
    for await (const row of db.toReadable(
      db.selectFrom('items').select(['id', 'name']).orderBy('id'),
      { chunkSize: 1 },
    )) {
      streamed.push(row)
    }
    expect(streamed).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: null },
    ])
  })

  it('the mock client has the commands and records their statements', async () => {
    const mock = createMockRedshift<DB>()
    const compiled = mock.db
      .copyInto('items')
      .from('s3://bucket/in/')
      .iamRole('default')
      .csv()
      .compile()
    expect(compiled.sql).toBe(
      `COPY "items" FROM 's3://bucket/in/' IAM_ROLE default CSV`,
    )
    expect(compiled.parameters).toEqual([])
  })
})
