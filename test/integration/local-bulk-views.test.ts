import fs from 'node:fs'

import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openEmulatorDatabase } from './local-test-helpers.js'

interface CatalogColumn {
  readonly name: string
  readonly type: string | null
  readonly type_guess?: string
}

const catalog = JSON.parse(
  fs.readFileSync('/work/shared/reference/redshift-catalog.json', 'utf8'),
) as { views: Record<string, { columns: CatalogColumn[] }> }

/** The COPY / UNLOAD views, beyond the ones the catalog test already checks. */
const VIEWS = [
  'stl_load_commits',
  'sys_load_history',
  'sys_load_error_detail',
  'sys_unload_history',
  'sys_unload_detail',
] as const

/** A documented type as format_type() spells it. */
function spelled(type: string): string {
  const t = type.trim().toLowerCase()
  const sized = /^(\w[\w ]*?)\s*\((.+)\)$/.exec(t)
  const base = sized ? sized[1]! : t
  const names: Record<string, string> = {
    char: 'character',
    timestamp: 'timestamp without time zone',
  }
  return `${names[base] ?? base}${sized ? `(${sized[2]})` : ''}`
}

describe('the COPY and UNLOAD system views', () => {
  let client: pg.Client
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ client, close } = await openEmulatorDatabase('local_bulk_views'))
  })
  afterAll(() => close())

  for (const view of VIEWS) {
    it(`${view} has the documented columns, names and types in order`, async () => {
      const { rows } = await client.query<{ name: string; type: string }>(
        `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
         from pg_attribute a
         where a.attrelid = ('pg_catalog.' || $1)::regclass and a.attnum > 0
         order by a.attnum`,
        [view],
      )
      const documented = catalog.views[view]!.columns.map((c) => ({
        name: c.name,
        type: spelled((c.type ?? c.type_guess)!),
      }))
      expect(rows).toEqual(documented)
    })
  }

  it('are readable unqualified by any user, like the other system views', async () => {
    await client.query('create user bulk_reader password disable')
    try {
      await client.query('set session authorization bulk_reader')
      for (const view of VIEWS) {
        const { rows } = await client.query(
          `select count(*)::int as n from ${view}`,
        )
        expect(rows[0].n).toBeGreaterThanOrEqual(0)
      }
    } finally {
      await client.query('reset session authorization')
      await client.query('drop user bulk_reader')
    }
  })
})
