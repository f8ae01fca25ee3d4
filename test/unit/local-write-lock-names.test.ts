import { describe, expect, it } from 'vitest'

import { searchPathSchemas } from '../../src/local/runtime/search-path.js'
import {
  WriteLockTables,
  type WrittenNameQuery,
} from '../../src/local/runtime/write-lock-tables.js'
import { WriteLocks } from '../../src/local/runtime/write-locks.js'

// How the write locks name a table: the search_path value read as
// PostgreSQL reads it, and one lock per OID whatever the spelling.
// https://docs.aws.amazon.com/redshift/latest/dg/r_search_path.html

describe('searchPathSchemas', () => {
  it.each([
    ['"$user", public', ['pg_catalog', 'alice', 'public']],
    ['$user,public', ['pg_catalog', 'alice', 'public']],
    ['  Etl , "Mixed""Case" ', ['pg_catalog', 'etl', 'Mixed"Case']],
    ['public, pg_catalog', ['public', 'pg_catalog']],
    ['pg_temp, s1', ['pg_catalog', 's1']],
    ['', ['pg_catalog']],
  ])('%j', (path, schemas) => {
    expect(searchPathSchemas(path, 'alice')).toEqual(schemas)
  })

  it.each(['a,,b', '"open', 'a b', 'a,'])(
    '%j is a value PostgreSQL refuses',
    (path) => {
      expect(searchPathSchemas(path, 'alice')).toBeUndefined()
    },
  )
})

describe('WriteLockTables', () => {
  it('groups names by user and path, the default path looked up once', async () => {
    const queries: WrittenNameQuery[] = []
    const defaults: string[] = []
    const tables = new WriteLockTables({
      defaultPath: async (_db, user) => {
        defaults.push(user)
        return '"$user", public'
      },
      oids: async (_db, query) => {
        queries.push(query)
        return query.names.map(([, name]) => (name === 't' ? 100123 : null))
      },
    })
    const bare = { name: 't', user: 'alice', path: undefined }
    const qualified = { name: 'public.t', user: 'alice', path: undefined }
    const other = { name: 'u', user: 'alice', path: 's1' }
    await tables.note('dev', [bare, qualified, other])
    expect(defaults).toEqual(['alice'])
    expect(queries).toEqual([
      {
        schemas: ['pg_catalog', 'alice', 'public'],
        user: 'alice',
        names: [
          [null, 't'],
          ['public', 't'],
        ],
      },
      { schemas: ['pg_catalog', 's1'], user: 'alice', names: [[null, 'u']] },
    ])
    expect(tables.idOf('dev', bare)).toBe(100123)
    expect(tables.idOf('dev', qualified)).toBe(100123)
    expect(tables.idOf('dev', other)).toBeNull()
    // Known now: nothing is asked again until DDL.
    expect(tables.note('dev', [bare])).toBeUndefined()
    tables.forget('dev')
    expect(tables.idOf('dev', bare)).toBeUndefined()
  })
})

describe('WriteLocks', () => {
  const table = (name: string, id: number | undefined) => ({
    database: 'dev',
    name,
    id,
    mode: 'RowExclusiveLock',
  })

  it('one OID is one lock, whatever the name; a name without one is its own', () => {
    const locks = new WriteLocks()
    expect(locks.acquire(1, [table('t', 100123)])).toBeUndefined()
    expect(locks.acquire(2, [table('public.t', 100123)])).toBeInstanceOf(
      Promise,
    )
    expect(locks.waitsFor(2)).toBe(1)
    expect(locks.waits('dev')).toMatchObject([
      { pid: 2, relation: 100123, mode: 'RowExclusiveLock' },
    ])
    expect(locks.waits('other')).toEqual([])
    expect(locks.acquire(3, [table('t', undefined)])).toBeUndefined()
    locks.release(1)
    expect(locks.waitsFor(2)).toBeUndefined()
    expect(locks.waits('dev')).toEqual([])
  })
})
