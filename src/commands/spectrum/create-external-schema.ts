import { sql, type CompiledQuery, type Kysely } from 'kysely'

import { CommandOptionError } from '../../errors/command-option-error.js'
import { compileAuthorization } from '../authorization.js'
import { commandLiteral } from '../command-literal.js'
import { checkOptionRules } from '../option-rule.js'
import { externalName } from './spectrum-clauses.js'
import { SPECTRUM_RULES } from './spectrum-rules.js'
import { runSpectrumDdl } from './run-spectrum-ddl.js'

const COMMAND = 'CREATE EXTERNAL SCHEMA'

/**
 * IAM_ROLE of an external schema: the cluster's default, `'SESSION'`, one ARN or a chain.
 *
 * ```ts
 * const role: ExternalSchemaRole = ['arn:aws:iam::123456789012:role/owner', 'arn:aws:iam::210987654321:role/reader']
 * ```
 */
export type ExternalSchemaRole =
  'default' | 'SESSION' | string | readonly string[]

/**
 * `FROM DATA CATALOG`: an AWS Glue Data Catalog (or Lake Formation)
 * database.
 *
 * ```ts
 * const from: DataCatalogSource = { database: 'spectrumdb', iamRole: 'default', createExternalDatabaseIfNotExists: true }
 * ```
 */
export interface DataCatalogSource {
  /** `DATABASE 'name'`: the catalog's database. */
  readonly database: string
  /** `REGION 'r'`: the catalog's region, when it is not the cluster's. */
  readonly region?: string
  /** `IAM_ROLE`: how Redshift reaches the catalog and S3. */
  readonly iamRole: ExternalSchemaRole
  /** `CATALOG_ROLE 'SESSION' | 'arn'`: a role for the catalog only. */
  readonly catalogRole?: 'SESSION' | string
  /** `CREATE EXTERNAL DATABASE IF NOT EXISTS`. */
  readonly createExternalDatabaseIfNotExists?: boolean
  /** `CATALOG_ID 'account'`: the account whose catalog holds the database. */
  readonly catalogId?: string
}

/**
 * `FROM HIVE METASTORE`: a Hive metastore reached at `uri` (PORT defaults
 * to 9083).
 *
 * ```ts
 * const from: HiveMetastoreSource = { database: 'hive_db', uri: '172.10.10.10', iamRole: 'default' }
 * ```
 */
export interface HiveMetastoreSource {
  readonly database: string
  /** `URI 'host'`. */
  readonly uri: string
  /** `PORT n` (1-65535). */
  readonly port?: number
  readonly iamRole: 'default' | string | readonly string[]
}

interface Props {
  readonly db: Kysely<any>
  readonly name: string
  readonly ifNotExists: boolean
  readonly source?: {
    readonly keywords: readonly string[]
    readonly sql: string
  }
}

/**
 * `CREATE EXTERNAL SCHEMA [IF NOT EXISTS] name FROM ...`: immutable, each
 * method returns a new builder. A source is required (`.fromDataCatalog()`
 * or `.fromHiveMetastore()`); the option rules of {@link SPECTRUM_RULES}
 * are checked by `compile()`, which `execute()` goes through.
 *
 * ```ts
 * await db.spectrum
 *   .createExternalSchema('spectrum')
 *   .fromDataCatalog({ database: 'spectrumdb', iamRole: 'default', createExternalDatabaseIfNotExists: true })
 *   .ifNotExists()
 *   .execute()
 * ```
 */
export class CreateExternalSchemaBuilder {
  readonly #props: Props

  constructor(props: Props) {
    externalName(COMMAND, 'schema', props.name)
    this.#props = Object.freeze(props)
  }

  /** `IF NOT EXISTS`: do nothing (with a notice) when the schema exists. */
  ifNotExists(): CreateExternalSchemaBuilder {
    return new CreateExternalSchemaBuilder({
      ...this.#props,
      ifNotExists: true,
    })
  }

