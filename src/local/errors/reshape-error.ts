import type { ErrorFields } from '../protocol/error-fields.js'
import { redshiftWording } from './redshift-wording.js'

/** What the session knows about the statement an error belongs to. */
export interface ErrorContext {
  /** Query id of the failed statement (shown in the cancel message). */
  readonly queryId: number | undefined
  /** Message given with `CANCEL pid 'message'`, when that caused the error. */
  readonly cancelMessage: string | undefined
  /** 'serializable' reports conflicts as 1023; 'snapshot' as Redshift's snapshot text. */
  readonly isolation: 'serializable' | 'snapshot'
  /** Table the conflicting statement touched (name), for the 1023 detail. */
  readonly table: string | undefined
  /** That table's OID: Redshift's 1023 detail names the table by its id. */
  readonly tableId?: number | undefined
  /** Emulator transaction ids of this and the other transaction in the conflict. */
  readonly xid: number
  readonly otherXid: number | undefined
  readonly otherPid: number | undefined
  /** The statement as the client wrote it, for errors worded after it (DROP USER). */
  readonly statement?: string
}

/**
 * Turns a PostgreSQL error into the error Redshift would send for the same
 * condition, or returns `undefined` to pass it through untouched:
 *
 * - serialization failure (40001) -> `XX000` with message `1023` and
 *   Redshift's "Serializable isolation violation on table - <table id>"
 *   detail (the OID; the name only when it is not known), or, under
 *   snapshot isolation, "could not complete because of conflict with
 *   concurrent transaction";
 * - statement timeout or cancel (57014) -> `57014` `Query (N) cancelled on
 *   user's request`, or the message given to `CANCEL pid 'message'`;
 * - the errors Redshift words otherwise (see `redshiftWording`).
 *
 * @example
 * ```ts
 * reshapeError({ severity: 'ERROR', code: '40001', message: 'could not serialize access' }, context)
 * // { code: 'XX000', message: '1023', detail: 'Serializable isolation violation on table - 100123, ...' }
 * ```
 */
export function reshapeError(
  error: ErrorFields,
  context: ErrorContext,
): ErrorFields | undefined {
  const reworded = reword(error, context)
  const base = reworded ?? error
  const outside = withoutInternalContext(base)
  return outside === base ? reworded : outside
}

/** Names the emulator's own schemas: no Redshift error mentions them. */
const INTERNAL = /\bredshift_local(?:_types)?\./

/**
 * Drops the context lines (and the internal query) that name the emulator's
 * own functions: Redshift's error for a value too long or a bad date comes
 * from the engine and has no PL/pgSQL context, so a client would otherwise
 * see frames Redshift never sends; the statement such a frame ran (the
 * CREATE USER `run_user_logged` runs) goes with it. A user procedure's
 * frames stay. Notices too: a warning the emulator raises from its own
 * procedure comes, on Redshift, from the engine.
 *
 * @example
 * ```ts
 * withoutInternalContext({ ..., where: 'PL/pgSQL function redshift_local.f() line 3 at RAISE' })
 * // { ... } without `where`
 * ```
 */
export function withoutInternalContext(error: ErrorFields): ErrorFields {
  const internalQuery = error.other?.some(
    ([letter, value]) => letter === 'q' && INTERNAL.test(value),
  )
  if (
    !internalQuery &&
    (error.where === undefined || !INTERNAL.test(error.where))
  )
    return error
  const { where, other, ...rest } = error
  // PostgreSQL writes the statement a frame ran on the line before it.
  const all = (where ?? '').split('\n')
  const dropped = all.map(
    (l, i) =>
      INTERNAL.test(l) ||
      (l.startsWith('SQL statement "') && INTERNAL.test(all[i + 1] ?? '')),
  )
  // A SQL-language frame names its function without the schema: one right
  // outside a dropped frame is the emulator's own function that called it
  // (a trigger of an internal table fired by its INSERT).
  for (let i = 1; i < all.length; i++)
    if (dropped[i - 1] && all[i]!.startsWith('SQL function "'))
      dropped[i] = true
  const lines = all.filter((_l, i) => !dropped[i])
  const kept = internalQuery
    ? other?.filter(([letter]) => letter !== 'q' && letter !== 'p')
    : other
  return {
    ...rest,
    ...(lines.some((l) => l !== '') ? { where: lines.join('\n') } : {}),
    ...(kept !== undefined && kept.length > 0 ? { other: kept } : {}),
  }
}

function reword(
  error: ErrorFields,
  context: ErrorContext,
): ErrorFields | undefined {
  if (error.code === '40001') {
    if (context.isolation === 'snapshot') {
      return {
        severity: error.severity,
        code: 'XX000',
        message:
          'could not complete because of conflict with concurrent transaction',
        detail: `Transaction ${context.xid} conflicts with a concurrent transaction${
          context.table ? ` on table - ${context.table}` : ''
        }.`,
      }
    }
    const cycle =
      context.otherXid !== undefined
        ? `${context.xid}, ${context.otherXid}${
            context.otherPid !== undefined ? ` (pid:${context.otherPid})` : ''
          }`
        : `${context.xid}`
    return {
      severity: error.severity,
      code: 'XX000',
      message: '1023',
      detail: `Serializable isolation violation on table - ${
        context.tableId ?? context.table ?? 'unknown'
      }, transactions forming the cycle are: ${cycle}`,
    }
  }
  if (error.code === '57014' && error.severity === 'ERROR') {
    return {
      severity: error.severity,
      code: '57014',
      message:
        context.cancelMessage ??
        `Query (${context.queryId ?? -1}) cancelled on user's request`,
    }
  }
  return redshiftWording(error, context.statement)
}
