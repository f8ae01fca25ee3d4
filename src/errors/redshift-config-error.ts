import { RedshiftError } from './redshift-error.js'

/** One invalid configuration field. */
export interface RedshiftConfigIssue {
  /** Dotted path of the field, e.g. `pool.max` or `tls.ca`. */
  readonly path: string
  /** What is wrong with it. Never contains the value of a secret. */
  readonly message: string
  /** The form the field must take, e.g. `integer >= 1`. */
  readonly expected?: string
}

/** Options of {@link RedshiftConfigError}. */
export interface RedshiftConfigErrorOptions {
  readonly issues: readonly RedshiftConfigIssue[]
}

/**
 * The configuration is invalid. Lists every bad field at once, each with its
 * path and expected form, so one run shows everything to fix.
 *
 * ```ts
 * try {
 *   parseRedshiftConfig({ host: '', pool: { min: 5, max: 2 } })
 * } catch (error) {
 *   if (error instanceof RedshiftConfigError) {
 *     for (const issue of error.issues) console.log(issue.path, issue.message)
 *   }
 * }
 * ```
 */
export class RedshiftConfigError extends RedshiftError {
  static {
    Object.defineProperty(this.prototype, 'name', {
      value: 'RedshiftConfigError',
      writable: true,
      configurable: true,
    })
  }

  readonly issues: readonly RedshiftConfigIssue[]

  constructor(options: RedshiftConfigErrorOptions) {
    super(formatIssues(options.issues))
    this.issues = Object.freeze(
      options.issues.map((issue) => Object.freeze({ ...issue })),
    )
  }
}

function formatIssues(issues: readonly RedshiftConfigIssue[]): string {
  const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`
  const lines = issues.map(
    (issue) =>
      `  - ${issue.path || '(root)'}: ${issue.message}` +
      (issue.expected === undefined ? '' : ` (expected ${issue.expected})`),
  )
  return [`Invalid Redshift configuration (${count}):`, ...lines].join('\n')
}
