import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { parseS3Url } from '../storage/object-storage.js'
import { IAM_ROLE_ARN } from '../storage/iam-role-arn.js'
import { copyError } from './copy-errors.js'
import type {
  CopyAuthorization,
  CopyCompression,
  CopyCredentials,
  CopyEncoding,
  CopyFormat,
  CopyOptions,
  CopySource,
  FixedWidthField,
  StructuredMapping,
} from './copy-plan.js'
import { compileDateTimeFormat } from './datetime-format.js'
import type { ParsedCopy, RawCopy, RawValue } from './parse-copy.js'

const FORMATS = [
  'CSV',
  'FIXEDWIDTH',
  'JSON',
  'AVRO',
  'PARQUET',
  'ORC',
  'SHAPEFILE',
] as const
const COMPRESSIONS = ['GZIP', 'BZIP2', 'LZOP', 'ZSTD'] as const
const TEXT_ONLY = [
  'CSV',
  'DELIMITER',
  'ESCAPE',
  'FILLRECORD',
  'FIXEDWIDTH',
  'IGNOREBLANKLINES',
  'NULL AS',
  'READRATIO',
  'REMOVEQUOTES',
]

/**
 * Pairs Redshift refuses together (`copy-parameters-data-format.md`,
 * `copy-parameters-data-load.md`): the first is reported as not compatible
 * with the second.
 */
export const INCOMPATIBLE_OPTIONS: readonly (readonly [string, string])[] = [
  ['CSV', 'FIXEDWIDTH'],
  ['CSV', 'REMOVEQUOTES'],
  ['CSV', 'ESCAPE'],
  ['FIXEDWIDTH', 'DELIMITER'],
  ['FIXEDWIDTH', 'ESCAPE'],
  ['SHAPEFILE', 'FIXEDWIDTH'],
  ['SHAPEFILE', 'REMOVEQUOTES'],
  ['SHAPEFILE', 'ESCAPE'],
  ...TEXT_ONLY.map((o) => ['JSON', o] as const),
  ...TEXT_ONLY.map((o) => ['AVRO', o] as const),
  ['IGNOREALLERRORS', 'MAXERROR'],
]

/**
 * The only parameters a Parquet or ORC COPY takes
 * (`copy-usage_notes-copy-from-columnar.md`); any other is refused with
 * `<OPTION> argument is not supported for PARQUET based COPY`.
 */
export const COLUMNAR_OPTIONS: ReadonlySet<string> = new Set([
  'PARQUET',
  'ORC',
  'ACCEPTINVCHARS',
  'FILLRECORD',
  'IAM_ROLE',
  'CREDENTIALS',
  'STATUPDATE',
  'MANIFEST',
  'ACCESS_KEY_ID',
  'SECRET_ACCESS_KEY',
  'SESSION_TOKEN',
  'EXPLICIT_IDS',
  'SERIALIZETOJSON',
])

/** Parameters a COPY from DynamoDB refuses (`copy-parameters-data-source-dynamodb.md`). */
export const DYNAMODB_REFUSED: readonly string[] = [
  ...FORMATS,
  'DELIMITER',
  'QUOTE',
  ...COMPRESSIONS,
  'ESCAPE',
  'FILLRECORD',
  'IGNOREBLANKLINES',
  'IGNOREHEADER',
  'NULL AS',
  'REMOVEQUOTES',
  'ACCEPTINVCHARS',
  'MANIFEST',
  'ENCRYPTED',
  'SSH',
]
/** Parameters a COPY from EMR refuses. */
export const EMR_REFUSED: readonly string[] = [
  'ENCRYPTED',
  'MANIFEST',
  'REGION',
  'READRATIO',
  'SSH',
]
/** Parameters a COPY with SSH refuses. */
export const SSH_REFUSED: readonly string[] = [
  'ENCRYPTED',
  'MANIFEST',
  'READRATIO',
]

const SOURCE_NAMES = {
  dynamodb: 'COPY from DynamoDB',
  emr: 'COPY from Amazon EMR',
  ssh: 'COPY with SSH',
} as const

const INVALID_CREDENTIALS =
  "Invalid credentials. Must be of the format: credentials 'aws_iam_role=...' or 'aws_access_key_id=...;aws_secret_access_key=...[;token=...]'"

