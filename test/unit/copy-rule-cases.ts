import { copyInto } from '../../src/commands/copy/index.js'
import { COPY_COLUMNAR } from '../../src/commands/copy/copy-rules.js'
import type { OptionRule } from '../../src/commands/option-rule.js'
import { offlineDb } from './copy-helpers.js'

// The builder without its types: the rules must hold for what the types
// would not let through (casts, raw options, plain JavaScript).
export type AnyCopy = Record<string, (...args: unknown[]) => AnyCopy> & {
  compile(): unknown
}

export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'
const db = offlineDb()

// How to make a builder hold each keyword of the rules table.
export const APPLY: Record<string, (b: AnyCopy) => AnyCopy> = {
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

export const SOURCES: Record<string, string> = {
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
export function breaking(rule: OptionRule): AnyCopy {
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
