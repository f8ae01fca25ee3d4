import type { ErrorFields } from '../protocol/error-fields.js'
import {
  preciseNow,
  type NestedCall,
  type QueryRun,
} from '../runtime/query-run.js'

const CALL = /^\s*call\s/i

/** The notice a procedure raises when it starts as a nested call (`procedure-catalog.ts`). */
export const NESTED_CALL_STARTED = 'RL002'
/** The notice a body raises after a CALL it made returned. */
export const NESTED_CALL_RETURNED = 'RL003'

/**
 * Whether `fields` is one of the notices that tell the session a nested
 * call started or returned: the session keeps them on the CALL the client
 * sent (SVL_STORED_PROC_CALL, r_SVL_STORED_PROC_CALL.html: `from_sp_call`
 * is the calling call's query id) and does not pass them on. Query ids
 * come from `nextQueryId`. A call's end is known when its caller's body
 * reaches the statement after the CALL; one that ends otherwise (a CALL
 * run through EXECUTE, an error its caller catches) ends, in the log, when
 * the next nested call at its depth or above starts or returns, as a call
 * that completed, or when the outer call ends, with the outer call's
 * outcome.
 *
 * @example
 * ```ts
 * if (keepNestedCall(run, fields, () => runtime.nextQueryId())) return // not for the client
 * ```
 */
export function keepNestedCall(
  run: QueryRun | undefined,
  fields: ErrorFields,
  nextQueryId: () => number,
): boolean {
  const started = fields.code === NESTED_CALL_STARTED
  if (!started && fields.code !== NESTED_CALL_RETURNED) return false
  if (fields.severity !== 'INFO') return false
  const depth = Number(fields.message)
  if (run === undefined || !CALL.test(run.text) || !Number.isInteger(depth))
    return true
  const at = preciseNow()
  const calls = run.nestedCalls
  // Calls deeper than the event (at its depth too, when one starts there)
  // are no longer on the stack: they ended while their callers went on.
  for (const call of calls) {
    if (
      call.endedAt === 0 &&
      (call.depth > depth || (started && call.depth === depth))
    ) {
      call.endedAt = at
      call.returned = true
    }
  }
  if (!started) {
    const call = latestOpen(calls, depth)
    if (call !== undefined) {
      call.endedAt = at
      call.returned = true
    }
    return true
  }
  calls.push({
    queryId: nextQueryId(),
    depth,
    text: fields.detail ?? '',
    caller: latestOpen(calls, depth - 1)?.queryId ?? run.queryId,
    startedAt: at,
    endedAt: 0,
    returned: false,
  })
  return true
}

function latestOpen(
  calls: readonly NestedCall[],
  depth: number,
): NestedCall | undefined {
  for (let i = calls.length - 1; i >= 0; i--) {
    const call = calls[i]!
    if (call.depth === depth && call.endedAt === 0) return call
  }
  return undefined
}
