import { z } from 'zod'

import type { MeterProvider, TracerProvider } from '@opentelemetry/api'

import type {
  AwsCredentialsInput,
  PasswordProvider,
} from './redshift-config.js'

const TLS_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const

const integer = (min: number, max?: number) => {
  const base = z.number().int().min(min)
  return (max === undefined ? base : base.max(max)).optional()
}
const ms = (min: number) => integer(min)

// Strict objects turn a misspelt key into an error instead of a silently
// ignored setting.
const tlsSchema = z.strictObject({
  mode: z.enum(TLS_MODES).optional(),
  ca: z.union([z.string(), z.instanceof(Buffer)]).optional(),
  servername: z.string().min(1).optional(),
})

/**
 * The shape of {@link RedshiftConfigInput}, field by field. Rules that tie
 * fields together (pool.min <= pool.max, a PEM CA for verify modes, required
 * host and user) are checked after it, so that every issue is reported in one
 * pass even when some fields are malformed.
 */
export const configInputSchema = z.strictObject({
  url: z.string().optional(),
  host: z.string().min(1).optional(),
  port: integer(1, 65535),
  database: z.string().min(1).optional(),
  user: z.string().min(1).optional(),
  password: z
    .union([
      z.string(),
      z.custom<PasswordProvider>((value) => typeof value === 'function'),
    ])
    .optional(),
  tls: tlsSchema.optional(),
  applicationName: z.string().optional(),
  pool: z
    .strictObject({
      min: integer(0),
      max: integer(1),
      acquireTimeoutMs: ms(1),
      idleTimeoutMs: ms(1),
      maxLifetimeMs: ms(1),
      connectTimeoutMs: ms(1),
      evictionIntervalMs: ms(1),
    })
    .optional(),
  session: z
    .strictObject({
      statementTimeoutMs: ms(0),
      queryGroup: z.string().max(320).optional(),
      searchPath: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  fetchSize: integer(2),
  retry: z
    .strictObject({
      enabled: z.boolean().optional(),
      maxAttempts: integer(1),
      initialDelayMs: ms(0),
      maxDelayMs: ms(0),
      maxElapsedMs: ms(0),
    })
    .optional(),
  circuitBreaker: z
    .strictObject({
      enabled: z.boolean().optional(),
      failureThreshold: integer(1),
      halfOpenAfterMs: ms(1),
    })
    .optional(),
  queryTimeoutMs: ms(0),
  cancelTimeoutMs: ms(1),
  endpointKind: z.enum(['provisioned', 'serverless']).optional(),
  telemetry: z
    .strictObject({
      enabled: z.boolean().optional(),
      tracerProvider: z
        .custom<TracerProvider>((value) => hasMethod(value, 'getTracer'))
        .optional(),
      meterProvider: z
        .custom<MeterProvider>((value) => hasMethod(value, 'getMeter'))
        .optional(),
    })
    .optional(),
  iam: z
    .union([
      z.literal(true),
      z.strictObject({
        kind: z.enum(['provisioned', 'serverless']).optional(),
        clusterIdentifier: z.string().min(1).max(63).optional(),
        workgroupName: z.string().min(3).max(64).optional(),
        region: z
          .string()
          .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/)
          .optional(),
        dbUser: z.string().min(1).max(128).optional(),
        dbGroups: z.array(z.string().min(1)).optional(),
        autoCreate: z.boolean().optional(),
        durationSeconds: integer(900, 3600),
        withIam: z.boolean().optional(),
        profile: z.string().min(1).optional(),
        roleArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/)
          .optional(),
        credentials: z
          .custom<AwsCredentialsInput>(
            (value) =>
              typeof value === 'function' ||
              (isObject(value) &&
                typeof value['accessKeyId'] === 'string' &&
                typeof value['secretAccessKey'] === 'string'),
          )
          .optional(),
        endpoint: z.url().optional(),
        refreshSkewMs: ms(0),
      }),
    ])
    .optional(),
  types: z
    .strictObject({
      int8: z.enum(['bigint', 'string']).optional(),
      numeric: z.enum(['string', 'number']).optional(),
    })
    .optional(),
})

