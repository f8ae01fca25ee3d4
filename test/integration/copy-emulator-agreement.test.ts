import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { compileAuthorization } from '../../src/commands/authorization.js'
import { copyInto } from '../../src/commands/copy/index.js'
import {
  COPY_COLUMNAR,
  COPY_RULES,
} from '../../src/commands/copy/copy-rules.js'
import type { CopyState } from '../../src/commands/copy/copy-state.js'
import { quoteLiteral } from '../../src/sql/literal.js'
import { offlineDb } from '../unit/copy-helpers.js'
import { breaking } from '../unit/copy-rule-cases.js'
import {
  connect,
  errorOf,
  startOwnEmulator,
  type OwnEmulator,
} from './local-test-helpers.js'

// The emulator judges COPY on its own (it never imports the builder), so the
// two agreeing is evidence that both follow Redshift's rules, not each other.

const db = offlineDb()
// No such prefix: the statement is judged, then fails for want of files.
const s3 = () =>
  copyInto(db, 'sales').from('s3://bucket/none/').iamRole('default')

// What the emulator says when it judged the options fine and went looking
// for data it does not have, or reached something it does not emulate.
const NOT_ABOUT_OPTIONS =
  /does not exist|NoSuchKey|not supported by the local emulator|^ENCRYPTED is not supported$|no IDENTITY column/

const accepted: [string, () => { compile(): { sql: string } }][] = [
  ['S3 prefix', () => s3()],
  ['manifest', () => s3().manifest()],
  ['region', () => s3().region('us-east-1')],
  ['CSV QUOTE DELIMITER', () => s3().csv({ quote: '%' }).delimiter(';')],
  ['DELIMITER tab', () => s3().delimiter('\t')],
  [
    'FIXEDWIDTH',
    () =>
      s3().fixedWidth([
        ['id', 1],
        ['qty', 2],
      ]),
  ],
  ['JSON auto ignorecase', () => s3().json('auto ignorecase')],
  ['JSON JSONPaths', () => s3().json('s3://bucket/none/paths.json')],
  ['JSON noshred', () => s3().json('noshred')],
  ['AVRO', () => s3().avro()],
  [
    'PARQUET with all it allows',
    () =>
      s3()
        .manifest()
        .parquet()
        .serializeToJson()
        .acceptInvChars()
        .fillRecord()
        .statUpdate(true),
  ],
  ['ORC', () => s3().orc()],
  [
    'SHAPEFILE SIMPLIFY AUTO',
    () => s3().shapefile({ simplify: { auto: true, tolerance: 1e-5 } }),
  ],
  ['GZIP', () => s3().gzip()],
  ['BZIP2', () => s3().bzip2()],
  ['LZOP', () => s3().lzop()],
  ['ZSTD', () => s3().zstd()],
  [
    'every data conversion',
    () =>
      s3()
        .acceptAnyDate()
        .acceptInvChars('^')
        .blanksAsNull()
        .dateFormat('auto')
        .emptyAsNull()
        .encoding('UTF16LE')
        .escape()
        .fillRecord()
        .ignoreBlankLines()
        .ignoreHeader(1)
        .nullAs('NA')
        .removeQuotes()
        .roundec()
        .timeFormat('epochmillisecs')
        .trimBlanks()
        .truncateColumns(),
  ],
  [
    'every load operation',
    () =>
      s3()
        .compRows(2000)
        .compUpdate('PRESET')
        .maxError(3)
        .noLoad()
        .statUpdate(false),
  ],
  ['IGNOREALLERRORS', () => s3().ignoreAllErrors()],
  [
    'access key',
    () =>
      copyInto(db, 'sales').from('s3://bucket/none/').accessKey({
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 'SECRET',
        sessionToken: 'TOKEN',
      }),
  ],
  [
    'column list',
    () =>
      copyInto(db, 'sales', ['id', 'qty'])
        .from('s3://bucket/none/')
        .iamRole('default')
        .csv(),
  ],
]

/** The SQL of a builder's state as compile() would write it, without the rules check. */
function uncheckedSql(state: CopyState): string {
  return [
    'COPY "sales" FROM',
    quoteLiteral(state.source!.url),
    compileAuthorization('COPY', state.authorization!).sql,
    ...state.options.map((option) => option.sql),
  ].join(' ')
}

// How the emulator's messages name the keywords that stand for no keyword.
const SPOKEN: Record<string, RegExp> = {
  S3: /S3/,
  DYNAMODB: /DynamoDB/i,
  EMR: /EMR/,
  [COPY_COLUMNAR]: /PARQUET|ORC/,
}
const named = (keyword: string) =>
  SPOKEN[keyword] ?? new RegExp(keyword.replace(' ', '\\s+'), 'i')

describe('the emulator agrees with the COPY builder', () => {
  let emulator: OwnEmulator
  let client: pg.Client

  beforeAll(async () => {
    emulator = await startOwnEmulator('copy_agreement', {
      s3Dir: '/nonexistent-s3-dir',
    })
    client = await connect(emulator.local.url)
    await client.query('create table sales (id int, qty int, note varchar(10))')
  })

  afterAll(async () => {
    await client?.end()
    await emulator?.stop()
  })

  it.each(accepted)('accepts the options of: %s', async (_name, build) => {
    const error = await errorOf(client.query(build().compile().sql))
    expect(error.message).toMatch(NOT_ABOUT_OPTIONS)
  })

  it.each(
    COPY_RULES.map(
      (rule) =>
        [
          `${rule.kind} ${rule.option} ${'other' in rule ? rule.other : ''}`,
          rule,
        ] as const,
    ),
  )('refuses what the rule %s refuses', async (_name, rule) => {
    const state = (breaking(rule) as unknown as { state: CopyState }).state
    const error = await errorOf(client.query(uncheckedSql(state)))
    if (/not supported by the local emulator/.test(error.message)) {
      // Refused for reaching what it does not emulate (DynamoDB, EMR, SSH,
      // ORC, SHAPEFILE), not for this rule: only those may say so.
      const held = [
        state.source!.keyword,
        ...state.options.map((o) => o.keyword),
      ]
      const unemulated = ['DYNAMODB', 'EMR', 'SSH', 'ORC', 'SHAPEFILE']
      expect(held.some((k) => unemulated.includes(k))).toBe(true)
      return
    }
    expect(error.message).not.toMatch(/does not exist|NoSuchKey/)
    const keywords =
      rule.kind === 'refused' ? [rule.option] : [rule.option, rule.other]
    expect(
      keywords.some((k) => named(k).test(error.message)),
      error.message,
    ).toBe(true)
  })
})
