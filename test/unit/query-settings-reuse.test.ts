import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'

import { withQuerySettings } from '../../src/dialect/query-settings-plugin.js'
import { createMockRedshift } from '../../src/testing/index.js'

interface DB {
  sales: { id: number }
}

// A builder or `sql` template keeps one query id for every run, whichever
// instance runs it: the settings must follow the instance of each run.
describe('withQuerySettings on a query run more than once', () => {
  it('applies a view’s settings only to the runs through that view', async () => {
    const mock = createMockRedshift<DB>()
    const etl = withQuerySettings(mock.db, { queryGroup: 'etl' })
    const timed = withQuerySettings(mock.db, { statementTimeoutMs: 5_000 })
    const query = sql`select 1`
    await query.execute(etl)
    await query.execute(mock.db)
    await query.execute(timed)
    await query.execute(etl)
    expect(
      mock.queries.map((q) => [
        q.session.queryGroup,
        q.session.statementTimeoutMs,
      ]),
    ).toEqual([
      ['etl', undefined],
      [undefined, undefined],
      [undefined, 5_000],
      ['etl', undefined],
    ])
  })

  it('keeps the settings of a query compiled through a view when it runs later', async () => {
    const mock = createMockRedshift<DB>()
    const etl = withQuerySettings(mock.db, { queryGroup: 'etl' })
    const compiled = etl.selectFrom('sales').selectAll().compile()
    await mock.db.selectFrom('sales').selectAll().execute()
    await mock.db.executeQuery(compiled)
    await mock.db.executeQuery(compiled)
    expect(mock.queries.map((q) => q.session.queryGroup)).toEqual([
      undefined,
      'etl',
      'etl',
    ])
  })
})
