import type { CompiledQuery, QueryResult } from 'kysely'

import { querySettingsOf } from '../dialect/query-settings-plugin.js'
import { mergeSessionSettings, type SessionSettings } from '../pool/index.js'
import { toQueryResult } from './canned-result.js'
import { mapInjectedError } from './map-injected-error.js'
import {
  MockRuleEntry,
  type MockRule,
  type MockRuleOptions,
  type RuleAnswer,
} from './mock-rule.js'
import { matchesQuery, type QueryMatcher } from './query-matcher.js'
import type {
  MockQuery,
  RecordedQuery,
  TransactionControl,
} from './recorded-query.js'
import { UnmatchedQueryError } from './unmatched-query-error.js'

/** Where a statement runs, as the connection knows it. */
export interface StatementContext {
  readonly transactionId: number | undefined
  readonly transactionControl?: TransactionControl
  readonly streamed?: boolean
}

/**
 * The server side of the mock, shared by every connection: the rules, the
 * query log and the transaction counter.
 */
export class MockBackend {
  readonly #strict: boolean
  readonly #session: Readonly<SessionSettings>
  #rules: MockRuleEntry[] = []
  #log: RecordedQuery[] = []
  #transactionCount = 0

  constructor(options: {
    readonly strict: boolean
    readonly session: Readonly<SessionSettings>
  }) {
    this.#strict = options.strict
    this.#session = options.session
  }

  get strict(): boolean {
    return this.#strict
  }

  get rules(): readonly MockRule[] {
    return Object.freeze([...this.#rules])
  }

  get queries(): readonly RecordedQuery[] {
    return Object.freeze([...this.#log])
  }

  get lastQuery(): RecordedQuery | undefined {
    return this.#log.at(-1)
  }

  addRule(
    matcher: QueryMatcher,
    options: MockRuleOptions,
    answer: RuleAnswer,
  ): MockRule {
    const rule = new MockRuleEntry(matcher, options, answer)
    this.#rules.push(rule)
    return rule
  }

  nextTransactionId(): number {
    return ++this.#transactionCount
  }

  clearQueries(): void {
    this.#log = []
  }

  reset(): void {
    this.#log = []
    this.#rules = []
    this.#transactionCount = 0
  }

  /** Builds the query as rules and predicates see it. */
  describe(compiledQuery: CompiledQuery, context: StatementContext): MockQuery {
    return Object.freeze({
      sql: compiledQuery.sql,
      parameters: Object.freeze([...compiledQuery.parameters]),
      compiledQuery,
      timestamp: new Date(),
      transactionId: context.transactionId,
      inTransaction: context.transactionId !== undefined,
      transactionControl: context.transactionControl,
      streamed: context.streamed ?? false,
      session: mergeSessionSettings(
        this.#session,
        querySettingsOf(compiledQuery),
      ),
    })
  }

  /**
   * Answers `query` from the first matching rule that has uses left, or with
   * the default (empty) result, and logs it. Throws the rule's error, mapped
   * the way the real driver maps errors, or {@link UnmatchedQueryError} in
   * strict mode.
   */
  respond(query: MockQuery): QueryResult<unknown> {
    const rule = this.#rules.find(
      (candidate) =>
        !candidate.isExhausted && matchesQuery(candidate.matcher, query),
    )
    try {
      const result = this.#answer(query, rule)
      this.#record(query, rule, { failed: false })
      return result
    } catch (error) {
      this.#record(query, rule, { failed: true, error })
      throw error
    }
  }

  /** Logs a statement the session answered by itself, without the rules. */
  recordSessionAnswer(query: MockQuery, error?: unknown): void {
    this.#record(
      query,
      undefined,
      error === undefined ? { failed: false } : { failed: true, error },
    )
  }

  #answer(
    query: MockQuery,
    rule: MockRuleEntry | undefined,
  ): QueryResult<unknown> {
    if (!rule) {
      // Transaction control comes from the driver, not from the code under
      // test, so strict mode does not ask for rules for it.
      if (this.#strict && query.transactionControl === undefined) {
        throw new UnmatchedQueryError(query, this.rules)
      }
      return toQueryResult(undefined, query)
    }
    const outcome = rule.use(query)
    if (outcome.kind === 'error') {
      throw mapInjectedError(
        outcome.error,
        query.sql,
        query.session.statementTimeoutMs,
      )
    }
    return toQueryResult(outcome.result, query)
  }

  #record(
    query: MockQuery,
    rule: MockRule | undefined,
    outcome: { readonly failed: boolean; readonly error?: unknown },
  ): void {
    this.#log.push(
      Object.freeze({
        ...query,
        rule,
        failed: outcome.failed,
        error: outcome.error,
      }),
    )
  }
}
