import { describe, expect, test } from 'vitest'

import {
  COLUMNAR_OPTIONS,
  DYNAMODB_REFUSED,
  EMR_REFUSED,
  INCOMPATIBLE_OPTIONS,
  SSH_REFUSED,
} from '../../src/local/load/check-copy.js'
import { COPY_OPTIONS } from '../../src/local/load/copy-grammar.js'
import { parseCopy } from '../../src/local/load/index.js'
import { plan, refusal } from './local-load-helpers.js'

const S3 = "copy t from 's3://b/k' iam_role default"

/** The smallest way to write each option, for the table-driven cases. */
const SAMPLE: Record<string, string> = {
  MANIFEST: 'manifest',
  ENCRYPTED: 'encrypted',
  MASTER_SYMMETRIC_KEY: "master_symmetric_key 'k'",
  REGION: "region 'us-east-1'",
  READRATIO: 'readratio 50',
  SSH: 'ssh',
  CSV: 'csv',
  QUOTE: "quote '%'",
  DELIMITER: "delimiter ','",
  FIXEDWIDTH: "fixedwidth 'a:1'",
  AVRO: "avro 'auto'",
  JSON: "json 'auto'",
  PARQUET: 'format as parquet',
  ORC: 'format as orc',
  SHAPEFILE: 'shapefile',
  SERIALIZETOJSON: 'serializetojson',
  BZIP2: 'bzip2',
  GZIP: 'gzip',
  LZOP: 'lzop',
  ZSTD: 'zstd',
  ACCEPTANYDATE: 'acceptanydate',
  ACCEPTINVCHARS: 'acceptinvchars',
  BLANKSASNULL: 'blanksasnull',
  DATEFORMAT: "dateformat 'auto'",
  EMPTYASNULL: 'emptyasnull',
  ENCODING: 'encoding utf8',
  ESCAPE: 'escape',
  EXPLICIT_IDS: 'explicit_ids',
  FILLRECORD: 'fillrecord',
  IGNOREBLANKLINES: 'ignoreblanklines',
  IGNOREHEADER: 'ignoreheader 1',
  'NULL AS': "null as 'x'",
  REMOVEQUOTES: 'removequotes',
  ROUNDEC: 'roundec',
  TIMEFORMAT: "timeformat 'auto'",
  TRIMBLANKS: 'trimblanks',
  TRUNCATECOLUMNS: 'truncatecolumns',
  COMPROWS: 'comprows 5000',
  COMPUPDATE: 'compupdate off',
  IGNOREALLERRORS: 'ignoreallerrors',
  MAXERROR: 'maxerror 1',
  NOLOAD: 'noload',
  STATUPDATE: 'statupdate on',
}

