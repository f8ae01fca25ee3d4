import type { Login, LoginProvider } from './login-provider.js'
import type { TemporaryLogin } from './temporary-login.js'

/** Options of {@link RefreshingLoginProvider}. */
export interface RefreshingLoginOptions {
  /**
   * A login is replaced this long before it expires (at most half its
   * lifetime, so a short-lived one is still reused).
   */
  readonly refreshSkewMs: number
  /** The clock, in epoch ms; replaceable in tests. */
  readonly now?: () => number
}

// A login this close to its expiry is not handed out even when the refresh
// failed: the connection's own handshake still has to happen before it.
const LAST_USE_MARGIN_MS = 1000

/**
 * Caches a temporary login and fetches the next one ahead of its expiry.
 * Concurrent callers share one fetch; an expired login is never handed out;
 * when a refresh ahead of time fails, the current login is used for as long
 * as it stays valid; `invalidate` drops a login the server refused.
 *
 * ```ts
 * const provider = new RefreshingLoginProvider(fetchFromIam, { refreshSkewMs: 60_000 })
 * const { user, password } = await provider.login()
 * ```
 */
export class RefreshingLoginProvider implements LoginProvider {
  readonly #fetch: () => Promise<TemporaryLogin>
  readonly #skewMs: number
  readonly #now: () => number
  #current:
    { readonly login: TemporaryLogin; readonly dueAt: number } | undefined
  #refreshing: Promise<TemporaryLogin> | undefined

  constructor(
    fetch: () => Promise<TemporaryLogin>,
    options: RefreshingLoginOptions,
  ) {
    this.#fetch = fetch
    this.#skewMs = options.refreshSkewMs
    this.#now = options.now ?? Date.now
  }

  async login(): Promise<Login> {
    const current = this.#current
    const now = this.#now()
    if (current !== undefined && now < current.dueAt) {
      return loginOf(current.login)
    }
    try {
      return loginOf(await this.#refresh())
    } catch (error) {
      // Ahead of expiry, a failed refresh (throttled, say) is no reason to
      // fail a connect that the current login still serves.
      if (
        current !== undefined &&
        this.#current === current &&
        this.#now() < current.login.expiresAt - LAST_USE_MARGIN_MS
      ) {
        return loginOf(current.login)
      }
      throw error
    }
  }

  invalidate(refused: Login): void {
    if (this.#current?.login.password === refused.password) {
      this.#current = undefined
    }
  }

  #refresh(): Promise<TemporaryLogin> {
    return (this.#refreshing ??= this.#fetch()
      .then((login) => {
        const fetchedAt = this.#now()
        const lifetime = login.expiresAt - fetchedAt
        const skew = Math.min(this.#skewMs, Math.max(0, lifetime / 2))
        // The API's own advice comes first when it is earlier.
        const dueAt = Math.min(
          login.expiresAt - skew,
          login.refreshAt ?? Infinity,
        )
        this.#current = { login, dueAt }
        return login
      })
      .finally(() => {
        this.#refreshing = undefined
      }))
  }
}

// A fresh object each time: callers cannot reach the cached one.
function loginOf(login: TemporaryLogin): Login {
  return { user: login.user, password: login.password }
}
