export {
  ABANDONED_ASYNC_QUERY_WARNING,
  AsyncQuery,
  closeAsyncQueries,
  submitQuery,
  type AsyncQueryStatus,
  type SubmitOptions,
  type SubmitSource,
} from './async-query.js'
export {
  distributionMeaning,
  isDistributionStep,
  redistributionCost,
  type DistributionStep,
  type ExplainPlan,
  type PlanCost,
  type PlanNode,
  type RedistributionCost,
} from './explain-plan.js'
export { explainQuery, type ExplainSource } from './explain-query.js'
export {
  tableLoadErrors,
  type LoadErrorsOptions,
  type TableLoadError,
} from './load-errors.js'
export { parseExplain } from './parse-explain.js'
export {
  queryMetrics,
  type ProvisionedQueryMetrics,
  type QueryMetrics,
  type QueryMetricsFields,
  type QueryStep,
  type ServerlessQueryMetrics,
} from './query-metrics.js'
export { redshiftMonitor, type RedshiftMonitor } from './redshift-monitor.js'
export { renderPlan, type RenderPlanOptions } from './render-plan.js'
