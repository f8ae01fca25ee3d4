import { describe, expect, it } from 'vitest'

import {
  parseUnload,
  UNLOAD_RULES,
  type UnloadPlan,
} from '../../src/local/unload/index.js'

const HEAD = "unload ('select * from venue') to 's3://bucket/unload/venue_'"

function ok(text: string): UnloadPlan {
  const parsed = parseUnload(text)
  if (!parsed.ok) throw new Error(`refused: ${parsed.error.message}`)
  return parsed.plan
}

function refused(text: string) {
  const parsed = parseUnload(text)
  if (parsed.ok) throw new Error(`accepted: ${text}`)
  return parsed.error
}

describe('parseUnload: the inner query literal', () => {
  const cases: [string, string][] = [
    ["'select 1'", 'select 1'],
    [
      "'select * from venue where venuestate=''NV'''",
      "select * from venue where venuestate='NV'",
    ],
    // Backslash escapes are processed (Redshift's PostgreSQL 8.0 literals).
    ["'select ''a\\tb'''", "select 'a\tb'"],
    ["'select ''it\\'s'''", "select 'it's'"],
    ["'select ''a\\\\b'''", "select 'a\\b'"],
    ["'select ''\\n\\r\\b\\f'''", "select '\n\r\b\f'"],
    ["'select ''\\101\\x42\\u00e9\\q'''", "select 'ABéq'"],
    ["'select ''\\303\\251'''", "select 'é'"],
    ["'select ''é☃𝄞'''", "select 'é☃𝄞'"],
    ["E'select ''x\\\\y'''", "select 'x\\y'"],
    ["$$select 'x' || '$'$$", "select 'x' || '$'"],
    ["$q$select 'a;b'$q$", "select 'a;b'"],
    ["'select '';'''", "select ';'"],
  ]
  it.each(cases)('%s reads as %j', (literal, query) => {
    const plan = ok(`unload (${literal}) to 's3://b/p_' iam_role default`)
    expect(plan.query).toBe(query)
  })

  it('keeps the target, split into bucket and key', () => {
    const plan = ok(`${HEAD} iam_role default;`)
    expect(plan.target).toBe('s3://bucket/unload/venue_')
    expect(plan.location).toEqual({ bucket: 'bucket', key: 'unload/venue_' })
  })

  it('refuses a LIMIT on the outer SELECT, and takes a nested one', () => {
    const error = refused(
      "unload ('select * from venue limit 10') to 's3://b/p' iam_role default",
    )
    expect(error.code).toBe('0A000')
    expect(error.message).toMatch(/limit clause is not supported/i)
    expect(
      refused(
        "unload ('with v as (select 1) select * from v order by 1 LIMIT 5') to 's3://b/p' iam_role default",
      ).code,
    ).toBe('0A000')
    expect(
      ok(
        "unload ('select * from venue where venueid in (select venueid from venue order by venueid desc limit 10)') to 's3://b/p' iam_role default",
      ).query,
    ).toContain('limit 10')
    // A 'limit' inside a literal, a quoted name or a comment is no LIMIT.
    ok(
      "unload ('select ''limit'' as \"limit\" from t -- limit 1\n') to 's3://b/p' iam_role default",
    )
  })

  it('refuses what is not one SELECT', () => {
    expect(
      refused("unload ('delete from t') to 's3://b/p' iam_role default")
        .message,
    ).toBe('UNLOAD supports only a SELECT query')
    expect(
      refused("unload ('select 1; select 2') to 's3://b/p' iam_role default")
        .code,
    ).toBe('42601')
  })
})

