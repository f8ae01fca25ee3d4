/**
 * The session parameters a pooled connection tracks. Each key is either a
 * value, or `null` for "the server's default for this login" (what a fresh
 * session starts with, and what `RESET` returns to).
 *
 * A key left out (`undefined`) means the same as `null` when the object is
 * the complete state a query wants; {@link mergeSessionSettings} turns a
 * baseline plus per-query overrides into such a complete state.
 *
 * ```ts
 * const wanted: SessionSettings = {
 *   queryGroup: 'etl',
 *   statementTimeoutMs: 60_000,
 *   searchPath: ['analytics', 'public'],
 * }
 * ```
 */
export interface SessionSettings {
  /** `query_group`: routes the query to a WLM queue and labels it in the query log. */
  readonly queryGroup?: string | null
  /** `statement_timeout` in milliseconds; `0` disables it. */
  readonly statementTimeoutMs?: number | null
  /** `search_path`, in order. */
  readonly searchPath?: readonly string[] | null
  /** `wlm_query_slot_count`: WLM slots each query takes (1..50). */
  readonly wlmQuerySlotCount?: number | null
}

/**
 * The keys of {@link SessionSettings}, in the order their statements are sent.
 *
 * ```ts
 * connection.markSessionUnknown(SESSION_KEYS) // forget them all
 * ```
 */
export const SESSION_KEYS = [
  'queryGroup',
  'statementTimeoutMs',
  'searchPath',
  'wlmQuerySlotCount',
] as const

export type SessionKey = (typeof SESSION_KEYS)[number]

/**
 * The empty settings: every parameter at the server's default.
 *
 * ```ts
 * await connection.ensureSession(DEFAULT_SESSION) // RESETs whatever was set
 * ```
 */
export const DEFAULT_SESSION: Readonly<SessionSettings> = Object.freeze({})

/**
 * Applies per-query overrides on top of a baseline: an override that is
 * `undefined` keeps the baseline's value, `null` asks for the server default.
 *
 * ```ts
 * mergeSessionSettings({ queryGroup: 'app' }, { statementTimeoutMs: 500 })
 * // { queryGroup: 'app', statementTimeoutMs: 500, searchPath: undefined }
 * ```
 */
export function mergeSessionSettings(
  baseline: Readonly<SessionSettings>,
  overrides: Readonly<SessionSettings> | undefined,
): Readonly<SessionSettings> {
  if (overrides === undefined) {
    return baseline
  }
  return Object.freeze({
    queryGroup:
      overrides.queryGroup === undefined
        ? baseline.queryGroup
        : overrides.queryGroup,
    statementTimeoutMs:
      overrides.statementTimeoutMs === undefined
        ? baseline.statementTimeoutMs
        : overrides.statementTimeoutMs,
    searchPath:
      overrides.searchPath === undefined
        ? baseline.searchPath
        : overrides.searchPath,
    wlmQuerySlotCount:
      overrides.wlmQuerySlotCount === undefined
        ? baseline.wlmQuerySlotCount
        : overrides.wlmQuerySlotCount,
  })
}

/**
 * Whether two values of one session key mean the same server state
 * (`undefined` and `null` both mean the default; arrays compare by element).
 *
 * ```ts
 * sameSessionValue(['a', 'b'], ['a', 'b']) // true
 * sameSessionValue(undefined, null) // true
 * ```
 */
export function sameSessionValue(
  a: SessionSettings[SessionKey],
  b: SessionSettings[SessionKey],
): boolean {
  const left = a ?? null
  const right = b ?? null
  if (left === right) {
    return true
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) {
      return false
    }
    for (let i = 0; i < left.length; i++) {
      if (left[i] !== right[i]) {
        return false
      }
    }
    return true
  }
  return false
}