describe('parseCopy: the grammar', () => {
  test('every option of the grammar table has a sample here', () => {
    for (const name of Object.keys(COPY_OPTIONS)) {
      if (
        name === 'ACCESS_KEY_ID' ||
        name === 'SECRET_ACCESS_KEY' ||
        name === 'SESSION_TOKEN' ||
        name === 'CREDENTIALS'
      )
        continue
      expect(SAMPLE[name], name).toBeDefined()
    }
  })

  test('table, folded column list, source, and defaults', () => {
    const p = plan(
      `COPY "Sales".Items ("Id", Name) FROM 's3://bucket/data/part_' IAM_ROLE DEFAULT;`,
    )
    expect(p.tableParts).toEqual(['sales', 'items'])
    expect(p.columns).toEqual(['id', 'name'])
    expect(p.source).toEqual({
      kind: 's3',
      url: 's3://bucket/data/part_',
      bucket: 'bucket',
      key: 'data/part_',
    })
    expect(p.authorization).toEqual({ kind: 'iam_role', roles: 'default' })
    expect(p.options).toMatchObject({
      format: 'text',
      delimiter: '|',
      nullAs: '\\N',
      maxError: 0,
      ignoreHeader: 0,
      encoding: 'utf8',
      escape: false,
    })
  })

  test.each([
    [
      "delimiter as '|' ignoreheader as 2 maxerror as 7",
      { delimiter: '|', ignoreHeader: 2, maxError: 7 },
    ],
    [
      "format as csv quote as '%'",
      { format: 'csv', quote: '%', delimiter: ',' },
    ],
    ["format csv, delimiter ';'", { format: 'csv', delimiter: ';' }],
    ["csv quote '''' ", { quote: "'" }],
    ["delimiter '\\t'", { delimiter: '\t' }],
    ["delimiter '\\011'", { delimiter: '\t' }],
    ["delimiter '\\174'", { delimiter: '|' }],
    ["null as '\\\\N'", { nullAs: '\\N' }],
    ["null as '\\0'", { nullAs: '\0' }],
    ["null as 'it''s'", { nullAs: "it's" }],
    ["null as 'it\\'s'", { nullAs: "it's" }],
    ['acceptinvchars', { acceptInvChars: '?' }],
    ["acceptinvchars as '^'", { acceptInvChars: '^' }],
    [
      "dateformat as 'MM/DD/YYYY' timeformat 'epochmillisecs'",
      { dateFormat: 'MM/DD/YYYY', timeFormat: 'epochmillisecs' },
    ],
    ['encoding as utf16le', { encoding: 'utf16le' }],
    ['compupdate off statupdate', { compUpdate: 'OFF', statUpdate: 'ON' }],
    ['gzip', { compression: 'gzip' }],
    [
      "json as 'auto ignorecase'",
      { format: 'json', mapping: { kind: 'auto', ignoreCase: true } },
    ],
    [
      "format as json 's3://b/paths.json'",
      {
        format: 'json',
        mapping: { kind: 'jsonpaths', url: 's3://b/paths.json' },
      },
    ],
    ["json 'noshred'", { mapping: { kind: 'noshred' } }],
    ["format as avro 'auto'", { format: 'avro' }],
    [
      'format as parquet serializetojson',
      { format: 'parquet', serializeToJson: true },
    ],
    [
      "fixedwidth 'id:3, name : 10'",
      {
        format: 'fixedwidth',
        fixedWidth: [
          { label: 'id', width: 3 },
          { label: 'name', width: 10 },
        ],
      },
    ],
    [
      'manifest noload explicit_ids fillrecord roundec trimblanks truncatecolumns',
      {
        manifest: true,
        noLoad: true,
        explicitIds: true,
        fillRecord: true,
        roundDec: true,
        trimBlanks: true,
        truncateColumns: true,
      },
    ],
    ['ignoreallerrors', { ignoreAllErrors: true }],
    [
      "region as 'eu-west-1' /* comment */ -- line\n emptyasnull",
      { region: 'eu-west-1', emptyAsNull: true },
    ],
  ])('%s', (options, expected) => {
    expect(plan(`${S3} ${options}`).options).toMatchObject(expected)
  })

  test('options come in any order, authorization included', () => {
    const p = plan(
      "copy t from 's3://b/k' csv ignoreheader 1 iam_role 'arn:aws:iam::123456789012:role/a,arn:aws:iam::123456789012:role/b' gzip",
    )
    expect(p.authorization).toEqual({
      kind: 'iam_role',
      roles: [
        'arn:aws:iam::123456789012:role/a',
        'arn:aws:iam::123456789012:role/b',
      ],
    })
    expect(p.options).toMatchObject({
      format: 'csv',
      ignoreHeader: 1,
      compression: 'gzip',
    })
  })

  test('keys, session token and the CREDENTIALS string reach the storage credentials', () => {
    expect(
      plan(
        "copy t from 's3://b/k' access_key_id 'AKID' secret_access_key 'SEC' session_token 'TOK'",
      ).credentials,
    ).toEqual({
      accessKeyId: 'AKID',
      secretAccessKey: 'SEC',
      sessionToken: 'TOK',
    })
    expect(
      plan(
        "copy t from 's3://b/k' with credentials as 'aws_access_key_id=AKID;aws_secret_access_key=SEC;token=TOK'",
      ).credentials,
    ).toEqual({
      accessKeyId: 'AKID',
      secretAccessKey: 'SEC',
      sessionToken: 'TOK',
    })
    const role = plan(
      "copy t from 's3://b/k' credentials 'aws_iam_role=arn:aws:iam::123456789012:role/r'",
    )
    expect(role.credentials).toEqual({})
    expect(role.authorization).toEqual({
      kind: 'credentials',
      roles: ['arn:aws:iam::123456789012:role/r'],
    })
  })
})