  /** `FROM DATA CATALOG DATABASE '...' [REGION] IAM_ROLE ... [CATALOG_ROLE] [CREATE EXTERNAL DATABASE IF NOT EXISTS] [CATALOG_ID]`. */
  fromDataCatalog(source: DataCatalogSource): CreateExternalSchemaBuilder {
    const s = sourceRecord(source)
    const keywords = ['DATA CATALOG', 'IAM_ROLE']
    const parts = [
      'FROM DATA CATALOG',
      `DATABASE ${commandLiteral(COMMAND, 'DATABASE', s['database'])}`,
    ]
    if (s['region'] !== undefined) {
      keywords.push('REGION')
      parts.push(`REGION ${commandLiteral(COMMAND, 'REGION', s['region'])}`)
    }
    parts.push(roleClause(s['iamRole'], keywords))
    if (s['catalogRole'] !== undefined) {
      keywords.push('CATALOG_ROLE')
      parts.push(
        `CATALOG_ROLE ${roleLiteral('CATALOG_ROLE', s['catalogRole'])}`,
      )
    }
    if (s['createExternalDatabaseIfNotExists'] === true) {
      keywords.push('CREATE EXTERNAL DATABASE IF NOT EXISTS')
      parts.push('CREATE EXTERNAL DATABASE IF NOT EXISTS')
    }
    if (s['catalogId'] !== undefined) {
      keywords.push('CATALOG_ID')
      parts.push(
        `CATALOG_ID ${commandLiteral(COMMAND, 'CATALOG_ID', s['catalogId'])}`,
      )
    }
    return this.#from(keywords, parts)
  }

  /** `FROM HIVE METASTORE DATABASE '...' URI '...' [PORT n] IAM_ROLE ...`. */
  fromHiveMetastore(source: HiveMetastoreSource): CreateExternalSchemaBuilder {
    const s = sourceRecord(source)
    const keywords = ['HIVE METASTORE', 'IAM_ROLE']
    const parts = [
      'FROM HIVE METASTORE',
      `DATABASE ${commandLiteral(COMMAND, 'DATABASE', s['database'])}`,
    ]
    if (s['uri'] !== undefined) {
      keywords.push('URI')
      parts.push(`URI ${commandLiteral(COMMAND, 'URI', s['uri'])}`)
    }
    if (s['port'] !== undefined) {
      const port = s['port']
      if (
        !Number.isSafeInteger(port) ||
        (port as number) < 1 ||
        (port as number) > 65535
      ) {
        fail('PORT', 'the port is a whole number from 1 to 65535')
      }
      keywords.push('PORT')
      parts.push(`PORT ${port as number}`)
    }
    parts.push(roleClause(s['iamRole'], keywords))
    return this.#from(keywords, parts)
  }

  /** The statement, with no parameters; checks the option rules first. */
  compile(): CompiledQuery {
    const { db, name, ifNotExists, source } = this.#props
    if (source === undefined) {
      fail(
        'FROM',
        'give the catalog: .fromDataCatalog({ database, iamRole }) or .fromHiveMetastore({ database, uri, iamRole })',
      )
    }
    checkOptionRules(SPECTRUM_RULES, new Set(source.keywords))
    const text = `CREATE EXTERNAL SCHEMA ${ifNotExists ? 'IF NOT EXISTS ' : ''}${externalName(COMMAND, 'schema', name).sql} ${source.sql}`
    return sql.raw(text).compile(db)
  }

  /** Runs the statement through the builder's instance. */
  async execute(): Promise<void> {
    await runSpectrumDdl(this.#props.db, this.compile())
  }

  #from(keywords: string[], parts: string[]): CreateExternalSchemaBuilder {
    if (this.#props.source !== undefined)
      fail('FROM', 'the source is already set')
    return new CreateExternalSchemaBuilder({
      ...this.#props,
      source: Object.freeze({
        keywords: Object.freeze(keywords),
        sql: parts.join(' '),
      }),
    })
  }
}

function fail(option: string, rule: string): never {
  throw new CommandOptionError({ command: COMMAND, option, rule })
}

function sourceRecord(source: unknown): Record<string, unknown> {
  if (typeof source !== 'object' || source === null) {
    return fail(
      'FROM',
      'give the source as an object: { database, iamRole, ... }',
    )
  }
  return source as Record<string, unknown>
}

// IAM_ROLE through the authorization module COPY and UNLOAD use, so a role
// is checked and quoted in one place; 'SESSION' (the caller's own
// federated identity) is a quoted keyword there too.
function roleClause(role: unknown, keywords: string[]): string {
  if (role === undefined) {
    fail(
      'IAM_ROLE',
      "give iamRole: 'default', 'SESSION' or a role ARN (or a chain of ARNs)",
    )
  }
  if (role === 'SESSION') keywords.push('IAM_ROLE SESSION')
  return compileAuthorization(COMMAND, {
    iamRole: role as 'default' | string | readonly string[],
  }).sql
}

function roleLiteral(option: string, role: unknown): string {
  const literal = commandLiteral(COMMAND, option, role)
  if (/[\s,]/.test(role as string)) {
    fail(
      option,
      `${option} is 'SESSION' or one role ARN, without spaces or commas`,
    )
  }
  return literal
}
