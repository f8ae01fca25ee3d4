import { quoteLiteral } from './quote.js'

/**
 * The PostgreSQL statement that seeds RANDOM() when the session sets
 * Redshift's SEED, or undefined for any other parameter. "If you use SET
 * SEED before making multiple RANDOM calls, RANDOM generates numbers in a
 * predictable sequence" (r_SET.html, r_RANDOM.html): PostgreSQL's own `seed`
 * setting reseeds its generator the same way. The numbers themselves are
 * PostgreSQL's, not the ones Redshift's generator gives for that seed.
 * RESET and DEFAULT only restore the value SHOW prints: PostgreSQL's `seed`
 * cannot be reset, and a generator already seeded stays so.
 *
 * @example
 * ```ts
 * randomSeedSql('seed', '.25', false) // "SET seed TO '.25'"
 * ```
 */
export function randomSeedSql(
  name: string,
  value: string | undefined,
  local: boolean,
): string | undefined {
  if (name !== 'seed' || value === undefined) return undefined
  return `SET ${local ? 'LOCAL ' : ''}seed TO ${quoteLiteral(value)}`
}
