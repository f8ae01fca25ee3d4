export { createStatementObserver } from './create-statement-observer.js'
export {
  NO_OBSERVATION,
  NO_OBSERVER,
  type StatementInfo,
  type StatementObservation,
  type StatementObserver,
} from './statement-observer.js'
