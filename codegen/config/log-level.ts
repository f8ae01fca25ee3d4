/** How much the CLI says on stderr, from nothing to every step. */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number]
