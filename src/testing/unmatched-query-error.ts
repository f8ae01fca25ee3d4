import { describeMatcher } from './query-matcher.js'
import type { MockRule } from './mock-rule.js'
import type { MockQuery } from './recorded-query.js'

/**
 * Thrown in strict mode when a query matches no rule. It is a mistake in
 * the test setup rather than a database error, so it is never mapped to a
 * Redshift error and never marks a transaction as failed.
 *
 * @example
 * ```ts
 * const mock = createMockRedshift<DB>({ strict: true })
 * await expect(mock.db.selectFrom('sales').selectAll().execute()).rejects.toThrow(
 *   UnmatchedQueryError,
 * )
 * ```
 */
export class UnmatchedQueryError extends Error {
  /** The SQL text that matched nothing. */
  readonly sql: string
  /** How many bind parameters it had (their values are left out of the message). */
  readonly parameterCount: number

  constructor(query: MockQuery, rules: readonly MockRule[]) {
    super(formatMessage(query, rules))
    this.name = 'UnmatchedQueryError'
    this.sql = query.sql
    this.parameterCount = query.parameters.length
  }
}

function formatMessage(query: MockQuery, rules: readonly MockRule[]): string {
  const lines = [
    'No mock rule matches this query (strict mode):',
    `  ${query.sql}`,
    `  (${query.parameters.length} parameter${query.parameters.length === 1 ? '' : 's'})`,
  ]
  if (rules.length === 0) {
    lines.push('No rules are registered.')
  } else {
    lines.push('Rules, in the order they are tried:')
    rules.forEach((rule, index) => {
      const usage =
        rule.times === undefined
          ? `used ${rule.hits} times`
          : `used ${rule.hits} of ${rule.times} times`
      lines.push(`  ${index + 1}. ${describeMatcher(rule.matcher)} (${usage})`)
    })
  }
  lines.push(
    'Add one with mock.on(matcher).returns(...), or create the mock without strict.',
  )
  return lines.join('\n')
}
