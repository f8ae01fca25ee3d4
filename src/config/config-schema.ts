import { z } from 'zod'

import type { PasswordProvider } from './redshift-config.js'

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
      maxAttempts: integer(1),
      initialDelayMs: ms(0),
      maxDelayMs: ms(0),
    })
    .optional(),
  circuitBreaker: z
    .strictObject({
      enabled: z.boolean().optional(),
      failureThreshold: integer(1),
      halfOpenAfterMs: ms(1),
    })
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
  'retry.maxAttempts': 'integer >= 1',
  'retry.initialDelayMs': 'integer milliseconds >= 0, <= retry.maxDelayMs',
  'retry.maxDelayMs': 'integer milliseconds >= 0',
  circuitBreaker: 'object',
  'circuitBreaker.enabled': 'boolean',
  'circuitBreaker.failureThreshold': 'integer >= 1',
  'circuitBreaker.halfOpenAfterMs': MS,
  types: 'object',
  'types.int8': "'bigint' | 'string'",
  'types.numeric': "'string' | 'number'",
})

/** The expected form for a dotted path, array indexes matched by `*`. */
export function expectedFor(path: string): string | undefined {
  return EXPECTED[path] ?? EXPECTED[path.replace(/\.\d+(?=\.|$)/g, '.*')]
}
