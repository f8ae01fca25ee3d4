import type { ErrorFields } from '../protocol/error-fields.js'
import { withoutInternalContext } from './reshape-error.js'

/** PostgreSQL's notice for `DROP TABLE IF EXISTS` of a table that is not there. */
const TABLE_SKIPPED = /^table "((?:[^"]|"")*)" does not exist, skipping$/

/**
 * A PostgreSQL notice Redshift words otherwise, in Redshift's words (null:
 * as PostgreSQL sends it). `DROP TABLE IF EXISTS` of a missing table says
 * `INFO:  Table "tmp_tbl" does not exist and will be skipped`
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_CALL_procedure.html,
 * from a procedure's `DROP TABLE IF EXISTS tmp_tbl`); Redshift's words for
 * other kinds of object are not documented and stay PostgreSQL's. A notice
 * raised by the emulator's own procedures loses those frames of its context
 * (see `withoutInternalContext`).
 *
 * @example
 * ```ts
 * redshiftNotice({ severity: 'NOTICE', code: '00000', message: 'table "t" does not exist, skipping' })
 * // { severity: 'INFO', code: '00000', message: 'Table "t" does not exist and will be skipped' }
 * ```
 */
export function redshiftNotice(fields: ErrorFields): ErrorFields | null {
  const worded = reworded(fields) ?? fields
  const outside = withoutInternalContext(worded)
  return outside === fields ? null : outside
}

function reworded(fields: ErrorFields): ErrorFields | null {
  if (fields.code !== '00000') return null
  const table = TABLE_SKIPPED.exec(fields.message)
  if (table === null) return null
  return {
    ...fields,
    severity: 'INFO',
    message: `Table "${table[1]}" does not exist and will be skipped`,
    ...(fields.other !== undefined
      ? {
          other: fields.other.map(([letter, value]) =>
            letter === 'V' ? (['V', 'INFO'] as const) : [letter, value],
          ),
        }
      : {}),
  }
}
