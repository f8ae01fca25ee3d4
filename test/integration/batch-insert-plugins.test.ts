import {
  CamelCasePlugin,
  Kysely,
  OperationNodeTransformer,
  PrimitiveValueListNode,
  sql,
  ValueNode,
  type KyselyPlugin,
  type LogEvent,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { batchInsert } from '../../src/batch/index.js'
import { withQuerySettings } from '../../src/dialect/index.js'
import { RedshiftUnsupportedError } from '../../src/errors/index.js'
import { RedshiftDialect } from '../../src/dialect/redshift-dialect.js'
import { startOwnEmulator, type OwnEmulator } from './local-test-helpers.js'
import { uniqueAppName } from './pool-helpers.js'

interface DB {
  saleLines: { lineId: number; unitPrice: number; note: string | null }
}

/** Upper-cases every string value, wherever Kysely put it: a plugin that changes values. */
class UpperCaseValues extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return typeof node.value === 'string'
      ? ValueNode.create(node.value.toUpperCase())
      : node
  }

  protected override transformPrimitiveValueList(
    node: PrimitiveValueListNode,
  ): PrimitiveValueListNode {
    return PrimitiveValueListNode.create(
      node.values.map((v) => (typeof v === 'string' ? v.toUpperCase() : v)),
    )
  }
}

/** Redacts the string 'secret' and hands every other query back untouched. */
class RedactSecrets implements KyselyPlugin {
  readonly #transformer = new (class extends OperationNodeTransformer {
    protected override transformPrimitiveValueList(
      node: PrimitiveValueListNode,
    ): PrimitiveValueListNode {
      return PrimitiveValueListNode.create(
        node.values.map((v) => (v === 'secret' ? '[redacted]' : v)),
      )
    }
  })()
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node
    const values = (node as { values?: { values?: PrimitiveValueListNode[] } })
      .values?.values
    const secret = values?.some(
      (row) =>
        row.kind === 'PrimitiveValueListNode' && row.values.includes('secret'),
    )
    return secret ? this.#transformer.transformNode(node) : node
  }
  async transformResult(
    args: PluginTransformResultArgs,
  ): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

class UpperCasePlugin implements KyselyPlugin {
  readonly #transformer = new UpperCaseValues()
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node)
  }
  async transformResult(
    args: PluginTransformResultArgs,
  ): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}

const line = (i: number) => ({
  lineId: i,
  unitPrice: i * 10,
  note: i % 4 === 0 ? null : `note ${i}`,
})

