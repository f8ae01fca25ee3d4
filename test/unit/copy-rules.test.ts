import { describe, expect, it } from 'vitest'

import { copyInto } from '../../src/commands/copy/index.js'
import {
  COPY_KEYWORDS,
  COPY_RULES,
} from '../../src/commands/copy/copy-rules.js'
import { CommandOptionError } from '../../src/errors/command-option-error.js'
import { offlineDb } from './copy-helpers.js'
import {
  APPLY,
  breaking,
  SECRET,
  SOURCES,
  type AnyCopy,
} from './copy-rule-cases.js'

const db = offlineDb()

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
