import { describe, expect, it } from 'vitest'

import { unload, UNLOAD_RULES } from '../../src/commands/unload/index.js'
import { CommandOptionError } from '../../src/errors/command-option-error.js'
import { compileOnlyDb } from '../setup/schema-database.js'

const db = compileOnlyDb()
const query = db.selectFrom('sales').select(['id', 'person_id', 'qty'])

// `any`: the table builds combinations the types refuse on purpose.
type AnyBuilder = any
type Step = (b: AnyBuilder) => AnyBuilder

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

/**
 * How to give each keyword of the rule table through the builder: its own
 * method where there is one. Keywords that only exist next to another one
 * (VERBOSE, INCLUDE) or that the API never writes alone (MASTER_SYMMETRIC_KEY)
 * go through the raw-option escape hatch, whose keywords the rules check too.
 */
const natural: Record<string, Step> = {
  CSV: (b) => b.format('csv'),
  PARQUET: (b) => b.format('parquet'),
  JSON: (b) => b.format('json'),
  'PARTITION BY': (b) => b.partitionBy(['person_id']),
  INCLUDE: (b) => b.option('INCLUDE'),
  MANIFEST: (b) => b.manifest(),
  VERBOSE: (b) => b.option('VERBOSE'),
  HEADER: (b) => b.header(),
  DELIMITER: (b) => b.delimiter(','),
  FIXEDWIDTH: (b) => b.fixedWidth({ id: 5, person_id: 5, qty: 5 }),
  ENCRYPTED: (b) => b.option('ENCRYPTED'),
  'ENCRYPTED AUTO': (b) => b.encrypted('auto'),
  KMS_KEY_ID: (b) => b.encrypted({ kmsKeyId: 'key-1' }),
  MASTER_SYMMETRIC_KEY: (b) => b.option('MASTER_SYMMETRIC_KEY', SECRET),
  BZIP2: (b) => b.bzip2(),
  GZIP: (b) => b.gzip(),
  ZSTD: (b) => b.zstd(),
  ADDQUOTES: (b) => b.addQuotes(),
  'NULL AS': (b) => b.nullAs('NULL'),
  ESCAPE: (b) => b.escape(),
  ALLOWOVERWRITE: (b) => b.allowOverwrite(),
  CLEANPATH: (b) => b.cleanPath(),
  ROWGROUPSIZE: (b) => b.rowGroupSize(64),
  CREDENTIALS: (b) =>
    b.authorization({
      credentials: `aws_access_key_id=AKIDEXAMPLE;aws_secret_access_key=${SECRET}`,
    }),
}

/** A keyword alone, without what its method brings along. */
const alone: Record<string, Step> = {
  KMS_KEY_ID: (b) => b.option('KMS_KEY_ID', 'key-1'),
}

/** What a natural step gives besides its own keyword. */
const provides: Record<string, readonly string[]> = {
  KMS_KEY_ID: ['ENCRYPTED'],
  'ENCRYPTED AUTO': ['ENCRYPTED'],
}

function withAuthorization(b: AnyBuilder, keywords: readonly string[]) {
  return keywords.includes('CREDENTIALS')
    ? b
    : b.authorization({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET })
}

function build(steps: readonly Step[], keywords: readonly string[]) {
  const start = unload(db, query).to('s3://b/p_') as AnyBuilder
  return steps.reduce((b, step) => step(b), withAuthorization(start, keywords))
}

function stepFor(keyword: string, table = natural): Step {
  const step = table[keyword] ?? natural[keyword]
  if (step === undefined) throw new Error(`no builder step for ${keyword}`)
  return step
}

function errorOf(run: () => unknown): CommandOptionError {
  try {
    run()
  } catch (error) {
    return error as CommandOptionError
  }
  throw new Error('expected a CommandOptionError')
}

