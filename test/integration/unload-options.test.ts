import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createRedshift, type RedshiftClient } from '../../src/client.js'
import type { Authorization } from '../../src/commands/authorization.js'
import { unload, type UnloadResult } from '../../src/commands/unload/index.js'
import { OPTION_CASES } from '../unit/unload-option-cases.js'
import { startOwnEmulator, type OwnEmulator } from './local-test-helpers.js'

interface DB {
  sales: { id: number; person_id: number; qty: number }
}

// Options Redshift does not have: the raw-option cases only show how the
// escape hatch is written, and a real server refuses them.
const RUNNABLE = OPTION_CASES.filter((c) => !c.name.startsWith('raw option'))

const AUTHORIZATIONS: readonly [string, Authorization][] = [
  ['a role ARN', { iamRole: 'arn:aws:iam::123456789012:role/unloader' }],
  [
    'a role chain',
    {
      iamRole: [
        'arn:aws:iam::123456789012:role/owner',
        'arn:aws:iam::210987654321:role/writer',
      ],
    },
  ],
  [
    'an access key with a session token',
    { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 's', sessionToken: 't' },
  ],
  [
    'a CREDENTIALS string',
    { credentials: 'aws_iam_role=arn:aws:iam::123456789012:role/unloader' },
  ],
]

describe('every UNLOAD option the builder writes runs on the emulator', () => {
  let s3Dir: string
  let emulator: OwnEmulator
  let db: RedshiftClient<DB>
  let count: number
  let n = 0

  const query = () => db.selectFrom('sales').select(['id', 'person_id', 'qty'])
  const prefix = () => `s3://b/run${++n}/p_`

  async function expectWritten(result: UnloadResult) {
    expect(result.rowsUnloaded).toBe(count)
    expect(result.files.length).toBeGreaterThan(0)
    let rows = 0
    for (const file of result.files) {
      const local = join(s3Dir, ...file.path.slice('s3://'.length).split('/'))
      expect((await stat(local)).size).toBe(file.bytes)
      rows += file.rows
    }
    expect(rows).toBe(count)
  }

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'unload-options-'))
    await mkdir(join(s3Dir, 'b'))
    emulator = await startOwnEmulator('unload_options', { s3Dir })
    db = createRedshift<DB>({ url: emulator.local.url, pool: { max: 1 } })
    await db.schema
      .createTable('sales')
      .addColumn('id', 'integer')
      .addColumn('person_id', 'integer')
      .addColumn('qty', 'integer')
      .execute()
    await db
      .insertInto('sales')
      .values(
        Array.from({ length: 6 }, (_, i) => ({
          id: i,
          person_id: i % 2,
          qty: i * 10,
        })),
      )
      .execute()
    count = 6
  })

  afterAll(async () => {
    await db?.close()
    await emulator?.stop()
    await rm(s3Dir, { recursive: true, force: true })
  })

  it.each(RUNNABLE)('$name', async ({ build }) => {
    const builder = build(unload(db, query()).to(prefix()).iamRole('default'))
    await expectWritten(await builder.execute())
  })

  it.each(AUTHORIZATIONS)('authorizes with %s', async (_name, auth) => {
    const builder = unload(db, query()).to(prefix()).authorization(auth)
    await expectWritten(await builder.execute())
  })
})