type Failure = { readonly ok: false; readonly error: ErrorFields }
const no = (error: ErrorFields): Failure => ({ ok: false, error })

/**
 * Applies Redshift's rules to a COPY read by the grammar and fills in the
 * defaults: one authorization, one format, the refused pairs, the columnar
 * and per-source parameter lists, argument ranges and shapes, and the
 * retired client-side encryption. Sources and formats the emulator cannot
 * serve are refused last, so a statement Redshift itself would refuse gets
 * Redshift's error first.
 *
 * @example
 * ```ts
 * checkCopy(raw) // { ok: false, error: { code: '42601', message: 'CSV is not compatible with ESCAPE' } }
 * ```
 */
export function checkCopy(raw: RawCopy): ParsedCopy {
  const o = raw.options
  const has = (name: string) => o.has(name)
  const str = (name: string) => o.get(name) as string | undefined
  const num = (name: string) => o.get(name) as number | undefined

  // Source.
  const url = raw.source
  let source: CopySource
  if (/^s3:\/\//i.test(url)) {
    const location = parseS3Url(url)
    if (location === undefined)
      return no(copyError.executor(`Invalid S3 URL: '${url}'`))
    source = has('SSH')
      ? { kind: 'ssh', url }
      : { kind: 's3', url, bucket: location.bucket, key: location.key }
  } else if (/^dynamodb:\/\/./i.test(url)) source = { kind: 'dynamodb', url }
  else if (/^emr:\/\/./i.test(url)) source = { kind: 'emr', url }
  else
    return no(
      copyError.executor(
        `Invalid data source '${url}': COPY reads from 's3://...', 'dynamodb://...' or 'emr://...'`,
      ),
    )

  // Client-side encryption is retired; Redshift no longer accepts it.
  for (const retired of ['MASTER_SYMMETRIC_KEY', 'ENCRYPTED']) {
    if (has(retired)) {
      return no(
        reject.unsupported(
          retired,
          'client-side encryption of COPY files (MASTER_SYMMETRIC_KEY) is retired; use server-side encryption (SSE-S3 or SSE-KMS), which COPY reads with no option',
        ),
      )
    }
  }

  // Authorization: exactly one of IAM_ROLE, the key pair, CREDENTIALS.
  const auth = checkAuthorization(raw)
  if ('error' in auth) return no(auth.error)

  // One format, one compression.
  const formats = FORMATS.filter(has)
  if (formats.length > 1)
    return no(copyError.incompatible(formats[0]!, formats[1]!))
  const compressions = COMPRESSIONS.filter(has)
  if (compressions.length > 1)
    return no(copyError.incompatible(compressions[0]!, compressions[1]!))
  for (const [a, b] of INCOMPATIBLE_OPTIONS) {
    if (has(a) && has(b)) return no(copyError.incompatible(a, b))
  }
  if (has('QUOTE') && !has('CSV'))
    return no(copyError.option('QUOTE can be used only with CSV'))
  // SIMPLIFY [AUTO] [tolerance] shapes the GEOMETRY values of a shapefile
  // load (spatial-copy-shapefile.md); with SHAPEFILE it reaches the
  // emulator limit of that format below.
  if (has('SIMPLIFY') && !has('SHAPEFILE'))
    return no(copyError.option('SIMPLIFY can be used only with SHAPEFILE'))
  if (has('SERIALIZETOJSON') && !has('PARQUET') && !has('ORC'))
    return no(
      copyError.option('SERIALIZETOJSON can be used only with PARQUET or ORC'),
    )
  const columnar = has('PARQUET') ? 'PARQUET' : has('ORC') ? 'ORC' : undefined
  if (columnar !== undefined) {
    for (const name of o.keys()) {
      if (!COLUMNAR_OPTIONS.has(name))
        return no(copyError.columnar(name, columnar))
    }
  }

  // Per-source parameter lists.
  if (source.kind === 's3' && has('READRATIO'))
    return no(
      copyError.option('READRATIO is valid only for COPY from DynamoDB'),
    )
  const refused =
    source.kind === 'dynamodb'
      ? DYNAMODB_REFUSED
      : source.kind === 'emr'
        ? EMR_REFUSED
        : source.kind === 'ssh'
          ? SSH_REFUSED
          : []
  for (const name of refused) {
    if (has(name) && source.kind !== 's3')
      return no(
        copyError.option(
          `${name} is not supported for ${SOURCE_NAMES[source.kind]}`,
        ),
      )
  }
  if (source.kind === 'dynamodb' && !has('READRATIO'))
    return no(copyError.option('READRATIO is required for COPY from DynamoDB'))
  if (has('ZSTD') && source.kind !== 's3')
    return no(
      copyError.option('ZSTD is supported only for COPY from Amazon S3'),
    )

  // Arguments.
  const range = (name: string, min: number, max: number) => {
    const n = num(name)
    if (n === undefined || (n >= min && n <= max)) return undefined
    return no(
      copyError.option(
        `${name} argument must be between ${min} and ${max}, got ${n}`,
      ),
    )
  }
  const bad =
    range('MAXERROR', 0, 100000) ??
    range('IGNOREHEADER', 0, 2147483647) ??
    range('READRATIO', 1, 200) ??
    range('COMPROWS', 1000, 2147483647)
  if (bad) return bad

  const format: CopyFormat =
    formats.length === 0
      ? 'text'
      : (formats[0]!.toLowerCase() as Exclude<CopyFormat, 'text'>)
  const delimiter = str('DELIMITER') ?? (format === 'csv' ? ',' : '|')
  if ([...delimiter].length !== 1 || delimiter.charCodeAt(0) > 127)
    return no(
      copyError.option(
        `DELIMITER argument must be a single ASCII character, got '${delimiter}'`,
      ),
    )
  if (delimiter === '\n' || delimiter === '\r' || delimiter === '\0')
    return no(
      copyError.option('DELIMITER cannot be a newline, carriage return or NUL'),
    )
  const quote = str('QUOTE') ?? '"'
  if (quote.length !== 1 || quote.charCodeAt(0) > 127 || quote === '\n')
    return no(
      copyError.option(
        `QUOTE argument must be a single ASCII character, got '${quote}'`,
      ),
    )
  if (format === 'csv' && quote === delimiter)
    return no(copyError.option('QUOTE and DELIMITER must be different'))

  let acceptInvChars: string | undefined
  if (has('ACCEPTINVCHARS')) {
    const value = o.get('ACCEPTINVCHARS')
    acceptInvChars = value === true ? '?' : (value as string)
    if (
      acceptInvChars.length !== 1 ||
      acceptInvChars.charCodeAt(0) > 127 ||
      acceptInvChars === '\0'
    )
      return no(
        copyError.option(
          'ACCEPTINVCHARS replacement must be one ASCII character other than NUL',
        ),
      )
  }

  const nullAs = str('NULL AS') ?? '\\N'
  if (nullAs.includes('\n'))
    return no(copyError.option("NULL AS cannot be '\\n' (newline)"))

  let fixedWidth: FixedWidthField[] | undefined
  if (has('FIXEDWIDTH')) {
    fixedWidth = []
    for (const part of str('FIXEDWIDTH')!.split(',')) {
      const m = /^\s*([^:]+?)\s*:\s*(\d+)\s*$/.exec(part)
      if (m === null || Number(m[2]) <= 0)
        return no(
          copyError.option(
            `Invalid FIXEDWIDTH specification '${str('FIXEDWIDTH')}': use 'label:width,...' with widths in bytes`,
          ),
        )
      fixedWidth.push({ label: m[1]!, width: Number(m[2]) })
    }
  }

  let mapping: StructuredMapping | undefined
  for (const name of ['JSON', 'AVRO'] as const) {
    const arg = str(name)
    if (arg === undefined) continue
    if (arg === 'auto') mapping = { kind: 'auto', ignoreCase: false }
    else if (arg === 'auto ignorecase')
      mapping = { kind: 'auto', ignoreCase: true }
    else if (arg === 'noshred' && name === 'JSON') mapping = { kind: 'noshred' }
    else if (/^s3:\/\/[^/]+\/.+/i.test(arg))
      mapping = { kind: 'jsonpaths', url: arg }
    else
      return no(
        copyError.option(
          `Invalid ${name} argument '${arg}': use 'auto', 'auto ignorecase'${name === 'JSON' ? ", 'noshred'" : ''} or the s3:// URL of a JSONPaths file`,
        ),
      )
  }

  const dateFormat = str('DATEFORMAT')
  if (dateFormat !== undefined && dateFormat !== 'auto') {
    if (compileDateTimeFormat(dateFormat, 'date') === undefined)
      return no(copyError.option(`Invalid DATEFORMAT '${dateFormat}'`))
  }
  const timeFormat = str('TIMEFORMAT')
  if (
    timeFormat !== undefined &&
    !['auto', 'epochsecs', 'epochmillisecs'].includes(timeFormat) &&
    compileDateTimeFormat(timeFormat, 'timestamp') === undefined
  )
    return no(copyError.option(`Invalid TIMEFORMAT '${timeFormat}'`))

  // What this emulator cannot run, once Redshift's own rules have passed.
  if (source.kind !== 's3')
    return no(
      copyError.emulatorLimit(
        SOURCE_NAMES[source.kind],
        'copy the data to s3:// (the emulator folder or endpoint) and load it from there',
      ),
    )
  if (format === 'orc' || format === 'shapefile')
    return no(
      copyError.emulatorLimit(
        `COPY FORMAT ${format.toUpperCase()}`,
        'load the data as Parquet, Avro, JSON, CSV or delimited text',
      ),
    )

  const options: CopyOptions = Object.freeze({
    format,
    delimiter,
    quote,
    ...(fixedWidth ? { fixedWidth: Object.freeze(fixedWidth) } : {}),
    ...(mapping ? { mapping } : {}),
    serializeToJson: has('SERIALIZETOJSON'),
    ...(compressions[0]
      ? { compression: compressions[0].toLowerCase() as CopyCompression }
      : {}),
    manifest: has('MANIFEST'),
    ...(has('REGION') ? { region: str('REGION')! } : {}),
    ...(has('READRATIO') ? { readRatio: num('READRATIO')! } : {}),
    acceptAnyDate: has('ACCEPTANYDATE'),
    ...(acceptInvChars !== undefined ? { acceptInvChars } : {}),
    blanksAsNull: has('BLANKSASNULL'),
    emptyAsNull: has('EMPTYASNULL'),
    ...(dateFormat !== undefined ? { dateFormat } : {}),
    ...(timeFormat !== undefined ? { timeFormat } : {}),
    encoding: (str('ENCODING') ?? 'UTF8').toLowerCase() as CopyEncoding,
    escape: has('ESCAPE'),
    explicitIds: has('EXPLICIT_IDS'),
    fillRecord: has('FILLRECORD'),
    ignoreBlankLines: has('IGNOREBLANKLINES'),
    ignoreHeader: num('IGNOREHEADER') ?? 0,
    nullAs,
    defaultNull: !has('NULL AS'),
    removeQuotes: has('REMOVEQUOTES'),
    roundDec: has('ROUNDEC'),
    trimBlanks: has('TRIMBLANKS'),
    truncateColumns: has('TRUNCATECOLUMNS'),
    maxError: num('MAXERROR') ?? 0,
    ignoreAllErrors: has('IGNOREALLERRORS'),
    noLoad: has('NOLOAD'),
    ...(has('COMPROWS') ? { compRows: num('COMPROWS')! } : {}),
    ...(has('COMPUPDATE') ? { compUpdate: keyword(o.get('COMPUPDATE')) } : {}),
    ...(has('STATUPDATE') ? { statUpdate: keyword(o.get('STATUPDATE')) } : {}),
  })
  return {
    ok: true,
    plan: Object.freeze({
      tableParts: Object.freeze([...raw.tableParts]),
      ...(raw.columns ? { columns: Object.freeze([...raw.columns]) } : {}),
      source: Object.freeze(source),
      credentials: Object.freeze(auth.credentials),
      authorization: Object.freeze(auth.authorization),
      options,
    }),
  }
}

