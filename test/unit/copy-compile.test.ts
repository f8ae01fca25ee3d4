import type { Compilable } from 'kysely'
import { describe, expect, it } from 'vitest'

import { copyInto } from '../../src/commands/copy/index.js'
import { CommandOptionError } from '../../src/errors/command-option-error.js'
import { offlineDb } from './copy-helpers.js'

const db = offlineDb()
const s3 = () => copyInto(db, 'sales').from('s3://b/k/').iamRole('default')
const HEAD = `COPY "sales" FROM 's3://b/k/' IAM_ROLE default`

describe('COPY compiles every option and format to its exact SQL', () => {
  const cases: [string, () => Compilable, string][] = [
    // Target, sources and authorization.
    [
      'column list',
      () =>
        copyInto(db, 'sales', ['id', 'qty'])
          .from('s3://b/k/')
          .iamRole('default'),
      `COPY "sales" ("id", "qty") FROM 's3://b/k/' IAM_ROLE default`,
    ],
    [
      'schema-qualified table',
      () =>
        copyInto(db, 'analytics.events').from('s3://b/e').iamRole('default'),
      `COPY "analytics"."events" FROM 's3://b/e' IAM_ROLE default`,
    ],
    ['S3 prefix', () => s3(), HEAD],
    [
      'S3 manifest',
      () =>
        copyInto(db, 'sales')
          .from('s3://b/m.manifest')
          .iamRole('default')
          .manifest(),
      `COPY "sales" FROM 's3://b/m.manifest' IAM_ROLE default MANIFEST`,
    ],
    [
      'SSH manifest',
      () =>
        copyInto(db, 'sales')
          .from('s3://b/ssh_manifest')
          .iamRole('default')
          .ssh(),
      `COPY "sales" FROM 's3://b/ssh_manifest' IAM_ROLE default SSH`,
    ],
    [
      'DynamoDB',
      () =>
        copyInto(db, 'sales')
          .from('dynamodb://Orders')
          .iamRole('default')
          .readRatio(50),
      `COPY "sales" FROM 'dynamodb://Orders' IAM_ROLE default READRATIO 50`,
    ],
    [
      'EMR',
      () =>
        copyInto(db, 'sales').from('emr://j-ID/hdfs/part-*').iamRole('default'),
      `COPY "sales" FROM 'emr://j-ID/hdfs/part-*' IAM_ROLE default`,
    ],
    [
      'role ARN',
      () =>
        copyInto(db, 'sales')
          .from('s3://b/k/')
          .iamRole('arn:aws:iam::1:role/r'),
      `COPY "sales" FROM 's3://b/k/' IAM_ROLE 'arn:aws:iam::1:role/r'`,
    ],
    [
      'chained roles',
      () =>
        copyInto(db, 'sales')
          .from('s3://b/k/')
          .iamRole(['arn:aws:iam::1:role/a', 'arn:aws:iam::2:role/b']),
      `COPY "sales" FROM 's3://b/k/' IAM_ROLE 'arn:aws:iam::1:role/a,arn:aws:iam::2:role/b'`,
    ],
    [
      'access key and token',
      () =>
        copyInto(db, 'sales').from('s3://b/k/').accessKey({
          accessKeyId: 'AK',
          secretAccessKey: "s'k",
          sessionToken: 't\\k',
        }),
      `COPY "sales" FROM 's3://b/k/' ACCESS_KEY_ID 'AK' SECRET_ACCESS_KEY 's''k' SESSION_TOKEN 't\\\\k'`,
    ],
    [
      'CREDENTIALS',
      () =>
        copyInto(db, 'sales')
          .from('s3://b/k/')
          .credentials('aws_iam_role=arn:aws:iam::1:role/r'),
      `COPY "sales" FROM 's3://b/k/' CREDENTIALS 'aws_iam_role=arn:aws:iam::1:role/r'`,
    ],
    ['ENCRYPTED', () => s3().encrypted(), `${HEAD} ENCRYPTED`],
    ['REGION', () => s3().region('eu-west-1'), `${HEAD} REGION 'eu-west-1'`],
    // Formats.
    ['CSV', () => s3().csv(), `${HEAD} CSV`],
    ['CSV QUOTE', () => s3().csv({ quote: "'" }), `${HEAD} CSV QUOTE AS ''''`],
    ['DELIMITER', () => s3().delimiter('|'), `${HEAD} DELIMITER '|'`],
    ['DELIMITER tab', () => s3().delimiter('\t'), `${HEAD} DELIMITER '\t'`],
    [
      'DELIMITER octal',
      () => s3().delimiter('\\001'),
      `${HEAD} DELIMITER '\u0001'`,
    ],
    [
      'DELIMITER backslash',
      () => s3().delimiter('\\'),
      `${HEAD} DELIMITER '\\\\'`,
    ],
    [
      'CSV with DELIMITER',
      () => s3().csv().delimiter(';'),
      `${HEAD} CSV DELIMITER ';'`,
    ],
    [
      'FIXEDWIDTH',
      () =>
        s3().fixedWidth([
          ['id', 8],
          ['qty', 4],
        ]),
      `${HEAD} FIXEDWIDTH 'id:8,qty:4'`,
    ],
    ['JSON auto (default)', () => s3().json(), `${HEAD} FORMAT AS JSON 'auto'`],
    [
      'JSON auto ignorecase',
      () => s3().json('auto ignorecase'),
      `${HEAD} FORMAT AS JSON 'auto ignorecase'`,
    ],
    [
      'JSON noshred',
      () => s3().json('noshred'),
      `${HEAD} FORMAT AS JSON 'noshred'`,
    ],
    [
      'JSON JSONPaths',
      () => s3().json('s3://b/paths.json'),
      `${HEAD} FORMAT AS JSON 's3://b/paths.json'`,
    ],
    ['AVRO', () => s3().avro(), `${HEAD} FORMAT AS AVRO 'auto'`],
    [
      'AVRO JSONPaths',
      () => s3().avro('s3://b/avro-paths.json'),
      `${HEAD} FORMAT AS AVRO 's3://b/avro-paths.json'`,
    ],
    ['PARQUET', () => s3().parquet(), `${HEAD} FORMAT AS PARQUET`],
    [
      'ORC SERIALIZETOJSON',
      () => s3().orc().serializeToJson(),
      `${HEAD} FORMAT AS ORC SERIALIZETOJSON`,
    ],
    [
      'PARQUET with what it allows',
      () =>
        copyInto(db, 'sales')
          .from('s3://b/p.manifest')
          .iamRole('default')
          .manifest()
          .parquet()
          .acceptInvChars()
          .fillRecord()
          .explicitIds()
          .statUpdate(true),
      `COPY "sales" FROM 's3://b/p.manifest' IAM_ROLE default MANIFEST FORMAT AS PARQUET ACCEPTINVCHARS FILLRECORD EXPLICIT_IDS STATUPDATE ON`,
    ],
    ['SHAPEFILE', () => s3().shapefile(), `${HEAD} FORMAT AS SHAPEFILE`],
    [
      'SHAPEFILE SIMPLIFY',
      () => s3().shapefile({ simplify: true }),
      `${HEAD} FORMAT AS SHAPEFILE SIMPLIFY`,
    ],
    [
      'SHAPEFILE SIMPLIFY AUTO tolerance',
      () => s3().shapefile({ simplify: { auto: true, tolerance: 1.1e-5 } }),
      `${HEAD} FORMAT AS SHAPEFILE SIMPLIFY AUTO 0.000011`,
    ],
    [
      'SHAPEFILE SIMPLIFY tolerance',
      () => s3().shapefile({ simplify: { tolerance: 1.1e-7 } }),
      `${HEAD} FORMAT AS SHAPEFILE SIMPLIFY 1.1E-7`,
    ],
    // Compression.
    ['GZIP', () => s3().gzip(), `${HEAD} GZIP`],
    ['BZIP2', () => s3().bzip2(), `${HEAD} BZIP2`],
    ['LZOP', () => s3().lzop(), `${HEAD} LZOP`],
    ['ZSTD', () => s3().zstd(), `${HEAD} ZSTD`],
    // Data conversion.
    ['ACCEPTANYDATE', () => s3().acceptAnyDate(), `${HEAD} ACCEPTANYDATE`],
    ['ACCEPTINVCHARS', () => s3().acceptInvChars(), `${HEAD} ACCEPTINVCHARS`],
    [
      'ACCEPTINVCHARS AS',
      () => s3().acceptInvChars('^'),
      `${HEAD} ACCEPTINVCHARS AS '^'`,
    ],
    ['BLANKSASNULL', () => s3().blanksAsNull(), `${HEAD} BLANKSASNULL`],
    [
      'DATEFORMAT',
      () => s3().dateFormat('MM/DD/YYYY'),
      `${HEAD} DATEFORMAT 'MM/DD/YYYY'`,
    ],
    [
      'DATEFORMAT auto',
      () => s3().dateFormat('auto'),
      `${HEAD} DATEFORMAT 'auto'`,
    ],
    ['EMPTYASNULL', () => s3().emptyAsNull(), `${HEAD} EMPTYASNULL`],
    ['ENCODING', () => s3().encoding('UTF16LE'), `${HEAD} ENCODING UTF16LE`],
    ['ESCAPE', () => s3().escape(), `${HEAD} ESCAPE`],
    ['EXPLICIT_IDS', () => s3().explicitIds(), `${HEAD} EXPLICIT_IDS`],
    ['FILLRECORD', () => s3().fillRecord(), `${HEAD} FILLRECORD`],
    [
      'IGNOREBLANKLINES',
      () => s3().ignoreBlankLines(),
      `${HEAD} IGNOREBLANKLINES`,
    ],
    ['IGNOREHEADER', () => s3().ignoreHeader(2), `${HEAD} IGNOREHEADER 2`],
    ['NULL AS', () => s3().nullAs('\\N'), `${HEAD} NULL AS '\\\\N'`],
    ['NULL AS empty', () => s3().nullAs(''), `${HEAD} NULL AS ''`],
    ['REMOVEQUOTES', () => s3().removeQuotes(), `${HEAD} REMOVEQUOTES`],
    ['ROUNDEC', () => s3().roundec(), `${HEAD} ROUNDEC`],
    [
      'TIMEFORMAT',
      () => s3().timeFormat('YYYY-MM-DD HH:MI:SS'),
      `${HEAD} TIMEFORMAT 'YYYY-MM-DD HH:MI:SS'`,
    ],
    [
      'TIMEFORMAT epochsecs',
      () => s3().timeFormat('epochsecs'),
      `${HEAD} TIMEFORMAT 'epochsecs'`,
    ],
    [
      'TIMEFORMAT epochmillisecs',
      () => s3().timeFormat('epochmillisecs'),
      `${HEAD} TIMEFORMAT 'epochmillisecs'`,
    ],
    ['TRIMBLANKS', () => s3().trimBlanks(), `${HEAD} TRIMBLANKS`],
    [
      'TRUNCATECOLUMNS',
      () => s3().truncateColumns(),
      `${HEAD} TRUNCATECOLUMNS`,
    ],
    // Load operations.
    ['COMPROWS', () => s3().compRows(200_000), `${HEAD} COMPROWS 200000`],
    ['COMPUPDATE', () => s3().compUpdate(), `${HEAD} COMPUPDATE`],
    ['COMPUPDATE ON', () => s3().compUpdate(true), `${HEAD} COMPUPDATE ON`],
    ['COMPUPDATE OFF', () => s3().compUpdate(false), `${HEAD} COMPUPDATE OFF`],
    [
      'COMPUPDATE PRESET',
      () => s3().compUpdate('PRESET'),
      `${HEAD} COMPUPDATE PRESET`,
    ],
    [
      'IGNOREALLERRORS',
      () => s3().ignoreAllErrors(),
      `${HEAD} IGNOREALLERRORS`,
    ],
    ['MAXERROR', () => s3().maxError(100_000), `${HEAD} MAXERROR 100000`],
    ['NOLOAD', () => s3().noLoad(), `${HEAD} NOLOAD`],
    ['STATUPDATE', () => s3().statUpdate(), `${HEAD} STATUPDATE`],
    ['STATUPDATE OFF', () => s3().statUpdate(false), `${HEAD} STATUPDATE OFF`],
    // Raw options.
    ['raw flag', () => s3().rawOption('newflag'), `${HEAD} NEWFLAG`],
    [
      'raw literal',
      () => s3().rawOption('NEWOPTION', "it's"),
      `${HEAD} NEWOPTION 'it''s'`,
    ],
    [
      'raw number',
      () => s3().rawOption('NEWLIMIT', 12.5),
      `${HEAD} NEWLIMIT 12.5`,
    ],
    [
      'raw keyword argument',
      () => s3().rawOption('NEW OPTION', { keyword: 'HIGH' }),
      `${HEAD} NEW OPTION HIGH`,
    ],
    // Order and replacement.
    [
      'options keep the order they were first given; a later call replaces',
      () => s3().maxError(1).csv().ignoreHeader(1).maxError(7),
      `${HEAD} MAXERROR 7 CSV IGNOREHEADER 1`,
    ],
    [
      'the authorization goes after FROM whenever it was given',
      () => copyInto(db, 'sales').from('s3://b/k/').csv().iamRole('default'),
      `${HEAD} CSV`,
    ],
  ]

  it.each(cases)('%s', (_name, build, expected) => {
    const compiled = build().compile()
    expect(compiled.sql).toBe(expected)
    expect(compiled.parameters).toEqual([])
  })

  it('is immutable: each method returns a new builder and leaves the old one as it was', () => {
    const base = s3()
    const csv = base.csv()
    expect(csv).not.toBe(base)
    expect(base.compile().sql).toBe(HEAD)
    expect(csv.compile().sql).toBe(`${HEAD} CSV`)
    expect(Object.isFrozen(base)).toBe(true)
  })

  it('reads well end to end', () => {
    expect(
      copyInto(db, 'sales', ['id', 'qty'])
        .from('s3://b/sales/')
        .iamRole('default')
        .csv({ quote: '"' })
        .ignoreHeader(1)
        .maxError(5)
        .compile().sql,
    ).toBe(
      `COPY "sales" ("id", "qty") FROM 's3://b/sales/' IAM_ROLE default CSV QUOTE AS '"' IGNOREHEADER 1 MAXERROR 5`,
    )
  })
})

