import { reject } from '../../errors/reject.js'
import { quoteLiteral } from '../quote.js'
import { createRedshiftSchema } from './create-redshift-schema.js'
import { type SpectrumCursor, SpectrumSyntaxError } from './spectrum-cursor.js'
import { IAM_ROLE_ARN } from '../../storage/iam-role-arn.js'

/** SVV_EXTERNAL_SCHEMAS.eskind of the catalogs the emulator keeps. */
const ESKIND = { 'data catalog': 1, 'hive metastore': 2 } as const

/** The sources Redshift has that the emulator does not keep a catalog for. */
const OTHER_SOURCES = ['postgres', 'mysql', 'kinesis', 'msk', 'kafka']

/** Options by source; each may be given once. */
const OPTIONS: Readonly<Record<keyof typeof ESKIND, readonly string[]>> = {
  'data catalog': [
    'database',
    'region',
    'iam_role',
    'catalog_role',
    'catalog_id',
  ],
  'hive metastore': ['database', 'uri', 'port', 'iam_role'],
}

/** IAM_ROLE's ARN list: up to 10 role ARNs, comma-separated, no spaces. */
const MAX_CHAINED_ROLES = 10

/**
 * `CREATE EXTERNAL SCHEMA [IF NOT EXISTS] name FROM [DATA CATALOG] | HIVE
 * METASTORE DATABASE 'db' ...` as the call that creates it in the
 * emulator's catalog. The rules of
 * https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_SCHEMA.html:
 * DATABASE and IAM_ROLE are required, HIVE METASTORE needs URI (PORT
 * defaults to 9083) and takes no CREATE EXTERNAL DATABASE, IAM_ROLE
 * 'SESSION' is for the data catalog only, a chain has at most 10 ARNs and no
 * spaces. FROM REDSHIFT names another database's schema (see
 * create-redshift-schema.ts); the federated sources (POSTGRES, MYSQL,
 * KINESIS, MSK) are an emulator limit. Called with the cursor after `CREATE EXTERNAL SCHEMA`.
 *
 * @example
 * ```ts
 * createExternalSchema(cursor) // "CALL redshift_local.create_external_schema('spectrum', false, 1, 'spectrumdb', '{...}')"
 * ```
 */
export function createExternalSchema(c: SpectrumCursor): string {
  const ifNotExists = c.word('if', 'not', 'exists')
  const name = c.expectName('schema name')
  c.expectWords('from')
  let source: keyof typeof ESKIND = 'data catalog'
  if (c.word('redshift')) return createRedshiftSchema(c, name, ifNotExists)
  if (c.word('hive', 'metastore')) source = 'hive metastore'
  else if (OTHER_SOURCES.includes(c.peekWord())) {
    throw new SpectrumSyntaxError(
      reject.other(
        '0A000',
        `CREATE EXTERNAL SCHEMA ... FROM ${c.peekWord().toUpperCase()} is not supported by the local emulator (an emulator limit)`,
        undefined,
        'the emulator keeps external schemas FROM DATA CATALOG and FROM HIVE METASTORE',
      ),
    )
  } else c.word('data', 'catalog')

  const options = new Map<string, string>()
  let createDatabase = false
  while (!c.done) {
    if (c.word('create', 'external', 'database', 'if', 'not', 'exists')) {
      if (source === 'hive metastore') {
        throw invalid(
          'CREATE EXTERNAL DATABASE IF NOT EXISTS cannot be used with HIVE METASTORE',
        )
      }
      createDatabase = true
      continue
    }
    const option = c.peekWord()
    if (!OPTIONS[source].includes(option)) {
      throw c.syntaxError(
        `FROM ${source.toUpperCase()} takes ${OPTIONS[source].map((o) => o.toUpperCase()).join(', ')}`,
      )
    }
    if (options.has(option)) {
      throw invalid(`${option.toUpperCase()} is given more than once`)
    }
    c.word(option)
    options.set(option, optionValue(c, option))
  }
  const database = options.get('database')
  if (database === undefined) throw invalid('DATABASE is required')
  const role = options.get('iam_role')
  if (role === undefined) throw invalid('IAM_ROLE is required')
  checkRole(role, source)
  const catalogRole = options.get('catalog_role')
  if (catalogRole !== undefined && catalogRole !== 'SESSION') {
    checkRole(catalogRole, source)
  }
  if (source === 'hive metastore') {
    if (!options.has('uri')) {
      throw invalid('URI is required with HIVE METASTORE')
    }
    if (!options.has('port')) options.set('port', '9083')
  }
  // esoptions as Redshift shows it: a JSON object of the options given.
  const esoptions: Record<string, string> = {}
  for (const [key, value] of options) {
    if (key !== 'database') esoptions[key.toUpperCase()] = value
  }
  if (createDatabase) esoptions['CREATE_EXTERNAL_DATABASE'] = 'TRUE'
  return `CALL redshift_local.create_external_schema(${quoteLiteral(name)}, ${ifNotExists}, ${ESKIND[source]}::smallint, ${quoteLiteral(database)}, ${quoteLiteral(JSON.stringify(esoptions))})`
}

function optionValue(c: SpectrumCursor, option: string): string {
  if (option === 'iam_role' && c.word('default')) return 'default'
  if (option === 'port') {
    const port = c.integer()
    if (port === undefined || port < 1 || port > 65535) {
      throw c.syntaxError('PORT is a port number')
    }
    return String(port)
  }
  return c.expectLiteral(`the value of ${option.toUpperCase()}`)
}

function checkRole(value: string, source: keyof typeof ESKIND): void {
  if (value === 'default') return
  if (value === 'SESSION') {
    if (source !== 'data catalog') {
      throw invalid("IAM_ROLE 'SESSION' is allowed only with DATA CATALOG")
    }
    return
  }
  const arns = value.split(',')
  if (arns.length > MAX_CHAINED_ROLES) {
    throw invalid(`a role chain has at most ${MAX_CHAINED_ROLES} roles`)
  }
  for (const arn of arns) {
    if (!IAM_ROLE_ARN.test(arn)) {
      throw invalid(
        `invalid IAM role ARN "${arn}"`,
        "a role is 'arn:aws:iam::<account-id>:role/<name>'; chained roles are separated by commas without spaces",
      )
    }
  }
}

function invalid(message: string, hint?: string): SpectrumSyntaxError {
  return new SpectrumSyntaxError(
    reject.other('22023', message, undefined, hint),
  )
}