describe('parseUnload: options', () => {
  it('applies the defaults', () => {
    const plan = ok(`${HEAD} iam_role default`)
    expect(plan).toMatchObject({
      format: 'TEXT',
      delimiter: '|',
      header: false,
      addQuotes: false,
      escape: false,
      allowOverwrite: false,
      cleanPath: false,
      parallel: true,
      maxFileSize: Math.round(6.2 * 1024 ** 3),
      rowGroupSize: 32 * 1024 ** 2,
      authorization: { kind: 'iam_role', roles: 'default' },
      credentials: {},
    })
    expect(plan.nullAs).toBeUndefined()
    expect(plan.compression).toBeUndefined()
    expect(plan.manifest).toBeUndefined()
    expect(Object.isFrozen(plan)).toBe(true)
  })

  it('reads every option with its argument syntax', () => {
    const plan = ok(
      `${HEAD} IAM_ROLE 'arn:aws:iam::123456789012:role/A,arn:aws:iam::123456789012:role/B' ` +
        'FORMAT AS CSV PARTITION BY (venuestate, "VenueCity") INCLUDE MANIFEST VERBOSE HEADER ' +
        "DELIMITER AS ';' ENCRYPTED KMS_KEY_ID 'key-1' GZIP NULL AS 'nil' ALLOWOVERWRITE " +
        "PARALLEL OFF MAXFILESIZE AS 100 MB REGION AS 'us-west-2' EXTENSION 'csv.gz'",
    )
    expect(plan).toMatchObject({
      format: 'CSV',
      partitionBy: { columns: ['venuestate', 'venuecity'], include: true },
      manifest: { verbose: true },
      header: true,
      delimiter: ';',
      encrypted: { auto: false, kmsKeyId: 'key-1' },
      compression: 'gzip',
      nullAs: 'nil',
      allowOverwrite: true,
      parallel: false,
      maxFileSize: 100 * 1024 ** 2,
      region: 'us-west-2',
      extension: 'csv.gz',
      authorization: {
        kind: 'iam_role',
        roles: [
          'arn:aws:iam::123456789012:role/A',
          'arn:aws:iam::123456789012:role/B',
        ],
      },
    })
    // PARTITION BY makes the prefix a folder.
    expect(plan.location.key).toBe('unload/venue_/')
  })

  it.each([
    ['csv', 'CSV', ','],
    ['format csv', 'CSV', ','],
    ['format as parquet', 'PARQUET', '|'],
    ['JSON', 'JSON', '|'],
  ])('format %s', (option, format, delimiter) => {
    const plan = ok(`${HEAD} iam_role default ${option}`)
    expect(plan.format).toBe(format)
    expect(plan.delimiter).toBe(delimiter)
  })

  it.each([
    ["delimiter '\\t'", '\t'],
    ["delimiter as '|'", '|'],
    ["delimiter ','", ','],
  ])('%s', (option, delimiter) => {
    expect(ok(`${HEAD} iam_role default ${option}`).delimiter).toBe(delimiter)
  })

  it.each([
    ['parallel', true],
    ['parallel on', true],
    ['parallel true', true],
    ['parallel off', false],
    ['parallel FALSE', false],
  ])('%s', (option, parallel) => {
    expect(ok(`${HEAD} iam_role default ${option}`).parallel).toBe(parallel)
  })

  it.each([
    ['maxfilesize 5', 5 * 1024 ** 2],
    ['maxfilesize 5 mb', 5 * 1024 ** 2],
    ['maxfilesize as 1 gb', 1024 ** 3],
    ['maxfilesize 6.2 gb', Math.round(6.2 * 1024 ** 3)],
    ['maxfilesize 2.5 gb', 2.5 * 1024 ** 3],
  ])('%s', (option, bytes) => {
    expect(ok(`${HEAD} iam_role default ${option}`).maxFileSize).toBe(bytes)
  })

  it.each(['maxfilesize 4 mb', 'maxfilesize 6.3 gb', 'maxfilesize 0'])(
    '%s is out of range',
    (option) => {
      const error = refused(`${HEAD} iam_role default ${option}`)
      expect(error.message).toBe('MAXFILESIZE must be between 5 MB and 6.2 GB')
    },
  )

  it('ROWGROUPSIZE: 32..128 MB, Parquet only', () => {
    expect(
      ok(`${HEAD} iam_role default parquet rowgroupsize as 64 mb`).rowGroupSize,
    ).toBe(64 * 1024 ** 2)
    for (const size of ['16 mb', '129 mb', '1 gb', '40.5 mb']) {
      expect(
        refused(`${HEAD} iam_role default parquet rowgroupsize ${size}`)
          .message,
      ).toMatch(/ROWGROUPSIZE must be an integer between 32 MB and 128 MB/)
    }
    expect(refused(`${HEAD} iam_role default rowgroupsize 64`).message).toBe(
      'ROWGROUPSIZE requires PARQUET format',
    )
  })

  it('FIXEDWIDTH spec', () => {
    expect(
      ok(`${HEAD} iam_role default fixedwidth as 'venueid:3, venuename:39'`)
        .fixedWidth,
    ).toEqual([
      { label: 'venueid', width: 3 },
      { label: 'venuename', width: 39 },
    ])
    for (const spec of ['venueid', 'a:0', 'a:x', 'a:1,,b:2']) {
      expect(
        refused(`${HEAD} iam_role default fixedwidth '${spec}'`).message,
      ).toMatch(/invalid FIXEDWIDTH specification/)
    }
  })

  it('DELIMITER is one ASCII character', () => {
    for (const d of ["''", "'||'", "'é'"]) {
      expect(refused(`${HEAD} iam_role default delimiter ${d}`).message).toBe(
        'DELIMITER must be a single ASCII character',
      )
    }
  })

  it('PARTITION BY takes column names, not string literals', () => {
    expect(
      refused(`${HEAD} iam_role default partition by ('venuestate')`).message,
    ).toMatch(/string literals are not supported in PARTITION BY/)
    expect(refused(`${HEAD} iam_role default partition by (a, a)`).code).toBe(
      '42701',
    )
    expect(refused(`${HEAD} iam_role default partition by a`).code).toBe(
      '42601',
    )
  })

  it('VERBOSE only after MANIFEST', () => {
    expect(ok(`${HEAD} iam_role default manifest verbose`).manifest).toEqual({
      verbose: true,
    })
    expect(ok(`${HEAD} iam_role default manifest`).manifest).toEqual({
      verbose: false,
    })
    expect(refused(`${HEAD} iam_role default verbose manifest`)).toMatchObject({
      code: '42601',
      message: 'syntax error at or near "verbose"',
    })
  })

  it('refuses a repeated option', () => {
    for (const options of [
      'header header',
      'csv json',
      'csv format as csv',
      "null as 'a' null as 'b'",
      'parallel off parallel on',
      'manifest manifest verbose',
    ]) {
      expect(refused(`${HEAD} iam_role default ${options}`).message).toBe(
        'conflicting or redundant options',
      )
    }
  })

  it('refuses unknown options and COPY-only options', () => {
    for (const option of [
      'quote',
      'removequotes',
      'ignoreheader 1',
      'lzop',
      'format as avro',
      'noload',
    ]) {
      const error = refused(`${HEAD} iam_role default ${option}`)
      expect(error.code).toBe('42601')
      expect(error.message).toMatch(/^syntax error at or near "/)
    }
    expect(refused(`${HEAD} iam_role default header,`).message).toBe(
      'syntax error at or near ","',
    )
    expect(refused(`unload ('select 1') to`).message).toBe(
      'syntax error at end of input',
    )
    expect(refused(`unload ($1) to 's3://b/p' iam_role default`).message).toBe(
      'syntax error at or near "$1"',
    )
  })

  it('refuses client-side encryption (retired)', () => {
    const error = refused(
      `${HEAD} iam_role default master_symmetric_key 'EXAMPLEMASTERKEYtkbjk' encrypted`,
    )
    expect(error.code).toBe('0A000')
    expect(JSON.stringify(error)).not.toContain('EXAMPLEMASTERKEY')
    expect(refused(`${HEAD} iam_role default encrypted`).code).toBe('0A000')
    expect(
      refused(
        `${HEAD} credentials 'aws_access_key_id=AK;aws_secret_access_key=SK;master_symmetric_key=MK' encrypted auto`,
      ).code,
    ).toBe('0A000')
    expect(ok(`${HEAD} iam_role default encrypted auto`).encrypted).toEqual({
      auto: true,
    })
    expect(
      ok(`${HEAD} iam_role default parquet encrypted kms_key_id 'k'`).encrypted,
    ).toEqual({ auto: false, kmsKeyId: 'k' })
  })

  it('refuses an S3 path it cannot write', () => {
    expect(
      refused("unload ('select 1') to 'https://b/p' iam_role default").message,
    ).toMatch(/Invalid S3 path/)
    expect(
      refused("unload ('select 1') to 's3://' iam_role default").message,
    ).toMatch(/Invalid S3 path/)
    expect(
      refused(
        "unload ('select 1') to 's3://my-ap-abc123-s3alias/p' iam_role default",
      ).message,
    ).toMatch(/access point alias/)
  })
})

describe('parseUnload: authorization', () => {
  it('access keys and session token', () => {
    const plan = ok(
      `${HEAD} access_key_id 'AKIAX' secret_access_key 'S3CRET' session_token 'T0KEN'`,
    )
    expect(plan.authorization).toEqual({ kind: 'access_key' })
    expect(plan.credentials).toEqual({
      accessKeyId: 'AKIAX',
      secretAccessKey: 'S3CRET',
      sessionToken: 'T0KEN',
    })
  })

  it('a CREDENTIALS string with keys or a role', () => {
    expect(
      ok(
        `${HEAD} credentials as 'aws_access_key_id=AKIAX;aws_secret_access_key=S3CRET;token=T0KEN'`,
      ).credentials,
    ).toEqual({
      accessKeyId: 'AKIAX',
      secretAccessKey: 'S3CRET',
      sessionToken: 'T0KEN',
    })
    expect(
      ok(`${HEAD} credentials 'aws_iam_role=arn:aws:iam::123456789012:role/R'`)
        .authorization,
    ).toEqual({
      kind: 'credentials',
      iamRole: 'arn:aws:iam::123456789012:role/R',
    })
  })

  it('refuses missing, mixed, partial or malformed authorization without echoing secrets', () => {
    const cases = [
      `${HEAD}`,
      `${HEAD} parquet`,
      `${HEAD} iam_role default access_key_id 'AKIAX' secret_access_key 'S3CRET'`,
      `${HEAD} access_key_id 'AKIAX'`,
      `${HEAD} session_token 'T0KEN'`,
      `${HEAD} credentials 'aws_access_key_id=AKIAX'`,
      `${HEAD} credentials 'S3CRET'`,
      `${HEAD} credentials 'aws_secret_access_key=S3CRET;aws_access_key_id=AKIAX;aws_iam_role=arn:aws:iam::123456789012:role/R'`,
      `${HEAD} iam_role 'not-an-arn'`,
      `${HEAD} iam_role default iam_role default`,
    ]
    for (const text of cases) {
      const error = refused(text)
      expect(JSON.stringify(error), text).not.toMatch(/S3CRET|T0KEN/)
    }
    expect(refused(HEAD).message).toMatch(/^Invalid credentials/)
    const chain = Array.from(
      { length: 11 },
      (_, i) => `arn:aws:iam::123456789012:role/R${i}`,
    ).join(',')
    expect(refused(`${HEAD} iam_role '${chain}'`).message).toMatch(
      /at most 10 roles/,
    )
  })
})

/** The option as a statement writes it, for the rule table. */
const FRAGMENT: Readonly<Record<string, string>> = {
  CSV: 'csv',
  PARQUET: 'parquet',
  JSON: 'json',
  FIXEDWIDTH: "fixedwidth 'a:1'",
  ADDQUOTES: 'addquotes',
  DELIMITER: "delimiter ','",
  ESCAPE: 'escape',
  'NULL AS': "null as 'x'",
  HEADER: 'header',
  GZIP: 'gzip',
  BZIP2: 'bzip2',
  ZSTD: 'zstd',
  CLEANPATH: 'cleanpath',
  ALLOWOVERWRITE: 'allowoverwrite',
  KMS_KEY_ID: "kms_key_id 'k'",
  ENCRYPTED: 'encrypted',
  'ENCRYPTED AUTO': 'encrypted auto',
  ROWGROUPSIZE: 'rowgroupsize 64 mb',
}

function withOptions(...keywords: string[]): string {
  const auth = keywords.includes('CREDENTIALS')
    ? "credentials 'aws_access_key_id=AK;aws_secret_access_key=SK'"
    : 'iam_role default'
  const options = keywords
    .filter((k) => k !== 'CREDENTIALS')
    .map((k) => FRAGMENT[k]!)
  // A KMS key needs ENCRYPTED, unless the statement has its own.
  if (
    keywords.includes('KMS_KEY_ID') &&
    !keywords.some((k) => k.startsWith('ENCRYPTED'))
  ) {
    options.push('encrypted')
  }
  return `${HEAD} ${auth} ${options.join(' ')}`
}

describe('parseUnload: every combination Redshift refuses', () => {
  const excludes = UNLOAD_RULES.filter((rule) => rule.kind === 'excludes')
  it.each(excludes.map((rule) => [rule.option, rule.other]))(
    '%s with %s',
    (option, other) => {
      const error = refused(withOptions(option, other))
      if (['CSV', 'PARQUET', 'JSON'].includes(option)) {
        expect(error).toMatchObject({
          code: '0A000',
          message: `${other} argument is not supported for ${option} based UNLOAD`,
        })
      } else {
        expect(error.code).toBe('42601')
        expect(error.message).toContain(option)
        expect(error.message).toContain(other)
      }
    },
  )

  it.each(
    UNLOAD_RULES.filter((rule) => rule.kind === 'requires').map((rule) => [
      rule.option,
      rule.other,
    ]),
  )('%s needs %s', (option, other) => {
    const text = `${HEAD} iam_role default ${FRAGMENT[option]!}`
    expect(refused(text).message).toMatch(`${option} requires ${other}`)
    expect(ok(withOptions(option, other)).format).toBeDefined()
  })

  it('each option of the table is accepted on its own', () => {
    for (const keyword of Object.keys(FRAGMENT)) {
      if (keyword === 'ENCRYPTED' || keyword === 'ROWGROUPSIZE') continue
      expect(() => ok(withOptions(keyword)), keyword).not.toThrow()
    }
  })
})
