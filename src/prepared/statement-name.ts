import { PreparedStatementError } from './prepared-statement-error.js'

// PostgreSQL truncates the name in `DEALLOCATE name` to 63 bytes (Redshift to
// 127), while the protocol's Parse keeps it whole: a longer name could never
// be deallocated by SQL. Lower case only, because Redshift folds even quoted
// names to lower case: `"Sales"` in SQL and `Sales` on the wire would be two
// names.
const MAX_NAME_BYTES = 63
const NAME = /^[a-z_][a-z0-9_]*$/

/**
 * Checks a prepared statement's name: a lower-case identifier (letters,
 * digits, `_`, not starting with a digit) of at most 63 characters. Throws
 * {@link PreparedStatementError} (`invalid-name`) naming the rule.
 *
 * ```ts
 * validateStatementName('sales_by_id') // 'sales_by_id'
 * validateStatementName('Sales')       // throws: lower case only
 * ```
 */
export function validateStatementName(name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new PreparedStatementError({
      statement: String(name),
      problem: 'invalid-name',
      message:
        'the name must be a lower-case identifier: a-z, 0-9 and _, not starting with a digit (Redshift folds names to lower case)',
    })
  }
  if (name.length > MAX_NAME_BYTES) {
    throw new PreparedStatementError({
      statement: name,
      problem: 'invalid-name',
      message: `the name is ${name.length} characters long; at most ${MAX_NAME_BYTES} are allowed (DEALLOCATE truncates longer names)`,
    })
  }
  return name
}
