import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import {
  createTestDatabase,
  type TestDatabase,
} from '../setup/test-database.js'

describe('test harness', () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase('harness')
  })
  afterAll(async () => {
    await db.drop()
  })

  it('gives each file a real PostgreSQL database of its own', async () => {
    expect(inject('databaseUrl')).toMatch(/^postgres(ql)?:\/\//)
    const client = new pg.Client({ connectionString: db.url })
    await client.connect()
    try {
      const { rows } = await client.query(
        'select current_database() as name, version() as v',
      )
      expect(rows[0].name).toBe(db.name)
      expect(rows[0].v).toMatch(/^PostgreSQL \d+/)
    } finally {
      await client.end()
    }
  })
})
