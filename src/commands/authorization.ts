import { CommandOptionError } from '../errors/command-option-error.js'
import { quoteLiteral } from '../sql/literal.js'
import type { RuleCommand } from './option-rule.js'

/** Redshift chains at most this many IAM roles. */
export const MAX_CHAINED_ROLES = 10

/**
 * How COPY and UNLOAD reach S3 (and DynamoDB, EMR...): exactly one of an IAM
 * role (the cluster's default, one ARN, or a chain of at most 10), an access
 * key with its secret (and a session token for temporary credentials), or a
 * raw CREDENTIALS string.
 *
 * ```ts
 * const byRole: Authorization = { iamRole: 'default' }
 * const chained: Authorization = { iamRole: [ownerRole, readerRole] }
 * const byKey: Authorization = { accessKeyId, secretAccessKey, sessionToken }
 * ```
 */
export type Authorization =
  | {
      /** `'default'`, one role ARN, or a chain of ARNs (first is assumed first). */
      readonly iamRole: 'default' | string | readonly string[]
    }
  | {
      readonly accessKeyId: string
      readonly secretAccessKey: string
      /** For temporary credentials. */
      readonly sessionToken?: string
    }
  | {
      /** `aws_iam_role=arn` or `aws_access_key_id=...;aws_secret_access_key=...[;token=...]`. */
      readonly credentials: string
    }

/**
 * Compiles an {@link Authorization} to its Redshift clause and reports the
 * keywords it uses (for the option rules). Values are literals through the
 * escaping module; errors name the field and never contain a secret.
 *
 * ```ts
 * compileAuthorization('COPY', { iamRole: 'default' }).sql // IAM_ROLE default
 * ```
 */
export function compileAuthorization(
  command: RuleCommand,
  auth: Authorization,
): { readonly sql: string; readonly keywords: readonly string[] } {
  const fail = (option: string, rule: string): never => {
    throw new CommandOptionError({ command, option, rule })
  }
  const given = ['iamRole', 'accessKeyId', 'credentials'].filter(
    (key) => (auth as Record<string, unknown>)[key] !== undefined,
  )
  if (given.length !== 1) {
    fail(
      'authorization',
      'give exactly one of iamRole, accessKeyId + secretAccessKey, or credentials' +
        (given.length > 1 ? ` (got ${given.join(', ')})` : ''),
    )
  }
  if ('iamRole' in auth && auth.iamRole !== undefined) {
    if (auth.iamRole === 'default') {
      return { sql: 'IAM_ROLE default', keywords: ['IAM_ROLE'] }
    }
    const roles: readonly string[] =
      typeof auth.iamRole === 'string' ? [auth.iamRole] : auth.iamRole
    if (roles.length === 0 || roles.length > MAX_CHAINED_ROLES) {
      fail(
        'IAM_ROLE',
        `a role chain has 1 to ${MAX_CHAINED_ROLES} ARNs, got ${roles.length}`,
      )
    }
    roles.forEach((role, index) => {
      if (typeof role !== 'string' || role.length === 0 || /[\s,]/.test(role)) {
        fail(
          'IAM_ROLE',
          `iamRole[${index}] must be one non-empty ARN without spaces or commas ` +
            `(chain roles by passing an array)`,
        )
      }
    })
    return {
      sql: `IAM_ROLE ${quoteLiteral(roles.join(','))}`,
      keywords: ['IAM_ROLE'],
    }
  }
  if ('accessKeyId' in auth && auth.accessKeyId !== undefined) {
    const keywords = ['ACCESS_KEY_ID', 'SECRET_ACCESS_KEY']
    if (typeof auth.accessKeyId !== 'string' || auth.accessKeyId.length === 0) {
      fail('ACCESS_KEY_ID', 'accessKeyId must be a non-empty string')
    }
    if (
      typeof auth.secretAccessKey !== 'string' ||
      auth.secretAccessKey.length === 0
    ) {
      fail('SECRET_ACCESS_KEY', 'secretAccessKey must be a non-empty string')
    }
    let sql =
      `ACCESS_KEY_ID ${quoteLiteral(auth.accessKeyId)} ` +
      `SECRET_ACCESS_KEY ${quoteLiteral(auth.secretAccessKey)}`
    if (auth.sessionToken !== undefined) {
      if (
        typeof auth.sessionToken !== 'string' ||
        auth.sessionToken.length === 0
      ) {
        fail(
          'SESSION_TOKEN',
          'sessionToken must be a non-empty string when given',
        )
      }
      sql += ` SESSION_TOKEN ${quoteLiteral(auth.sessionToken)}`
      keywords.push('SESSION_TOKEN')
    }
    return { sql, keywords }
  }
  const credentials = (auth as { readonly credentials: unknown }).credentials
  if (typeof credentials !== 'string' || credentials.length === 0) {
    return fail('CREDENTIALS', 'credentials must be a non-empty string')
  }
  if (/\s/.test(credentials)) {
    fail('CREDENTIALS', 'the CREDENTIALS string may contain no spaces')
  }
  if (/(^|;)\s*master_symmetric_key\s*=/i.test(credentials)) {
    fail(
      'MASTER_SYMMETRIC_KEY',
      'client-side encryption with a master symmetric key is retired; ' +
        'use server-side encryption (ENCRYPTED with KMS_KEY_ID, or S3 default encryption)',
    )
  }
  return {
    sql: `CREDENTIALS ${quoteLiteral(credentials)}`,
    keywords: ['CREDENTIALS'],
  }
}
