import type { z } from 'zod'

import {
  RedshiftConfigError,
  redactSecrets,
  type RedshiftConfigIssue,
} from '../errors/index.js'
import { configInputSchema, expectedFor } from './config-schema.js'
import { isLoopbackHost } from './is-loopback-host.js'
import { readConnectionUrl } from './parse-connection-url.js'
import type {
  AwsCredentialsInput,
  PasswordProvider,
  RedshiftConfig,
  RedshiftIamConfig,
  TlsMode,
} from './redshift-config.js'
import type { RedshiftConfigInput } from './redshift-config-input.js'

type ValidInput = z.infer<typeof configInputSchema>

// Sections whose keys a URL and the explicit fields may both set.
const SECTIONS = [
  'tls',
  'pool',
  'session',
  'retry',
  'circuitBreaker',
  'telemetry',
  'iam',
  'types',
] as const

const PEM_CERTIFICATE =
  /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/

/**
 * Validates a configuration and fills in every default. A string is read as a
 * connection URL; an object may also carry a `url`, which its other fields
 * override. Throws {@link RedshiftConfigError} listing *all* invalid fields,
 * each with its dotted path and expected form; no message ever contains the
 * password.
 *
 * ```ts
 * const config = parseRedshiftConfig({
 *   url: process.env.REDSHIFT_URL,
 *   pool: { max: 20 },
 *   session: { queryGroup: 'dashboards' },
 * })
 * ```
 */
export function parseRedshiftConfig(
  input: RedshiftConfigInput | RedshiftConfig | string,
): RedshiftConfig {
  // A config this function made is complete and valid as it is; parsing it
  // again would read its password provider and IAM settings as user input.
  if (typeof input === 'object' && input !== null && PARSED.has(input)) {
    return input as RedshiftConfig
  }
  const raw: unknown = typeof input === 'string' ? { url: input } : input
  if (!isRecord(raw)) {
    throw new RedshiftConfigError({
      issues: [
        {
          path: '',
          message: 'must be an object or a URL string',
          expected: expectedFor(''),
        },
      ],
    })
  }
  const issues: RedshiftConfigIssue[] = []
  const { merged, urlReadable } = mergeUrl(raw, issues)
  const result = configInputSchema.safeParse(merged)
  if (!result.success) issues.push(...result.error.issues.flatMap(toIssues))
  issues.push(...crossFieldIssues(merged, urlReadable))
  if (issues.length > 0 || !result.success) {
    throw new RedshiftConfigError({
      issues: redactIssues(issues, secretsOf(raw, merged)),
    })
  }
  const config = build(result.data)
  PARSED.add(config)
  return config
}

const PARSED = new WeakSet<object>()

/** The URL's settings under the explicit ones, section by section. */
function mergeUrl(
  raw: Record<string, unknown>,
  issues: RedshiftConfigIssue[],
): { merged: Record<string, unknown>; urlReadable: boolean } {
  const explicit = { ...raw }
  if (typeof explicit['tls'] === 'string') {
    explicit['tls'] = { mode: explicit['tls'] }
  }
  let fromUrl: Record<string, unknown> = {}
  let urlReadable = true
  if (typeof raw['url'] === 'string') {
    const read = readConnectionUrl(raw['url'])
    fromUrl = { ...read.input }
    urlReadable = read.readable
    issues.push(...read.issues)
  }
  const merged: Record<string, unknown> = { ...fromUrl, ...explicit }
  for (const section of SECTIONS) {
    const a = fromUrl[section]
    const b = explicit[section]
    if (isRecord(a) && isRecord(b)) merged[section] = { ...a, ...b }
  }
  return { merged, urlReadable }
}

function toIssues(issue: z.core.$ZodIssue): RedshiftConfigIssue[] {
  const base = issue.path.map(String)
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = [...base, key].join('.')
      return { path, message: 'is not a known field' }
    })
  }
  const path = base.join('.')
  const expected = expectedFor(path)
  const message = issue.message.replace(/^Invalid input: /, '')
  return [
    expected === undefined ? { path, message } : { path, message, expected },
  ]
}

/**
 * Rules between fields, checked only on fields that are themselves valid.
 * A URL that could not be read at all is where the host and user were meant
 * to come from: it is reported alone, not again as missing fields.
 */
