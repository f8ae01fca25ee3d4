import { loadModule } from 'libpg-query'
import { beforeAll, describe, expect, it } from 'vitest'

import { ExternalSchemaNames } from '../../src/local/sql/spectrum/external-reads.js'
import {
  rewriteViewExternalReads,
  viewsNamed,
} from '../../src/local/sql/spectrum/view-external-reads.js'
import { parseOneStatement } from '../../src/local/sql/parse-tree.js'

// A late-binding view's query as the catalog keeps it: each external
// table read through redshift_local.external_rows, under its own name
// unless the query gives it an alias.
describe('late-binding view queries over external tables', () => {
  const names = new ExternalSchemaNames()
  names.add('spectrum')

  // The rewrite parses synchronously, which needs the parser loaded first.
  beforeAll(() => loadModule())

  it('reads each external table through external_rows, keeping aliases', () => {
    expect(
      rewriteViewExternalReads(
        'select s.id, sales.qty from spectrum.sales s join "spectrum"."sales" on sales.id = s.id',
        names,
      ),
    ).toBe(
      'select s.id, sales.qty from redshift_local.external_rows(NULL::"spectrum"."sales") s join redshift_local.external_rows(NULL::"spectrum"."sales") AS "sales" on sales.id = s.id',
    )
  })

  it('leaves local tables, aliases named like the schema and strings alone', () => {
    const query =
      "select spectrum.id, 'spectrum.sales' from public.t spectrum where spectrum.id > 1"
    expect(rewriteViewExternalReads(query, names)).toBe(query)
  })

  it('counts bytes before a reference as libpg-query does', () => {
    expect(
      rewriteViewExternalReads(
        "select 'é' as e, id from spectrum.sales",
        names,
      ),
    ).toBe(
      `select 'é' as e, id from redshift_local.external_rows(NULL::"spectrum"."sales") AS "sales"`,
    )
  })

  it('refuses a view that names "$path" as an emulator limit', () => {
    const result = rewriteViewExternalReads(
      'select "$path" from spectrum.sales',
      names,
    )
    expect(result).toMatchObject({ code: '0A000' })
  })

  it('finds the views a statement names, folded as PostgreSQL holds them', () => {
    const views = new ExternalSchemaNames()
    views.addView('sales_v')
    const tree = parseOneStatement(
      'select * from public."SALES_V" join other o on true',
    )
    expect(viewsNamed(tree, views, true)).toEqual([['public', 'sales_v']])
    expect(viewsNamed(tree, views, false)).toEqual([])
  })
})
