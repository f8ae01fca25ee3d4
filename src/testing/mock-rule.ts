import type { CannedResponse, CannedResult } from './canned-result.js'
import type { QueryMatcher } from './query-matcher.js'
import type { MockQuery } from './recorded-query.js'

/**
 * Options of {@link MockRedshift.on}.
 *
 * @example
 * ```ts
 * mock.on(/^insert/, { times: 2 }).fails(redshiftError.serializationFailure())
 * ```
 */
export interface MockRuleOptions {
  /**
   * How many queries the rule answers before it stops matching. Unlimited
   * when left out.
   */
  readonly times?: number
}

/**
 * A registered rule. Its counters let a test check how often it was used.
 *
 * @example
 * ```ts
 * const rule = mock.on(/from "sales"/).returns([{ id: 1 }])
 * await loadSales(mock.db)
 * expect(rule.hits).toBe(1)
 * ```
 */
export interface MockRule {
  /** What the rule matches. */
  readonly matcher: QueryMatcher
  /** The `times` limit, or `undefined` when unlimited. */
  readonly times: number | undefined
  /** How many queries the rule has answered. */
  readonly hits: number
  /** How many more queries it will answer (`Infinity` when unlimited). */
  readonly remaining: number
  /** Whether the `times` limit is used up. */
  readonly isExhausted: boolean
}

/**
 * The second half of {@link MockRedshift.on}: what matching queries get.
 *
 * @example
 * ```ts
 * mock.on('select 1').returns([{ '?column?': 1 }])
 * mock.on(/^update/).fails(redshiftError.serializationFailure())
 * ```
 */
export interface MockRuleBuilder {
  /**
   * Matching queries succeed with these rows / this row count (or with what
   * the function computes from the query). No argument means no rows.
   */
  returns(response?: CannedResponse): MockRule
  /** Matching queries fail with the error `build` makes for each of them. */
  fails(build: (query: MockQuery) => unknown): MockRule
  /**
   * Matching queries fail with this error. Errors go through the same
   * mapping as the real driver's, so a {@link redshiftError} comes out as a
   * typed error (`SerializationFailureError`, ...).
   */
  fails(error: unknown): MockRule
}

/** What a rule was told to give: a (function computing a) result, or an error. */
export type RuleAnswer =
  | { readonly kind: 'result'; readonly response: CannedResponse }
  | { readonly kind: 'error'; readonly error: unknown }

/** What a rule gives one query. */
export type RuleOutcome =
  | { readonly kind: 'result'; readonly result: CannedResult }
  | { readonly kind: 'error'; readonly error: unknown }

/**
 * Throws a `RangeError` unless `times` is absent or a positive integer.
 *
 * @example
 * ```ts
 * assertValidRuleOptions({ times: 0 }) // RangeError
 * ```
 */
export function assertValidRuleOptions(options: MockRuleOptions): void {
  const { times } = options
  if (times !== undefined && (!Number.isInteger(times) || times < 1)) {
    throw new RangeError(`times must be a positive integer, got ${times}`)
  }
}

/**
 * The mutable side of a rule, kept inside the mock. Users see it through
 * the read-only {@link MockRule} interface.
 */
export class MockRuleEntry implements MockRule {
  readonly matcher: QueryMatcher
  readonly times: number | undefined
  readonly #answer: RuleAnswer
  #hits = 0

  constructor(
    matcher: QueryMatcher,
    options: MockRuleOptions,
    answer: RuleAnswer,
  ) {
    assertValidRuleOptions(options)
    this.matcher = matcher
    this.times = options.times
    this.#answer = answer
  }

  get hits(): number {
    return this.#hits
  }

  get remaining(): number {
    return this.times === undefined ? Infinity : this.times - this.#hits
  }

  get isExhausted(): boolean {
    return this.remaining <= 0
  }

  /** Uses the rule once for `query`, returning the result or error to give. */
  use(query: MockQuery): RuleOutcome {
    this.#hits++
    if (this.#answer.kind === 'result') {
      const { response } = this.#answer
      return {
        kind: 'result',
        result: typeof response === 'function' ? response(query) : response,
      }
    }
    const { error } = this.#answer
    return {
      kind: 'error',
      error:
        typeof error === 'function'
          ? (error as (query: MockQuery) => unknown)(query)
          : error,
    }
  }
}
