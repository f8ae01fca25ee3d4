import { RedshiftUnsupportedError } from '../../errors/index.js'

/**
 * A feature Kysely can build that Redshift refuses, with the Redshift way to
 * get the same result. Kept as data so one refusal can be raised from
 * several places with the same words.
 *
 * ```ts
 * const problem: Unsupported = { feature: 'DROP TYPE', alternative: '...' }
 * ```
 */
export interface Unsupported {
  readonly feature: string
  readonly alternative: string
}

/**
 * Throws the {@link RedshiftUnsupportedError} every compiler check raises.
 *
 * ```ts
 * unsupported('FETCH FIRST/NEXT ... ROWS', 'LIMIT (and OFFSET), or TOP n')
 * ```
 */
export function unsupported(feature: string, alternative: string): never {
  throw new RedshiftUnsupportedError({ feature, alternative })
}

/**
 * Throws for a refusal kept in a table of {@link Unsupported} features.
 *
 * ```ts
 * refuse(RETURNING)
 * ```
 */
export function refuse(problem: Unsupported): never {
  unsupported(problem.feature, problem.alternative)
}