describe('UNLOAD option rules, driven by the table', () => {
  it('has one row per rule, each with a reason', () => {
    expect(UNLOAD_RULES.length).toBeGreaterThanOrEqual(30)
    for (const rule of UNLOAD_RULES) {
      expect(rule.command).toBe('UNLOAD')
      expect(rule.rule.length).toBeGreaterThan(20)
    }
    const pairs = UNLOAD_RULES.map((r) =>
      'other' in r
        ? `${r.kind} ${r.option} ${r.other}`
        : `${r.kind} ${r.option}`,
    )
    expect(new Set(pairs).size).toBe(pairs.length)
  })

  it.each(UNLOAD_RULES.map((rule) => [describeRule(rule), rule] as const))(
    'refuses %s',
    (_name, rule) => {
      let error: CommandOptionError
      if (rule.kind === 'excludes') {
        const keywords = [rule.option, rule.other]
        error = errorOf(() =>
          build(
            [stepFor(rule.option), stepFor(rule.other, alone)],
            keywords,
          ).compile(),
        )
        // Both directions of a pair are rows; the first in table order fires.
        expect([error.option, error.other].sort()).toEqual(
          [rule.option, rule.other].sort(),
        )
      } else if (rule.kind === 'requires') {
        error = errorOf(() =>
          build([stepFor(rule.option, alone)], [rule.option]).compile(),
        )
        expect(error).toMatchObject({ option: rule.option, other: rule.other })
        expect(error.rule).toBe(rule.rule)
      } else {
        error = errorOf(() =>
          build([stepFor(rule.option)], [rule.option]).compile(),
        )
        expect(error).toMatchObject({ option: rule.option, rule: rule.rule })
        expect(error.other).toBeUndefined()
      }
      expect(error).toBeInstanceOf(CommandOptionError)
      expect(error.command).toBe('UNLOAD')
      expect(error.message).toContain(error.option)
      if (error.other !== undefined)
        expect(error.message).toContain(error.other)
      expect(error.message).not.toContain(SECRET)
    },
  )

  it('accepts each option of the table on its own (with what it requires)', () => {
    const keywords = new Set(
      UNLOAD_RULES.flatMap((r) => ('other' in r ? [r.option, r.other] : [])),
    )
    for (const keyword of keywords) {
      if (keyword === 'MASTER_SYMMETRIC_KEY' || keyword === 'ENCRYPTED')
        continue
      const needs = UNLOAD_RULES.filter(
        (r) => r.kind === 'requires' && r.option === keyword,
      )
        .map((r) => (r as { other: string }).other)
        .filter((need) => !provides[keyword]?.includes(need))
      const all = [...needs, keyword]
      expect(() =>
        build(
          all.map((k) => stepFor(k)),
          all,
        ).compile(),
      ).not.toThrow()
    }
  })

  it('refuses ENCRYPTED without a KMS key or AUTO (retired client-side encryption)', () => {
    const error = errorOf(() => build([natural.ENCRYPTED!], []).compile())
    expect(error).toMatchObject({ command: 'UNLOAD', option: 'ENCRYPTED' })
    expect(error.message).toMatch(/retired/)
  })

  it('refuses a master symmetric key inside CREDENTIALS, without showing it', () => {
    const error = errorOf(() =>
      unload(db, query)
        .to('s3://b/p_')
        .authorization({
          credentials: `aws_iam_role=arn:aws:iam::1:role/r;master_symmetric_key=${SECRET}`,
        }),
    )
    expect(error).toMatchObject({ option: 'MASTER_SYMMETRIC_KEY' })
    expect(error.message).not.toContain(SECRET)
  })

  it('refuses an option given twice', () => {
    const b = unload(db, query).to('s3://b/p_').iamRole('default') as AnyBuilder
    expect(() => b.header().header()).toThrow(/HEADER is already set/)
    expect(() => b.option('gzip').gzip()).toThrow(/GZIP is already set/)
    expect(() => b.to('s3://b/q_')).toThrow(/TO is already set/)
    expect(() => b.iamRole('default')).toThrow(/already set/)
  })

  it('needs TO and an authorization', () => {
    expect(() =>
      (unload(db, query) as AnyBuilder).iamRole('default').compile(),
    ).toThrow(/UNLOAD: TO: give the target prefix/)
    expect(() =>
      (unload(db, query) as AnyBuilder).to('s3://b/p_').compile(),
    ).toThrow(/UNLOAD: authorization: give how Redshift reaches S3/)
  })
})

