import { describe, expect, it } from 'vitest'

import { copyInto } from '../../src/commands/copy/index.js'
import {
  COPY_COLUMNAR,
  COPY_KEYWORDS,
  COPY_RULES,
} from '../../src/commands/copy/copy-rules.js'
import type { OptionRule } from '../../src/commands/option-rule.js'
import { CommandOptionError } from '../../src/errors/command-option-error.js'
import { offlineDb } from './copy-helpers.js'

// The builder without its types: the rules must hold for what the types
// would not let through (casts, raw options, plain JavaScript).
type AnyCopy = Record<string, (...args: unknown[]) => AnyCopy> & {
  compile(): unknown
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'
const db = offlineDb()

// How to make a builder hold each keyword of the rules table.
const APPLY: Record<string, (b: AnyCopy) => AnyCopy> = {
  MANIFEST: (b) => b.manifest!(),
  SSH: (b) => b.ssh!(),
  ENCRYPTED: (b) => b.encrypted!(),
  REGION: (b) => b.region!('us-west-2'),
  READRATIO: (b) => b.readRatio!(50),
  ACCESS_KEY_ID: (b) => b.rawOption!('ACCESS_KEY_ID', 'AKIAEXAMPLE'),
  SECRET_ACCESS_KEY: (b) => b.rawOption!('SECRET_ACCESS_KEY', SECRET),
  SESSION_TOKEN: (b) => b.rawOption!('SESSION_TOKEN', SECRET),
  CREDENTIALS: (b) =>
    b.rawOption!('CREDENTIALS', `aws_secret_access_key=${SECRET}`),
  IAM_ROLE: (b) => b.rawOption!('IAM_ROLE', 'arn:aws:iam::1:role/r'),
  MASTER_SYMMETRIC_KEY: (b) => b.rawOption!('MASTER_SYMMETRIC_KEY', SECRET),
  CSV: (b) => b.csv!(),
  QUOTE: (b) => b.rawOption!('QUOTE', '%'),
  DELIMITER: (b) => b.delimiter!(';'),
  FIXEDWIDTH: (b) => b.fixedWidth!([['id', 4]]),
  JSON: (b) => b.json!(),
  AVRO: (b) => b.avro!(),
  PARQUET: (b) => b.parquet!(),
  ORC: (b) => b.orc!(),
  [COPY_COLUMNAR]: (b) => b.orc!(),
  SERIALIZETOJSON: (b) => b.serializeToJson!(),
  SHAPEFILE: (b) => b.shapefile!(),
  SIMPLIFY: (b) => b.rawOption!('SIMPLIFY'),
  GZIP: (b) => b.gzip!(),
  BZIP2: (b) => b.bzip2!(),
  LZOP: (b) => b.lzop!(),
  ZSTD: (b) => b.zstd!(),
  ACCEPTANYDATE: (b) => b.acceptAnyDate!(),
  ACCEPTINVCHARS: (b) => b.acceptInvChars!('?'),
  BLANKSASNULL: (b) => b.blanksAsNull!(),
  DATEFORMAT: (b) => b.dateFormat!('auto'),
  EMPTYASNULL: (b) => b.emptyAsNull!(),
  ENCODING: (b) => b.encoding!('UTF16'),
  ESCAPE: (b) => b.escape!(),
  EXPLICIT_IDS: (b) => b.explicitIds!(),
  FILLRECORD: (b) => b.fillRecord!(),
  IGNOREBLANKLINES: (b) => b.ignoreBlankLines!(),
  IGNOREHEADER: (b) => b.ignoreHeader!(1),
  'NULL AS': (b) => b.nullAs!('NA'),
  REMOVEQUOTES: (b) => b.removeQuotes!(),
  ROUNDEC: (b) => b.roundec!(),
  TIMEFORMAT: (b) => b.timeFormat!('epochsecs'),
  TRIMBLANKS: (b) => b.trimBlanks!(),
  TRUNCATECOLUMNS: (b) => b.truncateColumns!(),
  COMPROWS: (b) => b.compRows!(10_000),
  COMPUPDATE: (b) => b.compUpdate!(false),
  IGNOREALLERRORS: (b) => b.ignoreAllErrors!(),
  MAXERROR: (b) => b.maxError!(10),
  NOLOAD: (b) => b.noLoad!(),
  STATUPDATE: (b) => b.statUpdate!(true),
}

const SOURCES: Record<string, string> = {
  S3: 's3://bucket/prefix/',
  DYNAMODB: 'dynamodb://Orders',
  EMR: 'emr://j-CLUSTER/hdfs/part-*',
}

/**
 * A COPY that breaks `rule` and nothing else: the source the rule is about
 * (or, for "needs S3", not S3), a DynamoDB source with the READRATIO it needs
 * unless that is the rule, the authorization the rule is not about, then
 * the rule's option(s).
 */
function breaking(rule: OptionRule): AnyCopy {
  const pair =
    rule.kind === 'refused' ? [rule.option] : [rule.option, rule.other]
  const held = rule.kind === 'requires' ? [rule.option] : pair
  let source = held.find((k) => k in SOURCES) ?? 'S3'
  if (rule.kind === 'requires' && rule.other === 'S3') source = 'EMR'
  let b = (copyInto(db, 'sales') as unknown as AnyCopy).from!(SOURCES[source]!)
  const base =
    held.includes('CREDENTIALS') && !held.includes('IAM_ROLE')
      ? 'CREDENTIALS'
      : 'IAM_ROLE'
  b =
    base === 'CREDENTIALS'
      ? b.credentials!('aws_iam_role=arn:aws:iam::1:role/r')
      : b.iamRole!('default')
  if (
    source === 'DYNAMODB' &&
    !(rule.kind === 'requires' && rule.option === 'DYNAMODB')
  ) {
    b = b.readRatio!(10)
  }
  for (const keyword of held) {
    if (keyword in SOURCES || keyword === base) continue
    b = APPLY[keyword]!(b)
  }
  return b
}

function thrown(build: () => unknown): CommandOptionError {
  try {
    build()
  } catch (error) {
    expect(error).toBeInstanceOf(CommandOptionError)
    return error as CommandOptionError
  }
  throw new Error('expected a CommandOptionError')
}

describe('COPY_RULES, the table of COPY option rules', () => {
  it('has a reason for every row and no row twice', () => {
    const seen = new Set<string>()
    for (const rule of COPY_RULES) {
      expect(rule.command).toBe('COPY')
      expect(rule.rule.length).toBeGreaterThan(10)
      const key = `${rule.kind} ${rule.option} ${'other' in rule ? rule.other : ''}`
      expect(seen.has(key), key).toBe(false)
      seen.add(key)
    }
    expect(COPY_RULES.length).toBeGreaterThan(100)
  })

  it('can make a builder hold every keyword it names', () => {
    for (const rule of COPY_RULES) {
      for (const k of rule.kind === 'refused'
        ? [rule.option]
        : [rule.option, rule.other]) {
        expect(k in APPLY || k in SOURCES, k).toBe(true)
      }
    }
    for (const k of COPY_KEYWORDS) {
      if (k !== 'FROM') expect(k in APPLY || k in SOURCES, k).toBe(true)
    }
  })

  it.each(
    COPY_RULES.map(
      (rule) =>
        [
          `${rule.kind} ${rule.option} ${'other' in rule ? rule.other : ''}`,
          rule,
        ] as const,
    ),
  )(
    'refuses %s at compile time, naming the options and this rule',
    (_name, rule) => {
      const builder = breaking(rule)
      const error = thrown(() => builder.compile())
      expect(error.command).toBe('COPY')
      expect(error.option).toBe(rule.option)
      expect(error.rule).toBe(rule.rule)
      if (rule.kind === 'refused') {
        expect(error.other).toBeUndefined()
        expect(error.message).toBe(`COPY: ${rule.option}: ${rule.rule}`)
      } else {
        expect(error.other).toBe(rule.other)
        const relation = rule.kind === 'requires' ? 'without' : 'with'
        expect(error.message).toBe(
          `COPY: ${rule.option} ${relation} ${rule.other}: ${rule.rule}`,
        )
      }
      // Nothing of a secret a raw option carried reaches the message.
      expect(error.message).not.toContain(SECRET)
      expect(error.stack ?? '').not.toContain(SECRET)
    },
  )

  it('accepts each source with what it allows (the rows are not stricter than the docs say)', () => {
    const ok = (b: () => { compile(): unknown }) =>
      expect(() => b().compile()).not.toThrow()
    ok(() =>
      copyInto(db, 'sales')
        .from('dynamodb://Orders')
        .iamRole('default')
        .readRatio(200)
        .region('us-east-1')
        .acceptAnyDate()
        .blanksAsNull()
        .dateFormat('auto')
        .emptyAsNull()
        .roundec()
        .timeFormat('auto')
        .trimBlanks()
        .truncateColumns()
        .compUpdate(false)
        .maxError(3)
        .noLoad()
        .statUpdate(false),
    )
    ok(() =>
      copyInto(db, 'sales')
        .from('emr://j-1/hdfs/*')
        .iamRole('default')
        .csv()
        .gzip()
        .ignoreHeader(1)
        .maxError(1),
    )
    ok(() =>
      copyInto(db, 'sales')
        .from('s3://b/ssh_manifest')
        .iamRole('default')
        .ssh()
        .region('us-east-1')
        .gzip()
        .compUpdate(false),
    )
    ok(() =>
      copyInto(db, 'sales')
        .from('s3://b/m')
        .iamRole('default')
        .manifest()
        .encrypted()
        .region('eu-west-1')
        .json('auto ignorecase')
        .zstd()
        .ignoreHeader(0)
        .acceptInvChars()
        .explicitIds()
        .ignoreAllErrors(),
    )
  })
})

describe('secrets never reach an error', () => {
  const token = 'IQoJb3JpZ2luX2VjEXAMPLETOKEN'
  const errors = [
    thrown(() =>
      (
        copyInto(db, 'sales')
          .from('s3://b/k')
          .accessKey({
            accessKeyId: 'AKIAEXAMPLE',
            secretAccessKey: SECRET,
            sessionToken: token,
          })
          .parquet() as unknown as AnyCopy
      ).region!('us-east-1').compile(),
    ),
    thrown(() =>
      copyInto(db, 'sales').from('s3://b/k').accessKey({
        accessKeyId: '',
        secretAccessKey: SECRET,
        sessionToken: token,
      }),
    ),
    thrown(() =>
      copyInto(db, 'sales').from('s3://b/k').accessKey({
        accessKeyId: 'AKIA',
        secretAccessKey: SECRET,
        sessionToken: '',
      }),
    ),
    thrown(() =>
      copyInto(db, 'sales')
        .from('s3://b/k')
        .credentials(
          `aws_access_key_id=AKIA;aws_secret_access_key=${SECRET};master_symmetric_key=${token}`,
        ),
    ),
    thrown(() =>
      copyInto(db, 'sales').from('s3://b/k').credentials(`${SECRET} ${token}`),
    ),
    thrown(() =>
      copyInto(db, 'sales')
        .from('s3://b/k')
        .iamRole('default')
        .rawOption('MASTER_SYMMETRIC_KEY', `${SECRET}\0`),
    ),
    thrown(() =>
      copyInto(db, 'sales')
        .from('s3://b/k')
        .iamRole('default')
        .rawOption('SESSION_TOKEN', `${token}`)
        .compile(),
    ),
  ]

  it.each(errors.map((e) => [e.message, e] as const))(
    '%s',
    (_message, error) => {
      for (const text of [
        error.message,
        error.stack ?? '',
        JSON.stringify(error),
      ]) {
        expect(text).not.toContain(SECRET)
        expect(text).not.toContain(token)
      }
    },
  )
})
