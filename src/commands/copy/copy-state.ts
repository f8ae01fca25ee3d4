import type { Authorization } from '../authorization.js'

/**
 * One parameter of a COPY after its source and authorization: the keyword
 * the rules know it by, the SQL it compiles to (already escaped), and the
 * keywords it brings with it (`PARQUET` brings `PARQUET or ORC`, `CSV` with
 * a quote brings `QUOTE`).
 *
 * ```ts
 * const option: CopyOption = { keyword: 'MAXERROR', sql: 'MAXERROR 5', value: 5 }
 * ```
 */
export interface CopyOption {
  readonly keyword: string
  readonly sql: string
  readonly implies?: readonly string[]
  /** The numeric argument, for the options `execute()` reads (MAXERROR). */
  readonly value?: number
}

/** Where a COPY reads from, by the scheme of its FROM URL. */
export type CopySourceKeyword = 'S3' | 'DYNAMODB' | 'EMR'

/**
 * Everything a COPY builder holds: plain frozen data, replaced (never
 * changed) by each builder method.
 *
 * ```ts
 * const state: CopyState = { table: ['sales'], options: [] }
 * ```
 */
export interface CopyState {
  /** The table name, split on `.` into schema and table. */
  readonly table: readonly string[]
  readonly columns?: readonly string[]
  readonly source?: {
    readonly keyword: CopySourceKeyword
    readonly url: string
  }
  readonly authorization?: Authorization
  /** In the order they were given; one per keyword (a later call replaces). */
  readonly options: readonly CopyOption[]
}

/**
 * The state with `option` set: a keyword already held is replaced in place,
 * so the SQL keeps the order options were first given in.
 *
 * ```ts
 * withOption(state, { keyword: 'MAXERROR', sql: 'MAXERROR 5', value: 5 })
 * ```
 */
export function withOption(state: CopyState, option: CopyOption): CopyState {
  const index = state.options.findIndex((o) => o.keyword === option.keyword)
  const options =
    index === -1
      ? [...state.options, Object.freeze(option)]
      : state.options.map((o, i) => (i === index ? Object.freeze(option) : o))
  return Object.freeze({ ...state, options: Object.freeze(options) })
}