function crossFieldIssues(
  input: Record<string, unknown>,
  urlReadable: boolean,
): RedshiftConfigIssue[] {
  const issues: RedshiftConfigIssue[] = []
  const issue = (path: string, message: string) => {
    const expected = expectedFor(path)
    issues.push(
      expected === undefined ? { path, message } : { path, message, expected },
    )
  }
  const host = input['host']
  if (host === undefined) {
    if (urlReadable) issue('host', 'is required')
  } else if (typeof host === 'string' && /[\s/@?#]/.test(host)) {
    issue('host', 'must be a bare host name, not a URL or path')
  }
  const iam = input['iam']
  // With IAM the user can come from the credentials (WithIAM, Serverless).
  if (input['user'] === undefined && urlReadable && iam === undefined) {
    issue('user', 'is required')
  }
  if (iam !== undefined && input['password'] !== undefined) {
    issue('password', 'must not be set with iam (IAM supplies the password)')
  }

  const pool = section(input, 'pool')
  const min = integerOr(pool['min'], 0, 0)
  const max = integerOr(pool['max'], 10, 1)
  if (min !== undefined && max !== undefined && min > max) {
    issue('pool.min', `must be <= pool.max (${max})`)
  }
  const retry = section(input, 'retry')
  const initial = integerOr(retry['initialDelayMs'], 100, 0)
  const ceiling = integerOr(retry['maxDelayMs'], 5000, 0)
  if (initial !== undefined && ceiling !== undefined && initial > ceiling) {
    issue('retry.initialDelayMs', `must be <= retry.maxDelayMs (${ceiling})`)
  }

  const tls = section(input, 'tls')
  const mode = tlsModeOf(tls['mode'], host)
  const ca = tls['ca']
  if (
    (mode === 'verify-ca' || mode === 'verify-full') &&
    (typeof ca === 'string' || Buffer.isBuffer(ca)) &&
    !PEM_CERTIFICATE.test(ca.toString('utf8'))
  ) {
    issue('tls.ca', `is not a PEM certificate, which ${mode} needs`)
  }
  return issues
}

function build(data: ValidInput): RedshiftConfig {
  // crossFieldIssues has established both are present.
  const host = data.host as string
  const tls = data.tls ?? {}
  const session = data.session ?? {}
  const ca = tls.ca === undefined ? undefined : copyCa(tls.ca)
  return Object.freeze({
    host,
    port: data.port ?? 5439,
    database: data.database ?? 'dev',
    // Only IAM may leave it out; its credentials then name the user.
    user: data.user ?? '',
    password: passwordProvider(data.password),
    tls: Object.freeze({
      mode: tlsModeOf(tls.mode, host) as TlsMode,
      ...(ca === undefined ? {} : { ca }),
      ...(tls.servername === undefined ? {} : { servername: tls.servername }),
    }),
    ...(data.applicationName === undefined
      ? {}
      : { applicationName: data.applicationName }),
    pool: Object.freeze({
      min: data.pool?.min ?? 0,
      max: data.pool?.max ?? 10,
      acquireTimeoutMs: data.pool?.acquireTimeoutMs ?? 30_000,
      idleTimeoutMs: data.pool?.idleTimeoutMs ?? 600_000,
      maxLifetimeMs: data.pool?.maxLifetimeMs ?? 3_600_000,
      connectTimeoutMs: data.pool?.connectTimeoutMs ?? 10_000,
      evictionIntervalMs: data.pool?.evictionIntervalMs ?? 10_000,
    }),
    session: Object.freeze({
      ...(session.statementTimeoutMs === undefined
        ? {}
        : { statementTimeoutMs: session.statementTimeoutMs }),
      ...(session.queryGroup === undefined
        ? {}
        : { queryGroup: session.queryGroup }),
      ...(session.searchPath === undefined
        ? {}
        : { searchPath: Object.freeze([...session.searchPath]) }),
    }),
    fetchSize: data.fetchSize ?? 1000,
    retry: Object.freeze({
      enabled: data.retry?.enabled ?? true,
      maxAttempts: data.retry?.maxAttempts ?? 3,
      initialDelayMs: data.retry?.initialDelayMs ?? 100,
      maxDelayMs: data.retry?.maxDelayMs ?? 5000,
      maxElapsedMs: data.retry?.maxElapsedMs ?? 30_000,
    }),
    circuitBreaker: Object.freeze({
      // Asking for a breaker (any circuitBreaker section) turns it on: its
      // threshold would otherwise be a setting that does nothing.
      enabled:
        data.circuitBreaker?.enabled ?? data.circuitBreaker !== undefined,
      failureThreshold: data.circuitBreaker?.failureThreshold ?? 5,
      halfOpenAfterMs: data.circuitBreaker?.halfOpenAfterMs ?? 30_000,
    }),
    queryTimeoutMs: data.queryTimeoutMs ?? 0,
    cancelTimeoutMs: data.cancelTimeoutMs ?? 2000,
    ...(data.endpointKind === undefined
      ? {}
      : { endpointKind: data.endpointKind }),
    telemetry: Object.freeze({
      enabled: data.telemetry?.enabled ?? true,
      ...(data.telemetry?.tracerProvider === undefined
        ? {}
        : { tracerProvider: data.telemetry.tracerProvider }),
      ...(data.telemetry?.meterProvider === undefined
        ? {}
        : { meterProvider: data.telemetry.meterProvider }),
    }),
    ...(data.iam === undefined ? {} : { iam: iamConfigOf(data.iam) }),
    types: Object.freeze({
      int8: data.types?.int8 ?? 'bigint',
      numeric: data.types?.numeric ?? 'string',
    }),
  })
}

function iamConfigOf(iam: NonNullable<ValidInput['iam']>): RedshiftIamConfig {
  const input = iam === true ? {} : iam
  const defined = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  )
  return Object.freeze({
    ...defined,
    ...(input.dbGroups === undefined
      ? {}
      : { dbGroups: Object.freeze([...input.dbGroups]) }),
    autoCreate: input.autoCreate ?? false,
    withIam: input.withIam ?? false,
    refreshSkewMs: input.refreshSkewMs ?? 60_000,
    // Fixed keys become a provider: a function prints no secret when the
    // config is logged or inspected.
    ...(input.credentials === undefined
      ? {}
      : { credentials: credentialsProvider(input.credentials) }),
  })
}

