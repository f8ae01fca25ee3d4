import { quoteLiteral } from '../sql/quote.js'
import type { BackendChannel } from './backend-channel.js'

/**
 * Runs `work` on the session's connection with floats written exactly
 * (PostgreSQL's shortest round-trip form), then restores the session's
 * `extra_float_digits`. Sessions default to Redshift's 0 (6 and 15
 * significant digits, as SELECT shows them); the files UNLOAD writes must
 * load back with COPY to the same values. One extra round trip before and
 * one after.
 *
 * @example
 * ```ts
 * const outcome = await withExactFloats(channel, () => writeUnload(plan, target))
 * ```
 */
export async function withExactFloats<T>(
  channel: BackendChannel,
  work: () => Promise<T>,
): Promise<T> {
  const before = await channel.query(
    "select pg_catalog.current_setting('extra_float_digits'), pg_catalog.set_config('extra_float_digits', '1', false)",
  )
  const previous = before.rows[0]?.[0] ?? '1'
  try {
    return await work()
  } finally {
    if (previous !== '1') {
      await channel
        .query(
          `select pg_catalog.set_config('extra_float_digits', ${quoteLiteral(previous)}, false)`,
        )
        .catch(() => {})
    }
  }
}