describe('UNLOAD option values', () => {
  const b = unload(db, query).to('s3://b/p_').iamRole('default') as AnyBuilder

  it.each<[string, Step, RegExp]>([
    [
      'a path outside S3',
      (x) => unload(db, query).to('/tmp/x' as never),
      /TO: the target is an S3 path/,
    ],
    [
      'an empty path',
      () => unload(db, query).to(''),
      /TO: expected a non-empty string/,
    ],
    [
      'an access-point alias',
      () => unload(db, query).to('s3://my-ap-abc123-s3alias/p_'),
      /access-point aliases/,
    ],
    [
      'a two-character delimiter',
      (x) => x.delimiter('||'),
      /single ASCII character/,
    ],
    [
      'a non-ASCII delimiter',
      (x) => x.delimiter('é'),
      /single ASCII character/,
    ],
    ['a NUL delimiter', (x) => x.delimiter('\0'), /NUL/],
    ['MAXFILESIZE under 5 MB', (x) => x.maxFileSize(4), /5 MB to 6.2 GB/],
    [
      'MAXFILESIZE over 6.2 GB',
      (x) => x.maxFileSize(6.3, 'GB'),
      /5 MB to 6.2 GB/,
    ],
    ['MAXFILESIZE in KB', (x) => x.maxFileSize(5000, 'KB'), /'MB' or 'GB'/],
    [
      'ROWGROUPSIZE under 32 MB',
      (x) => x.format('parquet').rowGroupSize(31),
      /32 MB to 128 MB/,
    ],
    [
      'ROWGROUPSIZE over 128 MB',
      (x) => x.format('parquet').rowGroupSize(1, 'GB'),
      /32 MB to 128 MB/,
    ],
    [
      'a zero width',
      (x) => x.fixedWidth({ id: 0, person_id: 1, qty: 1 }),
      /"id" must be a positive integer/,
    ],
    [
      'a label with a colon',
      (x) => x.fixedWidth({ 'a:b': 1 }),
      /cannot be empty or contain/,
    ],
    ['an empty PARTITION BY', (x) => x.partitionBy([]), /at least one column/],
    [
      'a PARTITION BY column twice',
      (x) => x.partitionBy(['id', 'id']),
      /listed twice/,
    ],
    [
      'an empty KMS key id',
      (x) => x.encrypted({ kmsKeyId: '' }),
      /KMS_KEY_ID: expected a non-empty string/,
    ],
    [
      'an unknown format',
      (x) => x.format('avro'),
      /'csv', 'parquet' or 'json'/,
    ],
    [
      'a raw keyword with punctuation',
      (x) => x.option("X'; DROP"),
      /bare words/,
    ],
    ['a raw keyword with a newline', (x) => x.option('A\nB'), /bare words/],
    ['a negative raw number', (x) => x.option('X', -1), /non-negative/],
    [
      'a chain of 11 roles',
      () =>
        unload(db, query).iamRole(
          Array.from({ length: 11 }, (_, i) => `arn:aws:iam::1:role/r${i}`),
        ),
      /1 to 10 ARNs/,
    ],
  ])('refuses %s', (_name, step, message) => {
    const error = errorOf(() => step(b).compile())
    expect(error).toBeInstanceOf(CommandOptionError)
    expect(error.message).toMatch(message)
  })

  it('refuses a statement over 16 MB', { timeout: 60_000 }, () => {
    const big = 'x'.repeat(6 * 1024 * 1024)
    const q = db
      .selectFrom('sales')
      .select('id')
      .where('price', 'in', [big, big, big])
    const error = errorOf(() =>
      unload(db, q).to('s3://b/p_').iamRole('default').compile(),
    )
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toMatch(/16 MB/)
  })

  it(
    'counts the UNLOAD statement itself against 16 MB',
    { timeout: 60_000 },
    () => {
      // The inner query fits (about 15.2 MB: the value's 1.5 M quotes doubled),
      // but quoting it into UNLOAD doubles them again (about 18.4 MB).
      const MB = 1024 * 1024
      const value = 'x'.repeat(11.5 * MB) + "'".repeat(1.5 * MB)
      const q = db.selectFrom('sales').select('id').where('price', '=', value)
      expect(() => q.compile()).not.toThrow()
      const error = errorOf(() =>
        unload(db, q).to('s3://b/p_').iamRole('default').compile(),
      )
      expect(error).toMatchObject({ command: 'UNLOAD', option: 'statement' })
      expect(error.message).toMatch(/larger than 16 MB/)
    },
  )
})

function describeRule(rule: (typeof UNLOAD_RULES)[number]): string {
  return 'other' in rule
    ? `${rule.option} ${rule.kind === 'excludes' ? 'with' : 'without'} ${rule.other}`
    : `${rule.option} (refused)`
}