describe('parseCopy: refusals', () => {
  test.each(INCOMPATIBLE_OPTIONS.map(([a, b]) => [a, b]))(
    '%s with %s',
    (a, b) => {
      const error = refusal(`${S3} ${SAMPLE[a]} ${SAMPLE[b]}`)
      expect(error.code).toBe('42601')
      expect([
        `${a} is not compatible with ${b}`,
        `${b} is not compatible with ${a}`,
      ]).toContain(error.message)
    },
  )

  const notColumnar = Object.keys(SAMPLE).filter(
    (name) =>
      !COLUMNAR_OPTIONS.has(name) &&
      ![
        'CSV',
        'FIXEDWIDTH',
        'JSON',
        'AVRO',
        'SHAPEFILE',
        'QUOTE',
        'MASTER_SYMMETRIC_KEY',
        'ENCRYPTED',
      ].includes(name),
  )
  test.each(notColumnar)('PARQUET with %s', (name) => {
    const error = refusal(`${S3} format as parquet ${SAMPLE[name]}`)
    expect(error.code).toBe('XX000')
    expect(error.message).toBe(
      `${name} argument is not supported for PARQUET based COPY`,
    )
    expect(error.detail).toContain('code:      8001')
  })

  test.each(
    // JSON and AVRO meet their own READRATIO rule first; ENCRYPTED is refused as retired.
    DYNAMODB_REFUSED.filter(
      (n) =>
        !['QUOTE', 'PARQUET', 'ORC', 'ENCRYPTED', 'JSON', 'AVRO'].includes(n),
    ),
  )('DynamoDB with %s', (name) => {
    const error = refusal(
      `copy t from 'dynamodb://Table' iam_role default readratio 50 ${SAMPLE[name]}`,
    )
    expect(error.message).toBe(
      `${name} is not supported for COPY from DynamoDB`,
    )
  })

  test.each(EMR_REFUSED.filter((n) => n !== 'ENCRYPTED'))(
    'EMR with %s',
    (name) => {
      const error = refusal(
        `copy t from 'emr://j-1/hdfs/x*' iam_role default ${SAMPLE[name]}`,
      )
      expect(error.message).toBe(
        `${name} is not supported for COPY from Amazon EMR`,
      )
    },
  )

  test.each(SSH_REFUSED.filter((n) => n !== 'ENCRYPTED'))(
    'SSH with %s',
    (name) => {
      const error = refusal(
        `copy t from 's3://b/ssh_manifest' iam_role default ssh ${SAMPLE[name]}`,
      )
      expect(error.message).toBe(`${name} is not supported for COPY with SSH`)
    },
  )

  test.each([
    [
      "copy t from 'dynamodb://Table' iam_role default",
      '42601',
      'READRATIO is required for COPY from DynamoDB',
    ],
    [
      `${S3} readratio 10`,
      '42601',
      'READRATIO is valid only for COPY from DynamoDB',
    ],
    [
      "copy t from 'emr://j-1/hdfs/x' iam_role default zstd",
      '42601',
      'ZSTD is supported only for COPY from Amazon S3',
    ],
    [`${S3} quote '%'`, '42601', 'QUOTE can be used only with CSV'],
    [
      `${S3} serializetojson`,
      '42601',
      'SERIALIZETOJSON can be used only with PARQUET or ORC',
    ],
    [`${S3} gzip bzip2`, '42601', 'GZIP is not compatible with BZIP2'],
    [`${S3} csv json 'auto'`, '42601', 'CSV is not compatible with JSON'],
    [
      `${S3} format as parquet region 'us-east-1'`,
      'XX000',
      'REGION argument is not supported for PARQUET based COPY',
    ],
    [
      `${S3} maxerror 100001`,
      '42601',
      'MAXERROR argument must be between 0 and 100000, got 100001',
    ],
    [
      `${S3} maxerror -1`,
      '42601',
      'MAXERROR argument must be between 0 and 100000, got -1',
    ],
    [
      `${S3} ignoreheader -2`,
      '42601',
      'IGNOREHEADER argument must be between 0 and 2147483647, got -2',
    ],
    [
      "copy t from 'dynamodb://T' iam_role default readratio 201",
      '42601',
      'READRATIO argument must be between 1 and 200, got 201',
    ],
    [
      `${S3} comprows 999`,
      '42601',
      'COMPROWS argument must be between 1000 and 2147483647, got 999',
    ],
    [
      `${S3} delimiter '||'`,
      '42601',
      "DELIMITER argument must be a single ASCII character, got '||'",
    ],
    [
      `${S3} delimiter 'é'`,
      '42601',
      "DELIMITER argument must be a single ASCII character, got 'é'",
    ],
    [
      `${S3} delimiter '\\n'`,
      '42601',
      'DELIMITER cannot be a newline, carriage return or NUL',
    ],
    [
      `${S3} csv quote ''`,
      '42601',
      "QUOTE argument must be a single ASCII character, got ''",
    ],
    [`${S3} csv quote ','`, '42601', 'QUOTE and DELIMITER must be different'],
    [
      `${S3} acceptinvchars 'ab'`,
      '42601',
      'ACCEPTINVCHARS replacement must be one ASCII character other than NUL',
    ],
    [`${S3} null as '\\n'`, '42601', "NULL AS cannot be '\\n' (newline)"],
    [
      `${S3} fixedwidth 'a'`,
      '42601',
      "Invalid FIXEDWIDTH specification 'a': use 'label:width,...' with widths in bytes",
    ],
    [
      `${S3} fixedwidth 'a:0'`,
      '42601',
      "Invalid FIXEDWIDTH specification 'a:0': use 'label:width,...' with widths in bytes",
    ],
    [
      `${S3} json 'AUTO'`,
      '42601',
      "Invalid JSON argument 'AUTO': use 'auto', 'auto ignorecase', 'noshred' or the s3:// URL of a JSONPaths file",
    ],
    [
      `${S3} avro 'noshred'`,
      '42601',
      "Invalid AVRO argument 'noshred': use 'auto', 'auto ignorecase' or the s3:// URL of a JSONPaths file",
    ],
    [`${S3} dateformat 'YYYY-QQ'`, '42601', "Invalid DATEFORMAT 'YYYY-QQ'"],
    [`${S3} timeformat 'EPOCHSECS'`, '42601', "Invalid TIMEFORMAT 'EPOCHSECS'"],
    [`${S3} encoding latin1`, '42601', 'syntax error at or near "latin1"'],
    [`${S3} frobnicate`, '42601', 'syntax error at or near "frobnicate"'],
    [`${S3} null 'x'`, '42601', 'syntax error at or near "\'x\'"'],
    [
      "copy t 's3://b/k' iam_role default",
      '42601',
      'syntax error at or near "\'s3://b/k\'"',
    ],
    ['copy t from stdin', '42601', 'syntax error at or near "stdin"'],
    [
      "copy t from 'http://b/k' iam_role default",
      'XX000',
      "Invalid data source 'http://b/k': COPY reads from 's3://...', 'dynamodb://...' or 'emr://...'",
    ],
    [
      "copy t from 's3://b/k'",
      '42601',
      'COPY needs an authorization: IAM_ROLE, ACCESS_KEY_ID and SECRET_ACCESS_KEY, or CREDENTIALS',
    ],
    [
      `${S3} access_key_id 'A' secret_access_key 'S'`,
      '42601',
      'IAM_ROLE is not compatible with ACCESS_KEY_ID',
    ],
    [
      "copy t from 's3://b/k' credentials 'aws_iam_role=arn:aws:iam::123456789012:role/r' iam_role default",
      '42601',
      'IAM_ROLE is not compatible with CREDENTIALS',
    ],
    [
      "copy t from 's3://b/k' access_key_id 'A'",
      '42601',
      'ACCESS_KEY_ID and SECRET_ACCESS_KEY must be given together',
    ],
    [
      "copy t from 's3://b/k' iam_role 'arn:aws:iam::123456789012:role/a, arn:aws:iam::123456789012:role/b'",
      'XX000',
      "Invalid IAM role ARN ' arn:aws:iam::123456789012:role/b': use 'arn:aws:iam::<account>:role/<name>', chained roles separated by commas without spaces",
    ],
    [
      `copy t from 's3://b/k' iam_role '${Array.from({ length: 11 }, (_, i) => `arn:aws:iam::123456789012:role/r${i}`).join(',')}'`,
      'XX000',
      'Too many IAM roles in the chain: 11 (at most 10)',
    ],
    [
      `${S3} master_symmetric_key 'k'`,
      '0A000',
      'MASTER_SYMMETRIC_KEY is not supported',
    ],
    [`${S3} encrypted`, '0A000', 'ENCRYPTED is not supported'],
    [
      "copy t from 's3://b/k' credentials 'aws_access_key_id=A;aws_secret_access_key=S;master_symmetric_key=K'",
      '0A000',
      'MASTER_SYMMETRIC_KEY is not supported',
    ],
  ])('%s', (sql, code, message) => {
    const error = refusal(sql)
    expect({ code: error.code, message: error.message }).toEqual({
      code,
      message,
    })
  })

  test.each([
    'csv',
    "delimiter ','",
    'maxerror 3',
    'gzip',
    "null as 'x'",
    "iam_role 'arn:aws:iam::123456789012:role/r'",
  ])('%s given twice', (option) => {
    const error = refusal(
      `${S3.replace(' iam_role default', '')} ${option.startsWith('iam_role') ? '' : 'iam_role default'} ${option} ${option}`,
    )
    expect(error.code).toBe('42601')
    expect(error.message).toBe('conflicting or redundant options')
    expect(error.detail).toMatch(/is specified more than once\.$/)
  })

  test.each([
    [
      "copy t from 'dynamodb://T' iam_role default readratio 50",
      'COPY from DynamoDB',
    ],
    [
      "copy t from 'emr://j-1/hdfs/part*' iam_role default",
      'COPY from Amazon EMR',
    ],
    ["copy t from 's3://b/ssh.manifest' iam_role default ssh", 'COPY with SSH'],
    [`${S3} format as orc`, 'COPY FORMAT ORC'],
    [`${S3} shapefile simplify auto 1.5`, 'COPY FORMAT SHAPEFILE'],
  ])('%s: refused as an emulator limit once the rules pass', (sql, what) => {
    const error = refusal(sql)
    expect(error.code).toBe('0A000')
    expect(error.message).toBe(`${what} is not supported by the local emulator`)
  })

  test('secrets never appear in an error', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'
    const token = 'FwoGZXIvYXdzEXAMPLETOKEN'
    for (const sql of [
      `copy t from 's3://b/k' access_key_id 'AKID' secret_access_key '${secret}' session_token '${token}' csv escape`,
      `copy t from 's3://b/k' credentials 'aws_access_key_id=AKID;aws_secret_access_key=${secret};token=${token};bogus=1'`,
      `copy t from 's3://b/k' credentials 'aws_access_key_id=AKID; aws_secret_access_key=${secret}'`,
      `copy t from 's3://b/k' access_key_id 'AKID' secret_access_key '${secret}' format as parquet maxerror 1`,
      `copy t from 's3://b/k' secret_access_key '${secret}'`,
    ]) {
      const parsed = parseCopy(sql)
      expect(parsed.ok).toBe(false)
      const text = JSON.stringify(parsed)
      expect(text).not.toContain(secret)
      expect(text).not.toContain(token)
    }
  })
})
