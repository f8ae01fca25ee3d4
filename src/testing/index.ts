export { createMockRedshift } from './create-mock-redshift.js'
export type { MockRedshiftOptions } from './create-mock-redshift.js'
export type { MockRedshift } from './mock-redshift.js'
export type { DatabaseIsolation } from './mock-redshift-driver.js'
export type { MockRule, MockRuleBuilder, MockRuleOptions } from './mock-rule.js'
export type { QueryMatcher } from './query-matcher.js'
export type {
  MockQuery,
  RecordedQuery,
  TransactionControl,
} from './recorded-query.js'
export type {
  CannedResponse,
  CannedResult,
  CannedRow,
} from './canned-result.js'
export { redshiftError } from './redshift-error.js'
export type { ErrorResponseFields } from './error-response.js'
export type {
  SerializationFailureOptions,
  SocketError,
} from './redshift-error-presets.js'
export { UnmatchedQueryError } from './unmatched-query-error.js'