// Chunks of the same shape share one compiled text (a named statement);
// the instance's plugins and query settings must apply to every one.
describe('batchInsert and the instance: plugins, query settings, named statements', () => {
  let emulator: OwnEmulator
  let db: Kysely<DB>
  const events: LogEvent[] = []

  beforeAll(async () => {
    emulator = await startOwnEmulator('batch_plugins', {})
    db = new Kysely<DB>({
      dialect: new RedshiftDialect({
        url: emulator.local.url,
        tls: 'disable',
        applicationName: uniqueAppName('batch_plugins'),
        pool: { max: 1 },
      }),
      plugins: [new CamelCasePlugin()],
      log: (event) => {
        events.push(event)
      },
    })
    await sql`create table sale_lines (line_id int not null, unit_price int not null, note varchar(40))`.execute(
      db,
    )
  })

  afterAll(async () => {
    await db?.destroy()
    await emulator?.stop()
  })

  beforeEach(async () => {
    await sql`delete from sale_lines`.execute(db)
    events.length = 0
  })

  const stored = async () =>
    (
      await sql<{
        line_id: number
        unit_price: number
        note: string | null
      }>`select line_id, unit_price, note from sale_lines order by line_id`.execute(
        db.withoutPlugins(),
      )
    ).rows

  it('CamelCasePlugin names the columns of every chunk, uniform rows or not', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => line(i + 1))
    const result = await batchInsert(db, 'saleLines', rows, { maxRows: 3 })
    expect(result).toMatchObject({ rowsInserted: 10, chunks: 4 })
    const inserts = events
      .map((e) => e.query.sql)
      .filter((text) => text.startsWith('insert'))
    expect(inserts).toHaveLength(4)
    expect(inserts[0]).toBe(
      'insert into "sale_lines" ("line_id", "unit_price", "note") values ($1, $2, $3), ($4, $5, $6), ($7, $8, $9)',
    )
    // Same shape, same text: the second and third chunks reuse the first's.
    expect(inserts[1]).toBe(inserts[0])
    expect(inserts[2]).toBe(inserts[0])
    expect(await stored()).toEqual(
      rows.map((r) => ({
        line_id: r.lineId,
        unit_price: r.unitPrice,
        note: r.note,
      })),
    )

    // Rows of different columns take Kysely's own path; still camel-cased.
    await sql`delete from sale_lines`.execute(db)
    await batchInsert(
      db,
      'saleLines',
      [
        { lineId: 1, unitPrice: 1 },
        { lineId: 2, unitPrice: 2, note: 'two' },
      ],
      { maxRows: 3 },
    )
    expect(await stored()).toEqual([
      { line_id: 1, unit_price: 1, note: null },
      { line_id: 2, unit_price: 2, note: 'two' },
    ])
  })

  it('a plugin that changes values changes them in every chunk', async () => {
    const upper = db.withPlugin(new UpperCasePlugin())
    const rows = Array.from({ length: 7 }, (_, i) => line(i + 1))
    await batchInsert(upper, 'saleLines', rows, { maxRows: 2 })
    expect((await stored()).map((r) => r.note)).toEqual(
      rows.map((r) => r.note?.toUpperCase() ?? null),
    )
  })

  it('a plugin that changes only a later chunk is still seen there', async () => {
    // The first chunks leave the plugin nothing to do; the last chunk has
    // the same shape, so only running the plugins again catches its value.
    const rows = Array.from({ length: 9 }, (_, i) => line(i + 1))
    rows[7] = { ...rows[7]!, note: 'secret' }
    await batchInsert(db.withPlugin(new RedactSecrets()), 'saleLines', rows, {
      maxRows: 4,
    })
    expect((await stored()).map((r) => r.note)).toEqual(
      rows.map((r) => (r.note === 'secret' ? '[redacted]' : r.note)),
    )
  })

  it("the compiler's value check holds in every chunk of one shape", async () => {
    const rows: { lineId: number; unitPrice: number; note: unknown }[] =
      Array.from({ length: 9 }, (_, i) => line(i + 1))
    rows[6] = { ...rows[6]!, note: ['a', 'b'] }
    const failure = await batchInsert(db, 'saleLines', rows as never[], {
      maxRows: 3,
    }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(RedshiftUnsupportedError)
    expect((failure as Error).message).toMatch(/array parameters/)
    expect(await stored()).toEqual([])
  })

  it('withQuerySettings labels every chunk in the query log', async () => {
    const labels = async () =>
      (
        await sql<{ label: string }>`
          select trim(label) as label from stl_query
          where querytxt like 'insert into "sale_lines"%' order by query`.execute(
          db,
        )
      ).rows.map((row) => row.label)
    const before = (await labels()).length
    const labelled = withQuerySettings(db, { queryGroup: 'batch_nightly' })
    await batchInsert(
      labelled,
      'saleLines',
      Array.from({ length: 9 }, (_, i) => line(i + 1)),
      { maxRows: 4 },
    )
    expect((await labels()).slice(before)).toEqual([
      'batch_nightly',
      'batch_nightly',
      'batch_nightly',
    ])
  })

  it('deallocates its named statements once done', async () => {
    await batchInsert(
      db,
      'saleLines',
      Array.from({ length: 9 }, (_, i) => line(i + 1)),
      { maxRows: 4 },
    )
    // The connection drops them before its next statement outside a transaction.
    await sql`select 1`.execute(db)
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_prepared_statements
      where name like 'batch_insert_%'`.execute(db)
    expect(rows[0]!.n).toBe(0)
  })
})