function credentialsProvider(
  credentials: AwsCredentialsInput,
): AwsCredentialsInput {
  if (typeof credentials === 'function') return credentials
  const fixed = Object.freeze({ ...credentials })
  return async function credentials() {
    return fixed
  }
}

/**
 * Wraps the password so the config never holds it as a readable field, and
 * checks what a user-supplied provider returns.
 */
function passwordProvider(
  password: string | PasswordProvider | undefined,
): PasswordProvider {
  if (typeof password !== 'function') {
    const value = password
    return async function password() {
      return value
    }
  }
  const provider = password
  return async function password() {
    const value: unknown = await provider()
    if (value !== undefined && typeof value !== 'string') {
      throw new RedshiftConfigError({
        issues: [
          {
            path: 'password',
            message: 'the provider returned something other than a string',
            expected: 'string or undefined',
          },
        ],
      })
    }
    return value
  }
}

// A Buffer cannot be frozen; a private copy at least keeps later changes to
// the caller's Buffer out of the config.
function copyCa(ca: string | Buffer): string | Buffer {
  return typeof ca === 'string' ? ca : Buffer.from(ca)
}

function tlsModeOf(mode: unknown, host: unknown): TlsMode | undefined {
  if (mode !== undefined) {
    return typeof mode === 'string' ? (mode as TlsMode) : undefined
  }
  if (typeof host !== 'string') return undefined
  return isLoopbackHost(host) ? 'disable' : 'verify-full'
}

function section(
  input: Record<string, unknown>,
  key: string,
): Record<string, unknown> {
  const value = input[key]
  return isRecord(value) ? value : {}
}

// The value if it is a valid integer, the default if absent, otherwise
// undefined: an invalid field is reported once, by the schema, not again here.
function integerOr(
  value: unknown,
  fallback: number,
  least: number,
): number | undefined {
  if (value === undefined) return fallback
  return Number.isInteger(value) && (value as number) >= least
    ? (value as number)
    : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function secretsOf(...sources: Record<string, unknown>[]): string[] {
  return sources.flatMap((source) =>
    typeof source['password'] === 'string' && source['password'] !== ''
      ? [source['password']]
      : [],
  )
}

// Messages are written without values, but a password must not get through
// even by a path nobody foresaw.
function redactIssues(
  issues: readonly RedshiftConfigIssue[],
  secrets: readonly string[],
): RedshiftConfigIssue[] {
  return issues.map((issue) => ({
    ...issue,
    path: redactSecrets(issue.path, secrets),
    message: redactSecrets(issue.message, secrets),
  }))
}
