import { quoteIdentifier, quoteLiteral } from '../sql/quote.js'
import type { BackendChannel } from './backend-channel.js'

/** The session's staging table for a COPY into a relation row security filters. */
const STAGE = 'pg_temp.redshift_local_copy_stage'

/**
 * Loads `chunks` into `target`'s `columns` where PostgreSQL's `COPY FROM`
 * refuses to (row security is active on the table for the user), as Redshift
 * loads it (t_rls_usage.html: COPY, like INSERT, is not filtered): into a
 * temporary table with the target's column types (`redshift_local.copy_stage`,
 * which needs no SELECT on the target, as COPY needs none), then one
 * `INSERT ... SELECT`, which the table's INSERT policy lets through as it
 * does any INSERT. The target's defaults, constraints and triggers apply as
 * they do to COPY; OVERRIDING SYSTEM VALUE writes identity columns as COPY
 * does (EXPLICIT_IDS). Resolves with COPY's tag (`COPY n`).
 *
 * @example
 * ```ts
 * const tag = await copyThroughStage(channel, '"public"."t"', 16384, ['a', 'b'], load.chunks)
 * ```
 */
export async function copyThroughStage(
  channel: BackendChannel,
  target: string,
  oid: number,
  columns: readonly string[],
  chunks: AsyncIterable<Buffer>,
): Promise<string> {
  const names = columns.map(quoteIdentifier).join(', ')
  const list = `array[${columns.map(quoteLiteral).join(', ')}]::text[]`
  await channel.query(`SELECT redshift_local.copy_stage(${oid}::oid, ${list})`)
  try {
    await channel.copyIn(`COPY ${STAGE} (${names}) FROM STDIN`, chunks)
    const result = await channel.query(
      `INSERT INTO ${target} (${names}) OVERRIDING SYSTEM VALUE SELECT ${names} FROM ${STAGE}`,
    )
    return `COPY ${/(\d+)$/.exec(result.tag)?.[1] ?? '0'}`
  } finally {
    // In an aborted transaction block the rollback drops it instead.
    await channel.query(`DROP TABLE IF EXISTS ${STAGE}`).catch(() => undefined)
  }
}
