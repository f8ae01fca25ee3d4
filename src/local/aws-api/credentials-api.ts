import { AwsApiError } from './aws-api-error.js'
import { identityUser, type CallerIdentity } from './caller-identity.js'
import type { IamCredentialStore } from './iam-credential-store.js'
import type { IamRoles } from './iam-roles.js'

/** The cluster and workgroup the emulator answers for. */
export interface CredentialsApiNames {
  readonly clusterIdentifier: string
  readonly workgroupName: string
}

/** What a credentials call returns (the protocol layer encodes it). */
export interface IssuedAnswer {
  readonly dbUser: string
  readonly dbPassword: string
  readonly expiration: Date
  readonly nextRefreshTime?: Date
}

// Redshift's rule for DbUser (mgmt:serverless-migration.md).
const DB_USER = /^[A-Za-z][A-Za-z0-9_+.@-]{0,127}$/

// The API reference's rule for each of DbGroups: 1 to 64 characters,
// lowercase letters, digits and _+.@-, starting with a letter.
const DB_GROUP = /^[a-z][a-z0-9_+.@-]{0,63}$/

/**
 * The credential operations of Redshift and Redshift Serverless, on the
 * emulator's store and backing PostgreSQL: GetClusterCredentials (DbUser,
 * DbGroups, AutoCreate, DurationSeconds), GetClusterCredentialsWithIAM and
 * Serverless GetCredentials (the caller's identity is the user). Parameters
 * are checked as AWS checks them; failures are {@link AwsApiError}s.
 *
 * @example
 * ```ts
 * const api = new CredentialsApi(store, roles, { clusterIdentifier: 'local', workgroupName: 'local' })
 * await api.getClusterCredentials({ DbUser: 'etl', ClusterIdentifier: 'local', AutoCreate: 'true' }, [])
 * ```
 */
export class CredentialsApi {
  readonly #store: IamCredentialStore
  readonly #roles: IamRoles
  readonly #names: CredentialsApiNames

  constructor(
    store: IamCredentialStore,
    roles: IamRoles,
    names: CredentialsApiNames,
  ) {
    this.#store = store
    this.#roles = roles
    this.#names = names
  }

  async getClusterCredentials(
    params: Readonly<Record<string, string>>,
    dbGroups: readonly string[],
  ): Promise<IssuedAnswer> {
    this.#cluster(params)
    const dbUser = params['DbUser']
    if (dbUser === undefined || dbUser === '') {
      throw invalid('DbUser is required.')
    }
    if (!DB_USER.test(dbUser)) {
      throw invalid(
        `DbUser ${dbUser} is not valid: it must start with a letter and contain only letters, digits and _+.@- (at most 128 characters).`,
      )
    }
    for (const group of dbGroups) {
      if (!DB_GROUP.test(group)) {
        throw invalid(
          `DbGroup ${group} is not valid: it must start with a lowercase letter and contain only lowercase letters, digits and _+.@- (at most 64 characters).`,
        )
      }
    }
    const durationSeconds = duration(params['DurationSeconds'])
    const autoCreate = params['AutoCreate']?.toLowerCase() === 'true'
    // Redshift folds user names to lowercase; IAMA: marks one AutoCreate made.
    const role = dbUser.toLowerCase()
    if (autoCreate) await this.#roles.ensure(role, dbGroups)
    else await this.#roles.join(role, dbGroups)
    const issued = this.#store.issue({
      loginUser: `${autoCreate ? 'IAMA' : 'IAM'}:${dbUser}`,
      role,
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
      ...(params['DbName'] ? { database: params['DbName'] } : {}),
    })
    return {
      dbUser: issued.loginUser,
      dbPassword: issued.password,
      expiration: new Date(issued.expiresAt),
    }
  }

  async getClusterCredentialsWithIam(
    params: Readonly<Record<string, string>>,
    caller: CallerIdentity,
  ): Promise<IssuedAnswer> {
    this.#cluster(params)
    return this.#forIdentity(
      caller,
      duration(params['DurationSeconds']),
      params['DbName'],
    )
  }

  async getServerlessCredentials(
    params: Readonly<Record<string, unknown>>,
    caller: CallerIdentity,
  ): Promise<IssuedAnswer> {
    const workgroup = params['workgroupName']
    if (params['customDomainName'] !== undefined && workgroup === undefined) {
      throw new AwsApiError(
        'ResourceNotFoundException',
        404,
        `Custom domain ${String(params['customDomainName'])} is not associated with any workgroup.`,
      )
    }
    if (typeof workgroup !== 'string' || workgroup === '') {
      throw new AwsApiError(
        'ValidationException',
        400,
        'Either workgroupName or customDomainName must be provided.',
      )
    }
    if (workgroup !== this.#names.workgroupName) {
      throw new AwsApiError(
        'ResourceNotFoundException',
        404,
        `Workgroup ${workgroup} is not found.`,
      )
    }
    const seconds = params['durationSeconds']
    const dbName = params['dbName']
    return this.#forIdentity(
      caller,
      seconds === undefined
        ? undefined
        : durationOf(Number(seconds), 'ValidationException'),
      typeof dbName === 'string' && dbName !== '' ? dbName : undefined,
    )
  }

  async #forIdentity(
    caller: CallerIdentity,
    durationSeconds: number | undefined,
    database: string | undefined,
  ): Promise<IssuedAnswer> {
    // The identity's user is created on first use, named with its prefix.
    const loginUser = identityUser(caller)
    await this.#roles.ensure(loginUser, [])
    const issued = this.#store.issue({
      loginUser,
      role: loginUser,
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
      ...(database === undefined ? {} : { database }),
    })
    const expiration = new Date(issued.expiresAt)
    return {
      dbUser: issued.loginUser,
      dbPassword: issued.password,
      expiration,
      // AWS suggests refreshing well before expiry; half-way is the emulator's guess.
      nextRefreshTime: new Date(
        Date.now() + (issued.expiresAt - Date.now()) / 2,
      ),
    }
  }

  #cluster(params: Readonly<Record<string, string>>): void {
    const id = params['ClusterIdentifier']
    const domain = params['CustomDomainName']
    if (id === undefined && domain !== undefined) {
      throw new AwsApiError(
        'CustomDomainAssociationNotFoundFault',
        404,
        `The custom domain ${domain} is not associated with any cluster.`,
      )
    }
    if (id === undefined || id === '') {
      throw new AwsApiError(
        'InvalidParameterCombination',
        400,
        'Either ClusterIdentifier or CustomDomainName must be specified.',
      )
    }
    if (id.toLowerCase() !== this.#names.clusterIdentifier) {
      throw new AwsApiError('ClusterNotFound', 404, `Cluster ${id} not found.`)
    }
  }
}

function invalid(message: string): AwsApiError {
  return new AwsApiError('InvalidParameterValue', 400, message)
}

function duration(value: string | undefined): number | undefined {
  return value === undefined
    ? undefined
    : durationOf(Number(value), 'InvalidParameterValue')
}

function durationOf(seconds: number, code: string): number {
  if (!Number.isInteger(seconds) || seconds < 900 || seconds > 3600) {
    throw new AwsApiError(
      code,
      400,
      `DurationSeconds must be between 900 and 3600 seconds, got ${seconds}.`,
    )
  }
  return seconds
}