const MODES = TLS_MODES.map((m) => `'${m}'`).join(' | ')
const MS = 'integer milliseconds >= 1'

/** The expected form of each field, by dotted path (`*` for array items). */
export const EXPECTED: Readonly<Record<string, string>> = Object.freeze({
  '': 'an object or a connection URL',
  url: 'redshift://, postgres:// or postgresql:// URL',
  host: 'hostname or IP address',
  port: 'integer 1..65535',
  database: 'non-empty string',
  user: 'non-empty string',
  password: 'string, or async function returning a string',
  tls: `${MODES}, or { mode, ca, servername }`,
  'tls.mode': MODES,
  'tls.ca': 'PEM certificate(s), as string or Buffer',
  'tls.servername': 'hostname',
  applicationName: 'string',
  pool: 'object',
  'pool.min': 'integer >= 0, <= pool.max',
  'pool.max': 'integer >= 1',
  'pool.acquireTimeoutMs': MS,
  'pool.idleTimeoutMs': MS,
  'pool.maxLifetimeMs': MS,
  'pool.connectTimeoutMs': MS,
  'pool.evictionIntervalMs': MS,
  session: 'object',
  'session.statementTimeoutMs': 'integer milliseconds >= 0 (0 = no timeout)',
  'session.queryGroup': 'string of at most 320 characters',
  'session.searchPath': 'array of schema names',
  'session.searchPath.*': 'non-empty schema name',
  fetchSize: 'integer >= 2 (a 1-row fetch fails on Redshift)',
  retry: 'object',
  'retry.enabled': 'boolean',
  'retry.maxAttempts': 'integer >= 1',
  'retry.initialDelayMs': 'integer milliseconds >= 0, <= retry.maxDelayMs',
  'retry.maxDelayMs': 'integer milliseconds >= 0',
  'retry.maxElapsedMs':
    'integer milliseconds >= 0 (no retry starts later than this after the first failure)',
  circuitBreaker: 'object',
  'circuitBreaker.enabled':
    'boolean (default: true when a circuitBreaker section is given)',
  'circuitBreaker.failureThreshold': 'integer >= 1',
  'circuitBreaker.halfOpenAfterMs': MS,
  queryTimeoutMs: 'integer milliseconds >= 0 (0 = no timeout)',
  cancelTimeoutMs:
    'integer milliseconds >= 1 (how long a timed-out statement has to stop after its cancel)',
  endpointKind:
    "'provisioned' | 'serverless' (left out: detected once per client)",
  telemetry: 'object',
  'telemetry.enabled': 'boolean',
  'telemetry.tracerProvider': 'an OpenTelemetry TracerProvider',
  'telemetry.meterProvider': 'an OpenTelemetry MeterProvider',
  iam: 'true, or an object of IAM settings',
  'iam.kind': "'provisioned' | 'serverless'",
  'iam.clusterIdentifier': 'cluster identifier, 1..63 characters',
  'iam.workgroupName': 'workgroup name, 3..64 characters',
  'iam.region': 'AWS region, e.g. us-east-1',
  'iam.dbUser': 'database user name, 1..128 characters',
  'iam.dbGroups': 'array of database group names',
  'iam.dbGroups.*': 'non-empty group name',
  'iam.autoCreate': 'boolean',
  'iam.durationSeconds': 'integer seconds 900..3600',
  'iam.withIam': 'boolean',
  'iam.profile': 'AWS profile name',
  'iam.roleArn': 'IAM role ARN, arn:aws:iam::<account>:role/<name>',
  'iam.credentials':
    '{ accessKeyId, secretAccessKey, sessionToken? } or an AWS credential provider',
  'iam.endpoint': 'http(s) URL',
  'iam.refreshSkewMs': 'integer milliseconds >= 0',
  types: 'object',
  'types.int8': "'bigint' | 'string'",
  'types.numeric': "'string' | 'number'",
})

/** The expected form for a dotted path, array indexes matched by `*`. */
export function expectedFor(path: string): string | undefined {
  return EXPECTED[path] ?? EXPECTED[path.replace(/\.\d+(?=\.|$)/g, '.*')]
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function hasMethod(value: unknown, name: string): boolean {
  return isObject(value) && typeof value[name] === 'function'
}
