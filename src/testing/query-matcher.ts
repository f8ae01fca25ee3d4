import type { MockQuery } from './recorded-query.js'

/**
 * Selects queries: an exact SQL string, a regular expression tested
 * against the SQL, or a predicate over the whole query (SQL, parameters,
 * transaction).
 *
 * @example
 * ```ts
 * mock.on('select 1').returns([{ '?column?': 1 }])
 * mock.on(/from "sales"/).returns([{ id: 1 }])
 * mock.on((q) => q.inTransaction && q.parameters[0] === 42).returns([])
 * ```
 */
export type QueryMatcher = string | RegExp | ((query: MockQuery) => boolean)

/**
 * Tells whether `matcher` selects `query`.
 *
 * @example
 * ```ts
 * matchesQuery(/^select/, query) // true for any select
 * ```
 */
export function matchesQuery(matcher: QueryMatcher, query: MockQuery): boolean {
  if (typeof matcher === 'string') {
    return query.sql === matcher
  }
  if (matcher instanceof RegExp) {
    // `search` ignores `lastIndex`, so a `/g` or `/y` regexp matches the same
    // way on every call instead of alternating between hits and misses.
    return query.sql.search(matcher) !== -1
  }
  return matcher(query)
}

/**
 * A short human-readable form of a matcher, used in error messages.
 *
 * @example
 * ```ts
 * describeMatcher(/from "sales"/) // '/from "sales"/'
 * ```
 */
export function describeMatcher(matcher: QueryMatcher): string {
  if (typeof matcher === 'string') {
    return JSON.stringify(matcher)
  }
  if (matcher instanceof RegExp) {
    return String(matcher)
  }
  return matcher.name ? `predicate ${matcher.name}()` : 'predicate'
}
