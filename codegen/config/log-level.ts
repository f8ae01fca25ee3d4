/**
 * How much the CLI says on stderr, from nothing to every step.
 *
 * ```ts
 * LOG_LEVELS.includes('debug') // true
 * ```
 */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const

/**
 * One of {@link LOG_LEVELS}.
 *
 * ```ts
 * const level: LogLevel = 'warn'
 * ```
 */
export type LogLevel = (typeof LOG_LEVELS)[number]
