import { LOG_LEVELS } from '../catalog/stored-proc-log.js'
import type { ErrorFields } from '../protocol/error-fields.js'
import { preciseNow, type QueryRun } from '../runtime/query-run.js'

const CALL = /^\s*call\s/i
const RAISED = /line (\d+) at RAISE$/

/**
 * Keeps, on the run of a CALL the client sent, a message RAISE sent
 * (SVL_STORED_PROC_MESSAGES): a notice of level LOG, INFO, NOTICE or
 * WARNING, or the error of a `RAISE EXCEPTION` (SQLSTATE P0001) that ends
 * the call. The context PL/pgSQL adds (`... line 3 at RAISE`) tells RAISE's
 * messages from other notices and gives the line. `minLevel` is the
 * session's `stored_proc_log_min_messages`.
 *
 * @example
 * ```ts
 * keepProcedureMessage(run, fields, 'LOG') // run.messages: [{ level: 30, message: 'f1 = 5', line: 3, ... }]
 * ```
 */
export function keepProcedureMessage(
  run: QueryRun | undefined,
  fields: ErrorFields,
  minLevel: string | undefined,
): void {
  if (run === undefined || !CALL.test(run.text)) return
  const raised = RAISED.exec(fields.where?.split('\n')[0] ?? '')
  if (raised === null) return
  const level =
    fields.severity === 'ERROR'
      ? fields.code === 'P0001'
        ? LOG_LEVELS['EXCEPTION']
        : undefined
      : LOG_LEVELS[fields.severity]
  if (level === undefined) return
  run.messages.push({
    level,
    message: fields.message ?? '',
    line: Number(raised[1]),
    at: preciseNow(),
    minLevel: LOG_LEVELS[(minLevel ?? 'LOG').toUpperCase()] ?? 20,
  })
}