function keyword(value: RawValue | undefined): string {
  return value === true || value === undefined ? 'ON' : String(value)
}

function checkAuthorization(raw: RawCopy):
  | {
      readonly credentials: CopyCredentials
      readonly authorization: CopyAuthorization
    }
  | { readonly error: ErrorFields } {
  const o = raw.options
  const methods = [
    o.has('IAM_ROLE') ? 'IAM_ROLE' : undefined,
    o.has('ACCESS_KEY_ID') ||
    o.has('SECRET_ACCESS_KEY') ||
    o.has('SESSION_TOKEN')
      ? 'ACCESS_KEY_ID'
      : undefined,
    o.has('CREDENTIALS') ? 'CREDENTIALS' : undefined,
  ].filter((m): m is string => m !== undefined)
  if (methods.length > 1)
    return { error: copyError.incompatible(methods[0]!, methods[1]!) }
  if (methods.length === 0)
    return {
      error: copyError.option(
        'COPY needs an authorization: IAM_ROLE, ACCESS_KEY_ID and SECRET_ACCESS_KEY, or CREDENTIALS',
      ),
    }
  if (methods[0] === 'IAM_ROLE') {
    const value = o.get('IAM_ROLE')
    if (value === true)
      return {
        credentials: {},
        authorization: { kind: 'iam_role', roles: 'default' },
      }
    const roles = checkRoles(value as string)
    if ('error' in roles) return roles
    return {
      credentials: {},
      authorization: { kind: 'iam_role', roles: roles.roles },
    }
  }
  if (methods[0] === 'ACCESS_KEY_ID') {
    const id = o.get('ACCESS_KEY_ID') as string | undefined
    const secret = o.get('SECRET_ACCESS_KEY') as string | undefined
    if (!id || !secret)
      return {
        error: copyError.option(
          'ACCESS_KEY_ID and SECRET_ACCESS_KEY must be given together',
        ),
      }
    const token = o.get('SESSION_TOKEN') as string | undefined
    return {
      credentials: {
        accessKeyId: id,
        secretAccessKey: secret,
        ...(token !== undefined ? { sessionToken: token } : {}),
      },
      authorization: { kind: 'keys' },
    }
  }
  // CREDENTIALS 'aws_iam_role=arn' | 'aws_access_key_id=..;aws_secret_access_key=..[;token=..]'
  const text = o.get('CREDENTIALS') as string
  const invalid = { error: copyError.executor(INVALID_CREDENTIALS) }
  if (/\s/.test(text)) return invalid
  const pairs = new Map<string, string>()
  for (const part of text.split(';')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const key = eq > 0 ? part.slice(0, eq) : ''
    if (
      !/^(aws_iam_role|aws_access_key_id|aws_secret_access_key|token|master_symmetric_key)$/.test(
        key,
      ) ||
      pairs.has(key) ||
      eq === part.length - 1
    )
      return invalid
    pairs.set(key, part.slice(eq + 1))
  }
  if (pairs.has('master_symmetric_key'))
    return {
      error: reject.unsupported(
        'MASTER_SYMMETRIC_KEY',
        'client-side encryption of COPY files is retired; use server-side encryption',
      ),
    }
  const role = pairs.get('aws_iam_role')
  const id = pairs.get('aws_access_key_id')
  const secret = pairs.get('aws_secret_access_key')
  const token = pairs.get('token')
  if (role !== undefined) {
    if (id !== undefined || secret !== undefined || token !== undefined)
      return invalid
    const roles = checkRoles(role)
    if ('error' in roles) return roles
    return {
      credentials: {},
      authorization: { kind: 'credentials', roles: roles.roles },
    }
  }
  if (id === undefined || secret === undefined) return invalid
  return {
    credentials: {
      accessKeyId: id,
      secretAccessKey: secret,
      ...(token !== undefined ? { sessionToken: token } : {}),
    },
    authorization: { kind: 'credentials' },
  }
}

function checkRoles(
  list: string,
): { readonly roles: readonly string[] } | { readonly error: ErrorFields } {
  const roles = list.split(',')
  if (roles.length > 10)
    return {
      error: copyError.executor(
        `Too many IAM roles in the chain: ${roles.length} (at most 10)`,
      ),
    }
  for (const role of roles) {
    if (!IAM_ROLE_ARN.test(role))
      return {
        error: copyError.executor(
          `Invalid IAM role ARN '${role}': use 'arn:aws:iam::<account>:role/<name>', chained roles separated by commas without spaces`,
        ),
      }
  }
  return { roles: Object.freeze(roles) }
}