describe('COPY refuses bad arguments, naming the option', () => {
  const refusals: [string, () => unknown, string, RegExp][] = [
    [
      'no source scheme',
      () => copyInto(db, 'sales').from('http://x/y'),
      'FROM',
      /s3:\/\//,
    ],
    [
      'no authorization',
      () => copyInto(db, 'sales').from('s3://b/k').compile(),
      'authorization',
      /iamRole/,
    ],
    [
      'READRATIO 0',
      () => copyInto(db, 'sales').from('dynamodb://T').readRatio(0),
      'READRATIO',
      /1 to 200, got 0/,
    ],
    [
      'READRATIO 201',
      () => copyInto(db, 'sales').from('dynamodb://T').readRatio(201),
      'READRATIO',
      /got 201/,
    ],
    [
      'READRATIO 1.5',
      () => copyInto(db, 'sales').from('dynamodb://T').readRatio(1.5),
      'READRATIO',
      /integer/,
    ],
    ['MAXERROR -1', () => s3().maxError(-1), 'MAXERROR', /0 to 100000/],
    [
      'MAXERROR 100001',
      () => s3().maxError(100_001),
      'MAXERROR',
      /0 to 100000/,
    ],
    [
      'COMPROWS 999',
      () => s3().compRows(999),
      'COMPROWS',
      /1000 to 2147483647/,
    ],
    ['COMPROWS 2^31', () => s3().compRows(2 ** 31), 'COMPROWS', /2147483647/],
    [
      'IGNOREHEADER NaN',
      () => s3().ignoreHeader(Number.NaN),
      'IGNOREHEADER',
      /integer/,
    ],
    [
      'DELIMITER of two characters',
      () => s3().delimiter('||'),
      'DELIMITER',
      /exactly one character/,
    ],
    [
      "DELIMITER '\\t' as text",
      () => s3().delimiter('\\t'),
      'DELIMITER',
      /the character itself/,
    ],
    ['DELIMITER non-ASCII', () => s3().delimiter('é'), 'DELIMITER', /ASCII/],
    [
      'DELIMITER octal above 177',
      () => s3().delimiter('\\200'),
      'DELIMITER',
      /ASCII/,
    ],
    [
      'QUOTE of two characters',
      () => s3().csv({ quote: '""' }),
      'QUOTE',
      /one character/,
    ],
    [
      'ACCEPTINVCHARS of two',
      () => s3().acceptInvChars('ab'),
      'ACCEPTINVCHARS',
      /one character/,
    ],
    ['NULL AS newline', () => s3().nullAs('\n'), 'NULL AS', /newline/],
    [
      'NULL AS with a newline inside',
      () => s3().nullAs('a\nb'),
      'NULL AS',
      /newline/,
    ],
    ['DATEFORMAT empty', () => s3().dateFormat(''), 'DATEFORMAT', /non-empty/],
    ['TIMEFORMAT with NUL', () => s3().timeFormat('a\0'), 'TIMEFORMAT', /NUL/],
    ['JSON bad option', () => s3().json('manual' as 'auto'), 'JSON', /'auto'/],
    ['AVRO noshred', () => s3().avro('noshred' as 'auto'), 'AVRO', /JSONPaths/],
    ['ENCODING', () => s3().encoding('LATIN1' as 'UTF8'), 'ENCODING', /UTF8/],
    [
      'FIXEDWIDTH empty',
      () => s3().fixedWidth([]),
      'FIXEDWIDTH',
      /at least one/,
    ],
    [
      'FIXEDWIDTH label with colon',
      () => s3().fixedWidth([['a:b', 1]]),
      'FIXEDWIDTH',
      /':'/,
    ],
    [
      'FIXEDWIDTH width 0',
      () => s3().fixedWidth([['a', 0]]),
      'FIXEDWIDTH width 0',
      /1 to/,
    ],
    [
      'SIMPLIFY negative',
      () => s3().shapefile({ simplify: { tolerance: -1 } }),
      'SIMPLIFY',
      />= 0/,
    ],
    [
      'raw keyword with a quote',
      () => s3().rawOption("X'"),
      'rawOption',
      /bare words/,
    ],
    [
      'raw keyword with a semicolon',
      () => s3().rawOption('X; DROP'),
      'rawOption',
      /bare words/,
    ],
    [
      'raw keyword starting with a digit',
      () => s3().rawOption('1X'),
      'rawOption',
      /bare words/,
    ],
    [
      'raw bare argument',
      () => s3().rawOption('X', { keyword: "ON'" }),
      'X',
      /bare word/,
    ],
    ['raw number Infinity', () => s3().rawOption('X', Infinity), 'X', /finite/],
    [
      'empty column list',
      () => copyInto(db, 'sales', []),
      'columns',
      /at least one/,
    ],
    [
      'repeated column',
      () => copyInto(db, 'sales', ['id', 'id']),
      'columns',
      /twice/,
    ],
    [
      'role chain of 11',
      () =>
        s3().iamRole(
          Array.from({ length: 11 }, (_, i) => `arn:aws:iam::${i}:role/r`),
        ),
      'IAM_ROLE',
      /1 to 10/,
    ],
  ]

  it.each(refusals)('%s', (_name, build, option, rule) => {
    let caught: unknown
    try {
      build()
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(CommandOptionError)
    const error = caught as CommandOptionError
    expect(error.command).toBe('COPY')
    expect(error.option).toBe(option)
    expect(error.message).toMatch(rule)
  })

  it('refuses a statement over 16 MB at compile time', () => {
    const big = s3().rawOption('NEWOPTION', 'x'.repeat(16 * 1024 * 1024))
    expect(() => big.compile()).toThrow(/16 MB \(16777216 bytes\)/)
    const fits = s3().rawOption('NEWOPTION', 'x'.repeat(16 * 1024 * 1024 - 200))
    expect(Buffer.byteLength(fits.compile().sql)).toBeLessThanOrEqual(
      16 * 1024 * 1024,
    )
  })

  it('counts the limit in bytes, not characters', () => {
    // 6M three-byte characters: 18 MB, though only 6M UTF-16 units.
    const big = s3().rawOption('NEWOPTION', '€'.repeat(6 * 1024 * 1024))
    expect(() => big.compile()).toThrow(CommandOptionError)
  })
})
