import { reject } from '../errors/reject.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { IAM_ROLE_ARN } from '../storage/iam-role-arn.js'
import type { UnloadAuthorization, UnloadCredentials } from './unload-plan.js'

/** Redshift chains at most this many IAM roles. */
const MAX_CHAINED_ROLES = 10

/** The authorization keywords of a statement, as the parser collected them. */
export interface AuthorizationParts {
  readonly iamRole?: string
  readonly accessKeyId?: string
  readonly secretAccessKey?: string
  readonly sessionToken?: string
  readonly credentials?: string
}

const INVALID_CREDENTIALS =
  "Invalid credentials. Must be of the format: credentials 'aws_iam_role=...' or " +
  "'aws_access_key_id=...;aws_secret_access_key=...[;token=...]'"

const RETIRED_MASTER_KEY = reject.other(
  '0A000',
  'client-side encryption with a master symmetric key is no longer supported for UNLOAD',
  undefined,
  'use ENCRYPTED with KMS_KEY_ID, or ENCRYPTED AUTO',
)

/**
 * Turns the statement's authorization into the plan's: exactly one of
 * IAM_ROLE (`default`, one ARN or a chain of at most 10), ACCESS_KEY_ID +
 * SECRET_ACCESS_KEY [+ SESSION_TOKEN], or CREDENTIALS, as COPY takes them.
 * Errors never repeat a key or token.
 *
 * @example
 * ```ts
 * resolveAuthorization({ iamRole: 'default' })
 * // { ok: true, authorization: { kind: 'iam_role', roles: 'default' }, credentials: {} }
 * ```
 */
export function resolveAuthorization(parts: AuthorizationParts):
  | {
      readonly ok: true
      readonly authorization: UnloadAuthorization
      readonly credentials: UnloadCredentials
    }
  | { readonly ok: false; readonly error: ErrorFields } {
  const fail = (error: ErrorFields) => ({ ok: false as const, error })
  const usesKeys =
    parts.accessKeyId !== undefined ||
    parts.secretAccessKey !== undefined ||
    parts.sessionToken !== undefined
  const kinds = [
    parts.iamRole !== undefined,
    usesKeys,
    parts.credentials !== undefined,
  ].filter(Boolean).length
  if (kinds === 0) return fail(reject.other('XX000', INVALID_CREDENTIALS))
  if (kinds > 1) {
    return fail(
      reject.other(
        '42601',
        'conflicting options: give one of IAM_ROLE, ACCESS_KEY_ID and SECRET_ACCESS_KEY, or CREDENTIALS',
      ),
    )
  }
  if (parts.iamRole !== undefined) {
    if (parts.iamRole === 'default') {
      return {
        ok: true,
        authorization: { kind: 'iam_role', roles: 'default' },
        credentials: {},
      }
    }
    const roles = parts.iamRole.split(',').map((role) => role.trim())
    if (roles.length > MAX_CHAINED_ROLES) {
      return fail(
        reject.other(
          '22023',
          `IAM_ROLE chains at most ${MAX_CHAINED_ROLES} roles, got ${roles.length}`,
        ),
      )
    }
    const bad = roles.find((role) => !IAM_ROLE_ARN.test(role))
    if (bad !== undefined) {
      return fail(
        reject.other(
          '22023',
          `invalid IAM_ROLE: "${bad}" is not an IAM role ARN (arn:aws:iam::<account-id>:role/<role-name>)`,
        ),
      )
    }
    return {
      ok: true,
      authorization: { kind: 'iam_role', roles: Object.freeze(roles) },
      credentials: {},
    }
  }
  if (usesKeys) {
    if (
      parts.accessKeyId === undefined ||
      parts.secretAccessKey === undefined
    ) {
      return fail(
        reject.other(
          '42601',
          'ACCESS_KEY_ID and SECRET_ACCESS_KEY must be given together',
        ),
      )
    }
    return {
      ok: true,
      authorization: { kind: 'access_key' },
      credentials: keys(
        parts.accessKeyId,
        parts.secretAccessKey,
        parts.sessionToken,
      ),
    }
  }
  return credentialsString(parts.credentials!)
}

function credentialsString(text: string):
  | {
      readonly ok: true
      readonly authorization: UnloadAuthorization
      readonly credentials: UnloadCredentials
    }
  | { readonly ok: false; readonly error: ErrorFields } {
  const pairs = new Map<string, string>()
  for (const part of text.split(';')) {
    if (part.trim() === '') continue
    const eq = part.indexOf('=')
    if (eq <= 0)
      return { ok: false, error: reject.other('XX000', INVALID_CREDENTIALS) }
    const key = part.slice(0, eq).trim().toLowerCase()
    if (pairs.has(key))
      return { ok: false, error: reject.other('XX000', INVALID_CREDENTIALS) }
    pairs.set(key, part.slice(eq + 1).trim())
  }
  if (pairs.has('master_symmetric_key'))
    return { ok: false, error: RETIRED_MASTER_KEY }
  const role = pairs.get('aws_iam_role')
  const accessKeyId = pairs.get('aws_access_key_id')
  const secretAccessKey = pairs.get('aws_secret_access_key')
  const token = pairs.get('token')
  const known = new Set([
    'aws_iam_role',
    'aws_access_key_id',
    'aws_secret_access_key',
    'token',
  ])
  const onlyKnown = [...pairs.keys()].every((key) => known.has(key))
  if (
    onlyKnown &&
    role !== undefined &&
    pairs.size === 1 &&
    IAM_ROLE_ARN.test(role.split(',')[0]!)
  ) {
    return {
      ok: true,
      authorization: { kind: 'credentials', iamRole: role },
      credentials: {},
    }
  }
  if (
    onlyKnown &&
    role === undefined &&
    accessKeyId !== undefined &&
    secretAccessKey !== undefined &&
    accessKeyId !== '' &&
    secretAccessKey !== ''
  ) {
    return {
      ok: true,
      authorization: { kind: 'credentials' },
      credentials: keys(accessKeyId, secretAccessKey, token),
    }
  }
  return { ok: false, error: reject.other('XX000', INVALID_CREDENTIALS) }
}

function keys(
  accessKeyId: string,
  secretAccessKey: string,
  sessionToken: string | undefined,
): UnloadCredentials {
  return Object.freeze({
    accessKeyId,
    secretAccessKey,
    ...(sessionToken !== undefined ? { sessionToken } : {}),
  })
}

export { RETIRED_MASTER_KEY }
