import type { SessionSettings } from './session-settings.js'

/**
 * Whether the session folds quoted identifiers to lower case (Redshift's
 * default), derived from its settings and recomputed only when they change:
 * every statement the session plans asks.
 *
 * @example
 * ```ts
 * const folding = new IdentifierFolding(settings)
 * planner.plan(text, folding.enabled)
 * ```
 */
export class IdentifierFolding {
  readonly #settings: SessionSettings
  #version = -1
  #fold = true

  constructor(settings: SessionSettings) {
    this.#settings = settings
  }

  /** True while `enable_case_sensitive_identifier` is off and `downcase_delimited_identifier` on. */
  get enabled(): boolean {
    const settings = this.#settings
    if (settings.version !== this.#version) {
      this.#version = settings.version
      this.#fold =
        settings.get('enable_case_sensitive_identifier') === 'off' &&
        settings.get('downcase_delimited_identifier') === 'on'
    }
    return this.#fold
  }
}
