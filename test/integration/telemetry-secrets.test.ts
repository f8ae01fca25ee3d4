import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createRedshift, type RedshiftClient } from '../../src/client.js'
import { quoteLiteral } from '../../src/sql/literal.js'
import { startOwnEmulator, type OwnEmulator } from './local-test-helpers.js'
import {
  createTestTelemetry,
  telemetryStrings,
  type TestTelemetry,
} from './telemetry-helpers.js'
import { hostileText } from '../setup/hostile-text.js'

interface DB {
  items: { id: number; name: string | null }
}

// A marker no statement, name or message of ours contains, so a value found
// in telemetry is the value, not a coincidence.
const MARK = 'Zq~'
// Anything a caller may bind or inline: quotes, backslashes, comment
// markers, dollar quotes, line breaks, any Unicode (NUL cannot travel in
// SQL text or a parameter).
const value = hostileText({
  minParts: 1,
  maxParts: 8,
  unit: 'binary',
  partLength: 6,
}).map((s) => `${MARK}${s}`)
const secret = fc
  .stringMatching(/^[A-Za-z0-9/+=]{12,40}$/)
  .map((body) => `${MARK}${body}`)

// Property: whatever the values and the credentials, none of them appears in
// any span name, attribute, event or status, nor in any metric attribute.
describe('telemetry never shows a parameter value or a secret', () => {
  let s3Dir: string
  let emulator: OwnEmulator
  let telemetry: TestTelemetry
  let db: RedshiftClient<DB>

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'telemetry-secrets-'))
    await mkdir(join(s3Dir, 'bucket', 'in'), { recursive: true })
    await writeFile(join(s3Dir, 'bucket', 'in', 'items.txt'), '1|one\n')
    emulator = await startOwnEmulator('telemetry_secrets', { s3Dir })
    telemetry = createTestTelemetry()
    db = createRedshift<DB>({
      url: emulator.local.url,
      pool: { max: 2 },
      telemetry: {
        tracerProvider: telemetry.tracerProvider,
        meterProvider: telemetry.meterProvider,
      },
    })
    await db.schema
      .createTable('items')
      .addColumn('id', 'integer')
      .addColumn('name', 'varchar(64)')
      .execute()
  })

  afterAll(async () => {
    await db?.close()
    await telemetry?.shutdown()
    await emulator?.stop()
    await rm(s3Dir, { recursive: true, force: true })
  })

  const metricStrings = async () => {
    const names = [
      'db.client.operation.duration',
      'db.client.redshift.rows_loaded',
      'db.client.redshift.rows_unloaded',
    ]
    const strings: string[] = []
    for (const name of names) {
      for (const point of await telemetry.points(name)) {
        strings.push(...Object.values(point.attributes).map(String))
      }
    }
    return strings
  }

  it('values bound, inlined, echoed by server errors; COPY and UNLOAD credentials', async () => {
    let statements = 0
    await fc.assert(
      fc.asyncProperty(
        value,
        fc.record({ id: secret, key: secret, token: secret }),
        async (v, keys) => {
          telemetry.exporter.reset()
          const settle = (run: () => Promise<unknown>) =>
            run().then(
              () => undefined,
              () => undefined,
            )
          // Bound as parameters (the insert may fail on the column's width,
          // which is a path too).
          await settle(() =>
            db.insertInto('items').values({ id: 2, name: v }).execute(),
          )
          await settle(() =>
            db.selectFrom('items').select('id').where('name', '=', v).execute(),
          )
          // Inlined as literals in raw SQL.
          await settle(() =>
            sql
              .raw(`select id from items where name = ${quoteLiteral(v)}`)
              .execute(db),
          )
          // Echoed by the server in its error message.
          await settle(() => sql`select cast(${v} as integer) as n`.execute(db))
          // COPY with keys, and with a CREDENTIALS string.
          await settle(() =>
            db
              .copyInto('items', ['id', 'name'])
              .from('s3://bucket/in/')
              .accessKey({
                accessKeyId: keys.id,
                secretAccessKey: keys.key,
                sessionToken: keys.token,
              })
              .execute(),
          )
          await settle(() =>
            db
              .copyInto('items', ['id', 'name'])
              .from('s3://bucket/missing/')
              .credentials(
                `aws_access_key_id=${keys.id};aws_secret_access_key=${keys.key}`,
              )
              .execute(),
          )
          // UNLOAD inlines the inner query's values.
          await settle(() =>
            db
              .unload(db.selectFrom('items').select('id').where('name', '=', v))
              .to('s3://bucket/out/items_')
              .iamRole(`arn:aws:iam::123456789012:role/${keys.id.slice(3, 12)}`)
              .allowOverwrite()
              .execute(),
          )
          const spans = telemetry.spans()
          statements += spans.length
          const strings = [
            ...telemetryStrings(spans),
            ...(await metricStrings()),
          ]
          for (const text of strings) {
            expect(text).not.toContain(v)
            for (const s of Object.values(keys)) expect(text).not.toContain(s)
            expect(text).not.toContain(MARK)
          }
        },
      ),
      { numRuns: 25 },
    )
    // The statements ran and were observed (not a vacuous pass).
    expect(statements).toBeGreaterThanOrEqual(25 * 8)
  })
})
