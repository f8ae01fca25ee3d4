import type { WlmQueue, WlmScheduler } from '../runtime/wlm.js'
import type { SessionSettings } from './session-settings.js'

/** What the session's settings say about routing, cached per settings version. */
export interface Routing {
  readonly version: number
  /** The query label logged with each statement (query_group or 'default'). */
  readonly label: string
  readonly queue: WlmQueue
  readonly slots: number
}

/**
 * Label, WLM queue and slot count for a session's current settings. Every
 * statement needs them, and they change only with a SET, so they are
 * recomputed only when the settings' version moves.
 *
 * @example
 * ```ts
 * const routing = new SessionRouting(runtime.wlm, 'awsuser', settings)
 * routing.current().queue.serviceClass
 * ```
 */
export class SessionRouting {
  readonly #wlm: WlmScheduler
  readonly #user: string
  readonly #settings: SessionSettings
  #cache: Routing | undefined

  constructor(wlm: WlmScheduler, user: string, settings: SessionSettings) {
    this.#wlm = wlm
    this.#user = user
    this.#settings = settings
  }

  /** The routing for the settings as they are now. */
  current(): Routing {
    const settings = this.#settings
    let routing = this.#cache
    if (routing === undefined || routing.version !== settings.version) {
      const group = settings.has('query_group')
        ? settings.get('query_group')
        : undefined
      routing = {
        version: settings.version,
        label: group === undefined ? 'default' : group.slice(0, 30),
        queue: this.#wlm.route(group, this.#user),
        slots: Number(settings.get('wlm_query_slot_count')),
      }
      this.#cache = routing
    }
    return routing
  }
}
