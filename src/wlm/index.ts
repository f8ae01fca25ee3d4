export {
  cancelQuery,
  terminateQuery,
  type CancelOptions,
  type CancelResult,
} from './cancel-query.js'
export {
  endpointKindOf,
  requireProvisioned,
  type EndpointKind,
} from './endpoint-kind.js'
export {
  LONG_QUERY_GROUP_WARNING,
  QUERY_GROUP_LABEL_CHARS,
  checkQueryGroup,
  withQueryGroup,
  type QueryGroupOptions,
} from './query-group.js'
export { queueState, type WlmQueueState } from './queue-state.js'
export { redshiftWlm, type RedshiftWlm } from './redshift-wlm.js'
export {
  runningQueries,
  type ProvisionedRunningQuery,
  type RunningQuery,
  type RunningQueryFields,
  type ServerlessRunningQuery,
} from './running-queries.js'
